package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/themes"
)

// TestThemeWarnsArgumentMismatch checks that a reworded UI string that
// takes other arguments than pmkb gives it is a warning at its line of
// the theme's i18n file naming the verbs expected: a % verb too few
// (every footer would end "%!(EXTRA string=2026-11-28)"), one of another
// kind, one too many, and other {slots} than the script knows. Before,
// each was published with 0 warnings (QA 16 D-F6). A string that keeps
// the arguments, or numbers them in another order, is fine, and so are
// copies of the built-in files.
func TestThemeWarnsArgumentMismatch(t *testing.T) {
	for _, tc := range []struct {
		name, lang, file string
		want             []string
	}{
		{"fewer", "en", "{\n  \"footer.asof\": \"Status of action items\"\n}", []string{
			`th/i18n/en.json:2: UI string "footer.asof" has no % verb, fewer than pmkb gives it, so pages would show %!(EXTRA …): it takes %s, as the built-in one (the built-in one is "Action items as of %s")`}},
		{"kind", "en", "{\"footer.asof\": \"As of %d\"}", []string{
			`th/i18n/en.json:1: UI string "footer.asof" prints argument 1 as %d where pmkb gives it for %s: it takes %s`}},
		{"more", "en", "{\"notify.header\": \"Weekly action items: %d overdue, %d soon, %s\"}", []string{
			`th/i18n/en.json:1: UI string "notify.header" has %d and %d and %s, one more than pmkb gives it: it takes %d and %d`}},
		{"slots", "en", "{\"pm.facts\": \"Facts\",\n\"filter.showing\": \"{shown}/{totl}\"}", []string{
			`th/i18n/en.json:2: UI string "filter.showing" has the slots {shown}, {totl} where the script that fills it knows {shown}, {total}`}},
		{"fine", "en", `{"footer.asof": "Status as of %s", "notify.text": "%[2]d due %[3]s, %[1]d overdue", "filter.showing": "{shown} / {total}", "pm.facts": "Facts"}`, nil},
		{"ja", "ja", `{"footer.asof": "%s 時点"}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ThemeWarnings(themeFolder(t, map[string]string{"i18n/" + tc.lang + ".json": tc.file}), tc.lang)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d warnings %q, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i].Error(), fromSlashPath(w)) {
					t.Errorf("warning %d = %q\nwant it to start %q", i, got[i], fromSlashPath(w))
				}
			}
		})
	}
	copies := map[string]string{}
	for _, l := range []string{"en", "ja"} {
		data, err := fs.ReadFile(themes.Default(), "i18n/"+l+".json")
		if err != nil {
			t.Fatal(err)
		}
		copies["i18n/"+l+".json"] = string(data)
	}
	for _, l := range []string{"en", "ja"} {
		if got := ThemeWarnings(themeFolder(t, copies), l); len(got) > 0 {
			t.Errorf("copies of the built-in strings, %s site: %q", l, got)
		}
	}
}

// TestThemeWarnsPluralTwin checks that rewording a counted UI string
// without its singular ".one" twin (or the reverse) is a warning at its
// line: {"count.incidents": "%d outages"} showed "2 outages" but, 70
// times, "1 incident" (QA 16 D-F11).
func TestThemeWarnsPluralTwin(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		want       []string
	}{
		{"many", "{\n\"count.incidents\": \"%d outages\"\n}", []string{
			`th/i18n/en.json:2: UI string "count.incidents" is reworded but its singular "count.incidents.one" is not, so a count of one still shows "%d incident"`}},
		{"one", "{\"count.incidents.one\": \"%d outage\"}", []string{
			`th/i18n/en.json:1: UI string "count.incidents.one" is reworded but "count.incidents", which every count but one shows, is not`}},
		{"both", "{\"count.incidents\": \"%d outages\", \"count.incidents.one\": \"%d outage\"}", nil},
		{"same", "{\"count.incidents\": \"%d incidents\"}", nil},
	} {
		got := ThemeWarnings(themeFolder(t, map[string]string{"i18n/en.json": tc.file}), "en")
		if len(got) != len(tc.want) {
			t.Errorf("%s: got %d warnings %q, want %d", tc.name, len(got), got, len(tc.want))
			continue
		}
		for i, w := range tc.want {
			if !strings.HasPrefix(got[i].Error(), fromSlashPath(w)) {
				t.Errorf("%s: warning %d = %q\nwant it to start %q", tc.name, i, got[i], fromSlashPath(w))
			}
		}
	}
}

// TestThemeI18nBOMAndRepeatedKeys checks that a theme's UI strings file
// starting with a byte-order mark (Notepad writes one) is read, as
// pmkb.toml and the postmortems are, and that a key given twice is a
// warning at the second (QA 16 D-F15: before, "invalid character 'ï'
// looking for beginning of value", and silently the last one).
func TestThemeI18nBOMAndRepeatedKeys(t *testing.T) {
	theme := themeFolder(t, map[string]string{"i18n/en.json": "\xef\xbb\xbf{\"pm.facts\": \"Alpha\",\n\"pm.facts\": \"Beta\"}"})
	got, err := Site(testKB("en", repo), theme, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, f := range got {
		if strings.Contains(string(f.Data), `id="h-facts">Beta<`) {
			seen = true
			break
		}
	}
	if !seen {
		t.Error("no page shows the theme's pm.facts")
	}
	w := ThemeWarnings(theme, "en")
	want := fromSlashPath(`th/i18n/en.json:2: UI string "pm.facts" is given twice, on line 1 and here`)
	if len(w) != 1 || !strings.HasPrefix(w[0].Error(), want) {
		t.Errorf("warnings %q, want one starting %q", w, want)
	}
}

// TestThemeWarnsUnreadFiles checks that files of a theme folder the build
// never reads, though a theme author expects it to, are theme-unused
// warnings: archetypes/ (copied with themes/default/), a sub-folder of
// layouts/ or i18n/, a YAML i18n file, and a UI string kept only for
// older layouts (QA 16 D-F14: before, 0 warnings).
func TestThemeWarnsUnreadFiles(t *testing.T) {
	got := ThemeWarnings(themeFolder(t, map[string]string{
		"archetypes/postmortem.md":     "---\n",
		"layouts/_default/single.html": "x",
		"i18n/en.yaml":                 "pm.facts: x",
		"i18n/sub/en.json":             "{}",
		"i18n/en.json":                 "{\"pm.facts\": \"Facts\",\n\"pm.time\": \"Moment\"}",
		"static/img/logo.png":          "PNG",
	}), "en")
	want := []string{
		`th/i18n/en.json:2: no page of this version shows UI string "pm.time" (the built-in theme keeps it for layouts copied from an older pmkb): reword "pm.timeIn" instead`,
		`th/archetypes/postmortem.md: the build does not read a theme's archetypes/: pmkb new writes a postmortem from the site's templates/postmortem.md`,
		`th/i18n/en.yaml: the build reads UI strings only from i18n/<lang>.json`,
		`th/i18n/sub/en.json: the build reads UI strings only from i18n/<lang>.json at the top of i18n/`,
		`th/layouts/_default/single.html: the build reads only the files at the top of layouts/`,
	}
	var texts []string
	for _, w := range got {
		texts = append(texts, w.Error())
	}
	slices.Sort(texts)
	for i := range want {
		want[i] = fromSlashPath(want[i])
	}
	slices.Sort(want)
	if len(texts) != len(want) {
		t.Fatalf("got %q\nwant %q", texts, want)
	}
	for i := range want {
		if !strings.HasPrefix(texts[i], want[i]) {
			t.Errorf("warning %q\nwant it to start %q", texts[i], want[i])
		}
	}
	// A theme whose own layout still shows the kept string is fine.
	if got := ThemeWarnings(themeFolder(t, map[string]string{
		"i18n/en.json":          `{"pm.time": "Moment"}`,
		"layouts/partials.html": `{{define "site-footer"}}{{t "pm.time"}}{{end}}`}), "en"); len(got) != 0 {
		t.Errorf("a layout asking for pm.time: %q", got)
	}
}

// TestKeptKeysUnread checks that the UI strings keptKeys names are read
// by no built-in layout and no Go file of the module (but this list), so
// that the warning about them is true, and that the built-in theme has
// each and the string that replaced it.
func TestKeptKeysUnread(t *testing.T) {
	en, err := fs.ReadFile(themes.Default(), "i18n/en.json")
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("..", "..", "..")
	for key, now := range keptKeys {
		if !strings.Contains(string(en), `"`+key+`"`) || !strings.Contains(string(en), `"`+now+`"`) {
			t.Errorf("the built-in en.json lacks %q or %q", key, now)
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules" || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			if d.IsDir() || strings.HasSuffix(p, "_test.go") || filepath.Base(p) == "themewarn.go" ||
				!(strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".js")) {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if strings.Contains(string(data), `"`+key+`"`) {
				t.Errorf("%s reads %q, which keptKeys says nothing reads", p, key)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
