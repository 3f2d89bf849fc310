package lint

import (
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
)

// secretsOnly is the configuration a build lints with.
var secretsOnly = Config{Rules: map[string]string{"blameless": "off", "completeness": "off", "pii": "off",
	"dates": "off", "frontmatter": "off", "lint": "off"}}

// TestCheckerMatchesRun lints files one at a time with a Checker and all
// at once with Run: the sorted findings must be the same.
func TestCheckerMatchesRun(t *testing.T) {
	raws := []string{
		md("GITHUB_TOKEN="+ghToken, "the on-call engineer was careless", "mail mika.tanaka@acme.co.jp"),
		md("cookie: session="+jwt, "TODO: write"),
		"---\ntitle: X\nnote: \"" + awsKey + "\"\n",
		md("nothing to see"),
	}
	for _, cfg := range []Config{{}, secretsOnly} {
		var files []*File
		got := &diag.List{}
		c := NewChecker(cfg, nil, today)
		for i, r := range raws {
			path := "content/postmortems/2024/" + string(rune('a'+i)) + ".md"
			files = append(files, &File{Path: path, Raw: []byte(r)})
			c.Check(&File{Path: path, Raw: []byte(r)}, got)
		}
		got.Sort()
		want := Run(files, nil, cfg, today)
		if got.String() != want.String() || want.Len() == 0 {
			t.Errorf("config %v: Checker found\n%s\nRun found\n%s", cfg.Rules, got, want)
		}
	}
}

func TestNeedsKnowledgeBase(t *testing.T) {
	if NewChecker(secretsOnly, nil, today).NeedsKnowledgeBase() {
		t.Error("the secret rules need no knowledge base")
	}
	if !NewChecker(Config{}, nil, today).NeedsKnowledgeBase() {
		t.Error("completeness needs the knowledge base")
	}
	withCompleteness := Config{Rules: map[string]string{"blameless": "off", "pii": "off"}}
	if !NewChecker(withCompleteness, nil, today).NeedsKnowledgeBase() {
		t.Error("completeness reads the site's severities from the knowledge base")
	}
}
