package generator_test

// Quality tests of the built sample site with external tools: the W3C Nu
// HTML checker (vnu.jar, run with java) and axe-core in headless Chromium.
//
// The tools come from the npm manifest in .ci/ (`npm ci --prefix .ci`, or
// .ci/run); PMKB_NODE_MODULES names another node_modules folder. A missing
// tool fails the test. On a machine without Java, the npm tools or a
// browser, set PMKB_SKIP_EXTERNAL_TOOLS=1 to skip the tests that need them
// (and PMKB_NO_BROWSER=1 to skip the browser ones); CI never sets either.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/model"
)

// skipExternalEnv is the environment variable that, set to "1", skips the
// tests that need Java or the npm test tools instead of failing them.
const skipExternalEnv = "PMKB_SKIP_EXTERNAL_TOOLS"

// nodeModulesEnv names the node_modules folder holding vnu-jar and
// axe-core; the default is .ci/node_modules at the repository root.
const nodeModulesEnv = "PMKB_NODE_MODULES"

// externalTool returns the path of a file from the npm test tools (rel is
// relative to node_modules), failing the test when it is missing.
func externalTool(t testing.TB, rel string) string {
	t.Helper()
	if os.Getenv(skipExternalEnv) == "1" {
		t.Skipf("%s=1: test needing %s skipped", skipExternalEnv, rel)
	}
	dir := os.Getenv(nodeModulesEnv)
	if dir == "" {
		dir = filepath.Join("..", ".ci", "node_modules")
	}
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%v: install the test tools with `.ci/run` or `npm ci --prefix .ci` (or set %s to a node_modules folder; %s=1 skips this test on a machine without them)",
			err, nodeModulesEnv, skipExternalEnv)
	}
	return p
}

// javaPath returns the java binary, failing the test when there is none.
func javaPath(t testing.TB) string {
	t.Helper()
	if os.Getenv(skipExternalEnv) == "1" {
		t.Skipf("%s=1: test needing java skipped", skipExternalEnv)
	}
	p, err := exec.LookPath("java")
	if err != nil {
		t.Fatalf("%v: the Nu HTML checker needs Java 11 or later (Debian: openjdk-17-jre-headless); %s=1 skips this test", err, skipExternalEnv)
	}
	return p
}

// TestPublicBuildLeaksNothingInternal builds the sample for the public
// audience and checks that no output file holds the id or a distinctive
// word of any internal or draft postmortem.
func TestPublicBuildLeaksNothingInternal(t *testing.T) {
	all := buildSample(t, generator.Options{Drafts: true})
	pub := buildSample(t, generator.Options{Audience: generator.AudiencePublic})

	// A public build leaves out internal postmortems and drafts.
	var internal, public []*model.Postmortem
	for _, p := range all.KB.Postmortems {
		if p.Public() && !p.Draft() {
			public = append(public, p)
		} else {
			internal = append(internal, p)
		}
	}
	if len(internal) == 0 || len(public) == 0 {
		t.Fatalf("sample has %d internal and %d public postmortems; the test needs both", len(internal), len(public))
	}
	if got, want := len(pub.KB.Postmortems), len(public); got != want {
		t.Errorf("public build has %d postmortems, want the %d public ones", got, want)
	}

	// Words a public page may legitimately show: those of the public
	// postmortems' source files, the site config and the theme.
	allowed := strings.ToLower(string(sourceText(t, public)))

	for _, p := range internal {
		needles := []string{p.ID}
		needles = append(needles, distinctiveWords(p, allowed, 6)...)
		t.Logf("%s: looking for %q", p.ID, needles)
		if len(needles) < 4 {
			t.Errorf("%s: only %q are distinctive; the test cannot tell whether it leaks", p.ID, needles)
		}
		for _, f := range pub.Files {
			data := bytes.ToLower(f.Data)
			for _, w := range needles {
				if bytes.Contains(data, []byte(strings.ToLower(w))) {
					t.Errorf("public build: %s contains %q from internal postmortem %s", f.Path, w, p.ID)
				}
			}
		}
	}
}

