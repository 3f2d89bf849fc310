package source

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// longLineBase is a valid front matter without its closing ---.
const longLineBase = "---\ntitle: Disk full\ndate: 2025-01-10\nseverity: SEV2\nsystems: [db]\ncauses: [capacity]\n"

// aliasFile is a postmortem whose front matter uses the alias *a n times
// in one flow list, on line 8 (QA 17 C-F4's file).
func aliasFile(n int) []byte {
	return []byte(longLineBase + "a: &a x\nb: [" + strings.TrimSuffix(strings.Repeat("*a,", n), ",") + "]\n---\nBody.\n")
}

// TestAliasesAreOneError is QA 17 C-F4: 20,000 aliases in one list gave
// 20,000 identical error lines. One error at the first alias now says how
// many uses there are.
func TestAliasesAreOneError(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	for _, tc := range []struct {
		n    int
		want string
	}{
		{1, "YAML aliases (*name) are not supported in front matter; write the value out"},
		{3, "YAML aliases (*name) are not supported in front matter; write the value out (3 uses in this file)"},
		{20000, "(20000 uses in this file)"},
	} {
		_, d := NewParser(&cfg).Parse("a.md", aliasFile(tc.n))
		var errs []diag.Diagnostic
		for _, it := range d.Items() {
			if it.Severity == diag.Error {
				errs = append(errs, it)
			}
		}
		if len(errs) != 1 || errs[0].Pos.Line != 8 || errs[0].Col != 5 || !strings.HasSuffix(errs[0].Message, tc.want) {
			t.Errorf("%d aliases: want one error at 8:5 ending %q, got %d: %v", tc.n, tc.want, len(errs), errs[:min(len(errs), 2)])
		}
	}
}

// TestManyProblemsOnOneLineTakeLinearTime is the other half of QA 17
// C-F4: every problem on a line re-found the line from the text's start,
// copied it, walked it to its column and searched the whole text for a
// private key, so one line of N problems took time N × its length: a
// 300 KB front matter ran for minutes. 40,000 tagged values on one line
// (40,000 RuleUnquotedText warnings, each with a column) and 40,000
// duplicate keys in one flow mapping now take well under a second; the
// bound is loose, for a busy machine, and far below the quadratic time
// (some 30 s for the tags).
func TestManyProblemsOnOneLineTakeLinearTime(t *testing.T) {
	const n = 40000
	cfg := model.DefaultSiteConfig()
	for name, text := range map[string]string{
		"tags":       longLineBase + "tags: [" + strings.TrimSuffix(strings.Repeat("!x é,", n), ",") + "]\n---\nBody.\n",
		"duplicates": longLineBase + "m: {" + strings.TrimSuffix(strings.Repeat("é: 1, ", n), ", ") + "}\n---\nBody.\n",
	} {
		start := time.Now()
		_, d := NewParser(&cfg).Parse("a.md", []byte(text))
		took := time.Since(start)
		if len(d.Items()) < n-1 {
			t.Fatalf("%s: %d problems, want about %d", name, len(d.Items()), n)
		}
		// The last one's column is right: in characters of the line.
		// (The one warning without a column, that tags lists "é" 40000
		// times, is not one of them.)
		var last diag.Diagnostic
		for _, it := range d.Items() {
			if it.Col > 0 {
				last = it
			}
		}
		if last.Pos.Line != 7 || last.Col < n {
			t.Errorf("%s: last problem at %d:%d: %v", name, last.Pos.Line, last.Col, last)
		}
		if took > 8*time.Second {
			t.Errorf("%s: %d problems on one line took %v: the time grows with the square of the line (QA 17 C-F4)", name, n, took)
		}
	}
}

// TestLinesAgreesWithLineText checks lines against the functions it
// stands for, which scan from the text's start, on every line and column
// of texts with CRLF ends, blank lines, wide and combining characters.
func TestLinesAgreesWithLineText(t *testing.T) {
	for _, data := range []string{
		"", "\n", "a", "a\n", "a\r\nb\r\n", "\n\nx", "é€😀 x\nabc\r\n\n日本語のテキスト: 値\ne\u0301\n",
	} {
		l := newLines([]byte(data))
		for n := 0; n <= strings.Count(data, "\n")+2; n++ {
			// Out of order, as problems come.
			for _, m := range []int{n, 1, n} {
				want, wok := lineText([]byte(data), m)
				got, ok := l.line(m)
				if got != want || ok != wok {
					t.Fatalf("%q line %d: got %q %v, want %q %v", data, m, got, ok, want, wok)
				}
				for col := 0; col <= len(want)+3; col++ {
					if got, want := l.byteCol(m, col), byteCol([]byte(data), m, col); got != want {
						t.Errorf("%q line %d: byteCol(%d) = %d, want %d", data, m, col, got, want)
					}
					if col > 0 {
						if got, want := l.runeCol(m, col), runeCol(want, col); got != want {
							t.Errorf("%q line %d: runeCol(%d) = %d, want %d", data, m, col, got, want)
						}
					}
				}
			}
		}
	}
}

// BenchmarkAliasFile parses QA 17 C-F4's files: one flow list of 20,000
// and of 100,000 aliases. Before the fix the first took 4.7 s in pmkb lint
// and the second more than 90 s.
func BenchmarkAliasFile(b *testing.B) {
	cfg := model.DefaultSiteConfig()
	for _, n := range []int{20000, 100000} {
		data := aliasFile(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ps := NewParser(&cfg)
			for b.Loop() {
				ps.Parse("a.md", data)
			}
		})
	}
}
