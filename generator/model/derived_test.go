package model

import (
	"fmt"
	"testing"
	"time"
)

// TestDerivedDurations checks the contract's derived figures: time to
// detect = detected − started, to mitigate = mitigated − started, to
// resolve = resolved − started, each only when both moments are recorded,
// across time zones (instants, not wall clocks).
func TestDerivedDurations(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	full := Timeline{
		Started:      at("2024-03-14T09:12:00+09:00"),
		Detected:     at("2024-03-14T00:31:00Z"), // 09:31 in Tokyo
		Acknowledged: at("2024-03-14T09:40:00+09:00"),
		Mitigated:    at("2024-03-14T10:05:00+09:00"),
		Resolved:     at("2024-03-14T11:40:00+09:00"),
	}
	for _, tt := range []struct {
		name          string
		tl            Timeline
		ttd, ttm, ttr string // "-" when not computable
	}{
		{"all moments", full, "19m0s", "53m0s", "2h28m0s"},
		{"no start", Timeline{Detected: full.Detected, Mitigated: full.Mitigated, Resolved: full.Resolved}, "-", "-", "-"},
		{"only resolved", Timeline{Started: full.Started, Resolved: full.Resolved}, "-", "-", "2h28m0s"},
		{"only mitigated", Timeline{Started: full.Started, Mitigated: full.Mitigated}, "-", "53m0s", "-"},
		{"acknowledged is not detected", Timeline{Started: full.Started, Acknowledged: full.Acknowledged}, "-", "-", "-"},
	} {
		show := func(d time.Duration, ok bool) string {
			if !ok {
				return "-"
			}
			return d.String()
		}
		got := [3]string{show(tt.tl.TimeToDetect()), show(tt.tl.TimeToMitigate()), show(tt.tl.TimeToResolve())}
		if want := [3]string{tt.ttd, tt.ttm, tt.ttr}; got != want {
			t.Errorf("%s: detect, mitigate, resolve = %q, want %q", tt.name, got, want)
		}
	}
}

// TestTimelineMoments checks that Set stores each of the contract's five
// moments in its own field, refuses other names, and that Moments returns
// the recorded ones in the contract's order, whatever order they were set
// in.
func TestTimelineMoments(t *testing.T) {
	base := time.Date(2024, 3, 14, 9, 0, 0, 0, time.UTC)
	var tl Timeline
	for i := len(TimelineFields) - 1; i >= 0; i-- {
		if !tl.Set(TimelineFields[i], base.Add(time.Duration(i)*time.Minute)) {
			t.Fatalf("Set(%q) refused", TimelineFields[i])
		}
	}
	if tl.Set("closed", base) {
		t.Error(`Set("closed") accepted an unknown moment`)
	}
	fields := []time.Time{tl.Started, tl.Detected, tl.Acknowledged, tl.Mitigated, tl.Resolved}
	for i, name := range TimelineFields {
		if want := base.Add(time.Duration(i) * time.Minute); !fields[i].Equal(want) {
			t.Errorf("%s = %v, want %v", name, fields[i], want)
		}
	}
	got := fmt.Sprint(tl.Moments())
	want := fmt.Sprint([]Moment{
		{"started", base}, {"detected", base.Add(time.Minute)}, {"acknowledged", base.Add(2 * time.Minute)},
		{"mitigated", base.Add(3 * time.Minute)}, {"resolved", base.Add(4 * time.Minute)},
	})
	if got != want {
		t.Errorf("Moments() = %s\nwant %s", got, want)
	}
	tl.Detected = time.Time{}
	if m := tl.Moments(); len(m) != 4 || m[1].Name != "acknowledged" {
		t.Errorf("without detected, Moments() = %v", m)
	}
}

// TestOverdue checks the contract's rule: an action item is overdue when
// it is not done/wont-do and its due date is before today (due today is
// not overdue yet; no due date is never overdue).
func TestOverdue(t *testing.T) {
	today := Date{2024, 5, 10}
	for _, tt := range []struct {
		status string
		due    Date
		want   bool
		days   int
	}{
		{ActionOpen, Date{2024, 5, 9}, true, 1},
		{ActionInProgress, Date{2024, 4, 10}, true, 30},
		{ActionOpen, Date{2024, 5, 10}, false, 0},
		{ActionOpen, Date{2024, 5, 11}, false, 0},
		{ActionOpen, Date{}, false, 0},
		{ActionDone, Date{2024, 5, 9}, false, 0},
		{ActionWontDo, Date{2024, 5, 9}, false, 0},
	} {
		a := ActionItem{Status: tt.status, Due: tt.due}
		if got := a.Overdue(today); got != tt.want {
			t.Errorf("%s due %q: Overdue = %v, want %v", tt.status, tt.due, got, tt.want)
		}
		if got := a.DaysOverdue(today); got != tt.days {
			t.Errorf("%s due %q: DaysOverdue = %d, want %d", tt.status, tt.due, got, tt.days)
		}
		if closed := tt.status == ActionDone || tt.status == ActionWontDo; a.IsClosed() != closed {
			t.Errorf("%s: IsClosed = %v", tt.status, a.IsClosed())
		}
	}
}

// TestDocumentStates checks Draft and Public, which decide what a build
// leaves out: only status draft is a draft (in-review is built), and only
// visibility public is public (internal is the default).
func TestDocumentStates(t *testing.T) {
	for _, tt := range []struct {
		status, visibility string
		draft, public      bool
	}{
		{StatusDraft, VisibilityInternal, true, false},
		{StatusInReview, VisibilityPublic, false, true},
		{StatusPublished, "", false, false},
	} {
		p := Postmortem{Status: tt.status, Visibility: tt.visibility}
		if p.Draft() != tt.draft || p.Public() != tt.public {
			t.Errorf("status %q visibility %q: Draft %v Public %v, want %v %v", tt.status, tt.visibility, p.Draft(), p.Public(), tt.draft, tt.public)
		}
	}
}

// TestSeverityOrder checks that the configured levels keep their order,
// worst first, and that an unknown level ranks after all of them.
func TestSeverityOrder(t *testing.T) {
	cfg := DefaultSiteConfig()
	for i, want := range []string{"SEV1", "SEV2", "SEV3", "SEV4"} {
		if r, ok := cfg.SeverityRank(want); !ok || r != i {
			t.Errorf("rank of %s = %d, %v; want %d", want, r, ok, i)
		}
	}
	if r, ok := cfg.SeverityRank("SEV5"); ok || r != 4 {
		t.Errorf("rank of SEV5 = %d, %v; want 4, false", r, ok)
	}
	if s, ok := cfg.Severity("SEV1"); !ok || s.Label != "Critical" {
		t.Errorf("SEV1 = %+v, %v", s, ok)
	}
}
