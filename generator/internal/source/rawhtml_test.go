package source

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// renderBody renders a body with unsafeHTML off and returns the HTML and
// the escaped-HTML notes (lines counted from the body's first line).
func renderBody(t *testing.T, body string) (string, []model.EscapedHTML) {
	t.Helper()
	m := newMarkdown(false, "en")
	h, _, err := m.render([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	return h, m.allowed.Notes(1)
}

// outputTagRE finds the tags of rendered HTML.
var outputTagRE = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>`)

// checkOutputTags fails unless every tag of h is one goldmark or pmkb
// writes (attributes only from a fixed list), and the allowed raw tags
// pair up and nest: the page stays valid HTML.
func checkOutputTags(t *testing.T, h string) {
	t.Helper()
	okAttrs := []string{"", ` class="raw-html" tabindex="0"`, ` tabindex="0"`}
	var stack []string
	for _, m := range outputTagRE.FindAllStringSubmatch(h, -1) {
		name := m[2]
		if !slices.Contains(okAttrs, m[3]) {
			t.Errorf("tag %q has unexpected attributes in\n%s", m[0], h)
		}
		switch name {
		case "details", "summary", "sub", "sup", "kbd":
		default:
			continue
		}
		if m[1] == "" {
			stack = append(stack, name)
		} else if len(stack) == 0 || stack[len(stack)-1] != name {
			t.Errorf("%s closes nothing (open: %v) in\n%s", m[0], stack, h)
		} else {
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		t.Errorf("unclosed %v in\n%s", stack, h)
	}
}

// TestAllowedHTML checks the tags rendered while unsafeHTML is off (QA5
// #5): exactly written <br>, <details>, <summary>, <sub>, <sup> and <kbd>
// where they keep the page valid, everything else escaped as before, and
// the notes lint reports.
func TestAllowedHTML(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       []string // substrings of the HTML
		notes      string   // fmt of the notes
	}{
		{"br in text and table cell", "Line one<br>line two\n\n| a | b |\n|---|---|\n| x<br>y | z |\n",
			[]string{"<p>Line one<br>line two</p>", "<td>x<br>y</td>"}, "[]"},
		{"br spellings and case", "a<br/>b<br />c<BR>d\n", []string{"<p>a<br>b<br>c<br>d</p>"}, "[]"},
		{"details around a code block", "<details><summary>Logs</summary>\n\n```\nlog <b>\n```\n\n</details>\n",
			[]string{"<details><summary>Logs</summary>\n<pre tabindex=\"0\"><code>log &lt;b&gt;\n</code></pre>\n</details>\n"}, "[]"},
		{"details on lines of their own", "<details>\n<summary>Logs &amp; 1 < 2 > 0</summary>\n\nSome *text*.\n\n</details>\n",
			[]string{"<details>\n<summary>Logs &amp; 1 &lt; 2 &gt; 0</summary>\n<p>Some <em>text</em>.</p>\n</details>"}, "[]"},
		{"phrasing tags, any case", "H<sub>2</sub>O, <kbd>Ctrl</kbd>+<KBD>C</KBD>, x<SUP>2</sup>\n",
			[]string{"<p>H<sub>2</sub>O, <kbd>Ctrl</kbd>+<kbd>C</kbd>, x<sup>2</sup></p>"}, "[]"},
		{"other raw HTML", "Intro.\n\n<div>x</div>\n\nand <span>y</span>\n",
			[]string{`<pre class="raw-html" tabindex="0"><code>&lt;div&gt;x&lt;/div&gt;`, "<p>and &lt;span&gt;y&lt;/span&gt;</p>"}, "[{Line:3 Tag:<div> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0} {Line:5 Tag:<span> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"attributes", "x <br onclick=alert(1)> y <sub class=a>z</sub>\n",
			[]string{"<p>x &lt;br onclick=alert(1)&gt; y &lt;sub class=a&gt;z&lt;/sub&gt;</p>"},
			"[{Line:1 Tag:<br …> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0}]"}, // </sub> closes <sub class=a> (QA 17 A-F4)
		{"sub across paragraphs", "a <sub>b\n\nc</sub> and <sup>ok</sup>\n",
			[]string{"<p>a &lt;sub&gt;b</p>", "<p>c&lt;/sub&gt; and <sup>ok</sup></p>"}, "[{Line:1 Tag:<sub> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0} {Line:3 Tag:<sub> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"a stray tag spoils only its own paragraph", "Press <kbd>Enter</kbd>.\n\nThen <kbd>Esc</kbd> and H<sub>2</sub>O.\n\nStray </kbd>.\n",
			[]string{"<p>Press <kbd>Enter</kbd>.</p>", "<p>Then <kbd>Esc</kbd> and H<sub>2</sub>O.</p>", "<p>Stray &lt;/kbd&gt;.</p>"},
			"[{Line:5 Tag:<kbd> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"a stray tag in a table cell spoils only that cell", "| a | b |\n|---|---|\n| <kbd>x</kbd> | <kbd>y |\n\nAnd <kbd>z</kbd>.\n",
			[]string{"<td><kbd>x</kbd></td>", "<td>&lt;kbd&gt;y</td>", "<p>And <kbd>z</kbd>.</p>"},
			"[{Line:3 Tag:<kbd> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"misnested", "<sub><sup>x</sub></sup> <kbd>k</kbd>\n",
			[]string{"<p>&lt;sub&gt;&lt;sup&gt;x&lt;/sub&gt;&lt;/sup&gt; <kbd>k</kbd></p>"},
			"[{Line:1 Tag:<sub> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0} {Line:1 Tag:<sup> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"details closed inside a list", "<details>\n\n- item\n\n  </details>\n",
			[]string{`<pre class="raw-html" tabindex="0"><code>&lt;details&gt;`, `<pre class="raw-html" tabindex="0"><code>&lt;/details&gt;`},
			"[{Line:1 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0} {Line:5 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"an unclosed details in a list leaves the top level's details alone", "- <details>\n\n<details>\n<summary>Logs</summary>\n\ntext\n\n</details>\n",
			[]string{`<pre class="raw-html" tabindex="0"><code>&lt;details&gt;`, "<details>\n<summary>Logs</summary>\n<p>text</p>\n</details>"},
			"[{Line:1 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"details never closed", "<details><summary>Logs</summary>\n\ntext\n",
			[]string{`<pre class="raw-html" tabindex="0"><code>&lt;details&gt;&lt;summary&gt;Logs&lt;/summary&gt;`},
			"[{Line:1 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"summary without details", "<summary>x</summary>\n", []string{"&lt;summary&gt;x&lt;/summary&gt;"},
			"[{Line:1 Tag:<summary> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"summary not first", "<details>\ntext <summary>x</summary>\n</details>\n", []string{"&lt;details&gt;\ntext &lt;summary&gt;"},
			"[{Line:2 Tag:<summary> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"details inline", "see <details>x</details>\n", []string{"<p>see &lt;details&gt;x&lt;/details&gt;</p>"},
			"[{Line:1 Tag:<details> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"a block with other HTML is escaped whole", "<details>\n<div>x</div>\n</details>\n",
			[]string{"<pre class=\"raw-html\" tabindex=\"0\"><code>&lt;details&gt;\n&lt;div&gt;x&lt;/div&gt;\n&lt;/details&gt;\n"},
			"[{Line:2 Tag:<div> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"comment and script", "<!-- pmkb-lint-ignore pii/email -->\n\n<script>alert(1)</script>\n",
			[]string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, "[{Line:3 Tag:<script> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"inline comment is no note", "a <!-- note --> b\n", []string{"<p>a  b</p>"}, "[]"},
		{"tags in code stay code", "`<br>` and\n\n```\n<details>\n```\n", []string{"<code>&lt;br&gt;</code>", "<code>&lt;details&gt;\n</code>"}, "[]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, notes := renderBody(t, c.body)
			for _, w := range c.want {
				if !strings.Contains(h, w) {
					t.Errorf("HTML lacks %q:\n%s", w, h)
				}
			}
			if got := fmt.Sprintf("%+v", notes); got != c.notes {
				t.Errorf("notes = %s, want %s", got, c.notes)
			}
			checkOutputTags(t, h)
		})
	}
}

// TestAllowedHTMLHostile checks that attributes never get through: event
// handlers on allowed tags, and tricks around the exact spellings.
func TestAllowedHTMLHostile(t *testing.T) {
	for _, body := range []string{
		"<br onmouseover=alert(1)>\n",
		"x <br onmouseover=alert(1)> y\n",
		"<details open ontoggle=alert(1)>\n\nz\n\n</details>\n",
		"<details><summary onclick=alert(1)>x</summary>\n\n</details>\n",
		"x <sub\nonclick=alert(1)>y</sub>\n",
		"<br	onclick=alert(1)>\n",
		"<details>\n<img src=x onerror=alert(1)>\n</details>\n",
		"<sub>x</sub><script>alert(1)</script>\n",
		"<details>\n<summary>x</summary>\n<script>alert(1)</script>\n</details>\n",
		"| a |\n|---|\n| <br onclick=alert(1)> |\n",
		"<kbd>a</kbd onclick=alert(1)>\n",
	} {
		h, notes := renderBody(t, body)
		checkOutputTags(t, h)
		for _, bad := range []string{"<script", "<img", "<br o", "<br/o", "<details o", "<summary o", "<sub\n"} {
			if strings.Contains(h, bad) {
				t.Errorf("%q renders %q:\n%s", body, bad, h)
			}
		}
		if len(notes) == 0 {
			t.Errorf("%q: no note for lint", body)
		}
	}
	// Not raw HTML to CommonMark: goldmark escapes it as text.
	if h, _ := renderBody(t, "<br/onload=alert(1)>\n"); h != "<p>&lt;br/onload=alert(1)&gt;</p>\n" {
		t.Errorf("<br/onload=…> renders %q", h)
	}
	// With unsafeHTML the site owner trusts every tag, and lint has
	// nothing to say.
	m := newMarkdown(true, "en")
	h, _, _ := m.render([]byte("<details open>\n\nx\n\n</details>\n"))
	if !strings.Contains(h, "<details open>") || m.allowed.Notes(1) != nil {
		t.Errorf("unsafeHTML: %s, notes %v", h, m.allowed.Notes(1))
	}
}

// TestEscapedHTMLLines checks that the notes carry file lines: the body's
// line plus the line inside the body.
func TestEscapedHTMLLines(t *testing.T) {
	src := "---\ntitle: T\n---\n\nText.\n\n<div>x</div>\n"
	p, _ := ParseFile("content/postmortems/x.md", []byte(src), &model.SiteConfig{})
	if p == nil {
		t.Fatal("not parsed")
	}
	if got := fmt.Sprintf("%+v", p.EscapedHTML); got != "[{Line:7 Tag:<div> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0}]" {
		t.Errorf("EscapedHTML = %s", got)
	}
}

// allowedOutputRE finds the allowed tags in rendered HTML, with whatever
// follows their name.
var allowedOutputRE = regexp.MustCompile(`<(/?)(br|details|summary|sub|sup|kbd)\b([^>]*)>`)

// FuzzAllowedHTML checks that whatever the body, the allowed tags come out
// without attributes, and the paired ones open and close in order.
func FuzzAllowedHTML(f *testing.F) {
	for _, s := range []string{
		"Line one<br>line two\n\n| x<br>y | z |\n",
		"<details><summary>Logs</summary>\n\n```\nlog\n```\n\n</details>\n",
		"- <details>\n\n  x\n\n</details>\n",
		"> <details>\n> <summary>a</summary>\n>\n> b\n>\n> </details>\n",
		"*a<sub>b*</sub> <sup>[x</sup>](u)\n",
		"<details open ontoggle=alert(1)>\n\n</details>\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		m := newMarkdown(false, "en")
		h, _, err := m.render([]byte(body))
		if err != nil {
			return
		}
		var stack []string
		for _, tag := range allowedOutputRE.FindAllStringSubmatch(h, -1) {
			if tag[3] != "" {
				t.Fatalf("%q: tag %q has attributes in\n%s", body, tag[0], h)
			}
			switch {
			case tag[2] == "br":
			case tag[1] == "":
				stack = append(stack, tag[2])
			case len(stack) == 0 || stack[len(stack)-1] != tag[2]:
				t.Fatalf("%q: %s closes nothing (open %v) in\n%s", body, tag[0], stack, h)
			default:
				stack = stack[:len(stack)-1]
			}
		}
		if len(stack) > 0 {
			t.Fatalf("%q: unclosed %v in\n%s", body, stack, h)
		}
	})
}

// TestHTMLCommentsDropped: HTML comments, inline or as blocks of one or
// several lines, in a <details> block, closed or not, leave nothing on the
// page, in the plain text (search, snippets, exports) or in the notes
// (but for one never closed, which lint warns of), with unsafeHTML off or
// on; the text around them stays (QA6 #4).
func TestHTMLCommentsDropped(t *testing.T) {
	cases := []struct {
		name, body string
		html, text string // the whole output, without new lines
	}{
		{"block", "Before.\n\n<!-- Internal: Globex -->\n\nAfter.\n", "<p>Before.</p><p>After.</p>", "Before.After."},
		{"block of lines", "<!--\nInternal:\nGlobex\n-->\nAfter.\n", "<p>After.</p>", "After."},
		{"inline", "Text <!-- Globex --> more <!--\nGlobex -->.\n", "<p>Text  more .</p>", "Text  more ."},
		{"in a list", "- a\n- <!-- Globex -->\n", "<ul><li>a</li><li></li></ul>", "a"},
		{"in details", "<details>\n<summary>Logs</summary>\n<!-- Globex -->\n</details>\n",
			"<details><summary>Logs</summary></details>", "Logs"},
		{"text after the comment", "<!-- Globex --> shown\n", "<p>shown</p>", "shown"}, // QA 21 A-F6
		{"never closed", "Before.\n\n<!-- Globex\n\nAfter.\n", "<p>Before.</p>", "Before."},
		{"empty comments", "<!---->\n<!-->\nx\n", "", ""},
		{"ignore comment", "Call ben <!-- pmkb-lint-ignore pii/email -->\n", "<p>Call ben </p>", "Call ben"},
	}
	for _, unsafe := range []bool{false, true} {
		for _, c := range cases {
			t.Run(fmt.Sprint(c.name, unsafe), func(t *testing.T) {
				m := newMarkdown(unsafe, "en")
				h, plain, err := m.render([]byte(c.body))
				if err != nil {
					t.Fatal(err)
				}
				h, text := strings.ReplaceAll(h, "\n", ""), strings.ReplaceAll(plain.All, "\n", "")
				if strings.Contains(h+text, "Globex") || strings.Contains(h, "!--") {
					t.Errorf("comment shown: html %q, text %q", h, text)
				}
				if c.name == "empty comments" {
					return
				}
				if h != c.html && !unsafe {
					t.Errorf("html = %q, want %q", h, c.html)
				}
				if text != c.text {
					t.Errorf("text = %q, want %q", text, c.text)
				}
				n := m.allowed.Notes(1)
				if c.name == "never closed" {
					// Noted, as lint warns of it (QA 21r F6).
					want := []model.EscapedHTML{{Line: 3, Tag: "<!--", Unclosed: true, Hides: 2}}
					if !slices.Equal(n, want) {
						t.Errorf("notes: %v, want %v", n, want)
					}
				} else if len(n) > 0 {
					t.Errorf("notes: %v", n)
				}
			})
		}
	}
}

// TestPlaceholdersAreNoNote: goldmark reads "<redacted>" and "<your-token>"
// as raw HTML; they are shown as text, as meant, and not noted (so lint's
// markdown/raw-html does not advise unsafeHTML, which would hide them),
// while a real element after them still is (QA6 #17).
func TestPlaceholdersAreNoNote(t *testing.T) {
	for body, want := range map[string]string{
		"Authorization: Bearer <redacted> for <user-id>.\n": "[]",
		"<your-token>\n":                         "[]",
		"Bearer <redacted> then <div>x</div>\n":  "[{Line:1 Tag:<div> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0}]",
		"<none>\n\n<SPAN class=\"a\">x</span>\n": "[{Line:3 Tag:<SPAN …> Unpaired:false InText:false Nameless:false Unclosed:false Hides:0}]",
	} {
		h, notes := renderBody(t, body)
		if got := fmt.Sprintf("%+v", notes); got != want {
			t.Errorf("%q: notes %s, want %s", body, got, want)
		}
		if strings.Contains(body, "redacted") && !strings.Contains(h, "&lt;redacted&gt;") {
			t.Errorf("%q: placeholder not shown as text: %s", body, h)
		}
	}
}

// TestLineCounter checks lineCounter against counting the new lines before
// each offset, asked in any order (the first call may be at the end), up
// to the offset just past the text, which is where a node at the end of
// a body starts.
func TestLineCounter(t *testing.T) {
	for _, src := range []string{"", "a", "\n", "a\nb", "a\nb\n", "\n\n\nx\n\ny", "[link](a.md)\n\n![img](b.png)\n"} {
		lines := lineCounter([]byte(src))
		for i := len(src); i >= 0; i-- {
			want := 1 + strings.Count(src[:i], "\n")
			if got := lines(i); got != want {
				t.Errorf("lineCounter(%q)(%d) = %d, want %d", src, i, got, want)
			}
		}
		if got, want := lines(0), 1; got != want {
			t.Errorf("lineCounter(%q)(0) after the rest = %d, want %d", src, got, want)
		}
	}
}
