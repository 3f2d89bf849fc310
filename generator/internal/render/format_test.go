package render

import (
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

func TestHumanDuration(t *testing.T) {
	en, err := loadTranslator(themes.Default(), "en")
	if err != nil {
		t.Fatal(err)
	}
	ja, err := loadTranslator(themes.Default(), "ja")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		d      time.Duration
		en, ja string
	}{
		{45 * time.Second, "45 s", "45秒"},
		{19 * time.Minute, "19 min", "19分"},
		{19*time.Minute + 59*time.Second, "19 min", "19分"},
		{time.Hour, "1 h", "1時間"},
		{93 * time.Minute, "1 h 33 min", "1時間33分"},
		{26*time.Hour + 40*time.Minute, "1 d 2 h", "1日2時間"},
		{48 * time.Hour, "2 d", "2日"},
		{-5 * time.Minute, "-5 min", "-5分"},
		{0, "0 s", "0秒"},
	} {
		if got := humanDuration(en, c.d); got != c.en {
			t.Errorf("en %v = %q, want %q", c.d, got, c.en)
		}
		if got := humanDuration(ja, c.d); got != c.ja {
			t.Errorf("ja %v = %q, want %q", c.d, got, c.ja)
		}
	}
}

func TestBadgeColors(t *testing.T) {
	for _, c := range []struct {
		in, bg, fg string
	}{
		{"#b3261e", "#b3261e", "#ffffff"},
		{"#fff", "#ffffff", "#000000"},
		{"#FACC15", "#facc15", "#000000"},
		{"red", fallbackBadge, "#ffffff"},
		{"#123456; } body { display:none", fallbackBadge, "#ffffff"},
		{"", fallbackBadge, "#ffffff"},
	} {
		bg, fg := badgeColors(c.in)
		if bg != c.bg || fg != c.fg {
			t.Errorf("badgeColors(%q) = %s, %s; want %s, %s", c.in, bg, fg, c.bg, c.fg)
		}
	}
	// Every default level, and a sweep of greys, reaches WCAG AA (4.5:1).
	var colors []string
	for _, s := range model.DefaultSeverities {
		colors = append(colors, s.Color)
	}
	for v := 0; v < 256; v += 5 {
		colors = append(colors, "#"+strings.Repeat(hex2(v), 3))
	}
	for _, c := range colors {
		bg, fg := badgeColors(c)
		r1, g1, b1, _ := parseHexColor(bg)
		r2, g2, b2, _ := parseHexColor(fg)
		if ratio := contrastRatio(luminance(r1, g1, b1), luminance(r2, g2, b2)); ratio < 4.5 {
			t.Errorf("badge %s: text %s has contrast %.2f", bg, fg, ratio)
		}
	}
}

func hex2(v int) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[v>>4], digits[v&15]})
}

