package actions

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/model"
)

// TestFilterCheck proves a filter value that can select nothing is an
// error (QA: "--status opne --fail-on-overdue" passed a CI gate with "0
// items"), and that every value some item or postmortem has passes.
func TestFilterCheck(t *testing.T) {
	kb := actionstest.KB("/")
	kb.Config.Systems = []model.System{{Slug: "ledger", Name: "Ledger", Team: "finance"}}
	for _, tt := range []struct {
		name string
		f    Filter
		want []string // error lines; nil: no error
	}{
		{"zero filter", Filter{}, nil},
		{"known values in any case and spelling", Filter{Status: "Open, in-progress,", Kind: "DETECT", Owner: "AIKO", Team: "Payments", System: "checkout-api"}, nil},
		{"owner by slug", Filter{Owner: "Aiko"}, nil},
		{"catalog system and team without postmortems", Filter{System: "ledger", Team: "finance"}, nil},
		{"misspelt status", Filter{Status: "opne"}, []string{`status "opne" is not an action-item status (want open, in-progress, done, wont-do); did you mean "open"?`}},
		{"one bad status in a list", Filter{Status: "open,closed"}, []string{`status "closed" is not an action-item status (want open, in-progress, done, wont-do)`}},
		{"kind list", Filter{Kind: "prevent,detect"}, nil},
		{"one bad kind in a list", Filter{Kind: "prevent, fix"}, []string{`kind "fix" is not an action-item kind (want prevent, detect, mitigate, process)`}},
		{"unknown kind", Filter{Kind: "fix"}, []string{`kind "fix" is not an action-item kind (want prevent, detect, mitigate, process)`}},
		{"misspelt team", Filter{Team: "paymnets", Overdue: true}, []string{`no postmortem has team "paymnets"; did you mean "payments"?`}},
		{"misspelt system", Filter{System: "checkout-apii"}, []string{`no postmortem or systems catalog entry has system "checkout-apii"; did you mean "checkout-api"?`}},
		{"unknown owner, nothing near", Filter{Owner: "zed-zulu"}, []string{`no action item has owner "zed-zulu"`}},
		{"every problem at once", Filter{Status: "opne", Kind: "fix", Owner: "bne", Team: "x", System: "dsn"}, []string{
			`status "opne" is not an action-item status (want open, in-progress, done, wont-do); did you mean "open"?`,
			`kind "fix" is not an action-item kind (want prevent, detect, mitigate, process)`,
			`no action item has owner "bne"; did you mean "ben"?`,
			`no postmortem has team "x"`,
			`no postmortem or systems catalog entry has system "dsn"; did you mean "dns"?`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.f.Check(kb)
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
}

// TestSystemByCatalogName checks that --system takes the name the systems
// catalog gives a system, the only one a reader of the site sees, as well
// as its slug, with width and case folded: `pmkb actions --system 決済API`
// failed with "no postmortem or systems catalog entry has system" while
// `pmkb search system:決済API` found it.
func TestSystemByCatalogName(t *testing.T) {
	kb := actionstest.KB("/")
	kb.Config.Systems = []model.System{
		{Slug: "checkout-api", Name: "決済API"},
		{Slug: "dns", Name: "DNS"},
		{Slug: "ledger", Name: "元帳"},
	}
	bySlug := len(Rows(kb, Filter{System: "checkout-api"}))
	if bySlug == 0 {
		t.Fatal("the fixture has no items of checkout-api")
	}
	for _, tt := range []struct {
		system  string
		n       int
		wantErr string
	}{
		{"決済API", bySlug, ""},
		{"決済ＡＰＩ", bySlug, ""},
		{"決済api", bySlug, ""},
		{"checkout-api", bySlug, ""},
		{"元帳", 0, ""},
		{"決済", 0, `no postmortem or systems catalog entry has system "決済"; did you mean "決済API"?`},
	} {
		f := Filter{System: tt.system}
		if got := errString(f.Check(kb)); got != tt.wantErr {
			t.Errorf("Check(--system %s) = %q, want %q", tt.system, got, tt.wantErr)
		}
		if tt.wantErr != "" {
			continue
		}
		rows := Rows(kb, f)
		if len(rows) != tt.n {
			t.Errorf("--system %s: %d items, want %d", tt.system, len(rows), tt.n)
		}
		for _, r := range rows {
			if !slices.Contains(r.Systems, "checkout-api") {
				t.Errorf("--system %s: %s is of %v, not checkout-api", tt.system, r.Key, r.Systems)
			}
		}
	}
}
