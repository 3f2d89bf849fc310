package stats

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/internal/termtext"
)

// DefaultTop is how many rows each long list of the terminal form shows
// unless told otherwise (pmkb stats --top).
const DefaultTop = 10

// WriteText writes the report as `pmkb stats` prints it: the main figures
// as aligned tables, the long lists (causes, systems, detection, teams)
// cut to their first top rows (top ≤ 0: all; the JSON has them all) with a
// line saying how many more and how to see them, durations said with say
// (render.Words.Duration, as the pages write them). No line ends in
// spaces (QA 13 F9: pasted into a ticket, they showed). Labels are one line without control or format
// characters (termtext.OneLine), so a postmortem cannot drive the
// terminal. Columns are aligned by display width, so Japanese names (two
// columns a character) line up as `pmkb actions` lines them up.
func WriteText(w io.Writer, r *Report, say func(time.Duration) string, top int) error {
	if top <= 0 {
		top = math.MaxInt
	}
	tw := tabwriter.NewWriter(dropFill{w}, 0, 0, 2, ' ', 0)
	p := func(format string, args ...any) { io.WriteString(tw, widen(fmt.Sprintf(format, args...))) }
	dur := func(m *float64) string { return FormatDuration(m, say) }

	span := "none"
	if r.Postmortems > 0 {
		span = r.First + " … " + r.Last
	}
	p("Postmortems\t%d\t(%s)\n", r.Postmortems, span)
	days := "days"
	if r.RepeatWindowDays == 1 {
		days = "day"
	}
	p("Counted\t%s\ttime zone %s, repeat window %d %s\n", strings.Join(cleanAll(r.Severities), " "), termtext.OneLine(r.TimeZone), r.RepeatWindowDays, days)
	if r.Today != "" {
		p("Today\t%s\n", r.Today)
	}

	writePeriods(p, r, top)

	p("\nCauses\tcount\tshare\n")
	for _, c := range first(r.CauseShare, top) {
		p("  %s\t%d\t%s\n", termtext.OneLine(c.Key), c.Count, pct(c.Share))
	}
	more(tw, len(r.CauseShare), top)
	if ch := r.CauseChanges; len(ch.Rising)+len(ch.Falling) > 0 {
		p("\nCause changes\t%s…%s vs %s…%s\n", ch.RecentFrom, ch.RecentTo, ch.PreviousFrom, ch.PreviousTo)
		for _, c := range ch.Rising {
			p("  ↑ %s\t%+d\t(%d → %d)\n", termtext.OneLine(c.Key), c.Change, c.Previous, c.Recent)
		}
		for _, c := range ch.Falling {
			p("  ↓ %s\t%+d\t(%d → %d)\n", termtext.OneLine(c.Key), c.Change, c.Previous, c.Recent)
		}
	}

	p("\nSystems\ttotal\t%s\n", strings.Join(cleanAll(r.SystemSeverity.Columns), "\t"))
	for _, row := range first(r.SystemSeverity.Rows, top) {
		p("  %s\t%d\t%s\n", termtext.OneLine(row.Key), row.Total, joinInts(row.Counts))
	}
	more(tw, len(r.SystemSeverity.Rows), top)

	p("\nDetection\tcount\tshare\tTTD median\tTTD p90\tn\n")
	ttd := map[string]DurationStat{}
	for _, d := range r.TimeToDetectByDetection {
		ttd[d.Key] = d
	}
	for _, kc := range first(r.ByDetection, top) {
		d := ttd[kc.Key]
		p("  %s\t%d\t%s\t%s\t%s\t%d%s\n", termtext.OneLine(kc.Key), kc.Count, pct(share(kc.Count, r.Postmortems)),
			dur(d.Median), dur(d.P90), d.N, smallMark(d))
	}
	more(tw, len(r.ByDetection), top)

	p("\nDurations\tn\tmedian\tp90\tmissing\n")
	for _, m := range r.Durations {
		p("  %s\t%d%s\t%s\t%s\t%d\n", strings.ReplaceAll(m.Metric, "_", " "), m.All.N, smallMark(m.All),
			dur(m.All.Median), dur(m.All.P90), m.All.Missing)
		for _, s := range m.BySeverity {
			if s.N > 0 {
				p("    %s\t%d%s\t%s\t%s\t%d\n", termtext.OneLine(s.Key), s.N, smallMark(s), dur(s.Median), dur(s.P90), s.Missing)
			}
		}
	}

	p("  * n < 5: too few to compare\n")

	a := r.Actions
	p("\nAction items\t%d\tunclosed %d, overdue %d, done %d, wont-do %d\n", a.Total, a.Unclosed, a.Overdue, a.Done, a.WontDo)
	if a.CompletionRate != nil {
		p("  completed on time\t%s\t(%d of %d due before today)\n", pct(*a.CompletionRate), a.OnTime, a.Due)
	}
	if a.OpenAgeMedian != nil {
		p("  open age\tmedian %s days\toldest %d days (%s)\n", FormatDays(*a.OpenAgeMedian), a.OldestOpenDays, termtext.OneLine(a.OldestOpenKey))
	}
	for _, g := range first(a.ByTeam, top) {
		p("  %s\t%d\tunclosed %d, overdue %d\n", termtext.OneLine(g.Key), g.Total, g.Unclosed, g.Overdue)
	}
	more(tw, len(a.ByTeam), top)

	// Repeats: one incident id a line, so rows stay narrow whatever the
	// ids (lines without a tab also keep them out of the table columns).
	rp := r.Repeats
	p("\nRepeats\t%d\t%s of postmortems, within %d days or by related:\n", rp.Count, pct(rp.Rate), rp.WindowDays)
	for _, c := range first(rp.Chains, 5) {
		p("  chain of %d, %s … %s, %s\n", len(c.IDs), c.First, c.Last, chainKind(c))
		for i, id := range first(c.IDs, 4) {
			arrow := "  "
			if i > 0 {
				arrow = "→ "
			}
			p("    %s%s\n", arrow, termtext.OneLine(id))
		}
		if len(c.IDs) > 4 {
			p("    … %d more\n", len(c.IDs)-4)
		}
	}
	if rp.ChainsTotal > 5 {
		p("  … %d more chains\n", rp.ChainsTotal-5)
	}
	// the latest repeats whose earlier incidents still had open items
	shown := 0
	for i := len(rp.Items) - 1; i >= 0 && shown < 5; i-- {
		it := rp.Items[i]
		open, prevent := 0, 0
		for _, e := range it.Of {
			open += len(e.OpenActions)
			prevent += e.OpenPrevent
		}
		if open == 0 {
			continue
		}
		shown++
		items := "items"
		if open == 1 {
			items = "item"
		}
		p("  %s: %d earlier action %s open (%d prevent)\n    repeats %s\n", termtext.OneLine(it.ID), open, items, prevent, termtext.OneLine(it.Of[0].ID))
	}
	return tw.Flush()
}

