// Package actionstest builds a small, hand-made knowledge base whose
// action-item figures are known, for the tests of actions, export and
// notify. Its today is 2024-05-10.
package actionstest

import (
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// Today is the fixture's today.
var Today = model.Date{Year: 2024, Month: time.May, Day: 10}

func day(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Postmortems returns the fixture's postmortems, fresh on every call.
//
// Known facts as of Today: 10 items; 5 open, 1 in progress, 3 done, 1
// wont-do; 3 overdue (42, 9 and 1 days); an item due today (not overdue);
// a wont-do item past due (not overdue); a done item without a due date; a
// done-late item; owners "aiko"/"Aiko" share a slug.
func Postmortems() []*model.Postmortem {
	return []*model.Postmortem{
		{
			ID:        "2024-03-14-checkout-cert",
			Path:      "content/postmortems/2024/2024-03-14-checkout-cert.md",
			Title:     "Checkout API returned 503 after TLS certificate expired",
			Summary:   "The checkout API's certificate expired & nobody was alerted.",
			Date:      at("2024-03-14T09:12:00+09:00"),
			Severity:  "SEV1",
			Status:    model.StatusPublished,
			Systems:   []string{"checkout-api", "api-gateway"},
			Teams:     []string{"payments"},
			Causes:    []string{"expired-certificate", "missing-alert"},
			Trigger:   "certificate-expiry",
			Detection: "customer-report",
			Commander: "aiko",
			Authors:   []string{"aiko", "ben"},
			Timeline: model.Timeline{
				Started:   at("2024-03-14T09:12:00+09:00"),
				Detected:  at("2024-03-14T09:31:00+09:00"),
				Mitigated: at("2024-03-14T10:05:00+09:00"),
				Resolved:  at("2024-03-14T11:40:00+09:00"),
			},
			Impact:     "About 40% of checkout attempts failed for 53 minutes.",
			Visibility: model.VisibilityInternal,
			Lang:       "en",
			ActionItems: []model.ActionItem{
				{ID: "AI-1", Title: "Renew certificates automatically", Owner: "ben", Due: day("2024-04-01"),
					Status: model.ActionDone, Closed: day("2024-03-28"), Kind: "prevent",
					Link: "https://tracker.example.com/PAY-812"},
				{ID: "AI-2", Title: "Alert 14 days before any certificate expires", Owner: "aiko",
					Due: day("2024-03-29"), Status: model.ActionOpen, Kind: "detect", Priority: "P1"},
				{ID: "AI-3", Title: "Write the certificate runbook", Owner: "aiko", Due: day("2024-05-10"),
					Status: model.ActionInProgress, Kind: "process"},
				{ID: "AI-4", Title: "Buy a second CA", Owner: "ben", Due: day("2024-04-01"),
					Status: model.ActionWontDo, Closed: day("2024-04-02"), Kind: "prevent"},
			},
		},
		{
			ID:         "2024-04-20-dns",
			Path:       "content/postmortems/2024/2024-04-20-dns.md",
			Title:      "DNS 解決の失敗で決済が停止",
			Date:       at("2024-04-20T22:00:00+09:00"),
			Severity:   "SEV2",
			Status:     model.StatusPublished,
			Systems:    []string{"dns"},
			Teams:      []string{"platform", "payments"},
			Causes:     []string{"dns", "config-change"},
			Related:    []string{"2024-03-14-checkout-cert"},
			Visibility: model.VisibilityPublic,
			Lang:       "ja",
			Extra: map[string]any{
				"customer_ticket": "CS-1234",
				"source":          map[string]any{"tool": "pagerduty", "ids": []any{1, 2}},
			},
			ActionItems: []model.ActionItem{
				{ID: "AI-1", Title: "キャッシュの TTL を見直し、ネガティブキャッシュの上限を設定する（全リージョン）", Owner: "Aiko",
					Due: day("2024-05-01"), Status: model.ActionOpen, Priority: "P1", Kind: "mitigate"},
				{ID: "AI-2", Title: "Document the resolver fallback", Owner: "carol",
					Status: model.ActionDone, Closed: day("2024-04-25"), Kind: "process"},
				{ID: "AI-3", Title: "Add a resolver health check", Owner: "carol", Due: day("2024-04-22"),
					Status: model.ActionDone, Closed: day("2024-04-30"), Kind: "detect"},
				{ID: "AI-4", Title: "<script>alert(1)</script>, \"quoted\"; semi\\colon\nsecond line <!channel> & co",
					Owner: "dave", Status: model.ActionOpen, Link: "https://tracker.example.com/browse?id=1&x=<2>"},
				{ID: "AI-5", Title: "Rotate the resolver keys", Owner: "dave", Due: day("2024-05-15"),
					Status: model.ActionOpen, Priority: "P2", Kind: "prevent"},
			},
		},
		{
			ID:         "2024-05-09-disk",
			Path:       "content/postmortems/2024/2024-05-09-disk.md",
			Title:      "Disk full on the primary database",
			Date:       at("2024-05-09T03:00:00Z"),
			Severity:   "SEV3",
			Status:     model.StatusPublished,
			Systems:    []string{"db"},
			Causes:     []string{"disk-full"},
			Visibility: model.VisibilityInternal,
			ActionItems: []model.ActionItem{
				{ID: "AI-1", Title: "=HYPERLINK(\"http://evil.example\",\"click\")", Owner: "eve",
					Due: day("2024-05-09"), Status: model.ActionOpen, Kind: "process"},
			},
		},
	}
}

// KB returns the fixture knowledge base with the default site config and
// the given base URL.
func KB(baseURL string) *model.KnowledgeBase {
	cfg := model.DefaultSiteConfig()
	cfg.BaseURL = baseURL
	cfg.Title = "Acme postmortems"
	return model.New(cfg, Today, Postmortems())
}
