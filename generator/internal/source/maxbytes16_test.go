package source_test

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestFileSizeLimitBoundary checks that maxFileBytes is the largest size
// read: a file of exactly the limit parses, one byte more is refused
// (QA 16 A-F7: ">=" for ">" passed every test).
func TestFileSizeLimitBoundary(t *testing.T) {
	const head = "---\ntitle: x\n---\n"
	for _, tt := range []struct {
		size    int
		refused bool
	}{
		{1024, false},
		{1025, true},
		{1023, false},
	} {
		cfg := model.DefaultSiteConfig()
		cfg.MaxFileBytes = 1024
		data := head + strings.Repeat("x", tt.size-len(head))
		_, diags := source.ParseFile("content/postmortems/x.md", []byte(data), &cfg)
		if got := strings.Contains(diags.String(), "limit is 1024 bytes"); got != tt.refused {
			t.Errorf("%d bytes, limit 1024: refused %v, want %v\n%s", tt.size, got, tt.refused, diags)
		}
	}
}
