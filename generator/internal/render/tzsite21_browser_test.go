package render

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/themes"
)

// TestBrowserOverdueOnTheSitesDay checks that the pages re-check
// "overdue" on the site's day, in its timeZone, not the reader's (QA 21
// B-F4: at one moment a reader in UTC saw 435 overdue "as of 2026-11-28"
// and one in Tokyo 438 "as of 2026-11-29", while the overdue feed and pmkb
// actions said 435). The site is in Pacific/Kiritimati (UTC+14) and the
// browser in Pacific/Pago_Pago (UTC-11): 25 hours apart, so their days
// differ at every moment.
func TestBrowserOverdueOnTheSitesDay(t *testing.T) {
	kb := testKB("en", repo)
	site, err := time.LoadLocation("Pacific/Kiritimati")
	if err != nil {
		t.Fatal(err)
	}
	kb.Config.TimeZone = site
	kb.Today = day(2024, 4, 10)
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	browsertest.Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Pacific/Pago_Pago"})
		return err
	}))
	browsertest.Navigate(t, ctx, srv.URL+"actions/index.html")
	browsertest.WaitFor(t, ctx, `/as of \d{4}-\d\d-\d\d/.test(document.querySelector("main p [data-overdue-n]").textContent) && !document.querySelector("main p [data-overdue-n]").textContent.includes("2024-04-10")`)
	local := browsertest.Eval[string](t, ctx, localTodayJS)
	text := browsertest.Eval[string](t, ctx, `document.querySelector("main p [data-overdue-n]").textContent`)
	m := regexp.MustCompile(`as of (\d{4}-\d\d-\d\d)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("headline %q", text)
	}
	want := time.Now().In(site).Format(time.DateOnly)
	if m[1] != want {
		t.Errorf("/actions/ says as of %s (the reader's day is %s), want the site's day %s", m[1], local, want)
	}
	if local == want {
		t.Fatalf("the browser's day %s is the site's: the test proves nothing", local)
	}
}
