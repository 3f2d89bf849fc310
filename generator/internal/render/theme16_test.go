package render

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/themes"
)

// themeErr builds the test site with a theme folder of files and returns
// the error, which must be a *ThemeError.
func themeErr(t *testing.T, files map[string]string) error {
	t.Helper()
	_, err := Site(testKB("en", repo), themeFolder(t, files), testOpts)
	var te *ThemeError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a *ThemeError", err)
	}
	return err
}

// TestThemeOldFieldsFail checks that a postmortem.html copied from an
// older pmkb, which printed the commander, the authors, the tags and the
// teams by the names .Commander, .Authors, .Tags and .Teams, fails with
// the advice to compare it with this version's layout (QA 16 D-F1).
// Before, those names were kept for whether the page has them, so the old
// {{with .Commander}}<dd>{{.}}</dd>{{end}} published "true" as every
// page's commander; and a value of another type than the layout expects
// ("range can't iterate over true") got no advice.
func TestThemeOldFieldsFail(t *testing.T) {
	advice := "compare it with this version's themes/default/layouts/postmortem.html"
	for _, field := range []string{"Commander", "Authors", "Tags", "Teams"} {
		err := themeErr(t, map[string]string{"layouts/postmortem.html": `{{define "main"}}{{with .Main}}` + "\n" +
			`{{with .` + field + `}}<dd>{{.}}</dd>{{end}}{{end}}{{end}}`})
		for _, w := range []string{fromSlashPath("th/layouts/postmortem.html:2: "), "can't evaluate field " + field, advice} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: err = %q lacks %q", field, err, w)
			}
		}
	}
	for _, tc := range []struct{ action, msg string }{
		{`{{range .RepeatKnown}}{{.}}{{end}}`, "range can't iterate over"},
		{`{{index .RepeatKnown 1}}`, "can't index"},
		{`{{eq .Title 1}}`, "incompatible types for comparison"},
	} {
		err := themeErr(t, map[string]string{"layouts/postmortem.html": `{{define "main"}}{{with .Main}}` + "\n" + tc.action + `{{end}}{{end}}`})
		for _, w := range []string{fromSlashPath("th/layouts/postmortem.html:2: "), tc.msg, advice} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: err = %q lacks %q", tc.action, err, w)
			}
		}
	}
}

