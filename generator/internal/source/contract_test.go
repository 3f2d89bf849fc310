package source_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
)

// contractFields is every field of the content contract that p holds, as
// text, so that a test names the one field that was read wrong.
func contractFields(p *model.Postmortem) map[string]string {
	rfc := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	dur := func(d time.Duration, ok bool) string {
		if !ok {
			return ""
		}
		return d.String()
	}
	m := map[string]string{
		"title": p.Title, "summary": p.Summary, "id": p.ID, "date": rfc(p.Date),
		"severity": p.Severity, "status": p.Status, "systems": strings.Join(p.Systems, ","),
		"teams": strings.Join(p.Teams, ","), "causes": strings.Join(p.Causes, ","),
		"trigger": p.Trigger, "detection": p.Detection, "commander": p.Commander,
		"authors": strings.Join(p.Authors, ","), "tags": strings.Join(p.Tags, ","),
		"impact": p.Impact, "related": strings.Join(p.Related, ","),
		"visibility": p.Visibility, "lang": p.Lang,
		"timeline.started": rfc(p.Timeline.Started), "timeline.detected": rfc(p.Timeline.Detected),
		"timeline.acknowledged": rfc(p.Timeline.Acknowledged), "timeline.mitigated": rfc(p.Timeline.Mitigated),
		"timeline.resolved":  rfc(p.Timeline.Resolved),
		"time to detect":     dur(p.Timeline.TimeToDetect()),
		"time to mitigate":   dur(p.Timeline.TimeToMitigate()),
		"time to resolve":    dur(p.Timeline.TimeToResolve()),
		"extra":              fmt.Sprint(p.Extra),
		"action_items count": fmt.Sprint(len(p.ActionItems)),
	}
	for i, a := range p.ActionItems {
		m[fmt.Sprintf("action_items[%d]", i)] = strings.Join([]string{a.ID, a.Title, a.Owner, a.Due.String(),
			a.Status, a.Priority, a.Kind, a.Link, a.Closed.String()}, "|")
	}
	return m
}

// The contract's example, with every other field of the contract set too,
// in each front-matter language.
const (
	everyFieldYAML = `---
title: Checkout API returned 503 after TLS certificate expired
summary: The certificate of checkout expired.
id: 2024-03-14-checkout-cert
date: 2024-03-14T09:12:00+09:00
severity: SEV1
status: in-review
systems: [checkout-api, api-gateway]
teams: [payments]
causes: [expired-certificate, missing-alert]
trigger: certificate-expiry
detection: customer-report
commander: aiko
authors: [aiko, ben]
tags: [tls, pki]
timeline:
  started: 2024-03-14T09:12:00+09:00
  detected: 2024-03-14T09:31:00+09:00
  acknowledged: 2024-03-14T09:40:00+09:00
  mitigated: 2024-03-14T10:05:00+09:00
  resolved: 2024-03-14T11:40:00+09:00
impact: About 40% of checkout attempts failed for 53 minutes.
related: [2023-11-02-gateway-cert-rotation]
visibility: public
lang: ja
customer_ticket: ZD-1234
action_items:
  - title: Renew certificates automatically
    owner: ben
    due: 2024-04-01
    status: done
    closed: 2024-03-28
    priority: P1
    kind: prevent
    link: https://tracker.example.com/PAY-812
  - id: AI-7
    title: Alert 14 days before any certificate expires
    owner: aiko
    due: 2024-03-29
    kind: detect
---
Body.
`
	everyFieldTOML = `+++
title = "Checkout API returned 503 after TLS certificate expired"
summary = "The certificate of checkout expired."
id = "2024-03-14-checkout-cert"
date = 2024-03-14T09:12:00+09:00
severity = "SEV1"
status = "in-review"
systems = ["checkout-api", "api-gateway"]
teams = ["payments"]
causes = ["expired-certificate", "missing-alert"]
trigger = "certificate-expiry"
detection = "customer-report"
commander = "aiko"
authors = ["aiko", "ben"]
tags = ["tls", "pki"]
impact = "About 40% of checkout attempts failed for 53 minutes."
related = ["2023-11-02-gateway-cert-rotation"]
visibility = "public"
lang = "ja"
customer_ticket = "ZD-1234"

[timeline]
started = 2024-03-14T09:12:00+09:00
detected = 2024-03-14T09:31:00+09:00
acknowledged = 2024-03-14T09:40:00+09:00
mitigated = 2024-03-14T10:05:00+09:00
resolved = 2024-03-14T11:40:00+09:00

[[action_items]]
title = "Renew certificates automatically"
owner = "ben"
due = 2024-04-01
status = "done"
closed = 2024-03-28
priority = "P1"
kind = "prevent"
link = "https://tracker.example.com/PAY-812"

[[action_items]]
id = "AI-7"
title = "Alert 14 days before any certificate expires"
owner = "aiko"
due = 2024-03-29
kind = "detect"
+++
Body.
`
	everyFieldJSON = `{
  "title": "Checkout API returned 503 after TLS certificate expired",
  "summary": "The certificate of checkout expired.",
  "id": "2024-03-14-checkout-cert",
  "date": "2024-03-14T09:12:00+09:00",
  "severity": "SEV1",
  "status": "in-review",
  "systems": ["checkout-api", "api-gateway"],
  "teams": ["payments"],
  "causes": ["expired-certificate", "missing-alert"],
  "trigger": "certificate-expiry",
  "detection": "customer-report",
  "commander": "aiko",
  "authors": ["aiko", "ben"],
  "tags": ["tls", "pki"],
  "timeline": {
    "started": "2024-03-14T09:12:00+09:00",
    "detected": "2024-03-14T09:31:00+09:00",
    "acknowledged": "2024-03-14T09:40:00+09:00",
    "mitigated": "2024-03-14T10:05:00+09:00",
    "resolved": "2024-03-14T11:40:00+09:00"
  },
  "impact": "About 40% of checkout attempts failed for 53 minutes.",
  "related": ["2023-11-02-gateway-cert-rotation"],
  "visibility": "public",
  "lang": "ja",
  "customer_ticket": "ZD-1234",
  "action_items": [
    {"title": "Renew certificates automatically", "owner": "ben", "due": "2024-04-01", "status": "done",
     "closed": "2024-03-28", "priority": "P1", "kind": "prevent", "link": "https://tracker.example.com/PAY-812"},
    {"id": "AI-7", "title": "Alert 14 days before any certificate expires", "owner": "aiko", "due": "2024-03-29", "kind": "detect"}
  ]
}

Body.
`
)

