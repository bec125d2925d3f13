// 字号: the reader's choice of type size for stories, kept in this browser between visits.
(function () {
  "use strict";
  var KEY = "font-size";
  var root = document.documentElement;
  var control = document.querySelector("[data-font-size-control]");
  var saved = null;
  try { saved = window.localStorage.getItem(KEY); } catch (e) { /* storage off: no memory */ }

  function apply(size) {
    if (size && size !== "normal") { root.setAttribute("data-font-size", size); }
    else { root.removeAttribute("data-font-size"); }
    if (!control) { return; }
    control.querySelectorAll("button[data-size]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-size") === (size || "normal")));
    });
  }

  apply(saved);
  if (!control) { return; }
  control.hidden = false;  // without script the buttons would do nothing, so they start hidden
  control.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-size]");
    if (!button) { return; }
    var size = button.getAttribute("data-size");
    apply(size);
    try { window.localStorage.setItem(KEY, size); } catch (e) { /* storage off */ }
  });
}());
