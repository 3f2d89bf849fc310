// Package model is pmkb's data: postmortems, their timelines and action
// items, the site configuration, and the derived figures every page and
// export shares. It does no I/O and imports only the standard library.
package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Document states (the postmortem's "status" field).
const (
	StatusDraft     = "draft"
	StatusInReview  = "in-review"
	StatusPublished = "published"
)

// Visibility values.
const (
	VisibilityInternal = "internal"
	VisibilityPublic   = "public"
)

// Postmortem is one incident write-up: a Markdown file's front-matter and its
// rendered body.
type Postmortem struct {
	// ID is the slug used in URLs and related:; defaults to the file name.
	ID string
	// Path is the file's slash-separated path relative to the site root,
	// e.g. "content/postmortems/2024/2024-03-14-cert.md".
	Path string

	Title      string
	Summary    string
	Date       time.Time
	Severity   string
	Status     string
	Systems    []string
	Teams      []string
	Causes     []string
	Trigger    string
	Detection  string
	Commander  string
	Authors    []string
	Tags       []string
	Timeline   Timeline
	Impact     string
	Related    []string
	Visibility string
	Lang       string

	ActionItems []ActionItem

	// Extra holds front-matter fields the contract does not define, keyed
	// by name, with their decoded values (strings, numbers, bools, lists,
	// maps). They are kept for the JSON export.
	Extra map[string]any

	// Body is the Markdown after the front-matter; BodyLine is the file line
	// it starts on.
	Body     string
	BodyLine int
	// HTML is the rendered body (goldmark output, already safe).
	HTML string
	// Text is the body as plain text, one block a line, for search.
	Text string
	// Headings holds the start and end in Text of each heading's line,
	// in pairs, so that Prose can leave them out without a second copy
	// of every body.
	Headings []int32
	// EscapedHTML notes every place of the body where raw HTML is shown
	// as text (an HTML block at its first such tag, a line of inline tags
	// at its first), and the first of each allowed tag that did not pair
	// up where it did not.
	EscapedHTML []EscapedHTML
	// Attachments are the files beside the postmortems that the body shows
	// or links to (images, PDFs, logs), as sorted slash-separated paths
	// relative to the site root; a build publishes each at AttachmentPath.
	Attachments []string

	// Lines maps a front-matter field ("severity", "timeline.detected",
	// "systems") to its 1-based line in the file; FrontMatterLine is the
	// line of the opening delimiter.
	Lines           map[string]int
	FrontMatterLine int
	// FrontMatterSyntax is the language the front matter is written in,
	// for hints that say what to write.
	FrontMatterSyntax Syntax
	// Invalid names the fields whose value had the wrong type or could
	// not be read (a date of "yesterday"), an action item's as
	// ActionItemField names it; the loader reported them, so checks for
	// missing values skip them.
	Invalid map[string]bool
}

// ActionItemField is how messages name field of the action item id, and
// the key of Postmortem.Invalid for it: `action item "2": owner`.
func ActionItemField(id, field string) string {
	return fmt.Sprintf("action item %q: %s", id, field)
}

// Line returns the file line of a front-matter field, or the front-matter's
// first line when the field is absent (a missing required field is reported
// there).
func (p *Postmortem) Line(field string) int {
	if l, ok := p.Lines[field]; ok {
		return l
	}
	return p.FrontMatterLine
}

// Day returns the calendar day the incident started.
func (p *Postmortem) Day() Date { return DateOf(p.Date) }

// Draft reports whether the document is a draft (left out of builds unless
// asked for).
func (p *Postmortem) Draft() bool { return p.Status == StatusDraft }

// Public reports whether the postmortem may be published to a public
// audience.
func (p *Postmortem) Public() bool { return p.Visibility == VisibilityPublic }

// Timeline holds the key moments of an incident; a zero time means the
// moment was not recorded.
type Timeline struct {
	Started      time.Time
	Detected     time.Time
	Acknowledged time.Time
	Mitigated    time.Time
	Resolved     time.Time
}

// Moment is one named point of a timeline.
type Moment struct {
	Name string // "started", "detected", …
	Time time.Time
}

// TimelineFields are the timeline keys in the order they must occur.
var TimelineFields = []string{"started", "detected", "acknowledged", "mitigated", "resolved"}

// Moments returns the recorded moments in contract order.
func (t Timeline) Moments() []Moment {
	all := []Moment{
		{"started", t.Started}, {"detected", t.Detected}, {"acknowledged", t.Acknowledged},
		{"mitigated", t.Mitigated}, {"resolved", t.Resolved},
	}
	return slices.DeleteFunc(all, func(m Moment) bool { return m.Time.IsZero() })
}

// Set stores the moment named name; it reports false for an unknown name.
func (t *Timeline) Set(name string, v time.Time) bool {
	switch name {
	case "started":
		t.Started = v
	case "detected":
		t.Detected = v
	case "acknowledged":
		t.Acknowledged = v
	case "mitigated":
		t.Mitigated = v
	case "resolved":
		t.Resolved = v
	default:
		return false
	}
	return true
}

func since(start, end time.Time) (time.Duration, bool) {
	if start.IsZero() || end.IsZero() {
		return 0, false
	}
	return end.Sub(start), true
}

// TimeToDetect is detected − started, when both are recorded.
func (t Timeline) TimeToDetect() (time.Duration, bool) { return since(t.Started, t.Detected) }

// TimeToMitigate is mitigated − started, when both are recorded.
func (t Timeline) TimeToMitigate() (time.Duration, bool) { return since(t.Started, t.Mitigated) }

// TimeToResolve is resolved − started, when both are recorded.
func (t Timeline) TimeToResolve() (time.Duration, bool) { return since(t.Started, t.Resolved) }

// Action-item states.
const (
	ActionOpen       = "open"
	ActionInProgress = "in-progress"
	ActionDone       = "done"
	ActionWontDo     = "wont-do"
)

// ActionItem is one follow-up of a postmortem.
type ActionItem struct {
	// ID is unique within the postmortem; defaults to its 1-based
	// position in the list ("1", "2", …).
	ID       string
	Title    string
	Owner    string
	Due      Date
	Status   string
	Priority string
	Kind     string
	Link     string
	Closed   Date
	// Extra holds the item's fields the contract does not define (a
	// team's jira_epic:), as Postmortem.Extra holds the postmortem's; nil
	// when none.
	Extra map[string]any

	// Line is the file line where the item starts; Lines maps its fields
	// ("title", "due", …) to their lines.
	Line  int
	Lines map[string]int
}

// FieldLine returns the line of one of the item's fields, or the item's line.
func (a *ActionItem) FieldLine(field string) int {
	if l, ok := a.Lines[field]; ok {
		return l
	}
	return a.Line
}

// Key is the item's stable global key "<postmortem-id>#<item-id>".
func (a *ActionItem) Key(postmortemID string) string { return postmortemID + "#" + a.ID }

// IsClosed reports whether the item is done or will not be done.
func (a *ActionItem) IsClosed() bool { return a.Status == ActionDone || a.Status == ActionWontDo }

// Overdue reports whether the item is still open and its due date is before
// today.
func (a *ActionItem) Overdue(today Date) bool {
	return !a.IsClosed() && !a.Due.IsZero() && a.Due.Before(today)
}

// DaysOverdue returns how many days past due an overdue item is, else 0.
func (a *ActionItem) DaysOverdue(today Date) int {
	if !a.Overdue(today) {
		return 0
	}
	return a.Due.DaysUntil(today)
}

// SortPostmortems orders postmortems newest first: by the day written in
// their date: (Day, the day every page shows and the figures count them
// on), then by instant, then by id and path, a total order so output
// never depends on file-system order. An evening written with its own
// offset ("2025-01-31T20:00:00-08:00" on a UTC site) is a later instant
// than the next day's incident, yet comes after it, as its day does.
func SortPostmortems(pms []*Postmortem) {
	type dated struct {
		day Date
		p   *Postmortem
	}
	ds := make([]dated, len(pms))
	for i, p := range pms {
		ds[i] = dated{p.Day(), p}
	}
	slices.SortFunc(ds, func(a, b dated) int {
		return cmp.Or(b.day.Compare(a.day), b.p.Date.Compare(a.p.Date), cmp.Compare(a.p.ID, b.p.ID),
			cmp.Compare(a.p.Path, b.p.Path))
	})
	for i, d := range ds {
		pms[i] = d.p
	}
}

// Prose returns Text without the lines of the body's headings, for
// snippets: the words a reader sees under the headings.
func (p *Postmortem) Prose() string {
	if len(p.Headings) == 0 {
		return p.Text
	}
	var b strings.Builder
	b.Grow(len(p.Text))
	from := 0
	for i := 0; i+1 < len(p.Headings); i += 2 {
		b.WriteString(p.Text[from:p.Headings[i]])
		from = int(p.Headings[i+1])
	}
	b.WriteString(p.Text[from:])
	return strings.TrimSpace(b.String())
}
