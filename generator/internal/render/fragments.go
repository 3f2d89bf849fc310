package render

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"html"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// Rendering large sites: a postmortem's row is shown on up to a dozen pages
// (the list, its systems, causes, teams, severity and year), a postmortem
// is referred to from the pages of related, similar and repeat incidents,
// a list of systems appears in every row and on every page of its
// incidents, and the site header is on every page. Executing html/template
// for each costs most of a build, so such parts are fragments: each is
// rendered once per page depth by its own template (defined in
// layouts/partials.html) and spliced into pages at markers the templates
// write as literal text:
//
//	<pmkb-rows data-n="3"></pmkb-rows>   the fragments of list 3
//	<pmkb-rows data-n="sev"></pmkb-rows> the next list named "sev"
//	<pmkb-header></pmkb-header>          the site header
//
// and, inside a start tag, after an attribute,
//
//	 pmkb-attrs="who"                    the next list named "who"
//
// where the list's fragments are attributes: each is executed as a
// start tag <tr …> by its template (so html/template escapes its values
// in the attribute context they are spliced into) and spliced without
// the "<tr" and the ">". The attributes of an action row that recur across
// items (its status and owner, its postmortem's teams and systems, its
// kind and due date) are such fragments.
//
// A list is registered by the Go code that builds the data of a page or
// of a fragment (lists.add, addNamed, addList); a fragment's own markers
// refer to its own lists, so fragments nest (an action row holds the
// columns about its postmortem, which hold the links to its systems).
// A named marker is literal text in a template: html/template executes
// nothing for it (an escaped {{.N}} costs a call through reflect), so
// even a part of a row that recurs in a few rows is worth a fragment.
//
// Every byte still comes out of html/template, each fragment executed in
// the context it is spliced into (between elements, or among a start
// tag's attributes), so nothing is trusted that was not before. Content
// cannot forge a marker: all of it is escaped ("<" and '"' never reach a
// page raw), except a Markdown body with raw
// HTML allowed (SiteConfig.UnsafeHTML): a marker written there only ever
// brings in fragments of its own page, all escaped (a named one may take
// a list from the marker it was meant for; the author's own page only),
// or fails the build of that page when it names a table the page does
// not have or a name whose lists the page has all shown (see splice).
//
// A rendered fragment is pieces of bytes and places of the page's root; a
// page is assembled from spans, each a piece of its template's output or
// all the pieces of a fragment, and written out in one copy. Rendered
// fragments are cached for the rest of the build (fragments), except the
// rows of postmortems and of action items: the pages that show each are
// counted before the pages are made (builder.countRows), and the cache
// forgets a row after the last of them.

// fragKind says what a fragment shows.
type fragKind uint8

const (
	fragPMRow     fragKind = iota // a postmortem's row of a postmortem table
	fragActionRow                 // an action item's row of an action table
	fragActionPM                  // the columns of an action row about its postmortem
	fragRef                       // a postmortem in a list of references (<li>)
	fragRefHead                   // a postmortem's badge, title link and date
	fragSev                       // a severity badge
	fragSevLabel                  // the badge of a postmortem's header, with the level's label
	// A list of links to terms is a fragment per term: the link to the
	// term named fragKey.s, and its "next" kind after another link.
	fragSystems
	fragSystemsNext
	fragCauses
	fragCausesNext
	fragTeams
	fragTeamsNext
	fragOpen // an action item open at a repeat (fragKey.open)
	// The time to detect, to mitigate and to resolve of a postmortem, as
	// facts (a label and a value); fragKey.s is the duration (see
	// durationKey).
	fragTTD
	fragTTM
	fragTTR
	fragOwner        // a link to the action items of the owner fragKey.s
	fragHead         // a page's icon, stylesheets and the scripts in fragKey.s
	fragFooter       // the site footer
	fragText         // the text fragKey.s
	fragSince        // the time since the start of a timeline (see sinceKey)
	fragActionHead   // the head of the action table of a postmortem's page, with the caption fragKey.s
	fragActionStatus // the status cell of an action row (see actionCells)
	fragActionDue    // the due-date cell of an action row
	fragActionAge    // the age cell of an action row
	fragActionKind   // the priority and kind cells of an action row
	fragCrumbs       // the link of a postmortem's page back to the list
	fragDate         // the <time> of the date fragKey.s
	fragDocStatus    // a postmortem's document status and visibility (see docStatus)
	fragHow          // a postmortem's trigger and detection (see pmHow)
	fragPMDate       // the date cell of a postmortem row, of the date fragKey.s
	fragPMSev        // the severity cell of a postmortem row, of the level fragKey.s
	fragActionPMSev  // the severity cell of the postmortem columns of an action row
	fragPMCounts     // the action counts cell of a postmortem row (see pmCounts)
	fragOpenKind     // the kind of an open item, the label fragKey.s
	fragOpenState    // the status, due date and overdue flag of an open item (see openState)
	fragTextNext     // the text fragKey.s after another: ", " and the text
	fragTag          // the tag fragKey.s, a link to its page (see tagLink)
	fragTagNext      // the tag fragKey.s after another
	// The link to a postmortem's page with its title, shared by its row,
	// the columns of its action rows and its references.
	fragPMLink
	fragTimeIn // the head of the timeline's time column, in the zone fragKey.s
	// The title and id of an open item (fragKey.s: its language, title
	// and id, see namesKey): one item is open at many repeats, in as many
	// states.
	fragOpenTitle
	// Attributes of an action row's start tag (see attrFrag), each of
	// the values in fragKey.s (see namesKey): its status and owner, its
	// postmortem's teams and systems, and its kind, due date and overdue
	// flag.
	fragActionWho
	fragActionWhere
	fragActionWhen
	// The title of an action item, in its language (fragKey.s: the
	// language and the title, see namesKey): items of many postmortems
	// share a title.
	fragItemTitle
	// The date fragKey.s of a postmortem in a chain of repeats on a term
	// page, after its link (fragPMLink); the "then" kind adds the arrow to
	// the next postmortem of the chain.
	fragChainTime
	fragChainTimeThen
	// The text fragKey.s, of the site's own words (a UI string, a
	// configured label), not a postmortem's: it needs no <bdi>, which
	// fragText puts around a postmortem's strings.
	fragLabel

	fragKinds // the number of kinds
)

