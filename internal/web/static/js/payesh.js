// Payesh's only script: it starts the Jalali date picker on every input
// marked data-jdp, now and after htmx swaps in new content. Everything
// else works without JavaScript; htmx only saves page loads.
(function () {
  "use strict";
  function start() {
    if (!window.jalaliDatepicker) return;
    window.jalaliDatepicker.startWatch({
      persianDigits: document.documentElement.lang === "fa",
      autoShow: true,
      autoHide: true,
      hideAfterChange: true,
      showTodayBtn: true,
      showEmptyBtn: true,
      date: true,
      time: false,
      zIndex: 2000
    });
  }
  document.addEventListener("DOMContentLoaded", start);

  // Leaving a date field with Tab closes its picker, which would otherwise
  // cover the next fields.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Tab" && e.target.matches && e.target.matches("[data-jdp]") && window.jalaliDatepicker) {
      window.jalaliDatepicker.hide();
    }
  });

  // A message from the last full page load is stale once htmx changes the
  // page in place; the fragment brings its own.
  document.addEventListener("htmx:beforeRequest", function () {
    document.querySelectorAll("main > .flash").forEach(function (f) { f.remove(); });
  });

  // A form posted with htmx that fails validation (400) or meets a newer
  // version (409) is answered with the same fragment, errors inside: swap
  // it like a success. A whole page (an error page: 403, 404, 500)
  // replaces the page's body, so the user sees it instead of nothing.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var xhr = e.detail.xhr;
    if (xhr.status < 400) return;
    e.detail.shouldSwap = true;
    e.detail.isError = false;
    if (/^\s*<!doctype/i.test(xhr.responseText)) {
      e.detail.target = document.body;
      e.detail.swapOverride = "innerHTML";
    }
  });

  // Print buttons need this script, so they show only when it runs.
  function showPrint() {
    document.querySelectorAll("[data-print][hidden]").forEach(function (b) { b.hidden = false; });
  }
  document.addEventListener("DOMContentLoaded", showPrint);
  document.addEventListener("htmx:afterSettle", showPrint);
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-print]")) window.print();
  });
})();
