package source

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/model"
)

// TestDraftByText checks which files whose front matter does not parse are
// still known to be drafts: a top-level status: draft line in YAML (bare or
// quoted) or TOML (before any table), a "status": "draft" pair directly in
// JSON's outermost object (qa10: a JSON draft's slip failed the build), and
// nothing else — not an indented or commented one, not one in a nested
// object or list, not another status, not a file that parses.
func TestDraftByText(t *testing.T) {
	const badTitle = "title: Incident Report: API Gateway 502s\n"
	tests := []struct {
		name, data string
		want       bool
	}{
		{"yaml bare", "---\n" + badTitle + "status: draft\n---\n", true},
		{"yaml double-quoted", "---\n" + badTitle + "status: \"draft\"\n---\n", true},
		{"yaml single-quoted, comment", "---\n" + badTitle + "status: 'draft'  # for now\n---\n", true},
		{"yaml before the error", "---\nstatus: draft\n" + badTitle + "---\n", true},
		{"yaml published", "---\n" + badTitle + "status: published\n---\n", false},
		{"yaml no status", "---\n" + badTitle + "---\n", false},
		{"yaml indented", "---\n" + badTitle + "meta:\n  status: draft\n---\n", false},
		{"yaml commented out", "---\n" + badTitle + "# status: draft\n---\n", false},
		{"yaml draft in a value", "---\n" + badTitle + "status: draft later\n---\n", false},
		{"yaml parses", "---\ntitle: x\nstatus: draft\n---\n", false},
		{"toml", "+++\ntitle = Incident\nstatus = \"draft\"\n+++\n", true},
		{"toml single-quoted", "+++\ntitle = Incident\nstatus = 'draft'\n+++\n", true},
		{"toml in a table", "+++\ntitle = Incident\n[extra]\nstatus = \"draft\"\n+++\n", false},
		{"toml published", "+++\ntitle = Incident\nstatus = \"published\"\n+++\n", false},
		{"json", "{\n\"title\": Incident,\n\"status\": \"draft\"\n}\n\nbody\n", true},
		{"json trailing comma", "{\n\"title\": \"JSON draft\",\n\"status\": \"draft\",\n\"date\": \"2026-01-02\",\n}\n\nbody\n", true},
		{"json string left open", "{\n\"title\": \"Incident,\n\"tags\": [\"a\", {\"b\": 1}], \"status\" : \"draft\"\n}\n\n", true},
		{"json colon in a string", "{\n\"title\": \"a: {\\\"status\\\": [\",\n\"status\": \"draft\",\n}\n\n", true},
		{"json in an object", "{\n\"title\": Incident,\n\"extra\": {\"status\": \"draft\"}\n}\n\n", false},
		{"json in a list", "{\n\"title\": Incident,\n\"actions\": [{\"status\": \"draft\"}]\n}\n\n", false},
		{"json as a value", "{\n\"title\": \"status\",\n\"x\": \"draft\",\n}\n\n", false},
		{"json published", "{\n\"title\": Incident,\n\"status\": \"published\"\n}\n\n", false},
		{"json draft unquoted", "{\n\"title\": \"x\",\n\"status\": draft\n}\n\n", false},
		{"json draft left open", "{\n\"title\": \"x\",\n\"status\": \"draft\n}\n\n", false},
		{"json parses", "{\n\"title\": \"x\",\n\"status\": \"draft\"\n}\n\n", false},
		// Refused before parsing (QA 20 A-F3): a byte that is not UTF-8
		// or a NUL anywhere; the file is read as text around it.
		{"yaml latin-1 body", "---\ntitle: x\nstatus: draft\n---\n\nThe caf\xe9 team.\n", true},
		{"yaml latin-1 front matter, CRLF", "\uFEFF---\r\ntitle: caf\xe9\r\nstatus: draft\r\n---\r\n", true},
		{"yaml NUL", "---\nstatus: draft\ntitle: x\x00\n---\n", true},
		{"yaml latin-1 published", "---\ntitle: x\nstatus: published\n---\n\ncaf\xe9\n", false},
		{"yaml latin-1 nested status", "---\ntitle: x\nmeta:\n  status: draft\n---\n\ncaf\xe9\n", false},
		{"yaml latin-1 status in the body", "---\ntitle: x\n---\n\nstatus: draft\ncaf\xe9\n", false},
		{"toml latin-1", "+++\ntitle = \"caf\xe9\"\nstatus = \"draft\"\n+++\n", true},
		{"json latin-1", "{\n\"title\": \"caf\xe9\",\n\"status\": \"draft\"\n}\n\nbody\n", true},
		{"utf-16", "\xff\xfe-\x00-\x00-\x00\n\x00", false},
	}
	cfg := model.DefaultSiteConfig()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			const path = PostmortemDir + "/2026-11-27-x.md"
			files, diags := LoadFiles(fstest.MapFS{path: {Data: []byte(tc.data)}}, &cfg)
			if len(files) != 1 {
				t.Fatalf("got %d files", len(files))
			}
			if got := files[0].DraftByText; got != tc.want {
				t.Errorf("DraftByText = %v, want %v (PM nil: %v)\n%s", got, tc.want, files[0].PM == nil, diags)
			}
			if files[0].DraftByText && !diags.HasErrors() {
				t.Errorf("a draft by text must keep its syntax error for the caller to grade:\n%s", diags)
			}
			// The metadata cache, which stores what parse returned, says
			// the same.
			meta, _ := LoadMetadata(fstest.MapFS{path: {Data: []byte(tc.data)}}, &cfg, t.TempDir())
			if len(meta) != 1 || meta[0].DraftByText != tc.want {
				t.Errorf("LoadMetadata: %+v, want DraftByText %v", meta, tc.want)
			}
		})
	}
	// One parser answers for each file alone, whatever it parsed before.
	ps := NewParser(&cfg)
	for _, tc := range append(tests, tests...) {
		if _, got, _, _ := ps.parse(PostmortemDir+"/2026-11-27-x.md", []byte(tc.data)); got != tc.want {
			t.Errorf("%s after the others: draftByText = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestOversizedDraftByText checks a draft larger than maxFileBytes, which
// is refused unread, by its status line (QA 20 A-F3): a draft, unless the
// line is past what draftByBytes reads.
func TestOversizedDraftByText(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	cfg.MaxFileBytes = 1 << 10
	log := strings.Repeat("2026-11-27T10:00:00Z GET /health 200\n", 100)
	for _, tc := range []struct {
		name, data string
		want       bool
	}{
		{"draft", "---\ntitle: x\nstatus: draft\n---\n\n" + log, true},
		{"published", "---\ntitle: x\nstatus: published\n---\n\n" + log, false},
		{"front matter past the sniff", "---\ntitle: x\nnotes: |\n" + strings.Repeat("  "+log, draftSniffBytes/len(log)+1) + "status: draft\n---\n", false},
	} {
		const path = PostmortemDir + "/2026-11-27-x.md"
		files, diags := LoadFiles(fstest.MapFS{path: {Data: []byte(tc.data)}}, &cfg)
		if len(files) != 1 || files[0].DraftByText != tc.want || !diags.HasErrors() {
			t.Errorf("%s: %+v, want DraftByText %v and the size error\n%s", tc.name, files, tc.want, diags)
		}
	}
}

// TestUnloadedFileID checks File.ID of a file that does not load (qa9-a
// #2): its top-level id line (YAML, TOML) when one is there, else its name;
// LoadMetadata says the same.
func TestUnloadedFileID(t *testing.T) {
	const badTitle = "title: Incident Report: API Gateway 502s\n"
	tests := []struct{ name, data, want string }{
		{"yaml name", "---\n" + badTitle + "---\n", "2026-11-27-x"},
		{"yaml id", "---\n" + badTitle + "id: gateway-502s\n---\n", "gateway-502s"},
		{"yaml quoted id", "---\nid: \"gateway-502s\"  # set by hand\n" + badTitle + "---\n", "gateway-502s"},
		{"yaml indented id", "---\n" + badTitle + "meta:\n  id: other\n---\n", "2026-11-27-x"},
		{"yaml id in the body", "---\n" + badTitle + "---\n\nid: other\n", "2026-11-27-x"},
		{"toml id", "+++\ntitle = Incident\nid = \"gateway-502s\"\n+++\n", "gateway-502s"},
		{"toml id in a table", "+++\ntitle = Incident\n[extra]\nid = \"other\"\n+++\n", "2026-11-27-x"},
		{"json id", "{\n\"title\": Incident,\n\"id\": \"gateway-502s\"\n}\n", "gateway-502s"},
		{"json id in an object", "{\n\"title\": Incident,\n\"extra\": {\"id\": \"other\"}\n}\n", "2026-11-27-x"},
		{"json id not an id", "{\n\"title\": Incident,\n\"id\": \"a b\"\n}\n", "2026-11-27-x"},
		{"no front matter", "# x\n", "2026-11-27-x"},
		{"loads", "---\ntitle: x\nid: loaded\n---\n", "loaded"},
	}
	cfg := model.DefaultSiteConfig()
	for _, tc := range tests {
		fsys := fstest.MapFS{PostmortemDir + "/2026-11-27-x.md": {Data: []byte(tc.data)}}
		files, _ := LoadFiles(fsys, &cfg)
		meta, _ := LoadMetadata(fsys, &cfg, t.TempDir())
		if len(files) != 1 || files[0].ID != tc.want || len(meta) != 1 || meta[0].ID != tc.want {
			t.Errorf("%s: LoadFiles %+v, LoadMetadata %+v; want ID %q", tc.name, files, meta, tc.want)
		}
	}
}