// TestThemeRefListsOwnMarkers checks that each list of a postmortem's
// page has its own marker, so that a postmortem.html that shows "Similar
// incidents" before "This incident refers to", or drops one of them, never
// shows one list under the other's heading (QA 16 D-F2: every list was at
// the next "refs" marker, by position); that layouts of an older pmkb,
// which wrote {{template "refs"}} in each {{if .Related}}… block and the
// marker "chain" in {{range .Chains}}, show each list under its own
// heading too, whatever their order; and that such a call or marker
// anywhere else fails at its line with the advice.
func TestThemeRefListsOwnMarkers(t *testing.T) {
	src, err := fs.ReadFile(themes.Default(), "layouts/postmortem.html")
	if err != nil {
		t.Fatal(err)
	}
	related := "{{- if .Related}}\n<h3>{{t \"pm.related\"}}</h3>\n{{template \"refs\" \"related\"}}\n{{- end}}"
	similar := "{{- if .Similar}}\n<h3>{{t \"pm.similar\"}}</h3>\n{{template \"refs\" \"similar\"}}\n{{- end}}"
	if !strings.Contains(string(src), related) || !strings.Contains(string(src), similar) {
		t.Fatal("the built-in postmortem.html has changed: update the test")
	}
	const x = "\x00"
	swapped := strings.Replace(strings.Replace(strings.Replace(string(src), related, x, 1), similar, related, 1), x, similar, 1)
	dropped := strings.Replace(string(src), related, "", 1)
	builtin, err := Site(testKB("en", repo), themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	// The lists under each heading of a page, by heading.
	lists := func(page []byte) map[string]string {
		out := map[string]string{}
		for _, part := range strings.Split(string(page), "<h3>")[1:] {
			head, rest, _ := strings.Cut(part, "</h3>")
			if strings.HasPrefix(strings.TrimSpace(rest), `<ul class="refs">`) {
				ul, _, _ := strings.Cut(rest, "</ul>")
				out[head] = ul
			}
		}
		return out
	}
	want := map[string]map[string]string{}
	for _, f := range builtin {
		if strings.HasPrefix(f.Path, "postmortems/") && strings.Count(f.Path, "/") == 2 {
			want[f.Path] = lists(f.Data)
		}
	}
	for name, layout := range map[string]string{"swapped": swapped, "dropped": dropped} {
		got, err := Site(testKB("en", repo), themeFolder(t, map[string]string{"layouts/postmortem.html": layout}), testOpts)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, f := range got {
			w, ok := want[f.Path]
			if !ok {
				continue
			}
			g := lists(f.Data)
			for head, ul := range g {
				checked++
				if w[head] != ul {
					t.Errorf("%s: %s under %q:\n%s\nwant\n%s", name, f.Path, head, ul, w[head])
				}
			}
		}
		if checked == 0 {
			t.Errorf("%s: no lists of references checked", name)
		}
	}
	if n := strings.Count(string(src), `{{template "refs" "`); n != 3 {
		t.Fatalf("the built-in postmortem.html calls refs %d times", n)
	}
	// A layout of an older pmkb wrote {{template "refs"}} in each block,
	// and its partials.html the marker "refs": each block's {{if}} says
	// which list it shows, whatever their order.
	bare := strings.NewReplacer(`{{template "refs" "related"}}`, `{{template "refs"}}`, `{{template "refs" "backlinks"}}`, `{{template "refs"}}`,
		`{{template "refs" "similar"}}`, `{{template "refs"}}`)
	oldPartials := "{{define \"refs\"}}\n<ul class=\"refs\"><pmkb-rows data-n=\"refs\"></pmkb-rows>\n</ul>\n{{- end}}"
	for name, files := range map[string]map[string]string{
		"old swapped":  {"layouts/postmortem.html": bare.Replace(swapped), "layouts/partials.html": oldPartials},
		"old dropped":  {"layouts/postmortem.html": bare.Replace(dropped)},
		"old partials": {"layouts/partials.html": oldPartials},
		// {{with .Related}} guards its block as {{if}} does.
		"old with": {"layouts/postmortem.html": strings.NewReplacer("{{- if .Related}}", "{{- with .Related}}", "{{- if .Similar}}", "{{- with .Similar}}",
			"{{- if .Backlinks}}", "{{- with .Backlinks}}").Replace(bare.Replace(swapped))},
	} {
		got, err := Site(testKB("en", repo), themeFolder(t, files), testOpts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checked := 0
		for _, f := range got {
			w, ok := want[f.Path]
			if !ok {
				continue
			}
			for head, ul := range lists(f.Data) {
				checked++
				if w[head] != ul {
					t.Errorf("%s: %s under %q:\n%s\nwant\n%s", name, f.Path, head, ul, w[head])
				}
			}
		}
		if checked == 0 {
			t.Errorf("%s: no lists of references checked", name)
		}
	}
	// Outside such an {{if}}, the list is not known: an error at the line.
	const at = `<article class="postmortem">`
	line := 1 + strings.Count(string(src[:strings.Index(string(src), at)]), "\n")
	err = themeErr(t, map[string]string{"layouts/postmortem.html": strings.Replace(string(src), at, at+`{{template "refs"}}`, 1)})
	for _, w := range []string{fromSlashPath("th/layouts/postmortem.html:" + strconv.Itoa(line) + ": "), `"related", "backlinks" and "similar"`, "compare it with"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("err = %q lacks %q", err, w)
		}
	}
	// A term.html of an older pmkb had the marker "chain" directly in
	// {{range .Chains}}: it shows each chain's own list; anywhere else it
	// is an error.
	term, err := fs.ReadFile(themes.Default(), "layouts/term.html")
	if err != nil {
		t.Fatal(err)
	}
	const page = "systems/api-gateway/index.html"
	wantTerm := site(t, testKB("en", repo), testOpts)[page]
	if !strings.Contains(string(wantTerm), "chain-label") {
		t.Fatalf("%s shows no chain", page)
	}
	got, err := Site(testKB("en", repo), themeFolder(t, map[string]string{"layouts/term.html": strings.Replace(string(term), `data-n="{{.N}}"`, `data-n="chain"`, 1)}), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range got {
		if f.Path == page && string(f.Data) != string(wantTerm) {
			t.Errorf("%s with the old term.html:\n%s\nwant:\n%s", page, f.Data, wantTerm)
		}
	}
	err = themeErr(t, map[string]string{"layouts/term.html": strings.Replace(string(term), `<h3 id="h-chains">`, `<pmkb-rows data-n="chain"></pmkb-rows><h3 id="h-chains">`, 1)})
	for _, w := range []string{`the marker "chain" names no list`, `{{range .Chains}}`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("err = %q lacks %q", err, w)
		}
	}
}

// TestThemeUIStringsEscapedByContext checks that {{t "k"}} in a theme's
// layout is escaped by its context exactly as {{ t "k" }} is (in a
// script, a JavaScript string; in an unquoted attribute, quoted), and
// that a UI string holding "{{" is text, never template code, in the
// theme's layouts and in the built-in ones (QA 16 D-F4: before, the
// string was pasted into the source HTML-escaped, a bare token in a
// script, and "{{ tls }}" failed the build at the built-in
// partials.html).
func TestThemeUIStringsEscapedByContext(t *testing.T) {
	src, err := fs.ReadFile(themes.Default(), "layouts/postmortem.html")
	if err != nil {
		t.Fatal(err)
	}
	const probe = `<script>var L = {{ t "pm.facts" }}; var K = {{t "pm.facts"}};</script><p title={{ t "pm.facts" }} data-x={{t "pm.facts"}}>` +
		`<a href="?q={{ t "pm.facts" }}&r={{t "pm.facts"}}">x</a>`
	layout := strings.Replace(string(src), `<article class="postmortem">`, `<article class="postmortem">`+probe, 1)
	got, err := Site(testKB("en", repo), themeFolder(t, map[string]string{
		"layouts/postmortem.html": layout,
		"i18n/en.json":            `{"pm.facts": "Don't {{.Main.Title}} say", "search.placeholder": "e.g. {{ tls }} & more", "pm.id": "ID {{"}`}), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range got {
		page := string(f.Data)
		if strings.Contains(page, `class="search-box"`) || strings.Contains(page, "placeholder=") {
			if strings.Contains(page, "{{ tls }}") && !strings.Contains(page, `e.g. {{ tls }} &amp; more`) {
				t.Errorf("%s: the placeholder is not the UI string as text", f.Path)
			}
		}
		if !strings.Contains(page, "var L = ") {
			continue
		}
		seen++
		_, probeOut, _ := strings.Cut(page, `<article class="postmortem">`)
		probeOut, _, _ = strings.Cut(probeOut, "</a>")
		l := between(probeOut, "var L = ", ";")
		k := between(probeOut, "var K = ", ";")
		if l != k || !strings.HasPrefix(l, `"`) {
			t.Errorf("%s: in a script {{ t }} gives %s, {{t}} gives %s", f.Path, l, k)
		}
		title := between(probeOut, "title=", " data-x=")
		dataX := between(probeOut, "data-x=", ">")
		if title != dataX {
			t.Errorf("%s: in an unquoted attribute {{ t }} gives %s, {{t}} gives %s", f.Path, title, dataX)
		}
		q := between(probeOut, "?q=", "&r=")
		r := between(probeOut, "&r=", `"`)
		if q != r {
			t.Errorf("%s: in a URL {{ t }} gives %s, {{t}} gives %s", f.Path, q, r)
		}
		if !strings.Contains(page, "ID {{") {
			t.Errorf("%s: the built-in layout's pm.id is not shown as text", f.Path)
		}
		if seen == 1 {
			t.Log(probeOut)
		}
	}
	if seen == 0 {
		t.Fatal("no postmortem page holds the probe")
	}
}

// between is the text of s after the first from, up to the next to.
func between(s, from, to string) string {
	_, s, _ = strings.Cut(s, from)
	s, _, _ = strings.Cut(s, to)
	return s
}

// TestThemeMarkerMistakes checks that a list marker of a theme's layout
// that would show nothing or the wrong list fails the build at its line:
// an unknown or misspelt name, a number, one marker of a name too many, one
// inside an attribute value, the header's marker in a fragment, and (at
// the build, naming the page) one too many through a helper template the
// theme calls twice. Before, each built with 0 warnings: the marker
// vanished, a second "actions" marker put the rows outside their table,
// one in a title attribute published markup as its text (QA 16 D-F5).
func TestThemeMarkerMistakes(t *testing.T) {
	src, err := fs.ReadFile(themes.Default(), "layouts/postmortem.html")
	if err != nil {
		t.Fatal(err)
	}
	const at = `<article class="postmortem">`
	line := 1 + strings.Count(string(src[:strings.Index(string(src), at)]), "\n")
	pm := func(probe string) map[string]string {
		return map[string]string{"layouts/postmortem.html": strings.Replace(string(src), at, at+probe, 1)}
	}
	pmAt := fromSlashPath("th/layouts/postmortem.html:" + strconv.Itoa(line) + ": ")
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"unknown", pm(`<pmkb-rows data-n="bogus"></pmkb-rows>`), []string{pmAt, `the marker "bogus" names no list`}},
		{"misspelt", pm(`<pmkb-rows data-n="sytems"></pmkb-rows>`), []string{pmAt, `the marker "sytems" names no list`}},
		{"number", pm(`<pmkb-rows data-n="999"></pmkb-rows>`), []string{pmAt, `the marker "999" is a number written in the layout`}},
		{"twice", pm(`<pmkb-rows data-n="actions"></pmkb-rows>`), []string{`the marker "actions" stands in "main" more often (lines ` + strconv.Itoa(line) + `, `, `than this version's template, which has it once`}},
		{"in an attribute", pm(`<p title='<pmkb-rows data-n="date"></pmkb-rows>'>x</p>`), []string{pmAt, `the marker "date" stands inside a tag or an attribute value`}},
		{"header in the footer", map[string]string{"layouts/partials.html": "{{define \"site-footer\"}}<footer>F\n<pmkb-header></pmkb-header></footer>{{end}}"},
			[]string{fromSlashPath("th/layouts/partials.html:2: "), `<pmkb-header></pmkb-header> in "site-footer" would be published as it is`}},
		{"footer marker", map[string]string{"layouts/partials.html": "{{define \"site-footer\"}}<footer>F\n<pmkb-rows data-n=\"footer\"></pmkb-rows></footer>{{end}}"},
			[]string{fromSlashPath("th/layouts/partials.html:2: "), `the marker "footer" stands in "site-footer" more often (lines 2) than this version's template, which does not have it`}},
	} {
		err := themeErr(t, tc.files)
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: err = %q lacks %q", tc.name, err, w)
			}
		}
	}
	// A helper of the theme's own, called twice, shows the crumbs twice:
	// only the build can tell.
	helper := strings.Replace(string(src), at, at+`{{template "mine"}}{{template "mine"}}`, 1) + `{{define "mine"}}<pmkb-rows data-n="crumbs"></pmkb-rows>{{end}}`
	_, err = Site(testKB("en", repo), themeFolder(t, map[string]string{"layouts/postmortem.html": helper}), testOpts)
	if err == nil || !strings.Contains(err.Error(), `the marker "crumbs" stands more often than the page has lists of that name`) || !strings.Contains(err.Error(), "postmortems/") {
		t.Errorf("err = %v, want the crumbs marker one too many on a postmortem page", err)
	}
	// A whole copy of the built-in layouts has none of these.
	all := map[string]string{}
	entries, err := fs.ReadDir(themes.Default(), "layouts")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := fs.ReadFile(themes.Default(), "layouts/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		all["layouts/"+e.Name()] = string(data)
	}
	if _, err := Site(testKB("en", repo), themeFolder(t, all), testOpts); err != nil {
		t.Errorf("a copy of the built-in layouts: %v", err)
	}
}

