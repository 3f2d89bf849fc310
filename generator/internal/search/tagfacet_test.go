package search

import (
	"encoding/json"
	"slices"
	"testing"
)

// TestTagFacetFoldsCase checks that the Tag facet lists a tag written in
// several cases once (qa6 #9: "PgBouncer (1) pgbouncer (2)"), labelled as
// most postmortems write it, with every postmortem of every spelling, so
// that ticking it filters them all, as tag: does.
func TestTagFacetFoldsCase(t *testing.T) {
	kb := browserKB()
	tags := map[string][]string{
		"2024-03-14-checkout-cert":    {"PgBouncer", "TLS"},
		"2023-11-02-gateway-certs":    {"pgbouncer"},
		"2024-05-01-dns-overload":     {"pgbouncer", "PgBouncer", "Tls"},
		"2024-06-10-kessai-shomeisho": {"postgres"},
	}
	for _, p := range kb.Postmortems {
		p.Tags = tags[p.ID]
	}
	files, err := Export(kb)
	if err != nil {
		t.Fatal(err)
	}
	var facets map[string][][]string
	for _, f := range files {
		if f.Path == "search/facets.json" {
			if err := json.Unmarshal(unstamp(f.Data), &facets); err != nil {
				t.Fatal(err)
			}
		}
	}
	type entry struct {
		value, label string
		docs         int
	}
	var got []entry
	for _, v := range facets["tag"] {
		got = append(got, entry{v[0], v[1], len(decodeInts(v[2]))})
	}
	// pgbouncer: 2 postmortems write it so, 2 PgBouncer (one both);
	// TLS and Tls: one each, the tie goes to the first in byte order.
	want := []entry{{"PgBouncer", "PgBouncer", 3}, {"postgres", "postgres", 1}, {"TLS", "TLS", 2}}
	if !slices.Equal(got, want) {
		t.Errorf("tag facet = %v, want %v", got, want)
	}

	tags["2024-06-10-kessai-shomeisho"] = []string{"pgbouncer"}
	for _, p := range kb.Postmortems {
		p.Tags = tags[p.ID]
	}
	files, err = Export(kb)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == "search/facets.json" {
			if err := json.Unmarshal(unstamp(f.Data), &facets); err != nil {
				t.Fatal(err)
			}
		}
	}
	if v := facets["tag"][0]; v[0] != "pgbouncer" || v[1] != "pgbouncer" || len(decodeInts(v[2])) != 4 {
		t.Errorf("with 3 postmortems writing pgbouncer: first tag entry %q, want pgbouncer with 4 documents", v)
	}
	// Ticking the entry filters by its value: every spelling matches.
	res := jsSearch(t, writeFiles(t, files), []jsQuery{{Q: "", Filters: map[string][]string{"tag": {facets["tag"][0][0]}}}}, 10)
	if res[0].Total != 4 {
		t.Errorf("search.js with the facet's value as tag filter: %d postmortems %v, want 4", res[0].Total, res[0].IDs)
	}
}