// attrFrag reports whether fragments of kind k are attributes spliced
// into a start tag at a pmkb-attrs marker.
func attrFrag(k fragKind) bool {
	return k == fragActionWho || k == fragActionWhere || k == fragActionWhen
}

// fragTemplates are the templates of the fragment kinds.
var fragTemplates = [...]string{
	fragPMRow: "pmrow", fragActionRow: "actionrow", fragActionPM: "actionpm",
	fragRef: "refitem", fragRefHead: "refhead", fragSev: "sev", fragSevLabel: "sevlabel",
	fragSystems: "link", fragSystemsNext: "linknext", fragCauses: "link", fragCausesNext: "linknext",
	fragTeams: "link", fragTeamsNext: "linknext",
	fragOpen: "openitem", fragTTD: "fact", fragTTM: "fact", fragTTR: "fact", fragOwner: "link", fragHead: "head-links", fragFooter: "site-footer",
	fragText: "text", fragSince: "label", fragLabel: "label", fragActionHead: "actionhead",
	fragActionStatus: "actionstatus", fragActionDue: "actiondue", fragActionAge: "actionage", fragActionKind: "actionkind",
	fragCrumbs: "crumbs", fragDate: "date", fragDocStatus: "docstatus", fragHow: "pmhow",
	fragPMDate: "pmdate", fragPMSev: "pmsev", fragActionPMSev: "actionpmsev", fragPMCounts: "pmcounts",
	fragOpenKind: "openkind", fragOpenState: "openstate",
	fragTextNext: "textnext", fragTag: "tag", fragTagNext: "tagnext", fragPMLink: "pmlink", fragTimeIn: "timein", fragOpenTitle: "opentitle",
	fragActionWho: "actionwho", fragActionWhere: "actionwhere", fragActionWhen: "actionwhen",
	fragItemTitle: "itemtitle", fragChainTime: "chaintime", fragChainTimeThen: "chaintimethen",
}

// fragKey names one fragment: equal keys are the same bytes on pages of
// the same root.
type fragKey struct {
	kind fragKind
	pm   *model.Postmortem
	item *model.ActionItem
	// s is the severity level, or the names of the terms (see namesKey),
	// or the scripts of a page.
	s string
	// open is an open action item, interned (builder.openKeys): a small
	// key is quick to look up.
	open *OpenAction
}

// namesKey encodes a list of names as one string, each prefixed with its
// length so that no two lists share a key.
func namesKey(names []string) string {
	if len(names) == 1 && names[0] != "" && names[0][0] != 0 {
		return names[0]
	}
	size := 0
	for _, n := range names {
		size += len(n) + 3 + len(strconv.Itoa(len(n)))
	}
	var sb strings.Builder
	sb.Grow(size)
	for _, n := range names {
		sb.WriteByte(0)
		sb.WriteString(strconv.Itoa(len(n)))
		sb.WriteByte(':')
		sb.WriteString(n)
	}
	return sb.String()
}

// lists are the lists of fragments a page or a fragment shows, in the
// order its builder registered them. A numbered marker names a list by its
// index; a named marker, whose name a template writes as literal text
// (no action to execute), brings in the next list registered under that
// name: the first marker of a name the first list, the second the second…
// so a name used in a {{range}} gets one list per iteration.
type lists struct {
	all []list
}

// list is one list of fragments: keys, or the one key of a list of one
// (so that registering it allocates nothing).
type list struct {
	name string // "" for a numbered list
	keys []fragKey
	one  fragKey
	n    int
}

// key returns the list's i-th key.
func (l *list) key(i int) fragKey {
	if l.keys == nil {
		return l.one
	}
	return l.keys[i]
}

// table is a list as its template sees it: N names the list's marker (a
// string: html/template prints a string without formatting it) and Len
// is its number of fragments.
type table struct {
	N   string
	Len int
	// Priority, Kind, Tracker and Owner, in a table of action items, say
	// whether it has those columns (builder.actionTable).
	Priority, Kind, Tracker, Owner bool
	// AsOf is the build day, and AgeTemplate (AgeTemplateOne for one
	// day) the age of an item with the slot {days}: actions.js moves the
	// ages of open items by the days since AsOf (builder.ageTemplates).
	AsOf, AgeTemplate, AgeTemplateOne string
}

// add registers a list of fragments shown at a numbered marker.
func (ls *lists) add(keys ...fragKey) table {
	ls.all = append(ls.all, list{keys: keys, n: len(keys)})
	return table{N: strconv.Itoa(len(ls.all) - 1), Len: len(keys)}
}

// addNamed registers the fragment k alone, shown at the next marker named
// name.
func (ls *lists) addNamed(name string, k fragKey) {
	ls.all = append(ls.all, list{name: name, one: k, n: 1})
}

// addList registers a list of fragments shown at the next marker named
// name, and returns its length.
func (ls *lists) addList(name string, keys []fragKey) int {
	ls.all = append(ls.all, list{name: name, keys: keys, n: len(keys)})
	return len(keys)
}

// reset empties ls for reuse.
func (ls *lists) reset() {
	clear(ls.all)
	ls.all = ls.all[:0]
}

// cursor finds the lists of named markers in the order of the markers.
type cursor struct {
	ls *lists
	// at holds, for each name met so far, the list its next marker shows.
	at []namedAt
}

type namedAt struct {
	name string
	i    int
}

