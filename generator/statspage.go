package generator

import (
	"cmp"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/pmkb/pmkb/generator/internal/chart"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/internal/stats"
	"github.com/pmkb/pmkb/generator/model"
)

// siteStats is what a build takes from package stats, computed once: the
// report of /api/stats.json, the statistics page, the repeats every
// postmortem page shows, the small figures of the system and cause pages,
// and the SVG charts of both.
type siteStats struct {
	report  *stats.Report
	page    render.Page
	repeats map[string][]render.Repeated
	terms   map[string]*render.TermFigures
	charts  []output.File
}

// computeSiteStats computes the statistics of kb for its pages: the
// report, the repeats and the term figures come from one stats.Site, and
// the stats page, the postmortem pages' repeats and the term figures are
// made from them concurrently. The stats page and its charts say
// durations and detection sources with the theme's words, as the
// postmortem pages do; the error is the theme's lack of them.
func computeSiteStats(kb *model.KnowledgeBase, theme fs.FS) (*siteStats, error) {
	lang := kb.Config.Language
	words, err := render.LoadWords(theme, lang)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	s := &siteStats{}
	var figs []stats.Figure
	var termCharts []output.File
	// One search for repeats serves the stats page, the postmortem pages
	// and the term pages.
	f := stats.Site(kb)
	s.report = f.Report
	var wg sync.WaitGroup
	wg.Go(func() {
		figs = stats.Figures(s.report, lang, stats.Names{
			Cause:     func(k string) string { return causeName(kb, k) },
			System:    func(k string) string { return systemName(kb, k) },
			Detection: words.Detection,
			Duration:  words.Duration,
		})
		s.page = statsPage(s.report, figs, kb, words)
	})
	wg.Go(func() { s.repeats = pageRepeats(kb, f.Repeats) })
	wg.Go(func() { s.terms, termCharts = termFigures(kb, f.Terms, lang) })
	wg.Wait()
	for _, f := range figs {
		s.charts = append(s.charts, output.File{Path: f.Path, Data: f.SVG})
	}
	s.charts = append(s.charts, termCharts...)
	if err := words.Err(); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	return s, nil
}

// output returns the charts and /api/stats.json.
func (s *siteStats) output() ([]output.File, error) {
	doc, err := s.report.JSON()
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	return append(slices.Clone(s.charts), output.File{Path: "api/stats.json", Data: doc}), nil
}

// pageRepeats turns stats.RepeatInfo into what postmortem pages show. A
// page details only the first render.MaxRepeatsShown earlier incidents and
// counts the rest, so only those keep their shared systems, causes and
// open action items: on a knowledge base where incidents repeat many
// earlier ones, the details of the rest were most of the memory the
// repeats held during the build.
func pageRepeats(kb *model.KnowledgeBase, info map[string]stats.Repeat) map[string][]render.Repeated {
	out := make(map[string][]render.Repeated, len(info))
	for id, rep := range info {
		list := make([]render.Repeated, 0, len(rep.Of))
		shown := map[string]bool{id: true}
		for _, e := range rep.Of {
			r := render.Repeated{ID: e.ID}
			// As render counts: other postmortems of the site, once each.
			if _, ok := kb.ByID(e.ID); ok && !shown[e.ID] && len(shown) <= render.MaxRepeatsShown {
				shown[e.ID] = true
				r = render.Repeated{ID: e.ID, Related: e.Related, Systems: e.Systems, Causes: e.Causes,
					Days: e.Days, OpenActions: openActions(e.OpenActions)}
			}
			list = append(list, r)
		}
		out[id] = list
	}
	return out
}

func openActions(rows []stats.ActionRow) []render.OpenAction {
	out := make([]render.OpenAction, 0, len(rows))
	for _, a := range rows {
		out = append(out, render.OpenAction{Postmortem: a.Postmortem, ID: a.ID, Title: a.Title, Owner: a.Owner,
			Kind: a.Kind, Status: a.Status, Due: a.Due, Overdue: a.Overdue})
	}
	return out
}

