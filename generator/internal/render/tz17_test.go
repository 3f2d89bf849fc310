package render

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/themes"
)

// negativeAge is a "Since incident" cell whose text is a negative age.
var negativeAge = regexp.MustCompile(`<td class="pm-col age" data-sort="-?\d+">-\d+ days?</td>`)

// TestNoNegativeAge builds a site as of a day before its incidents (the
// config's today = "2026-03-01" of the README, once newer postmortems
// come): the open items read "Since incident: -245 days" in the page text,
// the no-JS view and a printout (QA 17 B-F5). The text is "0 days", as
// pmkb actions clamps it; data-sort keeps the days from the incident to
// the build day, from which actions.js counts on by the reader's clock.
func TestNoNegativeAge(t *testing.T) {
	kb := testKB("en", repo)
	kb.Today = day(2024, 3, 1)
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	site := byPath(files)
	for _, page := range []string{"index.html", "actions/index.html", "postmortems/2024-03-14-checkout-cert/index.html"} {
		text := fileText(t, site, page)
		if m := negativeAge.FindString(text); m != "" {
			t.Errorf("%s: %s", page, m)
		}
	}
	if want := `<td class="pm-col age" data-sort="-13">0 days</td>`; !strings.Contains(fileText(t, site, "actions/index.html"), want) {
		t.Errorf("/actions/ lacks %s (the certificate incident's item as of 2024-03-01)", want)
	}
}

// TestBrowserAgeBuiltBeforeIncident opens the site of TestNoNegativeAge in
// a browser, whose clock is after the incidents: actions.js moves each
// open item's age from data-sort (-13 as of the build day), and the
// text is then the days since the incident by the reader's clock, not
// the 0 the page was built with plus the days since (QA 17 B-F5).
func TestBrowserAgeBuiltBeforeIncident(t *testing.T) {
	kb := testKB("en", repo)
	kb.Today = day(2024, 3, 1)
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	today := browsertest.Eval[string](t, ctx, localTodayJS)
	if today <= "2024-05-01" {
		t.Fatalf("the browser's clock says %s; the test needs a day after 2024-05-01", today)
	}
	browsertest.Navigate(t, ctx, srv.URL+"actions/index.html")
	browsertest.WaitFor(t, ctx, `document.querySelector('tr[data-overdue="true"]')`)
	type ageRow struct{ Key, Age string }
	rows := browsertest.Eval[[]ageRow](t, ctx, `(() => {
		const table = document.querySelector("#actions");
		const col = Array.from(table.tHead.rows[0].cells).findIndex(h => h.textContent.trim() === "Since incident");
		return Array.from(table.tBodies[0].rows).filter(r => r.cells[col].classList.contains("age")).map(r => ({Key: r.dataset.key, Age: r.cells[col].textContent}));
	})()`)
	if len(rows) == 0 {
		t.Fatal("no open rows in /actions/")
	}
	for _, r := range rows {
		id, _, _ := strings.Cut(r.Key, "#")
		p, ok := kb.ByID(id)
		if !ok {
			t.Fatalf("row %s: no postmortem %s", r.Key, id)
		}
		if want := strconv.Itoa(p.Day().DaysUntil(mustDay(t, today))) + " days"; r.Age != want {
			t.Errorf("%s: age %q, want %q by the reader's clock", r.Key, r.Age, want)
		}
	}
}

// TestBrowserAgeIncidentAfterReader checks that an incident the reader's
// clock has not reached yet (dated after the reader's day, on a site built
// before both) reads "0 days", not a negative age, once actions.js moves
// the ages to the reader's day; data-sort keeps the signed days, so that
// sorting still orders it (the leftover of QA 17 B-F5).
func TestBrowserAgeIncidentAfterReader(t *testing.T) {
	kb := testKB("en", repo)
	kb.Today = day(2024, 3, 1)
	p, ok := kb.ByID("2024-03-14-checkout-cert")
	if !ok {
		t.Fatal("no postmortem 2024-03-14-checkout-cert")
	}
	p.Date = p.Date.AddDate(100, 0, 0)
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	if today := browsertest.Eval[string](t, ctx, localTodayJS); today <= "2024-03-01" || today >= "2124-03-14" {
		t.Fatalf("the browser's clock says %s; the test needs a day between the build and the incident", today)
	}
	browsertest.Navigate(t, ctx, srv.URL+"actions/index.html")
	browsertest.WaitFor(t, ctx, `document.querySelector('tr[data-overdue="true"]')`)
	type ageRow struct{ Age, Sort string }
	rows := browsertest.Eval[[]ageRow](t, ctx, `(() => {
		const table = document.querySelector("#actions");
		const col = Array.from(table.tHead.rows[0].cells).findIndex(h => h.textContent.trim() === "Since incident");
		return Array.from(table.tBodies[0].rows).filter(r => r.dataset.key.startsWith("2024-03-14-checkout-cert#") && r.cells[col].classList.contains("age")).map(r => ({Age: r.cells[col].textContent, Sort: r.cells[col].dataset.sort}));
	})()`)
	if len(rows) == 0 {
		t.Fatal("no open rows of 2024-03-14-checkout-cert in /actions/")
	}
	for _, r := range rows {
		if r.Age != "0 days" || !strings.HasPrefix(r.Sort, "-") {
			t.Errorf("age %q (data-sort %s); want 0 days and a negative data-sort", r.Age, r.Sort)
		}
	}
}