// named returns the list the next marker named name shows, or nil when
// the page or fragment has no list of that name; spent reports that it
// had, all shown at earlier markers: a layout with one marker too many,
// which would show nothing or, in a {{range}}, shift every later list
// (QA 16 D-F5).
func (c *cursor) named(name []byte) (l *list, spent bool) {
	for k := range c.at {
		if c.at[k].name == string(name) {
			i := c.at[k].i
			if i < 0 {
				return nil, true
			}
			c.at[k].i = c.following(i)
			return &c.ls.all[i], false
		}
	}
	for i := range c.ls.all {
		if n := c.ls.all[i].name; n != "" && n == string(name) {
			c.at = append(c.at, namedAt{name: n, i: c.following(i)})
			return &c.ls.all[i], false
		}
	}
	return nil, false
}

// following is the index of the next list named like list i, or -1.
func (c *cursor) following(i int) int {
	for k := i + 1; k < len(c.ls.all); k++ {
		if c.ls.all[k].name == c.ls.all[i].name {
			return k
		}
	}
	return -1
}

// job is one page to make and execute.
type job struct {
	out  string
	make pageMaker
	// Set by prepare:
	kind  string
	page  page
	nav   navPlace
	lists lists
}

// addTable registers the rows of one table of the page.
func (j *job) addTable(keys []fragKey) table { return j.lists.add(keys...) }

func pmKeys(pms []*model.Postmortem) []fragKey {
	keys := make([]fragKey, len(pms))
	for i, p := range pms {
		keys[i] = fragKey{kind: fragPMRow, pm: p}
	}
	return keys
}

func actionKeys(refs []model.ActionRef) []fragKey {
	keys := make([]fragKey, len(refs))
	for i, r := range refs {
		keys[i] = fragKey{kind: fragActionRow, pm: r.Postmortem, item: r.Item}
	}
	return keys
}

// anchoredRow is fragKey.s of the row of an action item on its
// postmortem's own page, which carries the item's anchor
// (model.ActionAnchor): other tables list items of several postmortems,
// whose ids may repeat.
const anchoredRow = "anchored"

// anchoredActionKeys are actionKeys of the rows of a postmortem's page.
func anchoredActionKeys(refs []model.ActionRef) []fragKey {
	keys := actionKeys(refs)
	for i := range keys {
		keys[i].s = anchoredRow
	}
	return keys
}

// anchoredRow appends to ss the row of k's action item on its postmortem's
// page: the row every other table shows, with the item's anchor as its id.
// It is made from that row's pieces rather than by executing the row's
// template again: an action row is the dearest fragment, and each would
// otherwise be rendered twice (25,000 more executions at 10,000
// postmortems). The row's pieces are spliced in place, not copied: only
// the id is new. splice sends such keys here, never to fragPieces, so the
// anchored rows themselves are neither rendered nor cached.
func (b *builder) anchoredRow(root string, k fragKey, ss []span) (_ []span, perRoot bool, err error) {
	plain := k
	plain.s = ""
	f, err := b.fragPieces(root, plain)
	if err != nil || f.perRoot {
		return ss, f != nil && f.perRoot, err
	}
	var first []byte
	if len(f.pieces) > 0 && !f.pieces[0].root {
		first = f.pieces[0].b
	}
	at := bytes.Index(first, []byte("<tr"))
	if at < 0 || len(bytes.TrimSpace(first[:at])) > 0 {
		return ss, false, fmt.Errorf("render action row%s: the row does not start with <tr", fragSubject(k))
	}
	at += len("<tr")
	id := ` id="` + html.EscapeString(model.ActionAnchor(k.item.ID)) + `"`
	ss = append(ss, span{one: [1]piece{{b: first[:at:at]}}}, span{one: [1]piece{{b: []byte(id)}}}, span{one: [1]piece{{b: first[at:]}}})
	if rest := f.pieces[1:]; len(rest) > 0 {
		ss = append(ss, span{frag: rest})
	}
	return ss, false, nil
}

// refKeys are the keys of fragments of kind k about the postmortems.
func refKeys(k fragKind, pms []*model.Postmortem) []fragKey {
	keys := make([]fragKey, len(pms))
	for i, p := range pms {
		keys[i] = fragKey{kind: k, pm: p}
	}
	return keys
}

// headerData is what the "site-header" template renders. OnSearchPage
// is true on the search page, whose own box makes the header's redundant.
// Root is the page's way to the site root, as the page's own .Root and
// the footer's: a theme's header shows its logo as
// src="{{.Root}}assets/logo.png".
type headerData struct {
	SiteTitle, HomeHref, SearchURL string
	Root                           string
	OnSearchPage                   bool
	Nav                            []navItem
}

// rootPlaceholder stands for the page's root in a rendered fragment, so
// one rendering serves pages at every depth: fragments are rendered with it
// as their links' root and the page's root is written in its place when
// the fragment is spliced. It passes html/template's URL escaping
// unchanged.
const rootPlaceholder = "%7Bpmkb-root%7D/"

var (
	placeholder     = []byte(rootPlaceholder)
	hrefPlaceholder = []byte(`href="` + rootPlaceholder)
	srcPlaceholder  = []byte(`src="` + rootPlaceholder)
)

// relativeRoot reports whether root is "./" or a run of "../": a root that
// may be written in place of the placeholder as it is, since
// html/template's URL escaping leaves it unchanged. Other roots (the base
// path of 404.html, from the configuration) get fragments rendered for
// them.
func relativeRoot(root string) bool {
	if root == "./" {
		return true
	}
	for ; len(root) >= 3 && root[:3] == "../"; root = root[3:] {
	}
	return root == ""
}

// piece is a part of a rendered fragment or page: bytes, or the place of
// the page's root.
type piece struct {
	b    []byte
	root bool
}

