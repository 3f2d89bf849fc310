// actions.js — action items and their counts. A page is read days after
// it was built, so this re-checks "overdue" against the clock, on the
// site's day (siteToday): it
// flags the rows overdue today (with how many days late), moves each open
// item's age by the days since the build, updates every overdue count
// (data-overdue-n, see below) and the "as of" day beside it,
// and on the action-items page wires the filters (#action-filters: status,
// owner, team, system, kind, overdue) with their state in the URL. On a
// postmortem's page it labels the action items' cells for the phone layout.
// Dependency-free; the page is complete without it, and says "as of" the
// build day. Loaded after table.js where both are used. Text goes in only
// as textContent.
(function () {
  "use strict";

  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  // siteToday is the calendar day now in the site's timeZone (the page's
  // <meta name="pmkb-time-zone">), as YYYY-MM-DD, so it compares with
  // data-due as a string: every reader, the feeds and pmkb actions count
  // the same items overdue at the same moment, wherever the reader is
  // (QA 21 B-F4: a reader in Tokyo saw 438 where the feed said 435). A
  // zone the browser does not know gives the reader's own day.
  function siteToday() {
    var meta = document.querySelector('meta[name="pmkb-time-zone"]');
    var zone = meta && meta.getAttribute("content");
    var now = new Date();
    if (zone && window.Intl && Intl.DateTimeFormat) {
      try {
        var parts = {};
        new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
          .formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
        var day = parts.year + "-" + parts.month + "-" + parts.day;
        if (/^\d{4}-\d{2}-\d{2}$/.test(day)) { return day; }
      } catch (e) { /* an unknown zone: the reader's day below */ }
    }
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // daysBetween is the number of days from one YYYY-MM-DD to another.
  function daysBetween(from, to) {
    var utc = function (s) { return Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)); };
    return Math.round((utc(to) - utc(from)) / 86400000);
  }

  function closed(status) { return status === "done" || status === "wont-do"; }

  function fill(template, slots) {
    return template.replace(/\{(\w+)\}/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(slots, name) ? String(slots[name]) : m;
    });
  }

  // recheckOverdue marks rows overdue that are not closed and whose due
  // date is before the viewer's today, even when the build did not, and
  // says in each overdue row's flag how many days late it is (data-late,
  // data-late-one: templates with the slot {days}).
  function recheckOverdue(today) {
    each(document.querySelectorAll("tr[data-due][data-status]"), function (row) {
      var due = row.getAttribute("data-due");
      if (!due || closed(row.getAttribute("data-status")) || !(due < today)) { return; }
      row.setAttribute("data-overdue", "true");
      row.classList.add("overdue");
      var flag = row.querySelector(".overdue-flag");
      if (!flag) { return; }
      flag.hidden = false;
      var days = daysBetween(due, today);
      var t = (days === 1 && flag.getAttribute("data-late-one")) || flag.getAttribute("data-late");
      if (t) { flag.textContent = fill(t, { days: days }); }
    });
  }

  // recheckAges moves the age of each open item (a cell of class "age",
  // its days since the incident as of the build day in data-sort) by the
  // days from its table's data-as-of (the build day) to the viewer's day,
  // the same days recheckOverdue adds to how late the item is. The table
  // carries the cell's text as templates with the slot {days}
  // (data-age-text, data-age-text-one for one day). A closed item's cell
  // has no class "age" and says "—" at any date.
  function recheckAges(today) {
    each(document.querySelectorAll("table[data-as-of][data-age-text]"), function (table) {
      var asOf = table.getAttribute("data-as-of");
      if (!(asOf < today)) { return; }
      var shift = daysBetween(asOf, today);
      each(table.querySelectorAll("td.age[data-sort]"), function (cell) {
        var built = parseInt(cell.getAttribute("data-sort"), 10);
        if (isNaN(built)) { return; }
        var days = built + shift;
        // An incident the reader's day has not reached reads 0 days, as
        // the page says it at build; data-sort keeps the signed days.
        var shown = Math.max(days, 0);
        var t = (shown === 1 && table.getAttribute("data-age-text-one")) || table.getAttribute("data-age-text");
        cell.setAttribute("data-sort", String(days));
        cell.textContent = fill(t, { days: shown });
      });
    });
  }

  // recheckCounts updates the overdue counts built into the page. Each
  // carries its count as of the build day (data-overdue-n) and the due
  // dates of the items it may gain (data-due-later: ascending dates, each
  // "YYYY-MM-DD" or "YYYY-MM-DD*k" for k items); an element with data-live
  // is a sentence with the slots {n} (the count) and {day} (the viewer's
  // day), rewritten when the viewer's day is after its data-as-of (the
  // build day). The nearest element with data-overdue-class gets that
  // class when the count is not 0. A list of overdue rows
  // (data-overdue-rows) shows when it has one, and the note that nothing
  // is overdue (data-overdue-none) beside it hides.
  function recheckCounts(today) {
    each(document.querySelectorAll("[data-overdue-n], [data-live]"), function (el) {
      var asOf = el.getAttribute("data-as-of");
      if (asOf !== null && !(asOf < today)) { return; }
      var slots = { day: today };
      if (el.hasAttribute("data-overdue-n")) {
        var n = parseInt(el.getAttribute("data-overdue-n"), 10) || 0;
        (el.getAttribute("data-due-later") || "").split(" ").forEach(function (d) {
          if (d && d.slice(0, 10) < today) { n += d.length > 11 ? parseInt(d.slice(11), 10) || 1 : 1; }
        });
        slots.n = n;
        if (el.hasAttribute("data-sort")) { el.setAttribute("data-sort", String(n)); }
        var host = el.closest("[data-overdue-class]");
        if (host && n > 0) { host.classList.add(host.getAttribute("data-overdue-class")); }
        if (n > 0) { el.hidden = false; }
        // A flag that stays hidden (none overdue yet) stays empty, as
        // built: "0 overdue" is no text for a reader or a filter.
        if (el.hidden) { return; }
      }
      var live = el.getAttribute("data-live");
      el.textContent = live ? fill(live, slots) : String(slots.n);
    });
    each(document.querySelectorAll("[data-overdue-rows]"), function (list) {
      var some = list.querySelector('tr[data-overdue="true"]') !== null;
      list.hidden = !some;
      var none = list.parentNode.querySelector("[data-overdue-none]");
      if (none) { none.hidden = some; }
    });
  }

  // labelCells gives each cell of a postmortem's own action items (a
  // table of class "compact") its column's name in data-label, and the
  // table the class "labelled": on a phone the stylesheet stacks each row
  // as a card and shows the name before the value ("Due 2024-04-01"),
  // where the columns would not fit. The names are the headers' text, set
  // as attribute values.
  function labelCells() {
    each(document.querySelectorAll("table.actions.compact"), function (table) {
      if (!table.tHead || !table.tBodies.length) { return; }
      var heads = table.tHead.rows[0].cells;
      each(table.tBodies[0].rows, function (row) {
        each(row.cells, function (cell, i) {
          if (heads[i]) { cell.setAttribute("data-label", heads[i].textContent.trim()); }
        });
      });
      table.classList.add("labelled");
    });
  }

  function init() {
    var today = siteToday();
    recheckOverdue(today);
    recheckAges(today);
    recheckCounts(today);
    labelCells();
    // The postmortem list (table.js) filtered its rows before the counts
    // were re-checked, by words from the URL (?text=overdue): filter it
    // again with their new text.
    if (window.pmkbTable && window.pmkbTable.textChanged) { window.pmkbTable.textChanged(); }

    var form = document.getElementById("action-filters");
    var table = document.getElementById("actions");
    if (!form || !table || !window.pmkbTable) { return; }
    var hasWord = window.pmkbTable.hasWord;
    var names = ["status", "owner", "team", "system", "kind", "overdue"];
    // value is a filter's value; a filter the page leaves out (no item
    // has a kind, no postmortem a team) is "".
    var value = function (f, n) { return f.elements[n] ? f.elements[n].value : ""; };
    // The filters' values are read once a pass over the rows (table.js's
    // filterTable), not once a row: looking a field up by its name made
    // most of a pass's time (1 s for 26,000 rows).
    var seen = 0, v = {};
    window.pmkbTable.filterTable(form, table, document.getElementById("action-count"), names, function (row, f, pass) {
      if (pass !== seen) {
        seen = pass;
        v = { status: value(f, "status"), owner: value(f, "owner"), kind: value(f, "kind"), team: value(f, "team"),
          system: value(f, "system"), overdue: f.elements.overdue.checked };
      }
      var s = row.getAttribute("data-status");
      if (v.status === "active" ? closed(s) : v.status && s !== v.status) { return false; }
      if (v.owner && row.getAttribute("data-owner") !== v.owner) { return false; }
      if (v.kind && row.getAttribute("data-kind") !== v.kind) { return false; }
      if (v.team && !hasWord(row.getAttribute("data-team"), v.team)) { return false; }
      if (v.system && !hasWord(row.getAttribute("data-systems"), v.system)) { return false; }
      if (v.overdue && row.getAttribute("data-overdue") !== "true") { return false; }
      return true;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
