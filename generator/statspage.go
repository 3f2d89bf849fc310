package generator

import (
	"cmp"
	"encoding/binary"
	"fmt"
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
	// repeatTotals counts each repeat's distinct earlier incidents, of
	// which repeats keeps those its page lists (pageRepeats).
	repeatTotals map[string]int
	terms        map[string]*render.TermFigures
	charts       []output.File
}

// computeSiteStats computes the statistics of kb for its pages: the
// report, the repeats and the term figures come from one stats.Site, which
// hands over the postmortem pages' repeats as it makes them, and the stats
// page and the term figures are made from it concurrently. The stats page,
// its charts and the term figures say every word with the theme's UI
// strings, as the other pages do (words, the theme's strings in the site's
// language); the error is the theme's lack of one.
func computeSiteStats(kb *model.KnowledgeBase, words *render.Words) (*siteStats, error) {
	s := &siteStats{repeats: map[string][]render.Repeated{}, repeatTotals: map[string]int{}}
	var figs []stats.Figure
	var termCharts []output.File
	// One search for repeats serves the stats page, the postmortem pages
	// and the term pages.
	var lists openLists
	f := stats.Site(kb, render.MaxRepeatsShown, render.MaxTermOpen, func(r stats.Repeat) {
		s.repeats[r.ID], s.repeatTotals[r.ID] = pageRepeats(r, &lists)
	})
	s.report = f.Report
	var wg sync.WaitGroup
	wg.Go(func() {
		figs = stats.Figures(s.report, words, stats.Names{
			Cause:  func(k string) string { return causeName(kb, k) },
			System: func(k string) string { return systemName(kb, k) },
		})
		s.page = statsPage(s.report, figs, kb, words)
	})
	wg.Go(func() { s.terms, termCharts = termFigures(kb, f.Terms, words) })
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

// pageRepeats turns a repeat of stats.Site into what its postmortem page
// shows, copying what it keeps (stats.Site reuses the Repeat); the lists
// of open action items come from lists. A page details only the first
// render.MaxRepeatsShown earlier incidents and counts the rest, so
// stats.Site details only those (their shared systems, causes and open
// action items): on a knowledge base where incidents repeat many earlier
// ones, the details of the rest were most of the memory the repeats held
// during the build. The list, too, stops once it holds the incidents the
// page lists, and total counts the distinct earlier incidents (as
// render.Options.RepeatTotals): the rest of the list was still 550 MB at
// 8,000 postmortems that all repeat the 660 before them (QA 18 A-F2).
func pageRepeats(rep stats.Repeat, lists *openLists) (list []render.Repeated, total int) {
	seen := make(map[string]bool, min(len(rep.Of), 64))
	seen[rep.ID] = true
	for _, e := range rep.Of {
		if seen[e.ID] {
			continue
		}
		seen[e.ID] = true
		total++
		if total <= render.MaxRepeatsShown {
			list = append(list, render.Repeated{ID: e.ID, Related: e.Related, Systems: e.Systems, Causes: e.Causes,
				Days: e.Days, OpenActions: lists.get(e.OpenActions)})
		}
	}
	return list, total
}

// openLists makes each distinct list of open action items that the
// repeats show once: an incident repeated by several later ones has much
// the same items open at each (at 10,000 postmortems 37,646 lists, 9,475
// distinct), and the pages only read them. The zero value is ready; it is
// for one goroutine.
type openLists struct {
	made map[string][]render.OpenAction // by key
	key  []byte
}

// get returns openActions(rows), the same slice for equal rows.
func (o *openLists) get(rows []stats.ActionRow) []render.OpenAction {
	if len(rows) == 0 {
		return openActions(rows)
	}
	// Every field the list keeps, each after its length: equal keys are
	// equal lists.
	o.key = o.key[:0]
	for _, a := range rows {
		for _, s := range [...]string{a.Postmortem, a.ID, a.Title, a.Owner, a.Kind, a.Status, a.Due} {
			o.key = binary.AppendUvarint(o.key, uint64(len(s)))
			o.key = append(o.key, s...)
		}
		if a.Overdue {
			o.key = append(o.key, 1)
		} else {
			o.key = append(o.key, 0)
		}
	}
	if l, ok := o.made[string(o.key)]; ok {
		return l
	}
	if o.made == nil {
		o.made = map[string][]render.OpenAction{}
	}
	l := openActions(rows)
	o.made[string(o.key)] = l
	return l
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
// Two keys that name one page keep the first, in key order. Texts are in
// w's words.
func termFigures(kb *model.KnowledgeBase, tr stats.TermReports, w *render.Words) (map[string]*render.TermFigures, []output.File) {
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
			src := model.TermChartPath(p)
			files = append(files, output.File{Path: src, Data: t.Chart(w, kind.name(kb, k))})
			labels := make([]string, len(t.PerQuarter))
			values := make([]float64, len(t.PerQuarter))
			for i, pc := range t.PerQuarter {
				labels[i], values[i] = pc.Period, float64(pc.Count)
			}
			alt := w.Format("term.perQuarterAlt", t.Postmortems) + " " + chart.Describe(labels, values, "", 40)
			f := &render.TermFigures{Chart: &render.Figure{Src: src, Alt: alt, Caption: w.String("term.perQuarter")},
				Repeats: t.Repeats, ChainsTotal: t.ChainsTotal, OpenActions: openActions(t.OpenActions), OpenTotal: t.OpenTotal}
			for _, c := range t.Chains {
				f.Chains = append(f.Chains, render.Chain{Label: chainLabel(kb, c, w), IDs: c.IDs})
			}
			out[p] = f
		}
	}
	return out, files
}

