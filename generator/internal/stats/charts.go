package stats

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pmkb/pmkb/generator/internal/chart"
	"github.com/pmkb/pmkb/generator/internal/output"
)

// Chart limits: the charts show the largest groups, the tables beside them
// (and the JSON) hold every group.
const (
	maxBars       = 15
	maxHeat       = 12
	maxTrendLines = 6
)

// Words are the UI strings the charts say, in the site's language, from
// the theme's i18n (render.Words is one), so that the charts read as the
// pages do and a theme can override every word of them.
type Words interface {
	// String is the UI string of key.
	String(key string) string
	// Format is the UI string of key with its fmt verbs filled with args.
	Format(key string, args ...any) string
	// Duration writes a duration as a postmortem's page does.
	Duration(time.Duration) string
	// Detection is the label of a detection source, else the source.
	Detection(key string) string
}

// MetricName is the name of a duration metric (TimeToDetect…) in w's
// words, as a postmortem's page names it ("Time to detect"), else the
// metric.
func MetricName(w Words, metric string) string {
	switch metric {
	case TimeToDetect:
		return w.String("pm.ttd")
	case TimeToMitigate:
		return w.String("pm.ttm")
	case TimeToResolve:
		return w.String("pm.ttr")
	}
	return metric
}

// binLabel is the label of a histogram bin in w's words: "<5m", "5–15m",
// "1–2h", "≥3d" in English, "5分未満", "1–2時間", "3日以上" in Japanese.
// Both bounds are in the unit of the larger.
func binLabel(w Words, b Bin) string {
	top := b.Hi
	if top == 0 {
		top = b.Lo
	}
	unit, div := "stats.unit.min", 1.0
	switch {
	case top > 24*60:
		unit, div = "stats.unit.d", 24*60
	case top > 60:
		unit, div = "stats.unit.h", 60
	}
	n := func(v float64) string { return strconv.FormatFloat(v/div, 'f', -1, 64) }
	switch {
	case b.Lo == 0:
		return w.Format("stats.bin.under", n(b.Hi)+w.String(unit))
	case b.Hi == 0:
		return w.Format("stats.bin.over", n(b.Lo)+w.String(unit))
	}
	return w.Format("stats.bin.range", n(b.Lo), n(b.Hi)+w.String(unit))
}

// chartFiles are the names of the charts Charts draws, in order, under
// "stats/".
var chartFiles = [...]string{
	"causes.svg", "cause-trend.svg", "systems.svg", "cause-system.svg", "incidents-per-month.svg",
	"severity.svg", "detection.svg", "time-to-detect-by-detection.svg", "time-to-detect.svg",
	"time-to-mitigate.svg", "time-to-resolve.svg", "time-to-resolve-by-severity.svg", "actions.svg",
	"repeats.svg",
}

// ChartFiles returns the names of the charts Charts draws, in order, each
// under "stats/".
func ChartFiles() []string { return slices.Clone(chartFiles[:]) }

// Charts draws the report's charts as SVG files under "stats/" (see
// ChartFiles), their texts in w's words. Each is self-contained and
// accessible (see package chart); with no data each is an empty-state
// chart.
func Charts(r *Report, w Words) []output.File {
	figs := Figures(r, w, Names{})
	files := make([]output.File, len(figs))
	for i, f := range figs {
		files[i] = output.File{Path: f.Path, Data: f.SVG}
	}
	return files
}

// Figure is one chart of the statistics page with the texts a page shows
// beside it: its title, its text alternative and its note (sample sizes).
type Figure struct {
	// Path is the chart's site path, "stats/<name>" (see ChartFiles).
	Path              string
	Title, Desc, Note string
	SVG               []byte
}

// Names gives the names the charts show for causes and systems (the
// site's vocabulary, as the tables beside them show), a nil func keeping
// the slugs.
type Names struct {
	Cause, System func(slug string) string
}

// of returns f, or the slug itself when f is nil.
func (Names) of(f func(string) string) func(string) string {
	if f == nil {
		return func(s string) string { return s }
	}
	return f
}

