// Small accessibility fixes on top of Material, run on every page.
(function () {
  // Task-list checkboxes carry no text of their own: name each one after its list item, so a
  // screen reader says what is being ticked (axe: label).
  function nameCheckboxes() {
    document.querySelectorAll(".task-list-item input[type=checkbox]").forEach(function (box) {
      if (box.getAttribute("aria-label") || box.getAttribute("aria-labelledby")) return;
      var item = box.closest(".task-list-item");
      var text = item ? item.textContent.replace(/\s+/g, " ").trim() : "";
      if (text) box.setAttribute("aria-label", text.slice(0, 200));
    });
  }

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

  function run() { nameCheckboxes(); focusableScrollingTables(); }
  // Material's document$ fires on every page, also with instant navigation.
  if (typeof document$ !== "undefined") document$.subscribe(run);
  else document.addEventListener("DOMContentLoaded", run);
  window.addEventListener("resize", focusableScrollingTables);
})();
