// The follow-up board's «all late units»: ticking it ticks every late
// row, so the choice shows before it is sent; unticking a late row unticks
// it, so what is sent is what shows. Without this script the box still
// works: the server reads it as every unit the board finds late.
(function () {
  "use strict";
  function rows() { return document.querySelectorAll("#board input[name=unit_ids][data-late]"); }
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.id === "remind-all") {
      rows().forEach(function (box) { box.checked = el.checked; });
    } else if (el.matches && el.matches("#board input[name=unit_ids][data-late]") && !el.checked) {
      var all = document.getElementById("remind-all");
      if (all) all.checked = false;
    }
  });
})();
