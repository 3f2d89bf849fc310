package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"github.com/pmkb/pmkb/generator/internal/jsonstr"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
)

// Layout of the exported index (all under search/, read by search.js):
//
//	meta.json       counts, fields, boosts, average field lengths, shard
//	                counts, and the build id: search.js fetches meta.json
//	                revalidated and every other file with ?v=<build>
//	facets.json     per facet value: its label and its documents
//	t/<n>.json      dictionary shard n: term → [postings file, df per field…];
//	                a term's shard is fnv32a(shardKey(term)) mod shards, so a
//	                prefix of two runes (one CJK rune) names one shard
//	p/<n>.json      postings: term → per field "doc delta, tf, field length"…
//	q/<n>.json      positions, only fetched for phrases: term → per field,
//	                per posting, tf position deltas
//	d/<n>.json      documents n·bucket … n·bucket+bucket-1: [id, title, url,
//	                severity, date, system names, snippet text (up to
//	                snippetBytes), lang if not the site's]
//
// Every file but meta.json carries the build id (stampFiles): the key ""
// of an object, the last item of a list.
//
// Numbers in postings, positions and facets are the base-64 variable-length
// integers of search.js's decodeInts.
const (
	// termsPerShard sizes dictionary shards.
	termsPerShard = 100
	// postingsFileBytes is the size postings files are packed up to.
	postingsFileBytes = 4 << 10
	// docsPerBucket is the number of documents per d/ file: one, since a
	// document carries up to snippetBytes of text for its snippet and a
	// query fetches the documents of its top hits, which are seldom
	// neighbours.
	docsPerBucket = 1
)

// exportVersion is the format of the files Export writes (meta.json's
// "v"); it changes with the analysis too. 2: full-width digits are
// digits, a word-final ー after katakana is dropped, tags are merged by
// valueKey.
const exportVersion = 2

// Export writes the static search index of kb for search.js.
func Export(kb *model.KnowledgeBase) ([]output.File, error) {
	s, err := NewSiteIndex(kb)
	if err != nil {
		return nil, err
	}
	return s.Export()
}

type exportMeta struct {
	Version  int       `json:"v"`
	Docs     int       `json:"n"`
	Fields   []string  `json:"fields"`
	Boosts   []float64 `json:"boosts"`
	Avg      []float64 `json:"avg"`
	K1       float64   `json:"k1"`
	B        float64   `json:"b"`
	Shards   int       `json:"shards"`
	Bucket   int       `json:"bucket"`
	MaxExp   int       `json:"maxExp"`
	Facets   []string  `json:"facets"`
	Language string    `json:"lang"`
	// Build names this build's search data (buildID): search.js asks for
	// every other file with ?v=<build>, so a browser never combines a
	// cached shard of one build with documents of the next (QA 13 F1).
	Build string `json:"build"`
}

