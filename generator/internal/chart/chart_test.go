package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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

// TestPaletteDistinctInEachScheme checks that no two series, severity or
// heat-map classes share a fill in the light or in the dark scheme (QA
// round 4, #10: dark .s0 was .s4's colour).
func TestPaletteDistinctInEachScheme(t *testing.T) {
	base, dark, ok := strings.Cut(Style, "@media (prefers-color-scheme:dark){")
	if !ok {
		t.Fatal("Style has no dark block")
	}
	rule := regexp.MustCompile(`\.((?:s|sev|h)[0-9])\{fill:(#[0-9a-f]{6})`)
	fills := func(css string, into map[string]string) {
		for _, m := range rule.FindAllStringSubmatch(css, -1) {
			into[m[1]] = m[2]
		}
	}
	light := map[string]string{}
	fills(base, light)
	darkFills := maps.Clone(light)
	fills(dark, darkFills)
	for _, family := range []struct {
		prefix string
		n      int
	}{{"s", 8}, {"sev", 6}, {"h", 7}} {
		for scheme, fill := range map[string]map[string]string{"light": light, "dark": darkFills} {
			seen := map[string]string{}
			for i := range family.n {
				class := family.prefix + strconv.Itoa(i)
				c, ok := fill[class]
				if !ok {
					t.Errorf("%s: .%s has no fill", scheme, class)
					continue
				}
				if other, dup := seen[c]; dup {
					t.Errorf("%s: .%s and .%s are both %s", scheme, other, class, c)
				}
				seen[c] = class
			}
		}
	}
}

// TestLegendNames checks that legend names wrap onto more lines rather than
// being shortened (QA round 4, #10: "Configura…"), that only a name wider
// than a whole line is shortened and then keeps its full text as a
// tooltip, and that the plot moves down below the legend.
func TestLegendNames(t *testing.T) {
	names := []string{"Configuration change", "Capacity", "Missing alert", "Database failover", "Bad deploy",
		"Expired certificate <&>", strings.Repeat("A very long cause name ", 6)}
	var series []Series
	for _, n := range names {
		series = append(series, Series{Name: n, Values: []float64{1, 2}})
	}
	b := Columns{Meta: Meta{ID: "causes", Title: "Causes"}, Labels: []string{"2024-Q1", "2024-Q2"}, Series: series}.SVG()
	_, titles, _, _ := parse(t, b)
	for _, name := range names[:6] {
		escaped := strings.NewReplacer("<", "&lt;", "&", "&amp;", ">", "&gt;").Replace(name)
		if !bytes.Contains(b, []byte(`class="label">`+escaped+`</text>`)) {
			t.Errorf("legend shortened %q:\n%s", name, b)
		}
	}
	if !slices.Contains(titles, names[6]) || !bytes.Contains(b, []byte(`…</text>`)) {
		t.Errorf("the name wider than a line is not shortened with a tooltip; titles %q", titles)
	}
	lines := legendLines(series)
	if lines != 3 {
		t.Errorf("legend takes %d lines; want 3", lines)
	}
	layout := legendLayout(series)
	for i, e := range layout {
		if w := textWidth(e.name) + 14; e.x+w > width-pad {
			t.Errorf("legend entry %d (%q) ends at %v, past the chart's edge", i, e.name, e.x+w)
		}
	}
	// the grid's top line is below the last legend line
	lastLegendY := titleH + 14 + float64(lines-1)*legendH
	if !bytes.Contains(b, []byte(`<line x1="48" y1="`+fmtCoord(titleH+8+float64(lines)*legendH)+`"`)) {
		t.Errorf("plot does not start below the legend (last legend line at %v):\n%s", lastLegendY, b)
	}
	// names that all fit keep equal slots on one line and get no tooltip
	two := legendLayout([]Series{{Name: "SEV1"}, {Name: "SEV2"}})
	if len(two) != 2 || two[1].x-two[0].x != (width-2*pad)/2 || two[1].line != 0 {
		t.Errorf("legendLayout of two short names = %+v; want equal halves on one line", two)
	}
}
