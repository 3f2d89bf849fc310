package generator

import (
	"context"
	"io"
	"io/fs"
	"net/http"

	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/internal/notify"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// ActionFilter selects action items (status, owner, team, system, kind,
// overdue); zero fields match everything.
type ActionFilter = actions.Filter

// ActionFormats are the formats WriteActions knows.
var ActionFormats = actions.Formats

// WriteActions writes the action items of kb that match f, most urgent
// first, as a table fitted to width (0: no limit), JSON or CSV. It returns
// how many items it wrote and how many of them are overdue. A filter value
// that can select nothing (an unknown status or kind, an owner, team or
// system that kb does not name) is an error, before anything is written:
// see ActionFilter.Check.
func WriteActions(w io.Writer, kb *model.KnowledgeBase, f ActionFilter, format string, width int) (n, overdue int, err error) {
	if err := f.Check(kb); err != nil {
		return 0, 0, err
	}
	rows := actions.Rows(kb, f)
	actions.SortUrgent(rows)
	for _, r := range rows {
		if r.Overdue {
			overdue++
		}
	}
	return len(rows), overdue, actions.Write(w, format, rows, width)
}

// NotifyOptions configure a Slack digest of overdue and soon-due items.
type NotifyOptions struct {
	// Webhook is the Slack incoming-webhook URL.
	Webhook string
	// SoonDays is how far ahead "due soon" looks.
	SoonDays int
	// SiteURL is the published site's absolute URL for links ("" for none).
	SiteURL string
	// DryRun writes the payload to Out instead of posting it.
	DryRun bool
	Out    io.Writer
	// Client posts the message; nil means http.DefaultClient.
	Client *http.Client
	// Theme is the site's theme folder, over the built-in theme, whose UI
	// strings in the site's language the message says; nil means the
	// built-in theme.
	Theme fs.FS
}

// Notify builds the digest of kb's overdue and soon-due action items,
// grouped by owner, and posts it to Slack (retrying on 429 and 5xx), or
// writes it to opts.Out on a dry run. It returns how many items the digest
// holds; an empty digest is neither posted nor written, on a dry run as in
// a real one, so the dry run previews exactly what would arrive.
func Notify(ctx context.Context, kb *model.KnowledgeBase, opts NotifyOptions) (items int, err error) {
	d := notify.BuildDigest(kb, opts.SoonDays)
	if d.Empty() {
		return 0, nil
	}
	items = d.Overdue + d.DueSoon
	words, err := render.LoadWords(themes.Overlay(opts.Theme), kb.Config.Language)
	if err != nil {
		return items, err
	}
	payload, err := notify.SlackPayload(d, opts.SiteURL, words)
	if err != nil {
		return items, err
	}
	if opts.DryRun {
		_, err := opts.Out.Write(payload)
		return items, err
	}
	s := &notify.Sender{Client: opts.Client}
	return items, s.Post(ctx, opts.Webhook, payload)
}
