package render

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	xhtml "golang.org/x/net/html"

	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const repo = "https://git.example.com/acme/pm/edit/main/"

var testOpts = Options{
	Similar: map[string][]string{"2024-03-14-checkout-cert": {"2024-02-01-billing-batch", "2024-03-14-checkout-cert", "no-such-id"}},
	Repeats: map[string][]Repeated{"2024-03-14-checkout-cert": {{ID: "2023-11-02-gateway-cert-rotation",
		Systems: []string{"api-gateway"}, Causes: []string{"config-change"}, Related: true, Days: 133,
		OpenActions: []OpenAction{{Postmortem: "2023-11-02-gateway-cert-rotation", ID: "AI-9", Title: "Rotate " + hostile,
			Owner: "chen", Kind: "prevent", Status: "open", Due: "2024-01-15", Overdue: true}}}}},
	Terms: map[string]*TermFigures{"systems/api-gateway/": {
		Chart:   &Figure{Src: "assets/favicon.svg", Alt: "Incidents per quarter " + hostile},
		Repeats: 1, ChainsTotal: 2,
		Chains: []Chain{{Label: "api-gateway × " + hostile, IDs: []string{"2023-11-02-gateway-cert-rotation", "2024-03-14-checkout-cert"}}},
		OpenActions: []OpenAction{{Postmortem: "2024-03-14-checkout-cert", ID: "AI-2", Title: "Alert 14 days before any certificate expires",
			Owner: "aiko", Kind: "detect", Status: "open", Due: "2024-03-29", Overdue: true}}}},
}

// site renders kb with the default theme and returns its files by path.
func site(t *testing.T, kb *model.KnowledgeBase, opts Options) map[string][]byte {
	t.Helper()
	files, err := Site(kb, themes.Default(), opts)
	if err != nil {
		t.Fatalf("Site: %v", err)
	}
	if !slices.IsSortedFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) }) {
		t.Errorf("files are not sorted by path")
	}
	m := make(map[string][]byte, len(files))
	for _, f := range files {
		if _, dup := m[f.Path]; dup {
			t.Errorf("file %s emitted twice", f.Path)
		}
		m[f.Path] = f.Data
	}
	return m
}

func fileText(t *testing.T, files map[string][]byte, p string) string {
	t.Helper()
	data, ok := files[p]
	if !ok {
		t.Fatalf("no file %s", p)
	}
	return string(data)
}

// TestGolden compares representative pages with testdata/golden; run with
// -update after an intended change and review the diff.
func TestGolden(t *testing.T) {
	cases := []struct {
		dir, lang string
		pages     []string
	}{
		{"en", "en", []string{
			"index.html", "postmortems/index.html", "postmortems/2024-03-14-checkout-cert/index.html",
			"postmortems/2024-01-05-evil/index.html", "actions/index.html", "actions/owners/aiko/index.html",
			"systems/index.html", "systems/checkout-api/index.html", "teams/payments/index.html",
			"severity/sev1/index.html", "tags/index.html", "tags/tls/index.html", "search/index.html", "404.html", "assets/severity.css",
		}},
		{"ja", "ja", []string{"index.html", "postmortems/2024-03-14-checkout-cert/index.html", "actions/index.html"}},
	}
	for _, c := range cases {
		files := site(t, testKB(c.lang, repo), testOpts)
		for _, p := range c.pages {
			golden := filepath.Join("testdata", "golden", c.dir, filepath.FromSlash(p))
			// An asset's version is its hash (TestAssetURLsCarryContentHash):
			// a change of pmkb.css or search.js changes no golden page.
			got := regexp.MustCompile(`\?v=[0-9a-f]{10}"`).ReplaceAll(files[p], []byte(`?v=HASH"`))
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s/%s differs from its golden file (-want +got):\n%s", c.dir, p, diff)
			}
		}
	}
}

