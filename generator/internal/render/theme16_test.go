package render

import (
	"errors"
	"strings"
	"testing"
)

// themeErr builds the test site with a theme folder of files and returns
// the error, which must be a *ThemeError.
func themeErr(t *testing.T, files map[string]string) error {
	t.Helper()
	_, err := Site(testKB("en", repo), themeFolder(t, files), testOpts)
	var te *ThemeError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a *ThemeError", err)
	}
	return err
}

// TestThemeOldFieldsFail checks that a postmortem.html copied from an
// older pmkb, which printed the commander, the authors, the tags and the
// teams by the names .Commander, .Authors, .Tags and .Teams, fails with
// the advice to compare it with this version's layout (QA 16 D-F1).
// Before, those names were kept for whether the page has them, so the old
// {{with .Commander}}<dd>{{.}}</dd>{{end}} published "true" as every
// page's commander; and a value of another type than the layout expects
// ("range can't iterate over true") got no advice.
func TestThemeOldFieldsFail(t *testing.T) {
	advice := "compare it with this version's themes/default/layouts/postmortem.html"
	for _, field := range []string{"Commander", "Authors", "Tags", "Teams"} {
		err := themeErr(t, map[string]string{"layouts/postmortem.html": `{{define "main"}}{{with .Main}}` + "\n" +
			`{{with .` + field + `}}<dd>{{.}}</dd>{{end}}{{end}}{{end}}`})
		for _, w := range []string{fromSlashPath("th/layouts/postmortem.html:2: "), "can't evaluate field " + field, advice} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: err = %q lacks %q", field, err, w)
			}
		}
	}
	for _, tc := range []struct{ action, msg string }{
		{`{{range .RepeatKnown}}{{.}}{{end}}`, "range can't iterate over"},
		{`{{index .RepeatKnown 1}}`, "can't index"},
		{`{{eq .Title 1}}`, "incompatible types for comparison"},
	} {
		err := themeErr(t, map[string]string{"layouts/postmortem.html": `{{define "main"}}{{with .Main}}` + "\n" + tc.action + `{{end}}{{end}}`})
		for _, w := range []string{fromSlashPath("th/layouts/postmortem.html:2: "), tc.msg, advice} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: err = %q lacks %q", tc.action, err, w)
			}
		}
	}
}
