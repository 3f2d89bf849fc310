package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
)

// Layout of the exported index (all under search/, read by search.js):
//
//	meta.json       counts, fields, boosts, average field lengths, shard counts
//	facets.json     per facet value: its label and its documents
//	t/<n>.json      dictionary shard n: term → [postings file, df per field…];
//	                a term's shard is fnv32a(shardKey(term)) mod shards, so a
//	                prefix of two runes (one CJK rune) names one shard
//	p/<n>.json      postings: term → per field "doc delta, tf, field length"…
//	q/<n>.json      positions, only fetched for phrases: term → per field,
//	                per posting, tf position deltas
//	d/<n>.json      documents n·bucket … n·bucket+bucket-1: [id, title, url,
//	                severity, date, systems, snippet text, lang if not the site's]
//
// Numbers in postings, positions and facets are the base-64 variable-length
// integers of search.js's decodeInts.
const (
	// termsPerShard sizes dictionary shards.
	termsPerShard = 100
	// postingsFileBytes is the size postings files are packed up to.
	postingsFileBytes = 4 << 10
	// docsPerBucket is the number of documents per d/ file.
	docsPerBucket = 2
)

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
	meta := exportMeta{Version: 1, Docs: len(m.docs), K1: bm25K1, B: bm25B, Shards: shards,
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

	dicts := make([]map[string][]int, shards)
	for i := range dicts {
		dicts[i] = map[string][]int{}
	}
	var postFile, posFile map[string][]string
	fileNo, fileBytes := 0, 0
	flush := func() error {
		if postFile == nil {
			return nil
		}
		if err := add(fmt.Sprintf("p/%d.json", fileNo), postFile); err != nil {
			return err
		}
		if err := add(fmt.Sprintf("q/%d.json", fileNo), posFile); err != nil {
			return err
		}
		postFile, posFile = nil, nil
		fileNo++
		fileBytes = 0
		return nil
	}
	for _, ti := range terms {
		t := m.terms[ti]
		post, pos := make([]string, nFields), make([]string, nFields)
		size := len(t) + 8
		entry := []int{0}
		for f := range nFields {
			ps := m.fieldPostings(ti, f)
			post[f] = encodePostings(ps, m.docs, f)
			pos[f] = encodePositions(m, ps)
			size += len(post[f]) + 3
			entry = append(entry, len(ps))
		}
		for len(entry) > 1 && entry[len(entry)-1] == 0 {
			entry = entry[:len(entry)-1]
		}
		if fileBytes > 0 && fileBytes+size > postingsFileBytes {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		if postFile == nil {
			postFile, posFile = map[string][]string{}, map[string][]string{}
		}
		postFile[t] = trimEmpty(post)
		posFile[t] = trimEmpty(pos)
		fileBytes += size
		entry[0] = fileNo
		dicts[shard[ti]][t] = entry
	}
	if err := flush(); err != nil {
		return nil, err
	}
	for i, d := range dicts {
		if err := add(fmt.Sprintf("t/%d.json", i), d); err != nil {
			return nil, err
		}
	}
	for start := 0; start < len(m.docs); start += docsPerBucket {
		var bucket [][]any
		for _, d := range m.docs[start:min(start+docsPerBucket, len(m.docs))] {
			row := []any{d.ID, d.Title, d.URL, d.Severity, d.Date, nonNil(d.Systems), d.Snippet}
			if d.Lang != "" {
				row = append(row, d.Lang)
			}
			bucket = append(bucket, row)
		}
		if err := add(fmt.Sprintf("d/%d.json", start/docsPerBucket), bucket); err != nil {
			return nil, err
		}
	}
	return files, nil
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

func trimEmpty(ss []string) []string {
	for len(ss) > 0 && ss[len(ss)-1] == "" {
		ss = ss[:len(ss)-1]
	}
	return ss
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

func encodeDocs(docs []int) string {
	var b []byte
	prev := 0
	for _, d := range docs {
		b = appendInt(b, d-prev)
		prev = d
	}
	return string(b)
}

func encodePostings(ps []mpost, docs []docInfo, f int) string {
	var b []byte
	prev := int32(0)
	for _, p := range ps {
		b = appendInt(b, int(p.Doc-prev))
		b = appendInt(b, int(p.TF))
		b = appendInt(b, docs[p.Doc].Lens[f])
		prev = p.Doc
	}
	return string(b)
}

func encodePositions(m *memIndex, ps []mpost) string {
	var b []byte
	for _, p := range ps {
		prev := int32(0)
		for _, pos := range m.positions(p) {
			b = appendInt(b, int(pos-prev))
			prev = pos
		}
	}
	return string(b)
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
