package generator

import (
	"testing"

	"github.com/pmkb/pmkb/generator/internal/lint"
	"github.com/pmkb/pmkb/generator/model"
)

// TestBuildChecksFilesAsTheyLoad checks that the lint rules a build runs
// (secrets, completeness/action-items) need no knowledge base, so Load
// checks each file in the worker that loads it and drops its bytes instead
// of keeping every file for a second pass; and that a site turning on a
// rule that reads the knowledge base still gets one.
func TestBuildChecksFilesAsTheyLoad(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	if lint.NewChecker(lintConfig(&cfg, buildOnly), nil, model.Date{}).NeedsKnowledgeBase() {
		t.Error("a default build's lint rules ask for the knowledge base; Load would keep every file's bytes")
	}
	cfg.LintRules = map[string]string{"completeness/timeline": "warning"}
	if !lint.NewChecker(lintConfig(&cfg, buildOnly), nil, model.Date{}).NeedsKnowledgeBase() {
		t.Error("completeness/timeline reads the site's severities, yet the build checks without the knowledge base")
	}
}
