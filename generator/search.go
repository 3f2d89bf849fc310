package generator

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/pmkb/pmkb/generator/internal/search"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/termtext"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
)

// SearchOptions say what to search and where the index cache lives.
type SearchOptions struct {
	// Source is the site root.
	Source fs.FS
	// CacheDir holds the on-disk index; it is created when missing and
	// refreshed only for postmortems that changed.
	CacheDir string
	// Query uses the site's search syntax: words (all required), "quoted
	// phrases", prefix*, and severity: system: cause: team: year: filters.
	Query string
	// Limit is the most hits returned; ≤ 0 means all.
	Limit int
	// Drafts indexes drafts too, those without problems, as pmkb serve's
	// search does. Give such a search its own CacheDir: a cache holds one
	// kind of index.
	Drafts bool
}

// SearchResult is the answer to a query, in the JSON shape of
// pmkb search --json.
type SearchResult = search.Result

// Search answers a query from the cached bleve index of the site, ranking
// hits exactly as the site's search page does. Files with errors are not
// indexed (pmkb lint explains the errors), nor drafts unless asked for, nor
// a draft that fails the contract's checks: the preview leaves such a
// draft out until it is fixed (downgradeDrafts), so its search page has
// no hit for it.
func Search(ctx context.Context, opts SearchOptions) (*SearchResult, model.SiteConfig, error) {
	cfg, _, diags := source.LoadConfig(opts.Source)
	if diags.HasErrors() {
		settle(diags) // as every other report: no secret of the config's lines
		return nil, cfg, fmt.Errorf("config has errors:\n%s", diags)
	}
	// The files are listed while the cache is read (OpenCacheListing).
	var listErr error
	list := func() ([]search.Entry, error) {
		paths, fd := source.Files(opts.Source)
		if fd.HasErrors() { // no content/postmortems: nothing to index, no cache to make
			listErr = fmt.Errorf("%s", strings.TrimSpace(fd.String()))
			return nil, listErr
		}
		entries, err := search.Fingerprints(opts.Source, paths)
		listErr = err
		return entries, err
	}
	load := func(changed []string) ([]*model.Postmortem, error) {
		ps := source.NewParser(&cfg)
		var out []*model.Postmortem
		for _, p := range changed {
			data, err := fs.ReadFile(opts.Source, p)
			if err != nil {
				continue
			}
			pm, d := ps.Parse(p, data)
			if pm == nil || d.HasErrors() || pm.Draft() && !opts.Drafts {
				continue
			}
			if pm.Draft() {
				if validate.One(&cfg, pm, d); d.HasErrors() {
					continue
				}
			}
			out = append(out, pm)
		}
		return out, nil
	}
	idx, err := search.OpenCacheListing(opts.CacheDir, &cfg, list, load)
	if listErr != nil {
		return nil, cfg, listErr
	}
	if err != nil {
		return nil, cfg, fmt.Errorf("search index in %s: %w", opts.CacheDir, err)
	}
	defer idx.Close()
	res, err := search.Query(ctx, idx, opts.Query, opts.Limit)
	return res, cfg, err
}

// WriteSearch writes a result as JSON or as text for a terminal, with URLs
// under baseURL.
func WriteSearch(w io.Writer, res *SearchResult, baseURL string, asJSON bool) error {
	if asJSON {
		// The same URL as the text output shows: under the base URL.
		out := *res
		out.Hits = slices.Clone(res.Hits)
		for i := range out.Hits {
			out.Hits[i].URL = baseURL + out.Hits[i].URL
		}
		res = &out
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	if res.Total == 0 {
		_, err := fmt.Fprintf(w, "no postmortem matches \"%s\"\n", termtext.OneLine(res.Query)) // as typed: %q would escape a full-width space
		for _, h := range res.Hints {
			if err == nil {
				_, err = fmt.Fprintf(w, "hint: %s\n", termtext.OneLine(h))
			}
		}
		return err
	}
	for _, h := range res.Hints { // the last word was taken as a prefix
		fmt.Fprintf(w, "hint: %s\n", termtext.OneLine(h))
	}
	for i, h := range res.Hits {
		fmt.Fprintf(w, "%2d. %s  %s  %s\n    %s\n", i+1, termtext.OneLine(h.Date), termtext.OneLine(h.Severity), termtext.OneLine(h.Title), termtext.OneLine(baseURL+h.URL))
		if h.Snippet != "" {
			fmt.Fprintf(w, "    %s\n", termtext.OneLine(h.Snippet))
		}
	}
	shown := len(res.Hits)
	var err error
	switch {
	case shown < res.Total:
		_, err = fmt.Fprintf(w, "%d of %d postmortems\n", shown, res.Total)
	case res.Total == 1:
		_, err = fmt.Fprintln(w, "1 postmortem")
	default:
		_, err = fmt.Fprintf(w, "%d postmortems\n", res.Total)
	}
	return err
}