// span is a part of a template's output as splice assembles it: one piece
// of its own text, or all the pieces of a fragment spliced in, which are
// not copied one by one (a row is a dozen pieces, and the list of every
// action item shows 25,000 rows at 10,000 postmortems).
type span struct {
	one  [1]piece
	frag []piece // the fragment's pieces; nil for text
}

// pieces returns the pieces of s.
func (s *span) pieces() []piece {
	if s.frag != nil {
		return s.frag
	}
	return s.one[:]
}

// fragment is a rendered fragment. A fragment whose content itself
// contains the placeholder text (or that shows such a fragment) has
// perRoot set and is rendered for each root instead.
type fragment struct {
	pieces  []piece
	perRoot bool
	// left counts the uses still to come of a fragment whose uses are
	// counted before the pages are made (fragments.uses): the cache
	// forgets it after the last, so that it does not hold every row to
	// the end of the build. Zero for the others, kept to the end.
	left atomic.Int32
}

type rootKey struct {
	root string
	key  fragKey
}

// fragments caches rendered fragments and headers; it is shared by the
// workers. The fragments are spread over shards, each with its own lock:
// every row of every list page is looked up here, and with one lock for
// all of them a worker storing a fragment kept the others waiting (for a
// quarter of the pages stage of a build of 10,000 postmortems on two
// cores, one core was idle behind it).
type fragments struct {
	seed   maphash.Seed
	shards [fragShards]fragShard
	// mu guards perRoot and headers, which are few and seldom written.
	mu      sync.RWMutex
	perRoot map[rootKey][]piece
	headers map[string][]byte
	// pmRowUses and rowUses count the pages that show each postmortem's
	// row (fragPMRow) and each action item's row (fragActionRow, its
	// anchored copy included), when the whole site is made
	// (builder.countRows); only read while the pages are made.
	pmRowUses map[*model.Postmortem]int32
	rowUses   map[*model.ActionItem]int32
}

// fragShards is the number of shards of the fragment cache: enough that
// two workers seldom want the same one at once.
const fragShards = 64

// fragShard holds the fragments whose keys hash to it.
type fragShard struct {
	mu sync.RWMutex
	// Most lookups are of a fragment named by its kind and a string, or
	// by its kind and a postmortem: those are in a map per kind keyed by
	// the string or the pointer alone (a string alone is quicker to hash
	// and compare than a whole fragKey, a pointer quicker still, and a
	// small map of a common kind stays in the cache), action rows by
	// their item and open items by their pointer. done holds the others.
	byText [fragKinds]map[string]*fragment
	byPM   [fragKinds]map[*model.Postmortem]*fragment
	byItem map[itemKey]*fragment
	byOpen map[*OpenAction]*fragment
	done   map[fragKey]*fragment
	// The shards are side by side: padding keeps two locks off one
	// cache line.
	_ [64]byte
}

// newFragments returns an empty cache.
func newFragments() *fragments {
	fs := &fragments{seed: maphash.MakeSeed(), perRoot: map[rootKey][]piece{}, headers: map[string][]byte{}}
	for i := range fs.shards {
		sh := &fs.shards[i]
		sh.byItem = map[itemKey]*fragment{}
		sh.byOpen = map[*OpenAction]*fragment{}
		sh.done = map[fragKey]*fragment{}
	}
	return fs
}

// shard returns the shard of fragment k, kept in the maps of place at
// (place(k)). It hashes only what names k in those maps: a string or a
// pointer hashes in a third of the time of the whole key.
func (fs *fragments) shard(k fragKey, at int) *fragShard {
	var h uint64
	switch at {
	case inText:
		h = maphash.String(fs.seed, k.s) + uint64(k.kind)
	case inPM:
		h = maphash.Comparable(fs.seed, k.pm) + uint64(k.kind)
	case inItem:
		h = maphash.Comparable(fs.seed, k.item)
	case inOpen:
		h = maphash.Comparable(fs.seed, k.open)
	default:
		h = maphash.Comparable(fs.seed, k)
	}
	return &fs.shards[h%fragShards]
}

// itemKey names an action row (fragActionRow): its postmortem and its
// item.
type itemKey struct {
	pm   *model.Postmortem
	item *model.ActionItem
}

// Where a fragment is cached (fragments.place).
const (
	inDone = iota
	inText
	inPM
	inItem
	inOpen
)

// place says which of the maps of fragments holds fragment k.
func place(k fragKey) int {
	switch {
	case k.item != nil || k.open != nil:
		switch {
		case k.kind == fragActionRow && k.s == "" && k.open == nil:
			return inItem
		case k.kind == fragOpen && k.s == "" && k.pm == nil && k.item == nil:
			return inOpen
		}
	case k.pm == nil:
		return inText
	case k.s == "":
		return inPM
	}
	return inDone
}

// lookup returns the cached fragment k.
func (fs *fragments) lookup(k fragKey) (f *fragment, ok bool) {
	at := place(k)
	sh := fs.shard(k, at)
	sh.mu.RLock()
	switch at {
	case inText:
		f, ok = sh.byText[k.kind][k.s]
	case inPM:
		f, ok = sh.byPM[k.kind][k.pm]
	case inItem:
		f, ok = sh.byItem[itemKey{k.pm, k.item}]
	case inOpen:
		f, ok = sh.byOpen[k.open]
	default:
		f, ok = sh.done[k]
	}
	sh.mu.RUnlock()
	return f, ok
}

// store caches fragment k, unless another worker cached it first, and
// returns the fragment cached.
func (fs *fragments) store(k fragKey, f *fragment) *fragment {
	at := place(k)
	sh := fs.shard(k, at)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	switch at {
	case inText:
		if sh.byText[k.kind] == nil {
			sh.byText[k.kind] = map[string]*fragment{}
		}
		return storeIn(sh.byText[k.kind], k.s, f)
	case inPM:
		if sh.byPM[k.kind] == nil {
			sh.byPM[k.kind] = map[*model.Postmortem]*fragment{}
		}
		return storeIn(sh.byPM[k.kind], k.pm, f)
	case inItem:
		return storeIn(sh.byItem, itemKey{k.pm, k.item}, f)
	case inOpen:
		return storeIn(sh.byOpen, k.open, f)
	}
	return storeIn(sh.done, k, f)
}

