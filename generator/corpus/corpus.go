// Package corpus generates deterministic synthetic knowledge bases: a
// pmkb.toml and N postmortems that follow the content contract, together
// with the Truth a test or benchmark checks a build against (which
// postmortems have which cause, system, severity…, how many action items are
// open or overdue, which postmortems contain which search word).
//
// The same Options always give the same bytes: the generator draws from a
// PCG seeded with Options.Seed, walks only slices, and reads no clock.
//
// # Generated content
//
// Incidents are dated from 2021-01-01 up to Options.Today (up to
// 2026-12-31 when Today is not within February 2021 … 2026) and stored as content/postmortems/<yyyy>/<id>.md with ids
// "<yyyy-mm-dd>-<system>-<cause>-<n>", n counting from 1 in date order.
// Each has 1–3 systems from a 40-entry catalog, 1–3 causes from a
// 15-entry vocabulary (both written to pmkb.toml), a severity SEV1–SEV4, a
// detection value, an RFC 3339 timeline with a zone offset (most of them),
// 0–5 action items with owners from 60 handles, statuses open (sometimes
// left implicit), in-progress, done or wont-do, due dates within ±200 days
// of Today, closed dates on done items, and sometimes related: links to
// earlier ids. Options.JapaneseShare of them are written in Japanese with
// lang: ja. Nothing is a draft: every postmortem is part of a default build,
// and Truth describes that build; about a fifth are visibility: public.
//
// # Search words
//
// Every postmortem carries 1–3 probe words, placed in its title, summary,
// body or an action-item title. English probes are nonsense words of ASCII
// lower-case letters that a Porter stemmer leaves unchanged and that are no
// stop words; Japanese probes (only in Japanese postmortems) are three
// kanji used nowhere else, so each of their CJK bigrams occurs only inside
// the probe. Truth.Words maps every probe word and every CommonWords entry
// to the postmortems whose text (title, summary, impact, body and
// action-item titles) contains it: as a whole word for ASCII words (text
// split at every character that is not an ASCII letter or digit, compared
// in lower case), as a substring for Japanese words. Because the vocabulary
// never inflects a tracked word and has no word that starts with one, a
// Porter-stemming, prefix or CJK-bigram search finds exactly these
// postmortems (the package tests check all three).
package corpus

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
)

// DefaultToday returns the date used when Options.Today is zero,
// 2026-11-27.
func DefaultToday() model.Date { return model.Date{Year: 2026, Month: time.November, Day: 27} }

// DefaultJapaneseShare is the share of Japanese postmortems used when
// Options.JapaneseShare is zero.
const DefaultJapaneseShare = 0.25

// Options says what to generate.
type Options struct {
	// N is the number of postmortems.
	N int
	// Seed selects the corpus; the same Options give the same bytes.
	Seed int64
	// Today is the build date the Truth's overdue counts are measured
	// against; action items are due within ±200 days of it. Zero means
	// DefaultToday.
	Today model.Date
	// JapaneseShare is the share of postmortems written in Japanese with
	// lang: ja; zero means DefaultJapaneseShare and a negative value none.
	JapaneseShare float64
	// Formats mixes front-matter formats: about 80% YAML, 12% TOML and 8%
	// JSON. When false every postmortem uses YAML.
	Formats bool
}

// Corpus is a generated site.
type Corpus struct {
	// Files maps slash paths relative to the site root ("pmkb.toml",
	// "content/postmortems/2024/<id>.md") to their bytes.
	Files map[string][]byte
	// Truth is what a correct build of Files must report.
	Truth Truth
}

