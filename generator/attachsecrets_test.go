package generator_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// TestAttachmentSecretsBlockTheBuild links a .log holding an AWS key and a
// GitHub token from the public sample postmortem and from a draft (QA6
// #1): every build, public or internal, with or without drafts, fails with
// an error at the log's lines that does not quote the secrets, and so does
// pmkb lint, which also takes the log as a path; a pmkb-lint-ignore comment
// in the log and an allowed fingerprint silence a finding as in a
// postmortem.
func TestAttachmentSecretsBlockTheBuild(t *testing.T) {
	key := "AKIA" + "Z7QF3XKJ4LMN2PQR"
	token := "ghp_" + "k3Jq9ZxT2vLm8RwP5nYb1HcD7sGf4AeU6tQo"
	const pub = "content/postmortems/2024/2024-03-14-checkout-tls-certificate-expired.md"
	const log = "content/postmortems/2024/logs/gateway.log"
	const draft = "content/postmortems/2026/2026-11-20-draft.md"
	src := overlay(t, map[string]string{
		log: "10:57 ERROR 503\n10:57 key=" + key + "\ntoken=" + token + "\n",
		"content/postmortems/2026/logs/draft.txt": "seen: " + token + " # pmkb-lint-ignore secret/github-token\n",
		draft: "---\ntitle: Half written\ndate: 2026-11-20\nstatus: draft\n---\n\nSee [notes](logs/draft.txt) and [log](../2024/logs/gateway.log).\n",
	})
	src[pub] = &fstest.MapFile{Data: append(append([]byte{}, src[pub].Data...), "\nThe [gateway log](logs/gateway.log).\n"...)}
	want := []string{
		log + ":2: possible AWS access key id",
		log + ":3: possible GitHub token",
	}
	check := func(what, diags string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(diags, w) {
				t.Errorf("%s: diagnostics lack %q:\n%s", what, w, diags)
			}
		}
		if strings.Contains(diags, key[4:]) || strings.Contains(diags, token[4:]) {
			t.Errorf("%s: diagnostics quote a secret", what)
		}
		if strings.Contains(diags, "draft.txt") {
			t.Errorf("%s: the silenced finding in draft.txt is reported:\n%s", what, diags)
		}
	}
	for _, opts := range []generator.Options{
		{Audience: generator.AudiencePublic},
		{Audience: generator.AudienceInternal},
		{Drafts: true},
	} {
		opts.Source, opts.Today = src, sampleToday
		site, err := generator.Build(context.Background(), opts)
		if !errors.Is(err, generator.ErrContent) {
			t.Fatalf("build %+v: err = %v, want content errors", opts.Audience, err)
		}
		check("build "+opts.Audience, site.Diagnostics.String())
	}
	for _, paths := range [][]string{nil, {log}, {pub}, {"content/postmortems/2024"}} {
		list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday, Paths: paths})
		if err != nil {
			t.Fatalf("lint %v: %v", paths, err)
		}
		check("lint "+strings.Join(paths, " "), list.String())
		if list.Errors() != len(want) {
			t.Errorf("lint %v: %d errors, want %d", paths, list.Errors(), len(want))
		}
	}

	// Allowing both fingerprints lets the build publish the log.
	var fps []string
	list, _ := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday, Paths: []string{log}})
	for _, d := range list.Items() {
		if _, fp, ok := strings.Cut(d.Message, "(fingerprint "); ok {
			fps = append(fps, `"`+strings.TrimSuffix(fp, ")")+`"`)
		}
	}
	src["pmkb.toml"] = &fstest.MapFile{Data: append(append([]byte{}, src["pmkb.toml"].Data...), "\n[lint]\nallow = ["+strings.Join(fps, ", ")+"]\n"...)}
	site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday, Audience: generator.AudiencePublic})
	if err != nil {
		t.Fatalf("build with %v allowed: %v\n%s", fps, err, site.Diagnostics)
	}
	if _, ok := filesByPath(site)["postmortems/_files/2024/logs/gateway.log"]; !ok {
		t.Error("the allowed log is not published")
	}
}

// opensFS counts the opens of each file of a MapFS; asking for a file's
// information (Stat, Lstat) or a folder's entries does not open it.
type opensFS struct {
	fstest.MapFS
	mu    sync.Mutex
	opens map[string]int
}

func (o *opensFS) Open(name string) (fs.File, error) {
	o.mu.Lock()
	o.opens[name]++
	o.mu.Unlock()
	return o.MapFS.Open(name)
}

// ReadFile opens the file, as fs.ReadFile would without it.
func (o *opensFS) ReadFile(name string) ([]byte, error) {
	f, err := o.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// TestTextAttachmentReadOnce checks that a build reads a linked text
// attachment once, for the secret scan, and publishes the bytes it
// scanned; an image, which is not scanned, is read once to publish it.
func TestTextAttachmentReadOnce(t *testing.T) {
	const pub = "content/postmortems/2024/2024-03-14-checkout-tls-certificate-expired.md"
	const log = "content/postmortems/2024/logs/gateway.log"
	const png = "content/postmortems/2024/images/graph.png"
	src := overlay(t, map[string]string{log: "10:57 ERROR 503\n", png: "PNG"})
	src[pub] = &fstest.MapFile{Data: append(append([]byte{}, src[pub].Data...), "\nThe [gateway log](logs/gateway.log).\n\n![latency](images/graph.png)\n"...)}
	counted := &opensFS{MapFS: src, opens: map[string]int{}}
	site, err := generator.Build(context.Background(), generator.Options{Source: counted, Today: sampleToday})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, site.Diagnostics)
	}
	files := filesByPath(site)
	if got := string(files["postmortems/_files/2024/logs/gateway.log"]); got != "10:57 ERROR 503\n" {
		t.Errorf("published log = %q", got)
	}
	if got := string(files["postmortems/_files/2024/images/graph.png"]); got != "PNG" {
		t.Errorf("published image = %q", got)
	}
	for _, name := range []string{log, png} {
		if n := counted.opens[name]; n != 1 {
			t.Errorf("%s opened %d times, want 1", name, n)
		}
	}
}
