package lint

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// fake returns a deterministic pseudo-random string of n characters from
// alphabet, so the tests hold no real-looking secret literally.
func fake(seed uint32, n int, alphabet string) string {
	b := make([]byte, n)
	x := seed*2654435761 + 12345
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = alphabet[int(x%uint32(len(alphabet)))]
	}
	return string(b)
}

const (
	upper   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	lower   = "abcdefghijklmnopqrstuvwxyz"
	digits  = "0123456789"
	alnum   = upper + lower + digits
	base32  = upper + "234567"
	base64c = alnum + "+/"
	b64url  = alnum + "-_"
)

var today = model.Date{Year: 2026, Month: time.November, Day: 27}

// Secrets used by the cases, built at run time.
var (
	awsKey     = "AKIA" + fake(1, 16, base32)
	awsSecret  = fake(2, 40, base64c)
	ghToken    = "ghp_" + fake(3, 36, alnum)
	ghFine     = "github_pat_" + fake(4, 82, alnum+"_")
	slackBot   = "xoxb-" + fake(5, 12, digits) + "-" + fake(6, 13, digits) + "-" + fake(7, 24, alnum)
	slackApp   = "xapp-1-A" + fake(8, 10, upper+digits) + "-" + fake(9, 13, digits) + "-" + fake(10, 64, "0123456789abcdef")
	slackHook  = "hooks.slack.com/services/T" + fake(11, 8, upper+digits) + "/B" + fake(12, 10, upper+digits) + "/" + fake(13, 24, alnum)
	stripeKey  = "sk_live_" + fake(14, 24, alnum)
	jwt        = b64(`{"alg":"HS256","typ":"JWT"}`) + "." + b64(`{"sub":"4821","name":"svc","iat":1716239022}`) + "." + fake(15, 43, b64url)
	urlPass    = fake(16, 16, alnum)
	connPass   = fake(17, 14, alnum)
	bearer     = fake(18, 32, alnum)
	genericVal = fake(19, 20, lower+digits) + "9Q"
	pemKey     = "-----BEGIN RSA PRIVATE KEY-----\n" + fake(20, 64, base64c) + "\n" + fake(21, 64, base64c) + "\n" + fake(22, 40, base64c) + "\n-----END RSA PRIVATE KEY-----"
)

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// md wraps body lines in a minimal YAML front-matter.
func md(body ...string) string {
	return "---\ntitle: Test\nstatus: published\n---\n\n" + strings.Join(body, "\n") + "\n"
}

// itemRaw is a postmortem with one action item whose last line (6) is
// line.
func itemRaw(line string) string {
	return "---\ntitle: X\naction_items:\n  - title: a\n    owner: b\n    " + line + "\n---\n"
}

// itemsRaw is a published postmortem whose front matter ends with lines,
// the first of them line 4.
func itemsRaw(lines ...string) string {
	return "---\ntitle: X\nstatus: published\n" + strings.Join(lines, "\n") + "\n---\n"
}

// itemsAt is pm without action items, whose action_items key is on line.
func itemsAt(line int) *model.Postmortem {
	return pm(func(p *model.Postmortem) { p.Lines["action_items"] = line })
}

// pmCase describes a parsed postmortem for field rules.
func pm(mod func(p *model.Postmortem)) *model.Postmortem {
	p := &model.Postmortem{
		ID: "2024-03-14-test", Path: "content/postmortems/2024/2024-03-14-test.md",
		Title: "Test", Date: time.Date(2024, 3, 14, 9, 0, 0, 0, time.UTC), Severity: "SEV3",
		Status: "published", Systems: []string{"checkout-api"}, Causes: []string{"config-change"},
		Commander: "aiko", Authors: []string{"aiko", "ben"}, FrontMatterLine: 1,
		Lines: map[string]int{"causes": 7, "related": 9, "timeline.started": 11, "timeline.resolved": 12},
	}
	if mod != nil {
		mod(p)
	}
	return p
}

var fullTimeline = model.Timeline{
	Started:   time.Date(2024, 3, 14, 9, 0, 0, 0, time.UTC),
	Detected:  time.Date(2024, 3, 14, 9, 10, 0, 0, time.UTC),
	Mitigated: time.Date(2024, 3, 14, 9, 40, 0, 0, time.UTC),
	Resolved:  time.Date(2024, 3, 14, 10, 0, 0, 0, time.UTC),
}

type ruleCase struct {
	name string
	rule string
	raw  string
	pm   *model.Postmortem
	cfg  *model.SiteConfig
	// want is the lines the rule reports, in order; empty for a negative
	// case.
	want []int
}