// termFigures are the figures of every system and cause page, by the
// page's site path, with their charts ("systems/<slug>/incidents.svg").
// Two keys that name one page keep the first, in key order.
func termFigures(kb *model.KnowledgeBase, tr stats.TermReports, lang string) (map[string]*render.TermFigures, []output.File) {
	w := statsWords(lang)
	out := map[string]*render.TermFigures{}
	var files []output.File
	for _, kind := range []struct {
		reports map[string]*stats.TermReport
		path    func(string) string
		name    func(*model.KnowledgeBase, string) string
	}{{tr.Systems, model.SystemPath, systemName}, {tr.Causes, model.CausePath, causeName}} {
		keys := make([]string, 0, len(kind.reports))
		for k := range kind.reports {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			t, p := kind.reports[k], kind.path(k)
			if _, dup := out[p]; dup || model.Slug(k) == "" {
				continue
			}
			src := p + "incidents.svg"
			files = append(files, output.File{Path: src, Data: t.Chart(lang, kind.name(kb, k))})
			labels := make([]string, len(t.PerQuarter))
			values := make([]float64, len(t.PerQuarter))
			for i, pc := range t.PerQuarter {
				labels[i], values[i] = pc.Period, float64(pc.Count)
			}
			alt := fmt.Sprintf(w["term.chart"], t.Postmortems) + " " + chart.Describe(labels, values, "", 40)
			f := &render.TermFigures{Chart: &render.Figure{Src: src, Alt: alt, Caption: w["term.caption"]},
				Repeats: t.Repeats, ChainsTotal: t.ChainsTotal, OpenActions: openActions(t.OpenActions)}
			for _, c := range t.Chains {
				f.Chains = append(f.Chains, render.Chain{Label: chainLabel(kb, c, w), IDs: c.IDs})
			}
			out[p] = f
		}
	}
	return out, files
}

func chainLabel(kb *model.KnowledgeBase, c stats.Chain, w map[string]string) string {
	if c.Related {
		return w["chain.related"]
	}
	return systemName(kb, c.System) + " × " + causeName(kb, c.Cause)
}

func systemName(kb *model.KnowledgeBase, key string) string {
	s, _ := kb.Config.System(key)
	return cmp.Or(s.Name, key)
}

func causeName(kb *model.KnowledgeBase, key string) string {
	c, _ := kb.Config.Cause(key)
	return cmp.Or(c.Name, key)
}

// statsPage is the statistics page at stats/: one section per figure of
// the report, each chart beside the table of the numbers behind it.
// Durations and detection sources are in the theme's words.
func statsPage(r *stats.Report, figs []stats.Figure, kb *model.KnowledgeBase, words *render.Words) render.Page {
	w := statsWords(kb.Config.Language)
	p := &pageBuilder{w: w, words: words, kb: kb, figs: map[string]stats.Figure{}, empty: r.Postmortems == 0}
	for _, f := range figs {
		p.figs[f.Path] = f
	}
	intro := w["intro.empty"]
	if r.Postmortems > 0 {
		intro = fmt.Sprintf(w["intro"], r.Postmortems, r.First, r.Last, r.Today)
	}
	p.causes(r)
	p.systems(r)
	p.time(r)
	p.detection(r)
	p.durations(r)
	p.actions(r)
	p.repeats(r)
	return render.Page{Path: "stats/", Section: "stats", Title: w["title"], Intro: intro, Sections: p.sections}
}

// pageBuilder collects the sections of the statistics page.
type pageBuilder struct {
	w        map[string]string
	words    *render.Words
	kb       *model.KnowledgeBase
	figs     map[string]stats.Figure
	sections []render.Section
	// empty is set when no postmortem is counted.
	empty bool
}

// add appends a section with the chart of figure (a ChartFiles name, or
// "") and the table. A table without rows becomes one "no data" line, and
// the chart, which would only say so again, is left out; on a page
// without postmortems every section is just that line.
func (p *pageBuilder) add(id, heading, figure string, table *render.DataTable, paragraphs ...string) {
	s := render.Section{ID: id, Heading: heading, Paragraphs: paragraphs}
	if p.empty || (table != nil && len(table.Rows) == 0) {
		if p.empty {
			s.Paragraphs = nil
		}
		s.Paragraphs = append(s.Paragraphs, p.w["nodata"])
		p.sections = append(p.sections, s)
		return
	}
	if f, ok := p.figs["stats/"+figure]; ok && figure != "" {
		alt := f.Desc
		if f.Note != "" {
			alt += " " + f.Note
		}
		s.Figure = &render.Figure{Src: f.Path, Alt: alt, Caption: f.Title}
	}
	s.Table = table
	p.sections = append(p.sections, s)
}

