// Payesh's only script: it starts the Jalali date picker on every input
// marked data-jdp, now and after htmx swaps in new content, and makes the
// values grid work like a spreadsheet. Everything works without
// JavaScript; this only saves keystrokes and page loads.
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

  // The values grid — and the targets grid, also a table.vg-table — as a
  // spreadsheet: a block pasted from Excel or LibreOffice (tab-separated
  // rows) spreads over the cells from the one pasted into; the arrows
  // and Enter move between cells as they do in a sheet; each cell is one
  // Tab stop (Alt+↓ opens its note and evidence).
  // It stays a plain form: what lands in the cells is saved by its button.
  function gridInput(el) {
    return el && el.matches && el.matches("table.vg-table input.vg-num") ? el : null;
  }
  function gridRows(input) {
    return Array.prototype.slice.call(input.closest("tbody").rows);
  }
  function inputAt(row, col) {
    var td = row && row.cells[col];
    return td ? td.querySelector("input.vg-num") : null;
  }

  document.addEventListener("paste", function (e) {
    var input = gridInput(e.target);
    if (!input || !e.clipboardData) return;
    var text = e.clipboardData.getData("text/plain").replace(/\r/g, "").replace(/\n+$/, "");
    if (!/[\t\n]/.test(text)) return; // one value: the browser pastes it
    e.preventDefault();
    var td = input.closest("td"), rows = gridRows(input), r0 = rows.indexOf(td.parentElement);
    text.split("\n").forEach(function (line, i) {
      line.split("\t").forEach(function (v, j) {
        var cell = inputAt(rows[r0 + i], td.cellIndex + j);
        if (cell && !cell.readOnly) {
          cell.value = v.trim();
          cell.dispatchEvent(new Event("input", { bubbles: true }));
        }
      });
    });
  });

  // A grid form with a changed cell (typed or pasted) is marked, and its
  // save bar then floats at the bottom of the screen (payesh.css).
  document.addEventListener("input", function (e) {
    var form = e.target.form;
    if (form && form.querySelector(".vg-save")) form.classList.add("vg-dirty");
  });

  // atEdge reports whether the caret is at the end of the text the arrow
  // points to, so that an arrow moves within a value until it cannot.
  function atEdge(input, key) {
    if (input.selectionStart !== input.selectionEnd) return input.selectionStart === 0 && input.selectionEnd === input.value.length;
    var ltr = getComputedStyle(input).direction !== "rtl";
    var toStart = (key === "ArrowLeft") === ltr;
    return toStart ? input.selectionStart === 0 : input.selectionEnd === input.value.length;
  }

  document.addEventListener("keydown", function (e) {
    var input = gridInput(e.target);
    if (!input || e.ctrlKey || e.metaKey) return;
    var td = input.closest("td"), rows = gridRows(input), r = rows.indexOf(td.parentElement), c = td.cellIndex;
    if (e.altKey) {
      if (e.key !== "ArrowDown") return;
      var more = td.querySelector("details.vg-more");
      if (more) {
        e.preventDefault();
        more.open = true;
        more.querySelector("input").focus();
      }
      return;
    }
    var target = null;
    switch (e.key) {
      case "ArrowUp":
      case "ArrowDown":
      case "Enter":
        var step = e.key === "ArrowUp" || (e.key === "Enter" && e.shiftKey) ? -1 : 1;
        for (var k = r + step; k >= 0 && k < rows.length && !target; k += step) target = inputAt(rows[k], c);
        break;
      case "ArrowLeft":
      case "ArrowRight":
        if (!atEdge(input, e.key)) return;
        var rtl = getComputedStyle(input.closest("table")).direction === "rtl";
        var dir = (e.key === "ArrowLeft") === rtl ? 1 : -1;
        var row = td.parentElement;
        for (var j = c + dir; j >= 0 && j < row.cells.length && !target; j += dir) target = inputAt(row, j);
        break;
      default:
        return;
    }
    e.preventDefault(); // Enter in a cell moves down; it does not save the grid
    if (target) {
      target.focus();
      target.select();
    }
  });

  // Enter in a cell never submits the grid, whichever event carries it.
  document.addEventListener("keypress", function (e) {
    if (e.key === "Enter" && gridInput(e.target)) e.preventDefault();
  });

  function oneTabStop() {
    document.querySelectorAll("table.vg-table details.vg-more > summary").forEach(function (s) { s.tabIndex = -1; });
  }
  document.addEventListener("DOMContentLoaded", oneTabStop);
  document.addEventListener("htmx:afterSettle", oneTabStop);
})();