// TestEveryContractField reads a postmortem that sets every field of the
// content contract, in YAML, TOML and JSON front matter (the contract: "all
// three must work"), and checks each field's value, the derived durations
// and that a field the contract does not define is kept.
func TestEveryContractField(t *testing.T) {
	want := map[string]string{
		"title":                 "Checkout API returned 503 after TLS certificate expired",
		"summary":               "The certificate of checkout expired.",
		"id":                    "2024-03-14-checkout-cert",
		"date":                  "2024-03-14T09:12:00+09:00",
		"severity":              "SEV1",
		"status":                "in-review",
		"systems":               "checkout-api,api-gateway",
		"teams":                 "payments",
		"causes":                "expired-certificate,missing-alert",
		"trigger":               "certificate-expiry",
		"detection":             "customer-report",
		"commander":             "aiko",
		"authors":               "aiko,ben",
		"tags":                  "tls,pki",
		"impact":                "About 40% of checkout attempts failed for 53 minutes.",
		"related":               "2023-11-02-gateway-cert-rotation",
		"visibility":            "public",
		"lang":                  "ja",
		"timeline.started":      "2024-03-14T09:12:00+09:00",
		"timeline.detected":     "2024-03-14T09:31:00+09:00",
		"timeline.acknowledged": "2024-03-14T09:40:00+09:00",
		"timeline.mitigated":    "2024-03-14T10:05:00+09:00",
		"timeline.resolved":     "2024-03-14T11:40:00+09:00",
		"time to detect":        "19m0s",
		"time to mitigate":      "53m0s",
		"time to resolve":       "2h28m0s",
		"extra":                 "map[customer_ticket:ZD-1234]",
		"action_items count":    "2",
		// id defaults to the position; status to open.
		"action_items[0]": "1|Renew certificates automatically|ben|2024-04-01|done|P1|prevent|https://tracker.example.com/PAY-812|2024-03-28",
		"action_items[1]": "AI-7|Alert 14 days before any certificate expires|aiko|2024-03-29|open||detect||",
	}
	cfg := model.DefaultSiteConfig()
	for name, text := range map[string]string{"yaml": everyFieldYAML, "toml": everyFieldTOML, "json": everyFieldJSON} {
		p, diags := source.ParseFile("content/postmortems/2024/cert.md", []byte(text), &cfg)
		if p == nil || diags.Len() != 0 {
			t.Fatalf("%s: %v\n%s", name, p, diags)
		}
		got := contractFields(p)
		for _, k := range slices.Sorted(maps.Keys(want)) {
			if got[k] != want[k] {
				t.Errorf("%s: %s = %q, want %q", name, k, got[k], want[k])
			}
		}
		if strings.TrimSpace(p.Body) != "Body." {
			t.Errorf("%s: body %q", name, p.Body)
		}
	}
}

