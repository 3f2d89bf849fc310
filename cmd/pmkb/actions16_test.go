package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestActionsBaseURLIsTheBuilds checks that `pmkb actions --base-url`
// gives the items the links of a site built with the same --base-url, so
// the command and api/actions.json stay the same bytes (QA 16 D-F9: the
// items carry url, owner_url and team_urls), and that the owner is named
// and linked as the site groups owners.
func TestActionsBaseURLIsTheBuilds(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": qa7PM})
	const base = "https://kb.example.com/障害kb/"
	if code, _, errOut := pmkb(t, "build", "--source", root, "--today", "2026-11-27", "--base-url", base); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	api, err := os.ReadFile(filepath.Join(root, "public", "api", "actions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := pmkb(t, "actions", "--source", root, "--today", "2026-11-27", "--format", "csv", "--base-url", base)
	if code != exitOK {
		t.Fatalf("actions --base-url: exit %d\n%s", code, errOut)
	}
	if out != string(api) {
		t.Errorf("actions --base-url %s differs from the site's api/actions.csv:\n%s\n---\n%s", base, out, api)
	}
	code, out, errOut = pmkb(t, "actions", "--source", root, "--today", "2026-11-27", "--format", "json", "--base-url", base, "--owner", "carol")
	if code != exitOK {
		t.Fatalf("actions --format json: exit %d\n%s", code, errOut)
	}
	var named []struct {
		Owner     string `json:"owner"`
		OwnerName string `json:"owner_name"`
		OwnerURL  string `json:"owner_url"`
		URL       string `json:"url"`
	}
	if err := json.Unmarshal([]byte(out), &named); err != nil {
		t.Fatal(err)
	}
	if len(named) != 3 {
		t.Fatalf("%d items of carol, want 3:\n%s", len(named), out)
	}
	for _, it := range named {
		if it.OwnerName != "carol" || it.OwnerURL != "https://kb.example.com/%E9%9A%9C%E5%AE%B3kb/actions/owners/carol/" {
			t.Errorf("owner %q is named %q at %q, want carol at …/%%E9%%9A%%9C%%E5%%AE%%B3kb/actions/owners/carol/", it.Owner, it.OwnerName, it.OwnerURL)
		}
	}
	if code, _, errOut := pmkb(t, "actions", "--source", root, "--base-url", "//kb.example.com/"); code != exitUsage {
		t.Errorf("actions --base-url //host/: exit %d, want %d\n%s", code, exitUsage, errOut)
	}
}
