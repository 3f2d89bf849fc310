package stats

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// wellFormed checks b is XML whose root is an <svg> with a <title>, and
// returns the text of every <title>.
func wellFormed(t *testing.T, name string, b []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var titles []string
	inTitle := false
	first := true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if first && tok.Name.Local != "svg" {
				t.Errorf("%s: root is <%s>", name, tok.Name.Local)
			}
			first = false
			inTitle = tok.Name.Local == "title"
			if tok.Name.Local == "script" || tok.Name.Local == "foreignObject" {
				t.Errorf("%s: has <%s>", name, tok.Name.Local)
			}
		case xml.EndElement:
			inTitle = false
		case xml.CharData:
			if inTitle {
				titles = append(titles, string(tok))
			}
		}
	}
	if len(titles) == 0 || titles[0] == "" {
		t.Errorf("%s: no <title>", name)
	}
	return titles
}

func TestChartsOfFixture(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		files := Charts(Compute(fixture(t), Options{}), words(t, lang))
		if len(files) != len(ChartFiles()) {
			t.Fatalf("%s: %d charts; want %d", lang, len(files), len(ChartFiles()))
		}
		for i, f := range files {
			if f.Path != "stats/"+ChartFiles()[i] {
				t.Errorf("chart %d is %s; want stats/%s", i, f.Path, ChartFiles()[i])
			}
			wellFormed(t, f.Path, f.Data)
		}
		if lang == "ja" && !bytes.Contains(files[0].Data, []byte("<title id=\"chart-causes-title\">繰り返す原因</title>")) {
			t.Errorf("ja causes chart:\n%s", files[0].Data)
		}
	}
}

func TestChartsEscapeHostileLabels(t *testing.T) {
	evil := `</text><script>alert(1)</script>`
	kb := newKB(time.UTC, day(t, "2024-07-01"),
		pm(t, "a", "2024-01-01", "SEV1", []string{evil}, []string{evil}, detection(evil), teams(evil),
			timeline(t, "2024-01-01T00:00:00Z", 3, 4, 5), items(model.ActionItem{ID: "1", Title: evil, Owner: evil})),
		pm(t, "b", "2024-02-01", "SEV1", []string{evil}, []string{evil}))
	for _, f := range Charts(Compute(kb, Options{}), words(t, "en")) {
		wellFormed(t, f.Path, f.Data)
		if bytes.Contains(f.Data, []byte("<script")) {
			t.Errorf("%s: label not escaped", f.Path)
		}
	}
}

// TestHeatmapSaysWhenCut checks that a cause × system map too large to
// draw whole says in its title how much it shows, and a small one does not.
func TestHeatmapSaysWhenCut(t *testing.T) {
	var pms []*model.Postmortem
	for i := range 15 { // 15 causes on 13 systems
		pms = append(pms, pm(t, fmt.Sprintf("p%02d", i), "2024-01-01", "SEV2",
			[]string{fmt.Sprintf("sys-%02d", i%13)}, []string{fmt.Sprintf("cause-%02d", i)}))
	}
	heat := func(pms []*model.Postmortem) string {
		for _, f := range Charts(Compute(newKB(time.UTC, day(t, "2024-07-01"), pms...), Options{}), words(t, "en")) {
			if f.Path == "stats/cause-system.svg" {
				return string(f.Data)
			}
		}
		t.Fatal("no cause-system.svg")
		return ""
	}
	if got := heat(pms); !strings.Contains(got, "Causes × systems (top 12 of 15 causes, 12 of 13 systems)</title>") {
		t.Errorf("cut map's title does not say so:\n%.600s", got)
	}
	if got := heat(pms[:3]); !strings.Contains(got, "Causes × systems</title>") {
		t.Errorf("whole map's title:\n%.600s", got)
	}
}

func TestChartsOfEmptyKnowledgeBase(t *testing.T) {
	for _, f := range Charts(Compute(newKB(nil, model.Date{}), Options{}), words(t, "en")) {
		wellFormed(t, f.Path, f.Data)
		if !bytes.Contains(f.Data, []byte(">No data</text>")) {
			t.Errorf("%s: not an empty-state chart", f.Path)
		}
	}
}

