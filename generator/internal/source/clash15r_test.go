package source

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/output"
)

// TestCaseClashesLeaveNoClash: whatever the paths and their ranks
// (clashRank), the paths caseClashes keeps never clash where letter case
// does not count, as the build's output would refuse them (QA 15 A-F4):
// no two differ only in case, and none lies below a folder whose path is,
// case aside, another kept path; and each path it does not keep names one
// it compared it with. Ranks changed which path is kept (review 15 R1).
func TestCaseClashesLeaveNoClash(t *testing.T) {
	const dir = PostmortemDir + "/"
	segs := []string{"a", "A", "b", "B", "run.log", "RUN.LOG", "Run.log", "x.png", "X.PNG"}
	rng := rand.New(rand.NewPCG(15, 1))
	for range 3000 {
		rank := map[string]int{}
		var targets []string
		for range 1 + rng.IntN(6) {
			parts := make([]string, 1+rng.IntN(3))
			for i := range parts {
				parts[i] = segs[rng.IntN(len(segs))]
			}
			p := dir + strings.Join(parts, "/")
			targets = append(targets, p)
			rank[p] = rng.IntN(4)
		}
		slices.Sort(targets)
		targets = slices.Compact(targets)
		out := caseClashes(targets, rank)
		var kept []string
		for _, p := range targets {
			c, lost := out[p]
			if !lost {
				kept = append(kept, p)
			} else if !slices.Contains(targets, c.with) {
				t.Errorf("%q: %s lost to %q, not one of the paths", targets, p, c.with)
			}
		}
		for _, p := range kept {
			for _, q := range kept {
				if p != q && (output.FoldCase(p) == output.FoldCase(q) || strings.HasPrefix(output.FoldCase(q), output.FoldCase(p)+"/")) {
					t.Fatalf("%q with ranks %v: kept %s and %s", targets, rank, p, q)
				}
			}
		}
	}
}
