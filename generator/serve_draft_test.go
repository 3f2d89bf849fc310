package generator_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/internal/serve"
)

// TestServeAnswersALeftOutDraft is QA 12 F2: in pmkb serve, the page of a
// draft with a problem (a slip while editing it, or a fresh pmkb new file
// with its TODOs) was the site's 404 "may have been removed". Its address
// now answers 200 with a page in the site's layout that says the draft is
// left out until fixed and lists the problems (escaped), and reloads into
// the real page once the file is fixed; a slip after that shows the last
// render under the overlay of the problems. pmkb build never has either.
func TestServeAnswersALeftOutDraft(t *testing.T) {
	fresh, _, err := generator.NewPostmortem(fstest.MapFS{}, nil, generator.NewOptions{Title: "Fresh template page", Date: sampleToday})
	if err != nil {
		t.Fatal(err)
	}
	const hostile = "Orders <img src=x onerror=alert(1)> DB"
	good := strings.Replace(sessionPM, "severity: SEV2", "status: draft\nseverity: SEV2", 1)
	good = strings.Replace(good, "Orders DB ran out", hostile+" ran out", 1)
	slip := strings.Replace(good, "severity: SEV2", "severity: SEV7", 1)
	base, dir := servedWith(t, generator.Options{Drafts: true}, map[string]string{
		"content/postmortems/ok.md":   sessionPM,
		"content/postmortems/slip.md": slip,
		fresh.Path:                    string(fresh.Data),
	})
	inLayout := []string{`class="site-header"`, "/_pmkb/reload.js", serve.English.DraftPage}

	code, body := fetch(t, base+"postmortems/"+fresh.ID+"/")
	for _, want := range append(inLayout, "<h1>Fresh template page</h1>", fresh.Path+":") {
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET the fresh draft's page = %d, lacks %q:\n%s", code, want, body)
		}
	}
	code, body = fetch(t, base+"postmortems/slip/")
	for _, want := range append(inLayout, "content/postmortems/slip.md:5: warning: in a draft, left out until fixed: unknown severity &#34;SEV7&#34;") {
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET the slipped draft's page = %d, lacks %q:\n%s", code, want, body)
		}
	}
	if strings.Contains(body, "<img src=x") || strings.Contains(body, "Page not found") {
		t.Errorf("the slipped draft's page:\n%s", body)
	}

	slipPath := filepath.Join(dir, "content", "postmortems", "slip.md")
	if err := os.WriteFile(slipPath, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	body = waitFor(t, base+"postmortems/slip/", "The pool was exhausted.")
	if strings.Contains(body, serve.English.DraftPage) || strings.Contains(body, serve.English.Draft) {
		t.Errorf("the fixed draft's page still says it is left out:\n%s", body)
	}

	if err := os.WriteFile(slipPath, []byte(slip), 0o644); err != nil {
		t.Fatal(err)
	}
	body = waitFor(t, base+"postmortems/slip/", "<h2>"+serve.English.Draft+"</h2>")
	for _, want := range []string{"The pool was exhausted.", serve.English.DraftLastGood, "unknown severity &#34;SEV7&#34;"} {
		if !strings.Contains(body, want) {
			t.Errorf("the draft's last render after a second slip lacks %q:\n%s", want, body)
		}
	}

	site, err := generator.Build(context.Background(), generator.Options{Source: os.DirFS(dir), Today: sampleToday, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range site.Files {
		if strings.HasPrefix(f.Path, "postmortems/slip/") || strings.HasPrefix(f.Path, "postmortems/"+fresh.ID+"/") ||
			strings.Contains(string(f.Data), serve.English.DraftPage) {
			t.Errorf("pmkb build --drafts made %s for a left-out draft", f.Path)
		}
	}
}

// fetch GETs url and returns the status and the body.
func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// waitFor GETs url until it answers 200 with want in the body (pmkb serve
// rebuilds after an edit), and returns the body; after a minute it fails
// the test.
func waitFor(t *testing.T, url, want string) string {
	t.Helper()
	var body string
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var code int
		if code, body = fetch(t, url); code == http.StatusOK && strings.Contains(body, want) {
			return body
		}
	}
	t.Fatalf("GET %s never showed %q; last:\n%s", url, want, body)
	return ""
}

// TestServeLeftOutDraftInSiteLanguage checks that on a ja site the page
// that stands for a left-out draft speaks Japanese, from the theme's
// serve.draft* strings, and so does the overlay over its last render.
func TestServeLeftOutDraftInSiteLanguage(t *testing.T) {
	good := strings.Replace(sessionPM, "severity: SEV2", "status: draft\nseverity: SEV2", 1)
	slip := strings.Replace(good, "severity: SEV2", "severity: SEV7", 1)
	base, dir := servedWith(t, generator.Options{Drafts: true}, map[string]string{
		"pmkb.toml":                   "language = \"ja\"\n",
		"content/postmortems/ok.md":   sessionPM,
		"content/postmortems/slip.md": slip,
	})
	code, body := fetch(t, base+"postmortems/slip/")
	for _, want := range []string{"この下書きは、以下の問題を直すまでサイトから外されているため", "<h2 id=\"pmkb-problems\">直す問題</h2>", "unknown severity &#34;SEV7&#34;"} {
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET the draft's page on a ja site = %d, lacks %q:\n%s", code, want, body)
		}
	}
	slipPath := filepath.Join(dir, "content", "postmortems", "slip.md")
	if err := os.WriteFile(slipPath, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, base+"postmortems/slip/", "The pool was exhausted.")
	if err := os.WriteFile(slipPath, []byte(slip), 0o644); err != nil {
		t.Fatal(err)
	}
	body = waitFor(t, base+"postmortems/slip/", "<h2>pmkb: この下書きは直すまでサイトから外されています</h2>")
	if !strings.Contains(body, "この下書きの最後に成功した表示です") || strings.Contains(body, serve.English.DraftLastGood) {
		t.Errorf("the overlay over the draft's last render on a ja site:\n%s", body)
	}
}