// writePeriods writes the incidents of each period (a quarter, or a month
// with --granularity month) by severity, the latest top periods: the
// trend the stats page charts, in the terminal (QA 15 D-F3: the flag
// changed only the JSON).
func writePeriods(p func(string, ...any), r *Report, top int) {
	t := r.SeverityPerPeriod
	if len(t.Columns) == 0 {
		return
	}
	label := "Per quarter"
	if r.Granularity == Month {
		label = "Per month"
	}
	sevs := make([]string, len(t.Rows))
	for i, row := range t.Rows {
		sevs[i] = row.Key
	}
	from := max(0, len(t.Columns)-top)
	p("\n%s\ttotal\t%s\n", label, strings.Join(cleanAll(sevs), "\t"))
	for i := from; i < len(t.Columns); i++ {
		total := 0
		counts := make([]int, len(t.Rows))
		for j, row := range t.Rows {
			counts[j] = row.Counts[i]
			total += row.Counts[i]
		}
		p("  %s\t%d\t%s\n", t.Columns[i], total, joinInts(counts))
	}
	if from > 0 { // after the rows: a line without cells between them would break their columns
		p("  … %d earlier (--top 0 shows all)\n", from)
	}
}

func first[T any](s []T, n int) []T { return s[:min(len(s), n)] }

// chainKind says what joins a chain: "api × capacity" or "linked by
// related:".
func chainKind(c Chain) string {
	if c.Related {
		return "linked by related:"
	}
	return termtext.OneLine(c.System) + " × " + termtext.OneLine(c.Cause)
}

// more writes, under a list of n rows cut to top, how many more there are
// and how to see them; a line without a tab, which is no part of the
// table's columns and gets no padding.
func more(w io.Writer, n, top int) {
	if n > top {
		fmt.Fprintf(w, "  … %d more (--top 0 shows all)\n", n-top)
	}
}

func pct(share float64) string { return chartNum(round(share*100, 1)) + "%" }

func chartNum(v float64) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0") }

func smallMark(d DurationStat) string {
	if d.SmallN && d.N > 0 {
		return "*"
	}
	return ""
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, "\t")
}

// fill pads a cell for text/tabwriter, which counts a cell's width in
// runes: widen appends one fill byte per column a cell's display width
// exceeds its rune count, and dropFill removes them from the output, so
// the padding tabwriter adds is right for the columns the text takes.
// termtext.OneLine replaces every control character, so no label carries it.
const fill = '\x00'

// widen appends fill bytes to each tab-separated cell of s whose display
// width (termtext.Width, as `pmkb actions` measures it) exceeds its rune
// count.
func widen(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexAny(s, "\t\n")
		cell := s
		if i >= 0 {
			cell = s[:i]
		}
		b.WriteString(cell)
		if extra := termtext.Width(cell) - utf8.RuneCountInString(cell); extra > 0 {
			b.WriteString(strings.Repeat(string(fill), extra))
		}
		if i < 0 {
			return b.String()
		}
		b.WriteByte(s[i])
		s = s[i+1:]
	}
}

// dropFill writes to w what it is given without the fill bytes.
type dropFill struct{ w io.Writer }

func (d dropFill) Write(p []byte) (int, error) {
	if bytes.IndexByte(p, fill) < 0 {
		return d.w.Write(p)
	}
	if _, err := d.w.Write(bytes.ReplaceAll(p, []byte{fill}, nil)); err != nil {
		return 0, err
	}
	return len(p), nil
}

func cleanAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = termtext.OneLine(s)
	}
	return out
}