// TestDeterministic renders the same knowledge base twice.
func TestDeterministic(t *testing.T) {
	a := site(t, testKB("en", repo), testOpts)
	b := site(t, testKB("en", repo), testOpts)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

var linkAttr = regexp.MustCompile(`\s(?:href|src|action)="([^"]*)"`)

// TestInternalLinksResolve follows every href, src and form action of every
// HTML file to an output file: relative links from the page's folder, and
// on 404.html absolute links from the base path.
func TestInternalLinksResolve(t *testing.T) {
	for _, baseURL := range []string{"https://pm.example.com/kb/", "/"} {
		kb := testKB("en", repo)
		kb.Config.BaseURL = baseURL
		if checked := checkLinks(t, site(t, kb, testOpts), basePath(baseURL)); checked < 500 {
			t.Errorf("only %d links checked; the link pattern is broken", checked)
		}
	}
}

// TestFragmentsUnforgeable gives content the text of the row root
// placeholder and of the splice markers: it must be shown as written, and
// every link must still resolve.
func TestFragmentsUnforgeable(t *testing.T) {
	kb := testKB("en", repo)
	gw, _ := kb.ByID("2023-11-02-gateway-cert-rotation")
	gw.Title = "Gateway " + rootPlaceholder + " rotation"
	gw.Summary = `<pmkb-rows data-n="0"></pmkb-rows><pmkb-header></pmkb-header>`
	gw.ActionItems[0].Title = "Drain " + rootPlaceholder + ` pmkb-attrs="who"`
	files := site(t, kb, testOpts)
	checkLinks(t, files, basePath(kb.Config.BaseURL))
	for _, p := range []string{"postmortems/index.html", "systems/api-gateway/index.html", "actions/index.html", "actions/owners/chen/index.html"} {
		s := fileText(t, files, p)
		drain := "Drain %7Bpmkb-root%7D/ pmkb-attrs=&#34;who&#34;"
		for _, want := range []string{">Gateway %7Bpmkb-root%7D/ rotation</a>", "&lt;pmkb-rows data-n=&#34;0&#34;&gt;&lt;/pmkb-rows&gt;&lt;pmkb-header&gt;", drain} {
			if (want != drain) == strings.HasPrefix(p, "actions/") {
				continue
			}
			if !strings.Contains(s, want) {
				t.Errorf("%s lacks %q", p, want)
			}
		}
		if strings.Count(s, "<header") != 1 {
			t.Errorf("%s has %d headers", p, strings.Count(s, "<header"))
		}
	}
	checkForgedAttrs(t)
}

// Forged markers for the end of a value rendered in a quoted attribute,
// where a '"' that is not escaped would close the attribute and leave the
// marker among the start tag's attributes: attrsForge ends in a pmkb-attrs
// marker (its closing quote then followed by the attribute's own), and
// rowsForge in a list marker.
const (
	attrsForge = `<pmkb-rows data-n="0"></pmkb-rows> pmkb-attrs="who"`
	rowsForge  = ` pmkb-attrs="when"<pmkb-rows data-n="status"></pmkb-rows>`
)

// checkForgedAttrs ends with a forged marker every value of an action item
// and its postmortem that reaches a quoted attribute of the item's row
// start tag (data-key, data-status, data-owner, data-team, data-systems,
// data-kind, spliced from attribute fragments) or of other fragments (the
// postmortem rows' data-sev, data-systems, data-causes and data-team, the
// open items of a repeat, links by id). No page may have a marker left
// in it, and the item's row must have exactly the attributes it is
// given, wherever it is listed.
func checkForgedAttrs(t *testing.T) {
	t.Helper()
	kb := testKB("en", repo)
	gw, _ := kb.ByID("2023-11-02-gateway-cert-rotation")
	gw.Severity = "SEV3" + rowsForge
	gw.Systems = append(gw.Systems, "edge"+attrsForge)
	gw.Teams = append(gw.Teams, "sre"+rowsForge)
	gw.Causes = append(gw.Causes, "drift"+attrsForge)
	gw.ActionItems = append(gw.ActionItems, model.ActionItem{
		ID: "AI-7" + attrsForge, Title: "Forged" + rowsForge, Owner: "dana" + attrsForge,
		Due: model.Date{Year: 2024, Month: time.February, Day: 1}, Status: "open" + rowsForge,
		Kind: "prevent" + attrsForge, Priority: "P2" + rowsForge,
	})
	item := gw.ActionItems[len(gw.ActionItems)-1]
	opts := testOpts
	opts.Repeats = map[string][]Repeated{"2024-03-14-checkout-cert": {{ID: gw.ID,
		Systems: []string{"edge" + attrsForge}, Causes: []string{"drift" + rowsForge}, Related: true, Days: 133,
		OpenActions: []OpenAction{{Postmortem: gw.ID, ID: item.ID, Title: item.Title, Owner: item.Owner,
			Kind: item.Kind, Status: item.Status, Due: "2024-02-01" + attrsForge, Overdue: true}}}}}
	opts.Terms = map[string]*TermFigures{model.SystemPath(gw.Systems[1]): {
		OpenActions: []OpenAction{{Postmortem: gw.ID, ID: item.ID, Title: item.Title, Owner: item.Owner,
			Kind: item.Kind, Status: item.Status, Due: "2024-02-01" + rowsForge, Overdue: true}}}}
	files := site(t, kb, opts)
	checkLinks(t, files, basePath(kb.Config.BaseURL))
	// The row's start tag (the item is open and overdue on fixedToday).
	want := []xhtml.Attribute{
		{Key: "class", Val: "overdue"},
		{Key: "data-key", Val: gw.ID + "#" + item.ID},
		{Key: "data-status", Val: item.Status},
		{Key: "data-owner", Val: model.Slug(item.Owner)},
		{Key: "data-team", Val: model.Slug(gw.Teams[0]) + " " + model.Slug(gw.Teams[1])},
		{Key: "data-systems", Val: model.Slug(gw.Systems[0]) + " " + model.Slug(gw.Systems[1])},
		{Key: "data-kind", Val: item.Kind},
		{Key: "data-due", Val: "2024-02-01"},
		{Key: "data-overdue", Val: "true"},
	}
	// On its postmortem's page the row is also the item's anchor.
	pmPage := model.PostmortemPath(gw.ID) + "index.html"
	rowPages := []string{"actions/index.html", pmPage, model.OwnerPath(item.Owner) + "index.html"}
	rows := map[string]int{}
	for p, data := range files {
		s := string(data)
		for _, bad := range []string{`pmkb-attrs="`, "<pmkb-rows", "<pmkb-header"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s has a marker %q left in it", p, bad)
			}
		}
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		z := xhtml.NewTokenizer(bytes.NewReader(data))
		for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
			tok := z.Token()
			if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
				continue
			}
			if strings.HasPrefix(tok.Data, "pmkb-") {
				t.Errorf("%s has a <%s> element", p, tok.Data)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "pmkb-") || strings.ContainsAny(a.Key, `"<>`) {
					t.Errorf("%s: <%s> has an attribute %q", p, tok.Data, a.Key)
				}
			}
			if tok.Data == "tr" && slices.Contains(tok.Attr, want[1]) {
				rows[p]++
				w := want
				if p == pmPage {
					w = append([]xhtml.Attribute{{Key: "id", Val: model.ActionAnchor(item.ID)}}, want...)
				}
				if diff := cmp.Diff(w, tok.Attr); diff != "" {
					t.Errorf("%s: the forged item's row has other attributes (-want +got):\n%s", p, diff)
				}
			}
		}
	}
	for _, p := range rowPages {
		if rows[p] != 1 {
			t.Errorf("%s lists the forged item's row %d times, want once", p, rows[p])
		}
	}
}

