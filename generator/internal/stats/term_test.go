package stats

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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
		{KindSystem, "api", 2, []PeriodCount{{"2024-Q1", 2}}, 1, 1, []string{"p1#AI-2"}},
		{KindSystem, " DB", 2, []PeriodCount{{"2024-Q1", 1}, {"2024-Q2", 1}}, 0, 0, []string{"p1#AI-2", "p3#AI-1"}},
		{KindCause, "capacity", 2, []PeriodCount{{"2024-Q1", 1}, {"2024-Q2", 1}}, 1, 0, []string{"p3#AI-1"}},
		{KindCause, "bad-deploy", 1, []PeriodCount{{"2024-Q2", 1}}, 0, 0, []string{}},
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
	if err := WriteText(&b, Compute(fixture(t), Options{}), say(t, "en")); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.txt", b.Bytes())
}

func TestWriteTextCleansControlCharacters(t *testing.T) {
	evil := "api\x1b[2J\x1b]0;pwned\x07\n"
	kb := newKB(time.UTC, day(t, "2024-07-01"), pm(t, "a", "2024-01-01", "SEV1", []string{evil}, []string{evil}, detection(evil)))
	var b bytes.Buffer
	if err := WriteText(&b, Compute(kb, Options{}), say(t, "en")); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(b.Bytes(), "\x1b\x07") {
		t.Errorf("control characters reached the terminal:\n%q", b.String())
	}
}

func TestWriteTextEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, Compute(newKB(nil, day(t, "2024-07-01")), Options{}), say(t, "en")); err != nil {
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
