package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/diag"
)

func runLint(_ context.Context, e *env, args []string) int {
	f := newFlags(e, "lint", "[flags] [PATH…]", "Check postmortems against the content contract (always errors: fields, values,\ntimeline order, related ids, catalogs) and the lint rules: completeness, blameless\nwording, secrets and personal data, dates (--rules lists them).\nIn a draft every problem but a secret is a warning: it is left out of the site until fixed.\nWith PATHs, report only those files. Exit 1 on any error.")
	var sf siteFlags
	sf.register(f)
	out := outputFlags(f, generator.LintFormats, "")
	rules := f.Bool("rules", false, "list every rule with the grade the site's [lint] rules give it (else its default) and exit (as text, or as json: {\"rules\": [{\"id\", \"severity\", \"default\", \"doc\"}]})")
	paths, code, ok := f.parse(args)
	if !ok {
		return code
	}
	format, code, ok := out.resolve(e)
	if !ok {
		return code
	}
	if *rules {
		if len(paths) > 0 {
			return e.usageErrorf("lint --rules lists the rules and takes no paths, got %q", paths)
		}
		// The grades of the site's [lint] rules, when run in a site (or
		// with --source); the defaults elsewhere.
		src := siteSource(f, sf.source)
		if st, err := os.Stat(src); given(f, "source") && (err != nil || !st.IsDir()) {
			// As lint refuses it: the defaults for a mistyped --source
			// would pass for the site's grades (QA 15 regression pass, a-6).
			return e.usageErrorf("--source %s: no such folder", src)
		}
		return e.printLintRules(format, src)
	}
	if code, ok := e.site(f, &sf.source, lookUpward); !ok {
		return code
	}
	opts := sf.options(e)
	var rel, gone []string
	for _, p := range paths {
		_, statErr := os.Stat(p)
		missing := errors.Is(statErr, fs.ErrNotExist)
		r, err := relToSource(sf.source, p)
		if missing && err != nil {
			return e.usageErrorf("%s: no such file", p)
		}
		if err != nil {
			return e.usageErrorf("%v", err)
		}
		if missing {
			// Perhaps deleted or renamed away (the pre-commit hook
			// passes those): generator.Lint says which it takes
			// (QA 16 B-F2).
			gone = append(gone, p)
		}
		if contains(generator.ConfigFiles(), r) {
			// Config errors are in every lint's report; a path only
			// picks postmortems (qa9-a #12).
			return e.usageErrorf("%s is the site's config, not a postmortem: run pmkb lint without a path to check it", p)
		}
		rel = append(rel, r)
	}
	list, err := generator.Lint(generator.LintOptions{Source: opts.Source, Paths: rel, Today: opts.Today, Clock: opts.Clock, Now: opts.Now, Stopwatch: opts.Stopwatch})
	if err != nil {
		return e.usageErrorf("%s", asTyped(err.Error(), rel, paths))
	}
	if err := e.printOut(format == "json", func(w io.Writer) error { return generator.WriteLint(w, withShownPaths(list, sf.source), format) }); err != nil {
		return e.usageErrorf("%v", err)
	}
	if format == "text" {
		for _, p := range gone {
			msg := fmt.Sprintf("pmkb: %s does not exist (deleted or renamed?): checked the site for what still refers to it", p)
			if near := nearSibling(p); near != "" {
				msg += "; did you mean " + near + "?"
			}
			fmt.Fprintln(e.stderr, msg)
		}
		fmt.Fprintf(e.stderr, "%s, %s\n", plural(list.Errors(), "error", "errors"), plural(list.Warnings(), "warning", "warnings"))
	}
	if list.HasErrors() {
		return exitContent
	}
	return exitOK
}

// printLintRules lists every lint rule with the grade the site at source
// gives it ([lint] rules in its pmkb.toml; the default severity without
// one) and its doc, in format: a table as text, a rule the site
// re-grades with its default beside, or JSON ({"rules": [{"id",
// "severity", "default", "doc"}]}, indented as lint's problems are) for a
// script that wants the list as data (QA 15 D-F5: --rules --json printed
// the table, and showed a re-graded rule at its default). GitHub
// annotations are for problems: a usage error. The config's problems are
// printed first, and make the exit code 1, as lint's own are.
func (e *env) printLintRules(format, source string) int {
	if format != "json" && format != "text" {
		return e.usageErrorf("lint --rules prints the rules as text or json; --format %s is for problems", format)
	}
	rules, problems := generator.SiteLintRules(os.DirFS(source))
	e.printDiagnostics(problems, source)
	switch format {
	case "json":
		type rule struct {
			ID       string `json:"id"`
			Severity string `json:"severity"`
			Default  string `json:"default"`
			Doc      string `json:"doc"`
		}
		doc := struct {
			Rules []rule `json:"rules"`
		}{Rules: make([]rule, 0, len(rules))}
		for _, r := range rules {
			doc.Rules = append(doc.Rules, rule{r.ID, r.Grade, r.Default, r.Doc})
		}
		if err := e.printOut(true, func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(doc)
		}); err != nil {
			fmt.Fprintf(e.stderr, "pmkb: %v\n", err)
			return exitContent
		}
	case "text":
		for _, r := range rules {
			doc := r.Doc
			if r.Grade != r.Default {
				doc = "(default " + r.Default + ") " + doc
			}
			fmt.Fprintf(e.stdout, "%-28s %-8s %s\n", r.ID, r.Grade, doc)
		}
	}
	if problems.Errors() > 0 {
		return exitContent
	}
	return exitOK
}

// asTyped returns msg, an error of generator.Lint about one of the paths
// rel (from the site's root) that starts with it, with that path as the
// user typed it (typed[i], from the current folder): run in
// content/postmortems/2026, "pmkb lint ../../README.md" said
// "content/README.md is not a postmortem of this site" (QA 14 A-F20).
func asTyped(msg string, rel, typed []string) string {
	for i, r := range rel {
		if rest, ok := strings.CutPrefix(msg, r); ok && (strings.HasPrefix(rest, " ") || strings.HasPrefix(rest, ":")) {
			return typed[i] + rest
		}
	}
	return msg
}

// relToSource turns a path given on the command line into a slash path
// relative to the site root.
func relToSource(source, p string) (string, error) {
	absSrc, err := filepath.Abs(source)
	if err != nil {
		return "", err
	}
	absP, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absSrc, absP)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		// The site as an absolute path: "the site ." read as a typo
		// (QA 13 F12).
		return "", fmt.Errorf("%s is outside this site's content/postmortems/ (the site is %s)", p, absSrc)
	}
	return filepath.ToSlash(rel), nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// nearSibling returns the .md file beside the missing path p whose name is
// the one its author most likely meant (diag.Suggest), spelled as p is, or
// "". A misspelt path passed to pmkb lint by hand is taken for a deleted
// postmortem, whose check passes when nothing refers to it; the hint keeps
// the typo from passing unseen.
func nearSibling(p string) string {
	dir, name := filepath.Split(p)
	entries, err := os.ReadDir(filepath.Clean(dir + "."))
	if err != nil {
		return ""
	}
	var names []string
	for _, de := range entries {
		if n := de.Name(); !de.IsDir() && strings.EqualFold(filepath.Ext(n), ".md") {
			names = append(names, n)
		}
	}
	if near := diag.Suggest(name, names); near != "" {
		return dir + near
	}
	return ""
}