// checkLinks resolves every internal link of every HTML file of the site
// and returns how many it checked.
func checkLinks(t *testing.T, files map[string][]byte, base string) int {
	t.Helper()
	checked := 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, m := range linkAttr.FindAllStringSubmatch(string(data), -1) {
			raw := html.UnescapeString(m[1])
			u, err := url.Parse(raw)
			if err != nil {
				t.Errorf("%s: bad link %q: %v", p, raw, err)
				continue
			}
			if u.Scheme == "http" || u.Scheme == "https" {
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				t.Errorf("%s: link %q has an unexpected scheme", p, raw)
				continue
			}
			if u.Path == "" { // "#main"
				continue
			}
			var target string
			if strings.HasPrefix(u.Path, "/") {
				if p != "404.html" {
					t.Errorf("%s: absolute link %q (only 404.html may have them)", p, raw)
					continue
				}
				if !strings.HasPrefix(u.Path, base) {
					t.Errorf("%s: link %q is outside base path %q", p, raw, base)
					continue
				}
				target = strings.TrimPrefix(u.Path, base)
			} else {
				if p == "404.html" {
					t.Errorf("404.html: relative link %q breaks at other depths", raw)
				}
				target = path.Join(path.Dir(p), u.Path)
			}
			if strings.HasSuffix(target, "/") || !strings.Contains(path.Base(target), ".") {
				t.Errorf("%s: link %q does not name a file", p, raw)
			}
			checked++
			switch target {
			case "stats/index.html", // the stats page is rendered by the stats package
				feedPath, overdueFeedPath: // and the feeds by package export
				continue
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: link %q -> %s: no such file", p, raw, target)
			}
		}
	}
	return checked
}

// TestEscaping checks that no field of the hostile postmortem reaches any
// page as markup, that a javascript: tracker link is dropped and that
// unknown front-matter fields are not shown.
func TestEscaping(t *testing.T) {
	files := site(t, testKB("en", repo), testOpts)
	evil := fileText(t, files, "postmortems/2024-01-05-evil/index.html")
	if !strings.Contains(evil, "Evil &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;") {
		t.Errorf("the hostile title is not shown escaped on its page")
	}
	for p, data := range files {
		s := string(data)
		for _, bad := range []string{"<script>alert", "<img src=x", "javascript:", "<script>alert(4)", "SECRET-EXTRA-FIELD", "customer_ticket"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q", p, bad)
			}
		}
		if strings.HasSuffix(p, ".html") {
			// Every <script> element is one of ours, loaded from a file.
			for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(s, -1) {
				if !regexp.MustCompile(`^<script src="[./a-z]*assets/[a-z]+\.js\?v=[0-9a-f]{10}" defer>$`).MatchString(m) {
					t.Errorf("%s: unexpected script tag %s", p, m)
				}
			}
			if strings.Contains(s, "<pmkb-") {
				t.Errorf("%s has a splice marker left in it", p)
			}
			if strings.Contains(s, " style=") {
				t.Errorf("%s has an inline style attribute (breaks a strict CSP)", p)
			}
		}
	}
	css := fileText(t, files, "assets/severity.css")
	if strings.Contains(css, "<") || strings.Contains(css, "script") {
		t.Errorf("severity.css carries content: %s", css)
	}
}

// TestEditLink shows "edit this file" only when a repository is configured
// and is an http(s) URL, and never on a public site, whose readers are
// customers: it would name the company's repository (QA 14 D-F3).
func TestEditLink(t *testing.T) {
	const p = "postmortems/2024-03-14-checkout-cert/index.html"
	for _, c := range []struct {
		repo, audience, want string
	}{
		{repo, "", `href="https://git.example.com/acme/pm/edit/main/content/postmortems/2024/2024-03-14-checkout-cert.md"`},
		{repo, model.VisibilityInternal, `href="https://git.example.com/acme/pm/edit/main/content/postmortems/2024/2024-03-14-checkout-cert.md"`},
		{repo, model.VisibilityPublic, ""},
		{"", "", ""},
		{"javascript:alert(1)//", "", ""},
	} {
		opts := testOpts
		opts.Audience = c.audience
		got := fileText(t, site(t, testKB("en", c.repo), opts), p)
		has := strings.Contains(got, `class="edit"`)
		if (c.want != "") != has || (c.want != "" && !strings.Contains(got, c.want)) {
			t.Errorf("repository %q, audience %q: edit link present=%v, want %q", c.repo, c.audience, has, c.want)
		}
		if c.audience == model.VisibilityPublic && strings.Contains(got, "git.example.com") {
			t.Errorf("public page names the repository:\n%s", got)
		}
	}
}

// section returns the HTML between the heading with the given id and the
// end of its section.
func section(t *testing.T, s, id string) string {
	t.Helper()
	i := strings.Index(s, `id="`+id+`"`)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, "</section>"); j >= 0 {
		s = s[:j]
	}
	return s
}

