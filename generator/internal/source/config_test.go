package source_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
)

// TestCheckBaseURL proves a base URL with a query or fragment is refused
// (QA 4 #12: "https://x.example/pm/?a=1" gave canonical links ending in
// "?a=1/"), in the config and for --base-url alike.
func TestCheckBaseURL(t *testing.T) {
	for _, tt := range []struct{ url, wantErr string }{
		{"https://x.example/pm/", ""},
		{"http://x.example", ""},
		{"/", ""},
		{"/pm/", ""},
		{"https://x.example/pm/?a=1", `"https://x.example/pm/?a=1" has a query or fragment ("?a=1")`},
		{"https://x.example/pm/?", `has a query or fragment ("?")`},
		{"https://x.example/pm/#top", `has a query or fragment ("#top")`},
		{"/pm/?a=1#b", `has a query or fragment ("?a=1#b")`},
		{"ftp://x.example/", "is not an http(s) URL"},
		{"pm/", "must be an absolute URL"},
	} {
		err := source.CheckBaseURL(tt.url)
		if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("CheckBaseURL(%q) = %v, want %q", tt.url, err, tt.wantErr)
		}
	}
	_, _, diags := source.LoadConfig(fstest.MapFS{"pmkb.toml": {Data: []byte("title = \"x\"\nbaseURL = \"https://x.example/pm/?a=1\"\n")}})
	if got := diags.String(); !strings.Contains(got, `pmkb.toml:2: baseURL "https://x.example/pm/?a=1" has a query or fragment`) {
		t.Errorf("config diagnostics:\n%s", got)
	}
}

// TestLoadConfigWarnsOfIgnoredFiles proves a second config file is not
// ignored without a word (QA 4 #34).
func TestLoadConfigWarnsOfIgnoredFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"pmkb.toml": {Data: []byte("title = \"From TOML\"\n")},
		"pmkb.yaml": {Data: []byte("title: From YAML\n")},
		"pmkb.yml":  {Data: []byte("title: From YML\n")},
	}
	cfg, name, diags := source.LoadConfig(fsys)
	if name != "pmkb.toml" || cfg.Title != "From TOML" {
		t.Errorf("read %s (title %q), want pmkb.toml", name, cfg.Title)
	}
	want := "pmkb.yaml: warning: ignored: the site's config is pmkb.toml, which is read instead; merge the two and delete this one\n" +
		"pmkb.yml: warning: ignored: the site's config is pmkb.toml, which is read instead; merge the two and delete this one\n"
	if got := diags.String(); got != want || diags.HasErrors() {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	// One file: no warning.
	delete(fsys, "pmkb.toml")
	delete(fsys, "pmkb.yml")
	cfg, name, diags = source.LoadConfig(fsys)
	if name != "pmkb.yaml" || cfg.Title != "From YAML" || diags.Len() != 0 {
		t.Errorf("yaml alone: %s %q\n%s", name, cfg.Title, diags)
	}
}
