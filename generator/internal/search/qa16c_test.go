package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// searchCase is a query and the postmortems it must find, in any order.
type searchCase struct {
	q    string
	want []string
}

// checkThreeEngines runs each case in the three engines (the Go engine
// over the export's index, the CLI over the bleve cache, search.js over the
// export), which must find the postmortems wanted, with the same scores.
func checkThreeEngines(t *testing.T, kb *model.KnowledgeBase, cases []searchCase) {
	t.Helper()
	an, m, dir := goEngine(t, kb)
	ix := cliIndex(t, kb)
	var qs []jsQuery
	for _, tt := range cases {
		qs = append(qs, jsQuery{Q: tt.q})
	}
	js := jsSearch(t, dir, qs, 10)
	for i, tt := range cases {
		want := slices.Sorted(slices.Values(tt.want))
		goRes := goSearch(t, m, an, qs[i], 10)
		cli := cliResult(t, ix, qs[i], 10)
		for _, r := range []struct {
			engine string
			res    jsResult
		}{{"go", goRes}, {"cli", cli}, {"search.js", js[i]}} {
			if got := slices.Sorted(slices.Values(r.res.IDs)); !slices.Equal(got, want) {
				t.Errorf("%q: %s finds %v, want %v", tt.q, r.engine, got, want)
			}
		}
		if !slices.Equal(js[i].Scores, goRes.Scores) || !slices.Equal(cli.Scores, goRes.Scores) {
			t.Errorf("%q: scores go %v, cli %v, search.js %v", tt.q, goRes.Scores, cli.Scores, js[i].Scores)
		}
	}
}

// termsOf is the analysis of text as "term@position[start:end]" words.
func termsOf(a *Analyzer, text string) string {
	var out []string
	for _, tok := range a.Analyze(text) {
		out = append(out, fmt.Sprintf("%s@%d[%d:%d]", tok.Term, tok.Position, tok.Start, tok.End))
	}
	return strings.Join(out, " ")
}

// dottedKB holds the host names, service names and identifiers of
// qa16-c's F2, each in one postmortem's summary (the snippet's text).
func dottedKB() *model.KnowledgeBase {
	pm := func(id, summary string) *model.Postmortem {
		return textPM(id, "en", "Incident "+id, summary, "SEV2", "2026-0"+id[len(id)-1:]+"-01",
			[]string{"dns"}, []string{"capacity"}, "The team reviewed the dashboards.")
	}
	pms := []*model.Postmortem{
		pm("gw-1", "The certificate of api.acme.example and *.api.acme.example expired; status.acme.example said so."),
		pm("dns-2", "A flood of lookups for opensearch-products.search.svc.cluster.local overloaded the resolver."),
		pm("db-3", "The pool was sized by DB_MAX_CONNECTIONS=20 and DB_POOL_MAX_CONNS."),
		pm("tls-4", "Clients failed with CERTIFICATE_VERIFY_FAILED and upstream_reset_before_response_started."),
		pm("ip-5", "Host 10.0.0.2 ran version 1.2.3 of the agent, v1.2.3 of the proxy, on ec2.internal."),
		pm("max-6", "We raised the max connections of the replica."),
		pm("flag-7", "The flag is_enabled was off, and no_such_host was logged."),
		pm("kana-8", "The job batch_データ連携 failed on config_サーバー."),
	}
	return model.New(model.DefaultSiteConfig(), model.Date{Year: 2026, Month: 11, Day: 28}, pms)
}

