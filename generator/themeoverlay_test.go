package generator_test

import (
	"bytes"
	"context"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/internal/minify"
	"github.com/pmkb/pmkb/themes"
)

// TestPartialTheme builds the sample site with a theme that holds only
// what it changes — one stylesheet and two UI strings, as a site's theme
// folder or one copied from an older pmkb may — and checks that its files
// and strings win and that everything else comes from the built-in theme
// (before, a theme had to hold every layout and every string, so a string
// added by a newer pmkb failed the build of every copied theme).
func TestPartialTheme(t *testing.T) {
	theme := fstest.MapFS{
		"static/assets/pmkb.css": {Data: []byte("/* the site's own style */\n")},
		"i18n/en.json":           {Data: []byte(`{"nav.postmortems": "Incident reviews", "nav.actions": "Follow-ups"}`)},
	}
	files := filesByPath(buildSample(t, generator.Options{Source: overlay(t, nil), Theme: theme}))
	if got := string(files["assets/pmkb.css"]); got != "/* the site's own style */\n" {
		t.Errorf("assets/pmkb.css = %.40q, want the theme's", got)
	}
	src, err := fs.ReadFile(themes.Default(), "static/assets/table.js")
	if err != nil {
		t.Fatal(err)
	}
	// A built-in script is published minified (60da6e3).
	builtin, err := minify.File("assets/table.js", src)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files["assets/table.js"], builtin) {
		t.Error("assets/table.js is not the built-in one")
	}
	home := string(files["index.html"])
	for _, want := range []string{">Incident reviews</a>", ">Follow-ups</a>", ">Systems</a>"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	if strings.Contains(home, ">Postmortems</a></li>") {
		t.Error("home page still says the built-in nav.postmortems")
	}
}

// TestPartialThemeTemplates builds the sample site with a theme whose
// layouts/partials.html holds only its own site footer, as a copy from an
// older pmkb lacks the templates of fragments added since: the theme's
// footer wins, and every other template comes from the built-in
// partials.html (before, each template a newer pmkb added, such as the
// time of a link in a chain of repeats, failed the build: "is undefined").
func TestPartialThemeTemplates(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/partials.html": {Data: []byte(`{{define "site-footer"}}<footer class="site-footer"><p>Our own footer</p></footer>{{end}}`)},
	}
	files := filesByPath(buildSample(t, generator.Options{Source: overlay(t, nil), Theme: theme}))
	want := filesByPath(buildSample(t, generator.Options{Source: overlay(t, nil)}))
	if len(files) != len(want) {
		t.Fatalf("%d files, the built-in theme makes %d", len(files), len(want))
	}
	for path, data := range files {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		page := string(data)
		if !strings.Contains(page, "<p>Our own footer</p>") {
			t.Errorf("%s lacks the theme's footer", path)
			continue
		}
		// Apart from the footer, the page is the built-in theme's.
		cut := func(s string) string {
			i, j := strings.Index(s, `<footer class="site-footer">`), strings.LastIndex(s, "</footer>")
			if i < 0 || j < i {
				return s
			}
			return s[:i] + s[j:]
		}
		if cut(page) != cut(string(want[path])) {
			t.Errorf("%s differs from the built-in theme's page beyond the footer", path)
		}
	}
}

// TestThemeKeepsRenamedNames builds the sample site with the two names a
// theme copied from b727bc9 (the seventh session) reads and a later pmkb
// renamed: the action status cell's .ClosedText and the UI string
// "pm.time". Both still work, so such a copy keeps building (before, it
// failed: "can't evaluate field ClosedText", `i18n/en.json lacks "pm.time"`).
func TestThemeKeepsRenamedNames(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/partials.html": {Data: []byte(`{{define "site-footer"}}<footer class="site-footer"><p>{{t "pm.time"}}</p></footer>{{end}}` +
			`{{define "actionstatus"}}<td><span class="status">{{.StatusLabel}}</span>{{if .ClosedText}} <span class="closed">{{.ClosedText}}</span>{{end}}</td>{{end}}`)},
	}
	files := filesByPath(buildSample(t, generator.Options{Source: overlay(t, nil), Theme: theme}))
	home := string(files["index.html"])
	if !strings.Contains(home, "<p>Time</p></footer>") {
		t.Error(`the footer lacks "pm.time" ("Time")`)
	}
	// The closing phrases are the built-in theme's, date for date.
	builtin := filesByPath(buildSample(t, generator.Options{Source: overlay(t, nil)}))
	dates := func(re, page string) []string {
		var out []string
		for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(page, -1) {
			out = append(out, m[1])
		}
		return out
	}
	got := dates(`<span class="closed">closed (\d{4}-\d\d-\d\d)</span>`, string(files["actions/index.html"]))
	want := dates(`<span class="closed">closed <time datetime="(\d{4}-\d\d-\d\d)">`, string(builtin["actions/index.html"]))
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("closed dates through .ClosedText = %v, want the built-in theme's %v", got, want)
	}
}

