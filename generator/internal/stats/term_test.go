package stats

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pmkb/pmkb/generator/internal/termtext"
	"github.com/pmkb/pmkb/generator/model"
)

func TestForTerm(t *testing.T) {
	kb := fixture(t)
	tests := []struct {
		kind, slug string
		n          int
		perQuarter []PeriodCount
		repeats    int
		chains     int
		open       []string
	}{
		// The quarters run on to today's (2024-07-01): api had none since Q1.
		{KindSystem, "api", 2, []PeriodCount{{"2024-Q1", 2}, {"2024-Q2", 0}, {"2024-Q3", 0}}, 1, 1, []string{"p1#AI-2"}},
		{KindSystem, " DB", 2, []PeriodCount{{"2024-Q1", 1}, {"2024-Q2", 1}, {"2024-Q3", 0}}, 0, 0, []string{"p1#AI-2", "p3#AI-1"}},
		{KindCause, "capacity", 2, []PeriodCount{{"2024-Q1", 1}, {"2024-Q2", 1}, {"2024-Q3", 0}}, 1, 0, []string{"p3#AI-1"}},
		{KindCause, "bad-deploy", 1, []PeriodCount{{"2024-Q2", 1}, {"2024-Q3", 0}}, 0, 0, []string{}},
		{KindCause, "api", 0, []PeriodCount{}, 0, 0, []string{}}, // a system, not a cause
		{KindSystem, "nowhere", 0, []PeriodCount{}, 0, 0, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.slug, func(t *testing.T) {
			r := ForTerm(kb, tt.kind, tt.slug, Options{})
			var open []string
			for _, a := range r.OpenActions {
				open = append(open, a.Key)
			}
			if open == nil {
				open = []string{}
			}
			got := []any{r.Postmortems, r.PerQuarter, r.Repeats, len(r.Chains), open}
			want := []any{tt.n, tt.perQuarter, tt.repeats, tt.chains, tt.open}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			if err := xml.Unmarshal(r.Chart(words(t, "en"), ""), new(struct{})); err != nil {
				t.Errorf("chart is not XML: %v", err)
			}
			// The title names the term: by the name given, else its slug.
			if got := string(r.Chart(words(t, "en"), "Named <term>")); !strings.Contains(got, "Incidents per quarter: Named &lt;term&gt;</title>") {
				t.Errorf("chart title without the name:\n%.300s", got)
			}
			if got := string(r.Chart(words(t, "en"), "")); !strings.Contains(got, "Incidents per quarter: "+r.Key+"</title>") {
				t.Errorf("chart title without the slug %q:\n%.300s", r.Key, got)
			}
		})
	}
}

func TestForTermOverdueFirst(t *testing.T) {
	r := ForTerm(fixture(t), KindSystem, "db", Options{})
	if !r.OpenActions[0].Overdue || r.OpenActions[1].Overdue {
		t.Errorf("open actions = %+v; want the overdue one first", r.OpenActions)
	}
}

func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, Compute(fixture(t), Options{}), say(t, "en"), DefaultTop); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.txt", b.Bytes())
}

// TestWriteTextWindowUnit checks the unit of the repeat window's days
// ("repeat window 1 days" before).
func TestWriteTextWindowUnit(t *testing.T) {
	for _, tt := range []struct {
		days int
		want string
	}{{1, "repeat window 1 day\n"}, {2, "repeat window 2 days\n"}} {
		var b bytes.Buffer
		if err := WriteText(&b, Compute(fixture(t), Options{RepeatWindowDays: tt.days}), say(t, "en"), DefaultTop); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), tt.want) {
			t.Errorf("window %d: output lacks %q:\n%s", tt.days, tt.want, b.String())
		}
	}
}

func TestWriteTextCleansControlCharacters(t *testing.T) {
	evil := "api\x1b[2J\x1b]0;pwned\x07\n\u202eipa"
	// Every name the text prints: systems, causes, the detection source,
	// teams (of the action figures) and an open item's key (QA 16 A-F4:
	// a team reached the terminal raw and no test saw it).
	kb := newKB(time.UTC, day(t, "2024-07-01"), pm(t, "a", "2024-01-01", "SEV1", []string{evil}, []string{evil}, detection(evil),
		teams(evil), items(model.ActionItem{ID: evil, Title: evil, Owner: evil, Due: day(t, "2024-02-01")})))
	var b bytes.Buffer
	if err := WriteText(&b, Compute(kb, Options{}), say(t, "en"), DefaultTop); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(b.Bytes(), "\x1b\x07\u202e") {
		t.Errorf("control characters reached the terminal:\n%q", b.String())
	}
}

func TestWriteTextEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, Compute(newKB(nil, day(t, "2024-07-01")), Options{}), say(t, "en"), DefaultTop); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^Postmortems +0 +\(none\)\n`).Match(b.Bytes()) {
		t.Errorf("empty text:\n%s", b.String())
	}
}

func TestForTermsMatchesForTerm(t *testing.T) {
	kb := synthetic(300, 3)
	all := ForTerms(kb, Options{})
	if len(all.Systems) == 0 || len(all.Causes) == 0 {
		t.Fatal("no terms")
	}
	for kind, m := range map[string]map[string]*TermReport{KindSystem: all.Systems, KindCause: all.Causes} {
		for k, got := range m {
			if d := cmp.Diff(ForTerm(kb, kind, k, Options{}), got); d != "" {
				t.Fatalf("%s %s (-ForTerm +ForTerms):\n%s", kind, k, d)
			}
		}
	}
}

// TestWriteTextAlignsByDisplayWidth: a kanji takes two terminal columns,
// a half-width katakana one, so a column after Japanese names (teams,
// systems, causes) and Japanese durations starts at the same display
// column on every row of its table (qa7-a #19: the padding counted runes).
func TestWriteTextAlignsByDisplayWidth(t *testing.T) {
	kb := newKB(time.UTC, day(t, "2024-07-01"),
		pm(t, "p1", "2024-01-10", "SEV1", []string{"社内ネットワーク"}, []string{"キャパシティ不足"}, teams("決済チーム"),
			timeline(t, "2024-01-10T00:00:00Z", 10, 30, 148),
			items(model.ActionItem{ID: "AI-1", Title: "監視を追加する", Owner: "佐藤", Due: day(t, "2024-02-01")})),
		pm(t, "p2", "2024-02-15", "SEV2", []string{"ﾊﾞｯﾁ処理基盤"}, []string{"capacity"}, teams("SRE チーム"),
			timeline(t, "2024-02-15T00:00:00Z", 4, 19, 1560),
			items(model.ActionItem{ID: "AI-1", Title: "Autoscale", Owner: "cy"})),
		pm(t, "p3", "2024-04-02", "SEV2", []string{"db"}, []string{"ｺﾝﾃﾅ"}, teams("core"),
			items(model.ActionItem{ID: "AI-1", Title: "Add replicas", Owner: "dee"})),
	)
	var b bytes.Buffer
	if err := WriteText(&b, Compute(kb, Options{}), say(t, "ja"), DefaultTop); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\x00") {
		t.Fatalf("fill bytes reached the output:\n%q", out)
	}
	// col is the display column where the cell after lead starts on the
	// line that begins with lead.
	col := func(lead string) int {
		t.Helper()
		for line := range strings.Lines(out) {
			if rest, ok := strings.CutPrefix(line, lead); ok {
				return termtext.Width(lead) + len(rest) - len(strings.TrimLeft(rest, " "))
			}
		}
		t.Fatalf("no line starts with %q:\n%s", lead, out)
		return 0
	}
	for _, table := range [][]string{
		{"Action items", "  決済チーム", "  SRE チーム", "  core"},
		{"Systems", "  社内ネットワーク", "  ﾊﾞｯﾁ処理基盤", "  db"},
		{"Causes", "  キャパシティ不足", "  capacity", "  ｺﾝﾃﾅ"},
		{"Durations", "  time to resolve", "    SEV1"},
	} {
		want := col(table[0])
		for _, lead := range table[1:] {
			if got := col(lead); got != want {
				t.Errorf("%q: next column at display column %d, want %d (as on %q):\n%s", lead, got, want, table[0], out)
			}
		}
	}
	// The durations are Japanese too; the column after them lines up.
	resolve := regexp.MustCompile(`(?m)^  time to resolve +\S+ +(\S+ +)`).FindStringSubmatch(out)
	sev1 := regexp.MustCompile(`(?m)^    SEV1 +\S+ +(\S+ +)`).FindStringSubmatch(out)
	if resolve == nil || sev1 == nil {
		t.Fatalf("no duration rows:\n%s", out)
	}
	if !strings.ContainsAny(resolve[1]+sev1[1], "時分") {
		t.Fatalf("durations %q %q are not Japanese", resolve[1], sev1[1])
	}
	if a, b := termtext.Width(resolve[1]), termtext.Width(sev1[1]); a != b {
		t.Errorf("median cells %q and %q take %d and %d columns, want equal:\n%s", resolve[1], sev1[1], a, b, out)
	}
}

// TestWriteTextTop checks that the long lists show top rows, then a line
// with how many more and how to see them, all with top 0, and that no line
// ends in spaces (QA 13 F9: "… 5 more" gave no way to see the rest, and
// it and the "Cause changes" header were padded with spaces).
func TestWriteTextTop(t *testing.T) {
	r := Compute(fixture(t), Options{})
	if len(r.CauseShare) < 3 || len(r.SystemSeverity.Rows) < 3 {
		t.Fatalf("the fixture has %d causes and %d systems; the test needs 3 of each", len(r.CauseShare), len(r.SystemSeverity.Rows))
	}
	for _, top := range []int{2, 0, DefaultTop} {
		var b bytes.Buffer
		if err := WriteText(&b, r, say(t, "en"), top); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for i, line := range strings.Split(out, "\n") {
			if strings.HasSuffix(line, " ") {
				t.Errorf("top %d: line %d ends in spaces: %q", top, i+1, line)
			}
		}
		shown := len(r.CauseShare)
		if top > 0 {
			shown = min(shown, top)
		}
		for i, c := range r.CauseShare {
			if got := strings.Contains(out, "\n  "+c.Key+" "); got != (i < shown) {
				t.Errorf("top %d: cause %d (%s) listed: %v", top, i+1, c.Key, got)
			}
		}
		wantMore := ""
		if n := len(r.CauseShare) - shown; n > 0 {
			wantMore = fmt.Sprintf("  … %d more (--top 0 shows all)\n\nCause changes", n)
		}
		if wantMore != "" && !strings.Contains(out, wantMore) || wantMore == "" && strings.Contains(out, "more (--top") {
			t.Errorf("top %d: want %q under the causes:\n%s", top, wantMore, out)
		}
	}
}
