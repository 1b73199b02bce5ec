// Payesh's charts. Every table marked data-chart is drawn with Chart.js
// into the box marked data-chart-for the table's id; the table stays, as
// the chart's text for screen readers, for print and for anyone without
// JavaScript. The page has no inline script (the Content Security Policy
// forbids it): everything is read from the table's data attributes.
//
//   <table id="t" data-chart="line|hbar">
//     <thead><tr><th>…</th><th data-series="value">مقدار</th><th data-series="target">هدف</th>…
//     <tbody><tr data-label="۱۴۰۳" data-status="on_track"><th>…</th><td data-v="1234.5">…</td>…
//
// data-v holds the number in Latin digits ("" for none, drawn as a gap);
// the header's text names the series; data-status colours a bar, which
// the table's status column also says in words.
(function () {
  "use strict";
  var root = document.documentElement;
  var rtl = root.dir === "rtl";
  var locale = root.lang === "fa" ? "fa-IR" : "en-US";
  var numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

  // fmt writes a number as the page does: Persian digits in Persian.
  function fmt(v) {
    return v === null || v === undefined || isNaN(v) ? "" : numbers.format(v);
  }

  function cssVar(name, fallback) {
    return getComputedStyle(root).getPropertyValue(name).trim() || fallback;
  }

  function palette() {
    return {
      value: cssVar("--brand", "#0b5c7a"),
      target: cssVar("--warn", "#8a5a00"),
      on_track: cssVar("--ok", "#1e7a46"),
      at_risk: "#c98a00",
      off_track: cssVar("--bad", "#b3261e"),
      no_data: "#9aa8b5"
    };
  }

  // readTable returns the row labels, the rows' statuses and one series
  // per header cell marked data-series.
  function readTable(table) {
    var head = table.tHead && table.tHead.rows[0] ? table.tHead.rows[0].cells : [];
    var series = [];
    for (var i = 0; i < head.length; i++) {
      if (head[i].getAttribute("data-series")) {
        series.push({ index: i, kind: head[i].getAttribute("data-series"), label: head[i].textContent.trim(), data: [] });
      }
    }
    var labels = [], statuses = [];
    var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
    for (var r = 0; r < rows.length; r++) {
      var row = rows[r];
      labels.push(row.getAttribute("data-label") || row.cells[0].textContent.trim());
      statuses.push(row.getAttribute("data-status") || "");
      for (var s = 0; s < series.length; s++) {
        var cell = row.cells[series[s].index];
        var raw = cell ? cell.getAttribute("data-v") : null;
        series[s].data.push(raw === null || raw === "" ? null : parseFloat(raw));
      }
    }
    return { labels: labels, statuses: statuses, series: series };
  }

  function hasData(d) {
    for (var s = 0; s < d.series.length; s++) {
      for (var i = 0; i < d.series[s].data.length; i++) {
        if (d.series[s].data[i] !== null) return true;
      }
    }
    return false;
  }

  // options are what every chart shares: right-to-left legend and
  // tooltips in Persian, numbers in the page's digits, and no animation,
  // which would only delay the numbers (and could be caught half-drawn by
  // a printer). valueAxis is "x" for horizontal bars.
  function options(scales, valueAxis, legend) {
    var dir = rtl ? "rtl" : "ltr";
    return {
      responsive: true,
      maintainAspectRatio: false,
      locale: locale,
      animation: false,
      indexAxis: valueAxis === "x" ? "y" : "x",
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { display: legend, rtl: rtl, textDirection: dir, labels: { usePointStyle: true } },
        tooltip: {
          rtl: rtl,
          textDirection: dir,
          callbacks: {
            label: function (ctx) {
              return ctx.dataset.label + ": " + fmt(ctx.parsed[valueAxis]);
            }
          }
        }
      },
      scales: scales
    };
  }

  // lineChart draws value and target over periods, time running the way
  // the page reads (right to left in Persian). The target is dashed with
  // square points, so the two lines differ by more than colour.
  function lineChart(d) {
    var c = palette();
    return {
      type: "line",
      data: {
        labels: d.labels,
        datasets: d.series.map(function (s) {
          var target = s.kind === "target";
          return {
            label: s.label, data: s.data, borderColor: c[s.kind] || c.value, backgroundColor: c[s.kind] || c.value,
            borderDash: target ? [6, 4] : [], pointStyle: target ? "rectRot" : "circle", pointRadius: 4, tension: 0
          };
        })
      },
      options: options({
        x: { reverse: rtl, offset: true },
        y: { position: rtl ? "right" : "left", ticks: { callback: fmt } }
      }, "y", true)
    };
  }

  // barChart draws one series as horizontal bars, best first as the
  // table ranks them, each coloured by its row's status.
  function barChart(d) {
    var c = palette();
    var s = d.series[0];
    return {
      type: "bar",
      data: {
        labels: d.labels,
        datasets: [{
          label: s.label, data: s.data,
          backgroundColor: d.statuses.map(function (st) { return c[st] || c.value; })
        }]
      },
      options: options({
        x: { reverse: rtl, beginAtZero: true, ticks: { callback: fmt } },
        y: { position: rtl ? "right" : "left" }
      }, "x", false)
    };
  }

  function draw(table) {
    var box = document.querySelector('[data-chart-for="' + table.id + '"]');
    if (!box || box.firstChild) return;
    var d = readTable(table);
    if (!d.series.length || !hasData(d)) return; // the table says "no data" better
    var bars = table.getAttribute("data-chart") === "hbar";
    // payesh.css reserves the same height (.chart-bar.chart-reserved) before
    // this runs, so drawing shifts nothing: change the two together.
    if (bars) box.style.height = Math.max(12, d.labels.length * 1.6 + 3) + "rem";
    var canvas = document.createElement("canvas");
    box.appendChild(canvas);
    box.hidden = false;
    new window.Chart(canvas, bars ? barChart(d) : lineChart(d));
  }

  function start() {
    if (!window.Chart) return;
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = cssVar("--ink", "#1b2733");
    var tables = document.querySelectorAll("table[data-chart][id]");
    for (var i = 0; i < tables.length; i++) draw(tables[i]);
  }
  document.addEventListener("DOMContentLoaded", start);

  // Printing: charts take the paper's width, and folded tables of an
  // explanation unfold, then fold again.
  var folded = [];
  window.addEventListener("beforeprint", function () {
    if (window.Chart) {
      var charts = window.Chart.instances;
      for (var id in charts) {
        if (Object.prototype.hasOwnProperty.call(charts, id)) charts[id].resize();
      }
    }
    folded = Array.prototype.filter.call(document.querySelectorAll("details.step"), function (d) { return !d.open; });
    folded.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (d) { d.open = false; });
    folded = [];
  });
})();
