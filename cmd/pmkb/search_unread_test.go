package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSearchNamesUnreadPostmortems is QA 13 F3: pmkb search left out a
// postmortem whose front matter does not parse, the best match, silently
// (exit 0, nothing on stderr). Now it answers from what it can read and
// says on stderr, after the results, which postmortems it could not read,
// with the first error pmkb lint gives, from a cold cache and from a warm
// one alike; once the file is fixed the note goes and the file is found.
// A draft left out is no such postmortem, even one that does not parse,
// unless --drafts asks for drafts.
func TestSearchNamesUnreadPostmortems(t *testing.T) {
	broken := strings.Replace(strings.Replace(okPM, "severity: SEV2", "severity: [SEV2", 1), "title: Search index disk filled up", "title: Log disk filled up", 1)
	brokenDraft := strings.Replace(broken, "title: Log disk filled up", "title: Draft disk\nstatus: draft", 1)
	if !strings.Contains(broken, "[SEV2") || !strings.Contains(brokenDraft, "status: draft") {
		t.Fatal("fixtures did not change")
	}
	root := site(t, map[string]string{
		"content/postmortems/disk.md":  okPM,
		"content/postmortems/logs.md":  broken,
		"content/postmortems/draft.md": brokenDraft,
	})
	const note = "note: 1 postmortem could not be read and is not searched (pmkb lint explains it):\n"

	// The line that names the file is lint's first error for it, as
	// path:line: message.
	_, lintOut, lintErr := pmkb(t, "lint", "--source", root)
	var first string
	for _, l := range strings.Split(lintOut+lintErr, "\n") {
		if pre, msg, ok := strings.Cut(l, "content/postmortems/logs.md:4: error: "); ok { // the path as lint shows it: from here
			msg, _, _ = strings.Cut(msg, " [")
			first = pre + "content/postmortems/logs.md:4: " + msg
			break
		}
	}
	if first == "" || !strings.Contains(first, "invalid YAML") {
		t.Fatalf("pmkb lint gives no error at content/postmortems/logs.md:4:\n%s%s", lintOut, lintErr)
	}
	wantNote := note + "  " + first + "\n"

	for _, run := range []string{"cold", "warm"} {
		code, out, errOut := pmkb(t, "search", "--source", root, "disk")
		if code != exitOK || !strings.Contains(out, "content/postmortems/disk.md") || !strings.HasSuffix(out, "\n1 postmortem\n") || errOut != wantNote {
			t.Errorf("%s: exit %d\n%s--- stderr:\n%s--- want stderr:\n%s", run, code, out, errOut, wantNote)
		}
	}
	// --json: the document names it too; the note is on stderr all the same.
	code, out, errOut := pmkb(t, "search", "--source", root, "--json", "disk")
	var doc struct {
		Total  int      `json:"total"`
		Unread []string `json:"unread"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != exitOK || doc.Total != 1 || len(doc.Unread) != 1 || doc.Unread[0] != first || errOut != wantNote {
		t.Errorf("--json: exit %d, %v\n%s--- stderr:\n%s", code, err, out, errOut)
	}
	// Nothing found: the note follows the answer on stderr, exit 1 as ever.
	code, out, errOut = pmkb(t, "search", "--source", root, "zqxnothing")
	if code != exitContent || out != "" || !strings.HasPrefix(errOut, `no postmortem matches "zqxnothing"`) || !strings.HasSuffix(errOut, wantNote) {
		t.Errorf("no match: exit %d\n%s--- stderr:\n%s", code, out, errOut)
	}
	// --drafts: the draft the preview leaves out until it is fixed is
	// named as well (its own cache, built cold, then warm).
	for _, run := range []string{"cold", "warm"} {
		code, _, errOut := pmkb(t, "search", "--source", root, "--drafts", "disk")
		if code != exitOK || !strings.HasPrefix(errOut, "note: 2 postmortems could not be read and are not searched (pmkb lint explains them):\n  "+first[:strings.Index(first, "logs.md")]+"draft.md:") || !strings.HasSuffix(errOut, "\n  "+first+"\n") {
			t.Errorf("--drafts %s: exit %d\n%s", run, code, errOut)
		}
	}

	// Fixed (a different size, so a different fingerprint): found, no note.
	fixed := strings.Replace(okPM, "title: Search index disk filled up", "title: Log disk filled up again", 1)
	if err := os.WriteFile(filepath.Join(root, "content/postmortems/logs.md"), []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, run := range []string{"refresh", "warm"} {
		code, out, errOut := pmkb(t, "search", "--source", root, "disk")
		if code != exitOK || !strings.Contains(out, "content/postmortems/logs.md") || !strings.HasSuffix(out, "\n2 postmortems\n") || errOut != "" {
			t.Errorf("fixed, %s: exit %d\n%s--- stderr:\n%s", run, code, out, errOut)
		}
	}
	code, out, errOut = pmkb(t, "search", "--source", root, "--json", "disk")
	if code != exitOK || strings.Contains(out, `"unread"`) || errOut != "" {
		t.Errorf("fixed, --json: exit %d\n%s--- stderr:\n%s", code, out, errOut)
	}
}

// TestUnreadShownPaths checks that the note names each unread file as
// pmkb lint does, from the current folder (site/content/… for --source
// site), and leaves a line without a .md path as it is (review of
// f76e456: the note said content/… where lint said site/content/…).
func TestUnreadShownPaths(t *testing.T) {
	shown := func(p string) string { return "site/" + p }
	got := unreadShown([]string{
		"content/postmortems/2024/a.md:8: invalid YAML: x.md: y",
		"content/postmortems/b.md: cannot read: permission denied",
		"no path here: z",
	}, shown)
	want := []string{
		"site/content/postmortems/2024/a.md:8: invalid YAML: x.md: y",
		"site/content/postmortems/b.md: cannot read: permission denied",
		"no path here: z",
	}
	if !slices.Equal(got, want) {
		t.Errorf("unreadShown:\n got %q\nwant %q", got, want)
	}
}