// TestRelatedBothWays lists related incidents on both pages: forward on
// the one that names the other, as a backlink on the other; plus repeats
// and similar incidents, without the page itself or unknown ids.
func TestRelatedBothWays(t *testing.T) {
	files := site(t, testKB("en", repo), testOpts)
	cert := section(t, fileText(t, files, "postmortems/2024-03-14-checkout-cert/index.html"), "h-related")
	gateway := section(t, fileText(t, files, "postmortems/2023-11-02-gateway-cert-rotation/index.html"), "h-related")
	// The related incident is listed as a repeat when it is one
	// (TestRelatedListsEachOnce).
	noRepeats := testOpts
	noRepeats.Repeats = nil
	certForward := section(t, fileText(t, site(t, testKB("en", repo), noRepeats), "postmortems/2024-03-14-checkout-cert/index.html"), "h-related")
	for _, c := range []struct {
		name, html, want string
	}{
		{"forward", certForward, `<h3>This incident refers to</h3>

<ul class="refs">
<li><a class="sev sev-r2" href="../../severity/sev3/index.html">SEV3</a> <bdi><a href="../../postmortems/2023-11-02-gateway-cert-rotation/index.html">`},
		{"backlink", gateway, `<h3>Referred to by</h3>

<ul class="refs">
<li><a class="sev sev-r0" href="../../severity/sev1/index.html">SEV1</a> <bdi><a href="../../postmortems/2024-03-14-checkout-cert/index.html">`},
		{"backlink from the hostile page", cert, `<h3>Referred to by</h3>

<ul class="refs">
<li><a class="sev sev-unknown"`},
		{"repeat", cert, `<h3 id="h-repeats">Repeat of</h3><a class="anchor" href="#h-repeats" aria-label="Link to this section: Repeat of">#</a></div>
<ul class="refs repeats">
<li><a class="sev sev-r2" href="../../severity/sev3/index.html">SEV3</a> <bdi><a href="../../postmortems/2023-11-02-gateway-cert-rotation/index.html">Gateway certificate rotation dropped connections</a></bdi> <time>2023-11-02</time> <span class="why">(same system (API gateway) and cause (Config change); listed in related; 133 days earlier)</span>
<p class="repeat-open">1 action item of that incident was still open when this one happened:</p>`},
		{"repeat's open action, escaped", cert, `<li><span class="kind">Prevent</span> <bdi>Rotate &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#34;&#39;&amp;</bdi> <span class="item-id">#AI-9</span> · <bdi><a href="../../actions/owners/chen/index.html">chen</a></bdi> · Open · Due <time>2024-01-15</time> <strong class="overdue-flag">Overdue</strong></li>`},
		{"similar", cert, `<h3>Similar incidents</h3>

<ul class="refs">
<li><a class="sev sev-r1" href="../../severity/sev2/index.html">SEV2</a> <bdi><a href="../../postmortems/2024-02-01-billing-batch/index.html" lang="ja">請求バッチが二重に実行された</a></bdi> <time>2024-02-01</time></li>
</ul>`},
	} {
		if !strings.Contains(c.html, c.want) {
			t.Errorf("%s: related section lacks\n%s\ngot:\n%s", c.name, c.want, c.html)
		}
	}
	if strings.Count(section(t, fileText(t, files, "postmortems/2024-03-14-checkout-cert/index.html"), "h-related"), "2024-03-14-checkout-cert/index.html") != 0 {
		t.Errorf("the page lists itself as related or similar")
	}
	// Without related ids, repeats or similar entries the section is omitted.
	ja := fileText(t, files, "postmortems/2024-02-01-billing-batch/index.html")
	if strings.Contains(ja, `id="h-related"`) {
		t.Errorf("a postmortem without relations has a related section")
	}
}

// TestRepeatFacts checks that every postmortem page says whether it is a
// repeat when repeats are known, linking to the list of what it repeats,
// and says nothing when they are not.
func TestRepeatFacts(t *testing.T) {
	files := site(t, testKB("en", repo), testOpts)
	for p, want := range map[string]string{
		"postmortems/2024-03-14-checkout-cert/index.html":         `<dt>Repeat incident</dt><dd><a href="#h-repeats">Yes, of 1 earlier incident</a></dd>`,
		"postmortems/2023-11-02-gateway-cert-rotation/index.html": `<dt>Repeat incident</dt><dd>No</dd>`,
	} {
		if s := fileText(t, files, p); !strings.Contains(s, want) {
			t.Errorf("%s lacks %s", p, want)
		}
	}
	ja := site(t, testKB("ja", repo), testOpts)
	if s := fileText(t, ja, "postmortems/2024-03-14-checkout-cert/index.html"); !strings.Contains(s, `<dt>再発</dt><dd><a href="#h-repeats">はい（以前の 1 件のインシデントの再発）</a></dd>`) {
		t.Errorf("ja repeat fact missing")
	}
	// Why it is a repeat, in Japanese: not the field name related:.
	if s := fileText(t, ja, "postmortems/2024-03-14-checkout-cert/index.html"); !strings.Contains(s, `<span class="why">(同じシステム（API gateway）と原因（Config change）、関連するインシデントに記載、本件の 133 日前)</span>`) || strings.Contains(s, "related:") {
		t.Errorf("ja repeat reason is not in Japanese")
	}
	opts := testOpts
	opts.Repeats = nil
	if s := fileText(t, site(t, testKB("en", repo), opts), "postmortems/2023-11-02-gateway-cert-rotation/index.html"); strings.Contains(s, "Repeat incident") {
		t.Errorf("repeat fact shown without repeat data")
	}
}

