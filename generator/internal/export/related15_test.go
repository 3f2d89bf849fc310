package export

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/model"
)

// TestAPIRelatedNamesOnlyBuiltPostmortems is QA 15 C-F7: a related: id
// that names a postmortem the build left out (a draft of an internal
// build without --drafts) was listed in api/postmortems.json, an id no
// entry of the API and no page has. The API's related lists, in the order
// written, only the ids of postmortems in the knowledge base, as a page's
// related incidents do (model.KnowledgeBase.RelatedOf), in both the
// streamed file and the encoding/json document.
func TestAPIRelatedNamesOnlyBuiltPostmortems(t *testing.T) {
	const (
		dns  = "2024-04-20-dns"
		cert = "2024-03-14-checkout-cert"
		left = "2024-04-30-left-out-draft"
	)
	for _, c := range []struct {
		name    string
		related []string
		want    []string
	}{
		{"all built", []string{cert}, []string{cert}},
		{"one left out", []string{left, cert}, []string{cert}},
		{"only left out", []string{left}, []string{}},
		{"none", nil, []string{}},
	} {
		pms := actionstest.Postmortems()
		for i, p := range pms {
			if p.ID == dns {
				q := *p
				q.Related = c.related
				pms[i] = &q
			}
		}
		kb := model.New(actionstest.KB("https://kb.example.com/").Config, actionstest.Today, pms)
		data := files(t, kb, opts)[PostmortemsAPIPath]
		var doc APIIndex
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		for _, idx := range []APIIndex{doc, postmortemsIndex(kb, newSite(kb, opts.Generator))} {
			for _, p := range idx.Postmortems {
				if p.ID == dns && (!slices.Equal(p.Related, c.want) || p.Related == nil) {
					t.Errorf("%s: related %q = %#v, want %q", c.name, c.related, p.Related, c.want)
				}
			}
		}
		if bytes.Contains(data, []byte(left)) {
			t.Errorf("%s: %s names %s, which the knowledge base lacks", c.name, PostmortemsAPIPath, left)
		}
	}
}
