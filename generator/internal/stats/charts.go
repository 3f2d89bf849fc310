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

// words are the chart texts in each UI language.
var words = map[string]map[string]string{
	"en": {
		"causes":           "Recurring causes",
		"causes.desc":      "Postmortems per cause, out of %d.",
		"trend.quarter":    "Causes per quarter",
		"trend.month":      "Causes per month",
		"trend.desc":       "Postmortems per period for the %d most frequent causes; the rest are “other”.",
		"systems":          "Incidents per system, by severity",
		"systems.desc":     "Postmortems per system, split by severity.",
		"matrix":           "Causes × systems",
		"matrix.desc":      "How many postmortems name each cause on each system; darker is more.",
		"matrix.cut":       "(top %d of %d causes, %d of %d systems)",
		"months":           "Incidents per month",
		"months.desc":      "Postmortems per month.",
		"severity.quarter": "Severity per quarter",
		"severity.month":   "Severity per month",
		"severity.desc":    "Postmortems per period by severity.",
		"detection":        "How incidents were detected, per quarter",
		"detection.desc":   "Share of each quarter's postmortems by detection source.",
		"ttd":              "Time to detect by detection source",
		"ttd.desc":         "Median time to detect (bar) and 90th percentile (tick) per detection source.",
		"p90":              "90th percentile",
		"other":            "other",
		"nodata":           "No data",
		"time_to_detect":   "Time to detect",
		"time_to_mitigate": "Time to mitigate",
		"time_to_resolve":  "Time to resolve",
		"dist.desc":        "Distribution of %s over %d postmortems: median %s, 90th percentile %s.",
		"sev":              "Time to resolve by severity",
		"sev.desc":         "Median time to resolve (bar) and 90th percentile (tick) per severity.",
		"small":            "n < 5: too few to compare",
		"median":           "median",
		"actions":          "Action items per team",
		"actions.desc":     "Action items per team: done, unclosed (not overdue), overdue, wont-do.",
		"done":             "done",
		"unclosed":         "unclosed",
		"overdue":          "overdue",
		"wont-do":          "wont-do",
		"repeats":          "Repeat rate per quarter",
		"repeats.desc":     "Share of each quarter's postmortems that repeat an earlier one within %d days or by related:.",
		"repeat rate":      "repeat rate",
	},
	"ja": {
		"causes":           "繰り返す原因",
		"causes.desc":      "%d 件のポストモーテムのうち、原因ごとの件数。",
		"trend.quarter":    "四半期ごとの原因",
		"trend.month":      "月ごとの原因",
		"trend.desc":       "件数の多い %d の原因の期間ごとの件数。その他は「その他」。",
		"systems":          "システム別・重大度別のインシデント",
		"systems.desc":     "システムごとの件数を重大度で分けたもの。",
		"matrix":           "原因 × システム",
		"matrix.desc":      "各システムで各原因を挙げたポストモーテムの件数。濃いほど多い。",
		"matrix.cut":       "（原因 %d/%d 件、システム %d/%d 件）",
		"months":           "月ごとのインシデント数",
		"months.desc":      "月ごとのポストモーテムの件数。",
		"severity.quarter": "四半期ごとの重大度",
		"severity.month":   "月ごとの重大度",
		"severity.desc":    "期間ごと・重大度ごとの件数。",
		"detection":        "検知方法の割合（四半期ごと）",
		"detection.desc":   "四半期ごとの検知方法別の割合。",
		"ttd":              "検知方法別の検知までの時間",
		"ttd.desc":         "検知方法ごとの検知までの時間の中央値（棒）と 90 パーセンタイル（目盛り）。",
		"p90":              "90 パーセンタイル",
		"other":            "その他",
		"nodata":           "データなし",
		"time_to_detect":   "検知までの時間",
		"time_to_mitigate": "緩和までの時間",
		"time_to_resolve":  "解決までの時間",
		"dist.desc":        "%s の分布（%d 件）：中央値 %s、90 パーセンタイル %s。",
		"sev":              "重大度別の解決までの時間",
		"sev.desc":         "重大度ごとの解決までの時間の中央値（棒）と 90 パーセンタイル（目盛り）。",
		"small":            "n < 5：比較するには少なすぎます",
		"median":           "中央値",
		"actions":          "チーム別のアクションアイテム",
		"actions.desc":     "チームごとのアクションアイテム：完了、未完了（期限内）、期限切れ、対応しない。",
		"done":             "完了",
		"unclosed":         "未完了",
		"overdue":          "期限切れ",
		"wont-do":          "対応しない",
		"repeats":          "四半期ごとの再発率",
		"repeats.desc":     "四半期ごとのポストモーテムのうち、%d 日以内または related: で以前のものを繰り返した割合。",
		"repeat rate":      "再発率",
	},
}