// TestRepeatNames checks that the reason a postmortem is a repeat names
// the shared systems and causes as the catalog does, in both languages,
// not by their slugs (qa7-a #24); a value outside the catalog is shown as
// written, and names are escaped.
func TestRepeatNames(t *testing.T) {
	opts := testOpts
	opts.Repeats = map[string][]Repeated{"2024-03-14-checkout-cert": {{ID: "2023-11-02-gateway-cert-rotation",
		Systems: []string{"api-gateway", "checkout-api"}, Causes: []string{"config-change", "<b>odd</b>"}, Days: 133}}}
	for lang, want := range map[string]string{
		"en": `<span class="why">(same system (API gateway, Checkout API) and cause (Config change, &lt;b&gt;odd&lt;/b&gt;); 133 days earlier)</span>`,
		"ja": `<span class="why">(同じシステム（API gateway、Checkout API）と原因（Config change、&lt;b&gt;odd&lt;/b&gt;）、本件の 133 日前)</span>`,
	} {
		s := fileText(t, site(t, testKB(lang, repo), opts), "postmortems/2024-03-14-checkout-cert/index.html")
		if !strings.Contains(s, want) {
			t.Errorf("%s: page lacks %s", lang, want)
		}
	}
}

// TestTermFigures checks the small figures of a system page: the chart
// with its text alternative, the repeat chains linking their postmortems
// and the open action items, all escaped; pages without figures have none.
func TestTermFigures(t *testing.T) {
	files := site(t, testKB("en", repo), testOpts)
	s := fileText(t, files, "systems/api-gateway/index.html")
	for _, want := range []string{
		`<h2 id="h-figures">Statistics</h2>`,
		`<img src="../../assets/favicon.svg" alt="Incidents per quarter &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#34;&#39;&amp;">`,
		`<p>1 of these incidents repeats an earlier one.</p>`,
		`<li><span class="chain-label">api-gateway × &lt;script&gt;`,
		`<bdi><a href="../../postmortems/2023-11-02-gateway-cert-rotation/index.html">Gateway certificate rotation dropped connections</a></bdi> <time>2023-11-02</time> → <bdi><a href="../../postmortems/2024-03-14-checkout-cert/index.html">`,
		`<p>… and 1 more chain.</p>`,
		`<caption id="open-caption">1 action item of these incidents not closed</caption>`,
		`<tr class="overdue" data-status="open" data-due="2024-03-29"><th scope="row"><bdi>Alert 14 days before any certificate expires</bdi> <span class="item-id">#AI-2</span></th><td><bdi><a href="../../postmortems/2024-03-14-checkout-cert/index.html">`,
		// Its own class: the repeat list's "open-actions" indents it.
		`<table class="data term-open">`,
		// A chart keeps its width on a phone in a scrolling box, a
		// named group, not a landmark (QA 14 B-F9: TestLandmarkNames).
		`<div class="chart-scroll" role="group" aria-label="Incidents per quarter &lt;script&gt;alert(1)`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("system page lacks %s", want)
		}
	}
	if s := fileText(t, files, "systems/billing/index.html"); strings.Contains(s, "h-figures") {
		t.Errorf("a system without figures has a figures section")
	}
	opts := testOpts
	opts.Terms = map[string]*TermFigures{"causes/config-change/": {Chart: &Figure{Src: "../x.svg"}}}
	if _, err := Site(testKB("en", repo), themes.Default(), opts); err == nil {
		t.Errorf("a chart outside the site: no error")
	}
}

// TestOverdue highlights exactly the open items due before today, on every
// page that lists them, and counts them.
func TestOverdue(t *testing.T) {
	rowOf := regexp.MustCompile(`<tr( class="overdue")? data-key="([^"]*)"[^>]* data-overdue="(true|false)">`)
	for _, c := range []struct {
		today model.Date
		want  []string
	}{
		{fixedToday, []string{"2024-01-05-evil#" + hostile, "2024-02-01-billing-batch#AI-1", "2024-03-14-checkout-cert#AI-2"}},
		{day(2024, 4, 9), []string{"2024-01-05-evil#" + hostile, "2024-03-14-checkout-cert#AI-2"}},
		{day(2024, 1, 1), nil},
	} {
		kb := testKB("en", repo)
		kb.Today = c.today
		files := site(t, kb, testOpts)
		var got []string
		rows := 0
		for _, m := range rowOf.FindAllStringSubmatch(fileText(t, files, "actions/index.html"), -1) {
			rows++
			if (m[1] != "") != (m[3] == "true") {
				t.Errorf("row %s: class and data-overdue disagree", m[2])
			}
			if m[3] == "true" {
				got = append(got, html.UnescapeString(m[2]))
			}
		}
		if rows != 7 {
			t.Errorf("today %s: %d action rows, want 7", c.today, rows)
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("today %s: overdue rows %q, want %q", c.today, got, c.want)
		}
		home := fileText(t, files, "index.html")
		wantCount := `<span class="num" data-overdue-n="` + strconv.Itoa(len(c.want)) + `"`
		if !strings.Contains(home, wantCount) {
			t.Errorf("today %s: home page lacks %q", c.today, wantCount)
		}
		cert := fileText(t, files, "postmortems/2024-03-14-checkout-cert/index.html")
		if got, want := strings.Contains(cert, `<tr id="item-AI-2" class="overdue" data-key="2024-03-14-checkout-cert#AI-2"`), slices.Contains(c.want, "2024-03-14-checkout-cert#AI-2"); got != want {
			t.Errorf("today %s: AI-2 highlighted on its postmortem page = %v, want %v", c.today, got, want)
		}
	}
}

