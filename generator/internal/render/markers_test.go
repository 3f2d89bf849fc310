package render

import "testing"

// TestNextMarker finds both kinds of marker, numbered and named, and
// passes over text that only looks like one.
func TestNextMarker(t *testing.T) {
	tests := []struct {
		src        string
		start, end int
		n          int
		name       string
	}{
		{`ab<pmkb-rows data-n="12"></pmkb-rows>cd`, 2, 37, 12, ""},
		{`<pmkb-rows data-n="sev"></pmkb-rows>`, 0, 36, -1, "sev"},
		{`<tr data-key="k" pmkb-attrs="who" pmkb-attrs="when">`, 16, 33, -1, "who"},
		{`pmkb-attrs="who"`, -1, -1, -1, ""},                                    // no space before it
		{`<meta name="pmkb-root"> <pmkb-header></pmkb-header>`, -1, -1, -1, ""}, // not list markers
		{` pmkb-attrs="Who" pmkb-attrs=""`, -1, -1, -1, ""},                     // not a name
		{`<pmkb-rows data-n="x1"></pmkb-rows> pmkb-attrs="ok"`, 35, 51, -1, "ok"},
		{`<pmkb-rows data-n="1"> <pmkb-rows data-n="2"></pmkb-rows>`, 23, 57, 2, ""},
		{``, -1, -1, -1, ""},
	}
	for _, tt := range tests {
		start, end, n, name := nextMarker([]byte(tt.src))
		if start != tt.start || end != tt.end || n != tt.n || string(name) != tt.name {
			t.Errorf("nextMarker(%q) = %d, %d, %d, %q; want %d, %d, %d, %q", tt.src, start, end, n, name, tt.start, tt.end, tt.n, tt.name)
		}
	}
}
