package render

import (
	"io/fs"
	"strings"
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

// TestThemeWarnsLonePercent checks that a reworded UI string that pmkb
// formats and that holds a "%" meant as a percent sign is a warning: fmt
// reads "100% を" as a verb and every page showed "100%!を(MISSING)"
// (review 16: fmtVerbs skipped it as "a percent sign, not a verb").
// "%%" is fine.
func TestThemeWarnsLonePercent(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{`{"footer.asof": "%s 時点 (100% を)"}`, `has a % that fmt reads as a verb, so pages would show %!を(…): write %% for a percent sign`},
		{`{"footer.asof": "%s, 100% when"}`, `so pages would show %!w(…)`},
		{`{"footer.asof": "%s 100%"}`, `so pages would show %!(NOVERB)`},
		{`{"footer.asof": "%s 100%%"}`, ``},
	} {
		got := ThemeWarnings(themeFolder(t, map[string]string{"i18n/ja.json": tc.file}), "ja")
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%s: got %q, want no warning", tc.file, got)
		case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0].Error(), tc.want)):
			t.Errorf("%s: got %q, want one warning with %q", tc.file, got, tc.want)
		}
	}
}
