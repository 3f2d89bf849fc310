// Package stats computes the knowledge base's figures: what keeps breaking,
// where, how incidents are found and how long they last, whether follow-up
// work gets done, and which incidents repeat earlier ones. It is pure: it
// reads a model.KnowledgeBase and returns data; charts come from package
// chart, and nothing here touches files or the clock.
//
// Definitions, shared by every figure:
//   - A postmortem counts once per distinct cause, system and team, so the
//     shares of causes add up to more than 1 when postmortems name several.
//     Labels are trimmed and case-folded ("DNS ", "dns" are one cause); a
//     missing detection is "unknown".
//   - An incident's day is Postmortem.Day, the calendar day written in its
//     date: (times without an offset were read in the site's time zone),
//     the day its page, the year pages, search and postmortems.json show.
//     Quarters ("2024-Q1"), months ("2024-03"), First/Last, Since/Until
//     and the repeat window all use it; ranges of periods are contiguous,
//     empty ones included.
//   - Time to detect, mitigate and resolve are detected, mitigated and
//     resolved minus started, compared as instants. One is counted only
//     when both moments are recorded and in order (identical moments give
//     0, counted); otherwise it is "missing", never zero.
//   - Percentiles interpolate linearly between closest ranks (see
//     Percentile). A group with n < 5 is flagged small_n: too few to
//     compare. Histograms use fixed bins from <5m to ≥3d.
//   - B repeats A when A started at an earlier instant and either B's
//     related: names A, or they share a system and a cause and B's calendar
//     day is at most the repeat window (default 180 days) after A's. An
//     action item of A was open at the repeat when it was not done/wont-do,
//     or was closed after B's day.
//   - Action-item figures are package actions' (open, overdue, on-time
//     completion, age), over the items of the postmortems counted.
package stats

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// Options select and shape the figures.
type Options struct {
	// Since and Until limit the incidents counted to those whose day
	// (Postmortem.Day) is within [Since, Until]; zero means unbounded.
	Since, Until model.Date
	// RepeatWindowDays is the repeat window; 0 means the site's configured
	// window (default 180).
	RepeatWindowDays int
	// Severities are the levels counted, in any case or width or as their
	// labels; empty means all. CheckSeverities reports the levels the site
	// does not know.
	Severities []string
	// Granularity is Quarter (default) or Month, for the per-period trends.
	Granularity string
}

