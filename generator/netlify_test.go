package generator_test

import (
	"os"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/chart"
)

// TestNetlifyCSPAllowsChartStyle keeps netlify.toml's Content-Security-
// Policy in step with the stylesheet embedded in every chart: a changed
// style with a stale hash would leave the published charts unstyled.
func TestNetlifyCSPAllowsChartStyle(t *testing.T) {
	data, err := os.ReadFile("../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	var csp string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, "Content-Security-Policy") {
			csp = line
		}
	}
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self' " + chart.StyleHash()} {
		if !strings.Contains(csp, want) {
			t.Errorf("netlify.toml CSP lacks %s:\n%s", want, csp)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval"} {
		if strings.Contains(csp, bad) {
			t.Errorf("netlify.toml CSP allows %s", bad)
		}
	}
}
