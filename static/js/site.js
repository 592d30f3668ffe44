/* Progressive enhancements only: every page works without this file. Kept out of
   the HTML (no inline scripts) for the Content-Security-Policy. */
(function () {
  "use strict";

  // Shareable URLs: htmx sends every field; drop the empty ones (?q=&since=...).
  document.addEventListener("htmx:configRequest", function (event) {
    var params = event.detail.parameters;
    if (!params) return;
    var keys = typeof params.keys === "function" ? Array.from(params.keys()) : Object.keys(params);
    keys.forEach(function (key) {
      var value = typeof params.getAll === "function" ? params.getAll(key) : params[key];
      var values = Array.isArray(value) ? value : [value];
      if (values.every(function (v) { return v === "" || v === null || v === undefined; })) {
        if (typeof params.delete === "function") params.delete(key); else delete params[key];
      }
    });
  });

  // The phone filter sheet: "Show N results" closes it and brings the results into view.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.id !== "filters") return;
    var sheet = document.getElementById("filter-sheet");
    if (sheet && sheet.open && window.matchMedia("(max-width: 600px)").matches) {
      sheet.open = false;
      var results = document.getElementById("timeline-h");
      if (results) results.scrollIntoView({ block: "start" });
    }
  });

  // Printing: every list of sources opens (CSS does it too where the browser allows).
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.from(document.querySelectorAll("details:not([open])"));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // What changed since your last visit: kept in this browser only (no account).
  var lastVisit = null, visitRead = false;
  function markChanges(root) {
    var page = document.querySelector("[data-visit-key]");
    if (!page) return;
    var key = "tt:last-visit:" + page.getAttribute("data-visit-key");
    if (!visitRead) {
      visitRead = true;
      try { lastVisit = window.localStorage.getItem(key); } catch (e) { return; }
      try { window.localStorage.setItem(key, new Date().toISOString()); } catch (e) { /* private mode */ }
      var note = document.getElementById("visit-note");
      if (note) {
        note.hidden = false;
        note.textContent = lastVisit
          ? "Marked: what is new or updated since your last visit (" + new Date(lastVisit).toLocaleString() + "), remembered in this browser only."
          : "First visit from this browser: next time, what changed since will be marked (remembered in this browser only).";
      }
    }
    if (!lastVisit) return;
    var last = Date.parse(lastVisit);
    (root || document).querySelectorAll("[data-created]").forEach(function (card) {
      if (card.querySelector(".visit-mark")) return;
      var created = Date.parse(card.getAttribute("data-created")), updated = Date.parse(card.getAttribute("data-updated"));
      var kind = created > last ? "new" : (updated > last ? "updated" : "");
      if (!kind) return;
      var mark = document.createElement("span");
      mark.className = "visit-mark " + kind;
      mark.textContent = kind === "new" ? "New since your last visit" : "Updated since your last visit";
      card.classList.add("is-" + kind);
      card.insertBefore(mark, card.firstChild);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { markChanges(null); });
  document.addEventListener("htmx:afterSwap", function (event) { markChanges(event.target); });
})();
