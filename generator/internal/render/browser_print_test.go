package render

import (
	"context"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/themes"
)

// printMedia makes the page apply its print styles.
func printMedia(t *testing.T, ctx context.Context) {
	t.Helper()
	browsertest.Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
}

// visibleHeaders lists the headers of the table shown.
const visibleHeaders = `Array.from(document.querySelectorAll("#actions thead th, #pm-actions thead th")).filter(th => getComputedStyle(th).display !== "none").map(th => th.textContent.trim())`

// TestBrowserPrintActions prints /actions/ and a postmortem, with and
// without a Tracker column (which the site shows only when an item has a
// link), and with and without owners (a public build names none): the
// print keeps the status, item, owner (when there is one), due date,
// postmortem and severity whatever columns the site has, and a postmortem's
// page its items' tracker too; a closing date
// does not wrap at its hyphens (QA: "closed 2025-" / "03-01"); and a
// caption keeps with its table (QA: the Timeline caption was the last line
// of a page).
func TestBrowserPrintActions(t *testing.T) {
	for _, owners := range []bool{true, false} {
		want := []string{"Status", "Action item", "Owner", "Due", "Postmortem", "Severity"}
		if !owners {
			want = slices.DeleteFunc(want, func(h string) bool { return h == "Owner" })
		}
		// On its own page a postmortem's columns are hidden.
		onPage := want[:slices.Index(want, "Postmortem")]
		for _, links := range []bool{true, false} {
			kb := testKB("en", repo)
			opts := testOpts
			if !owners {
				opts = withoutOwners(kb, testOpts)
			}
			if !links {
				for _, p := range kb.Postmortems {
					for i := range p.ActionItems {
						p.ActionItems[i].Link = ""
					}
				}
			}
			files, err := Site(kb, themes.Default(), opts)
			if err != nil {
				t.Fatal(err)
			}
			srv := browsertest.Serve(t, files, nil)
			ctx := browsertest.New(t)
			printMedia(t, ctx)
			browsertest.Navigate(t, ctx, srv.URL+"actions/index.html")
			if got := browsertest.Eval[[]string](t, ctx, visibleHeaders); !slices.Equal(got, want) {
				t.Errorf("owners %v, links %v: /actions/ prints the columns %q, want %q", owners, links, got, want)
			}
			browsertest.Navigate(t, ctx, srv.URL+"postmortems/2024-03-14-checkout-cert/index.html")
			// On its own page a postmortem's items keep their tracker
			// (QA 12 F11), printed as the link's text.
			wantOnPage := onPage
			if links {
				wantOnPage = append(slices.Clip(onPage), "Tracker")
				if got := browsertest.Eval[string](t, ctx, `getComputedStyle(document.querySelector("#pm-actions tbody td:last-child a"), "::after").content`); got != "none" {
					t.Errorf("owners %v: a tracker link prints its URL after its text: %s", owners, got)
				}
			}
			if got := browsertest.Eval[[]string](t, ctx, visibleHeaders); !slices.Equal(got, wantOnPage) {
				t.Errorf("owners %v, links %v: a postmortem prints the action columns %q, want %q", owners, links, got, wantOnPage)
			}
			for _, sel := range []string{".closed", ".closed time"} {
				if got := browsertest.Eval[string](t, ctx, `getComputedStyle(document.querySelector("`+sel+`")).whiteSpace`); got != "nowrap" {
					t.Errorf("owners %v, links %v: %s white-space is %q, want nowrap (\"closed 2024-\" / \"03-28\")", owners, links, sel, got)
				}
			}
			if got := browsertest.Eval[string](t, ctx, `getComputedStyle(document.getElementById("timeline-caption")).breakAfter`); got != "avoid" {
				t.Errorf("owners %v, links %v: the timeline caption's break-after is %q", owners, links, got)
			}
		}
	}
}