// TestJapaneseUI renders the UI in Japanese and marks bodies in another
// language with their own lang.
func TestJapaneseUI(t *testing.T) {
	ja := site(t, testKB("ja", repo), testOpts)
	cert := fileText(t, ja, "postmortems/2024-03-14-checkout-cert/index.html")
	for _, want := range []string{`<html lang="ja">`, "本文へスキップ", "<dt>検知までの時間</dt><dd>19分</dd>", "<dt>解決までの時間</dt><dd>1時間33分</dd>",
		`<div class="prose" lang="en">`, "このファイルを編集", `data-status="done" data-owner="ben"`, `<span class="status">完了</span>`} {
		if !strings.Contains(cert, want) {
			t.Errorf("Japanese page lacks %q", want)
		}
	}
	if strings.Contains(cert, "Skip to content") || strings.Contains(cert, "Time to detect") {
		t.Errorf("Japanese page has English UI text")
	}
	en := site(t, testKB("en", repo), testOpts)
	billing := fileText(t, en, "postmortems/2024-02-01-billing-batch/index.html")
	if !strings.Contains(billing, `<html lang="en">`) || !strings.Contains(billing, `<div class="prose" lang="ja">`) {
		t.Errorf("a Japanese body on an English site is not marked lang=ja")
	}
	if strings.Contains(fileText(t, en, "postmortems/2024-03-14-checkout-cert/index.html"), `class="prose" lang=`) {
		t.Errorf("a body in the site language carries its own lang")
	}
	// Wherever the Japanese title or summary is shown, it is marked as
	// Japanese (the document <title> aside).
	for p, data := range en {
		s := regexp.MustCompile(`<title>.*</title>`).ReplaceAllString(string(data), "")
		for _, text := range []string{"請求バッチが二重に実行された<", "設定変更により請求バッチが二回走った。<"} {
			if all, marked := strings.Count(s, ">"+text), strings.Count(s, `lang="ja">`+text); all != marked {
				t.Errorf("%s: %d of %d occurrences of %q are not marked lang=ja", p, all-marked, all, text)
			}
		}
	}
	if !strings.Contains(billing, "<dt>Time to resolve</dt><dd>1 d 2 h</dd>") {
		t.Errorf("a resolve time over a day is not shown in days and hours")
	}
}

// TestRootAndCanonical checks the pmkb-root meta of pages at each depth and
// the canonical links.
func TestRootAndCanonical(t *testing.T) {
	files := site(t, testKB("en", repo), testOpts)
	for _, c := range []struct{ page, root, canonical string }{
		{"index.html", "./", "https://pm.example.com/kb/"},
		{"postmortems/index.html", "../", "https://pm.example.com/kb/postmortems/"},
		{"postmortems/2024-03-14-checkout-cert/index.html", "../../", "https://pm.example.com/kb/postmortems/2024-03-14-checkout-cert/"},
		{"actions/owners/aiko/index.html", "../../../", "https://pm.example.com/kb/actions/owners/aiko/"},
		{"actions/owners/佐藤/index.html", "../../../", "https://pm.example.com/kb/actions/owners/%E4%BD%90%E8%97%A4/"},
		{"404.html", "/kb/", ""},
	} {
		s := fileText(t, files, c.page)
		if want := `<meta name="pmkb-root" content="` + c.root + `">`; !strings.Contains(s, want) {
			t.Errorf("%s lacks %s", c.page, want)
		}
		if want := `<link rel="canonical" href="` + c.canonical + `">`; (c.canonical != "") != strings.Contains(s, want) || (c.canonical == "" && strings.Contains(s, `rel="canonical"`)) {
			t.Errorf("%s: canonical want %q", c.page, c.canonical)
		}
		if want := `<script src="` + c.root + `assets/search.js?v=`; !strings.Contains(s, want) {
			t.Errorf("%s does not load search.js as %s", c.page, want)
		}
		if strings.Count(s, "<h1") != 1 {
			t.Errorf("%s has %d h1 elements, want 1", c.page, strings.Count(s, "<h1"))
		}
	}
	kb := testKB("en", repo)
	kb.Config.BaseURL = "/"
	if strings.Contains(string(site(t, kb, testOpts)["index.html"]), "canonical") {
		t.Errorf("a relative base URL gives canonical links")
	}
}

