// Package notify nags: it builds a digest of the action items that are
// overdue or due soon, grouped by owner, turns it into a Slack Block Kit
// message, and posts that to a Slack incoming webhook with retries.
//
// Nothing here reads the clock or the environment: today comes from the
// knowledge base, and the webhook URL and HTTP client from the caller.
package notify

import (
	"cmp"
	"slices"

	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/model"
)

// DefaultSoonDays is how many days ahead "due soon" looks by default.
const DefaultSoonDays = 7

// Digest is what a nag message says: the overdue items and those due within
// SoonDays of Today, grouped by owner.
type Digest struct {
	Today    model.Date
	SoonDays int
	// Overdue and DueSoon count the items in Owners.
	Overdue int
	DueSoon int
	// Owners are sorted by most overdue items, then most items, then owner
	// slug and name.
	Owners []OwnerDigest
}

// OwnerDigest is one owner's part of a digest: overdue items first (longest
// overdue first), then the items due soon by due date.
type OwnerDigest struct {
	// Owner is the owner as most of its items spell it (actions.OwnerLabels).
	Owner   string
	Overdue int
	DueSoon int
	Items   []actions.Row
}

// Empty reports whether nothing is overdue or due soon.
func (d Digest) Empty() bool { return len(d.Owners) == 0 }

// BuildDigest collects the unclosed items of kb that are overdue, or due
// between kb.Today and soonDays days later (both included), as of kb.Today.
// A negative soonDays means DefaultSoonDays; 0 means "due today".
func BuildDigest(kb *model.KnowledgeBase, soonDays int) Digest {
	if soonDays < 0 {
		soonDays = DefaultSoonDays
	}
	d := Digest{Today: kb.Today, SoonDays: soonDays}
	horizon := kb.Today.AddDays(soonDays)
	byOwner := map[string]*OwnerDigest{}
	var order []string
	for _, r := range actions.Rows(kb, actions.Filter{}) {
		soon := !r.Overdue && !r.IsClosed() && !r.Due.IsZero() && !r.Due.Before(kb.Today) && !horizon.Before(r.Due)
		if !r.Overdue && !soon {
			continue
		}
		key := model.Slug(r.Owner)
		od, ok := byOwner[key]
		if !ok {
			od = &OwnerDigest{Owner: r.Owner}
			byOwner[key] = od
			order = append(order, key)
		}
		od.Items = append(od.Items, r)
		if r.Overdue {
			od.Overdue++
			d.Overdue++
		} else {
			od.DueSoon++
			d.DueSoon++
		}
	}
	// An owner spelt several ways is named as most of its items spell it,
	// as on the site's owner pages.
	labels := actions.OwnerLabels(kb)
	for _, key := range order {
		od := byOwner[key]
		od.Owner = labels[key]
		actions.SortUrgent(od.Items)
		d.Owners = append(d.Owners, *od)
	}
	slices.SortFunc(d.Owners, func(a, b OwnerDigest) int {
		return cmp.Or(
			cmp.Compare(b.Overdue, a.Overdue),
			cmp.Compare(len(b.Items), len(a.Items)),
			cmp.Compare(model.Slug(a.Owner), model.Slug(b.Owner)),
			cmp.Compare(a.Owner, b.Owner),
		)
	})
	return d
}
