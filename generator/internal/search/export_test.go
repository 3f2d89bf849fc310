package search

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestExportDeterministic builds the export twice and wants the same files,
// byte for byte (map iteration and worker scheduling must not show).
func TestExportDeterministic(t *testing.T) {
	kb, _ := corpusKB(t, 200)
	a, err := Export(kb)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Export(kb)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("file %d differs: %s / %s", i, a[i].Path, b[i].Path)
		}
	}
}

// TestExportLayout checks the files a query relies on: every dictionary
// entry points at a postings file holding its term, with as many postings
// per field as the entry's document frequencies say.
func TestExportLayout(t *testing.T) {
	kb, _ := corpusKB(t, 200)
	files, err := Export(kb)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]byte{}
	for _, f := range files {
		if !strings.HasPrefix(f.Path, "search/") || !json.Valid(f.Data) {
			t.Fatalf("%s is not JSON under search/", f.Path)
		}
		byPath[f.Path] = f.Data
	}
	var meta exportMeta
	if err := json.Unmarshal(byPath["search/meta.json"], &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Docs != len(kb.Postmortems) || len(meta.Fields) != nFields {
		t.Fatalf("meta = %+v", meta)
	}
	terms := 0
	for s := 0; s < meta.Shards; s++ {
		var dict map[string][]int
		if err := json.Unmarshal(byPath["search/t/"+itoa(s)+".json"], &dict); err != nil {
			t.Fatalf("shard %d: %v", s, err)
		}
		for term, e := range dict {
			terms++
			var post map[string][]string
			if err := json.Unmarshal(byPath["search/p/"+itoa(e[0])+".json"], &post); err != nil {
				t.Fatalf("postings %d: %v", e[0], err)
			}
			enc, ok := post[term]
			if !ok {
				t.Fatalf("term %q not in postings file %d", term, e[0])
			}
			for f := 0; f < nFields; f++ {
				want := 0
				if f+1 < len(e) {
					want = e[f+1]
				}
				got := 0
				if f < len(enc) {
					got = len(decodeInts(enc[f])) / 3
				}
				if got != want {
					t.Errorf("term %q field %d: %d postings, dictionary says %d", term, f, got, want)
				}
			}
		}
	}
	if terms < 1000 {
		t.Errorf("only %d terms exported", terms)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// decodeInts reads the variable-length integers of appendInt.
func decodeInts(s string) []int {
	var out []int
	n, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(vlqDigits, s[i])
		n |= (d & 31) << shift
		if d&32 != 0 {
			shift += 5
			continue
		}
		out = append(out, n)
		n, shift = 0, 0
	}
	return out
}

// TestAppendJSONStringMatchesMarshal checks that the index files, written
// directly, escape text exactly as marshal (encoding/json without HTML
// escaping) does.
func TestAppendJSONStringMatchesMarshal(t *testing.T) {
	for _, s := range jsonHostile {
		want, err := marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s; marshal %s", s, got, want)
		}
	}
	want, _ := marshal([][]string{{}, jsonHostile})
	if got := appendStrings(append(appendStrings([]byte{'['}, nil), ','), jsonHostile); string(got)+"]" != string(want) {
		t.Errorf("appendStrings = %s]; marshal %s", got, want)
	}
}

var jsonHostile = []string{"", "plain", `quote " backslash \ slash /`, "<b>&amp;</b>", "tab\there\nnew\r\nline",
	"\x00\x01\x1f\x7f\b\f", "\u2028\u2029", "bad \xff\xfe utf8 \xc3", "日本語、です。", "emoji 🙂 \U0010FFFF", "\uFFFD"}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonHostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s; marshal %s", s, got, want)
		}
	})
}
