package render

import (
	"regexp"
	"strings"
	"testing"
)

// TestSeverityIndexLabelOnce checks that the index of severity levels
// shows each level's label once, beside its badge: a level has no
// description, and the row's summary line repeated the label under it
// ("SEV1 Critical" over "Critical", qa9-b #5).
func TestSeverityIndexLabelOnce(t *testing.T) {
	kb := testKB("en", repo)
	page := fileText(t, site(t, kb, testOpts), "severity/index.html")
	rows := map[string]string{} // by level
	for _, m := range regexp.MustCompile(`(?s)<th scope="row"><a class="sev [^"]*" href="[^"]*">([^<]*)</a>(.*?)</th>`).FindAllStringSubmatch(page, -1) {
		rows[m[1]] = m[2]
	}
	for _, s := range kb.Config.Severities {
		row, ok := rows[s.Level]
		switch {
		case !ok:
			t.Errorf("no row of %s", s.Level)
		case s.Label == "":
			t.Errorf("level %s has no label to check", s.Level)
		case strings.Count(row, s.Label) != 1:
			t.Errorf("row of %s shows its label %q %d times: %s", s.Level, s.Label, strings.Count(row, s.Label), row)
		case strings.Contains(row, "row-summary"):
			t.Errorf("row of %s has a summary line: %s", s.Level, row)
		}
	}
}