// sourceText returns the source files of pms, the site config and every
// theme file, concatenated.
func sourceText(t testing.TB, pms []*model.Postmortem) []byte {
	t.Helper()
	var b bytes.Buffer
	names := []string{filepath.Join(sampleRoot, "pmkb.toml")}
	for _, p := range pms {
		names = append(names, filepath.Join(sampleRoot, filepath.FromSlash(p.Path)))
	}
	err := filepath.WalkDir(filepath.Join(sampleRoot, "themes"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// distinctiveWords returns up to n words of p's title, summary, body,
// impact and action items that do not occur in allowed (lower case): Latin
// words of at least seven letters and runs of at least three Han or
// Katakana characters, longest first.
func distinctiveWords(p *model.Postmortem, allowed string, n int) []string {
	text := []string{p.Title, p.Summary, p.Body, p.Impact, p.Trigger}
	for _, a := range p.ActionItems {
		text = append(text, a.Title)
	}
	seen := map[string]bool{}
	var words []string
	for _, s := range text {
		for _, w := range splitWords(s) {
			lw := strings.ToLower(w)
			if seen[lw] || strings.Contains(allowed, lw) {
				continue
			}
			seen[lw] = true
			words = append(words, w)
		}
	}
	slices.SortFunc(words, func(a, b string) int {
		if la, lb := len([]rune(a)), len([]rune(b)); la != lb {
			return lb - la
		}
		return strings.Compare(a, b)
	})
	return words[:min(n, len(words))]
}

// splitWords splits s into Latin words of seven or more letters and runs of
// three or more Han or Katakana characters.
func splitWords(s string) []string {
	var out []string
	var cur []rune
	kind := 0 // 1 Latin, 2 CJK
	flush := func() {
		if (kind == 1 && len(cur) >= 7) || (kind == 2 && len(cur) >= 3) {
			out = append(out, string(cur))
		}
		cur, kind = cur[:0], 0
	}
	for _, r := range s {
		k := 0
		switch {
		case r < unicode.MaxLatin1 && unicode.IsLetter(r):
			k = 1
		case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Katakana, r) || r == 'ー':
			k = 2
		}
		if k != kind {
			flush()
		}
		if k != 0 {
			cur = append(cur, r)
			kind = k
		}
	}
	flush()
	return out
}

// TestNuHTMLChecker runs the W3C Nu HTML checker over every HTML page of
// the sample site and fails on any error it reports.
func TestNuHTMLChecker(t *testing.T) {
	jar := externalTool(t, "vnu-jar/build/dist/vnu.jar")
	java := javaPath(t)
	site := buildSample(t, generator.Options{})
	dir := writeSite(t, site)
	// A page the checker must find wrong, checked in the same run: a run
	// that reads no file at all (Java unable to open a non-ASCII path
	// under a non-UTF-8 locale, QA 16 A-F1) exits 0 and would pass.
	const canary = "pmkb-canary-invalid.html"
	if err := os.WriteFile(filepath.Join(dir, canary), []byte(invalidPage), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := vnuCommand(java, jar, dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	report := strings.ReplaceAll(out.String(), dir+string(filepath.Separator), "")
	if _, exit := err.(*exec.ExitError); err != nil && !exit {
		t.Fatalf("run %s: %v", jar, err)
	}
	var pages, canaryErrs []string
	for _, l := range strings.Split(strings.TrimSpace(report), "\n") {
		switch {
		case l == "":
		case strings.Contains(l, canary):
			canaryErrs = append(canaryErrs, l)
		default:
			pages = append(pages, l)
		}
	}
	if len(canaryErrs) == 0 {
		t.Errorf("Nu HTML checker (%v) found nothing wrong with %s, so it checked nothing:\n%s", err, canary, report)
	}
	if len(pages) > 0 {
		t.Errorf("Nu HTML checker found errors:\n%s", strings.Join(pages, "\n"))
	}
}

// invalidPage is a page with errors the Nu HTML checker reports (a
// duplicate id, an image without alt).
const invalidPage = `<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p id="a"></p><p id="a"></p><img src="x.png"></body></html>`

// vnuCommand runs the Nu HTML checker over dir, under a UTF-8 locale
// whatever the environment's (LANG unset or C in CI containers): Java
// cannot open a path with non-ASCII letters otherwise (QA 16 A-F1).
func vnuCommand(java, jar, dir string) *exec.Cmd {
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--format", "gnu", "--skip-non-html", dir)
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	return cmd
}

// TestNuHTMLCheckerFindsErrors proves the checker run reports an invalid
// page, so a clean run of the site means something.
func TestNuHTMLCheckerFindsErrors(t *testing.T) {
	jar := externalTool(t, "vnu-jar/build/dist/vnu.jar")
	java := javaPath(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.html"), []byte(invalidPage), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := vnuCommand(java, jar, dir).CombinedOutput()
	if err == nil || !bytes.Contains(out, []byte("Duplicate ID")) {
		t.Errorf("checker on an invalid page: err %v, output:\n%s\nwant a failure naming the duplicate id", err, out)
	}
}

// axePage is one page the accessibility test loads.
type axePage struct {
	kind string // page type, for messages
	path string // URL path under the site root
}

// axePages picks one page of every page type from the sample site, and
// every postmortem page.
func axePages(t testing.TB, kb *model.KnowledgeBase) []axePage {
	t.Helper()
	pages := []axePage{
		{"home", ""},
		{"list", "postmortems/"},
		{"actions", "actions/"},
		{"search", "search/"},
		{"years", "years/"},
		{"severity", "severity/"},
		{"tags", "tags/"},
		{"404", "no/such/page/"},
		{"stats", "stats/"},
		{"cause", "causes/config-change/"},
		{"system with figures", "systems/api-gateway/"},
	}
	var en, ja, system, owner, year, sev, tag string
	for _, p := range kb.Postmortems {
		switch {
		case p.Lang == "ja" && ja == "":
			ja = model.PostmortemPath(p.ID)
		case p.Lang != "ja" && en == "":
			en = model.PostmortemPath(p.ID)
		}
		// A Japanese tag's page, whose path is escaped in links.
		if tag == "" && p.Lang == "ja" && len(p.Tags) > 0 {
			tag = model.TagPath(p.Tags[len(p.Tags)-1])
		}
		if system == "" && len(p.Systems) > 0 {
			system = model.SystemPath(p.Systems[0])
		}
		for _, a := range p.ActionItems {
			if owner == "" && a.Owner != "" {
				owner = model.OwnerPath(a.Owner)
			}
		}
		if year == "" {
			year, sev = model.YearPath(p.Date.Year()), model.SeverityPath(p.Severity)
		}
	}
	for kind, p := range map[string]string{"postmortem (en)": en, "postmortem (ja)": ja, "system": system, "owner": owner, "year": year, "severity level": sev, "tag": tag} {
		if p == "" {
			t.Fatalf("sample site has no %s page", kind)
		}
	}
	pages = append(pages,
		axePage{"postmortem (en)", en}, axePage{"postmortem (ja)", ja}, axePage{"system", system},
		axePage{"owner", owner}, axePage{"year", year}, axePage{"severity level", sev}, axePage{"tag", tag})
	// Postmortem bodies differ in what Markdown they use (tables, task
	// lists, highlighted code), so every one is checked.
	for _, p := range kb.Postmortems {
		if pp := model.PostmortemPath(p.ID); pp != en && pp != ja {
			pages = append(pages, axePage{"postmortem", pp})
		}
	}
	return pages
}

// axeViolation is what the test keeps of an axe-core result.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// failsModerate are the axe rules of moderate impact that TestAccessibility
// fails on too: those the site once broke and no longer does.
// landmark-unique: the stats page's chart regions were named as their
// sections (QA 14 B-F9).
var failsModerate = map[string]bool{"landmark-unique": true}

// TestAccessibility loads one page of every page type, and every
// postmortem, in headless Chromium in light and dark colour schemes, runs
// axe-core and fails on every serious or critical violation, and on the
// moderate ones of failsModerate.
func TestAccessibility(t *testing.T) {
	axePath := externalTool(t, "axe-core/axe.min.js")
	axeJS, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	site := buildSample(t, generator.Options{})
	srv := browsertest.Serve(t, site.Files, nil)
	ctx := browsertest.New(t)
	pages := axePages(t, site.KB)

	for _, scheme := range []string{"light", "dark"} {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		if err != nil {
			t.Fatalf("emulate prefers-color-scheme: %s: %v", scheme, err)
		}
		for _, pg := range pages {
			browsertest.Navigate(t, ctx, srv.URL+pg.path)
			if got := browsertest.Eval[bool](t, ctx, `matchMedia("(prefers-color-scheme: `+scheme+`)").matches`); !got {
				t.Fatalf("colour scheme %s is not in effect", scheme)
			}
			browsertest.Eval[bool](t, ctx, string(axeJS)+"\n;true")
			raw := browsertest.Run(t, ctx, chromedp.Evaluate[string](
				`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`,
				chromedp.EvalAwaitPromise))
			var vs []axeViolation
			if err := json.Unmarshal([]byte(raw), &vs); err != nil {
				t.Fatalf("%s: axe result: %v", pg.path, err)
			}
			for _, v := range vs {
				if v.Impact != "serious" && v.Impact != "critical" && !failsModerate[v.ID] {
					continue
				}
				var nodes []string
				for _, n := range v.Nodes {
					summary := strings.Join(strings.Fields(n.Summary), " ")
					if len(summary) > 160 {
						summary = summary[:160] + "…"
					}
					nodes = append(nodes, fmt.Sprintf("%v: %s", n.Target, summary))
				}
				t.Errorf("%s page /%s, %s scheme: %s [%s] %s — %d nodes:\n\t%s",
					pg.kind, pg.path, scheme, v.ID, v.Impact, v.Help, len(v.Nodes), strings.Join(nodes, "\n\t"))
			}
		}
	}
}

// TestAccessibilityFindsViolations proves the axe run reports a serious
// violation on a page that has one.
func TestAccessibilityFindsViolations(t *testing.T) {
	axePath := externalTool(t, "axe-core/axe.min.js")
	axeJS, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, []generator.File{{Path: "index.html",
		Data: []byte(`<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#eee;background:#fff">faint</p></main></body></html>`)}}, nil)
	ctx := browsertest.New(t)
	browsertest.Navigate(t, ctx, srv.URL)
	browsertest.Eval[bool](t, ctx, string(axeJS)+"\n;true")
	raw := browsertest.Run(t, ctx, chromedp.Evaluate[string](
		`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => v.id + ":" + v.impact)))`,
		chromedp.EvalAwaitPromise))
	for _, want := range []string{"image-alt:critical", "color-contrast:serious"} {
		if !strings.Contains(raw, want) {
			t.Errorf("axe violations %s lack %s", raw, want)
		}
	}
}

// TestSiteWorksFromDisk opens the site written to a folder through file://
// URLs and clicks from the home page to the list and on to a postmortem,
// so relative links must name index.html files.
func TestSiteWorksFromDisk(t *testing.T) {
	site := buildSample(t, generator.Options{})
	dir := writeSite(t, site)
	if len(site.KB.Postmortems) == 0 {
		t.Fatal("no postmortems")
	}
	pm := site.KB.Postmortems[len(site.KB.Postmortems)-1] // the oldest, to click through the list
	ctx := browsertest.New(t)
	root := "file://" + filepath.ToSlash(dir) + "/"
	browsertest.Navigate(t, ctx, root+"index.html")

	click := func(selector, wantSuffix string) {
		t.Helper()
		n := browsertest.Eval[int](t, ctx, fmt.Sprintf(`document.querySelectorAll(%q).length`, selector))
		if n == 0 {
			t.Fatalf("%s: no link %s", browsertest.Eval[string](t, ctx, `location.href`), selector)
		}
		browsertest.Run(t, ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(selector))))
		if got := browsertest.Eval[string](t, ctx, `location.href`); !strings.HasSuffix(got, wantSuffix) {
			t.Fatalf("clicked %s, now at %s; want …%s", selector, got, wantSuffix)
		}
	}
	click(`a[href$="postmortems/index.html"]`, "/postmortems/index.html")
	click(fmt.Sprintf(`main a[href$=%q]`, pm.ID+"/index.html"), "/"+path.Join("postmortems", pm.ID, "index.html"))
	if got := strings.TrimSpace(browsertest.Eval[string](t, ctx, `document.querySelector("h1") ? document.querySelector("h1").textContent : ""`)); got != pm.Title {
		t.Errorf("postmortem page h1 = %q, want %q", got, pm.Title)
	}
	// Stylesheets must load from disk too: a page without its CSS has the
	// browser's default white body margin of 8px.
	sheets := browsertest.Eval[int](t, ctx, `[...document.styleSheets].filter(s => s.href && s.href.startsWith("file:")).length`)
	links := browsertest.Eval[int](t, ctx, `document.querySelectorAll('link[rel="stylesheet"]').length`)
	if links == 0 || sheets != links {
		t.Errorf("postmortem page from disk: %d of %d stylesheets loaded", sheets, links)
	}
}
