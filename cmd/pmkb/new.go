package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pmkb/pmkb/generator"
)

func runNew(_ context.Context, e *env, args []string) int {
	f := newFlags(e, "new", "[flags] \"Title\"", "Start a postmortem from the template: every field with a comment, and the blameless sections.")
	source := f.String("source", ".", "site root: the folder with pmkb.toml and content/")
	lang := f.String("lang", "", "language of the postmortem: one with a template (en, ja, or one of the site's templates/postmortem.LANG.md)\n(default: the site's language, from pmkb.toml)")
	severity := f.String("severity", "", "one of the site's severity levels, or its label: SEV1 or Critical\n(default SEV3, or the site's least severe level when it has no SEV3)")
	id := f.String("id", "", "the postmortem's id and file name, e.g. 2026-11-27-payment-certificate-expired; a day it starts with\nis the date (--date, if given too, must be that day) (default: the date and the title's words)")
	var date dateFlag
	f.Var(&date, "date", "day the incident started, YYYY-MM-DD (default: the day --id starts with, else today)")
	pos, code, ok := f.parse(args)
	if !ok {
		return code
	}
	*source = siteSource(f, *source)
	if code, ok := e.sourceNotAFile(*source); !ok {
		return code
	}
	if given(f, "source") {
		// An explicit --source is a site, or a folder to start one in;
		// a typo must not start one in a new folder, nor a site's
		// content folder one inside the site (QA 14 A-F20). As Hugo's
		// new refuses a missing site; the current folder, which exists,
		// still starts one.
		if _, err := os.Stat(*source); errors.Is(err, fs.ErrNotExist) {
			return e.usageErrorf("--source %s does not exist; pmkb new starts a site only in a folder that exists (mkdir it first, or check the path)", *source)
		}
		if root, ok := siteOfContent(*source); ok && !isSiteRoot(*source) {
			return e.usageErrorf("--source %s is inside the content folder of the site %s; pass --source %s", *source, root, root)
		}
	}
	if len(pos) == 0 {
		return e.usageErrorf("new needs a title: pmkb new \"Checkout API returned 503\"")
	}
	res, diags, err := generator.NewPostmortem(os.DirFS(*source), nil, generator.NewOptions{
		Title: strings.Join(pos, " "), Lang: *lang, Severity: *severity, Date: date.d, Clock: e.now(), ID: *id})
	e.printDiagnostics(diags, *source)
	if errors.Is(err, generator.ErrContent) {
		fmt.Fprintf(e.stderr, "pmkb: %v; fix it first\n", err)
		return exitContent
	}
	if err != nil {
		return e.usageErrorf("%v", err)
	}
	rel, data := res.Path, res.Data
	path := filepath.Join(*source, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fmt.Fprintf(e.stderr, "pmkb: %v\n", err)
		return exitContent
	}
	// O_EXCL: never overwrite, even if the file appeared after the check.
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return e.usageErrorf("%s exists already; not overwriting it", path)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "pmkb: %v\n", err)
		return exitContent
	}
	if _, err := file.Write(data); err != nil {
		file.Close()
		fmt.Fprintf(e.stderr, "pmkb: %v\n", err)
		return exitContent
	}
	if err := file.Close(); err != nil {
		fmt.Fprintf(e.stderr, "pmkb: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(e.stdout, "created %s\n", path)
	if res.TakenBy != "" {
		fmt.Fprintf(e.stderr, "note: %s has the id the title gives, so this postmortem is %s\n", res.TakenBy, res.ID)
	}
	if res.SlugLossy {
		fmt.Fprintf(e.stderr, "hint: the id %q keeps little of the title; for a readable URL, rename the file to a few words of the title (%s-….md: its name is the id; Japanese letters are fine), or pass --id next time\n", res.ID, res.Date)
	}
	fmt.Fprintln(e.stderr, "fill in the TODOs, then check it with: pmkb lint "+path)
	return exitOK
}

// siteOfContent returns the site whose content/ folder holds the folder
// dir (content/, content/postmortems/, a year folder), as a path like dir
// (its parent, grandparent, …): pmkb new there would start a site inside
// the site.
func siteOfContent(dir string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for up := filepath.Dir(abs); ; up = filepath.Dir(up) {
		rel, err := filepath.Rel(up, abs)
		if err != nil {
			return "", false
		}
		if rel == "content" || strings.HasPrefix(rel, "content"+string(filepath.Separator)) {
			if st, err := os.Stat(filepath.Join(up, "content", "postmortems")); err == nil && st.IsDir() {
				// up, written as dir is: dir and a ".." per folder of rel.
				ups := strings.Repeat(".."+string(filepath.Separator), strings.Count(rel, string(filepath.Separator))+1)
				return filepath.Join(dir, ups), true
			}
		}
		if filepath.Dir(up) == up {
			return "", false
		}
	}
}
