package generator_test

import (
	"os"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

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

// TestNetlifyHeaders checks the other headers netlify.toml sends: a
// knowledge base on a public Netlify URL stays out of search engines, and
// no browser keeps search data for a fixed time, since the files keep
// their names while a build renumbers their contents (QA round 13, F8 and
// F10).
func TestNetlifyHeaders(t *testing.T) {
	data, err := os.ReadFile("../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Headers []struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		} `toml:"headers"`
	}
	if err := toml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	all := map[string]map[string]string{}
	for _, h := range cfg.Headers {
		all[h.For] = h.Values
	}
	if got := all["/*"]["X-Robots-Tag"]; got != "noindex" {
		t.Errorf(`headers for "/*": X-Robots-Tag %q, want "noindex"`, got)
	}
	for path, values := range all {
		cc := values["Cache-Control"]
		if !strings.HasPrefix(path, "/search/") && path != "/*" {
			continue
		}
		if strings.Contains(cc, "max-age") && !strings.Contains(cc, "max-age=0") || strings.Contains(cc, "immutable") {
			t.Errorf("headers for %q: Cache-Control %q lets a browser keep search data of an older build", path, cc)
		}
	}
}
