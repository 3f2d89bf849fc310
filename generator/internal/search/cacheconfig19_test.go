package search

import (
	"testing"
	"time"
)

// TestCacheRebuiltForConfigTheLoaderReads: the cache was kept when the
// config changed how the Loader reads a file, so a search answered from
// files read under the old maxFileBytes (a file the note said was too
// large stayed unread after the limit was raised) or the old timeZone
// (a day's incidents in the old zone's order) (QA 19 C-F1, C-F2). Each of
// these settings now makes the next open read every file again, as does
// another build of pmkb, and an unchanged config reads none.
func TestCacheRebuiltForConfigTheLoaderReads(t *testing.T) {
	kb, _ := corpusKB(t, 12)
	defer func(b func() string) { pmkbBuild = b }(pmkbBuild)
	pms := kb.Postmortems
	for _, c := range []struct {
		name   string
		change func()
	}{
		{"maxFileBytes", func() { kb.Config.MaxFileBytes = 123456 }},
		{"timeZone", func() { kb.Config.TimeZone = time.FixedZone("UTC+9", 9*3600) }},
		{"language", func() { kb.Config.Language = "ja" }},
		{"unsafeHTML", func() { kb.Config.UnsafeHTML = !kb.Config.UnsafeHTML }},
		{"baseURL", func() { kb.Config.BaseURL = "https://pm.example.com/kb/" }},
		// Which files hold a secret, left out of the index (QA 20 A-F1).
		{"lint allow list", func() { kb.Config.LintAllow = append(kb.Config.LintAllow, "f8e02e252e9a") }},
		{"lint grades", func() { kb.Config.LintRules = map[string]string{"secret/aws-access-key": "off"} }},
		// Another build of pmkb may read the same files differently
		// (QA 19 C-F3).
		{"pmkb's build", func() { pmkbBuild = func() string { return "another build" } }},
	} {
		dir := t.TempDir()
		open := func() int {
			t.Helper()
			l := newKBLoader(pms)
			ix, err := OpenCache(dir, &kb.Config, entriesOf(pms, "a"), l.load)
			if err != nil {
				t.Fatal(err)
			}
			ix.Close()
			return len(l.asked)
		}
		open()
		if n := open(); n != 0 {
			t.Fatalf("%s: the same config read %d files again", c.name, n)
		}
		c.change()
		if n := open(); n != len(pms) {
			t.Errorf("after a change of %s the cache read %d of %d files", c.name, n, len(pms))
		}
	}
}