// TestThemePageLayoutMistakes checks that a mistake of a theme's page
// layout is an error naming that layout (and its line where there is
// one), not the built-in base.html or partials.html it was found in: no
// "main", text outside it, a "head" nothing shows, a "main" that leaves a
// script open, and the wrong data passed to a built-in partial (QA 16
// D-F10).
func TestThemePageLayoutMistakes(t *testing.T) {
	for _, tc := range []struct {
		name, layout string
		want         []string
	}{
		{"no main", "<p>hello {{.Main}}</p>", []string{fromSlashPath("th/layouts/home.html:1: "), `defines no "main"`}},
		{"text outside", "{{define \"main\"}}x{{end}}\n<p>footer</p>", []string{fromSlashPath("th/layouts/home.html:1: "), `text outside {{define "main"}}`}},
		{"head", "{{define \"main\"}}x{{end}}\n{{define \"head\"}}<meta name=\"x\" content=\"y\">{{end}}", []string{fromSlashPath("th/layouts/home.html:2: "), `defines "head", which no template calls`, `no "head" slot`}},
		{"open script", `{{define "main"}}<script>var x = 1{{end}}`, []string{fromSlashPath("th/layouts/home.html: "), "ends in a non-text context", `must end in the context it begins in`}},
		{"partial's data", `{{define "main"}}{{template "pmtable" .}}{{end}}`, []string{fromSlashPath("th/layouts/home.html: "), `can't evaluate field`, `the error is in the built-in partials.html, on a page of the theme folder's layouts/home.html`, "(on index.html)"}},
	} {
		err := themeErr(t, map[string]string{"layouts/home.html": tc.layout})
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: err = %q lacks %q", tc.name, err, w)
			}
		}
	}
}