// table starts a table with the given columns; the first is text, the
// others numeric unless named in text.
func table(caption string, columns []string, text ...int) *render.DataTable {
	t := &render.DataTable{Caption: caption, Columns: columns, Numeric: make([]bool, len(columns))}
	for i := 1; i < len(columns); i++ {
		t.Numeric[i] = !slices.Contains(text, i)
	}
	return t
}

func cell(s string) render.Cell         { return render.Cell{Text: s} }
func link(s, to string) render.Cell     { return render.Cell{Text: s, Link: to} }
func num(n int) render.Cell             { return cell(strconv.Itoa(n)) }
func pctCell(share float64) render.Cell { return cell(pct(share)) }

// pct writes a share as a percentage with at most one decimal.
func pct(share float64) string {
	return strconv.FormatFloat(math.Round(share*1000)/10, 'f', -1, 64) + "%"
}

func (p *pageBuilder) causeCell(key string) render.Cell {
	return link(causeName(p.kb, key), model.CausePath(key))
}

func (p *pageBuilder) systemCell(key string) render.Cell {
	return link(systemName(p.kb, key), model.SystemPath(key))
}

func (p *pageBuilder) pmCell(id string) render.Cell {
	if q, ok := p.kb.ByID(id); ok {
		return render.Cell{Text: q.Title, Link: model.PostmortemPath(id), Lang: q.Lang}
	}
	return cell(id)
}

func (p *pageBuilder) causes(r *stats.Report) {
	w := p.w
	t := table(w["causes.caption"], []string{w["col.cause"], w["col.rank"], w["col.incidents"], w["col.share"]})
	for i, c := range r.CauseShare {
		t.Rows = append(t.Rows, []render.Cell{p.causeCell(c.Key), num(i + 1), num(c.Count), pctCell(c.Share)})
	}
	p.add("causes", w["causes"], "causes.svg", t, w["causes.note"])

	t = table(w["trend.caption"], append([]string{w["col.cause"]}, r.Periods...))
	for _, row := range r.CauseTrend.Rows {
		cells := []render.Cell{p.causeCell(row.Key)}
		for _, n := range row.Counts {
			cells = append(cells, num(n))
		}
		t.Rows = append(t.Rows, cells)
	}
	p.add("cause-trend", w["trend"], "cause-trend.svg", t)

	ch := r.CauseChanges
	t = table(w["changes.caption"], []string{w["col.cause"], w["col.direction"],
		fmt.Sprintf(w["col.between"], ch.PreviousFrom, ch.PreviousTo), fmt.Sprintf(w["col.between"], ch.RecentFrom, ch.RecentTo), w["col.change"]}, 1)
	for _, g := range []struct {
		label string
		list  []stats.Change
	}{{w["rising"], ch.Rising}, {w["falling"], ch.Falling}} {
		for _, c := range g.list {
			t.Rows = append(t.Rows, []render.Cell{p.causeCell(c.Key), cell(g.label), num(c.Previous), num(c.Recent), cell(signed(c.Change))})
		}
	}
	var para []string
	if ch.RecentFrom != "" {
		para = append(para, fmt.Sprintf(w["changes.note"], ch.RecentFrom, ch.RecentTo, ch.PreviousFrom, ch.PreviousTo))
	}
	p.add("cause-changes", w["changes"], "", t, para...)
}

