// An accessibility fix on top of Material, run on every page.
// (The site enables no task lists, so Material's unlabelled task-list checkboxes never appear.)
(function () {
  // A table wider than the phone scrolls in its own box; keyboard users must be able to
  // reach and scroll it (axe: scrollable-region-focusable).
  function focusableScrollingTables() {
    document.querySelectorAll(".md-typeset table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) {
        if (!table.hasAttribute("tabindex")) table.setAttribute("tabindex", "0");
      } else if (table.getAttribute("tabindex") === "0") {
        table.removeAttribute("tabindex");
      }
    });
  }

  // Material's document$ fires on every page, also with instant navigation.
  if (typeof document$ !== "undefined") document$.subscribe(focusableScrollingTables);
  else document.addEventListener("DOMContentLoaded", focusableScrollingTables);
  window.addEventListener("resize", focusableScrollingTables);
})();
