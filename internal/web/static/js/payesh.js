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
})();