// TestThemeOldTagTemplates builds the sample site with the "tag" and
// "tagnext" templates of c8375c4, which print a tag as {{.}}: since tags
// became links the fragment gets a link, whose String is its name, so the
// page shows "tls" as before (it showed the struct,
// "{tls  ../../search/index.html?tag=tls}", and the build said nothing).
func TestThemeOldTagTemplates(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/partials.html": {Data: []byte(`{{define "tag"}}<span class="tag">{{.}}</span>{{end}}

{{define "tagnext"}}<span class="visually-hidden">,</span> <span class="tag">{{.}}</span>{{end}}
`)},
	}
	files := filesByPath(buildSample(t, generator.Options{Source: overlay(t, nil), Theme: theme}))
	builtin := filesByPath(buildSample(t, generator.Options{Source: overlay(t, nil)}))
	names := func(re string, page []byte) []string {
		var out []string
		for _, m := range regexp.MustCompile(re).FindAllSubmatch(page, -1) {
			out = append(out, string(m[1]))
		}
		return out
	}
	pages := 0
	for path, page := range builtin {
		if !strings.HasPrefix(path, "postmortems/") || !strings.HasSuffix(path, "/index.html") {
			continue
		}
		want := names(`<a class="tag" href="[^"]*">([^<]*)</a>`, page)
		if len(want) == 0 {
			continue
		}
		pages++
		if got := names(`<span class="tag">([^<]*)</span>`, files[path]); !slices.Equal(got, want) {
			t.Errorf("%s: tags through {{.}} = %q, want %q", path, got, want)
		}
	}
	if pages == 0 {
		t.Fatal("no postmortem page of the sample shows a tag")
	}
}

// TestThemeErrorNamesOverrides checks that a theme layout reading a field
// pmkb does not have fails the build with an error that names the theme's
// own layouts and says they may come from an older pmkb: the template
// error alone names a template, not the file the user copied. The error
// of a fragment of the whole site (the footer) names no subject (it said
// `render site-footer of ""`).
func TestThemeErrorNamesOverrides(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/partials.html": {Data: []byte(`{{define "site-footer"}}<footer>{{.NoSuchField}}</footer>{{end}}`)},
	}
	_, err := generator.Build(context.Background(), generator.Options{Source: overlay(t, nil), Theme: theme, Today: sampleToday})
	if err == nil {
		t.Fatal("a layout reading .NoSuchField built")
	}
	for _, want := range []string{"NoSuchField", "layouts/partials.html", "older pmkb"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	// The footer is the whole site's, not some empty-named thing's.
	if strings.Contains(err.Error(), `of ""`) {
		t.Errorf(`error %q names an empty subject (of "")`, err)
	}
}

// TestThemeErrorsWithoutStage checks that a problem of a file of the
// site's theme is the build's error as the theme's file states it, not
// prefixed with the stage that met it ("export: theme i18n/en.json: …"),
// and that a static/ file at the path of a file the exports make is
// blamed on the theme's file (it was `output: file path
// "api/actions.json" is given more than once`).
func TestThemeErrorsWithoutStage(t *testing.T) {
	for _, tc := range []struct {
		file, data, want string
	}{
		{"static/api/actions.json", "[]", "static/api/actions.json: the site makes its own /api/actions.json, which a theme's static/ file cannot replace"},
		{"static/feed.xml", "<feed/>", "static/feed.xml: the site makes its own /feed.xml"},
		{"i18n/en.json", "{\n\"nav.actions\": \"Follow-ups\",\n}", "i18n/en.json:3: invalid character '}'"},
		{"layouts/partials.html", `{{define "tag"}}{{.Nope}}{{end}}`, `layouts/partials.html:1: executing "tag" at <.Nope>`},
	} {
		theme := fstest.MapFS{tc.file: {Data: []byte(tc.data)}}
		_, err := generator.Build(context.Background(), generator.Options{Source: overlay(t, nil), Theme: theme, Today: sampleToday})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to start %q", tc.file, err, tc.want)
		}
	}
}
