package render

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/themes"
)

// TestBrowserTableAlignment checks that a Markdown table's column
// alignment shows (QA 18 C-F6): the body's renderer writes it as the
// classes align-left, align-center and align-right (not style
// attributes, which a strict CSP refuses), and the theme's stylesheet
// must align them; without the rules every column was left-aligned.
func TestBrowserTableAlignment(t *testing.T) {
	kb := testKB("en", repo)
	kb.Config.BaseURL = "/"
	kb.Postmortems[0].HTML += `<table><thead><tr><th class="align-left">l</th><th class="align-center">c</th><th class="align-right">r</th><th>n</th></tr></thead>` +
		`<tbody><tr><td class="align-left">1</td><td class="align-center">2</td><td class="align-right">3</td><td>4</td></tr></tbody></table>`
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	browsertest.Run(t, ctx, chromedp.EmulateViewport(1280, 900))
	browsertest.Navigate(t, ctx, srv.URL+"postmortems/"+kb.Postmortems[0].ID+"/index.html")
	got := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll('.prose table th, .prose table td')].map(c => getComputedStyle(c).textAlign)`)
	// The fourth header cell is the browser's own (centred); a plain
	// cell starts at the line's start.
	want := []string{"left", "center", "right", "", "left", "center", "right", "start"}
	if len(got) != len(want) {
		t.Fatalf("text-align of the table's cells = %q, want %q", got, want)
	}
	for i := range want {
		if want[i] != "" && got[i] != want[i] {
			t.Errorf("text-align of the table's cells = %q, want %q", got, want)
			break
		}
	}
}

// TestBrowserRightToLeft checks that a postmortem in a language written
// right to left is laid out from the right: its title, summary, impact
// and write-up carry dir="rtl" with their lang (QA 18 C-F1: lang alone
// left an Arabic write-up left-aligned, its punctuation at the wrong
// end), and a postmortem in English stays left to right.
func TestBrowserRightToLeft(t *testing.T) {
	kb := testKB("en", repo)
	kb.Config.BaseURL = "/"
	ar := kb.Postmortems[1]
	ar.Lang, ar.Title, ar.Summary, ar.Impact = "ar", "انتهت صلاحية الشهادة", "فشل الدفع.", "تعذر الدفع لمدة ساعة."
	ar.HTML = "<p>هذه فقرة باللغة العربية <code>--force</code>.</p>\n<pre><code>kubectl -n prod; echo \"done.\"</code></pre>\n"
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	browsertest.Run(t, ctx, chromedp.EmulateViewport(1280, 900))
	dirs := `[...document.querySelectorAll('h1, .pm-header .lead, .prose')].map(e => getComputedStyle(e).direction)`
	for _, c := range []struct {
		pm   string
		want string
	}{{ar.ID, "rtl"}, {kb.Postmortems[0].ID, "ltr"}} {
		browsertest.Navigate(t, ctx, srv.URL+"postmortems/"+c.pm+"/index.html")
		got := browsertest.Eval[[]string](t, ctx, dirs)
		if len(got) < 2 {
			t.Fatalf("%s: found %q", c.pm, got)
		}
		for _, d := range got {
			if d != c.want {
				t.Errorf("%s: direction of the title, summary and write-up = %q, want %s", c.pm, got, c.want)
				break
			}
		}
	}
	// Code reads left to right in any write-up (QA 18r F12: `--force`
	// showed as force-- and a command's trailing "done." moved to its start).
	browsertest.Navigate(t, ctx, srv.URL+"postmortems/"+ar.ID+"/index.html")
	code := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll('.prose pre, .prose code')].map(e => getComputedStyle(e).direction + '/' + getComputedStyle(e).unicodeBidi)`)
	if len(code) != 3 {
		t.Fatalf("code elements: %q", code)
	}
	for _, d := range code {
		if d != "ltr/isolate" {
			t.Errorf("direction of the Arabic write-up's code = %q, want ltr/isolate each", code)
			break
		}
	}
}
