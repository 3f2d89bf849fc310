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
	lang := f.String("lang", "en", "language of the postmortem: en or ja")
	severity := f.String("severity", "SEV3", "severity level")
	var date dateFlag
	f.Var(&date, "date", "day the incident started, YYYY-MM-DD (default today)")
	pos, code, ok := f.parse(args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		return e.usageErrorf("new needs a title: pmkb new \"Checkout API returned 503\"")
	}
	if date.d.IsZero() {
		date.d = clockToday(e)
	}
	rel, data, err := generator.NewPostmortem(os.DirFS(*source), nil, generator.NewOptions{
		Title: strings.Join(pos, " "), Lang: *lang, Severity: *severity, Date: date.d})
	if err != nil {
		return e.usageErrorf("%v", err)
	}
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
	fmt.Fprintln(e.stderr, "fill in the TODOs, then check it with: pmkb lint "+path)
	return exitOK
}
