package generator_test

import (
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/themes"
)

// themeWith returns a copy of the default theme whose i18n/<lang>.json has
// words instead of its own, as a site's theme overrides UI strings.
func themeWith(t *testing.T, lang string, words map[string]string) fstest.MapFS {
	t.Helper()
	theme := fstest.MapFS{}
	err := fs.WalkDir(themes.Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), p)
		theme[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	name := "i18n/" + lang + ".json"
	m := map[string]string{}
	if err := json.Unmarshal(theme[name].Data, &m); err != nil {
		t.Fatal(err)
	}
	maps.Copy(m, words)
	if theme[name].Data, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	return theme
}

// TestThemeWordsOnStatsPage builds the sample site with a theme that
// overrides the label of a detection source and a duration unit, and
// checks that a postmortem's page, the statistics page and its chart all
// say the theme's words (review: the statistics page kept its own copy of
// the labels and units, so an override changed the postmortem pages only).
func TestThemeWordsOnStatsPage(t *testing.T) {
	toml, err := os.ReadFile("../pmkb.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang, detection, minutes, ttd, defaultLabel string
		defaultMinutes                              *regexp.Regexp
	}{
		{"en", "Customer e-mail", "%d minutes", "38 minutes", "Customer report", regexp.MustCompile(`\d min\b`)},
		{"ja", "お客様からの連絡", "%d 分間", "38 分間", "顧客からの報告", regexp.MustCompile(`\d分`)},
	} {
		src := overlay(t, map[string]string{"pmkb.toml": strings.Replace(string(toml), `language = "en"`, `language = "`+c.lang+`"`, 1)})
		theme := themeWith(t, c.lang, map[string]string{"detection.customer-report": c.detection, "duration.min": c.minutes})
		files := filesByPath(buildSample(t, generator.Options{Source: src, Theme: theme}))

		// 2023-03-07-api-gateway-certificate-expired: a customer report
		// 38 minutes after the start.
		pm := string(files["postmortems/2023-03-07-api-gateway-certificate-expired/index.html"])
		for _, w := range []string{"<dd>" + c.detection + "</dd>", "<dd>" + c.ttd + "</dd>"} {
			if !strings.Contains(pm, w) {
				t.Fatalf("%s: the postmortem page lacks %s: the sample no longer shows what this test compares", c.lang, w)
			}
		}
		unit := strings.TrimPrefix(c.minutes, "%d")
		for _, p := range []string{"stats/index.html", "stats/time-to-detect-by-detection.svg", "stats/time-to-detect.svg"} {
			s := string(files[p])
			if !strings.Contains(s, c.detection) && p != "stats/time-to-detect.svg" {
				t.Errorf("%s: %s lacks the theme's %q", c.lang, p, c.detection)
			}
			// As a label: the page's prose may use the words otherwise.
			if label := c.defaultLabel; strings.Contains(s, ">"+label+"<") || strings.Contains(s, label+" (n=") || strings.Contains(s, label+" ") {
				t.Errorf("%s: %s says %q, not the theme's %q", c.lang, p, label, c.detection)
			}
			if !strings.Contains(s, unit) {
				t.Errorf("%s: %s lacks the theme's unit %q", c.lang, p, unit)
			}
			if m := c.defaultMinutes.FindString(s); m != "" {
				t.Errorf("%s: %s says %q, not the theme's unit %q", c.lang, p, m, unit)
			}
		}
	}
}
