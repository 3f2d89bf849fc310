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

// TestThemeUnreadFilesSkipDroppings checks that an editor's dropping in a
// theme's i18n/ (an Emacs auto-save, a .tmp, vim's probe file) is not a
// "the build reads UI strings only from i18n/<lang>.json" warning, as the
// loader and the watcher pass over those names (source.EditorFile), while
// a file a person put there still is (review 16: only "~" and dotfiles
// were passed over).
func TestThemeUnreadFilesSkipDroppings(t *testing.T) {
	for _, f := range []string{"i18n/#en.json#", "i18n/en.json.tmp", "i18n/4913", "i18n/en.json~", "i18n/.en.json.swp"} {
		if got := ThemeWarnings(themeFolder(t, map[string]string{f: "x"}), "en"); len(got) > 0 {
			t.Errorf("%s: %q, want no warning", f, got)
		}
	}
	if got := ThemeWarnings(themeFolder(t, map[string]string{"i18n/en.yaml": "x: y"}), "en"); len(got) != 1 {
		t.Errorf("i18n/en.yaml: %q, want one warning", got)
	}
}
