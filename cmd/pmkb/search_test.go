package main

import (
	"strings"
	"testing"
)

// TestSearchQA5 covers pmkb search findings of QA round 5: drafts on
// request, a negative --limit, the prefix retry and its hint, and typo
// suggestions.
func TestSearchQA5(t *testing.T) {
	draft := strings.NewReplacer("title: Search index disk filled up", "title: Relevance model rollout\nstatus: draft",
		"The disk filled up.", "The relevance model was deployed.").Replace(okPM)
	if draft == okPM || !strings.Contains(draft, "status: draft") {
		t.Fatal("the draft fixture did not change")
	}
	root := site(t, map[string]string{"content/postmortems/disk.md": okPM, "content/postmortems/draft.md": draft})

	// B#13: drafts are searched only with --drafts.
	if code, out, _ := pmkb(t, "search", "--source", root, "relevance"); code != 0 || !strings.HasPrefix(out, `no postmortem matches "relevance"`) {
		t.Errorf("without --drafts: exit %d\n%s", code, out)
	}
	if code, out, errOut := pmkb(t, "search", "--source", root, "--drafts", "relevance"); code != 0 || !strings.Contains(out, "/postmortems/draft/") || !strings.HasSuffix(out, "\n1 postmortem\n") {
		t.Errorf("--drafts: exit %d\n%s%s", code, out, errOut)
	}
	// The draft-less cache was not changed by the --drafts run.
	if code, out, _ := pmkb(t, "search", "--source", root, "relevance"); code != 0 || !strings.HasPrefix(out, "no postmortem matches") {
		t.Errorf("without --drafts after --drafts: exit %d\n%s", code, out)
	}

	// B#17: --limit takes 0 for all, not a negative number.
	if code, _, errOut := pmkb(t, "search", "--source", root, "--limit", "-1", "disk"); code != exitUsage || !strings.Contains(errOut, "--limit -1") {
		t.Errorf("--limit -1: exit %d\n%s", code, errOut)
	}

	// B#1: a word ("searc") that is in no postmortem is retried as a prefix, and
	// the output says so above the hits.
	code, out, _ := pmkb(t, "search", "--source", root, "searc")
	if code != 0 || !strings.HasPrefix(out, "hint: no exact match; showing words starting with \"searc\"\n 1. ") {
		t.Errorf("searc: exit %d\n%s", code, out)
	}

	// B#11: a typo gets the nearest word of the index.
	code, out, _ = pmkb(t, "search", "--source", root, "diks")
	if code != 0 || !strings.Contains(out, `hint: no postmortem has the word "diks"; did you mean "disk"?`) {
		t.Errorf("diks: exit %d\n%s", code, out)
	}
}
