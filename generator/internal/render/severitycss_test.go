package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestSeverityCSSDefaultColors checks that levels configured without a
// colour get distinct colours by rank in severity.css — the default
// severities' colours first — with text that contrasts enough (WCAG AA,
// 4.5:1), while a configured colour is kept.
func TestSeverityCSSDefaultColors(t *testing.T) {
	rule := regexp.MustCompile(`\.sev-r(\d+),.*background-color: (#[0-9a-f]{6}); color: (#[0-9a-f]{6});`)
	parse := func(levels []model.Severity) (bgs, fgs []string) {
		for _, l := range strings.Split(string(severityCSS(levels)), "\n") {
			if m := rule.FindStringSubmatch(l); m != nil {
				bgs, fgs = append(bgs, m[2]), append(fgs, m[3])
			}
		}
		return bgs, fgs
	}
	var plain []model.Severity
	for i := range 7 {
		plain = append(plain, model.Severity{Level: fmt.Sprintf("P%d", i)})
	}
	bgs, fgs := parse(plain)
	if len(bgs) != len(plain) {
		t.Fatalf("%d badge rules for %d levels", len(bgs), len(plain))
	}
	seen := map[string]bool{fallbackBadge: true}
	for i, bg := range bgs {
		if seen[bg] {
			t.Errorf("rank %d: colour %s is used twice (or is the unknown level's grey)", i, bg)
		}
		seen[bg] = true
		if i < len(model.DefaultSeverities) && bg != model.DefaultSeverities[i].Color {
			t.Errorf("rank %d: colour %s, want the default severity's %s", i, bg, model.DefaultSeverities[i].Color)
		}
		br, bgG, bb, _ := parseHexColor(bg)
		fr, fg, fb, _ := parseHexColor(fgs[i])
		if c := contrastRatio(luminance(br, bgG, bb), luminance(fr, fg, fb)); c < 4.5 {
			t.Errorf("rank %d: text %s on %s has contrast %.2f, below 4.5", i, fgs[i], bg, c)
		}
	}
	bgs, _ = parse([]model.Severity{{Level: "A", Color: "#fde68a"}, {Level: "B"}})
	if len(bgs) != 2 || bgs[0] != "#fde68a" || bgs[1] != model.DefaultSeverities[1].Color {
		t.Errorf("a configured colour and a default one: %v", bgs)
	}
}
