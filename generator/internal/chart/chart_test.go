package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const hostile = `</text><script>alert(1)</script>"' onload="alert(2)" &amp; ]]> ` + "\xff\x01"

// charts returns one chart of every kind, with hostile labels, and one
// empty chart of every kind.
func charts() map[string]interface{ SVG() []byte } {
	m := Meta{ID: "t<1>", Title: "Title " + hostile, Desc: "Desc " + hostile, Note: "n=3 " + hostile}
	series := []Series{{Name: "SEV1 " + hostile, Class: "sev0", Values: []float64{1, 2, 0}},
		{Name: "SEV2", Values: []float64{3, 0, 1}}}
	labels := []string{"api " + hostile, "db", "障害対応チーム"}
	return map[string]interface{ SVG() []byte }{
		"bars":          Bars{Meta: m, Labels: labels, Series: series[:1], Unit: "m", Marks: []float64{2, 3, 1}, MarkName: "p90 " + hostile},
		"stacked bars":  Bars{Meta: m, Labels: labels, Series: series},
		"columns":       Columns{Meta: m, Labels: labels, Series: series},
		"percent":       Columns{Meta: m, Labels: labels, Series: series, Percent: true},
		"lines":         Lines{Meta: m, Labels: labels, Series: series},
		"heatmap":       Heatmap{Meta: m, Rows: labels, Cols: labels, Values: [][]float64{{1, 0, 2}, {0, 5}, {}}},
		"empty bars":    Bars{Meta: m},
		"empty columns": Columns{Meta: m, Labels: labels},
		"empty lines":   Lines{Meta: m, Series: series},
		"empty heatmap": Heatmap{Meta: m, Rows: labels},
	}
}

// parse checks that b is well-formed XML and returns its elements' names,
// the text of every <title>, and the root's attributes.
func parse(t *testing.T, b []byte) (elems []string, titles []string, root []xml.Attr, text string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var stack []string
	var all strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, b)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == nil {
				root = tok.Attr
			}
			elems = append(elems, tok.Name.Local)
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			all.Write(tok)
			if len(stack) > 0 && stack[len(stack)-1] == "title" {
				titles = append(titles, string(tok))
			}
		}
	}
	return elems, titles, root, all.String()
}

