/* AskScope: accessible names for two of Material's landmarks that have none (axe "aria-dialog-name",
   "landmark-unique"): the search dialog and the list of a page's tags. */
(function () {
  "use strict";
  function name(selector, label) {
    document.querySelectorAll(selector).forEach(function (el) {
      if (!el.hasAttribute("aria-label") && !el.hasAttribute("aria-labelledby")) {
        el.setAttribute("aria-label", label);
      }
    });
  }
  name(".md-search[role=dialog]", "Search");
  name("nav.md-tags", "Tags of this page");
})();
