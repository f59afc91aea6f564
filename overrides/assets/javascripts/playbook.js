// Task-list checkboxes carry no text of their own: name each one after its list item, so a
// screen reader says what is being ticked (axe: label). Material swaps pages without a reload
// (instant navigation) only when that feature is on; document$ covers both cases.
(function () {
  function nameCheckboxes() {
    document.querySelectorAll(".task-list-item input[type=checkbox]").forEach(function (box) {
      if (box.getAttribute("aria-label") || box.getAttribute("aria-labelledby")) return;
      var item = box.closest(".task-list-item");
      var text = item ? item.textContent.replace(/\s+/g, " ").trim() : "";
      if (text) box.setAttribute("aria-label", text.slice(0, 200));
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(nameCheckboxes);
  else document.addEventListener("DOMContentLoaded", nameCheckboxes);
})();
