// Command gentables writes the Unicode tables that search.js needs to
// reproduce bleve's analysis in the browser: the word-break and script
// classes of github.com/blevesearch/segment (read from the ragel sources the
// segmenter was generated from), Go's unicode.ToLower mapping, and bleve's
// English stop words; and, to cut snippets as the CLI does, the characters
// a terminal draws two columns wide (termtext.RuneWidth). It rewrites the block between the GENERATED TABLES
// markers of the given search.js in place.
//
// Usage (from the repository root):
//
//	go run ./generator/internal/search/internal/gentables themes/default/static/assets/search.js
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"

	"github.com/pmkb/pmkb/generator/internal/termtext"
)

// wbClasses are the word-break classes in the order search.js numbers them
// (1-based; 0 is "none").
var wbClasses = []string{"Double_Quote", "Single_Quote", "Hebrew_Letter", "CR", "LF", "Newline",
	"Extend", "Format", "Katakana", "ALetter", "MidLetter", "MidNum", "MidNumLet", "Numeric",
	"ExtendNumLet", "Regional_Indicator"}

// scriptClasses are the scripts the segmenter distinguishes (1-based).
var scriptClasses = []string{"Hangul", "Han", "Hiragana"}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gentables path/to/search.js")
		os.Exit(2)
	}
	if err := run(os.Args[1], true); err != nil {
		fmt.Fprintln(os.Stderr, "gentables:", err)
		os.Exit(1)
	}
}

