// The digest preferences form: actor filter box, weekday only for weekly digests, and the
// browser's time zone on a fresh form. A static file: the site's CSP allows no inline script.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fn); } else { fn(); }
  }
  ready(function () {
    var form = document.querySelector("form.digest-form");
    if (!form) { return; }

    var filter = document.getElementById("actor-filter");
    var items = form.querySelectorAll(".actor-list li");
    if (filter && items.length > 6) {
      filter.hidden = false;
      filter.addEventListener("input", function () {
        var needle = filter.value.trim().toLowerCase();
        items.forEach(function (li) {
          var box = li.querySelector("input");
          // Ticked actors stay in sight whatever the filter says.
          li.hidden = needle !== "" && !(box && box.checked) && li.textContent.toLowerCase().indexOf(needle) === -1;
        });
      });
    }

    var weekday = form.querySelector(".weekday-box");
    var radios = form.querySelectorAll("input[name=frequency]");
    function showWeekday() {
      var chosen = form.querySelector("input[name=frequency]:checked");
      if (weekday) { weekday.hidden = !chosen || chosen.value !== "weekly"; }
    }
    radios.forEach(function (r) { r.addEventListener("change", showWeekday); });
    showWeekday();

    if (form.hasAttribute("data-browser-tz")) {
      var select = form.querySelector("select[name=timezone_name]");
      try {
        var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (select && zone) {
          for (var i = 0; i < select.options.length; i++) {
            if (select.options[i].value === zone) { select.value = zone; break; }
          }
        }
      } catch (e) { /* an old browser: UTC stays */ }
    }
  });
})();