// Figures draws the charts of Charts, in ChartFiles order, keeping each
// chart's title, description and note for the page that shows it. Causes
// and systems are labelled with names, detection sources, durations and
// every other text with w.
func Figures(r *Report, w Words, names Names) []Figure {
	t, f := w.String, w.Format
	causeName, systemName, detectionName := names.of(names.Cause), names.of(names.System), w.Detection
	dur := func(m *float64) string { return FormatDuration(m, w.Duration) }
	meta := func(id, title, desc string) chart.Meta {
		return chart.Meta{ID: id, Title: title, Desc: desc, Empty: t("chart.empty")}
	}
	var files []Figure
	add := func(name string, c interface{ SVG() []byte }) {
		m := metaOf(c)
		files = append(files, Figure{Path: "stats/" + name, Title: m.Title, Desc: m.Desc, Note: m.Note, SVG: c.SVG()})
	}

	// causes, ranked
	top := r.ByCause[:min(len(r.ByCause), maxBars)]
	labels, values := split(top)
	labels = mapStrings(labels, causeName)
	add("causes.svg", chart.Bars{Meta: meta("causes", t("stats.causes"),
		f("stats.causes.desc", r.Postmortems)+" "+chart.Describe(labels, values, "", maxBars)),
		Labels: labels, Series: []chart.Series{{Name: t("stats.causes"), Values: values}}})

	// cause trend: top causes stacked per period, the rest as "other"
	add("cause-trend.svg", chart.Columns{Meta: meta("cause-trend", t("stats.trend."+r.Granularity),
		f("stats.trend.desc", min(len(r.CauseTrend.Rows), maxTrendLines))),
		Labels: r.Periods, Series: topSeries(renameRows(r.CauseTrend.Rows, causeName), len(r.Periods), maxTrendLines, t("stats.other"))})

	// systems by severity
	sys := renameRows(r.SystemSeverity.Rows[:min(len(r.SystemSeverity.Rows), maxBars)], systemName)
	var sevSeries []chart.Series
	for j, sv := range r.SystemSeverity.Columns {
		s := chart.Series{Name: sv, Class: "sev" + strconv.Itoa(min(j, 5)), Values: make([]float64, len(sys))}
		for i, row := range sys {
			s.Values[i] = float64(row.Counts[j])
		}
		sevSeries = append(sevSeries, s)
	}
	add("systems.svg", chart.Bars{Meta: meta("systems", t("stats.systems.chart"), t("stats.systems.desc")+" "+
		chart.Describe(rowKeys(sys), rowTotals(sys), "", maxBars)), Labels: rowKeys(sys), Series: sevSeries})

	// cause × system heat map of the largest rows and columns
	rows := renameRows(r.CauseSystem.Rows[:min(len(r.CauseSystem.Rows), maxHeat)], causeName)
	cols := mapStrings(r.CauseSystem.Columns[:min(len(r.CauseSystem.Columns), maxHeat)], systemName)
	cells := make([][]float64, len(rows))
	for i, row := range rows {
		cells[i] = make([]float64, len(cols))
		for j := range cols {
			cells[i][j] = float64(row.Counts[j])
		}
	}
	// A cut map says so in its title, as the trend says "other".
	matrixTitle := t("stats.matrix")
	if nr, nc := len(r.CauseSystem.Rows), len(r.CauseSystem.Columns); len(rows) < nr || len(cols) < nc {
		matrixTitle += " " + f("stats.matrix.cut", len(rows), nr, len(cols), nc)
	}
	add("cause-system.svg", chart.Heatmap{Meta: meta("cause-system", matrixTitle, t("stats.matrix.desc")+" "+hottest(rows, cols)),
		Rows: rowKeys(rows), Cols: cols, Values: cells})

	// incidents per month
	mLabels := make([]string, len(r.IncidentsPerMonth))
	mValues := make([]float64, len(r.IncidentsPerMonth))
	for i, pc := range r.IncidentsPerMonth {
		mLabels[i], mValues[i] = pc.Period, float64(pc.Count)
	}
	add("incidents-per-month.svg", chart.Columns{Meta: meta("incidents-per-month", t("stats.months"),
		t("stats.months.desc")+" "+chart.Describe(mLabels, mValues, "", 24)), Labels: mLabels,
		Series: []chart.Series{{Name: t("stats.months"), Values: mValues}}})

	// severity per period
	var sevPer []chart.Series
	for j, row := range r.SeverityPerPeriod.Rows {
		sevPer = append(sevPer, chart.Series{Name: row.Key, Class: "sev" + strconv.Itoa(min(j, 5)), Values: floats(row.Counts)})
	}
	add("severity.svg", chart.Columns{Meta: meta("severity", t("stats.severity."+r.Granularity), t("stats.severity.desc")+" "+
		chart.Describe(rowKeys(r.SeverityPerPeriod.Rows), rowTotals(r.SeverityPerPeriod.Rows), "", 10)),
		Labels: r.Periods, Series: sevPer})

	// detection share per quarter
	add("detection.svg", chart.Columns{Meta: meta("detection", t("stats.detection.chart"), t("stats.detection.desc")+" "+
		chart.Describe(mapStrings(keysOf(r.ByDetection), detectionName), countValues(r.ByDetection), "", 10)),
		Labels: r.Quarters, Series: topShares(renameRows(r.DetectionPerQuarter.Rows, detectionName), len(r.Quarters), maxTrendLines, t("stats.other")), Percent: true})

	// time to detect by detection source
	add("time-to-detect-by-detection.svg", medianBars(meta("ttd-by-detection", t("stats.ttd"), t("stats.ttd.desc")),
		renameStats(r.TimeToDetectByDetection, detectionName), w, dur))

	// duration histograms
	binLabels := make([]string, len(r.DurationBins))
	for i, b := range r.DurationBins {
		binLabels[i] = binLabel(w, b)
	}
	for _, m := range r.Durations {
		name := strings.ReplaceAll(m.Metric, "_", "-")
		metric := MetricName(w, m.Metric)
		desc := f("stats.dist.desc", metric, m.All.N, dur(m.All.Median), dur(m.All.P90))
		mt := meta(name, metric, desc+" "+chart.Describe(binLabels, floats(m.All.Histogram), "", len(binLabels)))
		mt.Note = f("stats.dist.note", m.All.N, dur(m.All.Median), dur(m.All.P90))
		if m.All.SmallN {
			mt.Note += " · " + t("stats.small")
		}
		var series []chart.Series
		if m.All.N > 0 {
			series = []chart.Series{{Name: metric, Values: floats(m.All.Histogram)}}
		}
		add(name+".svg", chart.Columns{Meta: mt, Labels: binLabels, Series: series})
	}

	// time to resolve by severity
	for _, m := range r.Durations {
		if m.Metric == TimeToResolve {
			add("time-to-resolve-by-severity.svg", medianBars(meta("ttr-by-severity", t("stats.sev"), t("stats.sev.desc")), m.BySeverity, w, dur))
		}
	}

	// action items per team
	teams := r.Actions.ByTeam[:min(len(r.Actions.ByTeam), maxBars)]
	// The states as the action items page names them.
	states := []chart.Series{{Name: t("status.done"), Class: "s2"}, {Name: t("filter.active"), Class: "s0"},
		{Name: t("actions.overdue"), Class: "s5"}, {Name: t("status.wont-do"), Class: "s7"}}
	// The not-overdue segment's tooltip gives all the items not closed, as
	// the table under the chart does, and how many of them are overdue
	// (the next segment): "core · Not closed: 3 (1 overdue)".
	var teamLabels []string
	for _, g := range teams {
		teamLabels = append(teamLabels, g.Key)
		for i, v := range []int{g.Done, g.Unclosed - g.Overdue, g.Overdue, g.WontDo} {
			states[i].Values = append(states[i].Values, float64(v))
		}
		tip := strconv.Itoa(g.Unclosed)
		if g.Overdue > 0 {
			tip += " (" + f("actions.overdueN", g.Overdue) + ")"
		}
		states[1].Tips = append(states[1].Tips, tip)
	}
	add("actions.svg", chart.Bars{Meta: meta("actions", t("stats.actions.chart"), t("stats.actions.desc")), Labels: teamLabels, Series: states})

	// repeat rate per quarter
	qLabels := make([]string, len(r.Repeats.ByQuarter))
	rates := make([]float64, len(r.Repeats.ByQuarter))
	for i, q := range r.Repeats.ByQuarter {
		qLabels[i], rates[i] = q.Period, q.Rate
	}
	add("repeats.svg", chart.Lines{Meta: meta("repeats", t("stats.repeats.caption"), f("stats.repeats.desc", r.Repeats.WindowDays)),
		Labels: qLabels, Series: []chart.Series{{Name: t("stats.repeats.rate"), Values: rates}}, Percent: true})
	return files
}