func storeIn[K comparable](m map[K]*fragment, k K, f *fragment) *fragment {
	if old, ok := m[k]; ok {
		return old
	}
	m[k] = f
	return f
}

// uses returns how many uses of fragment k are counted: those of a
// postmortem's or an action item's row, when the whole site is made.
func (fs *fragments) uses(k fragKey) int32 {
	switch place(k) {
	case inPM:
		if k.kind == fragPMRow {
			return fs.pmRowUses[k.pm]
		}
	case inItem:
		return fs.rowUses[k.item]
	}
	return 0
}

// used counts one use of f, the cached fragment k, and forgets it after
// the last use counted.
func (fs *fragments) used(k fragKey, f *fragment) {
	if f.left.Load() <= 0 || f.left.Add(-1) != 0 {
		return
	}
	at := place(k)
	sh := fs.shard(k, at)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	switch at {
	case inPM:
		delete(sh.byPM[k.kind], k.pm)
	case inItem:
		delete(sh.byItem, itemKey{k.pm, k.item})
	}
}

const (
	rowsMarkerStart = `<pmkb-rows data-n="`
	rowsMarkerEnd   = `"></pmkb-rows>`
	// attrsMarkerStart and attrsMarkerEnd enclose the name of a marker
	// of attribute fragments in a start tag.
	attrsMarkerStart = ` pmkb-attrs="`
	attrsMarkerEnd   = `"`
	// markerCore is the part both kinds of marker share, from their
	// second byte.
	markerCore = `pmkb-`
	// attrTagStart and attrTagEnd enclose the attributes an attribute
	// fragment's template renders.
	attrTagStart = "<tr"
	attrTagEnd   = ">"
)

var headerMarker = []byte("<pmkb-header></pmkb-header>")

// nextMarker finds the first list marker in src: its start, its end and
// the list it names: a number (-1 when it is too large to be one, or when
// the marker has a name) or a name of lower-case letters.
func nextMarker(src []byte) (start, end, n int, name []byte) {
	for off := 0; ; {
		i := bytes.Index(src[off:], []byte(markerCore))
		if i < 0 {
			return -1, -1, -1, nil
		}
		i += off - 1
		if i < 0 {
			off = 1
			continue
		}
		if bytes.HasPrefix(src[i:], []byte(attrsMarkerStart)) {
			j := i + len(attrsMarkerStart)
			k := j
			for k < len(src) && src[k] >= 'a' && src[k] <= 'z' {
				k++
			}
			if k > j && bytes.HasPrefix(src[k:], []byte(attrsMarkerEnd)) {
				return i, k + len(attrsMarkerEnd), -1, src[j:k]
			}
			off = j
			continue
		}
		if !bytes.HasPrefix(src[i:], []byte(rowsMarkerStart)) {
			off = i + 1 + len(markerCore)
			continue
		}
		j := i + len(rowsMarkerStart)
		k := j
		for k < len(src) && src[k] >= '0' && src[k] <= '9' {
			k++
		}
		if k > j && bytes.HasPrefix(src[k:], []byte(rowsMarkerEnd)) {
			n, err := strconv.Atoi(string(src[j:k]))
			if err != nil {
				n = -1
			}
			return i, k + len(rowsMarkerEnd), n, nil
		}
		for k < len(src) && src[k] >= 'a' && src[k] <= 'z' {
			k++
		}
		if k > j && bytes.HasPrefix(src[k:], []byte(rowsMarkerEnd)) {
			return i, k + len(rowsMarkerEnd), -1, src[j:k]
		}
		off = j
	}
}

// renderFrag executes fragment k with links from root and splices in the
// fragments it shows. With the placeholder as root, the result is split
// at the placeholder; perRoot then reports that it cannot be.
func (b *builder) renderFrag(root string, k fragKey) (ps []piece, perRoot bool, err error) {
	sc := getScratch()
	defer putScratch(sc)
	data := b.fragView(linker{root: root}, k, &sc.lists)
	if err := b.partials.ExecuteTemplate(&sc.buf, fragTemplates[k.kind], data); err != nil {
		return nil, false, fmt.Errorf("render %s%s: %w", fragTemplates[k.kind], fragSubject(k), err)
	}
	src := sc.buf.Bytes()
	if attrFrag(k.kind) {
		if !bytes.HasPrefix(src, []byte(attrTagStart)) || !bytes.HasSuffix(src, []byte(attrTagEnd)) {
			return nil, false, fmt.Errorf("render %s%s: the attributes are not one start tag %s…%s", fragTemplates[k.kind], fragSubject(k), attrTagStart, attrTagEnd)
		}
		src = src[len(attrTagStart) : len(src)-len(attrTagEnd)]
	}
	split := root == rootPlaceholder
	// Every placeholder must be the start of a link; content that
	// contains the placeholder text makes the fragment render per root.
	if split && bytes.Count(src, placeholder) != bytes.Count(src, hrefPlaceholder)+bytes.Count(src, srcPlaceholder) {
		return nil, true, nil
	}
	sc.spans, perRoot, err = b.splice(root, src, sc.cursor(&sc.lists), sc.spans, split)
	if err != nil || perRoot {
		return nil, perRoot, err
	}
	return compact(sc.spans), false, nil
}

// scratch is the reusable memory of one execution: the template's output
// and the spans of the result.
type scratch struct {
	buf   bytes.Buffer
	spans []span
	lists lists
	cur   cursor
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratches.Get().(*scratch) }

// cursor returns sc's cursor over ls.
func (sc *scratch) cursor(ls *lists) *cursor {
	sc.cur.ls = ls
	return &sc.cur
}