// run regenerates the tables of the search.js at jsPath; with write false it
// only reports whether they are out of date.
func run(jsPath string, write bool) error {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/blevesearch/segment").Output()
	if err != nil {
		return fmt.Errorf("locating segment module: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "ragel")
	wb, err := parseRagel(filepath.Join(dir, "uwb.rl"))
	if err != nil {
		return err
	}
	sc, err := parseRagel(filepath.Join(dir, "uscript.rl"))
	if err != nil {
		return err
	}
	class := make([]int, unicode.MaxRune+1)
	for i, name := range wbClasses {
		cps, ok := wb[name]
		if !ok {
			return fmt.Errorf("uwb.rl has no %s", name)
		}
		for _, c := range cps {
			if class[c]&^3 != 0 {
				return fmt.Errorf("U+%04X is in two word-break classes", c)
			}
			class[c] |= (i + 1) << 2
		}
	}
	for i, name := range scriptClasses {
		cps, ok := sc[name]
		if !ok {
			return fmt.Errorf("uscript.rl has no %s", name)
		}
		for _, c := range cps {
			class[c] |= i + 1
		}
	}
	// Ranges of equal class: (gap since previous range end, length, class).
	var cls []int
	prevEnd := 0
	for c := 0; c <= unicode.MaxRune; {
		if class[c] == 0 {
			c++
			continue
		}
		s := c
		for c <= unicode.MaxRune && class[c] == class[s] {
			c++
		}
		cls = append(cls, s-prevEnd, c-s, class[s])
		prevEnd = c
	}
	// Lower-case mapping: runs of (distance from the previous run's start,
	// count, stride, zigzag delta): count code points, stride apart, each
	// mapping to itself+delta.
	var cps, deltas []int
	for c := 0; c <= unicode.MaxRune; c++ {
		if d := int(unicode.ToLower(rune(c))) - c; d != 0 {
			cps, deltas = append(cps, c), append(deltas, d)
		}
	}
	var lower []int
	prevStart := 0
	for i := 0; i < len(cps); {
		stride, n := 1, 1
		if i+1 < len(cps) && deltas[i+1] == deltas[i] && cps[i+1]-cps[i] <= 2 {
			stride = cps[i+1] - cps[i]
			for i+n < len(cps) && deltas[i+n] == deltas[i] && cps[i+n]-cps[i+n-1] == stride {
				n++
			}
		}
		lower = append(lower, cps[i]-prevStart, n, stride, zigzag(deltas[i]))
		prevStart = cps[i]
		i += n
	}
	// Wide characters: runs of (gap since the previous run's end, length).
	var wide []int
	prevEnd = 0
	for c := 0; c <= unicode.MaxRune; {
		if termtext.RuneWidth(rune(c)) != 2 {
			c++
			continue
		}
		s := c
		for c <= unicode.MaxRune && termtext.RuneWidth(rune(c)) == 2 {
			c++
		}
		wide = append(wide, s-prevEnd, c-s)
		prevEnd = c
	}
	if len(wide) == 0 || wide[0] < 0x1100 {
		// search.js and snippet.go take every character below U+1100 as
		// one column without looking it up.
		return fmt.Errorf("a wide character below U+1100")
	}
	stop := analysis.NewTokenMap()
	if err := stop.LoadBytes(en.EnglishStopWords); err != nil {
		return err
	}
	var words []string
	for w := range stop {
		words = append(words, w)
	}
	slices.Sort(words)

	var b strings.Builder
	b.WriteString("  // BEGIN GENERATED TABLES (go run ./generator/internal/search/internal/gentables)\n")
	fmt.Fprintf(&b, "  var WB_NAMES = %s;\n", jsList(wbClasses))
	fmt.Fprintf(&b, "  var CLASS_TABLE = %q;\n", vlq(cls))
	fmt.Fprintf(&b, "  var LOWER_TABLE = %q;\n", vlq(lower))
	fmt.Fprintf(&b, "  var STOP_WORDS = %q;\n", strings.Join(words, " "))
	fmt.Fprintf(&b, "  var WIDE_TABLE = %q;\n", vlq(wide))
	b.WriteString("  // END GENERATED TABLES\n")

	src, err := os.ReadFile(jsPath)
	if err != nil {
		return err
	}
	begin := bytes.Index(src, []byte("// BEGIN GENERATED TABLES"))
	end := bytes.Index(src, []byte("// END GENERATED TABLES\n"))
	if begin < 0 || end < begin {
		return fmt.Errorf("%s has no GENERATED TABLES markers", jsPath)
	}
	end += len("// END GENERATED TABLES\n")
	// the block starts at the marker's line, indentation included
	lineStart := bytes.LastIndexByte(src[:begin], '\n') + 1
	var res bytes.Buffer
	res.Write(src[:lineStart])
	res.WriteString(b.String())
	res.Write(src[end:])
	if !write {
		if !bytes.Equal(res.Bytes(), src) {
			return fmt.Errorf("the tables in %s are out of date: go run ./generator/internal/search/internal/gentables %s", jsPath, jsPath)
		}
		return nil
	}
	return os.WriteFile(jsPath, res.Bytes(), 0o644)
}

func jsList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func zigzag(d int) int {
	if d < 0 {
		return -2*d - 1
	}
	return 2 * d
}

// vlq encodes non-negative ints as base-64 digits, 5 bits each, low bits
// first, bit 5 set on every digit but the last (the encoding search.js and
// the exported index use).
func vlq(ns []int) string {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	var b strings.Builder
	for _, n := range ns {
		if n < 0 {
			panic("negative")
		}
		for {
			d := n & 31
			n >>= 5
			if n > 0 {
				b.WriteByte(digits[d|32])
				continue
			}
			b.WriteByte(digits[d])
			break
		}
	}
	return b.String()
}

// parseRagel reads the "Name = alternatives ;" definitions of a ragel file
// produced by unicode2ragel.rb and returns the code points of each.
func parseRagel(path string) (map[string][]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	defs := map[string][]int{}
	var name string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		switch {
		case strings.HasSuffix(line, "=") && !strings.Contains(line, "0x"):
			name = strings.TrimSpace(strings.TrimSuffix(line, "="))
			continue
		case line == ";":
			name = ""
			continue
		case name == "" || line == "":
			continue
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "|"))
		var ranges [][2]int
		for _, tok := range strings.Fields(line) {
			lo, hi, ok := strings.Cut(tok, "..")
			if !ok {
				hi = lo
			}
			l, err1 := strconv.ParseInt(lo, 0, 32)
			h, err2 := strconv.ParseInt(hi, 0, 32)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("%s: bad byte range %q", path, tok)
			}
			ranges = append(ranges, [2]int{int(l), int(h)})
		}
		var walk func(i int, buf []byte)
		walk = func(i int, buf []byte) {
			if i == len(ranges) {
				r, size := utf8.DecodeRune(buf)
				if r != utf8.RuneError && size == len(buf) {
					defs[name] = append(defs[name], int(r))
				}
				return
			}
			lo, hi := ranges[i][0], ranges[i][1]
			if i > 0 {
				lo, hi = max(lo, 0x80), min(hi, 0xBF)
			}
			for v := lo; v <= hi; v++ {
				walk(i+1, append(buf, byte(v)))
			}
		}
		walk(0, nil)
	}
	return defs, sc.Err()
}
