/* AskScope: accessible names for landmarks that Material leaves unnamed (axe "aria-dialog-name",
   "landmark-unique"): the search dialog, the list of a page's tags, and the toolbar (a <nav>) that
   Material adds to each code block when it scrolls into view, hence the observer. */
(function () {
  "use strict";
  function name(selector, label) {
    document.querySelectorAll(selector).forEach(function (el, i) {
      if (!el.hasAttribute("aria-label") && !el.hasAttribute("aria-labelledby")) {
        el.setAttribute("aria-label", typeof label === "function" ? label(i) : label);
      }
    });
  }
  function all() {
    name(".md-search[role=dialog]", "Search");
    name("nav.md-tags", "Tags of this page");
    name("nav.md-code__nav", function (i) { return "Code block " + (i + 1) + " tools"; });
  }
  all();
  if ("MutationObserver" in window) {
    new MutationObserver(all).observe(document.body, { childList: true, subtree: true });
  }
})();