// metaOf returns the Meta of a chart of package chart.
func metaOf(c any) chart.Meta {
	switch v := c.(type) {
	case chart.Bars:
		return v.Meta
	case chart.Columns:
		return v.Meta
	case chart.Lines:
		return v.Meta
	case chart.Heatmap:
		return v.Meta
	}
	return chart.Meta{}
}

// medianBars draws the median of each group as a bar with its 90th
// percentile as a tick, in hours when the largest is over three hours;
// dur writes the durations of its text alternative, w the other words.
func medianBars(m chart.Meta, groups []DurationStat, w Words, dur func(*float64) string) chart.Bars {
	var labels []string
	var med, p90 []float64
	var notes []string
	maxV := 0.0
	for _, g := range groups {
		if g.N == 0 {
			continue
		}
		labels = append(labels, fmt.Sprintf("%s (n=%d)", g.Key, g.N))
		med, p90 = append(med, *g.Median), append(p90, *g.P90)
		maxV = max(maxV, *g.P90)
		notes = append(notes, g.Key+" "+dur(g.Median)+"/"+dur(g.P90))
		if g.SmallN {
			m.Note = w.String("stats.small")
		}
	}
	unit, div := "stats.unit.min", 1.0
	if maxV > 180 {
		unit, div = "stats.unit.h", 60
	}
	for i := range med {
		med[i], p90[i] = round(med[i]/div, 1), round(p90[i]/div, 1)
	}
	m.Desc += " " + strings.Join(notes, ", ")
	var series []chart.Series
	if len(labels) > 0 {
		series = []chart.Series{{Name: w.String("stats.median"), Values: med}}
	}
	return chart.Bars{Meta: m, Labels: labels, Series: series, Unit: w.String(unit), Marks: p90, MarkName: w.String("stats.p90")}
}

