package source_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestPageLinkToNoPostmortem: a body link written as a postmortem's page
// ("../<id>/", "../<id>/index.html#x", the page's address under the
// site's baseURL) whose id no postmortem has is warned about at its line,
// as a .md link to a missing file is, with a did-you-mean when an id is
// close; one to a postmortem that exists, or an address on another host,
// is not, but for a #fragment that names no heading of that postmortem,
// checked as for x.md#fragment (QA 16 B-F1).
func TestPageLinkToNoPostmortem(t *testing.T) {
	fsys := fstest.MapFS{
		"content/postmortems/2023/2023-09-05-api-gateway-bug.md": {Data: []byte(linkFront + "## Summary\n\ntarget\n")},
		"content/postmortems/2026/2026-11-10-links.md": {Data: []byte(linkFront + strings.Join([]string{
			"[page](../2023-09-05-api-gateway-bug/)",                                                                                         // 11
			"[idx](../2023-09-05-api-gateway-bug/index.html#summary)",                                                                        // 13
			"[typo](../2023-09-05-api-gateway-bugg/)",                                                                                        // 15
			"[idx typo](../2023-09-05-api-gatway-bug/index.html)",                                                                            // 17
			"[gone](../2019-01-01-something-else)",                                                                                           // 19
			"[full](https://kb.example.com/pm/postmortems/2023-09-05-api-gateway-bug/)",                                                      // 21
			"[full typo](https://kb.example.com/pm/postmortems/2023-09-05-api-gateway-bugg/)",                                                // 23
			"[other site](https://other.example.com/postmortems/2023-09-05-nope/)",                                                           // 25
			"<https://kb.example.com/pm/postmortems/2023-09-05-api-gateway-bugg/index.html>",                                                 // 27
			"[anchor](../2023-09-05-api-gateway-bug/#summary) [page id](../2023-09-05-api-gateway-bug/#h-actions)",                           // 29
			"[no anchor](../2023-09-05-api-gateway-bug/#sumary)",                                                                             // 31
			"[full anchor](https://kb.example.com/pm/postmortems/2023-09-05-api-gateway-bug/#nosuch)",                                        // 33
			"[other anchor](https://other.example.com/postmortems/2023-09-05-api-gateway-bug/#nosuch)",                                       // 35
			"[id in anchor](../2023-09-05-api-gateway-bugg/#2023-09-05-api-gateway-bugg)",                                                    // 37
			"[highlight](../2023-09-05-api-gateway-bug/#:~:text=target) [and heading](../2023-09-05-api-gateway-bug/#summary:~:text=target)", // 39
			"[highlight, no heading](../2023-09-05-api-gateway-bug/#sumary:~:text=target)",                                                   // 41
		}, "\n\n") + "\n")},
	}
	cfg := model.DefaultSiteConfig()
	cfg.BaseURL = "https://kb.example.com/pm/"
	_, diags := source.Load(fsys, &cfg)
	got := map[int]string{}
	for _, d := range diags.Items() {
		if d.Rule != source.RuleBodyLinks {
			continue
		}
		if d.Pos.Path != "content/postmortems/2026/2026-11-10-links.md" {
			t.Errorf("unexpected diagnostic %s", d)
			continue
		}
		got[d.Pos.Line] = d.Message
	}
	want := map[int]string{
		15: `link "../2023-09-05-api-gateway-bugg/" names the page of no postmortem: no postmortem has id "2023-09-05-api-gateway-bugg"; did you mean "../2023-09-05-api-gateway-bug/"?`,
		17: `link "../2023-09-05-api-gatway-bug/index.html" names the page of no postmortem: no postmortem has id "2023-09-05-api-gatway-bug"; did you mean "../2023-09-05-api-gateway-bug/index.html"?`,
		19: `link "../2019-01-01-something-else" names the page of no postmortem: no postmortem has id "2019-01-01-something-else"`,
		23: `link "https://kb.example.com/pm/postmortems/2023-09-05-api-gateway-bugg/" names the page of no postmortem: no postmortem has id "2023-09-05-api-gateway-bugg"; did you mean "https://kb.example.com/pm/postmortems/2023-09-05-api-gateway-bug/"?`,
		27: `link "https://kb.example.com/pm/postmortems/2023-09-05-api-gateway-bugg/index.html" names the page of no postmortem: no postmortem has id "2023-09-05-api-gateway-bugg"; did you mean "https://kb.example.com/pm/postmortems/2023-09-05-api-gateway-bug/index.html"?`,
		31: `link "../2023-09-05-api-gateway-bug/#sumary" names no heading of the postmortem 2023-09-05-api-gateway-bug; did you mean "../2023-09-05-api-gateway-bug/#summary"?`,
		// The id is replaced in the link's path, not in its #fragment
		// (review 16).
		37: `link "../2023-09-05-api-gateway-bugg/#2023-09-05-api-gateway-bugg" names the page of no postmortem: no postmortem has id "2023-09-05-api-gateway-bugg"; did you mean "../2023-09-05-api-gateway-bug/#2023-09-05-api-gateway-bugg"?`,
		// A text fragment (#:~:text=…) is no id; the heading before it
		// is checked (QA 16r b-6).
		41: `link "../2023-09-05-api-gateway-bug/#sumary:~:text=target" names no heading of the postmortem 2023-09-05-api-gateway-bug; did you mean "../2023-09-05-api-gateway-bug/#summary"?`,
		33: `link "https://kb.example.com/pm/postmortems/2023-09-05-api-gateway-bug/#nosuch" names no heading of the postmortem 2023-09-05-api-gateway-bug; a heading's id is its text in lower case, '-' for each space, punctuation left out, as in the repository browser (## What went well is #what-went-well, ## タイムライン is #タイムライン)`,
	}
	for line, w := range want {
		if got[line] != w {
			t.Errorf("line %d:\n got %q\nwant %q", line, got[line], w)
		}
	}
	for line, g := range got {
		if _, ok := want[line]; !ok {
			t.Errorf("line %d: unexpected warning %q", line, g)
		}
	}
}