// TestThemeOldFlagsUpgraded checks that a postmortem.html copied from the
// pmkb before the Has… fields, which tested {{if .Commander}}, {{if
// .Authors}}, {{if .Tags}} and {{if .Teams}} (then whether the page has
// them), still builds and gives the built-in pages, while printing
// {{.Commander}} still fails (TestThemeOldFieldsFail).
func TestThemeOldFlagsUpgraded(t *testing.T) {
	src, err := fs.ReadFile(themes.Default(), "layouts/postmortem.html")
	if err != nil {
		t.Fatal(err)
	}
	old := strings.NewReplacer("{{- if .HasTeams}}", "{{- if .Teams}}", "{{- if .HasCommander}}", "{{- if .Commander}}",
		"{{- if .HasAuthors}}", "{{- if .Authors}}", "{{- if .HasTags}}", "{{- if .Tags}}").Replace(string(src))
	if old == string(src) {
		t.Fatal("the built-in postmortem.html has changed: update the test")
	}
	got, err := Site(testKB("en", repo), themeFolder(t, map[string]string{"layouts/postmortem.html": old}), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	want := site(t, testKB("en", repo), testOpts)
	for _, f := range got {
		if string(f.Data) != string(want[f.Path]) {
			t.Errorf("%s differs from the built-in theme's", f.Path)
		}
	}
}

// TestThemeFieldErrorListsFields checks that a field a template's data
// lacks is an error that lists the fields it has, as pmkb new's template
// errors do (QA 16 D-F7: "can't evaluate field Id in type
// render.postmortemMain" named a Go type the theme's author cannot look
// up).
func TestThemeFieldErrorListsFields(t *testing.T) {
	err := themeErr(t, map[string]string{"layouts/postmortem.html": `{{define "main"}}{{with .Main}}{{.Id}}{{end}}{{end}}`})
	for _, w := range []string{"can't evaluate field Id", "that template's data has .ID, .Title, .Lang, .Summary", ".HasCommander", ".Body"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("err = %q lacks %q", err, w)
		}
	}
	err = themeErr(t, map[string]string{"layouts/partials.html": `{{define "site-footer"}}<footer>{{.Nope}}</footer>{{end}}`})
	if w := "that template's data has .SiteTitle, .Audience, .Today, .Root"; !strings.Contains(err.Error(), w) {
		t.Errorf("err = %q lacks %q", err, w)
	}
}