// putScratch empties sc and returns it for reuse.
func putScratch(sc *scratch) {
	sc.reset()
	scratches.Put(sc)
}

// reset empties sc for reuse (the spans point into fragments and pages).
func (sc *scratch) reset() {
	sc.buf.Reset()
	clear(sc.spans)
	sc.spans = sc.spans[:0]
	sc.lists.reset()
	clear(sc.cur.at)
	sc.cur = cursor{at: sc.cur.at[:0]}
}

// fragSubject names what fragment k is about, for errors: " of " and the
// postmortem, item or term, or "" for a fragment of the whole site (the
// header, the footer).
func fragSubject(k fragKey) string {
	switch {
	case k.pm != nil:
		return " of " + k.pm.ID
	case k.open != nil:
		return " of " + k.open.Postmortem + " " + k.open.ID
	case k.s == "":
		return ""
	}
	return " of " + strconv.Quote(k.s)
}

// splice appends to ss the spans of src, the output of a template
// executed with links from root, with the fragments of cur's lists in
// place of its markers. split cuts the text at the placeholder; perRoot then reports a
// fragment in it that must be rendered per root, and ss is incomplete.
func (b *builder) splice(root string, src []byte, cur *cursor, ss []span, split bool) (_ []span, perRoot bool, err error) {
	ls := cur.ls
	text := func(t []byte) {
		if split {
			for {
				i := bytes.Index(t, placeholder)
				if i < 0 {
					break
				}
				if i > 0 {
					ss = append(ss, span{one: [1]piece{{b: t[:i]}}})
				}
				ss = append(ss, span{one: [1]piece{{root: true}}})
				t = t[i+len(placeholder):]
			}
		}
		if len(t) > 0 {
			ss = append(ss, span{one: [1]piece{{b: t}}})
		}
	}
	for len(src) > 0 {
		start, end, n, name := nextMarker(src)
		if start < 0 {
			text(src)
			break
		}
		text(src[:start])
		var l *list
		switch {
		case name != nil:
			var spent bool
			if l, spent = cur.named(name); spent {
				return nil, false, fmt.Errorf("the marker %q stands more often than the page has lists of that name: a layout or a template it calls holds one too many, which would show nothing or the list meant for another", name)
			}
		case n >= 0 && n < len(ls.all) && ls.all[n].name == "":
			l = &ls.all[n]
		default:
			return nil, false, fmt.Errorf("the marker %q names no table of the page: a table's marker is written by its template, data-n=\"{{.Rows.N}}\"", src[start+len(rowsMarkerStart):end-len(rowsMarkerEnd)])
		}
		for i := 0; l != nil && i < l.n; i++ {
			k := l.key(i)
			if k.kind == fragActionRow && k.s == anchoredRow {
				if ss, perRoot, err = b.anchoredRow(root, k, ss); err != nil || perRoot {
					return ss, perRoot, err
				}
				continue
			}
			f, err := b.fragPieces(root, k)
			if err != nil {
				return nil, false, err
			}
			if f.perRoot {
				return ss, true, nil
			}
			if f.pieces != nil {
				ss = append(ss, span{frag: f.pieces})
			}
		}
		src = src[end:]
	}
	return ss, false, nil
}

// fragPieces returns fragment k as seen from a page with the given root
// (or from the placeholder). perRoot is set only when root is the
// placeholder and k cannot be split at it.
func (b *builder) fragPieces(root string, k fragKey) (*fragment, error) {
	if root == rootPlaceholder || relativeRoot(root) {
		f, ok := b.frags.lookup(k)
		if !ok {
			ps, perRoot, err := b.renderFrag(rootPlaceholder, k)
			if err != nil {
				return nil, err
			}
			f = &fragment{pieces: ps, perRoot: perRoot}
			f.left.Store(b.frags.uses(k))
			f = b.frags.store(k, f)
		}
		b.frags.used(k, f)
		if !f.perRoot || root == rootPlaceholder {
			return f, nil
		}
	}
	key := rootKey{root, k}
	b.frags.mu.RLock()
	ps, ok := b.frags.perRoot[key]
	b.frags.mu.RUnlock()
	if !ok {
		var err error
		if ps, _, err = b.renderFrag(root, k); err != nil {
			return nil, err
		}
		b.frags.mu.Lock()
		b.frags.perRoot[key] = ps
		b.frags.mu.Unlock()
	}
	return &fragment{pieces: ps}, nil
}

// compact joins runs of bytes in the pieces of ss, so a fragment shown on
// many pages is spliced in few copies.
func compact(ss []span) []piece {
	n, size := 0, 0
	prevRoot := true
	for i := range ss {
		for _, p := range ss[i].pieces() {
			if !p.root {
				size += len(p.b)
			}
			if p.root || prevRoot {
				n++
			}
			prevRoot = p.root
		}
	}
	buf := make([]byte, 0, size)
	out := make([]piece, 0, n)
	prevRoot = true
	for i := range ss {
		for _, p := range ss[i].pieces() {
			switch {
			case p.root:
				out = append(out, p)
			case prevRoot:
				buf = append(buf, p.b...)
				out = append(out, piece{b: buf[len(buf)-len(p.b):]})
			default:
				buf = append(buf, p.b...)
				last := &out[len(out)-1]
				last.b = buf[len(buf)-len(last.b)-len(p.b):]
			}
			prevRoot = p.root
		}
	}
	return out
}