func TestLinks(t *testing.T) {
	for _, c := range []struct{ out, root string }{
		{"index.html", "./"}, {"postmortems/index.html", "../"}, {"postmortems/x/index.html", "../../"},
	} {
		if got := rootOf(c.out); got != c.root {
			t.Errorf("rootOf(%q) = %q, want %q", c.out, got, c.root)
		}
	}
	l := linker{root: "../../"}
	if got := l.To("postmortems/a#b?c/"); got != "../../postmortems/a%23b%3Fc/index.html" {
		t.Errorf("To escapes to %q", got)
	}
	if got := l.To(""); got != "../../index.html" {
		t.Errorf("To home = %q", got)
	}
	for in, want := range map[string]string{"https://x.example/pm": "/pm/", "/": "/", "": "/", "https://x.example": "/", "/a/b/": "/a/b/"} {
		if got := basePath(in); got != want {
			t.Errorf("basePath(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"https://a.example/t/1": "https://a.example/t/1", "javascript:alert(1)": "", "//evil.example/x": "", "ftp://a/b": "", "/rel": ""} {
		if got := safeURL(in); got != want {
			t.Errorf("safeURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlural(t *testing.T) {
	en, err := loadTranslator(themes.Default(), "en")
	if err != nil {
		t.Fatal(err)
	}
	ja, err := loadTranslator(themes.Default(), "ja")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tr   *translator
		n    int
		want string
	}{
		{en, 0, "0 incidents"}, {en, 1, "1 incident"}, {en, 2, "2 incidents"},
		{ja, 1, "インシデント 1 件"}, {ja, 3, "インシデント 3 件"},
	} {
		if got := c.tr.f("count.incidents", c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.tr.lang, c.n, got, c.want)
		}
	}
}

func TestEscapePathPlain(t *testing.T) {
	for _, p := range []string{"postmortems/2024-03-14-a/", "a b/", "x#y/", "100%/", "ü/", "a~b._-/", ""} {
		segs := strings.Split(p, "/")
		for i, s := range segs {
			segs[i] = url.PathEscape(s)
		}
		if got, want := escapePath(p), strings.Join(segs, "/"); got != want {
			t.Errorf("escapePath(%q) = %q, want %q", p, got, want)
		}
	}
}

// TestWords checks the words other packages take from a theme: a
// detection source without a label is shown as written, "" is English,
// and a unit the theme lacks is an error naming it, not a silent label.
func TestWords(t *testing.T) {
	en, err := LoadWords(themes.Default(), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := en.Detection("customer-report") + "|" + en.Detection("pager-call") + "|" + en.Duration(93*time.Minute); got != "Customer report|pager-call|1 h 33 min" {
		t.Errorf("default English words: %q", got)
	}
	if err := en.Err(); err != nil {
		t.Errorf("default theme: %v", err)
	}
	theme := fstest.MapFS{"i18n/en.json": {Data: []byte(`{"duration.h": "%d hours", "duration.sep": ", "}`)}}
	w, err := LoadWords(theme, "en")
	if err != nil {
		t.Fatal(err)
	}
	if got := w.Duration(2 * time.Hour); got != "2 hours" {
		t.Errorf("the theme's unit: %q", got)
	}
	if err := w.Err(); err != nil {
		t.Errorf("no unit is missing yet: %v", err)
	}
	w.Duration(93 * time.Minute)
	if err := w.Err(); err == nil || !strings.Contains(err.Error(), "lacks duration.min") {
		t.Errorf("a missing unit: %v", err)
	}
	if _, err := LoadWords(theme, "ja"); err == nil {
		t.Error("a theme without ja.json gave Japanese words")
	}
}

// TestWordsOfActionItemsAndPages checks that Words says an action item's
// kind and status as the action pages do (the theme's label, else the
// value as written) and any UI string by key, formatted with its singular
// form for 1, a missing key standing in for itself and reported by Err.
func TestWordsOfActionItemsAndPages(t *testing.T) {
	theme := fstest.MapFS{"i18n/en.json": {Data: []byte(`{"kind.prevent": "Stop it recurring", "status.in-progress": "Being done",
		"x.count": "%d items", "x.count.one": "%d item"}`)}}
	w, err := LoadWords(theme, "en")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{w.Kind("prevent"), w.Kind("tidy-up"), w.Status("in-progress"), w.Status("blocked"),
		w.Format("x.count", 2), w.Format("x.count", 1)}
	want := "Stop it recurring|tidy-up|Being done|blocked|2 items|1 item"
	if strings.Join(got, "|") != want {
		t.Errorf("words %q; want %q", strings.Join(got, "|"), want)
	}
	if err := w.Err(); err != nil {
		t.Errorf("labels that fall back to the value are no missing strings: %v", err)
	}
	if got := w.String("x.title"); got != "x.title" {
		t.Errorf("a missing string says %q, not its key", got)
	}
	if err := w.Err(); err == nil || !strings.Contains(err.Error(), "lacks x.title") {
		t.Errorf("a missing string: %v", err)
	}
}
