// Zoom control for the 版面 image: the page still pinch-zooms; this helps on a desktop too.
(function () {
  "use strict";
  var viewport = document.querySelector("[data-zoom-target]");
  if (!viewport) return;
  var levels = [1, 1.5, 2, 3];
  var level = 0;
  function apply() {
    viewport.classList.remove("ep-z1", "ep-z2", "ep-z3");
    if (level > 0) viewport.classList.add("ep-z" + level);
  }
  document.querySelectorAll(".ep-zoom").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var step = button.getAttribute("data-zoom") === "in" ? 1 : -1;
      level = Math.max(0, Math.min(levels.length - 1, level + step));
      apply();
    });
  });
})();
