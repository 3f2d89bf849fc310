// actions.js — action-item tables. It re-checks "overdue" against the
// viewer's clock (a page built last week still flags what is overdue
// today), and on the action-items page wires the filters (#action-filters:
// status, owner, team, system, kind, overdue) with their state in the URL.
// Dependency-free; the page is complete without it. Loaded after table.js
// where both are used.
(function () {
  "use strict";

  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  // localToday is the viewer's calendar day as YYYY-MM-DD, so it compares
  // with data-due as a string.
  function localToday() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function closed(status) { return status === "done" || status === "wont-do"; }

  // recheckOverdue marks rows overdue that are not closed and whose due
  // date is before the viewer's today, even when the build did not.
  function recheckOverdue(today) {
    each(document.querySelectorAll("tr[data-due][data-status]"), function (row) {
      var due = row.getAttribute("data-due");
      if (!due || closed(row.getAttribute("data-status")) || !(due < today)) { return; }
      if (row.getAttribute("data-overdue") === "true") { return; }
      row.setAttribute("data-overdue", "true");
      row.classList.add("overdue");
      var flag = row.querySelector(".overdue-flag");
      if (flag) { flag.hidden = false; }
    });
  }

  function init() {
    recheckOverdue(localToday());

    var form = document.getElementById("action-filters");
    var table = document.getElementById("actions");
    if (!form || !table || !window.pmkbTable) { return; }
    var hasWord = window.pmkbTable.hasWord;
    var names = ["status", "owner", "team", "system", "kind", "overdue"];
    window.pmkbTable.filterTable(form, table, document.getElementById("action-count"), names, function (row, f) {
      var status = f.elements.status.value;
      var s = row.getAttribute("data-status");
      if (status === "active" ? closed(s) : status && s !== status) { return false; }
      if (f.elements.owner.value && row.getAttribute("data-owner") !== f.elements.owner.value) { return false; }
      if (f.elements.kind.value && row.getAttribute("data-kind") !== f.elements.kind.value) { return false; }
      if (f.elements.team.value && !hasWord(row.getAttribute("data-team"), f.elements.team.value)) { return false; }
      if (f.elements.system.value && !hasWord(row.getAttribute("data-systems"), f.elements.system.value)) { return false; }
      if (f.elements.overdue.checked && row.getAttribute("data-overdue") !== "true") { return false; }
      return true;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
