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
	// The charts' histogram bins and bars say minutes in a short form of
	// their own (stats.unit.min: "5–15m", "5–15分"), which the theme
	// overrides as well, so that only durations can say the default unit.
	for _, c := range []struct {
		lang, detection, minutes, ttd, defaultLabel, chartMinutes string
		defaultMinutes                                            *regexp.Regexp
	}{
		{"en", "Customer e-mail", "%d minutes", "38 minutes", "Customer report", "m", regexp.MustCompile(`\d min\b`)},
		{"ja", "お客様からの連絡", "%d 分間", "38 分間", "顧客からの報告", " 分間", regexp.MustCompile(`\d分`)},
	} {
		src := overlay(t, map[string]string{"pmkb.toml": strings.Replace(string(toml), `language = "en"`, `language = "`+c.lang+`"`, 1)})
		theme := themeWith(t, c.lang, map[string]string{"detection.customer-report": c.detection, "duration.min": c.minutes,
			"stats.unit.min": c.chartMinutes})
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

// jaSample returns the sample site with language = "ja".
func jaSample(t *testing.T) fstest.MapFS {
	t.Helper()
	toml, err := os.ReadFile("../pmkb.toml")
	if err != nil {
		t.Fatal(err)
	}
	ja := strings.Replace(string(toml), `language = "en"`, `language = "ja"`, 1)
	if ja == string(toml) {
		t.Fatal(`pmkb.toml no longer says language = "en"`)
	}
	return overlay(t, map[string]string{"pmkb.toml": ja})
}

// TestStatsPageInJapaneseSaysNoEnglish builds the sample site in Japanese
// and checks that /stats/ and its charts say none of the English UI words
// they used to (QA: the histograms' bins, the bars' hours and the notes'
// p90 were English on a ja site), nor any English text of the theme's
// statistics strings. n (a sample size) is notation, not a word.
func TestStatsPageInJapaneseSaysNoEnglish(t *testing.T) {
	files := filesByPath(buildSample(t, generator.Options{Source: jaSample(t)}))
	english := []string{
		// histogram bins (axis labels and the text alternative)
		"&lt;5m", "5–15m", "15–30m", "30–60m", "1–2h", "2–4h", "4–8h", "8–24h", "1–3d", "≥3d",
		// the distributions' note
		"p90 ",
		// action items' kinds and statuses, as the stats page wrote them
		">prevent<", ">in progress<", ">overdue<", "(overdue)",
	}
	// The bars' values in hours ("0.5h").
	hours := regexp.MustCompile(`>\d+(\.\d)?h<`)
	// Every English statistics string of the theme long enough not to
	// be a word of the sample's (English) postmortems.
	data, err := fs.ReadFile(themes.Default(), "i18n/en.json")
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]string
	if err := json.Unmarshal(data, &en); err != nil {
		t.Fatal(err)
	}
	for k, v := range en {
		if (strings.HasPrefix(k, "stats.") || strings.HasPrefix(k, "chart.")) && !strings.Contains(v, "%") && len(v) >= 8 {
			english = append(english, v)
		}
	}
	seen := 0
	for p, data := range files {
		if !strings.HasPrefix(p, "stats/") {
			continue
		}
		seen++
		s := string(data)
		for _, w := range english {
			if strings.Contains(s, w) {
				t.Errorf("%s says %q", p, w)
			}
		}
		if m := hours.FindString(s); m != "" {
			t.Errorf("%s says %q", p, m)
		}
	}
	if seen < 10 || !strings.Contains(string(files["stats/index.html"]), "<h1>統計</h1>") {
		t.Fatalf("%d files under stats/, or the page is not the Japanese statistics page", seen)
	}
}

// TestStatsPageSaysActionItemsAsTheThemeDoes builds the sample site with a
// theme that renames the kind prevent and the status in-progress, and
// checks that /stats/ says the theme's words, as /actions/ does (review:
// the stats page kept its own "prevent" and "in progress" where the action
// pages said "Prevent" and "In progress").
func TestStatsPageSaysActionItemsAsTheThemeDoes(t *testing.T) {
	theme := themeWith(t, "en", map[string]string{"kind.prevent": "Stop it recurring", "status.in-progress": "Underway"})
	files := filesByPath(buildSample(t, generator.Options{Theme: theme}))
	actions, stats := string(files["actions/index.html"]), string(files["stats/index.html"])
	for _, w := range []string{"Stop it recurring", "Underway"} {
		if !strings.Contains(actions, w) {
			t.Fatalf("/actions/ lacks the theme's %q: the sample no longer shows what this test compares", w)
		}
		if !strings.Contains(stats, "<td>"+w+"</td>") {
			t.Errorf("/stats/ lacks the theme's %q", w)
		}
	}
	for _, w := range []string{">prevent<", ">Prevent<", ">in progress<", ">In progress<"} {
		if strings.Contains(stats, w) {
			t.Errorf("/stats/ says %q, not the theme's word", w)
		}
	}
}
