package lint

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// rawHTMLWarnings parses and lints raw and returns its markdown/raw-html
// warnings by line, each as "message | hint".
func rawHTMLWarnings(t *testing.T, raw string) map[int][]string {
	t.Helper()
	cfg := model.DefaultSiteConfig()
	p, loaded := source.ParseFile("content/postmortems/2024/2024-03-14-test.md", []byte(raw), &cfg)
	if p == nil {
		t.Fatalf("not parsed: %v", loaded)
	}
	got := map[int][]string{}
	for _, d := range lintOne(raw, p, nil, Config{}).Items() {
		if d.Rule == "markdown/raw-html" {
			got[d.Pos.Line] = append(got[d.Pos.Line], d.Message+" | "+d.Hint)
		}
	}
	return got
}

// TestNamelessDetailsMessage: a <details> without its <summary>, or with
// an empty one, is shown as text since QA 18 C-F10, but lint said of it
// what it says of tags that do not pair up — "its opening and closing
// tags do not pair up at this level of the document" — though they do:
// what is missing is the widget's name. Each now has its own message and
// hint. Tags that do not pair up keep the pairing message (its hint names
// the <summary> too), a <details> without a summary among them. The
// bodies are parsed, so the notes are the loader's.
func TestNamelessDetailsMessage(t *testing.T) {
	got := rawHTMLWarnings(t, md(
		"<details><summary></summary>", // 6
		"",
		"hidden log",
		"",
		"</details>",
		"",
		"<details>", // 12
		"",
		"no summary at all",
		"",
		"</details>",
		"",
		"<details><summary>&nbsp;</summary>", // 18
		"",
		"y",
		"",
		"</details>",
		"",
		"<details><summary>Logs</summary>", // 24: rendered
		"",
		"z",
		"",
		"</details>",
	))
	summary := "raw HTML <summary> is shown as text here, with its <details>: the <summary> has no text, so the disclosure widget would have no name to read" +
		" | write what the <details> holds between <summary> and </summary>, e.g. <summary>Full log</summary>, or remove the tags"
	details := "raw HTML <details> is shown as text here: it is rendered only with a <summary> that has text right after it, or the disclosure widget would have no name to read" +
		" | write <summary>what it holds</summary> right after <details> (on its line, the next or after blank lines), e.g. <details><summary>Full log</summary>, or remove the tags"
	want := map[int]string{6: summary, 12: details, 18: summary}
	for line, w := range want {
		if len(got[line]) != 1 || got[line][0] != w {
			t.Errorf("line %d:\n got %q\nwant %q", line, got[line], w)
		}
	}
	for line, g := range got {
		if _, ok := want[line]; !ok {
			t.Errorf("line %d: unexpected %q", line, g)
		}
	}

	// Tags that do not pair up: the </details> outside the list item, and
	// the list's <details>, which has no summary either.
	got = rawHTMLWarnings(t, md(
		"- <details>", // 6
		"",
		"  text",
		"",
		"</details>", // 10
	))
	for _, line := range []int{6, 10} {
		if len(got[line]) != 1 || !strings.Contains(got[line][0], "do not pair up at this level of the document") {
			t.Errorf("line %d: %q, want the pairing message", line, got[line])
		}
	}
}
