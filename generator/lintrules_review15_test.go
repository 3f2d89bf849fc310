package generator_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// TestSiteLintRulesSettlesProblems checks that the config problems pmkb
// lint --rules prints are settled as every other command's are (review
// 15): a problem's advice that quotes a line holding a secret is masked,
// and each problem is tagged [contract]. SiteLintRules returned them raw,
// so "lint --rules" printed the password of a baseURL written without
// quotes ("write baseURL = \"postgres://app:…@…\""), which pmkb lint masks.
func TestSiteLintRulesSettlesProblems(t *testing.T) {
	secret := "Xk9pQ2vL7mzR4t"
	url := "postgres://app:" + secret + "@db.internal:5432/orders"
	src := fstest.MapFS{"pmkb.toml": {Data: []byte("title = \"KB\"\nbaseURL = " + url + "\n")}}
	rules, problems := generator.SiteLintRules(src)
	if len(rules) == 0 {
		t.Fatal("no rules")
	}
	if problems.Len() == 0 {
		t.Fatal("no problem: the fixture no longer has a config error")
	}
	for _, d := range problems.Items() {
		if strings.Contains(d.Message+d.Hint+d.Excerpt, secret) {
			t.Errorf("%s quotes the secret (excerpt %q)", d.Line(), d.Excerpt)
		}
		if d.Rule != "contract" {
			t.Errorf("%s: rule %q, want contract", d.Line(), d.Rule)
		}
	}
}
