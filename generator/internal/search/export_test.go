package search

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
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
		if err := json.Unmarshal(unstamp(byPath["search/t/"+itoa(s)+".json"]), &dict); err != nil {
			t.Fatalf("shard %d: %v", s, err)
		}
		for term, e := range dict {
			terms++
			var post map[string][]string
			if err := json.Unmarshal(unstamp(byPath["search/p/"+itoa(e[0])+".json"]), &post); err != nil {
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

// TestExportBuildID checks meta.json's build id (QA 13 F1): the same
// content exports the same bytes and id, and a postmortem added (every
// document renumbered) or one word changed gives another id.
func TestExportBuildID(t *testing.T) {
	build := func(kb *model.KnowledgeBase) (string, []output.File) {
		t.Helper()
		files, err := Export(kb)
		if err != nil {
			t.Fatal(err)
		}
		var m exportMeta
		if err := json.Unmarshal(files[0].Data, &m); files[0].Path != "search/meta.json" || err != nil {
			t.Fatalf("first file %s: %v", files[0].Path, err)
		}
		if ok, _ := regexp.MatchString(`^[0-9a-f]{16}$`, m.Build); !ok {
			t.Fatalf("build id %q is not 16 hex digits", m.Build)
		}
		return m.Build, files
	}
	idA, filesA := build(browserKB())
	idA2, filesA2 := build(browserKB())
	if idA != idA2 || len(filesA) != len(filesA2) {
		t.Fatalf("the same content built twice: ids %s and %s, %d and %d files", idA, idA2, len(filesA), len(filesA2))
	}
	for i := range filesA {
		if filesA[i].Path != filesA2[i].Path || !bytes.Equal(filesA[i].Data, filesA2[i].Data) {
			t.Errorf("%s differs between two builds of the same content", filesA[i].Path)
		}
	}

	added := browserKB()
	pms := append([]*model.Postmortem{textPM("2024-06-30-added", "en", "Queue backlog", "The queue backed up.", "SEV3", "2024-06-30",
		[]string{"dns"}, []string{"capacity"}, "Consumers stalled.")}, added.Postmortems...)
	added = model.New(added.Config, model.Date{Year: 2024, Month: 7, Day: 1}, pms)
	reworded := browserKB()
	reworded.Postmortems[0].Text += " Renewal is automated now."
	reworded = model.New(reworded.Config, model.Date{Year: 2024, Month: 7, Day: 1}, reworded.Postmortems)
	for name, kb := range map[string]*model.KnowledgeBase{"a postmortem added": added, "a sentence added": reworded} {
		if id, _ := build(kb); id == idA {
			t.Errorf("%s: build id %s unchanged", name, id)
		}
	}
}
