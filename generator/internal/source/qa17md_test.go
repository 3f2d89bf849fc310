package source

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestEscapedHTMLEveryPlace: every place of a body where raw HTML is
// shown as text is noted, each at its line and once (an HTML block once,
// at its first such tag; a line of inline tags once), not only the body's
// first; and an allowed tag with attributes whose closing tag follows is
// noted for its attributes, not as tags that do not pair up (QA 17 A-F4).
func TestEscapedHTMLEveryPlace(t *testing.T) {
	for _, c := range []struct {
		name, body, notes string
	}{
		{"a Confluence export",
			"<table><tr><td>x</td></tr>\n<tr><td>y</td></tr></table>\n\nText <img src=\"x.png\" alt=\"g\"> inline.\n\n<iframe src=\"https://g.example.com/d\"></iframe>\n\na <u>u</u> b <b>c</b>\n",
			"[{Line:1 Tag:<table> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0} {Line:4 Tag:<img …> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0} {Line:6 Tag:<iframe …> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0} {Line:8 Tag:<u> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"attributes on tags that pair up",
			"<details open>\n<summary>Logs</summary>\nx\n\n</details>\n\nPress <kbd class=\"k\">Enter</kbd> twice.\n",
			"[{Line:1 Tag:<details …> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0} {Line:7 Tag:<kbd …> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"an attribute beside allowed tags",
			"<sub>2</sub> <kbd class=k>Ctrl</kbd>+<kbd>C</kbd> <sub title=t><kbd>x</kbd></sub>\n",
			"[{Line:1 Tag:<kbd …> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"an unclosed tag with attributes spoils nothing",
			"<kbd class=k>Ctrl <kbd>C</kbd>\n\n<sub><kbd class=k>x</sub>\n",
			"[{Line:1 Tag:<kbd …> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0} {Line:3 Tag:<kbd …> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"a stray closing tag is still noted", "Stray </kbd> and <kbd>ok</kbd>.\n",
			"[{Line:1 Tag:<kbd> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, notes := renderBody(t, c.body)
			if got := fmt.Sprintf("%+v", notes); got != c.notes {
				t.Errorf("notes = %s\nwant    %s", got, c.notes)
			}
			checkOutputTags(t, h)
		})
	}
	// The allowed tags around them are still rendered.
	h, _ := renderBody(t, "<sub>2</sub> <kbd class=k>Ctrl</kbd>+<kbd>C</kbd>\n")
	if want := "<p><sub>2</sub> &lt;kbd class=k&gt;Ctrl&lt;/kbd&gt;+<kbd>C</kbd></p>"; !strings.Contains(h, want) {
		t.Errorf("html = %s, want %s", h, want)
	}
	h, _ = renderBody(t, "<details open>\n<summary>Logs</summary>\n\nx\n\n</details>\n")
	if strings.Contains(h, "<details>") || strings.Contains(h, "</details>") || !strings.Contains(h, "&lt;/details&gt;") {
		t.Errorf("details with attributes: the closing tag is rendered: %s", h)
	}
}

// TestEscapedHTMLFiftyPlaces: a body with 50 places of raw HTML gets 50
// notes, one at each line, in order (QA 17 A-F4).
func TestEscapedHTMLFiftyPlaces(t *testing.T) {
	var b strings.Builder
	for i := range 50 {
		fmt.Fprintf(&b, "Row %d <span class=x>a</span> <b>b</b>\n\n", i)
	}
	_, notes := renderBody(t, b.String())
	if len(notes) != 50 {
		t.Fatalf("%d notes, want 50: %+v", len(notes), notes)
	}
	for i, n := range notes {
		if n.Line != 1+2*i || n.Tag != "<span …>" {
			t.Errorf("note %d = %+v, want line %d <span …>", i, n, 1+2*i)
		}
	}
}

// TestHeadingAttributesOfAnyKind: a heading attribute of any value, in an
// ATX or a setext heading, renders without a panic (goldmark asserts that
// an id is text) and leaves the heading an id that is text and nothing
// else (QA 17 A-F3); braces without a {#id} stay the heading's text (QA
// 17r R2).
func TestHeadingAttributesOfAnyKind(t *testing.T) {
	for _, attrs := range []string{`{id=[1,2]}`, `{id=true}`, `{#}`, `{id=""}`, `{id=null}`, `{id=1.5}`, `{#a id=b}`, `{.c .d}`, `{data-x=1 #z}`} {
		for _, body := range []string{"## T " + attrs + "\n", "T " + attrs + "\n---\n", "> - T " + attrs + "\n>   ===\n"} {
			m := newMarkdown(false, "en")
			h, _, err := m.render([]byte(body))
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`^(<blockquote>\n<ul>\n<li>\n)?<h[12] id="[^"]+">T( \{[^<]*\})?</h[12]>`).MatchString(h) {
				t.Errorf("%q renders %q", body, h)
			}
			// Twice: ids stay unique.
			m.refs.begin("content/postmortems/x.md", 1, nil)
			h, _, _ = m.render([]byte(body + "\n" + body))
			ids := regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(h, -1)
			if len(ids) != 2 || ids[1][1] != ids[0][1]+"-1" {
				t.Errorf("%q twice renders %q", body, h)
			}
		}
	}
}
