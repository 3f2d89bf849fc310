package render

import (
	"bytes"
	"cmp"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// nameOrder orders names as a reader of the site's language expects: by
// the language's collation (Unicode's, with CLDR's tailoring for the
// language), with runs of digits compared as numbers. It is what
// assets/table.js does with localeCompare(…, lang, {numeric: true}), so a
// list is in the same order before and after a click on its name column,
// and full- and half-width names ("ＤＮＳ設定", "ﾊﾞｯﾁ処理基盤") sort with
// their plain forms rather than after every other name.
//
// A nameOrder is not safe for concurrent use (nor is its collator): the
// builder keys every name once while it indexes the site, before any page
// is made, and the pages compare the keys.
type nameOrder struct {
	c   *collate.Collator
	buf collate.Buffer
}

// newNameOrder returns the name order of the language tag lang ("en",
// "ja"); a tag collate does not know gets the root collation.
func newNameOrder(lang string) *nameOrder {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Und
	}
	return &nameOrder{c: collate.New(tag, collate.Numeric)}
}

// key returns the sort key of name. Keys stay valid after later calls.
func (o *nameOrder) key(name string) []byte {
	return o.c.KeyFromString(&o.buf, name)
}

// byName is the total order of named things in lists: the collation key
// of the name (see nameOrder), then the name's bytes (names that collate
// alike), then the slug.
func byName(aKey []byte, aName, aSlug string, bKey []byte, bName, bSlug string) int {
	return cmp.Or(bytes.Compare(aKey, bKey), strings.Compare(aName, bName), strings.Compare(aSlug, bSlug))
}