// TestContractDefaults checks the contract's defaults: id from the file
// name, status published, visibility internal, lang the site's language,
// an action item's id its position and its status open, and a date or
// time without an offset read in the site's time zone.
func TestContractDefaults(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	cfg.Language = "ja"
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	cfg.TimeZone = tokyo
	for name, text := range map[string]string{
		"yaml": "---\ntitle: T\ndate: 2024-03-14\nseverity: SEV2\nsystems: [a]\ncauses: [b]\n" +
			"timeline:\n  started: 2024-03-14T09:12:00\naction_items:\n  - title: Fix\n    owner: o\n  - title: Also\n    owner: o\n---\n",
		"toml": "+++\ntitle = \"T\"\ndate = 2024-03-14\nseverity = \"SEV2\"\nsystems = [\"a\"]\ncauses = [\"b\"]\n" +
			"[timeline]\nstarted = 2024-03-14T09:12:00\n[[action_items]]\ntitle = \"Fix\"\nowner = \"o\"\n[[action_items]]\ntitle = \"Also\"\nowner = \"o\"\n+++\n",
		"json": "{\n\"title\": \"T\", \"date\": \"2024-03-14\", \"severity\": \"SEV2\", \"systems\": [\"a\"], \"causes\": [\"b\"],\n" +
			"\"timeline\": {\"started\": \"2024-03-14T09:12:00\"}, \"action_items\": [{\"title\": \"Fix\", \"owner\": \"o\"}, {\"title\": \"Also\", \"owner\": \"o\"}]\n}\n",
	} {
		p, diags := source.ParseFile("content/postmortems/2024/2024-03-14-dns.md", []byte(text), &cfg)
		if p == nil || diags.Len() != 0 {
			t.Fatalf("%s: %v\n%s", name, p, diags)
		}
		got := contractFields(p)
		for k, v := range map[string]string{
			"id": "2024-03-14-dns", "status": "published", "visibility": "internal", "lang": "ja",
			"date": "2024-03-14T00:00:00+09:00", "timeline.started": "2024-03-14T09:12:00+09:00",
			"action_items[0]": "1|Fix|o||open||||", "action_items[1]": "2|Also|o||open||||",
		} {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", name, k, got[k], v)
			}
		}
		if d := p.Day(); d.String() != "2024-03-14" {
			t.Errorf("%s: day %s, want 2024-03-14 (the date as written, in every zone)", name, d)
		}
	}
}

// TestPostmortemsInSubFolders checks that postmortems are read anywhere
// under content/postmortems/ ("sub-folders allowed"), each with its file
// name as its id, and that nothing outside it is read: a postmortem
// there gets a files/not-read warning (QA 14 A-F11).
func TestPostmortemsInSubFolders(t *testing.T) {
	pm := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2024-01-02\nseverity: SEV3\nsystems: [a]\ncauses: [b]\n---\n")}
	}
	fsys := fstest.MapFS{
		"content/postmortems/top.md":                  pm("Top"),
		"content/postmortems/2024/mid.md":             pm("Mid"),
		"content/postmortems/2024/q1/deep.md":         pm("Deep"),
		"content/other/not-a-postmortem.md":           pm("Other"),
		"content/postmortems-archive/also-not-one.md": pm("Archive"),
	}
	cfg := model.DefaultSiteConfig()
	pms, diags := source.Load(fsys, &cfg)
	diags.Sort()
	var notRead []string
	for _, d := range diags.Items() {
		if d.Rule == source.RuleNotRead {
			notRead = append(notRead, d.Pos.Path)
		}
	}
	if diags.Len() != 2 || !slices.Equal(notRead, []string{"content/other/not-a-postmortem.md", "content/postmortems-archive/also-not-one.md"}) {
		t.Fatalf("problems:\n%s\nwant a files/not-read warning for each file outside content/postmortems/", diags)
	}
	var got []string
	for _, p := range pms {
		got = append(got, p.ID+"="+p.Path)
	}
	want := []string{"mid=content/postmortems/2024/mid.md", "deep=content/postmortems/2024/q1/deep.md", "top=content/postmortems/top.md"}
	if !slices.Equal(got, want) {
		t.Errorf("loaded %q, want %q", got, want)
	}
}

