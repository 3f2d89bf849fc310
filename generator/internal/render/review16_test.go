package render

import (
	"io/fs"
	"testing"

	"github.com/pmkb/pmkb/themes"
)

// TestThemePageLayoutWithBOM checks that a page layout a Windows editor
// saved with a byte-order mark builds, as it did before checkPageLayout
// (review 16: "text outside {{define "main"}}…{{end}} is shown on no
// page" at line 1), while text after the mark is still reported.
func TestThemePageLayoutWithBOM(t *testing.T) {
	src, err := fs.ReadFile(themes.Default(), "layouts/postmortem.html")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Site(testKB("en", repo), themeFolder(t, map[string]string{"layouts/postmortem.html": "\xef\xbb\xbf" + string(src)}), testOpts); err != nil {
		t.Errorf("a layout starting with a byte-order mark: %v", err)
	}
	themeErr(t, map[string]string{"layouts/postmortem.html": "\xef\xbb\xbfstray\n" + string(src)})
}
