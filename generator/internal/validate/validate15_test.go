package validate

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// TestPageNames proves the values a page of the site is named after are
// checked where they are written, so lint and build agree (QA 15 A-F4): an
// id, tag, team, action item owner, or (without a catalog) system or
// cause whose page name is longer than a file system allows, and the id
// index.html, which is the postmortem list's page, passed lint and then
// failed every build with an error that named only an output path.
func TestPageNames(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	long := strings.Repeat("b", 300)
	const shown = `"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb…"`
	for _, tt := range []struct {
		name string
		mod  func(p *model.Postmortem)
		want []string
	}{
		{"names that fit", func(p *model.Postmortem) {
			p.ID = strings.Repeat("i", 255)
			p.Tags, p.Teams = []string{strings.Repeat("t", 190)}, []string{strings.Repeat("チ", 63)}
			p.ActionItems[0].Owner = strings.Repeat("o", 190)
		}, nil},
		{"long id", func(p *model.Postmortem) { p.ID, p.Lines["id"] = long, 2 }, []string{
			`content/postmortems/a.md:2: id ` + shown + ` is 300 bytes long; at most 255, as it names the folder of its page (postmortems/<id>/); set a shorter id:`}},
		{"id index.html", func(p *model.Postmortem) { p.ID, p.Lines["id"] = "index.html", 2 }, []string{
			`content/postmortems/a.md:2: id "index.html" is the name of the page that lists the postmortems (postmortems/index.html), so it cannot be a postmortem's; set id: to another one`}},
		{"file named Index.HTML.md", func(p *model.Postmortem) { p.ID, p.Path = "Index.HTML", "content/postmortems/Index.HTML.md" }, []string{
			`content/postmortems/Index.HTML.md: id "Index.HTML" is the name of the page that lists the postmortems (postmortems/index.html), so it cannot be a postmortem's; rename the file, or set id: in the front matter`}},
		{"long tag and team", func(p *model.Postmortem) {
			p.Tags, p.Teams = []string{"dns", long}, []string{long}
			p.Lines["tags"], p.Lines["tags[1]"], p.Lines["teams"] = 12, 14, 15
		}, []string{
			`content/postmortems/a.md:14: tags: ` + shown + ` is 300 bytes long; at most 190, as the site names the tag's page after it`,
			`content/postmortems/a.md:15: teams: ` + shown + ` is 300 bytes long; at most 190, as the site names the team's page after it`}},
		{"long owner", func(p *model.Postmortem) { p.ActionItems[0].Owner = long }, []string{
			`content/postmortems/a.md:10: action item "1": owner ` + shown + ` is 300 bytes long; at most 190, as the site names the owner's page after it`}},
		{"page name longer than the tag", func(p *model.Postmortem) { p.Tags, p.Lines["tags"] = []string{strings.Repeat("!", 70)}, 12 }, []string{
			`content/postmortems/a.md:12: tags: "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!…" makes the page name "x-21-21-21-21-21-21-21-21-21-21-21-21-21…", 211 bytes long; at most 190, as the site names the tag's page after it`}},
		{"long system and cause", func(p *model.Postmortem) { p.Systems, p.Causes = []string{long}, []string{long} }, []string{
			`content/postmortems/a.md:5: systems: ` + shown + ` is 300 bytes long; at most 190, as the site names the system's page after it`,
			`content/postmortems/a.md:6: causes: ` + shown + ` is 300 bytes long; at most 190, as the site names the cause's page after it`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := &diag.List{}
			One(&cfg, valid(tt.mod), l)
			if got := messages(l); !slices.Equal(got, tt.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
