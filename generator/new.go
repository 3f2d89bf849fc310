package generator

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/scaffold"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// NewOptions describe a postmortem to start.
type NewOptions struct {
	// Title is the one-line summary; required.
	Title string
	// Lang is the language of the template; "" is the site's language.
	// Only a language with a template is accepted (en, ja, or one the site
	// adds as templates/postmortem.<lang>.md).
	Lang string
	// Severity names one of the site's levels, by the level or its label,
	// in any case or width ("sev1", "Critical"); "" is SEV3, or
	// the least severe level of a site without SEV3.
	Severity string
	// Date is the day the incident started; when zero, the date of Clock
	// in the site's timeZone (one of the two is required).
	Date model.Date
	// Clock is the caller's current instant.
	Clock time.Time
	// ID is the postmortem's id and file name; "" makes one from the date
	// and the title. An id that starts with a day (YYYY-MM-DD) gives the
	// date when Date is zero, and must agree with Date otherwise.
	ID string
}

// NewResult is a new postmortem: its path under content/postmortems/<yyyy>/,
// its bytes, its id, date and language, whether the id keeps little of the
// title (SlugLossy: a title of emoji), when a hint to choose an id helps,
// and the file that had the id the title gives (TakenBy), when the id is
// the next free one.
type NewResult = scaffold.Result

// idDay returns the day an id starts with (2024-03-01-x: 2024-03-01), as
// lint reads a file name's day (dates/file-name), and false when it starts
// with none. An id that starts with digits in the shape of a day that is
// none (2024-02-30-x, 2024-13-01-x) is an error: its day is a typo, and
// taken as no day it dated the postmortem today, in this year's folder,
// without a word (QA 15 D-F7), while --date 2024-02-30 is refused.
func idDay(id string) (model.Date, bool, error) {
	id = strings.TrimSpace(id)
	if len(id) < 10 {
		return model.Date{}, false, nil
	}
	d, err := model.ParseDate(id[:10])
	if err == nil {
		return d, true, nil
	}
	if !dayShaped(id[:10]) {
		return model.Date{}, false, nil
	}
	year, _ := strconv.Atoi(id[:4]) // digits: dayShaped
	month, _ := strconv.Atoi(id[5:7])
	why := "a month is 01 to 12"
	if 1 <= month && month <= 12 {
		m := time.Month(month)
		why = fmt.Sprintf("%s %04d has %d days", m, year, time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day())
	}
	return model.Date{}, false, fmt.Errorf("the id %q starts with %s, which is not a day (%s); correct the day, or start the id with a letter", id, id[:10], why)
}

// dayShaped reports whether s is written as a YYYY-MM-DD day: four digits,
// a hyphen, two digits, a hyphen and two digits.
func dayShaped(s string) bool {
	if len(s) != 10 {
		return false
	}
	for i := range len(s) {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return false
			}
		} else if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// NewPostmortem renders a new postmortem from the site's template
// (templates/postmortem.md, templates/postmortem.<lang>.md) or the theme's
// archetype, in the site's language and with its severity levels (read
// from the site's config). The path is free in site: an id that is taken
// is an error when it was given or the same title made it (see
// scaffold.New). The caller must still refuse to overwrite when writing.
// The config's problems are returned as diagnostics (paths relative to
// site); when one is an error, so is err (wrapping ErrContent), and there
// is no postmortem.
func NewPostmortem(site, theme fs.FS, opts NewOptions) (NewResult, *diag.List, error) {
	theme = themes.Overlay(theme)
	cfg, _, diags := source.LoadConfig(site)
	settle(diags)
	if diags.HasErrors() {
		errs := "errors"
		if diags.Errors() == 1 {
			errs = "error"
		}
		return NewResult{}, diags, fmt.Errorf("%w: the site's config has %d %s", ErrContent, diags.Errors(), errs)
	}
	var systems, causes []string
	for _, s := range cfg.Systems {
		systems = append(systems, s.Slug)
	}
	for _, c := range cfg.Causes {
		causes = append(causes, c.Slug)
	}
	date := opts.Date
	named, ok, err := idDay(opts.ID)
	if err != nil {
		return NewResult{}, diags, err
	}
	if ok {
		// The file name's day is its date: for lint (dates/file-name):
		// an id for an old incident files it under its own day and year.
		if !date.IsZero() && date != named {
			return NewResult{}, diags, fmt.Errorf("the id %q starts with the day %s, but the date given is %s; make them agree, or give only one of them",
				strings.TrimSpace(opts.ID), named, date)
		}
		date = named
	}
	date = siteToday(date, model.Date{}, opts.Clock, false, cfg.TimeZone)
	res, err := scaffold.New(site, theme, scaffold.Options{
		Title: opts.Title, Lang: opts.Lang, Severity: opts.Severity, Date: date, ID: opts.ID,
		SiteLang: cfg.Language, Severities: cfg.Severities, Systems: systems, Causes: causes, TimeZone: cfg.TimeZone,
	})
	return res, diags, err
}