// siteHeader returns the rendered header of the page at np with links
// from root. Headers are cached by root and the current links; the data
// of one is made only when it is first rendered.
func (b *builder) siteHeader(root string, np navPlace) ([]byte, error) {
	var kb [128]byte
	key := append(kb[:0], root...)
	for _, sec := range sections {
		key = append(key, '|')
		key = append(key, np.current(sec.section, sec.path)...)
	}
	b.frags.mu.RLock()
	v, ok := b.frags.headers[string(key)]
	b.frags.mu.RUnlock()
	if ok {
		return v, nil
	}
	var buf bytes.Buffer
	if err := b.partials.ExecuteTemplate(&buf, "site-header", b.header(linker{root: root}, np)); err != nil {
		return nil, fmt.Errorf("render site header: %w", err)
	}
	b.frags.mu.Lock()
	b.frags.headers[string(key)] = buf.Bytes()
	b.frags.mu.Unlock()
	return buf.Bytes(), nil
}

// execute renders one page into dst with the memory of sc (which the
// caller empties): its template, then the header and the fragments
// spliced in at their markers.
func (b *builder) execute(j *job, dst []byte, sc *scratch) ([]byte, error) {
	t, ok := b.tpls[j.kind]
	if !ok {
		return nil, fmt.Errorf("render: no template for page kind %q", j.kind)
	}
	if err := t.ExecuteTemplate(&sc.buf, "base.html", j.page); err != nil {
		return nil, err
	}
	src := sc.buf.Bytes()
	root := j.page.Root
	ss := sc.spans
	var err error
	cur := sc.cursor(&j.lists)
	if i := bytes.Index(src, headerMarker); i >= 0 {
		h, err := b.siteHeader(root, j.nav)
		if err != nil {
			return nil, err
		}
		if ss, _, err = b.splice(root, src[:i], cur, ss, false); err != nil {
			return nil, err
		}
		ss = append(ss, span{one: [1]piece{{b: h}}})
		src = src[i+len(headerMarker):]
	}
	ss, _, err = b.splice(root, src, cur, ss, false)
	sc.spans = ss
	if err != nil {
		return nil, err
	}
	size := 0
	for i := range ss {
		for _, p := range ss[i].pieces() {
			if p.root {
				size += len(root)
			} else {
				size += len(p.b)
			}
		}
	}
	out := slices.Grow(dst[:0], size)
	for i := range ss {
		for _, p := range ss[i].pieces() {
			if p.root {
				out = append(out, root...)
			} else {
				out = append(out, p.b...)
			}
		}
	}
	return out, nil
}

// fragView returns the data of fragment k's template with links from l;
// it registers the fragments the data shows in ls.
func (b *builder) fragView(l linker, k fragKey, ls *lists) any {
	switch k.kind {
	case fragPMRow:
		return b.pmRowView(l, k.pm, ls)
	case fragActionRow:
		return b.action(l, model.ActionRef{Postmortem: k.pm, Item: k.item}, ls)
	case fragActionPM:
		ls.addNamed("pmlink", fragKey{kind: fragPMLink, pm: k.pm})
		ls.addNamed("sevcell", fragKey{kind: fragActionPMSev, s: k.pm.Severity})
		ls.addList("systems", linkKeys(fragSystems, k.pm.Systems))
		return b.pmLink(l, k.pm)
	case fragRef:
		ls.addNamed("head", fragKey{kind: fragRefHead, pm: k.pm})
		return nil
	case fragRefHead:
		ls.addNamed("sev", fragKey{kind: fragSev, s: k.pm.Severity})
		ls.addNamed("pmlink", fragKey{kind: fragPMLink, pm: k.pm})
		v := b.pmLink(l, k.pm)
		return refHeadView{Href: v.Href, Title: v.Title, Date: k.pm.Day().String(), Lang: v.Lang}
	case fragPMLink:
		return b.pmLink(l, k.pm)
	case fragTimeIn:
		return b.tr.f("pm.timeIn", k.s)
	case fragOpenTitle:
		f := splitNames(k.s)
		ls.addNamed("title", fragKey{kind: fragItemTitle, s: namesKey(f[:2])})
		return openItemView{Lang: f[0], Title: f[1], ID: f[2]}
	case fragItemTitle:
		f := splitNames(k.s)
		return openItemView{Lang: f[0], Title: f[1]}
	case fragActionWho:
		f := splitNames(k.s)
		return actionRow{Status: f[0], OwnerSlug: f[1]}
	case fragActionWhere:
		f := splitNames(k.s)
		return actionRow{TeamSlugs: f[0], SystemSlugs: f[1]}
	case fragActionWhen:
		f := splitNames(k.s)
		return actionRow{Kind: f[0], Due: f[1], Overdue: f[2] != ""}
	case fragSev, fragSevLabel:
		return b.sev(l, k.s)
	case fragSystems, fragSystemsNext:
		return b.systemLinks(l, []string{k.s})[0]
	case fragCauses, fragCausesNext:
		return b.causeLinks(l, []string{k.s})[0]
	case fragTeams, fragTeamsNext:
		return teamLinks(l, []string{k.s})[0]
	case fragOpen:
		return b.openItem(*k.open, ls)
	case fragOpenKind:
		return k.s
	case fragOpenState:
		f := splitNames(k.s)
		return openState{StatusLabel: f[0], Due: f[1], Overdue: f[2] != ""}
	case fragOwner:
		return termLink{Name: k.s, Href: l.To(model.OwnerPath(k.s))}
	case fragTTD, fragTTM, fragTTR:
		d, _ := strconv.ParseInt(k.s, 10, 64)
		return labelled{Label: b.tr.s(durationLabels[k.kind]), Value: humanDuration(b.tr, time.Duration(d))}
	case fragHead:
		return b.headView(l, k.s)
	case fragFooter:
		return b.footerView(l)
	case fragText, fragTextNext, fragLabel:
		return k.s
	case fragTag, fragTagNext:
		return b.tagLink(l, k.s)
	case fragActionStatus, fragActionDue, fragActionAge, fragActionKind:
		return b.actionCellsView(k)
	case fragCrumbs:
		return l.To("postmortems/")
	case fragDate:
		return k.s
	case fragDocStatus:
		f := splitNames(k.s)
		return docStatus{StatusLabel: f[0], Visibility: f[1]}
	case fragHow:
		f := splitNames(k.s)
		return pmHow{Trigger: f[0], Detection: f[1]}
	case fragPMDate, fragChainTime, fragChainTimeThen:
		return k.s
	case fragPMSev, fragActionPMSev:
		rank, _ := b.kb.Config.SeverityRank(k.s)
		ls.addNamed("sev", fragKey{kind: fragSev, s: k.s})
		return strconv.Itoa(rank)
	case fragPMCounts:
		return b.pmCountsView(k.s)
	case fragActionHead:
		t := b.ageTemplates(table{})
		return tableArgs{ID: "pm-actions", Caption: k.s, Compact: true, Priority: b.priorityCol, Kind: b.kindCol, Tracker: b.trackerCol, Owner: b.ownerCol,
			AsOf: t.AsOf, AgeTemplate: t.AgeTemplate, AgeTemplateOne: t.AgeTemplateOne}
	case fragSince:
		d, _ := strconv.ParseInt(k.s, 10, 64)
		if d < 0 {
			return humanDuration(b.tr, time.Duration(d))
		}
		return "+" + humanDuration(b.tr, time.Duration(d))
	}
	panic(fmt.Sprintf("render: fragment kind %d", k.kind))
}