// buildID is the id of the search data files: the first 64 bits of a
// SHA-256 over every file's path and contents, in hex. The same index
// gives the same id, any change to a file another.
func buildID(files []output.File) string {
	h := sha256.New()
	var n [8]byte
	for _, f := range files {
		for _, b := range [][]byte{[]byte(f.Path), f.Data} {
			binary.BigEndian.PutUint64(n[:], uint64(len(b)))
			h.Write(n[:])
			h.Write(b)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

func exportIndex(m *memIndex, kb *model.KnowledgeBase) ([]output.File, error) {
	var files []output.File
	add := func(path string, v any) error {
		b, err := marshal(v)
		if err != nil {
			return fmt.Errorf("search: %s: %w", path, err)
		}
		files = append(files, output.File{Path: "search/" + path, Data: b})
		return nil
	}
	shards := max(1, (len(m.terms)+termsPerShard-1)/termsPerShard)
	meta := exportMeta{Version: exportVersion, Docs: len(m.docs), K1: bm25K1, B: bm25B, Shards: shards,
		Bucket: docsPerBucket, MaxExp: maxExpansions, Facets: facetNames, Language: kb.Config.Language}
	for f, fd := range Fields {
		meta.Fields = append(meta.Fields, fd.Name)
		meta.Boosts = append(meta.Boosts, fd.Boost)
		meta.Avg = append(meta.Avg, m.avg[f])
	}
	if err := add("meta.json", meta); err != nil {
		return nil, err
	}
	if err := add("facets.json", exportFacets(m, kb)); err != nil {
		return nil, err
	}

	// Terms grouped by shard, then in code-point order.
	shardOf := func(t string) int {
		k, _ := shardKey(t)
		h := fnv.New32a()
		h.Write([]byte(k))
		return int(h.Sum32() % uint32(shards))
	}
	// terms are term numbers, which are in code-point order.
	terms := make([]int, len(m.terms))
	shard := make([]int, len(m.terms))
	for t := range terms {
		terms[t] = t
		shard[t] = shardOf(m.terms[t])
	}
	slices.SortStableFunc(terms, func(a, b int) int { return shard[a] - shard[b] })

	// The files are written directly; they are what marshal makes of
	// maps (keys sorted) and lists (a test compares).
	addRaw := func(path string, b []byte) {
		files = append(files, output.File{Path: "search/" + path, Data: b})
	}
	// Terms come shard after shard: dict is the current shard's, copied
	// out to dicts when the next begins.
	dicts := make([][]byte, shards)
	dict, dictShard := []byte{'{'}, 0
	endDict := func() {
		dicts[dictShard] = bytes.Clone(append(dict, '}'))
		dict = append(dict[:0], '{')
	}
	var file []fileTerm
	var enc, cur []byte // the file's lists; the term's
	fileNo, fileBytes := 0, 0
	flush := func() {
		if len(file) == 0 {
			return
		}
		// A file can span two shards, whose terms sort apart.
		slices.SortFunc(file, func(a, b fileTerm) int { return strings.Compare(a.term, b.term) })
		for _, q := range []bool{false, true} {
			size := 2
			for _, ft := range file {
				size += len(ft.term) + 6 + 3*nFields
				if q {
					size += int(ft.ends[2*nFields-1] - ft.ends[nFields-1])
				} else {
					size += int(ft.ends[nFields-1] - ft.at)
				}
			}
			b := make([]byte, 0, size)
			b = append(b, '{')
			for i := range file {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, file[i].term)
				b = append(b, ':')
				b = appendLists(b, enc, &file[i], q)
			}
			b = append(b, '}')
			dir := "p/"
			if q {
				dir = "q/"
			}
			addRaw(dir+strconv.Itoa(fileNo)+".json", b)
		}
		file, enc = file[:0], enc[:0]
		fileNo++
		fileBytes = 0
	}
	for _, ti := range terms {
		t := m.terms[ti]
		var ft fileTerm
		var entry [1 + nFields]int
		n := 1
		cur = cur[:0]
		for f := range nFields {
			ps := m.fieldPostings(ti, f)
			cur = appendPostings(cur, ps, m.docs, f)
			ft.ends[f] = int32(len(cur))
			entry[f+1] = len(ps)
			if len(ps) > 0 {
				n = f + 2
			}
		}
		size := len(t) + 8 + len(cur) + 3*nFields
		for f := range nFields {
			cur = appendPositions(cur, m, m.fieldPostings(ti, f))
			ft.ends[nFields+f] = int32(len(cur))
		}
		if fileBytes > 0 && fileBytes+size > postingsFileBytes {
			flush()
		}
		ft.term, ft.at = t, int32(len(enc))
		for i := range ft.ends {
			ft.ends[i] += ft.at
		}
		enc = append(enc, cur...)
		file = append(file, ft)
		fileBytes += size
		entry[0] = fileNo
		for dictShard < shard[ti] {
			endDict()
			dictShard++
		}
		d := dict
		if len(d) > 1 {
			d = append(d, ',')
		}
		d = appendJSONString(d, t)
		d = append(d, ':', '[')
		for i, v := range entry[:n] {
			if i > 0 {
				d = append(d, ',')
			}
			d = strconv.AppendInt(d, int64(v), 10)
		}
		dict = append(d, ']')
	}
	flush()
	for ; dictShard < shards; dictShard++ {
		endDict()
	}
	for i, d := range dicts {
		addRaw("t/"+strconv.Itoa(i)+".json", d)
	}
	var names []string // a document's systems by name, as the facets show them
	var b []byte       // the file being written, copied out when complete
	for start := 0; start < len(m.docs); start += docsPerBucket {
		b = append(b[:0], '[')
		for i, d := range m.docs[start:min(start+docsPerBucket, len(m.docs))] {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			for _, s := range []string{d.ID, d.Title, d.URL, d.Severity, d.Date} {
				b = append(appendJSONString(b, s), ',')
			}
			names = names[:0]
			for _, slug := range d.Systems {
				sys, _ := kb.Config.System(slug)
				names = append(names, sys.Name)
			}
			b = append(appendStrings(b, names), ',')
			b = appendJSONString(b, d.Snippet)
			if d.Lang != "" {
				b = appendJSONString(append(b, ','), d.Lang)
			}
			b = append(b, ']')
		}
		b = append(b, ']')
		addRaw("d/"+strconv.Itoa(start/docsPerBucket)+".json", bytes.Clone(b))
	}
	// meta.json, files[0], is written again with the id of all of them
	// (itself without the id included).
	meta.Build = buildID(files)
	stampFiles(files[1:], meta.Build)
	m0, err := marshal(meta)
	if err != nil {
		return nil, fmt.Errorf("search: meta.json: %w", err)
	}
	files[0].Data = m0
	return files, nil
}

// stampFiles writes the build id into every file but meta.json: an
// object (facets.json, t/, p/, q/) gets the key "" with it first, a list
// (d/) ends with it. A tab opened before a deploy holds the old meta.json
// and asks for t/<n>.json?v=<old build>; a static host ignores the query
// and answers with the new build's file, whose terms, postings and
// document numbers are another build's (QA 17 D-F1: "No postmortems
// match." for common words, unrelated postmortems listed). search.js
// compares each file's id with meta.json's and, on a mismatch, loads
// meta.json again and searches the new build. The id is computed before
// the files carry it, so it stays the hash of the index alone; a term is
// never "", and a document is a list, never a string.
func stampFiles(files []output.File, build string) {
	for i := range files {
		d := files[i].Data
		var b []byte
		switch {
		case len(d) < 2:
			continue
		case d[0] == '{':
			// {"":"id","term":…}; {} becomes {"":"id"}.
			b = appendJSONString(append(make([]byte, 0, len(d)+len(build)+6), `{"":`...), build)
			if len(d) > 2 {
				b = append(b, ',')
			}
			b = append(b, d[1:]...)
		case d[0] == '[':
			b = append(append(make([]byte, 0, len(d)+len(build)+3), d[:len(d)-1]...), ',')
			if len(d) == 2 {
				b = b[:1]
			}
			b = append(appendJSONString(b, build), ']')
		default:
			continue
		}
		files[i].Data = b
	}
}

// appendStrings appends a list of strings as JSON ("[]" when empty).
func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// fileTerm is a term of a postings file, its lists encoded in the file's
// buffer from at: the postings of each field, then the positions of each;
// ends[f] and ends[nFields+f] are where field f's postings and positions
// end.
type fileTerm struct {
	term string
	at   int32
	ends [2 * nFields]int32
}

// appendLists appends a term's postings (or, if positions, its
// positions) per field as a JSON list of strings, without the empty
// strings of the last fields: what marshal makes of them, since the
// base-64 digits need no escaping. enc holds the lists at ft's ends.
func appendLists(b, enc []byte, ft *fileTerm, positions bool) []byte {
	ends := ft.ends[:nFields]
	start := ft.at
	if positions {
		ends, start = ft.ends[nFields:], ft.ends[nFields-1]
	}
	n := nFields // up to the last field with any
	for ; n > 0; n-- {
		from := start
		if n > 1 {
			from = ends[n-2]
		}
		if ends[n-1] > from {
			break
		}
	}
	b = append(b, '[')
	for f := range n {
		if f > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, enc[start:ends[f]]...)
		b = append(b, '"')
		start = ends[f]
	}
	return append(b, ']')
}

// exportFacets lists, per facet, [value, label, documents] in display order:
// severities in configured order, years newest first, the rest by label.
func exportFacets(m *memIndex, kb *model.KnowledgeBase) map[string][][]string {
	out := map[string][][]string{}
	for i, name := range facetNames {
		docsOf := map[string][]int{}
		for n, d := range m.docs {
			for _, v := range d.Facets[i] {
				docsOf[v] = append(docsOf[v], n)
			}
		}
		docsOf = foldFacet(name, docsOf)
		type val struct{ value, label string }
		var vals []val
		for v := range docsOf {
			label := v
			switch name {
			case "severity":
				if s, ok := kb.Config.Severity(v); ok && s.Label != "" {
					label = v + " " + s.Label
				}
			case "system":
				if s, ok := kb.Config.System(v); ok && s.Name != "" {
					label = s.Name
				}
			case "cause":
				if c, ok := kb.Config.Cause(v); ok && c.Name != "" {
					label = c.Name
				}
			}
			vals = append(vals, val{v, label})
		}
		slices.SortFunc(vals, func(a, b val) int {
			switch name {
			case "severity":
				ra, _ := kb.Config.SeverityRank(a.value)
				rb, _ := kb.Config.SeverityRank(b.value)
				if ra != rb {
					return ra - rb
				}
			case "year":
				return strings.Compare(b.value, a.value)
			}
			if c := strings.Compare(strings.ToLower(a.label), strings.ToLower(b.label)); c != 0 {
				return c
			}
			return strings.Compare(a.value, b.value)
		})
		list := [][]string{}
		for _, v := range vals {
			list = append(list, []string{v.value, v.label, encodeDocs(docsOf[v.value])})
		}
		out[name] = list
	}
	return out
}

// foldFacet merges the values of the facet name in docsOf (value → its
// documents) that its filter takes for one (foldValues with facetKey):
// tags and teams, whose spellings vary; other facets' values are the
// catalog's or a year, and are left as they are.
func foldFacet(name string, docsOf map[string][]int) map[string][]int {
	if name != "tag" && name != "team" {
		return docsOf
	}
	return foldValues(docsOf, func(v string) string { return facetKey(name, v) })
}

// foldValues merges the values of docsOf (value → its documents, in
// order) that key folds alike, as the facet's filter matches them (tags
// that differ only in case or width, Ｋ８ｓ and k8s, ｲﾝﾌﾗ and インフラ;
// teams model.Slug takes for one, SRE チーム and SREチーム): one entry per
// value, spelled as most documents spell it (ties: the first spelling in
// byte order), with the documents of every spelling.
func foldValues(docsOf map[string][]int, key func(string) string) map[string][]int {
	spellings := map[string][]string{}
	for v := range docsOf {
		k := key(v)
		spellings[k] = append(spellings[k], v)
	}
	out := make(map[string][]int, len(spellings))
	for _, vs := range spellings {
		slices.Sort(vs)
		best := vs[0]
		var docs []int
		for _, v := range vs {
			if len(docsOf[v]) > len(docsOf[best]) {
				best = v
			}
			docs = append(docs, docsOf[v]...)
		}
		slices.Sort(docs)
		out[best] = slices.Compact(docs)
	}
	return out
}

func encodeDocs(docs []int) string {
	var b []byte
	prev := 0
	for _, d := range docs {
		b = appendInt(b, d-prev)
		prev = d
	}
	return string(b)
}

// appendPostings appends the postings ps of field f: per posting, its
// document's distance from the previous one, the term frequency and the
// field's length.
func appendPostings(b []byte, ps []mpost, docs []docInfo, f int) []byte {
	prev := int32(0)
	for _, p := range ps {
		b = appendInt(b, int(p.Doc-prev))
		b = appendInt(b, int(p.TF))
		b = appendInt(b, docs[p.Doc].Lens[f])
		prev = p.Doc
	}
	return b
}

// appendPositions appends the positions of each of ps, each posting's as
// distances from the previous.
func appendPositions(b []byte, m *memIndex, ps []mpost) []byte {
	for _, p := range ps {
		prev := int32(0)
		for _, pos := range m.positions(p) {
			b = appendInt(b, int(pos-prev))
			prev = pos
		}
	}
	return b
}

const vlqDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// appendInt appends n ≥ 0 as base-64 digits of 5 bits, low bits first, bit
// 5 set on every digit but the last.
func appendInt(b []byte, n int) []byte {
	for n >= 32 {
		b = append(b, vlqDigits[n&31|32])
		n >>= 5
	}
	return append(b, vlqDigits[n])
}

// appendJSONString appends s as a JSON string exactly as marshal writes
// it: without HTML escaping.
func appendJSONString(b []byte, s string) []byte { return jsonstr.Append(b, s, false) }

// marshal is compact JSON without HTML escaping (the files are data, read
// with JSON.parse) and with map keys sorted, so output is deterministic.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
