package generator

import (
	"context"
	"slices"

	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// File is one file of a built site.
type File = output.File

// PublishOptions say how to publish a site to a folder.
type PublishOptions = output.Options

// PublishResult counts what publishing did.
type PublishResult = output.Result

// ErrPublish is matched (errors.Is) by the errors of publishing that come
// from the file system, not from the site (a folder that cannot be
// written or renamed, a full disk, a damaged .pmkb-manifest); the
// destination is left as it was. Publishing inside the destination (a
// mount point, a parent folder that may not be written), a failure
// half-way moves back what was moved; only if that fails too does the
// error say the destination holds parts of both builds.
var ErrPublish = output.ErrIO

// ErrPublishMixed is matched (errors.Is), with ErrPublish, when a build
// that failed half-way publishing inside the destination could not move
// back what it had moved: the destination holds parts of both builds
// until the next build.
var ErrPublishMixed = output.ErrMixed

// ErrPublishConflict is matched (errors.Is) by the error of publishing to
// a destination that holds files pmkb did not write where the site puts
// its own (without PublishOptions.Clean): the destination is refused and
// left as it was.
var ErrPublishConflict = output.ErrConflict

// CheckBaseURL reports whether s can be a site's base URL (Options.BaseURL,
// baseURL in the config): an http(s) URL with a host, or an absolute path.
func CheckBaseURL(s string) error { return source.CheckBaseURL(s) }

// ConfigFiles returns the names a site's config file may have, in the
// order Load looks for them.
func ConfigFiles() []string { return slices.Clone(source.ConfigFiles) }

// CheckDestination rejects destinations that would overwrite the source,
// the content, the home folder or the file-system root, an existing path
// that is not a folder, and the system folders (/tmp, /var, /usr, /etc,
// /srv, /opt, /home) themselves; with opts.Clean also the folders right
// inside those (/var/www), and, without opts.Force, a folder pmkb never
// built (one with no .pmkb-manifest holding files other than dotfiles) or
// one whose .pmkb-manifest records entries that were there before pmkb
// first published in it while any of them is still there.
func CheckDestination(dest string, opts PublishOptions) error {
	return output.CheckDestination(dest, opts)
}

// Publish writes the site's files to dest: the previous site stays
// complete until the new one is, files pmkb did not create are kept
// (unless opts.Clean), and stale files of the previous build are removed.
// The new site replaces dest in one step, except where dest is a mount
// point or its parent folder may not be written: there its top-level
// entries are moved in one at a time, and a reader may see both sites for
// that moment (see ErrPublish for a failure half-way).
func Publish(dest string, files []File, opts PublishOptions) (PublishResult, error) {
	return output.Write(dest, files, opts)
}

// BuildAndPublish builds the site and publishes it to dest as Publish
// does, writing each file into the staging folder as soon as it is made,
// so that the site never has to fit in memory and writing overlaps
// rendering. Content errors are found before anything is written; on any
// error dest is left as it was (see ErrPublish), also when ctx is
// cancelled (Ctrl-C): the build stops at the next file and nothing is
// published. A published site whose previous files could not all be
// deleted is a success with PublishResult.Warning. The last progress
// stage is "publish": the swap, or the moves inside dest, once every file
// is written. What only loading reads is released once the postmortems
// are loaded (see dropLoadOnly): the Site's KB has no Markdown bodies and
// no field lines.
func BuildAndPublish(ctx context.Context, opts Options, dest string, popts PublishOptions) (*Site, PublishResult, error) {
	kb, site, err := Load(opts)
	if err != nil {
		return site, PublishResult{}, err
	}
	opts.progress("load", len(kb.Postmortems))
	dropLoadOnly(kb)
	st, err := output.Begin(ctx, dest, popts)
	if err != nil {
		return site, PublishResult{}, err
	}
	defer st.Abort()
	opts.putWrites = true // Stage.Put writes the file before it returns
	if err := renderInto(ctx, kb, site, opts, st.Put); err != nil {
		return site, PublishResult{}, err
	}
	if err := ctx.Err(); err != nil { // cancelled after the last file
		return site, PublishResult{}, err
	}
	res, err := st.Commit()
	if err != nil {
		return site, res, err
	}
	opts.progress("publish", res.Written+res.Unchanged)
	return site, res, nil
}

// dropLoadOnly releases what only Load reads, the postmortems' Markdown
// (their HTML and text stay) and the file lines of their fields and
// action items (for Load's diagnostics), so that a one-shot build does
// not hold them through rendering: ~30 MB at 10,000 postmortems, which
// every collection of the pages stage would otherwise scan. It runs after
// the "load" progress stage, whose callback in pmkb build sizes the
// memory limit from the loaded site. A Session keeps them: its next build
// reports problems at their lines.
func dropLoadOnly(kb *model.KnowledgeBase) {
	for _, p := range kb.Postmortems {
		p.Body = ""
		p.Lines = nil
		for i := range p.ActionItems {
			p.ActionItems[i].Lines = nil
		}
	}
}