// seqKeys are the keys of a list of texts separated by commas: the first
// of kind first, the others of kind next.
func seqKeys(first, next fragKind, texts []string) []fragKey {
	keys := make([]fragKey, len(texts))
	for i, t := range texts {
		keys[i] = fragKey{kind: next, s: t}
	}
	if len(keys) > 0 {
		keys[0].kind = first
	}
	return keys
}

// linkKeys are the keys of the links to the terms named by raws, of kind
// k (fragSystems, fragCauses or fragTeams): a link per term, so that each
// is rendered once whatever lists it is in.
func linkKeys(k fragKind, raws []string) []fragKey {
	keys := make([]fragKey, len(raws))
	for i, r := range raws {
		keys[i] = fragKey{kind: k + 1, s: r}
	}
	if len(keys) > 0 {
		keys[0].kind = k
	}
	return keys
}

// sinceKey is the key of the time d since the start of a timeline: "+"
// and the duration, or a negative duration for a moment before the start.
func sinceKey(d time.Duration) fragKey {
	return fragKey{kind: fragSince, s: strconv.FormatInt(int64(d), 10)}
}

// durationKey is the key of the fact of kind k (fragTTD, fragTTM or
// fragTTR) that is the duration d.
func durationKey(k fragKind, d time.Duration) fragKey {
	return fragKey{kind: k, s: strconv.FormatInt(int64(d), 10)}
}

// durationLabels are the UI strings of the labels of fragTTD, fragTTM and
// fragTTR.
var durationLabels = [...]string{fragTTD: "pm.ttd", fragTTM: "pm.ttm", fragTTR: "pm.ttr"}

// splitNames decodes namesKey.
func splitNames(s string) []string {
	if s == "" {
		return nil
	}
	if s[0] != 0 {
		return []string{s}
	}
	var out []string
	for len(s) > 0 {
		s = s[1:]
		i := strings.IndexByte(s, ':')
		n, _ := strconv.Atoi(s[:i])
		out = append(out, s[i+1:i+1+n])
		s = s[i+1+n:]
	}
	return out
}

// docStatus is what "docstatus" renders.
type docStatus struct {
	StatusLabel, Visibility string
}

// pmHow is what "pmhow" renders: the labels of a trigger and a detection.
type pmHow struct {
	Trigger, Detection string
}

// pmLinkView is what the "pmlink" template renders: the link to a
// postmortem's page with its title. The "actionpm" fragment shows it at
// its marker "pmlink", with the severity cell and the system links at the
// markers "sevcell" and "systems"; its own fields are those of a theme
// whose "actionpm" predates "pmlink".
type pmLinkView struct {
	Href, Title, Lang string
}

func (b *builder) pmLink(l linker, p *model.Postmortem) pmLinkView {
	return pmLinkView{Href: l.To(model.PostmortemPath(p.ID)), Title: p.Title, Lang: b.partLang(p)}
}

// refHeadView is what the "refhead" template renders: the postmortem's
// date, with its badge and its link at the markers "sev" and "pmlink"
// (Href, Title and Lang are for a theme whose "refhead" predates
// "pmlink").
type refHeadView struct {
	Href, Title, Date, Lang string
}

// headView is what "head-links" renders: the links of a page's head that
// depend only on its depth and its scripts.
type headView struct {
	Root            string
	Styles, Scripts []string
}

func (b *builder) headView(l linker, scripts string) headView {
	v := headView{Root: l.root, Styles: []string{b.asset(l, "assets/pmkb.css"), b.asset(l, "assets/severity.css"), b.asset(l, "assets/chroma.css")},
		Scripts: []string{b.asset(l, "assets/search.js")}}
	for _, sc := range splitNames(scripts) {
		v.Scripts = append(v.Scripts, b.asset(l, sc))
	}
	return v
}

// asset is the link to the stylesheet or script at sitePath with its
// version (builder.assetV), ?v=<hash of its contents>.
func (b *builder) asset(l linker, sitePath string) string {
	u := l.File(sitePath)
	if v, ok := b.assetV[sitePath]; ok {
		u += "?v=" + v
	}
	return u
}

// footerView is what "site-footer" renders. Root is the page's way to
// the site root, as the page's own .Root: a theme's footer links to a page
// of the site as href="{{.Root}}guide/index.html".
type footerView struct {
	SiteTitle, Audience, Today string
	Root                       string
}

func (b *builder) footerView(l linker) footerView {
	return footerView{SiteTitle: b.kb.Config.Title, Audience: b.audience(), Today: b.kb.Today.String(), Root: l.root}
}
