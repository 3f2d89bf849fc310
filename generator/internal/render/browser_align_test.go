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
