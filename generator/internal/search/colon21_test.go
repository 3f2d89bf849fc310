package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// colonKB holds words joined by a colon or a middle dot, as an alert or a
// log line writes them (QA 21 F5), and one postmortem that writes redis
// and alpine apart.
func colonKB() *model.KnowledgeBase {
	pm := func(id, summary string) *model.Postmortem {
		return textPM(id, "en", "Incident "+id, summary, "SEV2", "2026-0"+id[len(id)-1:]+"-01",
			[]string{"dns"}, []string{"capacity"}, "The team reviewed the dashboards.")
	}
	pms := []*model.Postmortem{
		pm("rbac-1", "RBAC denied system:serviceaccount:monitoring:grafanaagent on the cluster."),
		pm("img-2", "Pods used image redis:alpine and logged ERROR:upstreamtimeout."),
		pm("arn-3", "The role arn:aws:iam::123456789012:role/deployer lost its policy at 03:12:44."),
		pm("mid-4", "The midone·midtwo job and the hyphen‧point one; ｆｕｌｌ：ｗｉｄｔｈ and small﹕colon and pres︓form."),
		pm("apart-5", "We moved from redis; later we chose an alpine image."),
	}
	return model.New(model.DefaultSiteConfig(), model.Date{Year: 2026, Month: 11, Day: 28}, pms)
}

