package export

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
	"github.com/pmkb/pmkb/generator/model"
)

// hostileStrings are texts every hand-written encoder must treat as
// encoding/json and the iCalendar escaping do.
var hostileStrings = []string{
	"", "plain", `quote " backslash \ slash /`, "<script>&amp;</script>", "tab\there\nnew\r\nline\rcr",
	"\x00\x01\x1f\x7f\b\f", "\u2028\u2029", "bad \xff\xfe utf8 \xc3", "\xed\xa0\x80 surrogate", "日本語のテキスト、です。",
	"comma, semi; back\\slash", "C1 \u0085\u009f controls", "emoji 🙂 \U0010FFFF", "\r\n\r\r\n\n", "\xff\r\n\xff\xff,",
	"\uFFFD already", "a\u200bb", strings.Repeat("long ", 40),
}

// encodingJSON is what api/postmortems.json and api/actions.json were
// before they had their own writer: json.Encoder with two-space indent.
func encodingJSON(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// hostileKB is a knowledge base whose every text field is hostile, with
// front-matter extras of every kind.
func hostileKB() *model.KnowledgeBase {
	cfg := model.DefaultSiteConfig()
	cfg.BaseURL = "https://kb.example.com/p m/"
	start := time.Date(2024, 3, 14, 9, 30, 0, 0, time.FixedZone("JST", 9*3600))
	var pms []*model.Postmortem
	for i, s := range hostileStrings {
		p := &model.Postmortem{ID: "pm-" + string(rune('a'+i)) + s, Path: "content/" + s + ".md", Title: s, Summary: s,
			Date: start.AddDate(0, 0, i), Severity: "SEV2", Status: s, Visibility: s, Lang: s,
			Systems: []string{s, "api"}, Teams: []string{s}, Causes: []string{s}, Trigger: s, Detection: s,
			Commander: s, Authors: []string{s, s}, Tags: []string{s}, Impact: s, Related: []string{"pm-a"},
			Extra: map[string]any{"s" + s: s, "n": i, "f": 1.5, "nan": math.NaN(), "list": []any{s, i, nil, true},
				"map": map[string]any{"k": s, "empty": map[string]any{}, "none": []any{}}, "when": start,
				"keys": map[any]any{1: "one", "1": "uno", true: s}}}
		if i%2 == 0 {
			p.Timeline = model.Timeline{Started: start, Detected: start.Add(time.Duration(i) * time.Minute),
				Mitigated: start.Add(time.Hour), Resolved: start.Add(time.Duration(i) * 26 * time.Hour)}
			p.Extra = nil
		}
		for k := range i % 4 {
			p.ActionItems = append(p.ActionItems, model.ActionItem{ID: "AI-" + string(rune('1'+k)) + s, Title: s, Owner: s,
				Status: []string{"", "open", "done", "wont-do"}[k], Priority: s, Kind: s, Link: s,
				Due: model.Date{Year: 2024, Month: time.Month(1 + k), Day: 1 + i}, Closed: model.Date{Year: 2024 + k, Month: 5, Day: 6}})
		}
		pms = append(pms, p)
	}
	return model.New(cfg, model.Date{Year: 2024, Month: 4, Day: 1}, pms)
}

// TestJSONWriterMatchesEncodingJSON checks that the hand-written JSON of
// the API and the action items is byte for byte what encoding/json writes,
// on hostile text, the test fixture and a generated corpus.
func TestJSONWriterMatchesEncodingJSON(t *testing.T) {
	c := corpus.Generate(corpus.Options{N: 200, Seed: 3, Formats: true})
	for name, kb := range map[string]*model.KnowledgeBase{
		"hostile": hostileKB(), "fixture": actionstest.KB("/"), "corpus": corpustest.LoadFS(t, c.FS(), corpus.DefaultToday()),
		"empty": model.New(model.DefaultSiteConfig(), model.Date{Year: 2024, Month: 1, Day: 1}, nil),
	} {
		// The build writes it one postmortem at a time.
		s := newSite(kb, "pmkb <test>")
		got, err := postmortemsJSON(nil, kb, s)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(string(encodingJSON(t, postmortemsIndex(kb, s))), string(got)); d != "" {
			t.Errorf("%s: api/postmortems.json differs from encoding/json (-want +got):\n%s", name, d)
		}
		rows := actions.Rows(kb, actions.Filter{})
		var want bytes.Buffer
		if err := actions.WriteJSON(&want, rows); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want.String(), string(actionsJSON(nil, rows))); d != "" {
			t.Errorf("%s: api/actions.json differs from actions.WriteJSON (-want +got):\n%s", name, d)
		}
	}
	// nil lists are null, as encoding/json writes them
	w := &jsonWriter{}
	if err := w.postmortem(&APIPostmortem{}); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(encodingJSON(t, APIPostmortem{})), string(w.b)+"\n"); d != "" {
		t.Errorf("zero postmortem differs (-want +got):\n%s", d)
	}
}

// icsTextReference is icsText as first written, with the standard
// library's string functions.
func icsTextReference(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestICSTextMatchesReference(t *testing.T) {
	for _, s := range hostileStrings {
		if got, want := icsText(s), icsTextReference(s); got != want {
			t.Errorf("icsText(%q) = %q; want %q", s, got, want)
		}
	}
}

func FuzzICSText(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := icsText(s), icsTextReference(s); got != want {
			t.Errorf("icsText(%q) = %q; want %q", s, got, want)
		}
	})
}

func TestICSDate(t *testing.T) {
	for _, d := range []model.Date{{Year: 2024, Month: 3, Day: 4}, {Year: 999, Month: 12, Day: 31}, {Year: 12345, Month: 1, Day: 1},
		{Year: -5, Month: 1, Day: 1}, {Year: 2024, Month: 13, Day: 100}, {Year: 1, Month: 1, Day: 0}} {
		if got, want := icsDate(d), strings.ReplaceAll(d.String(), "-", ""); got != want && d.Year >= 0 {
			t.Errorf("icsDate(%#v) = %q; want %q", d, got, want)
		}
	}
}