// Truth is the expected content of a default build of a Corpus. Every id
// list is sorted.
type Truth struct {
	// IDs are all postmortem ids.
	IDs []string `json:"ids"`
	// ByCause, BySystem, BySeverity, ByDetection, ByTeam, ByTag and ByYear
	// map a cause slug, system slug, severity level, detection value,
	// team, tag or four-digit year to the postmortems that have it. Only
	// values that occur are keys.
	ByCause     map[string][]string `json:"by_cause"`
	BySystem    map[string][]string `json:"by_system"`
	BySeverity  map[string][]string `json:"by_severity"`
	ByDetection map[string][]string `json:"by_detection"`
	ByTeam      map[string][]string `json:"by_team"`
	ByTag       map[string][]string `json:"by_tag"`
	ByYear      map[string][]string `json:"by_year"`
	// Words maps every probe word and every CommonWords entry to the
	// postmortems whose text contains it (see the package doc); a word no
	// postmortem contains maps to an empty list.
	Words map[string][]string `json:"words"`
	// Actions counts the action items.
	Actions ActionTruth `json:"actions"`
	// Related maps the id of each postmortem that has related: links to
	// the ids it names, in the order written.
	Related map[string][]string `json:"related"`
}

// ActionTruth counts action items by effective status (an item without a
// status is open) and those overdue at Options.Today (not done or wont-do,
// due before Today).
type ActionTruth struct {
	Total      int `json:"total"`
	Open       int `json:"open"`
	InProgress int `json:"in_progress"`
	Done       int `json:"done"`
	WontDo     int `json:"wont_do"`
	Overdue    int `json:"overdue"`
	// NoDue counts items without a due date.
	NoDue int `json:"no_due"`
	// PerOwner counts each owner's items.
	PerOwner map[string]OwnerCounts `json:"per_owner"`
}

// OwnerCounts are one owner's action items by effective status, and those
// overdue.
type OwnerCounts struct {
	Open       int `json:"open"`
	InProgress int `json:"in_progress"`
	Done       int `json:"done"`
	WontDo     int `json:"wont_do"`
	Overdue    int `json:"overdue"`
}

