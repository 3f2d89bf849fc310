package generator_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/diag"
)

// contractSiteConfig is a small site's pmkb.toml with a systems catalog
// and a cause vocabulary, so that an unlisted system is a contract error.
const contractSiteConfig = `title = "T"
timeZone = "UTC"

[systems.checkout-api]
name = "Checkout API"

[causes.expired-certificate]
name = "Expired certificate"
`

// contractPM is a postmortem of that site whose front matter has line
// 5 for systems: and whose status line is replaced by status.
func contractPM(systems, status string) string {
	return "---\ntitle: Checkout TLS certificate expired\ndate: 2024-03-14\nseverity: SEV2\nsystems: " + systems +
		"\ncauses: [expired-certificate]\n" + status + "action_items:\n  - title: Renew automatically\n    owner: ana\n    due: 2024-04-01\n---\n\nThe certificate expired.\n"
}

// TestContractTagInEveryCommand checks that a problem of the content
// contract or of the config carries its rule tag, contract, in pmkb build
// and pmkb serve's session as it does in pmkb lint: README (Checking)
// promises "path:line: error: message [rule]" in all three, and build and
// serve printed contract and config errors (and a draft's contract
// warnings) without the tag, so a problem matcher written for lint missed
// them (QA 15 D-F4).
func TestContractTagInEveryCommand(t *testing.T) {
	const pm = "content/postmortems/2024/2024-03-14-checkout-tls-certificate-expired.md"
	tests := []struct {
		name   string
		config string
		pm     string
		drafts bool
		// want is the problem's first line, as every command prints it.
		want string
	}{
		{
			name: "unlisted system", config: contractSiteConfig, pm: contractPM("[api-gateway]", ""),
			want: pm + `:5: error: systems: "api-gateway" is not in the site's systems list in pmkb.toml`,
		},
		{
			name: "YAML syntax", config: contractSiteConfig, pm: contractPM("[checkout-api", ""),
			want: pm + ":5: error: invalid YAML: the list opened at line 5 is not closed",
		},
		{
			name: "config key", config: "baseUrl = \"/\"\n" + contractSiteConfig, pm: contractPM("[checkout-api]", ""),
			want: `pmkb.toml:1: error: unknown config key "baseUrl"`,
		},
		{
			name: "draft", config: contractSiteConfig, pm: contractPM("[api-gateway]", "status: draft\n"), drafts: true,
			want: pm + `:5: warning: in a draft, left out until fixed: systems: "api-gateway" is not in the site's systems list`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fstest.MapFS{
				"pmkb.toml": {Data: []byte(tt.config)},
				pm:          {Data: []byte(tt.pm)},
			}
			opts := generator.Options{Source: src, Today: sampleToday, Drafts: tt.drafts}
			site, _ := generator.Build(context.Background(), opts)
			_, served, _, _ := generator.NewSession(opts, "").Build(context.Background(), nil)
			linted, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday})
			if err != nil {
				t.Fatalf("lint: %v", err)
			}
			for _, c := range []struct {
				command string
				list    *diag.List
			}{{"build", site.Diagnostics}, {"serve", served}, {"lint", linted}} {
				found := false
				for _, d := range c.list.Items() {
					if line := d.Line(); strings.HasPrefix(line, tt.want) {
						found = true
						if d.Rule != "contract" || !strings.HasSuffix(line, " [contract]") {
							t.Errorf("%s: %q: rule %q, want the line to end with [contract]", c.command, line, d.Rule)
						}
					}
				}
				if !found {
					t.Errorf("%s: no problem starting %q in:\n%s", c.command, tt.want, c.list)
				}
			}
		})
	}
}
