package search

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// contentDir is the sample knowledge base at the repository root.
var contentDir = filepath.Join("..", "..", "..", "content")

// parityInputs returns the texts the analyzer parity test feeds to bleve and
// search.js: every line and every distinct word of testdata/words.txt and of
// the sample content.
func parityInputs(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	addText := func(text string) {
		for _, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(line, "# ") {
				continue
			}
			add(line)
			for _, w := range strings.Fields(line) {
				add(w)
			}
		}
	}
	words, err := os.ReadFile(filepath.Join("testdata", "words.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// words.txt writes combining and invisible characters as escapes.
	unescape := strings.NewReplacer(`\u0301`, "\u0301", `\u00ad`, "\u00ad", `\u200b`, "\u200b", `\u200c`, "\u200c",
		`\u200d`, "\u200d", `\u2060`, "\u2060", `\ufeff`, "\ufeff")
	addText(unescape.Replace(string(words)))
	n := 0
	err = filepath.WalkDir(contentDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !(strings.HasSuffix(path, ".md") || strings.HasSuffix(path, ".toml") || strings.HasSuffix(path, ".yaml")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if utf8.Valid(b) {
			addText(string(b))
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading the sample content: %v", err)
	}
	if n == 0 {
		t.Fatalf("no sample content under %s", contentDir)
	}
	return out
}

type parityToken struct {
	Term       string `json:"t"`
	Pos        int    `json:"p"`
	Start, End int    `json:"-"`
}

func (p parityToken) String() string { return fmt.Sprintf("%q@%d", p.Term, p.Pos) }

// jsAnalyze runs search.js's analyzer on every text.
func jsAnalyze(t *testing.T, texts []string, prefix bool) [][]parityToken {
	t.Helper()
	in, err := json.Marshal(texts)
	if err != nil {
		t.Fatal(err)
	}
	prog := fmt.Sprintf(`const opts = {prefix: %v};
const out = JSON.parse(input).map(s => pmkb.analyze(s, opts).map(t => [t.term, t.pos, t.start, t.end]));
process.stdout.write(JSON.stringify(out));`, prefix)
	var raw [][][]any
	if err := json.Unmarshal(runNode(t, prog, in), &raw); err != nil {
		t.Fatal(err)
	}
	out := make([][]parityToken, len(raw))
	for i, toks := range raw {
		for _, tk := range toks {
			out[i] = append(out[i], parityToken{Term: tk[0].(string), Pos: int(tk[1].(float64)),
				Start: int(tk[2].(float64)), End: int(tk[3].(float64))})
		}
	}
	return out
}

func goAnalyze(a *Analyzer, texts []string, prefix bool) [][]parityToken {
	out := make([][]parityToken, len(texts))
	for i, s := range texts {
		var toks []Token
		if prefix {
			toks = a.AnalyzePrefix(s)
		} else {
			toks = a.Analyze(s)
		}
		for _, tk := range toks {
			out[i] = append(out[i], parityToken{Term: string([]rune(tk.Term)), Pos: tk.Position, Start: tk.Start, End: tk.End})
		}
	}
	return out
}

func compareParity(t *testing.T, texts []string, prefix bool) {
	t.Helper()
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	want := goAnalyze(a, texts, prefix)
	got := jsAnalyze(t, texts, prefix)
	bad := 0
	for i := range texts {
		if !slices.Equal(want[i], got[i]) {
			bad++
			if bad <= 20 {
				t.Errorf("analyze(%q, prefix=%v):\n bleve     %v\n search.js %v", texts[i], prefix, want[i], got[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d texts differ", bad, len(texts))
	}
}

// TestAnalyzerParity checks that search.js makes exactly bleve's terms and
// positions of every word and line of the sample content and of the tricky
// word list.
func TestAnalyzerParity(t *testing.T) {
	texts := parityInputs(t)
	for _, prefix := range []bool{false, true} {
		compareParity(t, texts, prefix)
	}
}

// TestAnalyzerParityCodePoints checks every code point of the Basic
// Multilingual Plane and the CJK and emoji planes in a few contexts, which
// pins the word-break and lower-case tables of search.js.
func TestAnalyzerParityCodePoints(t *testing.T) {
	var texts []string
	add := func(lo, hi rune) {
		var b strings.Builder
		for r := lo; r <= hi; r++ {
			if !utf8.ValidRune(r) {
				continue
			}
			b.Reset()
			c := string(r)
			b.WriteString("x" + c + c + "y 9" + c + "ア " + c + "s'" + c + " " + c + ".1_" + c + "Σ")
			texts = append(texts, b.String())
		}
	}
	add(0, 0xFFFF)
	add(0x1F000, 0x1FAFF)
	add(0x20000, 0x20100)
	add(0x1B000, 0x1B0FF)
	compareParity(t, texts, false)
}

// TestAnalyst checks that the pipeline the build runs (reused buffers,
// per-token filters through a memo, cjk_bigram once per distinct run of
// touching ideographic tokens, each distinct line analysed once) makes
// exactly the terms of the pmkb pipeline over the stock custom analyzer
// (terms and positions, per line and per text of many lines) on every
// parity input, on random text, on texts of lines met before in other
// company and on every code point, twice over (the second pass answers from the memos), and that
// each token's term number names its term.
func TestAnalyst(t *testing.T) {
	_, im, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	stock := pipeline(im.AnalyzerNamed(AnalyzerName))
	an := testAnalyst(t)
	texts := parityInputs(t)
	alphabet := []rune("aAzZsSyYeE01239 '’＇.,:;_-\"@#/\u00e9\u0301\u200dカタｶﾀﾞﾟｰーひら漢字々〆ＡＢｓ１，．ΣσİÅK한글🔥🇯🇵\t\n\r\v\u0085\u2028\uFFFD·：\u00ad\u200b\u2060\ufeff")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		rs := make([]rune, 1+rng.IntN(24))
		for j := range rs {
			rs[j] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, string(rs))
	}
	for r := rune(0x2E80); r <= 0x9FFF; r += 7 {
		texts = append(texts, "x"+string(r)+string(r+1)+" "+string(r)+"a"+string(r+2)+"ｶ"+string(r))
	}
	// Texts of up to eight lines drawn from the texts above, so that lines
	// recur after other lines: what the build's line memo answers from.
	pool := texts[len(texts)-25000:]
	for range 5000 {
		lines := make([]string, 1+rng.IntN(8))
		for j := range lines {
			lines[j] = pool[rng.IntN(len(pool))]
		}
		texts = append(texts, strings.Join(lines, "\n"))
	}
	var names []string // by term number
	for pass := 0; pass < 2; pass++ {
		for _, s := range texts {
			want := stock.Analyze([]byte(s))
			terms := an.analyze(s)
			names = append(names, an.fresh...)
			an.fresh = nil
			if len(terms) != len(want) {
				t.Fatalf("pass %d, %q: %d terms; stock %d tokens", pass, s, len(terms), len(want))
			}
			for i, w := range want {
				if got := names[terms[i]]; got != string(w.Term) || w.Position != i+1 {
					t.Fatalf("pass %d, %q, term %d: stock %v, analyst %q at %d", pass, s, i, w.String(), got, i+1)
				}
			}
			if strings.Contains(s, "\n") {
				continue
			}
			terms = an.analyzeLine(s) // past the line memo: from the run memo
			names = append(names, an.fresh...)
			an.fresh = nil
			if len(terms) != len(want) {
				t.Fatalf("pass %d, %q: %d numbers; stock %d tokens", pass, s, len(terms), len(want))
			}
			for i, w := range want {
				if got := names[terms[i]]; got != string(w.Term) {
					t.Fatalf("pass %d, %q, term %d: stock %v, analyst %q", pass, s, i, w.String(), got)
				}
			}
		}
	}
	if len(names) != len(an.ids) {
		t.Errorf("%d names, %d terms numbered", len(names), len(an.ids))
	}
}

// TestAnalyzerParityRandom compares bleve and search.js on random strings
// drawn from the characters the rules treat specially (letters, digits,
// apostrophes, dots, colons, middle dots, underscores, kana, kanji, full-
// and half-width forms, combining marks, invisible format characters,
// emoji, spaces).
func TestAnalyzerParityRandom(t *testing.T) {
	alphabet := []rune("aAzZsSyYeE01239 '’＇.,:;_-\"@#/\u00e9\u0301\u200dカタｶﾀﾞﾟｰーひら漢字々〆ＡＢｓ１，．ΣσİÅK한글🔥🇯🇵\t\n·：\u00ad\u200b\u2060\ufeff")
	rng := rand.New(rand.NewPCG(1, 2))
	texts := make([]string, 4000)
	for i := range texts {
		rs := make([]rune, 1+rng.IntN(14))
		for j := range rs {
			rs[j] = alphabet[rng.IntN(len(alphabet))]
		}
		texts[i] = string(rs)
	}
	compareParity(t, texts, false)
	compareParity(t, texts, true)
}

// TestAnalystKeepsRunsMetTwice checks that the memo of cjk_bigram's runs
// keeps a run only once it recurs on another line: in prose most runs are
// whole clauses met once, which the memo would hold to the end for
// nothing.
func TestAnalystKeepsRunsMetTwice(t *testing.T) {
	an := testAnalyst(t)
	first := slices.Clone(an.analyze("障害対応の手順"))
	if len(an.runs) != 0 {
		t.Errorf("after one line, %d runs kept, want 0", len(an.runs))
	}
	again := an.analyze("see 障害対応の手順")
	if len(an.runs) != 1 {
		t.Errorf("after the run recurred, %d runs kept, want 1", len(an.runs))
	}
	if !slices.Equal(again[len(again)-len(first):], first) {
		t.Errorf("the run's terms %v the second time, %v the first", again[len(again)-len(first):], first)
	}
}

// testAnalyst returns a new analyst of the pmkb analyzer.
func testAnalyst(t *testing.T) *analyst {
	t.Helper()
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	an, err := newAnalyst(a)
	if err != nil {
		t.Fatal(err)
	}
	return an
}
