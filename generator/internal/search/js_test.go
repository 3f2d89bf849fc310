package search

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"
)

// TestSearchJSBuildsNoHTML keeps search.js to DOM nodes and textContent:
// no API that parses a string as HTML may appear in it at all.
func TestSearchJSBuildsNoHTML(t *testing.T) {
	src, err := os.ReadFile(searchJS)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|\beval\(|new Function`)
	if m := re.FindAll(src, -1); len(m) > 0 {
		t.Errorf("search.js uses %q", m)
	}
}

// TestWithoutFilterKeepsExclusion checks the query search.js leaves when a
// facet's box is unticked (withoutFilter): the filter words naming the
// value go, an excluded one stays, written with a minus or after a NOT
// (review: unticking SEV1 turned "dns NOT severity:SEV1" into "dns NOT",
// losing the exclusion), and a NOT that is itself excluded excludes
// nothing, as splitQuery reads it.
func TestWithoutFilterKeepsExclusion(t *testing.T) {
	tests := []struct{ q, want string }{
		{"dns severity:SEV1", "dns"},
		{"dns severity:sev1  severity:SEV2", "dns severity:SEV2"},
		{"dns -severity:SEV1", "dns -severity:SEV1"},
		{"dns NOT severity:SEV1", "dns NOT severity:SEV1"},
		{"dns NOT severity:SEV1 severity:SEV1", "dns NOT severity:SEV1"},
		{"NOT dns severity:SEV1", "NOT dns"},
		{"dns NOT NOT severity:SEV1", "dns NOT NOT"},
		{"dns not severity:SEV1", "dns not"},               // only a capital NOT excludes
		{"dns ＮＯＴ severity:SEV1", "dns ＮＯＴ severity:SEV1"}, // in full width too (QA 14 B-F8)
	}
	var qs []string
	for _, tt := range tests {
		qs = append(qs, tt.q)
	}
	in, err := json.Marshal(qs)
	if err != nil {
		t.Fatal(err)
	}
	out := runNode(t, `const v = {value: 'SEV1', label: 'SEV1', key: pmkb.facetKey('severity', 'SEV1'), labelKey: null};
process.stdout.write(JSON.stringify(JSON.parse(input).map(q => pmkb.withoutFilter(q, 'severity', v))));`, in)
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		if got[i] != tt.want {
			t.Errorf("withoutFilter(%q, severity, SEV1) = %q, want %q", tt.q, got[i], tt.want)
		}
	}
}
