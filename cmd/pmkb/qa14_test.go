package main

import (
	"strings"
	"testing"
)

// TestNewWritesTheSiteZone proves pmkb new names the site's timeZone
// above the timeline, in both templates (QA 14 A-F2: a Tokyo site got
// "All times UTC." and a UTC site "時刻はすべて JST。").
func TestNewWritesTheSiteZone(t *testing.T) {
	for _, tt := range []struct {
		config string
		args   []string
		want   []string
	}{
		{"", []string{"Disk full"}, []string{"\nAll times UTC.\n", "e.g. 2026-11-27T09:12:00Z;"}},
		{"", []string{"--lang", "ja", "決済障害"}, []string{"\n時刻はすべて UTC。\n"}},
		{"timeZone = \"Asia/Tokyo\"\n", []string{"Tz test two"}, []string{"\nAll times JST (Asia/Tokyo).\n", "e.g. 2026-11-27T09:12:00+09:00;"}},
		{"timeZone = \"Asia/Tokyo\"\nlanguage = \"ja\"\n", []string{"決済障害"}, []string{"\n時刻はすべて JST（Asia/Tokyo）。\n"}},
	} {
		root := site(t, map[string]string{"pmkb.toml": tt.config})
		code, out, errOut := pmkb(t, append([]string{"new", "--source", root}, tt.args...)...)
		if code != 0 {
			t.Errorf("%q %q: exit %d\n%s", tt.config, tt.args, code, errOut)
			continue
		}
		data := readCreated(t, out)
		for _, w := range tt.want {
			if !strings.Contains(data, w) {
				t.Errorf("%q %q: want %q in\n%s", tt.config, tt.args, w, data)
			}
		}
	}
}