// KeyCount is one label and how many postmortems carry it.
type KeyCount struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// ShareCount is a KeyCount with its share of the postmortems counted
// (exact; the JSON rounds it to 4 places).
type ShareCount struct {
	Key   string  `json:"key"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

// PeriodCount is a count in one period ("2024-Q1", "2024-03").
type PeriodCount struct {
	Period string `json:"period"`
	Count  int    `json:"count"`
}

// Table is a count per row key and column; Shares, when present, divide
// each count by a column total named by the figure (exact; the JSON rounds
// them to 4 places).
type Table struct {
	Columns []string `json:"columns"`
	Rows    []Row    `json:"rows"`
}

// Row is one row of a Table.
type Row struct {
	Key    string    `json:"key"`
	Total  int       `json:"total"`
	Counts []int     `json:"counts"`
	Shares []float64 `json:"shares,omitempty"`
}

// Change is how often a cause occurred in the last four quarters compared
// with the four before.
type Change struct {
	Key      string `json:"key"`
	Previous int    `json:"previous"`
	Recent   int    `json:"recent"`
	Change   int    `json:"change"`
}

// CauseChanges are the causes that rose or fell most: Recent counts the
// quarters RecentFrom…RecentTo (the four quarters ending with the quarter of
// Until, else of today, else of the latest incident), Previous the four
// before. Rising and Falling hold at most five causes each.
type CauseChanges struct {
	PreviousFrom string   `json:"previous_from"`
	PreviousTo   string   `json:"previous_to"`
	RecentFrom   string   `json:"recent_from"`
	RecentTo     string   `json:"recent_to"`
	Rising       []Change `json:"rising"`
	Falling      []Change `json:"falling"`
}

// DurationMetric is the distribution of one duration (time to detect,
// mitigate or resolve) overall, per severity and per quarter.
type DurationMetric struct {
	Metric     string         `json:"metric"`
	All        DurationStat   `json:"all"`
	BySeverity []DurationStat `json:"by_severity"`
	ByQuarter  []DurationStat `json:"by_quarter"`
}

// RepeatRate is the share of a quarter's incidents that repeat earlier ones
// (exact; the JSON rounds it to 4 places).
type RepeatRate struct {
	Period    string  `json:"period"`
	Incidents int     `json:"incidents"`
	Repeats   int     `json:"repeats"`
	Rate      float64 `json:"rate"`
}

// RepeatFigures are the repeat incidents among those counted.
type RepeatFigures struct {
	WindowDays int `json:"window_days"`
	// Count is how many counted postmortems repeat an earlier one; Rate
	// divides it by the postmortems counted (exact; the JSON rounds it to 4
	// places).
	Count int     `json:"count"`
	Rate  float64 `json:"rate"`
	// WithOpenActions counts the repeats where an incident they repeat still
	// had an open action item on the repeat's day; WithOpenPrevent those
	// where such an item was of kind prevent.
	WithOpenActions int          `json:"with_open_actions"`
	WithOpenPrevent int          `json:"with_open_prevent"`
	ByQuarter       []RepeatRate `json:"by_quarter"`
	// ChainsTotal counts the chains with a counted postmortem that are not
	// part of a longer one (see Chain); Chains are the MaxChains longest
	// (latest first among equals).
	ChainsTotal int     `json:"chains_total"`
	Chains      []Chain `json:"chains"`
	// Items details the MaxRepeatItems latest repeats, newest first, with
	// the earlier action items open on their day; RepeatInfo has them all.
	Items []Repeat `json:"items"`
}

// Limits of the lists in RepeatFigures; the counts cover everything.
const (
	MaxChains      = 20
	MaxRepeatItems = 50
)

// Report is every figure of the stats page, /api/stats.json and
// `pmkb stats --json`.
type Report struct {
	Today string `json:"today"`
	Since string `json:"since"`
	Until string `json:"until"`
	// TimeZone is the site's zone, in which times without an offset were
	// read; days are those written in the files, not converted to it.
	TimeZone         string   `json:"time_zone"`
	Granularity      string   `json:"granularity"`
	RepeatWindowDays int      `json:"repeat_window_days"`
	Severities       []string `json:"severities"`
	Postmortems      int      `json:"postmortems"`
	First            string   `json:"first"`
	Last             string   `json:"last"`

	ByCause     []KeyCount `json:"by_cause"`
	BySystem    []KeyCount `json:"by_system"`
	BySeverity  []KeyCount `json:"by_severity"`
	ByDetection []KeyCount `json:"by_detection"`
	ByTeam      []KeyCount `json:"by_team"`

	// Periods are the labels of the per-period figures (Granularity);
	// Quarters are always quarters.
	Periods  []string `json:"periods"`
	Quarters []string `json:"quarters"`

	// CauseShare is each cause's count and share of all postmortems.
	CauseShare []ShareCount `json:"cause_share"`
	// CauseTrend counts each cause per period; shares divide by the
	// period's postmortems.
	CauseTrend   Table        `json:"cause_trend"`
	CauseChanges CauseChanges `json:"cause_changes"`
	// SystemSeverity is each system's severity mix (columns: severities,
	// worst first).
	SystemSeverity Table `json:"system_severity"`
	// CauseSystem is the cause × system matrix (rows causes, columns
	// systems, both by count).
	CauseSystem Table `json:"cause_system"`
	// IncidentsPerMonth covers every month from the first to the last
	// incident.
	IncidentsPerMonth []PeriodCount `json:"incidents_per_month"`
	// SeverityPerPeriod counts each severity per period.
	SeverityPerPeriod Table `json:"severity_per_period"`
	// DetectionPerQuarter counts each detection source per quarter; shares
	// divide by the quarter's postmortems.
	DetectionPerQuarter Table `json:"detection_per_quarter"`
	// TimeToDetectByDetection is time to detect per detection source.
	TimeToDetectByDetection []DurationStat `json:"time_to_detect_by_detection"`
	// DurationBins are the histogram bins of every DurationStat.
	DurationBins []Bin            `json:"duration_bins"`
	Durations    []DurationMetric `json:"durations"`
	Actions      ActionFigures    `json:"actions"`
	Repeats      RepeatFigures    `json:"repeats"`
}

// JSON returns the report as indented JSON with a final newline; the same
// report always gives the same bytes.
func (r *Report) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Duration metric names.
const (
	TimeToDetect   = "time_to_detect"
	TimeToMitigate = "time_to_mitigate"
	TimeToResolve  = "time_to_resolve"
)

// Unknown is the key of a missing detection source.
const Unknown = "unknown"

// key normalises a label: trimmed and case-folded.
func key(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// keys normalises labels, dropping empty and duplicate ones, sorted.
func keys(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if k := key(s); k != "" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func detectionOf(p *model.Postmortem) string {
	if k := key(p.Detection); k != "" {
		return k
	}
	return Unknown
}

func severityOf(p *model.Postmortem) string { return strings.TrimSpace(p.Severity) }

// windowOf is the repeat window: the option, else the site's, else 180.
func windowOf(kb *model.KnowledgeBase, opt int) int {
	switch {
	case opt > 0:
		return opt
	case kb.Config.RepeatWindowDays > 0:
		return kb.Config.RepeatWindowDays
	}
	return 180
}

// todayOf is the build's date: the knowledge base's, else the config's.
func todayOf(kb *model.KnowledgeBase) model.Date {
	if !kb.Today.IsZero() {
		return kb.Today
	}
	return kb.Config.Today
}

// counter counts labels and returns them sorted by count, then key.
type counter map[string]int

func (c counter) sorted() []KeyCount {
	out := make([]KeyCount, 0, len(c))
	for k, n := range c {
		out = append(out, KeyCount{k, n})
	}
	slices.SortFunc(out, func(a, b KeyCount) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Key, b.Key)) })
	return out
}

func keysOf(kc []KeyCount) []string {
	out := make([]string, len(kc))
	for i, k := range kc {
		out[i] = k.Key
	}
	return out
}

// selection is the incidents counted, oldest first, with the options
// resolved.
type selection struct {
	kb          *model.KnowledgeBase
	tz          *time.Location
	today       model.Date
	since       model.Date // Options.Since, Until: the span the periods cover
	until       model.Date
	window      int
	granularity string
	severities  []string
	all         []incident // severity-filtered, any date: earlier incidents for repeats
	in          []incident // also within Since…Until
}

func selectIncidents(kb *model.KnowledgeBase, opts Options) *selection {
	s := &selection{kb: kb, tz: zoneOf(kb), today: todayOf(kb), since: opts.Since, until: opts.Until,
		window: windowOf(kb, opts.RepeatWindowDays), granularity: Quarter}
	if opts.Granularity == Month {
		s.granularity = Month
	}
	want := map[string]bool{}
	if len(opts.Severities) > 0 {
		known := knownSeverities(kb)
		for _, l := range opts.Severities {
			if l = strings.TrimSpace(l); l != "" {
				want[l] = true // so that an unknown level counts nothing, not all
				for _, sv := range severitiesNamed(kb, known, l) {
					want[sv] = true
				}
			}
		}
	}
	s.all = make([]incident, 0, len(kb.Postmortems))
	for _, p := range kb.Postmortems {
		if len(want) > 0 && !want[severityOf(p)] {
			continue
		}
		s.all = append(s.all, newIncident(p))
	}
	slices.SortFunc(s.all, byStart)
	s.in = make([]incident, 0, len(s.all))
	for _, x := range s.all {
		if (!opts.Since.IsZero() && x.day.Before(opts.Since)) || (!opts.Until.IsZero() && opts.Until.Before(x.day)) {
			continue
		}
		s.in = append(s.in, x)
	}
	// severities counted, in configured order, then any others seen
	for _, sv := range kb.Config.Severities {
		if len(want) == 0 || want[sv.Level] {
			s.severities = append(s.severities, sv.Level)
		}
	}
	seen := counter{}
	for _, x := range s.in {
		if sv := severityOf(x.p); !slices.Contains(s.severities, sv) {
			seen[sv]++
		}
	}
	extra := keysOf(seen.sorted())
	slices.Sort(extra)
	s.severities = append(s.severities, extra...)
	if s.severities == nil {
		s.severities = []string{}
	}
	return s
}

// Compute returns every figure of kb under opts.
//
// The repeat graph is built while the counts are made, and the action
// figures are made beside both (stats over 10,000 postmortems: ~120 ms
// instead of ~300 on 2 cores).
func Compute(kb *model.KnowledgeBase, opts Options) *Report {
	s := selectIncidents(kb, opts)
	var (
		g  *repeatGraph
		ci *chainIndex
		wg sync.WaitGroup
	)
	wg.Go(func() {
		g = buildRepeats(s.all, s.window)
		ci = newChainIndex(g, g.chains())
	})
	return s.report(opts, func() (*repeatGraph, *chainIndex) {
		wg.Wait()
		return g, ci
	})
}

// report computes the figures of s; repeats returns its repeat graph and
// chains, and is called once the figures that do not need them are made.
// The action figures (which read only the postmortems) are made
// concurrently.
func (s *selection) report(opts Options, repeats func() (*repeatGraph, *chainIndex)) *Report {
	r := &Report{Today: s.today.String(), Since: opts.Since.String(), Until: opts.Until.String(),
		TimeZone: s.tz.String(), Granularity: s.granularity, RepeatWindowDays: s.window,
		Severities: s.severities, Postmortems: len(s.in), DurationBins: slices.Clone(durationBins[:])}
	if len(s.in) > 0 {
		r.First, r.Last = s.in[0].dayStr, s.in[len(s.in)-1].dayStr
	}
	var actions sync.WaitGroup
	actions.Go(func() { r.Actions = actionFigures(s.in, s.today) })
	s.counts(r)
	s.periods(r)
	s.causeChanges(r, opts.Until)
	s.durations(r)
	g, ci := repeats()
	s.repeats(r, g, ci)
	actions.Wait()
	return r
}

// counts fills the by_* lists, the cause shares and the matrices.
func (s *selection) counts(r *Report) {
	cause, system, sev, det, team := counter{}, counter{}, counter{}, counter{}, counter{}
	for _, x := range s.in {
		for _, c := range x.causes {
			cause[c]++
		}
		for _, y := range x.systems {
			system[y]++
		}
		for _, t := range keys(x.p.Teams) {
			team[t]++
		}
		sev[severityOf(x.p)]++
		det[detectionOf(x.p)]++
	}
	r.ByCause, r.BySystem, r.BySeverity = cause.sorted(), system.sorted(), sev.sorted()
	r.ByDetection, r.ByTeam = det.sorted(), team.sorted()
	r.CauseShare = make([]ShareCount, len(r.ByCause))
	for i, kc := range r.ByCause {
		r.CauseShare[i] = ShareCount{kc.Key, kc.Count, share(kc.Count, len(s.in))}
	}

	// severity mix per system
	sevIdx := indexOf(s.severities)
	r.SystemSeverity = Table{Columns: s.severities, Rows: make([]Row, len(r.BySystem))}
	sysIdx := indexOf(keysOf(r.BySystem))
	for i, kc := range r.BySystem {
		r.SystemSeverity.Rows[i] = Row{Key: kc.Key, Total: kc.Count, Counts: make([]int, len(s.severities))}
	}
	// cause × system
	causeIdx := indexOf(keysOf(r.ByCause))
	r.CauseSystem = Table{Columns: keysOf(r.BySystem), Rows: make([]Row, len(r.ByCause))}
	for i, kc := range r.ByCause {
		r.CauseSystem.Rows[i] = Row{Key: kc.Key, Total: kc.Count, Counts: make([]int, len(r.BySystem))}
	}
	for _, x := range s.in {
		sv := sevIdx[severityOf(x.p)]
		for _, y := range x.systems {
			r.SystemSeverity.Rows[sysIdx[y]].Counts[sv]++
			for _, c := range x.causes {
				r.CauseSystem.Rows[causeIdx[c]].Counts[sysIdx[y]]++
			}
		}
	}
}

func indexOf(keys []string) map[string]int {
	m := make(map[string]int, len(keys))
	for i, k := range keys {
		m[k] = i
	}
	return m
}

// periods fills the per-month, per-period and per-quarter figures.
func (s *selection) periods(r *Report) {
	r.Periods, r.Quarters = []string{}, []string{}
	r.IncidentsPerMonth = []PeriodCount{}
	r.CauseTrend = Table{Columns: r.Periods, Rows: []Row{}}
	r.SeverityPerPeriod = Table{Columns: r.Periods, Rows: []Row{}}
	r.DetectionPerQuarter = Table{Columns: r.Quarters, Rows: []Row{}}
	if len(s.in) == 0 {
		return
	}
	first, last := s.periodSpan(s.in[0].day, s.in[len(s.in)-1].day)

	m0, m1 := monthOf(first), monthOf(last)
	months := make([]int, m1-m0+1)
	for _, x := range s.in {
		months[monthOf(x.day)-m0]++
	}
	for i, n := range months {
		r.IncidentsPerMonth = append(r.IncidentsPerMonth, PeriodCount{(m0 + period(i)).label(Month), n})
	}

	p0, p1 := periodOf(first, s.granularity), periodOf(last, s.granularity)
	r.Periods = periodRange(p0, p1, s.granularity)
	q0, q1 := quarterOf(first), quarterOf(last)
	r.Quarters = periodRange(q0, q1, Quarter)
	perPeriod := make([]int, len(r.Periods))
	perQuarter := make([]int, len(r.Quarters))

	causeIdx := indexOf(keysOf(r.ByCause))
	cause := newRows(keysOf(r.ByCause), len(r.Periods))
	sevIdx := indexOf(s.severities)
	sev := newRows(s.severities, len(r.Periods))
	detIdx := indexOf(keysOf(r.ByDetection))
	det := newRows(keysOf(r.ByDetection), len(r.Quarters))
	for _, x := range s.in {
		pi := int(periodOf(x.day, s.granularity) - p0)
		qi := int(quarterOf(x.day) - q0)
		perPeriod[pi]++
		perQuarter[qi]++
		for _, c := range x.causes {
			cause[causeIdx[c]].add(pi)
		}
		sev[sevIdx[severityOf(x.p)]].add(pi)
		det[detIdx[detectionOf(x.p)]].add(qi)
	}
	withShares(cause, perPeriod)
	withShares(det, perQuarter)
	r.CauseTrend = Table{Columns: r.Periods, Rows: cause}
	r.SeverityPerPeriod = Table{Columns: r.Periods, Rows: sev}
	r.DetectionPerQuarter = Table{Columns: r.Quarters, Rows: det}
}

func newRows(keys []string, cols int) []Row {
	rows := make([]Row, len(keys))
	for i, k := range keys {
		rows[i] = Row{Key: k, Counts: make([]int, cols)}
	}
	return rows
}

func (r *Row) add(col int) {
	r.Counts[col]++
	r.Total++
}

func withShares(rows []Row, totals []int) {
	for i := range rows {
		rows[i].Shares = make([]float64, len(totals))
		for j, n := range rows[i].Counts {
			rows[i].Shares[j] = share(n, totals[j])
		}
	}
}

// periodSpan is the first and last day the per-period figures of
// incidents from first to last cover: from Since, when it is earlier than
// first (but not before the site's first incident), to today (or Until, when that is earlier than today), when that
// is later than last, so that a quiet stretch up to now shows as periods
// of none, not as the end of the table (session 14's note). An Until
// after today does not run them into the future, whose periods are not
// quiet but unknown (review 16).
func (s *selection) periodSpan(first, last model.Date) (model.Date, model.Date) {
	if !s.since.IsZero() && s.since.Before(first) {
		// Not before the site's first incident: --since 0001-01-01 made
		// 24,283 months of none (review 16).
		first = s.since
		if len(s.all) > 0 && first.Before(s.all[0].day) {
			first = s.all[0].day
		}
	}
	end := s.today
	if !s.until.IsZero() && (end.IsZero() || s.until.Before(end)) {
		end = s.until
	}
	if !end.IsZero() && last.Before(end) {
		last = end
	}
	// At most maxSpanYears of periods: a --today of 9999-12-31 (to see
	// everything overdue) made 32,000 quarters of none on every system
	// and cause page, and a build of the sample site took 35 s (QA 17
	// B-F3's follow-up). A real today and --until are far inside it; a
	// quiet system's page still runs to today (QA 17r-b R7).
	if limit := first.AddDays(maxSpanYears * 365); limit.Before(last) {
		last = limit
	}
	return first, last
}

// maxSpanYears bounds the years the periods of periodSpan cover.
const maxSpanYears = 100

// causeChanges compares each cause's count in the last four quarters with
// the four before.
func (s *selection) causeChanges(r *Report, until model.Date) {
	r.CauseChanges = CauseChanges{Rising: []Change{}, Falling: []Change{}}
	if len(s.in) == 0 {
		return
	}
	ref := until
	if ref.IsZero() {
		ref = s.today
	}
	if ref.IsZero() {
		ref = s.in[len(s.in)-1].day
	}
	end := quarterOf(ref)
	r.CauseChanges.RecentFrom, r.CauseChanges.RecentTo = (end - 3).label(Quarter), end.label(Quarter)
	r.CauseChanges.PreviousFrom, r.CauseChanges.PreviousTo = (end - 7).label(Quarter), (end - 4).label(Quarter)
	recent, previous := counter{}, counter{}
	for _, x := range s.in {
		q := quarterOf(x.day)
		for _, c := range x.causes {
			switch {
			case q > end-4 && q <= end:
				recent[c]++
			case q > end-8 && q <= end-4:
				previous[c]++
			}
		}
	}
	var all []Change
	for _, kc := range r.ByCause {
		ch := Change{Key: kc.Key, Previous: previous[kc.Key], Recent: recent[kc.Key]}
		ch.Change = ch.Recent - ch.Previous
		all = append(all, ch)
	}
	slices.SortStableFunc(all, func(a, b Change) int { return cmp.Or(cmp.Compare(b.Change, a.Change), cmp.Compare(a.Key, b.Key)) })
	for _, c := range all {
		if c.Change > 0 && len(r.CauseChanges.Rising) < 5 {
			r.CauseChanges.Rising = append(r.CauseChanges.Rising, c)
		}
	}
	slices.SortStableFunc(all, func(a, b Change) int { return cmp.Or(cmp.Compare(a.Change, b.Change), cmp.Compare(a.Key, b.Key)) })
	for _, c := range all {
		if c.Change < 0 && len(r.CauseChanges.Falling) < 5 {
			r.CauseChanges.Falling = append(r.CauseChanges.Falling, c)
		}
	}
}

// durationOf returns one duration metric of p in minutes; false when a
// moment is missing or the moments are out of order.
func durationOf(p *model.Postmortem, metric string) (float64, bool) {
	var d time.Duration
	var ok bool
	switch metric {
	case TimeToDetect:
		d, ok = p.Timeline.TimeToDetect()
	case TimeToMitigate:
		d, ok = p.Timeline.TimeToMitigate()
	case TimeToResolve:
		d, ok = p.Timeline.TimeToResolve()
	}
	if !ok || d < 0 {
		return 0, false
	}
	return d.Minutes(), true
}

// group collects the durations of a group of incidents.
type group struct {
	key     string
	values  []float64
	missing int
}

func (g *group) add(p *model.Postmortem, metric string) {
	if v, ok := durationOf(p, metric); ok {
		g.values = append(g.values, v)
	} else {
		g.missing++
	}
}

func (g *group) stat() DurationStat { return summarize(g.key, g.values, g.missing) }

func newGroups(keys []string) ([]group, map[string]int) {
	gs := make([]group, len(keys))
	for i, k := range keys {
		gs[i].key = k
	}
	return gs, indexOf(keys)
}

// durations fills the distributions of time to detect, mitigate, resolve.
func (s *selection) durations(r *Report) {
	r.Durations = []DurationMetric{}
	for _, metric := range []string{TimeToDetect, TimeToMitigate, TimeToResolve} {
		all := group{key: "all"}
		bySev, sevIdx := newGroups(s.severities)
		byQ, _ := newGroups(r.Quarters)
		for _, x := range s.in {
			all.add(x.p, metric)
			bySev[sevIdx[severityOf(x.p)]].add(x.p, metric)
			byQ[quarterOf(x.day)-quarterOf(s.in[0].day)].add(x.p, metric)
		}
		m := DurationMetric{Metric: metric, All: all.stat(), BySeverity: make([]DurationStat, len(bySev)),
			ByQuarter: make([]DurationStat, len(byQ))}
		for i := range bySev {
			m.BySeverity[i] = bySev[i].stat()
		}
		for i := range byQ {
			m.ByQuarter[i] = byQ[i].stat()
		}
		r.Durations = append(r.Durations, m)
	}
	byDet, detIdx := newGroups(keysOf(r.ByDetection))
	for _, x := range s.in {
		byDet[detIdx[detectionOf(x.p)]].add(x.p, TimeToDetect)
	}
	r.TimeToDetectByDetection = make([]DurationStat, len(byDet))
	for i := range byDet {
		r.TimeToDetectByDetection[i] = byDet[i].stat()
	}
}

// repeats fills the repeat figures: links are found among all incidents of
// the counted severities (so an earlier one before Since still counts), and
// reported for the incidents within Since…Until.
func (s *selection) repeats(r *Report, g *repeatGraph, ci *chainIndex) {
	f := RepeatFigures{WindowDays: s.window, ByQuarter: make([]RepeatRate, len(r.Quarters)), Items: []Repeat{}, Chains: []Chain{}}
	for i, q := range r.Quarters {
		f.ByQuarter[i].Period = q
	}
	nums := make([]int32, len(s.in))
	for k, x := range s.in {
		i := g.index[x.p.ID]
		nums[k] = int32(i)
		q := &f.ByQuarter[quarterOf(x.day)-quarterOf(s.in[0].day)]
		q.Incidents++
		if len(g.edges[i]) == 0 {
			continue
		}
		q.Repeats++
		f.Count++
		open, prevent := g.openAtRepeat(i)
		if open > 0 {
			f.WithOpenActions++
		}
		if prevent > 0 {
			f.WithOpenPrevent++
		}
	}
	for i := range f.ByQuarter {
		f.ByQuarter[i].Rate = share(f.ByQuarter[i].Repeats, f.ByQuarter[i].Incidents)
	}
	f.Rate = share(f.Count, len(s.in))
	for k := len(s.in) - 1; k >= 0 && len(f.Items) < MaxRepeatItems; k-- {
		if i := nums[k]; len(g.edges[i]) > 0 {
			f.Items = append(f.Items, g.repeat(int(i), -1, nil))
		}
	}
	// The chains with a counted postmortem.
	pk := ci.picker()
	pk.maximal(pk.holding(nums), func(*Chain) bool { return true }, func(c Chain) {
		f.ChainsTotal++
		if len(f.Chains) < MaxChains {
			f.Chains = append(f.Chains, c)
		}
	})
	r.Repeats = f
}
