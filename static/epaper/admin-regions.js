// Draw a page's regions on its image: drag to draw, then pick the story by title; drag a box
// to move it, its corner to resize it, × to delete it. Each box is one row of the 热区 inline,
// so what is saved is exactly what the form holds (and the form works without this script).
(function () {
  "use strict";
  var PREFIX = "regions";
  var MIN = 0.01;

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function field(row, name) {
    return row.querySelector("[name$='-" + name + "']");
  }

  function clamp(v, lo, hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  function round(v) {
    return Math.round(v * 10000) / 10000;
  }

  ready(function () {
    var editor = document.querySelector("[data-region-editor]");
    var group = document.getElementById(PREFIX + "-group");
    if (!editor || !group) return;
    var boxes = [];
    var pending = null;

    function rows() {
      return Array.prototype.filter.call(
        group.querySelectorAll("tr.form-row"),
        function (row) { return !row.classList.contains("empty-form") && field(row, "x"); }
      );
    }

    function read(row) {
      return ["x", "y", "w", "h"].map(function (n) { return parseFloat(field(row, n).value); });
    }

    function write(row, r) {
      ["x", "y", "w", "h"].forEach(function (n, i) { field(row, n).value = round(r[i]); });
    }

    function label(row, index) {
      var select = field(row, "article");
      var text = "";
      if (select && select.selectedIndex >= 0 && select.value) text = select.options[select.selectedIndex].text;
      var listing = field(row, "listing");
      if (!text && listing && listing.value) text = "广告：" + listing.options[listing.selectedIndex].text;
      return (index + 1) + " " + (text || "（请选择稿件）");
    }

    function place(box, r) {
      box.style.left = r[0] * 100 + "%";
      box.style.top = r[1] * 100 + "%";
      box.style.width = r[2] * 100 + "%";
      box.style.height = r[3] * 100 + "%";
    }

    function point(event) {
      var rect = editor.getBoundingClientRect();
      return [
        clamp((event.clientX - rect.left) / rect.width, 0, 1),
        clamp((event.clientY - rect.top) / rect.height, 0, 1),
      ];
    }

    function isDeleted(row) {
      var del = field(row, "DELETE");
      return (del && del.checked) || !row.isConnected;
    }

    function render() {
      boxes.forEach(function (b) { b.remove(); });
      boxes = [];
      rows().forEach(function (row, index) {
        var r = read(row);
        if (r.some(isNaN) || isDeleted(row)) return;
        var box = document.createElement("div");
        box.className = "ep-box";
        box.setAttribute("data-row", row.id);
        var text = document.createElement("span");
        text.className = "ep-box-label";
        text.textContent = label(row, index);
        var del = document.createElement("button");
        del.type = "button";
        del.className = "ep-box-delete";
        del.textContent = "×";
        del.setAttribute("aria-label", "删除热区 " + (index + 1));
        var handle = document.createElement("span");
        handle.className = "ep-box-handle";
        box.append(text, del, handle);
        place(box, r);
        editor.appendChild(box);
        boxes.push(box);
        del.addEventListener("pointerdown", function (e) { e.stopPropagation(); });
        del.addEventListener("click", function (e) {
          e.preventDefault();
          remove(row);
        });
        box.addEventListener("pointerdown", function (e) {
          e.preventDefault();
          e.stopPropagation();
          drag(e, row, box, e.target === handle ? "resize" : "move");
        });
      });
    }

    function remove(row) {
      var del = field(row, "DELETE");
      if (del) {
        del.checked = true;
      } else {
        var link = row.querySelector(".inline-deletelink");
        if (link) link.click();
      }
      render();
    }

    function drag(event, row, box, mode) {
      var start = point(event);
      var r0 = read(row);
      box.classList.add("is-active");
      editor.setPointerCapture(event.pointerId);
      function move(e) {
        var p = point(e);
        var dx = p[0] - start[0];
        var dy = p[1] - start[1];
        var r;
        if (mode === "move") {
          r = [clamp(r0[0] + dx, 0, 1 - r0[2]), clamp(r0[1] + dy, 0, 1 - r0[3]), r0[2], r0[3]];
        } else {
          r = [r0[0], r0[1], clamp(r0[2] + dx, MIN, 1 - r0[0]), clamp(r0[3] + dy, MIN, 1 - r0[1])];
        }
        write(row, r);
        place(box, r);
      }
      function up() {
        editor.removeEventListener("pointermove", move);
        editor.removeEventListener("pointerup", up);
        box.classList.remove("is-active");
      }
      editor.addEventListener("pointermove", move);
      editor.addEventListener("pointerup", up);
    }

    editor.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      event.preventDefault();
      var start = point(event);
      var box = document.createElement("div");
      box.className = "ep-box is-drawing";
      editor.appendChild(box);
      editor.setPointerCapture(event.pointerId);
      var r = [start[0], start[1], 0, 0];
      function move(e) {
        var p = point(e);
        r = [Math.min(start[0], p[0]), Math.min(start[1], p[1]), Math.abs(p[0] - start[0]), Math.abs(p[1] - start[1])];
        place(box, r);
      }
      function up() {
        editor.removeEventListener("pointermove", move);
        editor.removeEventListener("pointerup", up);
        box.remove();
        if (r[2] < MIN || r[3] < MIN) return;
        var add = group.querySelector(".add-row a");
        if (!add) return;
        pending = r;
        add.click();
      }
      editor.addEventListener("pointermove", move);
      editor.addEventListener("pointerup", up);
    });

    // Django's inlines.js announces each new row; the region just drawn goes into it.
    document.addEventListener("formset:added", function (event) {
      if (!pending || event.detail.formsetName !== PREFIX) return;
      var row = event.target;
      var count = rows().length;
      write(row, pending);
      field(row, "position").value = count;
      pending = null;
      render();
      var select = field(row, "article");
      // After the click that ends the drag, which would otherwise close the picker at once.
      window.setTimeout(function () {
        if (window.django && django.jQuery && django.jQuery(select).data("select2")) {
          django.jQuery(select).select2("open");
        } else if (select) {
          select.focus();
        }
      }, 0);
    });
    document.addEventListener("formset:removed", function () { render(); });
    group.addEventListener("change", render);
    group.addEventListener("input", function (e) {
      if (/-(x|y|w|h)$/.test(e.target.name || "")) render();
    });
    if (window.django && django.jQuery) django.jQuery(group).on("select2:select", render);
    render();
  });
})();