// TestConfigEveryKey reads a pmkb.toml and a pmkb.yaml that set every
// key of the site configuration (issue 2: title, base URL, language,
// ordered severity levels with labels and colours, the cause vocabulary
// with names and descriptions, the systems catalog with owning teams,
// today) and checks each value.
func TestConfigEveryKey(t *testing.T) {
	files := map[string]string{
		"pmkb.toml": `title = "Acme postmortems"
baseURL = "https://intra.example/pm/"
language = "ja"
timeZone = "Asia/Tokyo"
today = 2024-05-01
repository = "https://git.example/pm/edit/main/"
unsafeHTML = true
maxFileBytes = 4096
repeatWindowDays = 90

[[severities]]
level = "P1"
label = "Critical"
color = "#b60205"

[[severities]]
level = "P2"

[causes.dns]
name = "DNS"
description = "Name resolution failed"

[causes.capacity]

[systems.checkout-api]
name = "Checkout API"
team = "payments"
description = "Takes the money"

[lint]
rules = { "completeness/timeline" = "error" }
allow = ["abc123"]
`,
		"pmkb.yaml": `title: Acme postmortems
baseURL: https://intra.example/pm/
language: ja
timeZone: Asia/Tokyo
today: 2024-05-01
repository: https://git.example/pm/edit/main/
unsafeHTML: true
maxFileBytes: 4096
repeatWindowDays: 90
severities:
  - level: P1
    label: Critical
    color: "#b60205"
  - level: P2
causes:
  dns:
    name: DNS
    description: Name resolution failed
  capacity:
systems:
  checkout-api:
    name: Checkout API
    team: payments
    description: Takes the money
lint:
  rules:
    completeness/timeline: error
  allow: [abc123]
`,
	}
	if _, err := time.LoadLocation("Asia/Tokyo"); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		cfg, read, diags := source.LoadConfig(fstest.MapFS{name: {Data: []byte(data)}})
		if read != name || diags.Len() != 0 {
			t.Fatalf("%s: read %q\n%s", name, read, diags)
		}
		got := map[string]string{
			"title": cfg.Title, "baseURL": cfg.BaseURL, "language": cfg.Language, "timeZone": cfg.TimeZone.String(),
			"today": cfg.Today.String(), "repository": cfg.Repository, "unsafeHTML": fmt.Sprint(cfg.UnsafeHTML),
			"maxFileBytes": fmt.Sprint(cfg.MaxFileBytes), "repeatWindowDays": fmt.Sprint(cfg.RepeatWindowDays),
			"severities": fmt.Sprint(cfg.Severities), "causes": fmt.Sprint(cfg.Causes), "systems": fmt.Sprint(cfg.Systems),
			"lint.rules": fmt.Sprint(cfg.LintRules), "lint.allow": fmt.Sprint(cfg.LintAllow),
		}
		for k, v := range map[string]string{
			"title": "Acme postmortems", "baseURL": "https://intra.example/pm/", "language": "ja", "timeZone": "Asia/Tokyo",
			"today": "2024-05-01", "repository": "https://git.example/pm/edit/main/", "unsafeHTML": "true",
			"maxFileBytes": "4096", "repeatWindowDays": "90",
			// In the order written, worst first; a level without a
			// label is labelled by its level.
			"severities": "[{P1 Critical #b60205} {P2 P2 }]",
			// By slug; an entry without a name is named by its slug.
			"causes":     "[{capacity capacity } {dns DNS Name resolution failed}]",
			"systems":    "[{checkout-api Checkout API payments Takes the money}]",
			"lint.rules": "map[completeness/timeline:error]",
			"lint.allow": "[abc123]",
		} {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", name, k, got[k], v)
			}
		}
	}
}

