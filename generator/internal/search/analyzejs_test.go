package search

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf16"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestAnalyzerParityPrototypeNames checks the words that name the members
// of a JavaScript object's prototype: search.js kept its stop words in a
// plain object, so "constructor" and "__proto__" were stop words to it and
// words to bleve, and a search for them in the browser found nothing.
func TestAnalyzerParityPrototypeNames(t *testing.T) {
	texts := []string{"constructor", "__proto__", "toString", "valueOf", "hasOwnProperty",
		"isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__defineGetter__",
		"Constructor", "the constructor's __proto__ hasOwnProperty"}
	compareParity(t, texts, false)
	compareParity(t, texts, true)
}

// memoOrderProgram analyses every text of the input four times, in two
// orders: first each text for words and then for prefixes, as highlight
// does, scribbling over every token returned; then the texts backwards,
// prefixes first. Each analysis is [[term, pos, start, end, from, to]...].
const memoOrderProgram = `const texts = JSON.parse(input);
const rows = ts => ts.map(t => [t.term, t.pos, t.start, t.end, t.from, t.to]);
const out = texts.map(() => []);
texts.forEach((s, i) => {
  for (const prefix of [false, true]) {
    const toks = pmkb.analyze(s, {prefix});
    out[i][prefix ? 1 : 0] = rows(toks);
    toks.forEach(t => { t.term = "scribbled"; t.pos = -1; t.from = -1; t.to = -1; });
  }
});
for (let i = texts.length - 1; i >= 0; i--) {
  out[i][3] = rows(pmkb.analyze(texts[i], {prefix: true}));
  out[i][2] = rows(pmkb.analyze(texts[i]));
}
process.stdout.write(JSON.stringify(out));`

// TestAnalyzeMemos checks that search.js's memos (the filters' output per
// distinct word, the segmentation of the last texts) change no term,
// position or offset: every parity input and more distinct words than a
// memo holds, analysed in two orders, whose results are scribbled over as
// they come, make bleve's terms, positions and byte offsets each time, and
// UTF-16 offsets (from, to, which highlight cuts the text at) that name the
// same place in the text as the byte offsets.
func TestAnalyzeMemos(t *testing.T) {
	texts := parityInputs(t)
	for i := range 12000 {
		texts = append(texts, fmt.Sprintf("Zq%dx's", i))
	}
	in, err := json.Marshal(texts)
	if err != nil {
		t.Fatal(err)
	}
	var got [][4][][]any
	if err := json.Unmarshal(runNode(t, memoOrderProgram, in), &got); err != nil {
		t.Fatal(err)
	}
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	want := [2][][]parityToken{goAnalyze(a, texts, false), goAnalyze(a, texts, true)}
	bad := 0
	for i, s := range texts {
		byteAt := utf16ToByte(s)
		for k, toks := range got[i] {
			prefix := k%2 == 1
			var terms []parityToken
			for _, tk := range toks {
				p := parityToken{Term: tk[0].(string), Pos: int(tk[1].(float64)), Start: int(tk[2].(float64)), End: int(tk[3].(float64))}
				terms = append(terms, p)
				from, to := int(tk[4].(float64)), int(tk[5].(float64))
				if from < 0 || to >= len(byteAt) || byteAt[from] != p.Start || byteAt[to] != p.End {
					bad++
					if bad <= 10 {
						t.Errorf("analyze(%q, prefix=%v) pass %d: %v at UTF-16 %d-%d, bytes %d-%d", s, prefix, k/2+1, p, from, to, p.Start, p.End)
					}
				}
			}
			if !slices.Equal(terms, want[k%2][i]) {
				bad++
				if bad <= 10 {
					t.Errorf("analyze(%q, prefix=%v) pass %d:\n bleve     %v\n search.js %v", s, prefix, k/2+1, want[k%2][i], terms)
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d analyses of %d texts differ", bad, len(texts))
	}
}

// utf16ToByte maps each UTF-16 offset of s that falls between runes to its
// byte offset (-1 inside a surrogate pair).
func utf16ToByte(s string) []int {
	out := []int{}
	for i, r := range s {
		out = append(out, i)
		if utf16.RuneLen(r) == 2 {
			out = append(out, -1)
		}
	}
	return append(out, len(s))
}

// highlightTexts returns the titles and snippets of the sample content's
// search documents: what highlight analyses when the search page lists
// them.
func highlightTexts(tb testing.TB) []string {
	tb.Helper()
	root := os.DirFS(filepath.Join("..", "..", ".."))
	cfg, _, diags := source.LoadConfig(root)
	if diags.HasErrors() {
		tb.Fatalf("sample config: %v", diags)
	}
	pms, _ := source.Load(root, &cfg)
	s, err := NewSiteIndex(model.New(cfg, model.Date{Year: 2026, Month: 11, Day: 27}, pms))
	if err != nil {
		tb.Fatal(err)
	}
	var texts []string
	for _, d := range s.m.docs {
		texts = append(texts, d.Title, d.Snippet)
	}
	if len(texts) < 10 {
		tb.Fatalf("only %d titles and snippets in the sample content", len(texts))
	}
	return texts
}

// highlightBenchProgram analyses every text for words and then for
// prefixes, as highlight does, first in a fresh process (cold: the JIT, the
// scanner's states and the memos all start empty) and then 20 times more
// (warm), and prints the milliseconds of the cold pass (CPU time, which
// counts the JIT's compiler threads, and wall time) and the CPU
// milliseconds of the median warm pass.
const highlightBenchProgram = `const texts = JSON.parse(input);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const pass = () => { let n = 0; for (const s of texts) n += pmkb.analyze(s).length + pmkb.analyze(s, {prefix: true}).length; return n; };
let t0 = cpu(), w0 = performance.now(); const terms = pass(); const cold = cpu() - t0, coldWall = performance.now() - w0, warm = [];
for (let i = 0; i < 20; i++) { t0 = cpu(); pass(); warm.push(cpu() - t0); }
warm.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({cold, coldWall, warm: warm[10], terms}));`

// BenchmarkAnalyzeJSHighlight measures search.js's analyze over the sample
// content's titles and snippets, each twice as highlight analyses it, in
// node: the CPU and wall time of the first pass in a fresh process
// (cold-ms, cold-wall-ms) and the CPU time of a pass once the JIT and memos
// are warm (warm-ms). Each iteration is a fresh node process: run it with
// -benchtime 3x or so.
func BenchmarkAnalyzeJSHighlight(b *testing.B) {
	texts := highlightTexts(b)
	in, err := json.Marshal(texts)
	if err != nil {
		b.Fatal(err)
	}
	units := 0
	for _, s := range texts {
		units += len(utf16.Encode([]rune(s)))
	}
	var cold, coldWall, warm float64
	for b.Loop() {
		var r struct{ Cold, ColdWall, Warm float64 }
		if err := json.Unmarshal(runNode(b, highlightBenchProgram, in), &r); err != nil {
			b.Fatal(err)
		}
		cold += r.Cold
		coldWall += r.ColdWall
		warm += r.Warm
	}
	b.ReportMetric(cold/float64(b.N), "cold-ms")
	b.ReportMetric(coldWall/float64(b.N), "cold-wall-ms")
	b.ReportMetric(warm/float64(b.N), "warm-ms")
	b.ReportMetric(float64(len(texts)), "texts")
	b.ReportMetric(float64(units), "utf16-units")
}