// Paths returns the paths of c.Files, sorted.
func (c *Corpus) Paths() []string {
	paths := make([]string, 0, len(c.Files))
	for p := range c.Files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// FS returns the site as an in-memory file system for builds in tests.
func (c *Corpus) FS() fstest.MapFS {
	fsys := make(fstest.MapFS, len(c.Files))
	for p, data := range c.Files {
		fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// WriteDir writes the site's files under dir, creating folders as needed.
func (c *Corpus) WriteDir(dir string) error {
	for _, p := range c.Paths() {
		if err := output.ReplaceFile(filepath.Join(dir, filepath.FromSlash(p)), c.Files[p]); err != nil {
			return err
		}
	}
	return nil
}

// TruthJSON returns c.Truth as indented JSON (map keys sorted).
func (c *Corpus) TruthJSON() ([]byte, error) {
	data, err := json.MarshalIndent(&c.Truth, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// Front-matter formats.
const (
	formatYAML = iota
	formatTOML
	formatJSON
)

// postmortem is one generated postmortem before it is written out.
type postmortem struct {
	id, path  string
	format    int
	ja        bool
	writeID   bool
	flowLists bool // YAML: [a, b] instead of block lists

	title, summary, impact, body string
	date                         model.Date
	dateTime                     time.Time // written instead of date when non-zero
	severity, status             string
	systems, teams, causes       []string
	trigger, detection           string
	commander                    string
	authors, tags, related       []string
	visibility, lang             string
	timeline                     [5]time.Time // started … resolved; zero = absent
	items                        []actionItem
	customerTicket               string
}

// actionItem is one generated action item; status "" means written without
// a status (effectively open).
type actionItem struct {
	id, title, owner, status, priority, kind, link string
	due, closed                                    model.Date
}

// effectiveStatus is the item's status with the contract's default.
func (a *actionItem) effectiveStatus() string { return cmp.Or(a.status, model.ActionOpen) }

// weighted is a value with a weight per thousand.
type weighted struct {
	value  string
	weight int
}

// generator holds the state of one Generate call.
type generator struct {
	r       *rand.Rand
	opts    Options
	today   model.Date
	jaShare float64
	// bySystem lists the ids generated so far per primary system, for
	// related: links.
	bySystem map[string][]string
	ids      []string
}

// Generate builds a corpus of opts.N postmortems.
func Generate(opts Options) *Corpus {
	g := &generator{
		r:        rand.New(rand.NewPCG(uint64(opts.Seed), 0x706d6b62636f7270)),
		opts:     opts,
		today:    opts.Today,
		jaShare:  opts.JapaneseShare,
		bySystem: map[string][]string{},
	}
	if g.today.IsZero() {
		g.today = DefaultToday()
	}
	if g.jaShare == 0 {
		g.jaShare = DefaultJapaneseShare
	}

	c := &Corpus{Files: map[string][]byte{"pmkb.toml": siteConfig()}}
	t := newTruth(append(append(slices.Clone(englishProbes), japaneseProbes...), CommonWords()...))

	for i, d := range g.dates() {
		p := g.postmortem(i+1, d)
		c.Files[p.path] = p.encode()
		t.add(p, g.today)
	}
	t.finish()
	c.Truth = t.Truth
	return c
}

// dates draws the incident days, oldest first.
func (g *generator) dates() []model.Date {
	first := model.Date{Year: 2021, Month: time.January, Day: 1}
	last := model.Date{Year: 2026, Month: time.December, Day: 31}
	if g.today.Before(last) && first.AddDays(30).Before(g.today) {
		last = g.today
	}
	span := first.DaysUntil(last)
	offsets := make([]int, max(g.opts.N, 0))
	for i := range offsets {
		offsets[i] = g.r.IntN(span + 1)
	}
	slices.Sort(offsets)
	out := make([]model.Date, len(offsets))
	for i, o := range offsets {
		out[i] = first.AddDays(o)
	}
	return out
}

// chance reports true with probability p.
func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

// between returns a number in [lo, hi].
func (g *generator) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// pick returns one element of list.
func pick[T any](g *generator, list []T) T { return list[g.r.IntN(len(list))] }

// pickWeighted returns a value drawn by weight.
func (g *generator) pickWeighted(list []weighted) string {
	total := 0
	for _, w := range list {
		total += w.weight
	}
	n := g.r.IntN(total)
	for _, w := range list {
		if n < w.weight {
			return w.value
		}
		n -= w.weight
	}
	return list[len(list)-1].value
}

// distinct returns k distinct indexes below n, in drawing order.
func (g *generator) distinct(k, n int) []int {
	k = min(k, n)
	out := make([]int, 0, k)
	for len(out) < k {
		i := g.r.IntN(n)
		if !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

// oneToThree returns 1, 2 or 3, mostly 1.
func (g *generator) oneToThree() int {
	switch n := g.r.IntN(100); {
	case n < 60:
		return 1
	case n < 90:
		return 2
	default:
		return 3
	}
}

// postmortem generates the n-th postmortem (1-based, in date order).
func (g *generator) postmortem(n int, day model.Date) *postmortem {
	p := &postmortem{date: day, ja: g.chance(g.jaShare)}
	switch {
	case !g.opts.Formats:
	case g.chance(0.12):
		p.format = formatTOML
	case g.chance(0.08 / 0.88):
		p.format = formatJSON
	}
	p.flowLists = g.chance(0.7)
	p.writeID = g.chance(0.1)

	var sys []system
	for _, i := range g.distinct(g.oneToThree(), len(systems)) {
		sys = append(sys, systems[i])
		p.systems = append(p.systems, systems[i].slug)
		if !slices.Contains(p.teams, systems[i].team) {
			p.teams = append(p.teams, systems[i].team)
		}
	}
	causeIdx := g.distinct(g.oneToThree(), len(causes))
	for _, i := range causeIdx {
		p.causes = append(p.causes, causes[i].slug)
	}
	sc := &scenarios[causeIdx[0]]
	p.id = fmt.Sprintf("%s-%s-%s-%d", day, p.systems[0], p.causes[0], n)
	p.path = fmt.Sprintf("content/postmortems/%04d/%s.md", day.Year, p.id)

	p.severity = g.pickWeighted(severities)
	p.detection = g.pickWeighted(detections)
	p.trigger = sc.trigger
	if g.chance(0.9) {
		p.commander = pick(g, people)
	}
	for _, i := range g.distinct(g.between(1, 2), len(people)) {
		p.authors = append(p.authors, people[i])
	}
	for _, i := range g.distinct(g.between(0, 2), len(tags)) {
		p.tags = append(p.tags, tags[i])
	}
	switch {
	case p.ja:
		p.lang = "ja"
	case g.chance(0.3):
		p.lang = "en"
	}
	if g.chance(0.3) {
		p.status = model.StatusPublished
	}
	if g.chance(0.2) {
		p.visibility = model.VisibilityPublic
	}
	if g.chance(0.05) {
		p.customerTicket = fmt.Sprintf("CS-%d", g.between(1000, 9999))
	}
	g.timeline(p)
	g.relate(p, n)

	sysName := sys[0].name
	fill := func(s string) string { return g.expand(s, sysName) }
	if p.ja {
		p.title = fill(pick(g, sc.titleJA))
		p.summary = fill(sc.summaryJA)
		p.impact = fill(pick(g, impactsJA))
	} else {
		p.title = fill(pick(g, sc.titleEN))
		p.summary = fill(sc.summaryEN)
		p.impact = fill(pick(g, impactsEN))
	}
	if g.chance(0.1) {
		p.summary = "" // summary is optional
	}
	g.actionItems(p, causeIdx, fill)

	// Probe words: one per place at most, except the body.
	var bodyProbes []string
	places := []string{"title", "summary", "body", "action"}
	for _, w := range g.probes(p.ja) {
		place := pick(g, places)
		if (place == "action" && len(p.items) == 0) || (place == "summary" && p.summary == "") {
			place = "body"
		}
		switch place {
		case "title":
			p.title += probeSuffix(p.ja, w)
			places = slices.DeleteFunc(places, func(s string) bool { return s == "title" })
		case "summary":
			p.summary += probeSentence(p.ja, w)
		case "action":
			it := &p.items[g.r.IntN(len(p.items))]
			it.title += probeSuffix(p.ja, w)
		default:
			bodyProbes = append(bodyProbes, w)
		}
	}
	p.body = g.body(p, sc, causeIdx, sysName, fill, bodyProbes)
	g.bySystem[p.systems[0]] = append(g.bySystem[p.systems[0]], p.id)
	g.ids = append(g.ids, p.id)
	return p
}

// expand replaces the placeholders of a vocabulary phrase: {sys} with
// sysName, {pct}, {min} and {count} with fresh numbers.
func (g *generator) expand(s, sysName string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s[max(i, 0):], '}')
		if i < 0 || j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		switch key := s[i+1 : i+j]; key {
		case "sys":
			b.WriteString(sysName)
		case "pct":
			b.WriteString(strconv.Itoa(g.between(2, 90)))
		case "min":
			b.WriteString(strconv.Itoa(g.between(5, 240)))
		case "count":
			b.WriteString(strconv.Itoa(g.between(20, 5000)))
		default:
			panic("corpus: unknown placeholder {" + key + "}") // a vocabulary typo
		}
		s = s[i+j+1:]
	}
}

// probes draws 1–3 distinct probe words; Japanese postmortems get Japanese
// and English ones, English postmortems English ones only.
func (g *generator) probes(ja bool) []string {
	var out []string
	for k := g.oneToThree(); len(out) < k; {
		w := pick(g, englishProbes)
		if ja && g.chance(0.5) {
			w = pick(g, japaneseProbes)
		}
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// probeSuffix is how a probe word is appended to a title.
func probeSuffix(ja bool, w string) string {
	if ja {
		return "（" + w + "）"
	}
	return " (" + w + ")"
}

// probeSentence is a sentence naming a probe word, for a summary or body.
func probeSentence(ja bool, w string) string {
	if ja {
		return "社内では「" + w + "」と呼ばれる区画で発生した。"
	}
	return " The affected cell is known internally as " + w + "."
}

// timeline fills the timeline, and writes the date as a time for some.
func (g *generator) timeline(p *postmortem) {
	if g.chance(0.03) {
		return
	}
	zone := time.FixedZone("", 9*3600)
	if !p.ja {
		zone = time.FixedZone("", pick(g, zones))
	}
	t := time.Date(p.date.Year, p.date.Month, p.date.Day, g.r.IntN(24), g.r.IntN(60), 0, 0, zone)
	p.timeline[0] = t
	detect := g.between(1, 60)
	if p.detection == "customer-report" || p.detection == "internal-report" {
		detect = g.between(10, 240)
	}
	t = t.Add(time.Duration(detect) * time.Minute)
	p.timeline[1] = t
	t = t.Add(time.Duration(g.between(1, 15)) * time.Minute)
	if g.chance(0.8) {
		p.timeline[2] = t
	}
	t = t.Add(time.Duration(g.between(5, 240)) * time.Minute)
	p.timeline[3] = t
	if g.chance(0.95) {
		p.timeline[4] = t.Add(time.Duration(g.between(0, 600)) * time.Minute)
	}
	if g.chance(0.15) {
		p.dateTime = p.timeline[0]
	}
}

// relate adds related: links to earlier postmortems, preferring ones with
// the same primary system.
func (g *generator) relate(p *postmortem, n int) {
	if n == 1 || !g.chance(0.15) {
		return
	}
	for range g.between(1, 2) {
		cands := g.bySystem[p.systems[0]]
		if len(cands) == 0 || g.chance(0.3) {
			cands = g.ids
		}
		id := cands[len(cands)-1-g.r.IntN(min(len(cands), 20))]
		if !slices.Contains(p.related, id) {
			p.related = append(p.related, id)
		}
	}
}

// actionItems draws 0–5 action items.
func (g *generator) actionItems(p *postmortem, causeIdx []int, fill func(string) string) {
	count := []int{0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 5, 5}[g.r.IntN(20)]
	var pool []actionTemplate
	for _, i := range causeIdx {
		pool = append(pool, scenarios[i].actions...)
	}
	pool = append(pool, genericActions...)
	withIDs := g.chance(0.7)
	team := strings.ToUpper(p.teams[0])
	for k, ti := range g.distinct(count, len(pool)) {
		tpl := pool[ti]
		it := actionItem{owner: pick(g, people), kind: tpl.kind}
		if p.ja {
			it.title = fill(tpl.ja)
		} else {
			it.title = fill(tpl.en)
		}
		if withIDs {
			it.id = fmt.Sprintf("AI-%d", k+1)
		}
		if g.chance(0.8) {
			it.priority = pick(g, priorities)
		}
		if g.chance(0.6) {
			it.link = fmt.Sprintf("https://tracker.example.com/%s-%d", team, g.between(100, 9999))
		}
		var past bool
		if g.chance(0.95) {
			it.due = g.today.AddDays(g.between(-200, 200))
			if it.due.Before(p.date) {
				it.due = p.date.AddDays(g.between(7, 45))
			}
			past = it.due.Before(g.today)
		}
		n := g.r.IntN(100)
		switch {
		case past && n < 55, !past && n < 20:
			it.status = model.ActionDone
		case past && n < 63, !past && n < 23:
			it.status = model.ActionWontDo
		case past && n < 75, !past && n < 53:
			it.status = model.ActionInProgress
		case g.chance(0.5):
			it.status = model.ActionOpen
		}
		if it.status == model.ActionDone || (it.status == model.ActionWontDo && g.chance(0.5)) {
			ref := it.due
			if ref.IsZero() {
				ref = p.date.AddDays(30)
			}
			closed := ref.AddDays(g.between(-30, 10))
			if g.today.Before(closed) {
				closed = g.today
			}
			if closed.Before(p.date) {
				closed = p.date
			}
			it.closed = closed
		}
		p.items = append(p.items, it)
	}
}

// body writes the Markdown body.
func (g *generator) body(p *postmortem, sc *scenario, causeIdx []int, sysName string, fill func(string) string, probes []string) string {
	var b strings.Builder
	b.Grow(4096)
	ja := p.ja
	heading := func(en, jp string) {
		if ja {
			b.WriteString("## " + jp + "\n\n")
		} else {
			b.WriteString("## " + en + "\n\n")
		}
	}
	text := func(en, jp string) string {
		if ja {
			return fill(jp)
		}
		return fill(en)
	}

	heading("Summary", "概要")
	b.WriteString(text(sc.summaryEN, sc.summaryJA))
	if !ja {
		b.WriteString(" ")
	}
	b.WriteString(p.impact + "\n\n")

	if !p.timeline[0].IsZero() {
		heading("Timeline", "タイムライン")
		zone := p.timeline[0].Format("-07:00")
		det := slices.IndexFunc(detections, func(w weighted) bool { return w.value == p.detection })
		if ja {
			b.WriteString("時刻はすべてUTC" + zone + "。\n\n")
		} else {
			b.WriteString("All times are UTC" + zone + ".\n\n")
		}
		events := [5]string{
			text("Impact began on {sys}.", "{sys}で影響が始まった。"),
			text(detectedEN[det], detectedJA[det]),
			text("The on-call engineer acknowledged the page.", "オンコール担当者が応答した。"),
			text(sc.mitigateEN, sc.mitigateJA),
			text("Service fully recovered and the incident was closed.", "サービスが完全に回復し、インシデントをクローズした。"),
		}
		for i, t := range p.timeline {
			if !t.IsZero() {
				b.WriteString("- " + t.Format("15:04") + " " + events[i] + "\n")
			}
		}
		b.WriteString("\n")
	}

	heading("Contributing factors", "原因")
	for _, i := range causeIdx {
		s := &scenarios[i]
		b.WriteString(text(s.factorEN, s.factorJA) + "\n\n")
	}
	for _, w := range probes {
		if ja {
			b.WriteString("障害チケットでは本件を「" + w + "」と呼んでいる。\n\n")
		} else {
			b.WriteString("The incident ticket refers to this problem as " + w + ".\n\n")
		}
	}

	if g.chance(0.3) {
		ttd, ttm := g.between(1, 120), g.between(10, 300)
		if ja {
			fmt.Fprintf(&b, "| 指標 | 値 |\n|---|---|\n| 検知までの時間 | %d分 |\n| 緩和までの時間 | %d分 |\n| エラー率のピーク | %d%% |\n\n", ttd, ttm, g.between(1, 100))
		} else {
			fmt.Fprintf(&b, "| Metric | Value |\n|---|---|\n| Time to detect | %d min |\n| Time to mitigate | %d min |\n| Peak error rate | %d%% |\n\n", ttd, ttm, g.between(1, 100))
		}
	}
	if g.chance(0.2) {
		b.WriteString("```text\n")
		for range g.between(2, 4) {
			fmt.Fprintf(&b, "%02d:%02d:%02d ERROR upstream returned status %d request_id=%08x\n",
				g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), pick(g, []int{500, 502, 503, 504}), g.r.Uint32())
		}
		b.WriteString("```\n\n")
	}

	heading("What went well", "うまくいったこと")
	for _, i := range g.distinct(g.between(1, 2), len(wentWellEN)) {
		b.WriteString("- " + text(wentWellEN[i], wentWellJA[i]) + "\n")
	}
	b.WriteString("\n")
	heading("What went wrong", "うまくいかなかったこと")
	for _, i := range g.distinct(g.between(1, 2), len(wentWrongEN)) {
		b.WriteString("- " + text(wentWrongEN[i], wentWrongJA[i]) + "\n")
	}
	if g.chance(0.3) {
		slug := p.systems[0]
		if ja {
			b.WriteString("\n詳細は[" + sysName + "の手順書](https://runbooks.example.com/" + slug + ")を参照。\n")
		} else {
			b.WriteString("\nSee the [" + sysName + " runbook](https://runbooks.example.com/" + slug + ") for details.\n")
		}
	}
	return b.String()
}

// siteConfig is the generated pmkb.toml.
func siteConfig() []byte {
	var b strings.Builder
	b.WriteString("# Synthetic knowledge base generated by pmkb-corpus.\n")
	b.WriteString("title = \"Synthetic Postmortems\"\nlanguage = \"en\"\n")
	for _, c := range causes {
		fmt.Fprintf(&b, "\n[causes.%s]\nname = %s\n", c.slug, tomlString(c.name))
	}
	for _, s := range systems {
		fmt.Fprintf(&b, "\n[systems.%s]\nname = %s\nteam = %s\n", s.slug, tomlString(s.name), tomlString(s.team))
	}
	return []byte(b.String())
}