// TestConfigMistakes checks config mistakes the other tests do not: an
// unknown key under [lint] and in YAML is named with its line, and a
// severity listed twice or without a level is an error at its line, the
// other levels still read.
func TestConfigMistakes(t *testing.T) {
	for _, tt := range []struct {
		file, data, want string
		levels           string
	}{
		{"pmkb.toml", "[lint]\nignore = [\"x\"]\n",
			`pmkb.toml:2: unknown config key "ignore" in lint (known keys: rules, allow)`, "SEV1,SEV2,SEV3,SEV4"},
		{"pmkb.yaml", "titel: x\nsystems:\n  web:\n    owner: sre\n",
			"pmkb.yaml:1: unknown config key \"titel\"; did you mean \"title\"?\n" +
				`pmkb.yaml:4: unknown config key "owner" in systems.web (known keys: name, team, description)`, "SEV1,SEV2,SEV3,SEV4"},
		{"pmkb.toml", "[[severities]]\nlevel = \"P1\"\n\n[[severities]]\nlevel = \"P2\"\n\n[[severities]]\nlevel = \"P1\"\n",
			`pmkb.toml:7: severity level "P1" is listed twice (first at line 1)`, "P1,P2"},
		{"pmkb.yaml", "severities:\n  - level: P1\n  - label: Major\n  - level: P3\n",
			`pmkb.yaml:3: severities[1] has no level`, "P1,P3"},
	} {
		cfg, _, diags := source.LoadConfig(fstest.MapFS{tt.file: {Data: []byte(tt.data)}})
		if got := strings.TrimSpace(diags.String()); got != tt.want {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.file, tt.data, got, tt.want)
		}
		var levels []string
		for _, s := range cfg.Severities {
			levels = append(levels, s.Level)
		}
		if got := strings.Join(levels, ","); got != tt.levels {
			t.Errorf("%s %q: levels %s, want %s", tt.file, tt.data, got, tt.levels)
		}
	}
}

// TestOwnFieldsAreNotMisspellings checks the contract's rule for fields it
// does not define: they are kept (for the JSON export), and a warning is
// in order only when one looks like a misspelt known field. A team's own
// field named after a known one (summary_ja, related_to) or a word that
// merely resembles one (created, two edits from related) is no
// misspelling (audit 10: both got "did you mean").
func TestOwnFieldsAreNotMisspellings(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	for _, tt := range []struct{ field, near string }{
		{"severty", "severity"},
		{"Severity", "severity"},
		{"action-items", "action_items"},
		{"actionitems", "action_items"},
		{"timline", "timeline"},
		{"timelines", "timeline"},
		{"sumary", "summary"},
		{"data", "date"},
		{"source", ""},
		{"customer_ticket", ""},
		{"on_call", ""},
		{"created", ""},
		{"updated", ""},
		{"summary_ja", ""},
		{"title_en", ""},
		{"related_to", ""},
		{"title2", ""},
	} {
		text := "---\ntitle: T\ndate: 2024-01-02\nseverity: SEV2\nsystems: [a]\ncauses: [b]\n" + tt.field + ": x\n---\n"
		p, diags := source.ParseFile("content/postmortems/x.md", []byte(text), &cfg)
		if p == nil {
			t.Fatalf("%s: %s", tt.field, diags)
		}
		want := ""
		if tt.near != "" {
			want = fmt.Sprintf("content/postmortems/x.md:7: warning: unknown field %q; did you mean %q?", tt.field, tt.near)
		}
		if got := strings.TrimSpace(diags.String()); got != want {
			t.Errorf("%s: got %q, want %q", tt.field, got, want)
		}
		if p.Extra[tt.field] != "x" {
			t.Errorf("%s: not kept: %v", tt.field, p.Extra)
		}
	}
}

