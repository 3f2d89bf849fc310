package render

import (
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// hostile is put in every string field of one postmortem: markup that
// would run if any field reached the page unescaped.
const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`

// fixedToday is the build date of the test sites.
var fixedToday = model.Date{Year: 2024, Month: time.April, Day: 10}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func day(y int, m time.Month, d int) model.Date { return model.Date{Year: y, Month: m, Day: d} }

// testKB builds a small knowledge base by hand: a certificate outage with a
// full timeline and action items (one overdue at fixedToday), an earlier
// gateway incident it relates to, a Japanese one, and a hostile one.
func testKB(lang, repository string) *model.KnowledgeBase {
	cfg := model.DefaultSiteConfig()
	cfg.Title = "Acme Postmortems"
	cfg.BaseURL = "https://pm.example.com/kb/"
	cfg.Language = lang
	cfg.Repository = repository
	if lang == "ja" { // a Japanese team's site, like qa7-a's
		cfg.TimeZone = time.FixedZone("JST", 9*60*60)
	}
	cfg.Causes = []model.Term{
		{Slug: "expired-certificate", Name: "Expired certificate", Description: "A TLS certificate ran out."},
		{Slug: "missing-alert", Name: "Missing alert"},
		{Slug: "config-change", Name: "Config change"},
	}
	cfg.Systems = []model.System{
		{Slug: "checkout-api", Name: "Checkout API", Team: "payments", Description: "Takes orders."},
		{Slug: "api-gateway", Name: "API gateway", Team: "platform"},
		{Slug: "billing", Name: "Billing", Team: "payments"},
	}
	cert := &model.Postmortem{
		ID: "2024-03-14-checkout-cert", Path: "content/postmortems/2024/2024-03-14-checkout-cert.md",
		Title:    "Checkout API returned 503 after TLS certificate expired",
		Summary:  "The checkout certificate expired; 40% of checkouts failed.",
		Date:     mustTime("2024-03-14T09:12:00+09:00"),
		Severity: "SEV1", Status: "published",
		Systems: []string{"checkout-api", "api-gateway"}, Teams: []string{"payments"},
		Causes:  []string{"expired-certificate", "missing-alert"},
		Trigger: "certificate-expiry", Detection: "customer-report",
		Commander: "aiko", Authors: []string{"aiko", "ben"}, Tags: []string{"tls"},
		Timeline: model.Timeline{
			Started:   mustTime("2024-03-14T09:12:00+09:00"),
			Detected:  mustTime("2024-03-14T09:31:00+09:00"),
			Mitigated: mustTime("2024-03-14T10:05:00+09:00"),
			Resolved:  mustTime("2024-03-14T10:45:00+09:00"),
		},
		Impact:  "About 40% of checkout attempts failed for 53 minutes.",
		Related: []string{"2023-11-02-gateway-cert-rotation"},
		Lang:    "en",
		ActionItems: []model.ActionItem{
			{ID: "AI-1", Title: "Renew certificates automatically", Owner: "ben", Due: day(2024, 4, 1), Status: "done", Closed: day(2024, 3, 28), Kind: "prevent", Priority: "P1", Link: "https://tracker.example.com/PAY-812"},
			{ID: "AI-2", Title: "Alert 14 days before any certificate expires", Owner: "aiko", Due: day(2024, 3, 29), Status: "open", Kind: "detect", Priority: "P1"},
			{ID: "AI-3", Title: "Write a runbook for certificate rotation", Owner: "Ben", Due: day(2024, 5, 1), Status: "in-progress", Kind: "process"},
		},
		Extra: map[string]any{"customer_ticket": "SECRET-EXTRA-FIELD"},
		HTML:  "<h2 id=\"summary\">Summary</h2>\n<p>The certificate <code>checkout.example.com</code> expired.</p>\n",
	}
	gateway := &model.Postmortem{
		ID: "2023-11-02-gateway-cert-rotation", Path: "content/postmortems/2023/2023-11-02-gateway-cert-rotation.md",
		Title: "Gateway certificate rotation dropped connections", Date: mustTime("2023-11-02T14:00:00Z"),
		Severity: "SEV3", Systems: []string{"api-gateway"}, Teams: []string{"platform"},
		Causes: []string{"config-change"},
		ActionItems: []model.ActionItem{
			{ID: "AI-1", Title: "Drain connections before rotating", Owner: "chen", Due: day(2024, 1, 15), Status: "wont-do", Kind: "mitigate"},
		},
		HTML: "<p>Rotation restarted every gateway at once.</p>\n",
	}
	ja := &model.Postmortem{
		ID: "2024-02-01-billing-batch", Path: "content/postmortems/2024/2024-02-01-billing-batch.md",
		Title: "請求バッチが二重に実行された", Summary: "設定変更により請求バッチが二回走った。",
		Date: mustTime("2024-02-01T03:00:00+09:00"), Severity: "SEV2",
		Systems: []string{"billing"}, Teams: []string{"payments"}, Causes: []string{"config-change"},
		Lang: "ja",
		Timeline: model.Timeline{
			Started:  mustTime("2024-02-01T03:00:00+09:00"),
			Detected: mustTime("2024-02-01T04:33:00+09:00"),
			Resolved: mustTime("2024-02-02T05:40:00+09:00"),
		},
		ActionItems: []model.ActionItem{
			{ID: "AI-1", Title: "バッチに排他ロックを追加する", Owner: "佐藤", Due: day(2024, 4, 9), Status: "open", Kind: "prevent"},
		},
		HTML: "<p>二重実行の詳細。</p>\n",
	}
	evil := &model.Postmortem{
		ID: "2024-01-05-evil", Path: "content/postmortems/2024/2024-01-05-evil.md",
		Title: "Evil " + hostile, Summary: hostile, Date: mustTime("2024-01-05T10:00:00Z"),
		Severity: hostile, Status: hostile, Visibility: hostile, Lang: hostile,
		Systems: []string{hostile}, Teams: []string{hostile}, Causes: []string{hostile},
		Trigger: hostile, Detection: hostile, Commander: hostile, Authors: []string{hostile}, Tags: []string{hostile},
		Impact: hostile, Related: []string{hostile, "2024-03-14-checkout-cert"},
		ActionItems: []model.ActionItem{
			{ID: hostile, Title: hostile, Owner: hostile, Due: day(2024, 2, 1), Status: hostile, Priority: hostile, Kind: hostile, Link: "javascript:alert(3)"},
			{ID: "AI-2", Title: "Link " + hostile, Owner: "dana", Link: `https://x.example.com/"><script>alert(4)</script>`},
		},
		HTML: "<p>escaped body &lt;script&gt;</p>\n",
	}
	return model.New(cfg, fixedToday, []*model.Postmortem{cert, gateway, ja, evil})
}