func attr(attrs []xml.Attr, name string) string {
	for _, a := range attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func TestChartsAreAccessibleWellFormedSVG(t *testing.T) {
	for name, ch := range charts() {
		t.Run(name, func(t *testing.T) {
			b := ch.SVG()
			elems, titles, root, text := parse(t, b)
			if elems[0] != "svg" || elems[1] != "title" || elems[2] != "desc" || elems[3] != "style" {
				t.Errorf("document starts %v; want svg, title, desc, style", elems[:4])
			}
			if attr(root, "role") != "img" {
				t.Errorf("role = %q; want img", attr(root, "role"))
			}
			ids := strings.Fields(attr(root, "aria-labelledby"))
			if len(ids) != 2 || !bytes.Contains(b, []byte(`id="`+ids[0]+`"`)) || !bytes.Contains(b, []byte(`id="`+ids[1]+`"`)) {
				t.Errorf("aria-labelledby %v does not name the title and desc", ids)
			}
			if len(titles) == 0 || !strings.HasPrefix(titles[0], "Title </text><script>") {
				t.Errorf("title = %q; want the escaped title text", titles)
			}
			for _, e := range elems {
				switch e {
				case "svg", "title", "desc", "style", "rect", "text", "line", "circle", "polyline":
				default:
					t.Errorf("unexpected element <%s>", e)
				}
			}
			if bytes.Contains(b, []byte("<script")) || bytes.Contains(b, []byte(` onload="`)) || bytes.Contains(b, []byte("style=")) {
				t.Errorf("hostile markup or an inline style leaked:\n%s", b)
			}
			if bytes.Contains(b, []byte("href")) || bytes.Contains(b, []byte("url(")) {
				t.Error("chart refers to something outside itself")
			}
			if strings.ContainsRune(text, '\x01') || !strings.Contains(text, "\uFFFD") {
				t.Error("control characters and invalid UTF-8 must become U+FFFD")
			}
			if !bytes.Equal(b, ch.SVG()) {
				t.Error("two renderings differ")
			}
		})
	}
}

func TestEmptyChartsSayNoData(t *testing.T) {
	for name, ch := range charts() {
		if !strings.HasPrefix(name, "empty") {
			continue
		}
		if !bytes.Contains(ch.SVG(), []byte(">No data</text>")) {
			t.Errorf("%s: no empty-state message", name)
		}
	}
	b := Bars{Meta: Meta{Title: "x", Empty: "データなし"}}.SVG()
	if !bytes.Contains(b, []byte(">データなし</text>")) {
		t.Error("custom empty message not drawn")
	}
}

func TestStyleHasNoMarkupCharacters(t *testing.T) {
	if strings.ContainsAny(Style, `<>&"'`) {
		t.Error("Style must read the same as XML and as HTML raw text")
	}
	if !strings.Contains(Style, "prefers-color-scheme:dark") {
		t.Error("Style has no dark variant")
	}
}

func TestStyleHash(t *testing.T) {
	h := StyleHash()
	if !strings.HasPrefix(h, "'sha256-") || !strings.HasSuffix(h, "='") || len(h) != len("'sha256-'")+44 {
		t.Errorf("StyleHash = %s", h)
	}
	// the hash covers exactly the text between <style> and </style>
	b := Bars{Meta: Meta{Title: "x"}}.SVG()
	start := bytes.Index(b, []byte("<style>")) + len("<style>")
	end := bytes.Index(b, []byte("</style>"))
	if string(b[start:end]) != Style {
		t.Error("embedded style is not Style")
	}
}

func TestNiceMaxAndFormat(t *testing.T) {
	for _, tt := range []struct{ in, want float64 }{{0, 1}, {-3, 1}, {1, 1}, {3, 5}, {7, 10}, {12, 20}, {0.42, 0.5}, {100, 100}, {101, 200}} {
		if got := niceMax(tt.in); got != tt.want {
			t.Errorf("niceMax(%v) = %v; want %v", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		max            float64
		percent, whole bool
		want           float64
	}{{0, false, true, 4}, {1, false, true, 4}, {4, false, true, 4}, {5, false, true, 8}, {37, false, true, 40},
		{0.3, false, false, 0.4}, {0.3, true, false, 1}, {130, false, true, 200}} {
		if got := axisMax(tt.max, tt.percent, tt.whole); got != tt.want {
			t.Errorf("axisMax(%v, %v, %v) = %v; want %v", tt.max, tt.percent, tt.whole, got, tt.want)
		}
	}
	for _, tt := range []struct {
		v       float64
		percent bool
		want    string
	}{{3, false, "3"}, {2.26, false, "2.3"}, {0.5, true, "50%"}, {0.3333, true, "33.3%"}, {1, true, "100%"}} {
		if got := formatValue(tt.v, tt.percent); got != tt.want {
			t.Errorf("formatValue(%v, %v) = %q; want %q", tt.v, tt.percent, got, tt.want)
		}
	}
}

func TestLabelStep(t *testing.T) {
	for in, want := range map[int]int{0: 1, 1: 1, 2: 2, 3: 3, 5: 6, 7: 12, 12: 12, 13: 24, 30: 36} {
		if got := labelStep(in); got != want {
			t.Errorf("labelStep(%d) = %d; want %d", in, got, want)
		}
	}
}

func TestFitShortensLongLabels(t *testing.T) {
	if got := fit("short", 100); got != "short" {
		t.Errorf("fit kept %q", got)
	}
	got := fit(strings.Repeat("a", 100), 70)
	if !strings.HasSuffix(got, "…") || textWidth(got) > 70+charW {
		t.Errorf("fit = %q (%v wide)", got, textWidth(got))
	}
	if w := textWidth("障害"); w != 2*wideCharW {
		t.Errorf("CJK width = %v", w)
	}
}

func TestGolden(t *testing.T) {
	ch := Columns{Meta: Meta{ID: "incidents", Title: "Incidents per quarter", Desc: "2024-Q1 3, 2024-Q2 1", Note: "n=4"},
		Labels: []string{"2024-Q1", "2024-Q2", "2024-Q3"},
		Series: []Series{{Name: "SEV1", Class: "sev0", Values: []float64{1, 0, 2}}, {Name: "SEV2", Class: "sev1", Values: []float64{2, 1, 0}}}}
	got := ch.SVG()
	path := filepath.Join("testdata", "columns.svg")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("columns.svg (-want +got):\n%s", d)
	}
}
