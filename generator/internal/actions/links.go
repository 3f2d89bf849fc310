package actions

import (
	"strings"

	"github.com/pmkb/pmkb/generator/model"
)

// SiteBase is the base URL every link of the site's exports starts with:
// the config's baseURL (percent-encoded when the config was read) ending
// in "/", or "/" when there is none.
func SiteBase(cfg *model.SiteConfig) string {
	base := strings.TrimSpace(cfg.BaseURL)
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base
}

// ItemURL is the URL of the row of the action item itemID on the page of
// its postmortem, under base (SiteBase): the link of the overdue feed,
// actions.ics and the Slack digest, "…/postmortems/<id>/#item-<item id>",
// each part percent-encoded.
func ItemURL(base, postmortem, itemID string) string {
	return base + model.EscapePath(model.PostmortemPath(postmortem)) + "#" + model.ActionAnchor(itemID)
}

// TeamLabels returns the name of every team of kb's postmortems, by
// model.Slug of the team, as the site names its team page: teams spelt
// alike but for case, punctuation, width or a space next to kanji or kana
// ("payments", "Payments") are one page, named as the first postmortem in
// knowledge-base order (newest first) spells it.
func TeamLabels(kb *model.KnowledgeBase) map[string]string {
	labels := map[string]string{}
	slugs := slugMemo{}
	for _, p := range kb.Postmortems {
		for _, t := range p.Teams {
			if s := slugs.of(t); labels[s] == "" {
				labels[s] = t
			}
		}
	}
	return labels
}

// siteLinks fills in the fields of rows that say how the site names and
// links an item, its owner and its teams (Row.URL and after).
type siteLinks struct {
	base   string
	owners map[string]string // owner label by slug (OwnerLabels)
	teams  map[string]string // team name by slug (TeamLabels)
	slugs  slugMemo
	// ownerPages and teamPages memoise the URLs of the pages of owners
	// and teams by their name as written.
	ownerPages, teamPages map[string]string
	// last is the postmortem of the row filled last, with its page's URL
	// and its teams' names and URLs, which the rows of its other items
	// share: a postmortem's items come one after another.
	last                 string
	lastPage             string
	lastNames, lastTeams []string
}

func newSiteLinks(kb *model.KnowledgeBase) *siteLinks {
	return &siteLinks{base: SiteBase(&kb.Config), owners: OwnerLabels(kb), teams: TeamLabels(kb),
		slugs: slugMemo{}, ownerPages: map[string]string{}, teamPages: map[string]string{}}
}

// page is the URL of the page path(name), memoised in memo.
func (l *siteLinks) page(memo map[string]string, path func(string) string, name string) string {
	u, ok := memo[name]
	if !ok {
		u = l.base + model.EscapePath(path(name))
		memo[name] = u
	}
	return u
}

// fill sets r's URL, OwnerName, OwnerURL, TeamNames and TeamURLs. An item
// without an owner (as a public build has them) has no owner page: its
// OwnerName and OwnerURL stay "".
// The rows of one postmortem share their TeamNames and TeamURLs.
func (l *siteLinks) fill(r *Row) {
	if r.Postmortem != l.last || l.lastPage == "" {
		l.last, l.lastPage = r.Postmortem, l.base+model.EscapePath(model.PostmortemPath(r.Postmortem))
		l.lastNames, l.lastTeams = nil, nil
		if len(r.Teams) > 0 {
			l.lastNames, l.lastTeams = make([]string, len(r.Teams)), make([]string, len(r.Teams))
			for i, t := range r.Teams {
				l.lastNames[i] = l.teams[l.slugs.of(t)]
				l.lastTeams[i] = l.page(l.teamPages, model.TeamPath, t)
			}
		}
	}
	r.URL = l.lastPage + "#" + model.ActionAnchor(r.ID) // ItemURL
	r.TeamNames, r.TeamURLs = l.lastNames, l.lastTeams
	if r.Owner != "" {
		r.OwnerName = l.owners[l.slugs.of(r.Owner)]
		r.OwnerURL = l.page(l.ownerPages, model.OwnerPath, r.Owner)
	}
}