var ruleCases = []ruleCase{
	// completeness
	{"sev1 without timeline", "completeness/timeline", md(), pm(func(p *model.Postmortem) { p.Severity = "SEV1" }), nil, []int{1}},
	{"sev2 partial timeline", "completeness/timeline", md(), pm(func(p *model.Postmortem) {
		p.Severity = "SEV2"
		p.Timeline.Started = fullTimeline.Started
		p.Lines["timeline"] = 10
	}), nil, []int{10}},
	{"sev3 without timeline", "completeness/timeline", md(), pm(nil), nil, nil},
	{"sev1 full timeline", "completeness/timeline", md(), pm(func(p *model.Postmortem) { p.Severity = "SEV1"; p.Timeline = fullTimeline }), nil, nil},
	{"sev1 without impact", "completeness/impact", md(), pm(func(p *model.Postmortem) { p.Severity = "SEV1" }), nil, []int{1}},
	{"sev1 impact field", "completeness/impact", md(), pm(func(p *model.Postmortem) { p.Severity = "SEV1"; p.Impact = "40% of checkouts failed." }), nil, nil},
	{"sev2 impact section ja", "completeness/impact", md(), pm(func(p *model.Postmortem) {
		p.Severity = "SEV2"
		p.Body = "## 概要\n\n…\n\n## 影響\n\n決済の4割が失敗した。\n"
	}), nil, nil},
	{"sev1 no action items", "completeness/action-items", md(), pm(func(p *model.Postmortem) { p.Severity = "SEV1" }), nil, []int{1}},
	{"sev3 no action items", "completeness/action-items", md(), pm(nil), nil, []int{1}},
	{"draft without action_items", "completeness/action-items", md(), pm(func(p *model.Postmortem) { p.Status = model.StatusDraft }), nil, nil},
	{"draft with empty action_items", "completeness/action-items", md(), pm(func(p *model.Postmortem) {
		p.Status = model.StatusDraft
		p.Lines["action_items"] = 14
	}), nil, []int{14}},
	// QA 14 A-F19: items the loader could not read (an item written as a
	// string) are its error, not also "no action items".
	{"action item written as a string", "completeness/action-items", itemsRaw("action_items:", "  # the one follow-up", "  - Fix it (ana, 2025-06-01)"), itemsAt(4), nil, nil},
	{"action items as a list of strings", "completeness/action-items", itemsRaw("action_items: [Fix it, Alert]"), itemsAt(4), nil, nil},
	{"action items as text", "completeness/action-items", itemsRaw("action_items: fix things"), itemsAt(4), nil, nil},
	{"toml action items as strings", "completeness/action-items", "+++\ntitle = \"X\"\nstatus = \"published\"\naction_items = [\n  \"Fix it\",\n]\n+++\n", itemsAt(4), nil, nil},
	{"json action items as strings", "completeness/action-items", "{\n\"title\": \"X\",\n\"status\": \"published\",\n\"action_items\": [\"Fix it\"]\n}\n", itemsAt(4), nil, nil},
	// QA 19 A-F4: a TOML table where a list of them was meant is the
	// loader's error too.
	{"toml action items as one table", "completeness/action-items", "+++\ntitle = \"X\"\nstatus = \"published\"\n[action_items]\ntitle = \"x\"\nowner = \"y\"\n+++\n", itemsAt(4), nil, nil},
	{"empty action items", "completeness/action-items", itemsRaw("action_items: []  # TODO"), itemsAt(4), nil, []int{4}},
	{"action items key last", "completeness/action-items", itemsRaw("action_items:"), itemsAt(4), nil, []int{4}},
	{"action items key alone", "completeness/action-items", itemsRaw("action_items:", "# TODO", "systems: [x]"), itemsAt(4), nil, []int{4}},
	{"json empty action items", "completeness/action-items", "{\n\"title\": \"X\",\n\"status\": \"published\",\n\"action_items\": [],\n\"severity\": \"SEV3\"\n}\n", itemsAt(4), nil, []int{4}},
	{"escaped raw HTML", "markdown/raw-html", md(), pm(func(p *model.Postmortem) {
		p.EscapedHTML = []model.EscapedHTML{{Line: 12, Tag: "<div>"}, {Line: 15, Tag: "<sub>", Unpaired: true}}
	}), nil, []int{12, 15}},
	{"no escaped raw HTML", "markdown/raw-html", md("Line one<br>line two"), pm(nil), nil, nil},
	{"bidi override", BidiControl, md("a \u202etxt.exe"), pm(nil), nil, []int{6}},
	{"right-to-left mark", BidiControl, md("a \u200f!"), pm(nil), nil, nil},
	{"sev1 with action items", "completeness/action-items", md(), pm(func(p *model.Postmortem) {
		p.Severity = "SEV1"
		p.ActionItems = []model.ActionItem{{Title: "Alert", Owner: "ben"}}
	}), nil, nil},
	{"open action without due", "completeness/action-due", md(), pm(func(p *model.Postmortem) {
		p.ActionItems = []model.ActionItem{{Title: "Alert", Owner: "ben", Status: "open", Line: 30}}
	}), nil, []int{30}},
	{"in-progress action without due", "completeness/action-due", md(), pm(func(p *model.Postmortem) {
		p.ActionItems = []model.ActionItem{{Title: "Alert", Owner: "ben", Status: "in-progress", Line: 30}}
	}), nil, []int{30}},
	{"open action with empty due", "completeness/action-due", itemRaw("due:"), pm(func(p *model.Postmortem) {
		p.ActionItems = []model.ActionItem{{Title: "a", Owner: "b", Status: "open", Line: 4, Lines: map[string]int{"due": 6}}}
	}), nil, []int{6}},
	{"open action with a due that is not a date", "completeness/action-due", itemRaw("due: 2024-13-01 # end of sprint"), pm(func(p *model.Postmortem) {
		p.ActionItems = []model.ActionItem{{Title: "a", Owner: "b", Status: "open", Line: 4, Lines: map[string]int{"due": 6}}}
	}), nil, nil},
	{"action with unknown status", "completeness/action-due", md(), pm(func(p *model.Postmortem) {
		p.ActionItems = []model.ActionItem{{Title: "a", Owner: "b", Status: "closed", Line: 30}}
	}), nil, nil},
	{"done action without due", "completeness/action-due", md(), pm(func(p *model.Postmortem) {
		p.ActionItems = []model.ActionItem{{Title: "Alert", Owner: "ben", Status: "done", Line: 30},
			{Title: "Renew", Owner: "ben", Status: "open", Due: model.Date{Year: 2024, Month: 4, Day: 1}}}
	}), nil, nil},
	{"published with TODO", "completeness/placeholder", md("## Summary", "", "TODO: what happened, in two or three sentences."), nil, nil, []int{8}},
	{"published with TODO ja", "completeness/placeholder", md("## 概要", "", "TODO: 何が起きたかを2〜3文で。"), nil, nil, []int{8}},
	{"published TODO in front-matter", "completeness/placeholder", "---\ntitle: X\nimpact: \"TODO: who was affected\"\n---\n", nil, nil, []int{3}},
	{"in review with TODO", "completeness/placeholder", "---\ntitle: X\nstatus: in-review\nsummary: \"TODO: what broke\"\n---\nTODO: summary\n", nil, nil, []int{4, 6}},
	{"draft with TODO", "completeness/placeholder", "---\ntitle: X\nstatus: draft\n---\nTODO: summary\n", nil, nil, nil},
	{"TODO inside code", "completeness/placeholder", md("```go", "// TODO: handle retries", "```"), nil, nil, nil},
	{"toml draft with TODO", "completeness/placeholder", "+++\ntitle = \"X\"\nstatus = \"draft\"\n+++\nTODO: summary\n", nil, nil, nil},
	{"todo word inside another", "completeness/placeholder", md("The TODOS list and mastodon were fine."), nil, nil, nil},

	// blameless
	{"human error", "blameless/human-error", md("The root cause was human error."), nil, nil, []int{6}},
	{"operator error cause slug", "blameless/human-error", "---\ntitle: X\ncauses: [operator-error]\n---\n", nil, nil, []int{3}},
	{"human error ja", "blameless/human-error", md("原因は担当者の人為的ミスでした。"), nil, nil, []int{6}},
	{"human error katakana", "blameless/human-error", md("ヒューマンエラーによる設定変更。"), nil, nil, []int{6}},
	{"human error in an id", "blameless/human-error", "---\nid: 2024-03-14-db-human-error-2\nrelated: [2023-01-02-human-error-1]\n---\nSee /causes/human-error/.\n", nil, nil, nil},
	{"rejecting human error", "blameless/human-error", md("This was not human error: the tool allowed it."), nil, nil, nil},
	{"rejecting human error ja", "blameless/human-error", md("人為的ミスではなく、確認手順がなかったことが原因です。"), nil, nil, nil},
	{"error rate for humans", "blameless/human-error", md("Error rates for human users rose to 4%."), nil, nil, nil},
	{"someone's fault", "blameless/blame", md("It was Bob's fault."), nil, nil, []int{6}},
	{"should have known", "blameless/blame", md("- The on-call should have known the flag was live."), nil, nil, []int{6}},
	{"careless", "blameless/blame", md("A careless edit to the config."), nil, nil, []int{6}},
	{"negligent", "blameless/blame", md("The change was negligent."), nil, nil, []int{6}},
	{"blamed", "blameless/blame", md("We blamed the deploy team."), nil, nil, []int{6}},
	{"fuchui ja", "blameless/blame", md("作業者の不注意で設定が消えた。"), nil, nil, []int{6}},
	{"taiman ja", "blameless/blame", md("確認の怠慢があった。"), nil, nil, []int{6}},
	{"san no sei ja", "blameless/blame", md("田中さんのせいで障害が起きた。"), nil, nil, []int{6}},
	// QA 7a #22: hindsight, 確認不足 and a named person who erred.
	{"should have ja", "blameless/blame", md("もっと注意すべきだった。", "当然気付くべきだった。", "事前に確認するべきでした。"), nil, nil, []int{6, 7, 8}},
	{"kakunin busoku ja", "blameless/blame", md("担当者の確認不足。", "作業時のチェック漏れ。"), nil, nil, []int{6, 7}},
	{"named person erred ja", "blameless/blame", md("田中さんが誤って本番環境でコマンドを実行した。", "作業者は確認せずに削除した。"), nil, nil, []int{6, 7}},
	{"should about the system ja", "blameless/blame", md("監視を追加するべきだった。", "アラートは誤って抑止されていた。", "誤って削除できる設計だった。"), nil, nil, nil},
	// Code review: remediation that names a person's possible mistake, and
	// 本来は…べきだった about the system, are blameless.
	{"remediation about mistakes ja", "blameless/blame", md("オペレーターがミスをしても影響が出ない仕組みにする。", "担当者がミスを起こしにくいよう確認画面を追加する。", "本来はアラートが発報されるべきだった。"), nil, nil, nil},
	{"blameless postmortem", "blameless/blame", md("This is a blameless postmortem; no one is to blame."), nil, nil, nil},
	{"page fault", "blameless/blame", md("A page fault storm on the cache hosts; fault injection next."), nil, nil, nil},
	{"thing's fault ja", "blameless/blame", md("設定変更のせいでキャッシュが消えた。"), nil, nil, nil},
	{"person as cause", "blameless/person-cause", md(), pm(func(p *model.Postmortem) { p.Causes = []string{"config-change", "Aiko"} }), nil, []int{7}},
	{"owner as cause", "blameless/person-cause", md(), pm(func(p *model.Postmortem) {
		p.Causes = []string{"ravi"}
		p.ActionItems = []model.ActionItem{{Title: "x", Owner: "ravi"}}
	}), nil, []int{7}},
	{"system causes", "blameless/person-cause", md(), pm(nil), nil, nil},

	// secrets
	{"aws key", "secret/aws-access-key", md("aws_access_key_id = " + awsKey), nil, nil, []int{6}},
	{"aws key in front-matter", "secret/aws-access-key", "---\ntitle: X\nnote: \"" + "ASIA" + fake(30, 16, base32) + "\"\n---\n", nil, nil, []int{3}},
	{"aws example key", "secret/aws-access-key", md("aws_access_key_id = AKIAIOSFODNN7EXAMPLE"), nil, nil, nil},
	{"aws low entropy", "secret/aws-access-key", md("AKIAAAAAAAAAAAAAAAAA"), nil, nil, nil},
	{"aws secret", "secret/aws-secret-key", md("```", "aws_secret_access_key = "+awsSecret, "```"), nil, nil, []int{7}},
	{"aws secret example", "secret/aws-secret-key", md("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), nil, nil, nil},
	{"github pat", "secret/github-token", md("GITHUB_TOKEN=" + ghToken), nil, nil, []int{6}},
	{"github fine-grained", "secret/github-token", md("token " + ghFine + " leaked"), nil, nil, []int{6}},
	{"github placeholder", "secret/github-token", md("GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "GITHUB_TOKEN=${GITHUB_TOKEN}"), nil, nil, nil},
	{"slack bot", "secret/slack-token", md("SLACK_BOT_TOKEN=" + slackBot), nil, nil, []int{6}},
	{"slack app", "secret/slack-token", md("app token " + slackApp), nil, nil, []int{6}},
	{"slack placeholder", "secret/slack-token", md("SLACK_BOT_TOKEN=xoxb-xxxxxxxxxxxx-xxxxxxxxxxxx", "use xoxb-<your-token>"), nil, nil, nil},
	{"slack webhook", "secret/slack-webhook", md("curl -X POST https://" + slackHook), nil, nil, []int{6}},
	{"slack webhook example", "secret/slack-webhook", md("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"), nil, nil, nil},
	{"stripe live", "secret/stripe-key", md("STRIPE_KEY=" + stripeKey), nil, nil, []int{6}},
	{"stripe test key", "secret/stripe-key", md("STRIPE_KEY=sk_test_" + fake(31, 24, alnum)), nil, nil, nil},
	{"jwt", "secret/jwt", md("cookie: session=" + jwt), nil, nil, []int{6}},
	{"jwt.io example", "secret/jwt", md("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"), nil, nil, nil},
	{"jwt-shaped non-jwt", "secret/jwt", md("eyJub3QiOiJqc29uIGhlYWRlciJ9.eyAAAAAAAAAAAAAA.cccccccccccc"), nil, nil, nil},
	{"private key", "secret/private-key", md("```", pemKey, "```"), nil, nil, []int{7}},
	{"private key escaped one line", "secret/private-key", md(`"key": "` + strings.ReplaceAll(pemKey, "\n", `\n`) + `"`), nil, nil, []int{6}},
	{"private key elided", "secret/private-key", md("-----BEGIN PRIVATE KEY-----", "...", "-----END PRIVATE KEY-----"), nil, nil, nil},
	{"password in url", "secret/url-password", md("DATABASE_URL=postgres://app:" + urlPass + "@db.internal.acme.net:5432/orders"), nil, nil, []int{6}},
	{"password in url without user", "secret/url-password", md("redis://:"+urlPass+"@cache.internal:6379", "REDIS_URL=rediss://:"+urlPass+"@cache.acme.net/0"), nil, nil, []int{6, 7}},
	{"password in url example host", "secret/url-password", md("postgres://app:"+urlPass+"@db.example.com/orders", "https://user:password@db.acme.net/", "redis://:${REDIS_PASSWORD}@cache:6379"), nil, nil, nil},
	{"connection string", "secret/connection-string", md("Server=tcp:sql.acme.net,1433;User Id=app;Password=" + connPass + ";"), nil, nil, []int{6}},
	{"libpq dsn", "secret/connection-string", md("host=db1 user=app password=" + connPass + " dbname=orders"), nil, nil, []int{6}},
	{"connection string placeholder", "secret/connection-string", md("Server=sql;User Id=app;Password=<password>;", "Reset the password=expiry setting."), nil, nil, nil},
	{"bearer", "secret/bearer-token", md("curl -H 'Authorization: Bearer " + bearer + "' https://api"), nil, nil, []int{6}},
	{"bearer placeholder", "secret/bearer-token", md("Authorization: Bearer <token>", "Authorization: Bearer $TOKEN", "the bearer token expired"), nil, nil, nil},
	{"bearer jwt reported once", "secret/bearer-token", md("Authorization: Bearer " + jwt), nil, nil, nil},
	{"generic secret", "secret/generic-key", md("DB_SECRET=" + genericVal), nil, nil, []int{6}},
	{"generic words", "secret/generic-key", md("secret_rotation: weekly-on-monday", "token_ttl = 3600", "api_key: ${API_KEY}"), nil, nil, nil},
	// Log fields whose names say they hold no secret (QA 15 regression
	// pass, a-4); the same values under a secret's name are reported.
	{"ids, names, versions, cursors", "secret/generic-key", md("pageToken=CiAKGjBpNDd2Nmp2Zml2cXRlN3FqMmZ0ZnYxZmwSAhAB", "token_id=tok8f3a9c2e71b4d5f6",
		"secret_version=projects/acme/secrets/psp-key/versions/42", `{"NextToken": "AAMA-EFRSURBSGh3bXh4dEs0ZnpLbXZ6dGRCMXNvN2Q2OTRZ"}`, "    SecretName:  checkout-tls-2025q3"), nil, nil, nil},
	{"the same values as secrets", "secret/generic-key", md("api_token=CiAKGjBpNDd2Nmp2Zml2cXRlN3FqMmZ0ZnYxZmwSAhAB", `{"SecretKey": "AAMA-EFRSURBSGh3bXh4dEs0ZnpLbXZ6dGRCMXNvN2Q2OTRZ"}`), nil, nil, []int{6, 7}},

	// personal data
	{"email", "pii/email", md("Reported by aiko.tanaka@acme.co.jp at 09:12."), nil, nil, []int{6}},
	{"mailto", "pii/email", md("[mail](mailto:ben@acme.com)"), nil, nil, []int{6}},
	{"email examples", "pii/email", md("oncall@example.com, a@b.example.org, noreply@acme.com, bot@users.noreply.github.com, icon@2x.png, git@github.com:acme/x.git"), nil, nil, nil},
	{"phone jp", "pii/phone", md("携帯: 090-3141-5926"), nil, nil, []int{6}},
	{"phone intl", "pii/phone", md("Call +81 3 5412 7788"), nil, nil, []int{6}},
	{"phone us", "pii/phone", md("Customer called from (415) 867-5309."), nil, nil, []int{6}},
	{"phone examples", "pii/phone", md("03-1234-5678, (415) 555-0100, 2024-03-14T09:12:00+09:00, 10.0.0.1, v1.2.3, id 1700000000000"), nil, nil, nil},

	// silencing comments
	{"ignore a former rule", "lint/unknown-ignore", "---\ntitle: X\n# pmkb-lint-ignore links/related\nrelated: [x]\n---\n", nil, nil, []int{3}},
	{"ignore a typo", "lint/unknown-ignore", md("<!-- pmkb-lint-ignore pii/emial -->", "<!-- pmkb-lint-ignore pii/email, secrets -->"), nil, nil, []int{6, 7}},
	{"ignore known ids", "lint/unknown-ignore", md("<!-- pmkb-lint-ignore pii/email -->", "<!-- pmkb-lint-ignore pii,secret/jwt all-->", "# pmkb-lint-ignore blameless"), nil, nil, nil},

	// dates, front-matter
	{"future date", "dates/future", md(), pm(func(p *model.Postmortem) { p.Date = time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC); p.Lines["date"] = 3 }), nil, []int{3}},
	{"future closed", "dates/future", md(), pm(func(p *model.Postmortem) {
		p.ActionItems = []model.ActionItem{{Title: "x", Owner: "b", Status: "done", Closed: model.Date{Year: 2026, Month: 12, Day: 1}, Line: 40}}
	}), nil, []int{40}},
	{"today is not future", "dates/future", md(), pm(func(p *model.Postmortem) { p.Date = time.Date(2026, 11, 27, 23, 0, 0, 0, time.UTC) }), nil, nil},
	{"date a month after the timeline", "dates/timeline-start", md(), pm(func(p *model.Postmortem) {
		p.Date, p.Lines["date"], p.Timeline = time.Date(2024, 4, 14, 0, 0, 0, 0, time.UTC), 3, fullTimeline
	}), nil, []int{3}},
	{"date a day before the timeline's offset day", "dates/timeline-start", md(), pm(func(p *model.Postmortem) {
		p.Date, p.Timeline.Started = time.Date(2024, 3, 13, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 14, 8, 0, 0, 0, time.FixedZone("JST", 9*3600))
	}), nil, nil},
	{"date not the file name's", "dates/file-name", md(), pm(func(p *model.Postmortem) { p.Date, p.Lines["date"] = time.Date(2024, 4, 14, 0, 0, 0, 0, time.UTC), 3 }), nil, []int{3}},
	{"date the file name's", "dates/file-name", md(), pm(nil), nil, nil},
	{"item due and closed before the incident", "dates/before-incident", md(), pm(func(p *model.Postmortem) {
		p.ActionItems = []model.ActionItem{{Title: "x", Owner: "b", Status: "done", Due: model.Date{Year: 2024, Month: 2, Day: 1}, Closed: model.Date{Year: 2024, Month: 3, Day: 13}, Line: 40, Lines: map[string]int{"due": 42, "closed": 43}}}
	}), nil, []int{42, 43}},
	{"item due on the incident day", "dates/before-incident", md(), pm(func(p *model.Postmortem) {
		p.ActionItems = []model.ActionItem{{Title: "x", Owner: "b", Status: "done", Due: model.Date{Year: 2024, Month: 3, Day: 14}, Closed: model.Date{Year: 2024, Month: 3, Day: 20}, Line: 40}}
	}), nil, nil},
	{"unquoted version", "frontmatter/unquoted-version", "---\ntitle: X\nversion: 1.10\n---\n", nil, nil, []int{3}},
	{"unquoted version toml", "frontmatter/unquoted-version", "+++\ntitle = \"X\"\nversion = 2.0\n+++\n", nil, nil, []int{3}},
	{"quoted version", "frontmatter/unquoted-version", "---\ntitle: X\nversion: \"1.10\"\nratio: 0.25\n---\nversion: 1.10 in the body\n", nil, nil, nil},
}

// lintOne lints one file (with an "other" postmortem in the knowledge base
// for related links) and returns the findings.
func lintOne(raw string, p *model.Postmortem, siteCfg *model.SiteConfig, cfg Config) *diag.List {
	sc := model.DefaultSiteConfig()
	if siteCfg != nil {
		sc = *siteCfg
	}
	pms := []*model.Postmortem{{ID: "2023-01-01-other", Path: "content/postmortems/2023/2023-01-01-other.md"}}
	if p != nil {
		pms = append(pms, p)
	}
	kb := model.New(sc, today, pms)
	f := &File{Path: "content/postmortems/2024/2024-03-14-test.md", Raw: []byte(raw), PM: p}
	return Run([]*File{f}, kb, cfg, today)
}

// ruleByID returns the rule of Rules with the given id.
func ruleByID(id string) (Rule, bool) {
	for _, r := range Rules() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

func TestRules(t *testing.T) {
	positive, negative := map[string]bool{}, map[string]bool{}
	for _, c := range ruleCases {
		t.Run(c.rule+"/"+c.name, func(t *testing.T) {
			if _, ok := ruleByID(c.rule); !ok {
				t.Fatalf("no rule %q", c.rule)
			}
			list := lintOne(c.raw, c.pm, c.cfg, Config{})
			var got []int
			for _, d := range list.Items() {
				if d.Rule == c.rule {
					got = append(got, d.Pos.Line)
					if d.Hint == "" {
						t.Errorf("%s: no hint", d)
					}
				}
			}
			if !equalInts(got, c.want) {
				t.Errorf("lines = %v, want %v\n%s", got, c.want, list)
			}
		})
		if len(c.want) > 0 {
			positive[c.rule] = true
		} else {
			negative[c.rule] = true
		}
	}
	for _, r := range Rules() {
		if r.Check == nil && r.CheckAt == nil {
			continue // the loader's rules: TestRegrade
		}
		if !positive[r.ID] || !negative[r.ID] {
			t.Errorf("rule %s needs a positive and a negative case (have %v, %v)", r.ID, positive[r.ID], negative[r.ID])
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRulesSortedAndDocumented(t *testing.T) {
	rules := Rules()
	for i, r := range rules {
		if i > 0 && rules[i-1].ID >= r.ID {
			t.Errorf("rules not sorted or duplicated at %s", r.ID)
		}
		_, loader := loaderIDs()[r.ID]
		// Ids are area/name; theme-unused kept the name builds printed
		// before it was a rule (QA 15 D-F10).
		if r.Doc == "" || (r.Check == nil && r.CheckAt == nil) != loader || !strings.Contains(r.ID, "/") && r.ID != ThemeUnused {
			t.Errorf("rule %q incomplete", r.ID)
		}
	}
}

// TestSecretsRedacted checks that no message or hint carries a whole secret
// and that each shows its fingerprint.
func TestSecretsRedacted(t *testing.T) {
	secrets := []string{awsKey, awsSecret, ghToken, ghFine, slackBot, slackApp, slackHook, stripeKey, jwt, urlPass, connPass, bearer, genericVal}
	var raw []string
	for _, c := range ruleCases {
		if strings.HasPrefix(c.rule, "secret/") && len(c.want) > 0 {
			raw = append(raw, c.raw)
		}
	}
	list := lintOne(strings.Join(raw, "\n"), nil, nil, Config{})
	if list.Errors() < len(secrets) {
		t.Fatalf("found %d secrets, want at least %d:\n%s", list.Errors(), len(secrets), list)
	}
	pemBody := strings.Split(pemKey, "\n")[1]
	for _, d := range list.Items() {
		text := d.Message + " " + d.Hint
		for _, s := range append(secrets, pemBody[:20]) {
			if strings.Contains(text, s) || strings.Contains(text, s[4:min(len(s), 14)]) {
				t.Errorf("%s: message shows the secret %q", d, s[:4])
			}
		}
		if !strings.Contains(d.Message, "chars)") || !strings.Contains(d.Message, "fingerprint ") {
			t.Errorf("%s: no redacted form or fingerprint", d)
		}
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"ghp_0123456789": `"ghp_"…(14 chars)`,
		"short":          `…(5 chars)`,
		"パスワード123456":    `"パスワー"…(11 chars)`,
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
	if fp := Fingerprint("x"); len(fp) != 12 || fp != "2d711642b726" {
		t.Errorf("Fingerprint(x) = %q", fp)
	}
}

func TestInlineSilencing(t *testing.T) {
	email := "ben@acme.com"
	cases := []struct {
		name string
		raw  string
		want int // findings left
	}{
		{"none", md(email), 1},
		{"same line markdown", md(email + " <!-- pmkb-lint-ignore pii/email -->"), 0},
		{"line before markdown", md("<!-- pmkb-lint-ignore pii/email -->", email), 0},
		{"two lines before", md("<!-- pmkb-lint-ignore pii/email -->", "", email), 1},
		{"area", md("<!-- pmkb-lint-ignore pii -->", email), 0},
		{"other rule", md("<!-- pmkb-lint-ignore pii/phone -->", email), 1},
		{"list of ids", md(email + " <!-- pmkb-lint-ignore secret/jwt, pii/email -->"), 0},
		{"comment end without a space", md(email + " <!-- pmkb-lint-ignore pii/email-->"), 0},
		{"yaml comment", "---\ntitle: X\ncontact: " + email + " # pmkb-lint-ignore pii/email\n---\n", 0},
		{"toml comment before", "+++\ntitle = \"X\"\n# pmkb-lint-ignore pii/email\ncontact = \"" + email + "\"\n+++\n", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := lintOne(c.raw, nil, nil, Config{}).Len(); got != c.want {
				t.Errorf("findings = %d, want %d", got, c.want)
			}
		})
	}
	// A secret silenced by id.
	raw := md("GITHUB_TOKEN=" + ghToken + " # pmkb-lint-ignore secret/github-token")
	if l := lintOne(raw, nil, nil, Config{}); l.Len() != 0 {
		t.Errorf("silenced secret still reported:\n%s", l)
	}
}

func TestConfigRegrades(t *testing.T) {
	raw := md("ben@acme.com", "GITHUB_TOKEN="+ghToken)
	sev := func(l *diag.List, rule string) []diag.Severity {
		var out []diag.Severity
		for _, d := range l.Items() {
			if d.Rule == rule {
				out = append(out, d.Severity)
			}
		}
		return out
	}
	l := lintOne(raw, nil, nil, Config{})
	if s := sev(l, "pii/email"); len(s) != 1 || s[0] != diag.Warning {
		t.Errorf("default pii/email = %v", s)
	}
	l = lintOne(raw, nil, nil, Config{Rules: map[string]string{"pii/email": "error", "secret": "warning"}})
	if s := sev(l, "pii/email"); len(s) != 1 || s[0] != diag.Error {
		t.Errorf("re-graded pii/email = %v", s)
	}
	if s := sev(l, "secret/github-token"); len(s) != 1 || s[0] != diag.Warning {
		t.Errorf("area-graded secret = %v", s)
	}
	l = lintOne(raw, nil, nil, Config{Rules: map[string]string{"pii": "off", "secret/github-token": "error", "secret": "off"}})
	if l.Len() != 1 || l.Items()[0].Rule != "secret/github-token" {
		t.Errorf("id must win over area:\n%s", l)
	}
	l = lintOne(raw, nil, nil, Config{Allow: []string{Fingerprint(ghToken)}})
	if s := sev(l, "secret/github-token"); len(s) != 0 {
		t.Errorf("allowed fingerprint still reported")
	}
}

func TestConfigProblems(t *testing.T) {
	if p := (Config{Rules: map[string]string{"pii": "off", "secret/jwt": "warning"}, Allow: []string{"0123456789ab"}}).Problems(); len(p) != 0 {
		t.Errorf("valid config: %v", p)
	}
	// A near rule id or grade gets a did-you-mean (qa9-a #12).
	got := (Config{Rules: map[string]string{"pii/mail": "off", "secret/jwt": "loud", "made-up": "off",
		"pii/phone": "warn", "blameless": "Error", "markdown/link": "error", "dates": "err", "pii": "warnings"}, Allow: []string{"xyz"}}).Problems()
	want := []ConfigProblem{
		{"blameless", `lint rule "blameless": grade "Error" is not one of "off", "error", "warning"; did you mean "error"?`},
		{"dates", `lint rule "dates": grade "err" is not one of "off", "error", "warning"; did you mean "error"?`},
		{"made-up", `unknown lint rule "made-up" (pmkb lint --rules lists them)`},
		{"markdown/link", `unknown lint rule "markdown/link"; did you mean "markdown/links"? (pmkb lint --rules lists them)`},
		{"pii", `lint rule "pii": grade "warnings" is not one of "off", "error", "warning"; did you mean "warning"?`},
		{"pii/mail", `unknown lint rule "pii/mail"; did you mean "pii/email"? (pmkb lint --rules lists them)`},
		{"pii/phone", `lint rule "pii/phone": grade "warn" is not one of "off", "error", "warning"; did you mean "warning"?`},
		{"secret/jwt", `lint rule "secret/jwt": grade "loud" is not one of "off", "error", "warning"`},
		{"", `lint allow: "xyz" is not a fingerprint (12 lower-case hex digits)`},
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%q\nwant\n%q", got, want)
	}
}

// TestContractChecksAreNotRules checks that what the content contract
// requires is not offered as a lint rule (it is reported once, by the
// validation, and cannot be re-graded), and that a site configuring one is
// told why.
func TestContractChecksAreNotRules(t *testing.T) {
	for id := range contractChecks {
		if _, ok := ruleByID(id); ok {
			t.Errorf("%s is both a lint rule and a check of the contract", id)
		}
		for _, r := range Rules() {
			if area(r.ID) == id {
				t.Errorf("%s is both a lint area (%s) and a check of the contract", id, r.ID)
			}
		}
		p := (Config{Rules: map[string]string{id: "warning"}}).Problems()
		if len(p) != 1 || p[0].Key != id || !strings.Contains(p[0].Message, "is an error of the content contract, which cannot be re-graded") {
			t.Errorf("%s: problems %q", id, p)
		}
	}
}

func TestParseFailedFileStillChecked(t *testing.T) {
	// Front-matter that never closes: text rules still run on every line.
	raw := "---\ntitle: [unclosed\ntoken: " + ghToken + "\n"
	l := lintOne(raw, nil, nil, Config{})
	if l.Errors() != 1 || l.Items()[0].Pos.Line != 3 {
		t.Errorf("want one secret at line 3:\n%s", l)
	}
}

func TestCRLFAndBOM(t *testing.T) {
	raw := "\uFEFF---\r\ntitle: X\r\nstatus: published\r\n---\r\nTODO: write\r\n"
	l := lintOne(raw, nil, nil, Config{})
	if l.Len() != 1 || l.Items()[0].Rule != "completeness/placeholder" || l.Items()[0].Pos.Line != 5 {
		t.Errorf("want a placeholder at line 5:\n%s", l)
	}
}

// TestNoRuleQuotesASecretLine checks that a rule which quotes its line
// (a template placeholder) does not quote one holding a secret: the secret
// rule reports it redacted, the other rule without the line's text.
func TestNoRuleQuotesASecretLine(t *testing.T) {
	l := lintOne(md("TODO rotate GITHUB_TOKEN="+ghToken, "TODO say why"), nil, nil, Config{})
	var placeholders []string
	for _, d := range l.Items() {
		if strings.Contains(d.Message+d.Hint, ghToken[4:14]) {
			t.Errorf("%s: message shows the secret", d)
		}
		if d.Rule == "completeness/placeholder" {
			placeholders = append(placeholders, d.Message)
		}
	}
	want := []string{
		`published postmortem still has template placeholder TODO`,
		`published postmortem still has template placeholder "TODO say why"`,
	}
	if strings.Join(placeholders, "\n") != strings.Join(want, "\n") {
		t.Errorf("placeholder messages:\n%s\nwant\n%s", strings.Join(placeholders, "\n"), strings.Join(want, "\n"))
	}
}

// TestActionItemNames checks that lint names an action item as the loader
// and the contract validation do: by its id, else its 1-based position.
func TestActionItemNames(t *testing.T) {
	p := pm(func(p *model.Postmortem) {
		p.ActionItems = []model.ActionItem{
			{ID: "1", Title: "Alert", Owner: "ben", Status: "open", Line: 20},
			{ID: "AI-7", Title: "Renew", Owner: "ben", Status: "in-progress", Line: 24},
		}
	})
	var got []string
	for _, d := range lintOne(md(), p, nil, Config{}).Items() {
		if d.Rule == "completeness/action-due" {
			got = append(got, d.Message)
		}
	}
	want := []string{`action item "1" is open and has no due date`, `action item "AI-7" is in-progress and has no due date`}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestSecretPrefixShownOnlyForKnownFormats checks that a finding shows a
// secret's first characters only when they are a format's fixed prefix
// (AKIA, ghp_): the start of a password is part of the password.
func TestSecretPrefixShownOnlyForKnownFormats(t *testing.T) {
	for _, tt := range []struct {
		line, secret, shown string
	}{
		{"aws_access_key_id = " + awsKey, awsKey, `"AKIA"…(20 chars)`},
		{"GITHUB_TOKEN=" + ghToken, ghToken, `"ghp_"…(40 chars)`},
		{"postgres://app:" + urlPass + "@db.internal.acme.net/orders", urlPass, `password in a URL …(16 chars)`},
		{"host=db1 user=app password=" + connPass + " dbname=orders", connPass, `connection string …(14 chars)`},
		{"DB_SECRET=" + genericVal, genericVal, `secret value …(22 chars)`},
	} {
		l := lintOne(md(tt.line), nil, nil, Config{})
		if l.Len() != 1 {
			t.Fatalf("%s: want one finding:\n%s", tt.line, l)
		}
		msg := l.Items()[0].Message
		if !strings.Contains(msg, tt.shown) {
			t.Errorf("%s: message %q does not show %s", tt.line, msg, tt.shown)
		}
		if !strings.HasPrefix(tt.shown, `"`) && strings.Contains(msg, tt.secret[:4]) {
			t.Errorf("%s: message %q shows the start of the password", tt.line, msg)
		}
	}
}

// TestActionItemsHint checks that a postmortem without action_items: whose
// body keeps its follow-ups as a checklist under an "Action items" heading
// is told how many there are and where to move them (QA5 #14).
func TestActionItemsHint(t *testing.T) {
	const generic = "add action_items: with what will keep this from happening again, each with an owner and a due date"
	for _, c := range []struct {
		name, body, hint string
	}{
		{"no checklist", "## Summary\n\nText.\n", generic},
		{"checklist under action items", "## Action items\n\n- [ ] Add caching of flag values (@kim, due 2024-08-01)\n- [x] Page the owner\n* [ ] Third\n",
			`the body has 3 task-list items under "Action items"; move them to action_items: (title, owner, due) so they are tracked on /actions/`},
		{"one item, heading in other case and a sub-heading", "## Follow-up ACTION ITEMS\n\n### Short term\n\n- [ ] Only one\n",
			`the body has 1 task-list item under "Follow-up ACTION ITEMS"; move it to action_items: (title, owner, due) so it is tracked on /actions/`},
		{"japanese heading", "## アクションアイテム\n\n- [ ] キャッシュを追加する\n- [ ] 監視を追加する\n",
			`the body has 2 task-list items under "アクションアイテム"; move them to action_items: (title, owner, due) so they are tracked on /actions/`},
		// The usual Japanese headings of the list count too (QA 7a #24).
		{"japanese taisaku", "## 対策\n\n- [ ] 監視を追加する\n",
			`the body has 1 task-list item under "対策"; move it to action_items: (title, owner, due) so it is tracked on /actions/`},
		{"japanese saihatsu boushi", "## 再発防止策\n\n- [ ] 監視を追加する\n- [ ] 手順書を直す\n",
			`the body has 2 task-list items under "再発防止策"; move them to action_items: (title, owner, due) so they are tracked on /actions/`},
		{"japanese kongo no taiou", "### 今後の対応\n\n- [ ] 監視を追加する\n",
			`the body has 1 task-list item under "今後の対応"; move it to action_items: (title, owner, due) so it is tracked on /actions/`},
		{"japanese other heading", "## タイムライン\n\n- [ ] 監視を追加する\n", generic},
		{"japanese numbered taisaku", "## 5. 恒久対策\n\n- [ ] 監視を追加する\n",
			`the body has 1 task-list item under "5. 恒久対策"; move it to action_items: (title, owner, due) so it is tracked on /actions/`},
		// Code review: 暫定対策 is what was done during the incident.
		{"japanese zantei taisaku", "## 暫定対策\n\n- [x] ロールバックした\n", generic},
		{"checklist under another heading", "## Action items\n\nNone yet.\n\n## Timeline\n\n- [ ] not an action\n", generic},
		{"checklist in a code block", "## Action items\n\n```\n- [ ] quoted\n```\n", generic},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := pm(func(p *model.Postmortem) { p.Severity = "SEV2" })
			list := lintOne(md(c.body), p, nil, Config{})
			var hints []string
			for _, d := range list.Items() {
				if d.Rule == "completeness/action-items" {
					hints = append(hints, d.Hint)
				}
			}
			if len(hints) != 1 || hints[0] != c.hint {
				t.Errorf("hints = %q, want [%q]", hints, c.hint)
			}
		})
	}
}

// A text attachment (a .log) is scanned by the secret rules alone: its
// e-mail addresses and words are no finding, its keys are, at their lines;
// an ignore comment, an allowed fingerprint and a rule turned off silence
// them as in a postmortem.
func TestSecretChecker(t *testing.T) {
	log := strings.Join([]string{
		"10:57 ERROR 503 user=ben@acme.com blamed on human error",
		"10:57 key=" + awsKey + " token=" + ghToken,
		"-----BEGIN RSA PRIVATE KEY-----",
		fake(20, 64, base64c),
		"-----END RSA PRIVATE KEY-----",
		"GITHUB_TOKEN=" + ghToken + " # pmkb-lint-ignore secret/github-token",
	}, "\n")
	run := func(cfg Config) []string {
		out := &diag.List{}
		NewSecretChecker(cfg).Check(&File{Path: "content/postmortems/2024/logs/gw.log", Raw: []byte(log)}, out)
		out.Sort()
		var got []string
		for _, d := range out.Items() {
			got = append(got, d.Pos.String()+" "+d.Severity.String()+" "+d.Rule)
			if strings.Contains(d.Message+d.Hint, awsKey[4:]) || strings.Contains(d.Message+d.Hint, ghToken[4:]) {
				t.Errorf("%s: quotes the secret", d)
			}
		}
		return got
	}
	want := []string{
		"content/postmortems/2024/logs/gw.log:2 error secret/aws-access-key",
		"content/postmortems/2024/logs/gw.log:2 error secret/github-token",
		"content/postmortems/2024/logs/gw.log:3 error secret/private-key",
	}
	if got := run(Config{}); !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	cfg := Config{Allow: []string{Fingerprint(awsKey)}, Rules: map[string]string{"secret/private-key": "off", "pii": "error"}}
	if got := run(cfg); !slices.Equal(got, want[1:2]) {
		t.Errorf("with allow and off: %v, want %v", got, want[1:2])
	}
}

// TestBlamelessFindingLanguage proves each blameless finding is in one
// language, the language of the phrase it quotes: a Japanese phrase gets a
// Japanese message and hint, an English one English ones, whatever the
// site's language (QA 7a #22: English messages carried Japanese hints).
func TestBlamelessFindingLanguage(t *testing.T) {
	for _, c := range []struct {
		line string
		ja   bool
	}{
		{"原因は担当者の人為的ミスでした。", true},
		{"作業者の不注意による。", true},
		{"当然気付くべきだった。", true},
		{"田中さんが誤って本番環境でコマンドを実行した。", true},
		{"The root cause was human error.", false},
		{"The on-call should have known the flag was live.", false},
		{"本番で human error が起きた。", false}, // the phrase is English
	} {
		list := lintOne(md(c.line), pm(nil), nil, Config{})
		n := 0
		for _, d := range list.Items() {
			if !strings.HasPrefix(d.Rule, "blameless/") {
				continue
			}
			n++
			// The message without the phrase it quotes, and the hint.
			msg := d.Message
			if i := strings.LastIndexAny(msg, "」\""); i >= 0 {
				msg = msg[i:]
			}
			if model.HasJapanese(msg) != c.ja || model.HasJapanese(d.Hint) != c.ja {
				t.Errorf("%q: message %q, hint %q: want both Japanese = %v", c.line, d.Message, d.Hint, c.ja)
			}
		}
		if n != 1 {
			t.Errorf("%q: %d blameless findings, want 1\n%s", c.line, n, list)
		}
	}
	// A cause that is a person's name, in Japanese.
	list := lintOne(md(), pm(func(p *model.Postmortem) { p.Commander, p.Causes = "田中", []string{"田中"} }), nil, Config{})
	n := 0
	for _, d := range list.Items() {
		if d.Rule == "blameless/person-cause" {
			n++
			if d.Message != "原因 「田中」 は人の名前です。原因にはシステムの条件を書きます" || !model.HasJapanese(d.Hint) {
				t.Errorf("person-cause ja: %q / %q", d.Message, d.Hint)
			}
		}
	}
	if n != 1 {
		t.Errorf("person-cause ja: %d findings, want 1\n%s", n, list)
	}
}

// TestHintsInTheFilesFormat checks that a hint that writes a front-matter
// setting writes it in the file's own format (qa9-a #6: a TOML file was
// told to write version: "1.10" and due: YYYY-MM-DD, syntax errors there).
func TestHintsInTheFilesFormat(t *testing.T) {
	open := pm(func(p *model.Postmortem) {
		p.ActionItems = []model.ActionItem{{ID: "AI-1", Title: "Alert", Owner: "ben", Status: "open", Line: 4}}
	})
	published := pm(func(p *model.Postmortem) { p.Status = model.StatusPublished })
	for _, tt := range []struct {
		name, raw string
		p         *model.Postmortem
		rule      string
		want      string
	}{
		{"yaml version", "---\ntitle: X\nversion: 1.10\n---\n", nil, "frontmatter/unquoted-version", `quote it: version: "1.10"`},
		{"toml version", "+++\ntitle = \"X\"\nversion = 1.10\n+++\n", nil, "frontmatter/unquoted-version", `quote it: version = "1.10"`},
		{"yaml due", "---\ntitle: X\n---\n", open, "completeness/action-due", "add due: YYYY-MM-DD so it shows up when overdue"},
		{"toml due", "+++\ntitle = \"X\"\n+++\n", open, "completeness/action-due", "add due = YYYY-MM-DD so it shows up when overdue"},
		{"json due", "{\n\"title\": \"X\"\n}\n", open, "completeness/action-due", `add "due": "YYYY-MM-DD" so it shows up when overdue`},
		{"yaml placeholder", "---\ntitle: X\n---\nTODO say why\n", published, "completeness/placeholder", "replace the TODO with real text, or set status: draft until it is done"},
		{"toml placeholder", "+++\ntitle = \"X\"\n+++\nTODO say why\n", published, "completeness/placeholder", `replace the TODO with real text, or set status = "draft" until it is done`},
		{"json placeholder", "{\n\"title\": \"X\"\n}\nTODO say why\n", published, "completeness/placeholder", `replace the TODO with real text, or set "status": "draft" until it is done`},
	} {
		var hints []string
		for _, d := range lintOne(tt.raw, tt.p, nil, Config{}).Items() {
			if d.Rule == tt.rule {
				hints = append(hints, d.Hint)
			}
		}
		if !slices.Equal(hints, []string{tt.want}) {
			t.Errorf("%s: hints %q, want %q", tt.name, hints, tt.want)
		}
	}
}

// TestPlaceholderInReview proves an in-review postmortem's placeholders
// are reported, as warnings whatever the rule's grade, while a published
// one's keep the rule's grade (QA 14 A-F3: an in-review postmortem is
// on the published site, and its TODOs were reported by nothing). A site
// that turns the rule off hears of neither.
func TestPlaceholderInReview(t *testing.T) {
	const body = "---\ntitle: X\nstatus: %s\n---\nTODO: summary\n"
	for _, tt := range []struct {
		status, grade string
		want          []string
	}{
		{"in-review", "", []string{`content/postmortems/2024/2024-03-14-test.md:5: warning: postmortem in review still has template placeholder "TODO: summary"`}},
		{"in-review", "error", []string{`content/postmortems/2024/2024-03-14-test.md:5: warning: postmortem in review still has template placeholder "TODO: summary"`}},
		{"in-review", "off", nil},
		{"published", "", []string{`content/postmortems/2024/2024-03-14-test.md:5: published postmortem still has template placeholder "TODO: summary"`}},
		{"published", "warning", []string{`content/postmortems/2024/2024-03-14-test.md:5: warning: published postmortem still has template placeholder "TODO: summary"`}},
		{"draft", "", nil},
	} {
		cfg := Config{}
		if tt.grade != "" {
			cfg.Rules = map[string]string{"completeness/placeholder": tt.grade}
		}
		var got []string
		for _, d := range lintOne(strings.Replace(body, "%s", tt.status, 1), nil, nil, cfg).Items() {
			if d.Rule == "completeness/placeholder" {
				got = append(got, d.String())
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s, grade %q: got\n%q\nwant\n%q", tt.status, tt.grade, got, tt.want)
		}
	}
}