func signed(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func (p *pageBuilder) systems(r *stats.Report) {
	w := p.w
	t := table(w["systems.caption"], slices.Concat([]string{w["col.system"], w["col.incidents"]}, r.SystemSeverity.Columns))
	for _, row := range r.SystemSeverity.Rows {
		cells := []render.Cell{p.systemCell(row.Key), num(row.Total)}
		for _, n := range row.Counts {
			cells = append(cells, num(n))
		}
		t.Rows = append(t.Rows, cells)
	}
	p.add("systems", w["systems"], "systems.svg", t)

	var cols []string
	for _, c := range r.CauseSystem.Columns {
		cols = append(cols, systemName(p.kb, c))
	}
	t = table(w["matrix.caption"], slices.Concat([]string{w["col.cause"]}, cols))
	for _, row := range r.CauseSystem.Rows {
		cells := []render.Cell{p.causeCell(row.Key)}
		for _, n := range row.Counts {
			cells = append(cells, num(n))
		}
		t.Rows = append(t.Rows, cells)
	}
	p.add("cause-system", w["matrix"], "cause-system.svg", t, w["matrix.note"])
}

func (p *pageBuilder) time(r *stats.Report) {
	w := p.w
	sevs := make([]string, len(r.SeverityPerPeriod.Rows))
	for i, row := range r.SeverityPerPeriod.Rows {
		sevs[i] = row.Key
	}
	t := table(w["severity.caption"], slices.Concat([]string{w["col.period"], w["col.incidents"]}, sevs))
	for j, period := range r.Periods {
		cells := []render.Cell{cell(period), cell("")}
		total := 0
		for _, row := range r.SeverityPerPeriod.Rows {
			total += row.Counts[j]
			cells = append(cells, num(row.Counts[j]))
		}
		cells[1] = num(total)
		t.Rows = append(t.Rows, cells)
	}
	p.add("severity", w["severity"], "severity.svg", t)

	t = table(w["months.caption"], []string{w["col.month"], w["col.incidents"]})
	for _, m := range r.IncidentsPerMonth {
		t.Rows = append(t.Rows, []render.Cell{cell(m.Period), num(m.Count)})
	}
	p.add("incidents-per-month", w["months"], "incidents-per-month.svg", t)
}

func (p *pageBuilder) detection(r *stats.Report) {
	w := p.w
	var sources []string
	for _, row := range r.DetectionPerQuarter.Rows {
		sources = append(sources, p.words.Detection(row.Key))
	}
	t := table(w["detection.caption"], slices.Concat([]string{w["col.quarter"], w["col.incidents"]}, sources))
	for j, q := range r.Quarters {
		cells := []render.Cell{cell(q), cell("")}
		total := 0
		for _, row := range r.DetectionPerQuarter.Rows {
			total += row.Counts[j]
			share := 0.0
			if j < len(row.Shares) {
				share = row.Shares[j]
			}
			cells = append(cells, cell(fmt.Sprintf("%d (%s)", row.Counts[j], pct(share))))
		}
		cells[1] = num(total)
		t.Rows = append(t.Rows, cells)
	}
	p.add("detection", w["detection"], "detection.svg", t, w["detection.note"])

	t = p.durationTable(w["ttd.caption"], w["col.detection"], r.TimeToDetectByDetection, p.words.Detection)
	p.add("time-to-detect-by-detection", w["ttd"], "time-to-detect-by-detection.svg", t, p.smallNote(r.TimeToDetectByDetection)...)
}

// durationTable lists duration groups: n, median, 90th percentile,
// missing and the small-n note.
func (p *pageBuilder) durationTable(caption, group string, stats_ []stats.DurationStat, label func(string) string) *render.DataTable {
	w := p.w
	t := table(caption, []string{group, "n", w["col.median"], w["col.p90"], w["col.missing"], w["col.note"]}, 2, 3, 5)
	for _, d := range stats_ {
		note := ""
		if d.SmallN {
			note = w["small"]
		}
		t.Rows = append(t.Rows, []render.Cell{cell(label(d.Key)), num(d.N), cell(stats.FormatDuration(d.Median, p.words.Duration)),
			cell(stats.FormatDuration(d.P90, p.words.Duration)), num(d.Missing), cell(note)})
	}
	return t
}

// smallNote is the visible note for groups with n < 5, if any.
func (p *pageBuilder) smallNote(groups ...[]stats.DurationStat) []string {
	for _, g := range groups {
		for _, d := range g {
			if d.SmallN {
				return []string{p.w["small.note"]}
			}
		}
	}
	return nil
}

func (p *pageBuilder) durations(r *stats.Report) {
	w := p.w
	same := func(s string) string { return s }
	for i, m := range r.Durations {
		name := w[m.Metric]
		groups := slices.Concat([]stats.DurationStat{m.All}, m.BySeverity, m.ByQuarter)
		groups[0].Key = w["all"]
		t := p.durationTable(fmt.Sprintf(w["dur.caption"], name), w["col.group"], groups, same)
		var para []string
		if i == 0 {
			para = append(para, w["heavy"])
		}
		para = append(para, p.smallNote(groups)...)
		p.add(strings.ReplaceAll(m.Metric, "_", "-"), name, strings.ReplaceAll(m.Metric, "_", "-")+".svg", t, para...)
		if m.Metric == stats.TimeToResolve {
			t := p.durationTable(w["sev.caption"], w["col.severity"], m.BySeverity, same)
			p.add("time-to-resolve-by-severity", w["sev"], "time-to-resolve-by-severity.svg", t, p.smallNote(m.BySeverity)...)
		}
	}
}

func (p *pageBuilder) actions(r *stats.Report) {
	w := p.w
	a := r.Actions
	rate := func(c stats.ActionCounts) string {
		if c.CompletionRate == nil {
			return "–"
		}
		return pct(*c.CompletionRate)
	}
	age := func(c stats.ActionCounts) string {
		if c.OpenAgeMedian == nil {
			return "–"
		}
		return stats.FormatDays(*c.OpenAgeMedian)
	}
	summary := fmt.Sprintf(w["actions.summary"], a.Total, a.Unclosed, a.Overdue, a.Done, a.WontDo, rate(a.ActionCounts), a.OnTime, a.Due, age(a.ActionCounts))
	t := table(w["actions.caption"], []string{w["col.team"], w["col.total"], w["col.unclosed"], w["col.overdue"], w["col.done"],
		w["col.wontdo"], w["col.rate"], w["col.age"]})
	for _, g := range a.ByTeam {
		t.Rows = append(t.Rows, []render.Cell{link(g.Key, model.TeamPath(g.Key)), num(g.Total), num(g.Unclosed), num(g.Overdue),
			num(g.Done), num(g.WontDo), cell(rate(g)), cell(age(g))})
	}
	p.add("actions", w["actions"], "actions.svg", t, summary, w["actions.note"])
}

func (p *pageBuilder) repeats(r *stats.Report) {
	w := p.w
	rp := r.Repeats
	summary := fmt.Sprintf(w["repeats.summary"], rp.WindowDays, rp.Count, r.Postmortems, pct(rp.Rate), rp.WithOpenActions, rp.WithOpenPrevent)
	t := table(w["repeats.caption"], []string{w["col.quarter"], w["col.incidents"], w["col.repeats"], w["col.rate"]})
	for _, q := range rp.ByQuarter {
		t.Rows = append(t.Rows, []render.Cell{cell(q.Period), num(q.Incidents), num(q.Repeats), pctCell(q.Rate)})
	}
	p.add("repeats", w["repeats"], "repeats.svg", t, summary)

	t = table(w["chains.caption"], []string{w["col.chain"], w["col.step"], w["col.postmortem"], w["col.date"]}, 2, 3)
	for i, c := range rp.Chains {
		label := fmt.Sprintf("%d. %s", i+1, chainLabel(p.kb, c, w))
		for j, id := range c.IDs {
			date := ""
			if q, ok := p.kb.ByID(id); ok {
				date = q.Day().String()
			}
			t.Rows = append(t.Rows, []render.Cell{cell(label), num(j + 1), p.pmCell(id), cell(date)})
		}
	}
	var para []string
	if rp.ChainsTotal > len(rp.Chains) {
		para = append(para, fmt.Sprintf(w["chains.more"], len(rp.Chains), rp.ChainsTotal))
	}
	p.add("repeat-chains", w["chains"], "", t, para...)

	t = table(w["open.caption"], []string{w["col.repeat"], w["col.earlier"], w["col.days"], w["col.action"], w["col.kind"],
		w["col.owner"], w["col.status"], w["col.due"]}, 1, 3, 4, 5, 6, 7)
	for _, rep := range rp.Items {
		for _, e := range rep.Of {
			if len(e.OpenActions) == 0 {
				t.Rows = append(t.Rows, []render.Cell{p.pmCell(rep.ID), p.pmCell(e.ID), num(e.Days), cell(w["none.open"]), cell(""), cell(""), cell(""), cell("")})
			}
			for _, a := range e.OpenActions {
				due := a.Due
				if a.Overdue {
					due += " (" + w["overdue"] + ")"
				}
				t.Rows = append(t.Rows, []render.Cell{p.pmCell(rep.ID), p.pmCell(e.ID), num(e.Days), cell(a.Title + " (#" + a.ID + ")"),
					cell(p.label("kind.", a.Kind)), cell(a.Owner), cell(p.label("status.", a.Status)), cell(due)})
			}
		}
	}
	para = []string{w["open.note"]}
	if rp.Count > len(rp.Items) {
		para = append(para, fmt.Sprintf(w["open.more"], len(rp.Items), rp.Count))
	}
	p.add("repeat-open-actions", w["open"], "", t, para...)
}

// label is the UI word of an action item's kind or status, else the value.
func (p *pageBuilder) label(prefix, v string) string {
	if l, ok := p.w[prefix+v]; ok {
		return l
	}
	return v
}

// statsWords are the statistics page's UI strings in lang ("en" or "ja";
// others get English).
func statsWords(lang string) map[string]string {
	en := map[string]string{
		"title":              "Statistics",
		"intro":              "%d postmortems from %s to %s, as of %s. Every chart has the numbers behind it in the table next to it.",
		"intro.empty":        "No postmortems yet.",
		"nodata":             "No data yet.",
		"causes":             "Recurring causes",
		"causes.caption":     "Postmortems per cause, most frequent first",
		"causes.note":        "A postmortem counts once for each cause it names, so the shares add up to more than 100% when postmortems name several.",
		"trend":              "Causes over time",
		"trend.caption":      "Postmortems per cause and period",
		"changes":            "Rising and falling causes",
		"changes.caption":    "Causes that rose or fell most",
		"changes.note":       "The last four quarters (%s to %s) compared with the four before (%s to %s).",
		"rising":             "rising",
		"falling":            "falling",
		"systems":            "Systems",
		"systems.caption":    "Incidents per system by severity",
		"matrix":             "Causes × systems",
		"matrix.caption":     "Postmortems per cause and system",
		"matrix.note":        "Which causes hit which systems: the darkest cells of the heat map are where to invest.",
		"severity":           "Severity over time",
		"severity.caption":   "Postmortems per period and severity",
		"months":             "Incidents per month",
		"months.caption":     "Postmortems per month",
		"detection":          "How incidents are detected",
		"detection.caption":  "Postmortems per quarter and detection source (share of the quarter)",
		"detection.note":     "Incidents our alerts find are found sooner than those customers report: the case for better alerting, in numbers.",
		"ttd":                "Time to detect by detection source",
		"ttd.caption":        "Time to detect per detection source",
		"time_to_detect":     "Time to detect",
		"time_to_mitigate":   "Time to mitigate",
		"time_to_resolve":    "Time to resolve",
		"dur.caption":        "%s: overall, per severity and per quarter",
		"heavy":              "Incident durations are heavy-tailed: a few long incidents pull the mean far from the typical one, so this page shows the median and the 90th percentile with the number of incidents (n), not means. Missing counts incidents whose timeline lacks one of the two moments.",
		"sev":                "Time to resolve by severity",
		"sev.caption":        "Time to resolve per severity",
		"small":              "n < 5: too few to compare",
		"small.note":         "Rows marked “n < 5” have fewer than five incidents: too few to compare.",
		"all":                "All",
		"actions":            "Action items",
		"actions.caption":    "Action items per team",
		"actions.summary":    "%d action items: %d not closed (%d overdue), %d done, %d won't do. On-time completion: %s (%d of the %d items already due). Median age of open items: %s days.",
		"actions.note":       "Completion counts the items due before today that were done by their due date. An item counts for every team of its postmortem.",
		"repeats":            "Repeat incidents",
		"repeats.caption":    "Repeat rate per quarter",
		"repeats.summary":    "A postmortem is a repeat when an earlier one shares a system and a cause within %d days, or it names it in related:. %d of %d postmortems (%s) are repeats; %d happened while an action item of the earlier incident was still open (%d with an open prevent item).",
		"chains":             "Repeat chains",
		"chains.caption":     "Chains of repeats, oldest incident first",
		"chains.more":        "The %d longest of %d chains.",
		"chain.related":      "linked by related:",
		"open":               "Action items still open at the repeat",
		"open.caption":       "Action items of the earlier incident that were still open when the repeat happened",
		"open.note":          "The question a review must ask: was the follow-up of the earlier incident done before it happened again?",
		"open.more":          "The latest %d of %d repeats.",
		"none.open":          "none open",
		"overdue":            "overdue",
		"col.cause":          "Cause",
		"col.rank":           "Rank",
		"col.incidents":      "Incidents",
		"col.share":          "Share",
		"col.direction":      "Direction",
		"col.between":        "%s–%s",
		"col.change":         "Change",
		"col.system":         "System",
		"col.period":         "Period",
		"col.month":          "Month",
		"col.quarter":        "Quarter",
		"col.detection":      "Detected by",
		"col.median":         "Median",
		"col.p90":            "90th percentile",
		"col.missing":        "Missing",
		"col.note":           "Note",
		"col.group":          "Group",
		"col.severity":       "Severity",
		"col.team":           "Team",
		"col.total":          "Total",
		"col.unclosed":       "Not closed",
		"col.overdue":        "Overdue",
		"col.done":           "Done",
		"col.wontdo":         "Won't do",
		"col.rate":           "Rate",
		"col.age":            "Median open age (days)",
		"col.repeats":        "Repeats",
		"col.chain":          "Chain",
		"col.step":           "Step",
		"col.postmortem":     "Postmortem",
		"col.date":           "Date",
		"col.repeat":         "Repeat",
		"col.earlier":        "Earlier incident",
		"col.days":           "Days between",
		"col.action":         "Open action item",
		"col.kind":           "Kind",
		"col.owner":          "Owner",
		"col.status":         "Status",
		"col.due":            "Due",
		"kind.prevent":       "prevent",
		"kind.detect":        "detect",
		"kind.mitigate":      "mitigate",
		"kind.process":       "process",
		"status.open":        "open",
		"status.in-progress": "in progress",
		"term.chart":         "Incidents per quarter, %d in all:",
		"term.caption":       "Incidents per quarter",
	}
	if lang != "ja" {
		return en
	}
	ja := map[string]string{
		"title":              "統計",
		"intro":              "%d 件のポストモーテム（%s〜%s、%s 時点）。各グラフの数値は隣の表にあります。",
		"intro.empty":        "まだポストモーテムがありません。",
		"nodata":             "まだデータがありません。",
		"causes":             "繰り返す原因",
		"causes.caption":     "原因ごとのポストモーテム数（多い順）",
		"causes.note":        "ポストモーテムは挙げた原因ごとに 1 件と数えるため、複数の原因を挙げたものがあると割合の合計は 100% を超えます。",
		"trend":              "原因の推移",
		"trend.caption":      "原因・期間ごとのポストモーテム数",
		"changes":            "増えた原因・減った原因",
		"changes.caption":    "最も増えた原因と最も減った原因",
		"changes.note":       "直近 4 四半期（%s〜%s）とその前の 4 四半期（%s〜%s）の比較。",
		"rising":             "増加",
		"falling":            "減少",
		"systems":            "システム",
		"systems.caption":    "システム別・重大度別のインシデント数",
		"matrix":             "原因 × システム",
		"matrix.caption":     "原因・システムごとのポストモーテム数",
		"matrix.note":        "どの原因がどのシステムで起きているか。ヒートマップの濃いセルが投資すべき箇所です。",
		"severity":           "重大度の推移",
		"severity.caption":   "期間・重大度ごとのポストモーテム数",
		"months":             "月ごとのインシデント数",
		"months.caption":     "月ごとのポストモーテム数",
		"detection":          "インシデントの検知方法",
		"detection.caption":  "四半期・検知方法ごとのポストモーテム数（四半期内の割合）",
		"detection.note":     "アラートで見つかったインシデントは、顧客からの報告より早く検知されます。アラート改善の根拠となる数字です。",
		"ttd":                "検知方法別の検知までの時間",
		"ttd.caption":        "検知方法ごとの検知までの時間",
		"time_to_detect":     "検知までの時間",
		"time_to_mitigate":   "緩和までの時間",
		"time_to_resolve":    "解決までの時間",
		"dur.caption":        "%s：全体・重大度別・四半期別",
		"heavy":              "インシデントの所要時間は裾の重い分布で、少数の長いインシデントが平均を典型から大きく引き離します。そのため平均ではなく、中央値と 90 パーセンタイルを件数（n）とともに示します。「欠損」はタイムラインに 2 つの時刻のどちらかがないインシデントの数です。",
		"sev":                "重大度別の解決までの時間",
		"sev.caption":        "重大度ごとの解決までの時間",
		"small":              "n < 5：比較するには少なすぎます",
		"small.note":         "「n < 5」の行はインシデントが 5 件未満で、比較するには少なすぎます。",
		"all":                "全体",
		"actions":            "アクションアイテム",
		"actions.caption":    "チームごとのアクションアイテム",
		"actions.summary":    "アクションアイテム %d 件：未完了 %d 件（うち期限切れ %d 件）、完了 %d 件、対応しない %d 件。期限内の完了率：%s（期限を迎えた %[8]d 件中 %[7]d 件）。未完了のものの経過日数の中央値：%[9]s 日。",
		"actions.note":       "完了率は、今日より前が期限のアイテムのうち期限までに完了したものの割合です。アイテムはポストモーテムの各チームに数えます。",
		"repeats":            "再発インシデント",
		"repeats.caption":    "四半期ごとの再発率",
		"repeats.summary":    "以前のポストモーテムと %d 日以内にシステムと原因を共有するか、related: で参照するポストモーテムを再発とします。%d / %d 件（%s）が再発で、%d 件は以前のインシデントのアクションアイテムが未完了のまま起きました（うち予防のアイテムが未完了だったもの %d 件）。",
		"chains":             "再発の連鎖",
		"chains.caption":     "再発の連鎖（古い順）",
		"chains.more":        "%[2]d 件の連鎖のうち長い %[1]d 件。",
		"chain.related":      "related: による参照",
		"open":               "再発時に未完了だったアクションアイテム",
		"open.caption":       "再発の時点で未完了だった、以前のインシデントのアクションアイテム",
		"open.note":          "レビューで問うべきこと：以前のインシデントのフォローアップは、再発の前に終わっていたか。",
		"open.more":          "%[2]d 件の再発のうち最新の %[1]d 件。",
		"none.open":          "未完了なし",
		"overdue":            "期限切れ",
		"col.cause":          "原因",
		"col.rank":           "順位",
		"col.incidents":      "件数",
		"col.share":          "割合",
		"col.direction":      "傾向",
		"col.between":        "%s〜%s",
		"col.change":         "増減",
		"col.system":         "システム",
		"col.period":         "期間",
		"col.month":          "月",
		"col.quarter":        "四半期",
		"col.detection":      "検知方法",
		"col.median":         "中央値",
		"col.p90":            "90 パーセンタイル",
		"col.missing":        "欠損",
		"col.note":           "注記",
		"col.group":          "グループ",
		"col.severity":       "重大度",
		"col.team":           "チーム",
		"col.total":          "合計",
		"col.unclosed":       "未完了",
		"col.overdue":        "期限切れ",
		"col.done":           "完了",
		"col.wontdo":         "対応しない",
		"col.rate":           "率",
		"col.age":            "未完了の経過日数（中央値）",
		"col.repeats":        "再発",
		"col.chain":          "連鎖",
		"col.step":           "順番",
		"col.postmortem":     "ポストモーテム",
		"col.date":           "日付",
		"col.repeat":         "再発",
		"col.earlier":        "以前のインシデント",
		"col.days":           "間隔（日）",
		"col.action":         "未完了のアクションアイテム",
		"col.kind":           "種類",
		"col.owner":          "担当者",
		"col.status":         "状態",
		"col.due":            "期限",
		"kind.prevent":       "予防",
		"kind.detect":        "検知",
		"kind.mitigate":      "緩和",
		"kind.process":       "プロセス",
		"status.open":        "未着手",
		"status.in-progress": "対応中",
		"term.chart":         "四半期ごとのインシデント数（計 %d 件）：",
		"term.caption":       "四半期ごとのインシデント数",
	}
	return ja
}