func tr(lang string) func(string) string {
	m, ok := words[lang]
	if !ok {
		m = words["en"]
	}
	return func(k string) string {
		if s, ok := m[k]; ok {
			return s
		}
		return words["en"][k]
	}
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
// ChartFiles), their texts in lang ("en" or "ja"). Each is self-contained
// and accessible (see package chart); with no data each is an empty-state
// chart.
func Charts(r *Report, lang string) []output.File {
	figs := Figures(r, lang, Names{})
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

// Names gives the names the charts show for causes, systems and detection
// sources (the site's vocabulary and the UI's words, as the tables beside
// them show), a nil func keeping the slugs, and the words of their
// durations (render.Words.Duration, as the postmortem pages write them),
// a nil Duration writing time.Duration's own form ("1h38m0s").
type Names struct {
	Cause, System, Detection func(slug string) string
	Duration                 func(time.Duration) string
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
// and systems are labelled with names.
func Figures(r *Report, lang string, names Names) []Figure {
	t := tr(lang)
	causeName, systemName, detectionName := names.of(names.Cause), names.of(names.System), names.of(names.Detection)
	say := names.Duration
	if say == nil {
		say = time.Duration.String
	}
	dur := func(m *float64) string { return FormatDuration(m, say) }
	meta := func(id, title, desc string) chart.Meta {
		return chart.Meta{ID: id, Title: title, Desc: desc, Empty: t("nodata")}
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
	add("causes.svg", chart.Bars{Meta: meta("causes", t("causes"),
		fmt.Sprintf(t("causes.desc"), r.Postmortems)+" "+chart.Describe(labels, values, "", maxBars)),
		Labels: labels, Series: []chart.Series{{Name: t("causes"), Values: values}}})

	// cause trend: top causes stacked per period, the rest as "other"
	add("cause-trend.svg", chart.Columns{Meta: meta("cause-trend", t("trend."+r.Granularity),
		fmt.Sprintf(t("trend.desc"), min(len(r.CauseTrend.Rows), maxTrendLines))),
		Labels: r.Periods, Series: topSeries(renameRows(r.CauseTrend.Rows, causeName), len(r.Periods), maxTrendLines, t("other"))})

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
	add("systems.svg", chart.Bars{Meta: meta("systems", t("systems"), t("systems.desc")+" "+
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
	matrixTitle := t("matrix")
	if nr, nc := len(r.CauseSystem.Rows), len(r.CauseSystem.Columns); len(rows) < nr || len(cols) < nc {
		matrixTitle += " " + fmt.Sprintf(t("matrix.cut"), len(rows), nr, len(cols), nc)
	}
	add("cause-system.svg", chart.Heatmap{Meta: meta("cause-system", matrixTitle, t("matrix.desc")+" "+hottest(rows, cols)),
		Rows: rowKeys(rows), Cols: cols, Values: cells})

	// incidents per month
	mLabels := make([]string, len(r.IncidentsPerMonth))
	mValues := make([]float64, len(r.IncidentsPerMonth))
	for i, pc := range r.IncidentsPerMonth {
		mLabels[i], mValues[i] = pc.Period, float64(pc.Count)
	}
	add("incidents-per-month.svg", chart.Columns{Meta: meta("incidents-per-month", t("months"),
		t("months.desc")+" "+chart.Describe(mLabels, mValues, "", 24)), Labels: mLabels,
		Series: []chart.Series{{Name: t("months"), Values: mValues}}})

	// severity per period
	var sevPer []chart.Series
	for j, row := range r.SeverityPerPeriod.Rows {
		sevPer = append(sevPer, chart.Series{Name: row.Key, Class: "sev" + strconv.Itoa(min(j, 5)), Values: floats(row.Counts)})
	}
	add("severity.svg", chart.Columns{Meta: meta("severity", t("severity."+r.Granularity), t("severity.desc")+" "+
		chart.Describe(rowKeys(r.SeverityPerPeriod.Rows), rowTotals(r.SeverityPerPeriod.Rows), "", 10)),
		Labels: r.Periods, Series: sevPer})

	// detection share per quarter
	add("detection.svg", chart.Columns{Meta: meta("detection", t("detection"), t("detection.desc")+" "+
		chart.Describe(mapStrings(keysOf(r.ByDetection), detectionName), countValues(r.ByDetection), "", 10)),
		Labels: r.Quarters, Series: topShares(renameRows(r.DetectionPerQuarter.Rows, detectionName), len(r.Quarters), maxTrendLines, t("other")), Percent: true})

	// time to detect by detection source
	add("time-to-detect-by-detection.svg", medianBars(meta("ttd-by-detection", t("ttd"), t("ttd.desc")),
		renameStats(r.TimeToDetectByDetection, detectionName), t, dur))

	// duration histograms
	binLabels := make([]string, len(r.DurationBins))
	for i, b := range r.DurationBins {
		binLabels[i] = b.Label
	}
	for _, m := range r.Durations {
		name := strings.ReplaceAll(m.Metric, "_", "-")
		desc := fmt.Sprintf(t("dist.desc"), t(m.Metric), m.All.N, dur(m.All.Median), dur(m.All.P90))
		mt := meta(name, t(m.Metric), desc+" "+chart.Describe(binLabels, floats(m.All.Histogram), "", len(binLabels)))
		mt.Note = fmt.Sprintf("n=%d · %s %s · p90 %s", m.All.N, t("median"), dur(m.All.Median), dur(m.All.P90))
		if m.All.SmallN {
			mt.Note += " · " + t("small")
		}
		var series []chart.Series
		if m.All.N > 0 {
			series = []chart.Series{{Name: t(m.Metric), Values: floats(m.All.Histogram)}}
		}
		add(name+".svg", chart.Columns{Meta: mt, Labels: binLabels, Series: series})
	}

	// time to resolve by severity
	for _, m := range r.Durations {
		if m.Metric == TimeToResolve {
			add("time-to-resolve-by-severity.svg", medianBars(meta("ttr-by-severity", t("sev"), t("sev.desc")), m.BySeverity, t, dur))
		}
	}

	// action items per team
	teams := r.Actions.ByTeam[:min(len(r.Actions.ByTeam), maxBars)]
	states := []chart.Series{{Name: t("done"), Class: "s2"}, {Name: t("unclosed"), Class: "s0"},
		{Name: t("overdue"), Class: "s5"}, {Name: t("wont-do"), Class: "s7"}}
	var teamLabels []string
	for _, g := range teams {
		teamLabels = append(teamLabels, g.Key)
		for i, v := range []int{g.Done, g.Unclosed - g.Overdue, g.Overdue, g.WontDo} {
			states[i].Values = append(states[i].Values, float64(v))
		}
	}
	add("actions.svg", chart.Bars{Meta: meta("actions", t("actions"), t("actions.desc")), Labels: teamLabels, Series: states})

	// repeat rate per quarter
	qLabels := make([]string, len(r.Repeats.ByQuarter))
	rates := make([]float64, len(r.Repeats.ByQuarter))
	for i, q := range r.Repeats.ByQuarter {
		qLabels[i], rates[i] = q.Period, q.Rate
	}
	add("repeats.svg", chart.Lines{Meta: meta("repeats", t("repeats"), fmt.Sprintf(t("repeats.desc"), r.Repeats.WindowDays)),
		Labels: qLabels, Series: []chart.Series{{Name: t("repeat rate"), Values: rates}}, Percent: true})
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
// dur writes the durations of its text alternative.
func medianBars(m chart.Meta, groups []DurationStat, t func(string) string, dur func(*float64) string) chart.Bars {
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
			m.Note = t("small")
		}
	}
	unit, div := "m", 1.0
	if maxV > 180 {
		unit, div = "h", 60
	}
	for i := range med {
		med[i], p90[i] = round(med[i]/div, 1), round(p90[i]/div, 1)
	}
	m.Desc += " " + strings.Join(notes, ", ")
	var series []chart.Series
	if len(labels) > 0 {
		series = []chart.Series{{Name: t("median"), Values: med}}
	}
	return chart.Bars{Meta: m, Labels: labels, Series: series, Unit: unit, Marks: p90, MarkName: t("p90")}
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
