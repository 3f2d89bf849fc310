package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// ignorableText is QA 21 F7's body: words with a ZERO WIDTH SPACE, a SOFT
// HYPHEN, a WORD JOINER and a ZERO WIDTH NO-BREAK SPACE inside, as text
// pasted from a wiki, a chat, a word processor or a PDF carries them.
const ignorableText = "The conn\u200bpool was exhausted; the fail\u00adover took long; read\u2060only replica; word\u200bjoined; by\ufefftes and non\u200cjoiner."

// ignorableKB holds ignorableText, one postmortem that writes the words
// plainly, and one that writes "fail over" apart.
func ignorableKB() *model.KnowledgeBase {
	pm := func(id, summary string) *model.Postmortem {
		return textPM(id, "en", "Incident "+id, summary, "SEV2", "2026-0"+id[len(id)-1:]+"-01",
			[]string{"dns"}, []string{"capacity"}, "The team reviewed the dashboards.")
	}
	return model.New(model.DefaultSiteConfig(), model.Date{Year: 2026, Month: 11, Day: 28}, []*model.Postmortem{
		pm("paste-1", ignorableText),
		pm("plain-2", "The failover of the readonly replica was slow."),
		pm("apart-3", "Did the primary fail? Over an hour later it did."),
		pm("kana-4", "サー\u00adバーのフェイル\u200bオーバーが遅れた。"),
		// A snippet cut from a long text, analysed only as far as needed.
		pm("long-5", strings.Repeat("pre\u00adamble word\u200bs ", 40)+"the turn\u00adover stopped "+strings.Repeat("after\u200bword ", 40)),
	})
}

// TestIgnorableCharacters checks that the invisible format characters
// inside a word are left out before it is segmented, in documents and
// queries, in the three engines alike (QA 21 F7): fail<SHY>over is the
// word failover, found by failover (it found nothing, and the site's index
// held "fail\u00adov", which the CLI's query split), conn<ZWSP>pool by
// connpool, and a query that carries them finds what it finds without
// them. Each term keeps the offsets of the text, the invisible
// characters inside it included, those around it not.
func TestIgnorableCharacters(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"fail\u00adover", "failov@1[0:10]"},
		{"conn\u200bpool", "connpool@1[0:11]"},
		{"read\u2060only", "readonli@1[0:11]"},
		{"x\u200c\u200dy\ufeffz", "xyz@1[0:12]"},
		{"\u200bfoo\u200b bar\u00ad", "foo@1[3:6] bar@2[10:13]"},
		{"障\u200b害", "障害@1[0:9]"},
		{"サー\u00adバー", "サー@1[0:6] ーバ@2[3:14]"},
		{"ﾊ\u200bﾞｲ", "バイ@1[0:12]"},
		{"４\u200b０００", "4000@1[0:15]"},
		{"api\u200b.acme", "api@1[0:3] acm@2[7:11]"},
		{"👨\u200d👩\u200d👧 ok", "ok@1[19:21]"},
		{"\u00ad\u200b\u2060", ""},
	} {
		if got := termsOf(a, tt.text); got != tt.want {
			t.Errorf("Analyze(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
	checkThreeEngines(t, ignorableKB(), []searchCase{
		{"failover", []string{"paste-1", "plain-2"}},
		{"connpool", []string{"paste-1"}},
		{"readonly", []string{"paste-1", "plain-2"}},
		{"wordjoined", []string{"paste-1"}},
		{"bytes", []string{"paste-1"}},
		{"nonjoiner", []string{"paste-1"}},
		{"fail\u00adover", []string{"paste-1", "plain-2"}},
		{"conn\u200bpool", []string{"paste-1"}},
		{`"fail over"`, []string{"apart-3"}},
		{"pool", nil},
		{"サーバー", []string{"kana-4"}},
		{"フェイルオーバー", []string{"kana-4"}},
	})
}

// TestAnalyzerParityIgnorable checks that search.js leaves out the same
// invisible characters as bleve, with the same terms, positions and
// offsets, around every kind of word (QA 21 F7).
func TestAnalyzerParityIgnorable(t *testing.T) {
	var texts []string
	for _, c := range []string{"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200b\u00ad"} {
		for _, w := range []string{"fail%sover", "%sfoo", "foo%s", "障%s害", "サー%sバー", "ﾊ%sﾞ", "４%s０", "4,%s000", "a.%sb", "a%s:b", "a_%sb", "it%s's", "e%s\u0301", "🔥%s🔥", "x%s%sy", "%s"} {
			texts = append(texts, strings.ReplaceAll(w, "%s", c))
		}
	}
	texts = append(texts, ignorableText, strings.Join(texts, " "))
	compareParity(t, texts, false)
	compareParity(t, texts, true)
}

// TestIgnorableSnippetMarks checks that the CLI and search.js cut the same
// snippet of a text with invisible characters, marking the word whole,
// also where search.js analyses a long text only as far as the snippet
// needs (QA 21 F7).
func TestIgnorableSnippetMarks(t *testing.T) {
	dir, ix := bothEngines(t, ignorableKB())
	tests := []struct{ q, id, mark string }{
		{"failover", "paste-1", "fail\u00adover"},
		{"connpool", "paste-1", "conn\u200bpool"},
		{"wordjoined", "paste-1", "word\u200bjoined"},
		{"turnover", "long-5", "turn\u00adover"},
		{"turn\u00adover afterword", "long-5", "turn\u00adover"},
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
	agree(t, dir, ix, []jsQuery{{Q: "failover"}, {Q: "fail over"}, {Q: "connpool zzqqxx"}, {Q: "conn\u200bpoo", PrefixLast: true}})
}