func chainLabel(kb *model.KnowledgeBase, c stats.Chain, w *render.Words) string {
	if c.Related {
		return w.String("stats.chain.related")
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
// Every word is the theme's (w): its own strings are stats.*, and what it
// shares with the other pages (action items' kinds and statuses, detection
// sources, durations, column names) takes their keys.
func statsPage(r *stats.Report, figs []stats.Figure, kb *model.KnowledgeBase, w *render.Words) render.Page {
	p := &pageBuilder{words: w, kb: kb, figs: map[string]stats.Figure{}, empty: r.Postmortems == 0}
	for _, f := range figs {
		p.figs[f.Path] = f
	}
	intro := w.String("stats.intro.empty")
	if r.Postmortems > 0 {
		intro = w.Format("stats.intro", r.Postmortems, r.First, r.Last, r.Today)
	}
	p.causes(r)
	p.systems(r)
	p.time(r)
	p.detection(r)
	p.durations(r)
	p.actions(r)
	p.repeats(r)
	return render.Page{Path: "stats/", Section: "stats", Title: w.String("stats.title"), Intro: intro, Sections: p.sections}
}

// pageBuilder collects the sections of the statistics page.
type pageBuilder struct {
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
		s.Paragraphs = append(s.Paragraphs, p.words.String("stats.nodata"))
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

// namesOwners reports whether an action item of kb names its owner.
func namesOwners(kb *model.KnowledgeBase) bool {
	return slices.ContainsFunc(kb.Postmortems, func(p *model.Postmortem) bool {
		return slices.ContainsFunc(p.ActionItems, func(a model.ActionItem) bool { return a.Owner != "" })
	})
}

// withoutColumn removes the column i from t.
func withoutColumn(t *render.DataTable, i int) {
	t.Columns = slices.Delete(t.Columns, i, i+1)
	t.Numeric = slices.Delete(t.Numeric, i, i+1)
	for r, row := range t.Rows {
		t.Rows[r] = slices.Delete(row, i, i+1)
	}
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
		return render.Cell{Text: q.Title, Link: model.PostmortemPath(id), Lang: q.Lang, Isolate: true}
	}
	return cell(id)
}

// pmLang returns the language of postmortem id, that of its title and
// action items; "" when there is no such postmortem.
func (p *pageBuilder) pmLang(id string) string {
	if q, ok := p.kb.ByID(id); ok {
		return q.Lang
	}
	return ""
}

func (p *pageBuilder) causes(r *stats.Report) {
	w := p.words
	t := table(w.String("stats.causes.caption"), []string{w.String("filter.cause"), w.String("stats.col.rank"), w.String("col.incidents"), w.String("stats.col.share")})
	for i, c := range r.CauseShare {
		t.Rows = append(t.Rows, []render.Cell{p.causeCell(c.Key), num(i + 1), num(c.Count), pctCell(c.Share)})
	}
	p.add("causes", w.String("stats.causes"), "causes.svg", t, w.String("stats.causes.note"))

	t = table(w.String("stats.trend.caption"), append([]string{w.String("filter.cause")}, r.Periods...))
	for _, row := range r.CauseTrend.Rows {
		cells := []render.Cell{p.causeCell(row.Key)}
		for _, n := range row.Counts {
			cells = append(cells, num(n))
		}
		t.Rows = append(t.Rows, cells)
	}
	p.add("cause-trend", w.String("stats.trend"), "cause-trend.svg", t)

	ch := r.CauseChanges
	t = table(w.String("stats.changes.caption"), []string{w.String("filter.cause"), w.String("stats.col.direction"),
		w.Format("stats.col.between", ch.PreviousFrom, ch.PreviousTo), w.Format("stats.col.between", ch.RecentFrom, ch.RecentTo), w.String("stats.col.change")}, 1)
	for _, g := range []struct {
		label string
		list  []stats.Change
	}{{w.String("stats.rising"), ch.Rising}, {w.String("stats.falling"), ch.Falling}} {
		for _, c := range g.list {
			t.Rows = append(t.Rows, []render.Cell{p.causeCell(c.Key), cell(g.label), num(c.Previous), num(c.Recent), cell(signed(c.Change))})
		}
	}
	var para []string
	if ch.RecentFrom != "" {
		para = append(para, w.Format("stats.changes.note", ch.RecentFrom, ch.RecentTo, ch.PreviousFrom, ch.PreviousTo))
	}
	p.add("cause-changes", w.String("stats.changes"), "", t, para...)
}

func signed(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func (p *pageBuilder) systems(r *stats.Report) {
	w := p.words
	t := table(w.String("stats.systems.caption"), slices.Concat([]string{w.String("filter.system"), w.String("col.incidents")}, r.SystemSeverity.Columns))
	for _, row := range r.SystemSeverity.Rows {
		cells := []render.Cell{p.systemCell(row.Key), num(row.Total)}
		for _, n := range row.Counts {
			cells = append(cells, num(n))
		}
		t.Rows = append(t.Rows, cells)
	}
	p.add("systems", w.String("stats.systems"), "systems.svg", t)

	// The matrix shows the most frequent causes and systems (rows and
	// columns are by count): a site of free-form names has a cell for
	// every pair, 1.4 million for 1,000 causes and 1,428 systems (QA 18
	// A-F1: a 17 MB page, 21 s of build); /api/stats.json has every pair.
	rows, cols := r.CauseSystem.Rows, r.CauseSystem.Columns
	nr, nc := len(rows), len(cols)
	if nr*nc > maxMatrixCells { // an ordinary site's table stays whole
		nr, nc = min(nr, maxMatrix), min(nc, maxMatrix)
	}
	var names []string
	for _, c := range cols[:nc] {
		names = append(names, systemName(p.kb, c))
	}
	t = table(w.String("stats.matrix.caption"), slices.Concat([]string{w.String("filter.cause")}, names))
	for _, row := range rows[:nr] {
		cells := []render.Cell{p.causeCell(row.Key)}
		for _, n := range row.Counts[:nc] {
			cells = append(cells, num(n))
		}
		t.Rows = append(t.Rows, cells)
	}
	para := []string{w.String("stats.matrix.note")}
	switch {
	case nr < len(rows) && nc < len(cols):
		para = append(para, w.Format("stats.matrix.more", nr, len(rows), nc, len(cols)))
	case nr < len(rows):
		para = append(para, w.Format("stats.matrix.moreCauses", nr, len(rows)))
	case nc < len(cols):
		para = append(para, w.Format("stats.matrix.moreSystems", nc, len(cols)))
	}
	p.add("cause-system", w.String("stats.matrix"), "cause-system.svg", t, para...)
}

// Limits of the statistics page's tables (its charts have their own);
// /api/stats.json and pmkb stats --json have everything.
const (
	// maxMatrix is the most causes, and the most systems, of the cause ×
	// system table when it would have more than maxMatrixCells cells.
	maxMatrix      = 20
	maxMatrixCells = 1000
	// maxEarlierShown is the most incidents listed for one repeat in the
	// table of action items open at the repeat: the latest it repeats.
	maxEarlierShown = 5
)

func (p *pageBuilder) time(r *stats.Report) {
	w := p.words
	sevs := make([]string, len(r.SeverityPerPeriod.Rows))
	for i, row := range r.SeverityPerPeriod.Rows {
		sevs[i] = row.Key
	}
	t := table(w.String("stats.severity.caption"), slices.Concat([]string{w.String("stats.col.period"), w.String("col.incidents")}, sevs))
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
	p.add("severity", w.String("stats.severity"), "severity.svg", t)

	t = table(w.String("stats.months.caption"), []string{w.String("stats.col.month"), w.String("col.incidents")})
	for _, m := range r.IncidentsPerMonth {
		t.Rows = append(t.Rows, []render.Cell{cell(m.Period), num(m.Count)})
	}
	p.add("incidents-per-month", w.String("stats.months"), "incidents-per-month.svg", t)
}

func (p *pageBuilder) detection(r *stats.Report) {
	w := p.words
	var sources []string
	for _, row := range r.DetectionPerQuarter.Rows {
		sources = append(sources, w.Detection(row.Key))
	}
	t := table(w.String("stats.detection.caption"), slices.Concat([]string{w.String("stats.col.quarter"), w.String("col.incidents")}, sources))
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
	p.add("detection", w.String("stats.detection"), "detection.svg", t, w.String("stats.detection.note"))

	t = p.durationTable(w.String("stats.ttd.caption"), w.String("pm.detection"), r.TimeToDetectByDetection, w.Detection)
	p.add("time-to-detect-by-detection", w.String("stats.ttd"), "time-to-detect-by-detection.svg", t, p.smallNote(r.TimeToDetectByDetection)...)
}

// durationTable lists the duration groups (their names said by label): n,
// median, 90th percentile, missing and the small-n note.
func (p *pageBuilder) durationTable(caption, group string, groups []stats.DurationStat, label func(string) string) *render.DataTable {
	w := p.words
	t := table(caption, []string{group, "n", w.String("stats.col.median"), w.String("stats.p90"), w.String("stats.col.missing"), w.String("stats.col.note")}, 2, 3, 5)
	for _, d := range groups {
		note := ""
		if d.SmallN {
			note = w.String("stats.small")
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
				return []string{p.words.String("stats.small.note")}
			}
		}
	}
	return nil
}

func (p *pageBuilder) durations(r *stats.Report) {
	w := p.words
	same := func(s string) string { return s }
	for i, m := range r.Durations {
		name := stats.MetricName(w, m.Metric)
		groups := slices.Concat([]stats.DurationStat{m.All}, m.BySeverity, m.ByQuarter)
		groups[0].Key = w.String("stats.all")
		t := p.durationTable(w.Format("stats.durations.caption", name), w.String("stats.col.group"), groups, same)
		var para []string
		if i == 0 {
			para = append(para, w.String("stats.durations.note"))
		}
		para = append(para, p.smallNote(groups)...)
		p.add(strings.ReplaceAll(m.Metric, "_", "-"), name, strings.ReplaceAll(m.Metric, "_", "-")+".svg", t, para...)
		if m.Metric == stats.TimeToResolve {
			t := p.durationTable(w.String("stats.sev.caption"), w.String("col.severity"), m.BySeverity, same)
			p.add("time-to-resolve-by-severity", w.String("stats.sev"), "time-to-resolve-by-severity.svg", t, p.smallNote(m.BySeverity)...)
		}
	}
}

func (p *pageBuilder) actions(r *stats.Report) {
	w := p.words
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
	summary := w.Format("stats.actions.summary", a.Total, a.Unclosed, a.Overdue, a.Done, a.WontDo, rate(a.ActionCounts), a.OnTime, a.Due, age(a.ActionCounts))
	// The states are named as the action items page names them.
	t := table(w.String("stats.actions.caption"), []string{w.String("filter.team"), w.String("stats.col.total"),
		w.String("filter.active"), w.String("actions.overdue"), w.String("status.done"), w.String("status.wont-do"),
		w.String("stats.col.rate"), w.String("stats.col.age")})
	for _, g := range a.ByTeam {
		t.Rows = append(t.Rows, []render.Cell{link(g.Key, model.TeamPath(g.Key)), num(g.Total), num(g.Unclosed), num(g.Overdue),
			num(g.Done), num(g.WontDo), cell(rate(g)), cell(age(g))})
	}
	if len(t.Rows) == 0 && a.Total > 0 {
		// Items, but no team to count them for: "No data yet." under
		// the summary would read as if there were no items (qa7-b #16).
		p.sections = append(p.sections, render.Section{ID: "actions", Heading: w.String("stats.actions"),
			Paragraphs: []string{summary, w.String("stats.actions.note"), w.String("stats.actions.noTeams")}})
		return
	}
	p.add("actions", w.String("stats.actions"), "actions.svg", t, summary, w.String("stats.actions.note"))
}

func (p *pageBuilder) repeats(r *stats.Report) {
	w := p.words
	rp := r.Repeats
	summary := w.Format("stats.repeats.summary", rp.WindowDays, rp.Count, r.Postmortems, pct(rp.Rate), rp.WithOpenActions, rp.WithOpenPrevent)
	t := table(w.String("stats.repeats.caption"), []string{w.String("stats.col.quarter"), w.String("col.incidents"), w.String("stats.col.repeats"), w.String("stats.col.rate")})
	for _, q := range rp.ByQuarter {
		t.Rows = append(t.Rows, []render.Cell{cell(q.Period), num(q.Incidents), num(q.Repeats), pctCell(q.Rate)})
	}
	p.add("repeats", w.String("stats.repeats"), "repeats.svg", t, summary)

	t = table(w.String("stats.chains.caption"), []string{w.String("stats.col.chain"), w.String("stats.col.step"), w.String("col.postmortem"), w.String("col.date")}, 2, 3)
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
		para = append(para, w.Format("stats.chains.more", len(rp.Chains), rp.ChainsTotal))
	}
	p.add("repeat-chains", w.String("stats.chains"), "", t, para...)

	t = table(w.String("stats.open.caption"), []string{w.String("stats.col.repeat"), w.String("stats.col.earlier"), w.String("stats.col.days"), w.String("stats.col.action"), w.String("col.kind"),
		w.String("col.owner"), w.String("col.status"), w.String("col.due")}, 1, 3, 4, 5, 6, 7)
	cut := false
	for _, rep := range rp.Items {
		// A repeat of a system and cause that fail every week repeats
		// hundreds of incidents within the window (QA 18 A-F2: 330 each,
		// a 34 MB page at 8,000 postmortems): the latest few are listed.
		of := rep.Of
		if len(of) > maxEarlierShown {
			of, cut = of[:maxEarlierShown], true
		}
		for _, e := range of {
			if len(e.OpenActions) == 0 {
				t.Rows = append(t.Rows, []render.Cell{p.pmCell(rep.ID), p.pmCell(e.ID), num(e.Days), cell(w.String("stats.open.none")), cell(""), cell(""), cell(""), cell("")})
			}
			for _, a := range e.OpenActions {
				due := a.Due
				if a.Overdue {
					due = w.Format("stats.open.overdue", a.Due) // lower case mid-cell, not the badge's "Overdue"
				}
				// In its postmortem's language, in a <bdi>; the loader
				// closed any bidi override in the title at its end
				// (model.BalanceBidi), so it cannot reverse the id after
				// it (QA 15 A-F6).
				title := render.Cell{Text: a.Title + " (#" + a.ID + ")", Lang: p.pmLang(e.ID), Isolate: true}
				owner := cell(a.Owner)
				owner.Isolate = true
				t.Rows = append(t.Rows, []render.Cell{p.pmCell(rep.ID), p.pmCell(e.ID), num(e.Days), title,
					cell(w.Kind(a.Kind)), owner, cell(w.Status(a.Status)), cell(due)})
			}
		}
	}
	if !namesOwners(p.kb) { // a public build names no one
		withoutColumn(t, 5)
	}
	para = []string{w.String("stats.open.note")}
	if rp.Count > len(rp.Items) {
		para = append(para, w.Format("stats.open.more", len(rp.Items), rp.Count))
	}
	if cut {
		para = append(para, w.Format("stats.open.earlier", maxEarlierShown))
	}
	p.add("repeat-open-actions", w.String("stats.open"), "", t, para...)
}
