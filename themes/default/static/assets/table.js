// table.js — column sorting for every table marked data-sortable, paging
// of the long ones (data-page-size), and the filters of the postmortem
// list (#pm-filters). Dependency-free; the page is complete without it.
// Filter state and the order of a filtered table live in the URL query, so
// a filtered view can be bookmarked and shared, and Back undoes the last
// change.
(function () {
  "use strict";

  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  // cellKey is what a cell sorts by: its data-sort, else its text. A
  // postmortem's title cell shows its summary after it (.row-summary),
  // which is left out: the list sorts by the title shown, a title before
  // its own longer variant, and equal titles keep their order (QA 20
  // B-F2: "…hostnames (yoblix)" sorted before "…hostnames").
  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var v = cell.getAttribute("data-sort");
    if (v !== null) { return v; }
    var text = cell.textContent, summary = cell.querySelector(".row-summary");
    if (summary) {
      var s = summary.textContent;
      if (s && text.slice(-s.length) === s) { text = text.slice(0, -s.length); }
    }
    return text.trim();
  }

  // sortRows sorts the table's rows by the cells of column index. Text is
  // compared by one Intl.Collator: localeCompare with options sets one up
  // for every comparison, 15 s for the 26,000 rows of /actions/ at 10,000
  // postmortems.
  function sortRows(table, index, numeric, sign) {
    var body = table.tBodies[0];
    var lang = document.documentElement.lang || undefined;
    var compare = window.Intl && Intl.Collator
      ? new Intl.Collator(lang, { numeric: true }).compare
      : function (a, b) { return a.localeCompare(b, lang, { numeric: true }); };
    var keyed = Array.prototype.map.call(body.rows, function (row, i) {
      return { row: row, key: cellKey(row, index), i: i };
    });
    keyed.sort(function (a, b) {
      var c = numeric
        ? (parseFloat(a.key) || 0) - (parseFloat(b.key) || 0)
        : compare(a.key, b.key);
      return c !== 0 ? sign * c : a.i - b.i;
    });
    placeRows(body, keyed.map(function (k) { return k.row; }));
  }

  // placeRows puts rows into the table body in their order. It takes
  // every row out from the last, then appends them: a row taken out from
  // before others has the browser mark each row after it for a new style
  // where a rule counts rows (pmkb.css's rule for a long list loading,
  // nth-child), which made a sort of 26,000 rows take seconds.
  function placeRows(body, rows) {
    while (body.lastChild) { body.removeChild(body.lastChild); }
    rows.forEach(function (row) { body.appendChild(row); });
  }

  // makeSortable turns each column header into a button that sorts the
  // rows, and reports the order with aria-sort. A column sorts ascending
  // on its first click, or as its header's data-sort-first says
  // ("descending" for counts: the most first, as GitHub and Jira sort
  // them); a second click turns the order round. A header built with
  // aria-sort is the column the built order follows (a list's dates,
  // newest first): it keeps it while the rows are in the built order,
  // and its first click turns that order round. The table gets
  // pmkbSort, the order as a URL value for filterTable: get() is the
  // sorted column's key (its header's data-col, else its number from 1),
  // with "-" before it when descending, or "" while the rows are in the
  // built order; set(v) sorts by such a value, and "" or a key no column
  // has puts the built order back. A click shows the first page of the
  // new order (pageOf) and calls table.pmkbSorted when a filter form has
  // set it.
  //
  // The caption, the table's name, says the order the rows are in (QA 21
  // C-F2: "Postmortems, newest first" stayed the name of a list sorted
  // by title): sorted by a column, it is the table's data-sorted
  // template ("{name}, sorted by {column}, {order}") with the caption's
  // data-name, else its built text, as {name}; in the built order it is
  // the caption as built again. A click is announced in a polite status
  // made for the table ("Sorted by Title, ascending"), as the button
  // itself does not change.
  function makeSortable(table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    var headers = table.tHead.rows[0].cells;
    var built = Array.prototype.slice.call(table.tBodies[0].rows);
    var builtSort = Array.prototype.map.call(headers, function (h) { return h.getAttribute("aria-sort"); });
    var key = function (th, index) { return th.getAttribute("data-col") || String(index + 1); };
    var texts = sortTexts(table);
    var sorted = null; // the URL value of the order, null in the built order
    var caption = table.caption, builtCaption = null;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var wrap = table.parentNode && table.parentNode.classList && table.parentNode.classList.contains("table-wrap") ? table.parentNode : table;
    wrap.parentNode.insertBefore(status, wrap.nextSibling);
    function order(index, dir) {
      return { column: headers[index].textContent.trim().replace(/\s+/g, " "), order: dir === "descending" ? texts.desc : texts.asc };
    }
    // name shows the order in the caption; the caption's built nodes are
    // kept from the first sort on (a script may have reworded it since the
    // page was built: actions.js's overdue counts), and put back for the
    // built order.
    function name(index, dir) {
      if (!caption) { return; }
      if (index < 0) {
        if (builtCaption) {
          caption.textContent = "";
          builtCaption.forEach(function (n) { caption.appendChild(n); });
          builtCaption = null;
        }
        return;
      }
      if (!builtCaption) { builtCaption = Array.prototype.slice.call(caption.childNodes); }
      var base = caption.getAttribute("data-name") ||
        builtCaption.map(function (n) { return n.textContent; }).join("").trim().replace(/\s+/g, " ");
      var slots = order(index, dir);
      slots.name = base;
      caption.textContent = fill(texts.caption, slots);
    }
    function sortBy(index, dir) {
      each(headers, function (h, i) {
        var want = index < 0 ? builtSort[i] : (i === index ? dir : null);
        if (want) { h.setAttribute("aria-sort", want); } else { h.removeAttribute("aria-sort"); }
      });
      name(index, dir);
      if (index < 0) {
        sorted = null;
        placeRows(table.tBodies[0], built);
        return;
      }
      sorted = (dir === "descending" ? "-" : "") + key(headers[index], index);
      sortRows(table, index, headers[index].getAttribute("data-sort-type") === "number", dir === "ascending" ? 1 : -1);
    }
    each(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var now = th.getAttribute("aria-sort");
        var dir = now ? (now === "ascending" ? "descending" : "ascending")
          : (th.getAttribute("data-sort-first") === "descending" ? "descending" : "ascending");
        sortBy(index, dir);
        var page = pageOf(table);
        page.reset();
        page.show();
        // The same words twice in a row are not read again: a no-break
        // space tells them apart.
        var said = fill(texts.status, order(index, dir));
        status.textContent = status.textContent === said ? said + "\u00a0" : said;
        if (table.pmkbSorted) { table.pmkbSorted(); }
      });
    });
    table.pmkbSort = {
      get: function () { return sorted || ""; },
      set: function (v) {
        var desc = v.charAt(0) === "-";
        var k = desc ? v.slice(1) : v;
        for (var i = 0; k && i < headers.length; i++) {
          if (key(headers[i], i) === k) { sortBy(i, desc ? "descending" : "ascending"); return; }
        }
        // Already in the built order, moving every row back into place
        // would make the browser style and lay out the table again.
        if (sorted) { sortBy(-1); }
      }
    };
  }

  // SORTED, in the page's language, stands in for the texts of a table
  // a layout copied from an older pmkb built without them (data-sorted,
  // data-sorted-now, data-ascending, data-descending: table.* in the
  // theme's i18n).
  var SORTED = {
    en: { caption: "{name}, sorted by {column}, {order}", status: "Sorted by {column}, {order}", asc: "ascending", desc: "descending" },
    ja: { caption: "{name}（{column}の{order}）", status: "{column}の{order}に並べ替えました", asc: "昇順", desc: "降順" }
  };

  function sortTexts(table) {
    var lang = (document.documentElement.lang || "en").split("-")[0];
    var d = SORTED[lang] || SORTED.en;
    return {
      caption: table.getAttribute("data-sorted") || d.caption,
      status: table.getAttribute("data-sorted-now") || d.status,
      asc: table.getAttribute("data-ascending") || d.asc,
      desc: table.getAttribute("data-descending") || d.desc
    };
  }

  // pageOf returns the table's pmkbPage, made at its first call: which of
  // its rows show. A row shows when it matches the filters (its pmkbOut
  // is not true: see filterTable) and, in a table built with
  // data-page-size (a list of more rows than that), when it is among the
  // first limit rows that match in the table's current order. The limit
  // is the page size at first, and after a sort or a filter change
  // (reset); the pager's buttons below the table (#<id>-pager) raise it
  // by a page or to all rows, and note it in the history entry's state,
  // so that Reload, Back and Forward come back to as many rows (restore).
  // A table without data-page-size shows every row that matches.
  //
  // show sets every row's hidden attribute, then counts: shown and
  // matching, and calls the page's counted (filterTable's count line,
  // which words a page of the rows that match by countTemplate).
  function pageOf(table) {
    if (table.pmkbPage) { return table.pmkbPage; }
    var size = parseInt(table.getAttribute("data-page-size"), 10) || 0;
    var pager = size > 0 && table.id ? document.getElementById(table.id + "-pager") : null;
    var more = pager && pager.querySelector("button[data-more]");
    var all = pager && pager.querySelector("button[data-all]");
    var page = table.pmkbPage = {
      size: size,
      limit: size || Infinity,
      shown: 0,
      matching: 0,
      counted: null,
      countTemplate: pager && pager.getAttribute("data-count"),
      reset: function () { this.limit = size || Infinity; },
      restore: function () {
        var saved = null;
        try { saved = history.state && history.state.pmkbShown; } catch (e) { /* no history */ }
        var n = saved && table.id ? saved[table.id] : 0;
        this.limit = size && n > size ? n : size || Infinity;
      },
      show: function () {
        var rows = table.tBodies[0].rows;
        var n = 0, limit = this.limit;
        for (var i = 0; i < rows.length; i++) {
          var row = rows[i];
          var out = row.pmkbOut === true;
          var hide = out || n >= limit;
          if (!out) { n++; }
          // Setting the attribute again would have the browser check
          // the row's style again: most rows keep theirs.
          if (row.hidden !== hide) { row.hidden = hide; }
        }
        this.matching = n;
        this.shown = Math.min(n, limit);
        if (pager) {
          var left = this.matching - this.shown;
          pager.hidden = left <= 0;
          more.textContent = fill(more.getAttribute("data-more"), { n: Math.min(size, left) });
          all.hidden = left <= size;
          all.textContent = fill(all.getAttribute("data-all"), { n: this.matching });
        }
        if (this.counted) { this.counted(); }
      }
    };
    page.restore();
    // raise shows n more rows (Infinity: all). The focus goes to the
    // first row it shows, where the reader goes on, as the search page's
    // "Show more" moves it to the first result it adds.
    function raise(n) {
      var from = page.shown;
      page.limit = page.shown + n;
      page.show();
      try {
        var state = history.state && typeof history.state === "object" ? Object.assign({}, history.state) : {};
        state.pmkbShown = Object.assign({}, state.pmkbShown);
        state.pmkbShown[table.id] = page.limit;
        history.replaceState(state, "", location.href);
      } catch (e) { /* some file:// contexts refuse; the rows still show */ }
      var first = Array.prototype.filter.call(table.tBodies[0].rows, function (row) { return !row.hidden; })[from];
      var link = first && first.querySelector("a[href]");
      if (link) { link.focus({ preventScroll: true }); }
    }
    if (more && all) {
      more.addEventListener("click", function () { raise(size); });
      all.addEventListener("click", function () { raise(Infinity); });
    }
    return page;
  }

  function hasWord(list, word) {
    return (" " + (list || "") + " ").indexOf(" " + word + " ") >= 0;
  }

  // query is the state of the form (its fields in names) and of the
  // table's order (see makeSortable) as a URL query: "" when nothing is
  // set, else "?severity=sev1&sort=-date".
  function query(form, names, table) {
    var params = new URLSearchParams();
    names.forEach(function (n) {
      var el = form.elements[n];
      if (!el) { return; }
      if (el.type === "checkbox") {
        if (el.checked) { params.set(n, el.value); }
      } else if (el.value) {
        params.set(n, el.value);
      }
    });
    var sort = table && table.pmkbSort ? table.pmkbSort.get() : "";
    if (sort) { params.set("sort", sort); }
    var qs = params.toString();
    return qs ? "?" + qs : "";
  }

  // clearForm sets the form's fields in names back to what the page was
  // built with, before readQuery reads another URL (Back, Forward): a
  // filter the URL does not name is not set.
  function clearForm(form, names) {
    names.forEach(function (n) {
      var el = form.elements[n];
      if (!el) { return; }
      if (el.type === "checkbox") {
        el.checked = el.defaultChecked;
      } else if (el.options) {
        var opts = Array.prototype.filter.call(el.options, function (o) { return o.defaultSelected; });
        el.value = opts.length ? opts[0].value : (el.options.length ? el.options[0].value : "");
      } else {
        el.value = el.defaultValue;
      }
    });
  }

  // readQuery sets the form's fields from the URL query. A menu takes a
  // value as the search page takes a filter's: its option's value, or
  // the name the option shows or its data-label (a severity's label), in
  // any case and width (?severity=SEV1, ?severity=Critical, ?owner=Freya,
  // ?status=Open). A value that names no option is added
  // to the menu as an option of its own (data-unknown) and chosen, so the
  // URL keeps it and the count line says it matches nothing, rather than
  // the whole list showing as if filtered. A box is ticked by its name
  // with any value but an empty one, 0, false, no or off (?overdue=true).
  function readQuery(form, names) {
    var params = new URLSearchParams(location.search);
    names.forEach(function (n) {
      var el = form.elements[n];
      if (!el || !params.has(n)) { return; }
      var v = params.get(n);
      if (el.type === "checkbox") {
        el.checked = ["", "0", "false", "no", "off"].indexOf(fold(v.trim())) < 0;
      } else if (el.options) {
        choose(el, v);
      } else {
        el.value = v;
      }
    });
  }

  // choose selects the option of menu that v names (see readQuery): its
  // value as written first, then its value, its shown name or its
  // data-label folded.
  function choose(menu, v) {
    var opts = Array.prototype.slice.call(menu.options);
    var k = fold(v.trim()), slugged = slug(v);
    var opt = opts.filter(function (o) { return o.value === v; })[0] ||
      opts.filter(function (o) { return fold(o.value) === k; })[0] ||
      opts.filter(function (o) { return fold(o.text.trim()) === k; })[0] ||
      opts.filter(function (o) {
        var a = o.getAttribute("data-label");
        return a !== null && a.trim() !== "" && fold(a.trim()) === k;
      })[0] ||
      // A name as a postmortem writes it ("SRE チーム") names the page
      // of every spelling of it ("ＳＲＥチーム"), as the build keys them
      // (QA 20 B-F1).
      opts.filter(function (o) { return o.value !== "" && slug(o.value) === slugged; })[0];
    if (!opt) {
      opt = document.createElement("option");
      opt.value = v;
      opt.textContent = v;
      opt.setAttribute("data-unknown", "");
      menu.appendChild(opt);
    }
    menu.value = opt.value;
  }

  // describe names the filters set in the form: the label of each field
  // with its value ("Owner: freya"), or the label of a ticked box
  // ("Overdue only"). A value no option names (readQuery) is worded by
  // unknown, a template with the slots {label} and {value}. Each part is
  // a list of strings and {value: "…"}, a value written in a postmortem
  // (an owner, a team…) that showCount isolates (QA 15 A-F6).
  function describe(form, names, unknown) {
    var parts = [];
    names.forEach(function (n) {
      var el = form.elements[n];
      if (!el) { return; }
      var label = el.id ? form.querySelector('label[for="' + el.id + '"]') : null;
      var name = label ? label.textContent.trim() : n;
      if (el.type === "checkbox") {
        if (el.checked) { parts.push([name]); }
      } else if (el.value) {
        var opt = el.options ? el.options[el.selectedIndex] : null;
        if (opt && opt.hasAttribute("data-unknown")) {
          parts.push(fillParts(unknown, { label: name, value: { value: el.value } }));
        } else {
          parts.push([name + ": ", { value: opt ? opt.textContent.trim() : el.value }]);
        }
      }
    });
    return parts;
  }

  // fill puts the slots' text into template t ("{label}"): as text, so a
  // value with "$&" in it stays as written.
  function fill(t, slots) {
    return t.replace(/\{(\w+)\}/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(slots, name) ? String(slots[name]) : m;
    });
  }

  // fillParts is fill for showCount: the slots' values are strings or
  // {value: "…"}, kept apart in the list it returns.
  function fillParts(t, slots) {
    var out = [], last = 0;
    t.replace(/\{(\w+)\}/g, function (m, name, at) {
      if (!Object.prototype.hasOwnProperty.call(slots, name)) { return m; }
      out.push(t.slice(last, at), slots[name]);
      last = at + m.length;
      return m;
    });
    out.push(t.slice(last));
    return out;
  }

  // showCount says how many rows are shown, followed by the filters set,
  // so that a printed list says whose list it is ("Showing 7 of 792 ·
  // Owner: freya · Overdue only"). When a page of the rows that match
  // shows and not all rows match, it says how many match too, by the
  // template paged, the pager's data-count ("Showing 100 of 340 (25968
  // in all) · Owner: freya"). A value of a filter is put in a <bdi>: a
  // right-to-left override in an owner's name reverses that name only,
  // not the filters after it (QA 15 A-F6).
  function showCount(el, paged, shown, matching, total, filters) {
    if (!el) { return; }
    var t = el.getAttribute("data-template") || "{shown} / {total}";
    if (paged && shown < matching && matching < total) { t = paged; }
    var line = document.createDocumentFragment();
    line.appendChild(document.createTextNode(fill(t, { shown: shown, matching: matching, total: total })));
    filters.forEach(function (part) {
      line.appendChild(document.createTextNode(" · "));
      part.forEach(function (p) {
        if (typeof p === "string") {
          if (p) { line.appendChild(document.createTextNode(p)); }
          return;
        }
        var b = document.createElement("bdi");
        b.textContent = p.value;
        line.appendChild(b);
      });
    });
    // One change of the live region, as when it was set as text.
    el.textContent = "";
    el.appendChild(line);
  }

  // filterTable wires a filter form to a table: match(row, form, pass)
  // says whether a row stays visible; pass is a number that changes at
  // each pass over the rows, by which match reads the form's values once
  // a pass rather than once a row (looking a field up by its name costs
  // more than the rest of a row's test). It is shared with actions.js. While a
  // menu holds a value no option names (readQuery), no row is shown; the
  // value leaves the menu once another is chosen or the form is cleared.
  // A long table shows the first page of the rows that match (pageOf):
  // a change of the filters shows the first page again.
  //
  // The filters and the table's order live in the URL query, with one
  // history entry per change, as on the search page: choosing a filter,
  // clearing them or sorting by a column pushes an entry, so Back undoes
  // the last change rather than leaving the page; the words typed in a
  // box make one entry, started at the first key and replaced at the
  // next. Back and Forward (popstate) read the URL again, unless only
  // its fragment changed: a link to a spot on the page (the skip link's
  // #main) makes a history entry of its own, without state, and going
  // to it or back from it leaves the list as it is.
  //
  // Choosing from a menu or ticking a box fires input, then change: the
  // rows are filtered at the first only (filtered holds the form's state
  // as last filtered), not twice (~200 ms each on 26,000 rows).
  function filterTable(form, table, countEl, names, match) {
    var rows = table.tBodies[0].rows;
    var page = pageOf(table);
    var unknown = (countEl && countEl.getAttribute("data-unknown")) || '{label}: "{value}"';
    var typing = false; // the last change was a key in a text box
    var pass = 0; // filter's passes, for match
    var filtered = null; // query(form, names) at the last pass
    var handled = location.search; // the URL query the list last showed
    // record puts the state in the URL: how is "pushState" for a new
    // history entry, "replaceState" to change the current one. The
    // entry's state (how many rows show: pageOf) goes, as the first page
    // shows again, unless keep says the rows shown are the entry's.
    function record(how, keep) {
      var qs = query(form, names, table);
      var same = qs === location.search;
      if (same && (keep || !history.state)) { return; }
      try {
        history[same ? "replaceState" : how](keep ? history.state : null, "", same ? location.href : qs || location.pathname);
      } catch (e) { /* some file:// contexts refuse; the filter still works */ }
      handled = location.search;
    }
    // filter marks each row that does not match (pmkbOut) and shows the
    // first page of those that do, or as many rows as before with keep.
    function filter(keep) {
      each(form.querySelectorAll("option[data-unknown]"), function (o) {
        if (!o.selected) { o.parentNode.removeChild(o); }
      });
      var none = form.querySelector("option[data-unknown]") !== null;
      filtered = query(form, names);
      pass++;
      each(rows, function (row) {
        row.pmkbOut = none || !match(row, form, pass);
      });
      if (!keep) { page.reset(); }
      page.show();
    }
    var noneLine = null; // the line that says nothing matches (noneRow)
    page.counted = function () {
      showCount(countEl, page.countTemplate, page.shown, page.matching, rows.length, describe(form, names, unknown));
      if (page.matching === 0 && rows.length > 0 && !noneLine) { noneLine = noneRow(table, form, countEl); }
      if (noneLine) { noneLine.hidden = page.matching > 0; }
    };
    function apply(how) {
      if (query(form, names) !== filtered) { filter(); }
      record(how);
    }
    function readURL() {
      readQuery(form, names);
      if (table && table.pmkbSort) {
        table.pmkbSort.set(new URLSearchParams(location.search).get("sort") || "");
      }
    }
    readURL();
    form.hidden = false;
    form.addEventListener("input", function (e) {
      if (e.isComposing) { return; }
      var text = e.target.type !== "checkbox" && !e.target.options;
      apply(text && typing ? "replaceState" : "pushState");
      typing = text;
    });
    // An input method's composition (a Japanese reading before it is
    // converted) is not filtered on: its input events are skipped above,
    // and the committed words are filtered at compositionend, as the
    // search page does (QA 14 B-F6). Chrome's last input event of a
    // composition comes before compositionend, still composing.
    form.addEventListener("compositionend", function () {
      apply(typing ? "replaceState" : "pushState");
      typing = true;
    });
    form.addEventListener("change", function () { typing = false; apply("pushState"); });
    form.addEventListener("submit", function (e) { e.preventDefault(); typing = false; apply("pushState"); });
    form.addEventListener("reset", function () { typing = false; setTimeout(function () { apply("pushState"); }, 0); });
    table.pmkbSorted = function () { typing = false; record("pushState"); };
    window.addEventListener("popstate", function () {
      if (location.search === handled) { return; }
      handled = location.search;
      typing = false;
      clearForm(form, names);
      readURL();
      page.restore();
      filter(true);
    });
    // On load, as many rows show as the history entry's state says
    // (pageOf): a reload or a return to the list keeps the reader's place.
    filter(true);
    record("replaceState", true);
    return function () { filter(true); record("replaceState", true); };
  }

  // A list says the count line's data-none (filter.none in the theme's
  // i18n) when no row matches its filters; NONE, in the page's language,
  // stands in for a layout copied from an older pmkb that has no
  // data-none.
  var NONE = { en: "Nothing matches these filters.", ja: "条件に一致するものはありません。" };

  // noneRow adds to the table the line shown in place of its rows when
  // no row matches the filters (QA 14 B-F10: a list showed its headers
  // and nothing else), with the form's button that clears them: a row of
  // the table's foot, so that it sits under the headers and is read as
  // part of the table, out of the body's rows that sort and paging move.
  // Its button clears the form and puts the focus on the form's first
  // field, as the button it stood for is gone.
  function noneRow(table, form, countEl) {
    var lang = (document.documentElement.lang || "en").split("-")[0];
    var foot = table.tFoot || table.createTFoot();
    var row = foot.insertRow(-1);
    row.className = "none-row";
    var cell = document.createElement("td");
    cell.colSpan = table.tHead ? table.tHead.rows[0].cells.length : 1;
    var text = document.createElement("span");
    text.textContent = (countEl && countEl.getAttribute("data-none")) || NONE[lang] || NONE.en;
    cell.appendChild(text);
    var reset = form.querySelector("button[type=reset]");
    if (reset) {
      var clear = document.createElement("button");
      clear.type = "button";
      clear.textContent = reset.textContent;
      clear.addEventListener("click", function () {
        form.reset();
        var first = form.querySelector("input, select");
        if (first) { first.focus(); }
      });
      cell.appendChild(document.createTextNode(" "));
      cell.appendChild(clear);
    }
    row.appendChild(cell);
    return row;
  }

  window.pmkbTable = { filterTable: filterTable, hasWord: hasWord };

  // fold makes the filter box match as the site's search does: full- and
  // half-width forms alike (ＤＮＳ is DNS, ﾃﾞｰﾀ is データ), in any case.
  function fold(s) {
    return (s.normalize ? s.normalize("NFKC") : s).toLowerCase();
  }

  // slug is the build's page name of a term (model.Slug in Go): folded,
  // its letters and digits kept, each run of anything else one "-",
  // but for a run of spaces next to a kanji, kana or ー, which goes.
  var letter = /[\p{L}\p{Nd}_]/u, cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]/u, space = /\s/u;
  function slug(s) {
    var out = "", dash = false, spaces = true, prev = "";
    Array.from(fold(s.trim())).forEach(function (r) {
      if (letter.test(r)) {
        if (dash && out !== "" && !(spaces && (cjk.test(prev) || cjk.test(r)))) { out += "-"; }
        dash = false; spaces = true; prev = r;
        out += r;
      } else {
        dash = true;
        spaces = spaces && space.test(r);
      }
    });
    return out;
  }

  function init() {
    each(document.querySelectorAll("table[data-sortable]"), makeSortable);
    // A long table shows its first page, then loses data-page-size, by
    // which the stylesheet kept its later rows out of layout while the
    // page loaded, in the same task: the browser never lays out the
    // rows in between. A filter form filters it again in this task too.
    each(document.querySelectorAll("table[data-page-size]"), function (table) {
      pageOf(table).show();
      table.removeAttribute("data-page-size");
    });

    var form = document.getElementById("pm-filters");
    var table = document.getElementById("postmortems");
    if (!form || !table) { return; }
    var attrs = { severity: "data-severity", system: "data-systems", cause: "data-causes", team: "data-teams", year: "data-year" };
    var names = ["severity", "system", "cause", "team", "year", "text"];
    // The menus' values (those set: [attribute, value]) are read once a
    // pass and the box's words folded once per value, not once per row:
    // match runs for every row of the list at every key.
    var seen = 0, set = [], raw = null, words = [];
    var apply = filterTable(form, table, document.getElementById("pm-count"), names, function (row, f, pass) {
      if (pass !== seen) {
        seen = pass;
        set = [];
        for (var n in attrs) {
          if (f.elements[n].value) { set.push([attrs[n], f.elements[n].value]); }
        }
        if (f.elements.text.value !== raw) {
          raw = f.elements.text.value;
          words = fold(raw).split(/\s+/).filter(Boolean);
        }
      }
      for (var i = 0; i < set.length; i++) {
        if (!hasWord(row.getAttribute(set[i][0]), set[i][1])) { return false; }
      }
      // A row's folded text (its shown text) is kept on it: a list of
      // thousands of rows is filtered again at every key. It is made at
      // the first word typed, not on page load, so it holds what
      // actions.js wrote (an overdue flag by the reader's clock) and an
      // empty box folds nothing. A row's hidden overdue flag is empty (the
      // build and actions.js keep it so), so its whole text is what the
      // reader sees: textContent, ~14 times faster on 10,000 rows than a
      // walk that skips hidden elements.
      if (!words.length) { return true; }
      var text = row.pmkbText || (row.pmkbText = fold(row.textContent));
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    // pmkbTable.textChanged is for a script that rewrites the rows' text
    // after this filtered them (actions.js: an overdue flag by the
    // reader's clock): it forgets their folded text and, when the text box
    // has words, filters again. With an empty box nothing was folded and
    // the text decides nothing, so it does nothing.
    window.pmkbTable.textChanged = function () {
      if (!form.elements.text.value) { return; }
      each(table.tBodies[0].rows, function (row) { row.pmkbText = undefined; });
      apply();
    };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