// TestFullWidthCatalogKeys checks that a cause or system key typed in
// full-width letters (ＤＮＳ) is folded as the postmortems' values are
// (NFKC): the config error proposes the ASCII slug and postmortems that
// write dns match it (audit 10: the error said to write [causes.ｄｎｓ],
// and every postmortem's dns was told to write ｄｎｓ, which it folds back
// to dns).
func TestFullWidthCatalogKeys(t *testing.T) {
	fsys := fstest.MapFS{
		"pmkb.toml":                {Data: []byte("[causes.\"ＤＮＳ\"]\n[systems.\"ａｐｉ\"]\n")},
		"content/postmortems/x.md": {Data: []byte("---\ntitle: T\ndate: 2024-01-02\nseverity: SEV2\nsystems: [api]\ncauses: [dns]\n---\n")},
	}
	cfg, _, diags := source.LoadConfig(fsys)
	pms, ld := source.Load(fsys, &cfg)
	diags.Merge(ld)
	diags.Merge(validate.Postmortems(&cfg, pms, nil))
	want := "pmkb.toml:1: causes key \"ＤＮＳ\" is not a slug; write [causes.dns] with name = \"ＤＮＳ\"\n" +
		"pmkb.toml:2: systems key \"ａｐｉ\" is not a slug; write [systems.api] with name = \"ａｐｉ\""
	if got := strings.TrimSpace(diags.String()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if c, ok := cfg.Cause("dns"); !ok || c.Name != "dns" {
		t.Errorf("cause dns: %+v, %v", c, ok)
	}
}

// TestEmptyIDIsTheFileName checks that an empty id: (id:, id: "", a
// template's blank) leaves the id the contract's default, the file name,
// as an empty status:, visibility: or lang: leaves theirs (audit 10: it
// was the id "", an error).
func TestEmptyIDIsTheFileName(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	for name, text := range map[string]string{
		"yaml null":  "---\ntitle: T\nid:\ndate: 2024-01-02\nseverity: SEV2\nsystems: [a]\ncauses: [b]\nstatus:\nvisibility:\nlang:\n---\n",
		"yaml blank": "---\ntitle: T\nid: \"  \"\ndate: 2024-01-02\nseverity: SEV2\nsystems: [a]\ncauses: [b]\n---\n",
		"toml":       "+++\ntitle = \"T\"\nid = \"\"\ndate = 2024-01-02\nseverity = \"SEV2\"\nsystems = [\"a\"]\ncauses = [\"b\"]\n+++\n",
		"json":       "{\n\"title\": \"T\", \"id\": \"\", \"date\": \"2024-01-02\", \"severity\": \"SEV2\", \"systems\": [\"a\"], \"causes\": [\"b\"]\n}\n",
	} {
		p, diags := source.ParseFile("content/postmortems/2024/2024-01-02-dns.md", []byte(text), &cfg)
		if p == nil {
			t.Fatalf("%s: %s", name, diags)
		}
		diags.Merge(validate.Postmortems(&cfg, []*model.Postmortem{p}, nil))
		if p.ID != "2024-01-02-dns" || p.Status != model.StatusPublished || p.Visibility != model.VisibilityInternal || p.Lang != "en" || diags.Len() != 0 {
			t.Errorf("%s: id %q, status %q, visibility %q, lang %q\n%s", name, p.ID, p.Status, p.Visibility, p.Lang, diags)
		}
	}
}

// TestEmptyDateIsMissing checks that date, a required field, written
// empty (date:, date: "") is reported missing at its line, while a date
// that does not parse gets its own error alone (audit 10: an empty date
// was no error at all, and the postmortem was built as of 0001-01-01).
func TestEmptyDateIsMissing(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	const missing = `content/postmortems/x.md:3: missing required field "date" (when the incident started, e.g. 2024-03-14)`
	for _, tt := range []struct{ text, want string }{
		{"---\ntitle: T\ndate:\nseverity: SEV2\nsystems: [a]\ncauses: [b]\n---\n", missing},
		{"---\ntitle: T\ndate: \"\"\nseverity: SEV2\nsystems: [a]\ncauses: [b]\n---\n", missing},
		{"+++\ntitle = \"T\"\ndate = \"\"\nseverity = \"SEV2\"\nsystems = [\"a\"]\ncauses = [\"b\"]\n+++\n", missing},
		{"---\ntitle: T\ndate: 2024-02-30\nseverity: SEV2\nsystems: [a]\ncauses: [b]\n---\n",
			`content/postmortems/x.md:3: date: "2024-02-30" is not a date (want YYYY-MM-DD or an RFC 3339 time)`},
		{"---\ntitle: T\ndate: [2024-01-02]\nseverity: SEV2\nsystems: [a]\ncauses: [b]\n---\n",
			`content/postmortems/x.md:3: date must be text, not a list`},
	} {
		p, diags := source.ParseFile("content/postmortems/x.md", []byte(tt.text), &cfg)
		if p == nil {
			t.Fatalf("%q: %s", tt.text, diags)
		}
		diags.Merge(validate.Postmortems(&cfg, []*model.Postmortem{p}, nil))
		if got := strings.TrimSpace(diags.String()); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