// TestColonWordParts checks that a word the segmenter keeps whole across a
// colon or another MidLetter character (·, ‧, ︓, ﹕, ：) is indexed as its
// parts at consecutive positions, so that any part or run of parts finds
// it, as a dotted word is (QA 21 F5: grafanaagent, serviceaccount,
// alpine, upstreamtimeout and midtwo found nothing; redis and alpine found
// only the postmortem that writes them apart). The whole word, unquoted
// or quoted, is the phrase of its parts and still finds it; a time
// (03:12:44) stays numbers; system:… typed unquoted is still the system
// filter (no system is named serviceaccount, so it finds nothing), and
// quoted it is words.
func TestColonWordParts(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"system:serviceaccount:monitoring:grafanaagent", "system@1[0:6] serviceaccount@2[7:21] monitor@3[22:32] grafanaag@4[33:45]"},
		{"redis:alpine", "redi@1[0:5] alpin@2[6:12]"},
		{"ERROR:upstreamtimeout", "error@1[0:5] upstreamtimeout@2[6:21]"},
		{"arn:aws:iam::123456789012:role/x", "arn@1[0:3] aw@2[4:7] iam@3[8:11] 123456789012@4[13:25] role@5[26:30] x@6[31:32]"},
		{"03:12:44", "03@1[0:2] 12@2[3:5] 44@3[6:8]"},
		{"midone·midtwo", "midon@1[0:6] midtwo@2[8:14]"},
		{"hyphen‧point", "hyphen@1[0:6] point@2[9:14]"},
		{"pres︓form small﹕colon", "pre@1[0:4] form@2[7:11] small@3[12:17] colon@4[20:25]"},
		{"ｆｕｌｌ：ｗｉｄｔｈ", "full@1[0:12] width@2[15:30]"},
		{"foo.bar:baz_qux", "foo@1[0:3] bar@2[4:7] baz@3[8:11] qux@4[12:15]"},
		{"FATAL: panic:", "fatal@1[0:5] panic@2[7:12]"},
		{"o'clock team's", "o'clock@1[0:7] team@2[8:14]"},
	} {
		if got := termsOf(a, tt.text); got != tt.want {
			t.Errorf("Analyze(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
	checkThreeEngines(t, colonKB(), []searchCase{
		{"grafanaagent", []string{"rbac-1"}},
		{"serviceaccount", []string{"rbac-1"}},
		{"monitoring", []string{"rbac-1"}},
		{"monitoring:grafanaagent", []string{"rbac-1"}},
		{`"system:serviceaccount"`, []string{"rbac-1"}},
		{`"system:serviceaccount:monitoring:grafanaagent"`, []string{"rbac-1"}},
		{"system:serviceaccount", nil},
		{"alpine", []string{"img-2", "apart-5"}},
		{"redis", []string{"img-2", "apart-5"}},
		{"redis:alpine", []string{"img-2"}},
		{"upstreamtimeout", []string{"img-2"}},
		{"ERROR:upstreamtimeout", []string{"img-2"}},
		{"iam", []string{"arn-3"}},
		{"arn:aws:iam::123456789012:role/deployer", []string{"arn-3"}},
		{"123456789012", []string{"arn-3"}},
		{"midtwo", []string{"mid-4"}},
		{"midone·midtwo", []string{"mid-4"}},
		{"point", []string{"mid-4"}},
		{"width", []string{"mid-4"}},
		{"full:width", []string{"mid-4"}},
		{"colon", []string{"mid-4"}},
		{"form", []string{"mid-4"}},
	})
}

// TestAnalyzerParityColon checks that search.js cuts the same parts as
// bleve at each MidLetter character, with the same offsets, in words of
// every shape around them (QA 21 F5).
func TestAnalyzerParityColon(t *testing.T) {
	texts := []string{
		"system:serviceaccount:monitoring:grafanaagent redis:alpine ERROR:upstreamtimeout",
		"arn:aws:iam::123456789012:role/x arn:aws:s3:::bucket 03:12:44 a:1 1:a a::b :a a: ::",
		"midone·midtwo col·lecció hyphen‧point pres︓form small﹕colon ｆｕｌｌ：ｗｉｄｔｈ ａ：１ ano\u0387teleia",
		"foo.bar:baz_qux a:_b a_:b a.:b key:value's x:\u0301y é:ü カタ:カナ abc:サーバー 𝐚:𝐛 x🔥:y",
		"צה\u05f4ל ab\u055fcd don't it's",
	}
	for _, s := range slices.Clone(texts) {
		texts = append(texts, strings.Fields(s)...)
	}
	compareParity(t, texts, false)
	compareParity(t, texts, true)
}

// TestColonSnippetMarks checks that a snippet marks the parts a query
// matched, from the first part's start to the last one's end, in
// search.js, and that the CLI cuts the same snippet (QA 21 F5).
func TestColonSnippetMarks(t *testing.T) {
	dir, ix := bothEngines(t, colonKB())
	tests := []struct{ q, id, mark string }{
		{"grafanaagent", "rbac-1", "grafanaagent"},
		{"monitoring:grafanaagent", "rbac-1", "monitoring:grafanaagent"},
		{"redis:alpine", "img-2", "redis:alpine"},
		{"midtwo", "mid-4", "midtwo"},
	}
	var qs []jsQuery
	for _, tt := range tests {
		qs = append(qs, jsQuery{Q: tt.q})
	}
	js := jsSnippets(t, dir, qs, 10)
	for i, tt := range tests {
		hits := cliSnippets(t, ix, tt.q, 10)
		var snip *jsSnippet
		for k := range js[i] {
			if js[i][k].ID == tt.id {
				snip = &js[i][k]
			}
		}
		if snip == nil || len(hits) == 0 {
			t.Errorf("%s: search.js %v, cli %v, want %s", tt.q, js[i], hits, tt.id)
			continue
		}
		if !slices.Contains(snip.Marks, tt.mark) {
			t.Errorf("%s: search.js marks %q, want %q among them", tt.q, snip.Marks, tt.mark)
		}
		for _, h := range hits {
			if h.ID == tt.id && h.Snippet != snip.Text {
				t.Errorf("%s: cli snippet %q, search.js %q", tt.q, h.Snippet, snip.Text)
			}
		}
	}
	// Hints agree too: the filter of a system no postmortem has.
	agree(t, dir, ix, []jsQuery{{Q: "system:serviceaccount"}, {Q: "sev:SEV1"}, {Q: "redis:alpine zzqqxx"}})
}