func TestChartGolden(t *testing.T) {
	figs := Figures(Compute(fixture(t), Options{}), words(t, "en"), Names{})
	golden(t, "causes.svg", figs[0].SVG)
	golden(t, "time-to-detect.svg", figs[8].SVG)
}

func TestFiguresKeepTheChartTexts(t *testing.T) {
	r := Compute(fixture(t), Options{})
	figs, files := Figures(r, words(t, "en"), Names{}), Charts(r, words(t, "en"))
	if len(figs) != len(files) {
		t.Fatalf("%d figures, %d charts", len(figs), len(files))
	}
	for i, fg := range figs {
		if fg.Path != files[i].Path || !bytes.Equal(fg.SVG, files[i].Data) {
			t.Errorf("figure %d (%s) differs from chart %s", i, fg.Path, files[i].Path)
		}
		if fg.Title == "" || fg.Desc == "" {
			t.Errorf("%s: title %q, desc %q", fg.Path, fg.Title, fg.Desc)
		}
		var esc bytes.Buffer
		_ = xml.EscapeText(&esc, []byte(fg.Desc))
		if !bytes.Contains(fg.SVG, esc.Bytes()) {
			t.Errorf("%s: desc %q is not the chart's", fg.Path, fg.Desc)
		}
	}
	if figs[0].Title != "Recurring causes" {
		t.Errorf("causes title %q", figs[0].Title)
	}
}

// TestFiguresUseNames checks that causes and systems are labelled with the
// names the site gives them (escaped), and slugs without names.
func TestFiguresUseNames(t *testing.T) {
	kb := newKB(time.UTC, day(t, "2024-07-01"),
		pm(t, "a", "2024-01-01", "SEV1", []string{"api"}, []string{"dns"}),
		pm(t, "b", "2024-02-01", "SEV2", []string{"api", "db"}, []string{"dns", "disk-full"}))
	names := Names{
		Cause:  func(s string) string { return map[string]string{"dns": "DNS <failure>"}[s] + "|" + s },
		System: func(s string) string { return "System " + s },
	}
	svg := map[string]string{}
	for _, f := range Figures(Compute(kb, Options{}), words(t, "en"), names) {
		svg[f.Path] = string(f.SVG)
	}
	for path, want := range map[string][]string{
		"stats/causes.svg":       {"DNS &lt;failure&gt;|dns", "|disk-full"},
		"stats/cause-trend.svg":  {"DNS &lt;failure&gt;|dns"},
		"stats/systems.svg":      {"System api", "System db"},
		"stats/cause-system.svg": {"DNS &lt;failure&gt;|dns", "System api"},
	} {
		for _, w := range want {
			if !strings.Contains(svg[path], w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
		if strings.Contains(svg[path], "<failure>") {
			t.Errorf("%s: a name is not escaped", path)
		}
	}
}

// TestBinLabelsInTheThemesWords checks that the histograms' bins and the
// median bars' unit are said with the theme's words: a ja site showed
// "<5m", "1–3d" and "0.5h" (QA: English on a Japanese /stats/).
func TestBinLabelsInTheThemesWords(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "<5m|5–15m|15–30m|30–60m|1–2h|2–4h|4–8h|8–24h|1–3d|≥3d",
		"ja": "5分未満|5–15分|15–30分|30–60分|1–2時間|2–4時間|4–8時間|8–24時間|1–3日|3日以上",
	} {
		w := words(t, lang)
		var got []string
		for _, b := range durationBins {
			got = append(got, binLabel(w, b))
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%s bins: %s; want %s", lang, strings.Join(got, "|"), want)
		}
	}
	ja := words(t, "ja")
	for _, f := range Figures(Compute(fixture(t), Options{}), ja, Names{}) {
		for _, en := range []string{">&lt;5m<", ">≥3d<", "h<", "p90"} {
			if strings.Contains(string(f.SVG), en) || strings.Contains(f.Note, en) {
				t.Errorf("ja %s says %q", f.Path, en)
			}
		}
	}
	if err := ja.Err(); err != nil {
		t.Errorf("the default theme lacks words of the charts: %v", err)
	}
}