// topSeries turns the first n rows into series and sums the rest as other.
func topSeries(rows []Row, cols, n int, other string) []chart.Series {
	var out []chart.Series
	var rest []float64
	for i, row := range rows {
		if i < n {
			out = append(out, chart.Series{Name: row.Key, Values: floats(row.Counts)})
			continue
		}
		if rest == nil {
			rest = make([]float64, cols)
		}
		for j, c := range row.Counts {
			rest[j] += float64(c)
		}
	}
	if rest != nil {
		out = append(out, chart.Series{Name: other, Class: "s7", Values: rest})
	}
	return out
}

// topShares is topSeries over the rows' shares.
func topShares(rows []Row, cols, n int, other string) []chart.Series {
	var out []chart.Series
	var rest []float64
	for i, row := range rows {
		if i < n {
			out = append(out, chart.Series{Name: row.Key, Values: row.Shares})
			continue
		}
		if rest == nil {
			rest = make([]float64, cols)
		}
		for j, s := range row.Shares {
			rest[j] += s
		}
	}
	if rest != nil {
		out = append(out, chart.Series{Name: other, Class: "s7", Values: rest})
	}
	return out
}

// hottest names the largest cell of the matrix for the text alternative.
func hottest(rows []Row, cols []string) string {
	best, bi, bj := 0, -1, -1
	for i, row := range rows {
		for j := range cols {
			if row.Counts[j] > best {
				best, bi, bj = row.Counts[j], i, j
			}
		}
	}
	if bi < 0 {
		return ""
	}
	return fmt.Sprintf("%s × %s: %d.", rows[bi].Key, cols[bj], best)
}

// mapStrings returns f of each of ss.
func mapStrings(ss []string, f func(string) string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

// renameStats returns copies of groups whose keys are f of theirs.
func renameStats(groups []DurationStat, f func(string) string) []DurationStat {
	out := slices.Clone(groups)
	for i := range out {
		out[i].Key = f(out[i].Key)
	}
	return out
}

// renameRows returns copies of rows whose keys are f of theirs.
func renameRows(rows []Row, f func(string) string) []Row {
	out := slices.Clone(rows)
	for i := range out {
		out[i].Key = f(out[i].Key)
	}
	return out
}

func split(kc []KeyCount) ([]string, []float64) {
	labels := make([]string, len(kc))
	values := make([]float64, len(kc))
	for i, k := range kc {
		labels[i], values[i] = k.Key, float64(k.Count)
	}
	return labels, values
}

func countValues(kc []KeyCount) []float64 {
	_, v := split(kc)
	return v
}

func floats(ns []int) []float64 {
	out := make([]float64, len(ns))
	for i, n := range ns {
		out[i] = float64(n)
	}
	return out
}

func rowKeys(rows []Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Key
	}
	return out
}

func rowTotals(rows []Row) []float64 {
	out := make([]float64, len(rows))
	for i, r := range rows {
		out[i] = float64(r.Total)
	}
	return out
}