// TestDottedWordParts checks that a word the segmenter keeps whole across
// "." or "_" is indexed as its parts at consecutive positions, each with
// its own offsets, so that a part or a run of parts finds it (QA 16 C-F2):
// the whole dotted name, analysed the same way, is the phrase of all its
// parts. A word of digits and dots stays whole (an address, a version),
// and so does a dot between two digits inside a word (v1.2.3). A stop
// word among the parts is dropped as it is anywhere else: the parts are
// words (is_enabled is "enabl", and finds "is enabled" as that does).
func TestDottedWordParts(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"api.acme.example", "api@1[0:3] acm@2[4:8] exampl@3[9:16]"},
		{"*.api.acme.example", "api@1[2:5] acm@2[6:10] exampl@3[11:18]"},
		{"DB_MAX_CONNECTIONS=20", "db@1[0:2] max@2[3:6] connect@3[7:18] 20@4[19:21]"},
		{"__init__", "init@1[2:6]"},
		{"10.0.0.2", "10.0.0.2@1[0:8]"},
		{"1.2.3 3.14", "1.2.3@1[0:5] 3.14@2[6:10]"},
		{"v1.2.3", "v1.2.3@1[0:6]"},
		{"ec2.internal", "ec2@1[0:3] intern@2[4:12]"},
		{"___", "___@1[0:3]"},
		{"ａｐｉ．ａｃｍｅ", "api@1[0:9] acm@2[12:24]"},
		{"snake＿case", "snake@1[0:5] case@2[8:12]"},
		{"is_enabled no_such_host", "enabl@1[3:10] host@2[19:23]"},
		{"acme.example's", "acm@1[0:4] exampl@2[5:14]"},
		// A katakana part is a katakana word, paired as one.
		{"abc_サーバー", "abc@1[0:3] サー@2[4:10] ーバ@3[7:16]"},
		{"batch_データ連携", "batch@1[0:5] デー@2[6:12] ータ@3[9:15] タ連@4[12:18] 連携@5[15:21]"},
		{"カタカナ_ソース", "カタ@1[0:6] タカ@2[3:9] カナ@3[6:12] ソー@4[13:19] ース@5[16:22]"},
	} {
		if got := termsOf(a, tt.text); got != tt.want {
			t.Errorf("Analyze(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
	checkThreeEngines(t, dottedKB(), []searchCase{
		{"acme.example", []string{"gw-1"}},
		{"api.acme.example", []string{"gw-1"}},
		{"status.acme.example", []string{"gw-1"}},
		{"acme", []string{"gw-1"}},
		{"opensearch-products", []string{"dns-2"}},
		{"search.svc", []string{"dns-2"}},
		{"cluster.local", []string{"dns-2"}},
		{"opensearch-products.search.svc.cluster.local", []string{"dns-2"}},
		{"MAX_CONNECTIONS", []string{"db-3", "max-6"}},
		{"DB_MAX_CONNECTIONS", []string{"db-3"}},
		{"POOL_MAX_CONNS", []string{"db-3"}},
		{"VERIFY_FAILED", []string{"tls-4"}},
		{"CERTIFICATE_VERIFY_FAILED", []string{"tls-4"}},
		{"reset_before_response_started", []string{"tls-4"}},
		{"10.0.0.2", []string{"ip-5"}},
		{"1.2.3", []string{"ip-5"}},
		{"v1.2.3", []string{"ip-5"}},
		{"ec2", []string{"ip-5"}},
		{"0.0.2", nil},
		// Stop words among the parts go, in documents and queries alike:
		// no_such_host is searched as host.
		{"is_enabled", []string{"flag-7"}},
		{"no_such_host", []string{"flag-7", "ip-5"}},
		// A katakana part is found as any katakana word is.
		{"batch_データ連携", []string{"kana-8"}},
		{"データ連携", []string{"kana-8"}},
		{"データ", []string{"kana-8"}},
		{"config_サーバー", []string{"kana-8"}},
		{"サーバ", []string{"kana-8"}},
	})
}

// TestDottedWordSnippetMarks checks that a snippet marks the parts a query
// matched, from the first part's start to the last one's end, in
// search.js, and that the CLI cuts the same snippet (QA 16 C-F2).
func TestDottedWordSnippetMarks(t *testing.T) {
	dir, ix := bothEngines(t, dottedKB())
	tests := []struct{ q, id, mark string }{
		{"acme.example", "gw-1", "acme.example"},
		{"cluster.local", "dns-2", "cluster.local"},
		{"MAX_CONNECTIONS", "db-3", "MAX_CONNECTIONS"},
		{"VERIFY_FAILED", "tls-4", "VERIFY_FAILED"},
		{"ec2", "ip-5", "ec2"},
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
}

// TestAnalyzerParityParts checks that search.js cuts the same parts as
// bleve, with the same offsets, in words of every shape around the
// separators (QA 16 C-F2).
func TestAnalyzerParityParts(t *testing.T) {
	texts := []string{
		"api.acme.example *.api.acme.example opensearch-products.search.svc.cluster.local",
		"DB_MAX_CONNECTIONS=20 CERTIFICATE_VERIFY_FAILED upstream_reset_before_response_started",
		"10.0.0.2 1.2.3 v1.2.3 python3.11 ec2.internal ip-10-0-0-2.ec2.internal 10.0.0.2.nip.io",
		"__init__ _private trailing_ ___ a__b a._b x_.y 1_000 2026_11_28 v1_2 a1.2b",
		"ａｐｉ．ａｃｍｅ snake＿case ＤＢ＿ＭＡＸ Ｖ１．２ ａ．１ ｖ１．２．３",
		"acme.example's U.S.A. e.g. node.js foo.bar:baz is_enabled no_such_host it.is",
		"カタカナ_ソース ｶﾀｶﾅ_ｿｰｽ サーバー_1 abc_サーバー x.y\u0301.z é.ü_ö",
		"a.b.c.d.e.f.g.h.i.j.k 𝐚𝐛𝐜.d x🔥.y",
	}
	for _, s := range slices.Clone(texts) {
		texts = append(texts, strings.Fields(s)...)
	}
	compareParity(t, texts, false)
	compareParity(t, texts, true)
}

// TestThousandsSeparators checks that a number written with thousands
// separators is the term of its digits (QA 16 C-F8): 4,000, ４，０００ and
// 4000 find each other, in the three engines. Only commas between groups
// of three digits after a first group of one to three go; a decimal, a
// version or a list of numbers stays as written.
func TestThousandsSeparators(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"4,000", "4000@1[0:5]"},
		{"４，０００", "4000@1[0:15]"},
		{"1,234.50", "1234.50@1[0:8]"},
		{"1,000,000", "1000000@1[0:9]"},
		{"3.14 1.2.3", "3.14@1[0:4] 1.2.3@2[5:10]"},
		{"1,2,3", "1,2,3@1[0:5]"},
		{"12,34", "12,34@1[0:5]"},
		{"1234,567", "1234,567@1[0:8]"},
		{"1,0000", "1,0000@1[0:6]"},
		{",000", "000@1[1:4]"},
	} {
		if got := termsOf(a, tt.text); got != tt.want {
			t.Errorf("Analyze(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
	compareParity(t, []string{"4,000", "４，０００", "4,000 and 4000", "1,234.50", "1,000,000", "1,2,3", "12,34",
		"1234,567", "1,0000", ",000", "4,000s", "v4,000", "a_4,000", "４,０００", "4，000", "１，２３４．５"}, false)
	checkThreeEngines(t, model.New(model.DefaultSiteConfig(), model.Date{Year: 2026, Month: 11, Day: 28}, []*model.Postmortem{
		textPM("pool-1", "en", "Pool sized past the database", "The pool asked PgBouncer for 4,000 client connections.",
			"SEV2", "2025-07-08", []string{"orders-db"}, []string{"capacity"}, "The limit was 400 per node."),
		textPM("dash-2", "en", "Dashboard showed the limit", "The dashboard said max=7600 before the restart.",
			"SEV3", "2025-08-01", []string{"orders-db"}, []string{"capacity"}, "No one had looked."),
	}), []searchCase{
		{"4000", []string{"pool-1"}},
		{"4,000", []string{"pool-1"}},
		{"４，０００", []string{"pool-1"}},
		{"4000 connections", []string{"pool-1"}},
		{"400", []string{"pool-1"}},
		{"7600", []string{"dash-2"}},
		{"7,600", []string{"dash-2"}},
	})
}

// TestProlongedMarkHighlight checks that the term of a katakana word whose
// final ー the index drops still spans the whole word, so a snippet marks
// フェイルオーバー whole, not フェイルオーバ and a bare ー (QA 16 C-F12);
// likewise a half-width word whose voiced mark folds into its letter.
func TestProlongedMarkHighlight(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"フェイルオーバー", "フェ@1[0:6] ェイ@2[3:9] イル@3[6:12] ルオ@4[9:15] オー@5[12:18] ーバ@6[15:24]"},
		{"自動フェイルオーバーした", "自動@1[0:6] 動フ@2[3:9] フェ@3[6:12] ェイ@4[9:15] イル@5[12:18] ルオ@6[15:21] オー@7[18:24] ーバ@8[21:30] バし@9[24:33] した@10[30:36]"},
		{"ｻｰﾊﾞｰ", "サー@1[0:6] ーバ@2[3:15]"},
		{"キー", "キ@1[0:6]"},
		{"サーバ", "サー@1[0:6] ーバ@2[3:9]"},
	} {
		if got := termsOf(a, tt.text); got != tt.want {
			t.Errorf("Analyze(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
	compareParity(t, []string{"フェイルオーバー", "自動フェイルオーバーした", "ｻｰﾊﾞｰ", "キー", "ｷｰ", "ﾊﾞｽ", "ﾊﾞ",
		"ﾌｪｲﾙｵｰﾊﾞｰ後", "サーバー証明書", "ユーザー、サーバー。"}, false)
	pm := textPM("2026-08-26-orders-db", "ja", "注文DBの切り替え", "プライマリが応答せず、自動フェイルオーバーした。ユーザーへの影響は3分。",
		"SEV2", "2026-08-26", []string{"orders-db"}, []string{"capacity"}, "手順書どおりに確認した。")
	dir, ix := bothEngines(t, model.New(model.DefaultSiteConfig(), model.Date{Year: 2026, Month: 11, Day: 28}, []*model.Postmortem{pm}))
	tests := []struct{ q, mark string }{
		{"フェイルオーバー", "フェイルオーバー"},
		{"ﾌｪｲﾙｵｰﾊﾞｰ", "フェイルオーバー"},
		{"フェイルオーバ", "フェイルオーバー"},
		{"ユーザ", "ユーザー"},
	}
	var qs []jsQuery
	for _, tt := range tests {
		qs = append(qs, jsQuery{Q: tt.q})
	}
	js := jsSnippets(t, dir, qs, 10)
	for i, tt := range tests {
		hits := cliSnippets(t, ix, tt.q, 10)
		if len(js[i]) != 1 || len(hits) != 1 {
			t.Errorf("%s: search.js %v, cli %v, want %s", tt.q, js[i], hits, pm.ID)
			continue
		}
		if !slices.Equal(js[i][0].Marks, []string{tt.mark}) {
			t.Errorf("%s: search.js marks %q, want %q", tt.q, js[i][0].Marks, tt.mark)
		}
		if hits[0].Snippet != js[i][0].Text {
			t.Errorf("%s: cli snippet %q, search.js %q", tt.q, hits[0].Snippet, js[i][0].Text)
		}
	}
}

// TestTrackerKeys checks that an action item's tracker key, as its
// postmortem's page shows it (the tracker link's last path segment), is
// searched with the action items' titles (QA 16 C-F7), in the three
// engines; the rest of the link (scheme, host, query) is not indexed.
func TestTrackerKeys(t *testing.T) {
	pm := func(id, link string) *model.Postmortem {
		p := textPM(id, "en", "Incident "+id, "Something broke.", "SEV2", "2026-0"+id[len(id)-1:]+"-01",
			[]string{"search"}, []string{"capacity"}, "The team reviewed the dashboards.")
		p.ActionItems[0].Link = link
		return p
	}
	kb := model.New(model.DefaultSiteConfig(), model.Date{Year: 2026, Month: 11, Day: 28}, []*model.Postmortem{
		pm("disk-1", "https://tracker.example.com/SRCH-201"),
		pm("cert-2", "https://jira.example.com/browse/PAY-812/"),
		pm("stream-3", "https://tracker.example.com/DATA-8876?focus=comments#c1"),
		pm("bare-4", "https://tracker.example.com"),
		pm("none-5", ""),
	})
	for link, want := range map[string]string{
		"https://tracker.example.com/SRCH-201":                    "SRCH-201",
		"https://jira.example.com/browse/PAY-812/":                "PAY-812",
		"https://tracker.example.com/DATA-8876?focus=comments#c1": "DATA-8876",
		"http://tracker.example.com/a/b//":                        "b",
		"https://tracker.example.com":                             "",
		"https://tracker.example.com/":                            "",
		"tracker.example.com/OPS-7":                               "OPS-7",
		"":                                                        "",
	} {
		if got := trackerKey(link); got != want {
			t.Errorf("trackerKey(%q) = %q, want %q", link, got, want)
		}
	}
	checkThreeEngines(t, kb, []searchCase{
		{"SRCH-201", []string{"disk-1"}},
		{"srch-201", []string{"disk-1"}},
		{"PAY-812", []string{"cert-2"}},
		{"DATA-8876", []string{"stream-3"}},
		{"SRCH", []string{"disk-1"}},
		{"tracker", nil},
		{"focus", nil},
		{"https", nil},
	})
}