// TestSearchContract checks the DOM the search script relies on, on the
// search page and in the header of every page.
func TestSearchContract(t *testing.T) {
	files := site(t, testKB("en", repo), testOpts)
	s := fileText(t, files, "search/index.html")
	for _, want := range []string{
		`<form id="search-form" role="search"`, `action="index.html" method="get">`,
		`<label for="search-input">`, `<input id="search-input" name="q" type="search" autocomplete="off">`,
		`<div id="search-filters"></div>`, `<p id="search-status" aria-live="polite"></p>`, `<ol id="search-results"></ol>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	header := regexp.MustCompile(`<form class="site-search" role="search" aria-label="[^"]+" action="([^"]*)" method="get"( hidden)?>\s*<label for="site-search-q"[^>]*>[^<]+</label>\s*<input id="site-search-q" name="q" type="search"`)
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		m := header.FindStringSubmatch(string(data))
		if m == nil {
			t.Errorf("%s has no labelled header search form", p)
			continue
		}
		if !strings.HasSuffix(m[1], "search/index.html") {
			t.Errorf("%s: header search goes to %q", p, m[1])
		}
		// The search page has its own box (QA 12 F14).
		if hidden := m[2] != ""; hidden != (p == "search/index.html") {
			t.Errorf("%s: header search form hidden = %v", p, hidden)
		}
	}
}

// TestTheme covers a theme without the site's language, a theme lacking a
// UI string, and a postmortem id that cannot be a folder.
func TestTheme(t *testing.T) {
	kb := testKB("fr", repo)
	if _, err := Site(kb, themes.Default(), Options{}); err == nil || !strings.Contains(err.Error(), `"fr"`) {
		t.Errorf("language without UI strings: err = %v", err)
	}

	theme := fstest.MapFS{}
	def := themes.Default()
	if err := fsCopy(def, theme); err != nil {
		t.Fatal(err)
	}
	theme["i18n/en.json"] = &fstest.MapFile{Data: []byte(`{"skip": "Skip"}`)}
	if _, err := Site(testKB("en", repo), theme, Options{}); err == nil || !strings.Contains(err.Error(), "lacks") {
		t.Errorf("theme lacking strings: err = %v", err)
	}

	kb = testKB("en", repo)
	kb.Postmortems[0].ID = "../escape"
	if _, err := Site(kb, themes.Default(), Options{}); err == nil || !strings.Contains(err.Error(), "cannot name a page") {
		t.Errorf("id with a slash: err = %v", err)
	}
}

// TestI18nKeys keeps the English and Japanese UI strings in step.
func TestI18nKeys(t *testing.T) {
	en, err := loadTranslator(themes.Default(), "en")
	if err != nil {
		t.Fatal(err)
	}
	ja, err := loadTranslator(themes.Default(), "ja")
	if err != nil {
		t.Fatal(err)
	}
	for k := range en.strings {
		// Singular forms (".one") are only for languages that have them.
		if _, ok := ja.strings[k]; !ok && !strings.HasSuffix(k, ".one") {
			t.Errorf("ja.json lacks %q", k)
		}
	}
	for k := range ja.strings {
		if _, ok := en.strings[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
}

// TestStaticFiles copies the theme's static tree to the site root.
func TestStaticFiles(t *testing.T) {
	files := site(t, testKB("en", repo), testOpts)
	for _, p := range []string{"assets/pmkb.css", "assets/chroma.css", "assets/table.js", "assets/actions.js", "assets/search.js", "assets/severity.css"} {
		if _, ok := files[p]; !ok {
			t.Errorf("no %s in the output", p)
		}
	}
}

// TestEmptySite renders a knowledge base without postmortems: every page
// exists with its empty state, but the index of owners, and every link
// resolves.
func TestEmptySite(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	files := site(t, model.New(cfg, fixedToday, nil), Options{})
	checkLinks(t, files, "/")
	home := fileText(t, files, "index.html")
	for _, want := range []string{"No incidents yet.", "No action item is overdue.", `<span class="num">0</span>`} {
		if !strings.Contains(home, want) {
			t.Errorf("empty home page lacks %q", want)
		}
	}
	for _, p := range []string{"postmortems/index.html", "actions/index.html", "systems/index.html", "severity/sev1/index.html", "search/index.html", "404.html"} {
		fileText(t, files, p)
	}
	// No item names an owner, so there is no index of owners to link to.
	if _, ok := files["actions/owners/index.html"]; ok {
		t.Error("an empty site has an index of owners")
	}
}

// TestExtraPages adds a page in the site's layout (as the statistics page
// is added): text escaped, links relative, the nav entry current, bad
// input refused.
func TestExtraPages(t *testing.T) {
	stats := Page{Path: "stats/", Section: "stats", Title: "Statistics " + hostile, Intro: hostile,
		Sections: []Section{
			{Heading: "Causes", Paragraphs: []string{"Most frequent first. " + hostile},
				Figure: &Figure{Src: "assets/favicon.svg", Alt: "Bar chart " + hostile, Caption: "Causes"},
				Table: &DataTable{Caption: "Incidents per cause", Columns: []string{"Cause", "Incidents"}, Numeric: []bool{false, true},
					Rows: [][]Cell{{{Text: "Expired certificate", Link: "causes/expired-certificate/"}, {Text: "1"}}, {{Text: hostile}, {Text: "2"}},
						{{Text: "請求バッチ", Link: "postmortems/2024-02-01-billing-batch/", Lang: "ja"}, {Text: "3", Lang: "x\" onclick=1"}},
						{{Text: "English", Lang: "en"}, {Text: "4"}}}}},
		}}
	opts := testOpts
	opts.Pages = []Page{stats}
	files := site(t, testKB("en", repo), opts)
	if n := checkLinks(t, files, "/kb/"); n < 500 {
		t.Errorf("only %d links checked", n)
	}
	s := fileText(t, files, "stats/index.html")
	for _, want := range []string{
		`<li><a href="../stats/index.html" aria-current="page">Stats</a></li>`,
		`<h1>Statistics &lt;script&gt;`,
		`<img src="../assets/favicon.svg" alt="Bar chart &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#34;&#39;&amp;">`,
		`<th scope="row"><a href="../causes/expired-certificate/index.html">Expired certificate</a></th>`,
		`<th scope="col" data-sort-type="number">Incidents</th>`,
		`<th scope="row" lang="ja"><a href="../postmortems/2024-02-01-billing-batch/index.html">請求バッチ</a></th>
<td>3</td>`,
		`<th scope="row">English</th>`,
		`<link rel="canonical" href="https://pm.example.com/kb/stats/">`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("stats page lacks %s", want)
		}
	}
	if strings.Contains(s, "<script>alert") || strings.Count(s, "<h1") != 1 {
		t.Errorf("stats page: unescaped content or not one h1")
	}

	for _, bad := range []Page{
		{Path: "../x/"}, {Path: "stats"}, {Path: "/stats/"},
		{Path: "stats/", Sections: []Section{{Figure: &Figure{Src: "https://cdn.example.com/x.svg"}}}},
		{Path: "stats/", Sections: []Section{{Table: &DataTable{Columns: []string{"a", "b"}, Rows: [][]Cell{{{Text: "1"}}}}}}},
		{Path: "stats/", Sections: []Section{{Table: &DataTable{Columns: []string{"a"}, Rows: [][]Cell{{{Text: "1", Link: "javascript:alert(1)"}}}}}}},
		{Path: "postmortems/"},
	} {
		opts.Pages = []Page{bad}
		if _, err := Site(testKB("en", repo), themes.Default(), opts); err == nil {
			t.Errorf("page %+v: no error", bad)
		}
	}
}

// TestFigureLimits checks that a postmortem page details at most
// maxRepeatsShown earlier incidents and a term page lists at most
// maxTermOpen open items, saying how many there are in all, whether it is
// given them all or only those it lists and their number (OpenTotal).
func TestFigureLimits(t *testing.T) {
	var pms []*model.Postmortem
	var earlier []Repeated
	var open []OpenAction
	for i := range 8 {
		id := fmt.Sprintf("2024-01-%02d-x", i+1)
		pms = append(pms, &model.Postmortem{ID: id, Path: "content/postmortems/" + id + ".md", Title: "X " + id,
			Date: time.Date(2024, 1, i+1, 0, 0, 0, 0, time.UTC), Severity: "SEV2", Systems: []string{"api"}, Causes: []string{"dns"}})
		if i < 7 {
			earlier = append([]Repeated{{ID: id, Systems: []string{"api"}, Causes: []string{"dns"}, Days: 7 - i}}, earlier...)
		}
	}
	for i := range maxTermOpen + 3 {
		open = append(open, OpenAction{Postmortem: pms[0].ID, ID: fmt.Sprintf("AI-%d", i), Title: "Do it", Owner: "ann", Status: "open"})
	}
	kb := model.New(model.DefaultSiteConfig(), model.Date{Year: 2024, Month: 6, Day: 1}, pms)
	files := site(t, kb, Options{Repeats: map[string][]Repeated{"2024-01-08-x": earlier},
		Terms: map[string]*TermFigures{"systems/api/": {OpenActions: open},
			"causes/dns/": {OpenActions: open[:maxTermOpen], OpenTotal: len(open)}}})
	pm := fileText(t, files, "postmortems/2024-01-08-x/index.html")
	if n := strings.Count(pm, `<span class="why">`); n != maxRepeatsShown {
		t.Errorf("%d earlier incidents detailed; want %d", n, maxRepeatsShown)
	}
	for _, want := range []string{`Yes, of 7 earlier incidents`, `<p>… and 2 more earlier incidents.</p>`, `X 2024-01-07-x`} {
		if !strings.Contains(pm, want) {
			t.Errorf("postmortem page lacks %s", want)
		}
	}
	if strings.Contains(pm, `X 2024-01-02-x</a> <time>2024-01-02</time> <span class="why">`) {
		t.Errorf("an older incident beyond the limit is detailed")
	}
	for _, term := range []string{"systems/api/", "causes/dns/"} {
		page := fileText(t, files, term+"index.html")
		if n := strings.Count(page, `<span class="item-id">#AI-`); n != maxTermOpen {
			t.Errorf("%s: %d open items listed; want %d", term, n, maxTermOpen)
		}
		for _, want := range []string{`23 action items of these incidents not closed`, `<p>The 20 most urgent of 23 action items not closed, overdue first.`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s page lacks %s", term, want)
			}
		}
	}
}

