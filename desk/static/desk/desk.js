// Keyboard shortcuts for the review screen and the queue (no inline script: the site's CSP).
(function () {
  "use strict";
  function typing(target) {
    var tag = (target.tagName || "").toLowerCase();
    // The actor picker (the admin's select2 autocomplete) is a focusable span, not a field.
    var picker = target.closest && target.closest(".select2-container");
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable || !!picker;
  }
  function click(id) {
    var el = document.getElementById(id);
    if (el) { el.click(); return true; }
    return false;
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.metaKey) { return; }
    var correctForm = document.getElementById("correct-form");
    if (event.ctrlKey && event.key === "Enter" && correctForm && correctForm.contains(event.target)) {
      event.preventDefault();
      correctForm.querySelector("button[value='correct']").click();
      return;
    }
    if (event.ctrlKey || typing(event.target)) { return; }
    var done = false;
    switch (event.key) {
      case "c": done = click("confirm"); break;
      case "x": done = click("reject"); break;
      case "n": done = click("skip"); break;
      case "k": done = click("confirm-actors"); break;
      case "q": window.location.href = "/desk/"; done = true; break;
      case "a":
        var article = document.querySelector(".desk-article");
        if (article) { window.open(article.href, "_blank", "noopener"); done = true; }
        break;
      case "e":
        var details = document.getElementById("correct");
        if (details) {
          details.open = true;
          var first = details.querySelector(
            ".select2-selection, input:not([type=hidden]), textarea, select:not(.admin-autocomplete)"
          );
          if (first) { first.focus(); }
          done = true;
        }
        break;
      case "Enter":
        done = click("start-review");
        break;
    }
    if (done) { event.preventDefault(); }
  });
})();
