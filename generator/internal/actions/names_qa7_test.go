package actions

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/model"
)

// japaneseNamesKB is the fixture with Japanese owners and teams typed in
// the ways people type them: with and without a space (half- or
// full-width) between family and given name, in half-width katakana, in
// full-width Latin letters.
func japaneseNamesKB() *model.KnowledgeBase {
	pms := actionstest.Postmortems()
	owners := []string{"佐藤花子", "伊藤", "田中太郎", "田中 太郎", "田中　太郎", "ｻｲﾄｳ", "サイトウ", "佐藤花子"}
	i := 0
	for _, p := range pms {
		for j := range p.ActionItems {
			p.ActionItems[j].Owner = owners[i%len(owners)]
			i++
		}
	}
	pms[0].Teams = []string{"ＳＲＥチーム", "決済チーム"}
	pms[1].Teams = []string{"sreチーム"}
	pms[2].Teams = []string{"SRE チーム"}
	return model.New(model.DefaultSiteConfig(), actionstest.Today, pms)
}

// TestJapaneseNamesAreOnePerson checks that an owner written with or
// without a space, or in another width, is one person with one label, and
// that filters and their did-you-mean fold the same way; a family name
// suggests the person it starts, not a name one edit away (QA round 7, #13).
func TestJapaneseNamesAreOnePerson(t *testing.T) {
	kb := japaneseNamesKB()
	labels := OwnerLabels(kb)
	var got []string
	for slug := range labels {
		got = append(got, slug)
	}
	want := []string{"サイトウ", "伊藤", "佐藤花子", "田中太郎"}
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("owner slugs (-want +got):\n%s", diff)
	}
	if n := len(Rows(kb, Filter{Owner: "田中太郎"})); n != 3 {
		t.Errorf("--owner 田中太郎: %d items, want the 3 of every spelling", n)
	}
	if n := len(Rows(kb, Filter{Owner: "サイトウ"})); n != 2 {
		t.Errorf("--owner サイトウ: %d items, want 2 (ｻｲﾄｳ too)", n)
	}
	for _, tt := range []struct {
		f    Filter
		want string // "" for no error
	}{
		{Filter{Owner: "田中太郎"}, ""},
		{Filter{Owner: "田中　太郎"}, ""},
		{Filter{Owner: "サイトウ"}, ""},
		{Filter{Owner: "ｻｲﾄｳ"}, ""},
		{Filter{Team: "SREチーム"}, ""},
		{Filter{Team: "ｓｒｅ チーム"}, ""},
		{Filter{Owner: "佐藤"}, `no action item has owner "佐藤"; did you mean "佐藤花子"?`},
		{Filter{Owner: "佐藤華子"}, `no action item has owner "佐藤華子"; did you mean "佐藤花子"?`},
		{Filter{Owner: "田中"}, `no action item has owner "田中"; did you mean "田中 太郎"?`},
		{Filter{Owner: "ｻｲ"}, `no action item has owner "ｻｲ"; did you mean "サイトウ"?`},
		{Filter{Team: "決済"}, `no postmortem has team "決済"; did you mean "決済チーム"?`},
		{Filter{Team: "ＳＲＥ"}, `no postmortem has team "ＳＲＥ"; did you mean "SRE チーム"?`},
	} {
		err := tt.f.Check(kb)
		if got := errString(err); got != tt.want {
			t.Errorf("Check(%+v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