// TestHeadFeedsAndDescription checks what feed readers and link previews
// read from a page's head (QA 12 F9): the Atom feed linked on every page
// from the page's root (the base path on 404.html), the overdue feed on
// the action items' pages only, and a postmortem's summary as its
// description, escaped.
func TestHeadFeedsAndDescription(t *testing.T) {
	const feed = `<link rel="alternate" type="application/atom+xml" href="%sfeed.xml" title="Test KB">`
	const overdue = `<link rel="alternate" type="application/atom+xml" href="%sactions/overdue.xml" title="Test KB: overdue action items">`
	kb := testKB("en", repo)
	kb.Config.Title = "Test KB"
	kb.Config.BaseURL = "https://pm.example.com/kb/"
	files := site(t, kb, testOpts)
	cases := []struct {
		page, root  string
		overdue     bool
		description string // "" for none
	}{
		{"index.html", "./", false, ""},
		{"postmortems/index.html", "../", false, ""},
		{"postmortems/2024-03-14-checkout-cert/index.html", "../../", false, "The checkout certificate expired; 40% of checkouts failed."},
		{"postmortems/2024-01-05-evil/index.html", "../../", false, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#34;&#39;&amp;"},
		{"actions/index.html", "../", true, ""},
		{"actions/owners/ben/index.html", "../../../", true, ""},
		{"systems/index.html", "../", false, ""},
		{"search/index.html", "../", false, ""},
		{"404.html", "/kb/", false, ""},
	}
	for _, c := range cases {
		s := fileText(t, files, c.page)
		head, _, ok := strings.Cut(s, "</head>")
		if !ok {
			t.Fatalf("%s has no </head>", c.page)
		}
		if want := fmt.Sprintf(feed, c.root); strings.Count(head, want) != 1 {
			t.Errorf("%s: head lacks %s", c.page, want)
		}
		if want := fmt.Sprintf(overdue, c.root); strings.Contains(head, want) != c.overdue {
			t.Errorf("%s: overdue feed link %v, want %v", c.page, !c.overdue, c.overdue)
		}
		got := ""
		if _, rest, ok := strings.Cut(head, `<meta name="description" content="`); ok {
			got, _, _ = strings.Cut(rest, `">`)
		}
		if got != c.description {
			t.Errorf("%s: description %q, want %q", c.page, got, c.description)
		}
	}
}
