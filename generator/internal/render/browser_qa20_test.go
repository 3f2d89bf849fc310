package render

import (
	"net/url"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// TestBrowserListTitleSortAndTeamSpelling: on /postmortems/, sorting by
// title sorted by the title with the row's summary glued to it, so
// "Alpha outage (b)" came before "Alpha outage" (QA 20 B-F2); and a
// team named in the URL as a postmortem writes it, ?team=SRE チーム,
// matched nothing where the build makes one page of "SRE チーム" and
// "ＳＲＥチーム" (QA 20 B-F1): the menu now takes any spelling the
// build gives the same page.
func TestBrowserListTitleSortAndTeamSpelling(t *testing.T) {
	base := testKB("en", repo)
	pms := base.Postmortems
	pms[0].Title, pms[0].Summary, pms[0].Teams = "Alpha outage (b)", "Zeta was down.", []string{"ＳＲＥチーム"}
	pms[1].Title, pms[1].Summary, pms[1].Teams = "Alpha outage", "Able was down.", []string{"SRE チーム"}
	kb := model.New(base.Config, base.Today, pms)
	kb.Config.BaseURL = "/"
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	rows := `[...document.querySelectorAll("#postmortems tbody tr")].filter(r => !r.hidden)`

	browsertest.Navigate(t, ctx, srv.URL+"postmortems/index.html?sort=title")
	browsertest.WaitFor(t, ctx, `document.querySelector("#postmortems th[data-col=title][aria-sort]")`)
	titles := browsertest.Eval[[]string](t, ctx, rows+`.map(r => r.querySelector("th[scope=row] a").textContent.trim())`)
	first, second := -1, -1
	for i, s := range titles {
		switch s {
		case "Alpha outage":
			first = i
		case "Alpha outage (b)":
			second = i
		}
	}
	if first < 0 || second < 0 || first > second {
		t.Errorf("sorted by title: %q, want \"Alpha outage\" before \"Alpha outage (b)\"", titles)
	}

	for _, team := range []string{"SRE チーム", "ＳＲＥ　チーム", "ＳＲＥチーム"} {
		browsertest.Navigate(t, ctx, srv.URL+"postmortems/index.html?team="+url.QueryEscape(team))
		browsertest.WaitFor(t, ctx, `document.getElementById("pm-filters")`)
		got := browsertest.Eval[[]string](t, ctx, rows+`.map(r => r.querySelector("th[scope=row] a").textContent.trim())`)
		if len(got) != 2 {
			t.Errorf("?team=%s shows %q, want both postmortems of the team", team, got)
		}
	}
}
