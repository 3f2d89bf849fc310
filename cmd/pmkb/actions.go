package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// loadKB loads and validates the site at source (settled by env.site) for
// the read-only commands and returns it with the name of its config file
// ("" when none); on content errors it prints them and returns the exit
// code.
func (e *env) loadKB(opts generator.Options, source string) (*model.KnowledgeBase, string, int, bool) {
	kb, site, err := generator.Load(opts)
	if err != nil {
		// Only the errors that stop the command: it builds nothing, so
		// the warnings (a draft's "left out of the build") are pmkb
		// lint's to list, and would bury a config error (qa9-a #12).
		errs := &diag.List{}
		for _, d := range site.Diagnostics.Items() {
			if d.Severity == diag.Error {
				errs.Add(d)
			}
		}
		e.printDiagnostics(errs, source)
		if errors.Is(err, generator.ErrContent) {
			fmt.Fprintf(e.stderr, "pmkb: %s\n", whereErrors(site.Diagnostics, site.ConfigFile))
		} else {
			fmt.Fprintf(e.stderr, "pmkb: %v\n", err)
		}
		return nil, "", exitContent, false
	}
	return kb, site.ConfigFile, 0, true
}

// whereErrors says how many errors of d are in the content and how many in
// the site's config file cfgFile, and what to do about them: "1 error in
// the site's config (pmkb.toml); fix it first (…)".
func whereErrors(d *diag.List, cfgFile string) string {
	inConfig, inContent := 0, 0
	for _, it := range d.Items() {
		if it.Severity != diag.Error {
			continue
		}
		if cfgFile != "" && it.Pos.Path == cfgFile {
			inConfig++
		} else {
			inContent++
		}
	}
	var where string
	switch {
	case inConfig == 0:
		where = plural(inContent, "error", "errors") + " in the content"
	case inContent == 0:
		where = plural(inConfig, "error", "errors") + " in the site's config (" + cfgFile + ")"
	default:
		where = plural(inContent, "error", "errors") + " in the content and " + strconv.Itoa(inConfig) + " in the site's config (" + cfgFile + ")"
	}
	them := "them"
	if inConfig+inContent == 1 {
		them = "it"
	}
	return where + "; fix " + them + " first (pmkb lint explains each)"
}

// tableWidth is the width the actions table is fitted to: on a terminal,
// $COLUMNS or else the terminal's own width (100 when neither is known);
// 0, no limit, when stdout is a file or a pipe, so nothing is cut there.
func (e *env) tableWidth() int {
	if !isTerminal(e.stdout) {
		return 0
	}
	if n, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && n >= 40 {
		return n
	}
	if n := terminalColumns(e.stdout); n >= 40 {
		return n
	}
	return 100
}

// terminalColumns is the width of the terminal w, or 0 when unknown.
func terminalColumns(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if n, _, err := term.GetSize(int(f.Fd())); err == nil {
			return n
		}
	}
	return 0
}

func runActions(_ context.Context, e *env, args []string) int {
	f := newFlags(e, "actions", "[flags]", "List the action items of every postmortem, most urgent first.")
	var sf siteFlags
	sf.registerScheduled(f)
	var filter generator.ActionFilter
	f.StringVar(&filter.Status, "status", "", "only items with this status (open, in-progress, done, wont-do; comma-separated for several)")
	f.StringVar(&filter.Owner, "owner", "", "only items owned by this person")
	f.StringVar(&filter.Team, "team", "", "only items of postmortems of this team")
	f.StringVar(&filter.System, "system", "", "only items of postmortems of this system (its slug or its name in the systems catalog)")
	f.StringVar(&filter.Kind, "kind", "", "only items of this kind (prevent, detect, mitigate, process; comma-separated for several)")
	f.BoolVar(&filter.Overdue, "overdue", false, "only overdue items")
	out := outputFlags(f, generator.ActionFormats, "")
	baseURL := f.String("base-url", "", "base URL the site is published under, for the links of --format json|csv (url, owner_url, team_urls), as build --base-url (overrides the config)")
	failOnOverdue := f.Bool("fail-on-overdue", false, "exit 1 when any listed item is overdue (for CI)")
	pos, code, ok := f.parse(args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		msg := fmt.Sprintf("actions takes no arguments, got %q", pos)
		if name, value, ok := spacedFlagValue(args, "owner", "team", "system"); ok {
			msg += fmt.Sprintf("; quote a value with spaces: --%s %q", name, value)
		}
		return e.usageErrorf("%s", msg)
	}
	format, code, ok := out.resolve(e)
	if !ok {
		return code
	}
	if *baseURL != "" {
		// The links the JSON and CSV give each item are under the base
		// URL: a site built with --base-url gets the same ones from this
		// command only with the same flag (QA 16 D-F9).
		if err := generator.CheckBaseURL(*baseURL); err != nil {
			return e.usageErrorf("--base-url %v", err)
		}
	}
	if code, ok := e.site(f, &sf.source, lookUpward); !ok {
		return code
	}
	opts := scheduledOptions(sf.options(e))
	opts.MetadataOnly = true
	opts.CacheDir = sf.cacheDir()
	opts.BaseURL = *baseURL
	kb, _, code, ok := e.loadKB(opts, sf.source)
	if !ok {
		return code
	}
	var n, overdue int
	err := e.printOut(format == "json", func(w io.Writer) (err error) {
		n, overdue, err = generator.WriteActions(w, kb, filter, format, e.tableWidth())
		return err
	})
	if err != nil {
		// One line per problem: a misspelt filter must not pass a CI gate
		// as "0 items".
		for line := range strings.SplitSeq(err.Error(), "\n") {
			fmt.Fprintf(e.stderr, "pmkb: %s\n", line)
		}
		return exitUsage
	}
	if *failOnOverdue && overdue > 0 {
		fmt.Fprintf(e.stderr, "pmkb: %s\n", overdueMessage(overdue, n, kb.Today))
		return exitContent
	}
	return exitOK
}

// spacedFlagValue finds in args a value of one of the flags names typed
// over several words without quotes (--system Checkout API: the flag's
// value is Checkout, API a stray argument), and returns the flag and the
// words joined (QA 13 F2).
func spacedFlagValue(args []string, names ...string) (name, value string, ok bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		n, v, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if a == n || !contains(names, n) {
			continue
		}
		words := []string{v}
		if !hasValue {
			if i+1 >= len(args) {
				break
			}
			i++
			words = []string{args[i]}
		}
		for _, next := range args[i+1:] {
			if strings.HasPrefix(next, "-") {
				break
			}
			words = append(words, next)
		}
		if len(words) > 1 {
			return n, strings.Join(words, " "), true
		}
	}
	return "", "", false
}

func runNotify(ctx context.Context, e *env, args []string) int {
	f := newFlags(e, "notify", "[flags]", "Post a digest of overdue and soon-due action items, grouped by owner, to a Slack incoming webhook.")
	var sf siteFlags
	sf.registerScheduled(f)
	webhook := f.String("slack-webhook", "", "Slack incoming-webhook URL (default $PMKB_SLACK_WEBHOOK)")
	soon := f.Int("soon-days", 7, "also list items due within this many days")
	siteURL := f.String("site-url", "", "the published site's absolute http(s) URL for links, e.g. https://kb.example.com/pm/ (default: the config's baseURL when absolute)")
	dry := f.Bool("dry-run", false, "print the Slack payload instead of posting it")
	theme := f.String("theme", "", "theme folder laid over the built-in theme, as for build: the digest says its i18n/ strings")
	if code, ok := f.parseNoArgs(args); !ok {
		return code
	}
	if *webhook == "" {
		*webhook = e.getenv("PMKB_SLACK_WEBHOOK")
	}
	if *webhook == "" && !*dry {
		return e.usageErrorf("notify needs --slack-webhook URL or $PMKB_SLACK_WEBHOOK (or --dry-run)")
	}
	if *webhook != "" && !*dry && !isHTTPURL(*webhook) { // --dry-run posts nothing: any webhook will do
		// A usage error, as any flag value of the wrong kind, found before
		// the site is read (QA 13 F12: exit 1 after the note about links).
		// The value is not repeated: a webhook URL is a secret.
		from := "--slack-webhook"
		if !given(f, "slack-webhook") {
			from = "$PMKB_SLACK_WEBHOOK"
		}
		return e.usageErrorf("%s is not an http(s) URL (want the Slack incoming-webhook URL, https://hooks.slack.com/services/…)", from)
	}
	if *siteURL != "" && !isHTTPURL(*siteURL) {
		// The digest is read in Slack, which resolves no relative link:
		// foo or /pm/ gave <foo/actions/|…>, links that go nowhere
		// (QA 15 D-F12). Refused before the site is read, as a webhook of
		// the wrong kind is.
		return e.usageErrorf("--site-url %q is not an absolute http(s) URL: Slack opens the digest's links from anywhere, so they need the published site's full address, e.g. https://kb.example.com/pm/", *siteURL)
	}
	if u, err := url.Parse(*siteURL); *siteURL != "" && err == nil && (u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "") {
		// Page paths go after it: a query or fragment made links such
		// as …/?x=1/postmortems/…, and a password went into every link
		// of the digest (QA 15 regression pass, a-9, a-10).
		return e.usageErrorf("--site-url %q must be the site's address alone, without a user, password, query or fragment, e.g. https://kb.example.com/pm/", u.Redacted())
	}
	if *soon < 0 {
		return e.usageErrorf("--soon-days must not be negative")
	}
	_, themeFS, code, ok := e.themeFolder(*theme)
	if !ok {
		return code
	}
	if code, ok := e.site(f, &sf.source, lookUpward); !ok {
		return code
	}
	opts := scheduledOptions(sf.options(e))
	opts.MetadataOnly = true
	opts.CacheDir = sf.cacheDir()
	kb, _, code, ok := e.loadKB(opts, sf.source)
	if !ok {
		return code
	}
	// The digest says the theme's UI strings: a misspelt key is said as
	// the build says it, and fails as the build fails when the site
	// grades it an error (left from QA 16).
	if d := generator.ThemeDiagnostics(themeFS, &kb.Config); d.Len() > 0 {
		e.printDiagnostics(d, sf.source)
		if d.HasErrors() {
			return exitContent
		}
	}
	if *siteURL == "" && strings.HasPrefix(kb.Config.BaseURL, "http") {
		*siteURL = kb.Config.BaseURL
	}
	n, err := generator.Notify(ctx, kb, generator.NotifyOptions{Webhook: *webhook, SoonDays: *soon, SiteURL: *siteURL, DryRun: *dry, Out: e.stdout, Theme: themeFS})
	if err != nil {
		fmt.Fprintf(e.stderr, "pmkb: notify: %v\n", err)
		return exitContent
	}
	if *siteURL == "" && n > 0 {
		// Said of a digest that was made, not before an error.
		fmt.Fprintln(e.stderr, "note: the digest has no links to the site: pass --site-url or set an absolute baseURL")
	}
	switch {
	case n == 0 && *dry:
		fmt.Fprintln(e.stdout, "nothing overdue or due soon; no message would be posted")
	case n == 0:
		fmt.Fprintln(e.stdout, "nothing overdue or due soon; no message posted")
	case !*dry:
		fmt.Fprintf(e.stdout, "posted a digest of %s to Slack\n", plural(n, "action item", "action items"))
	}
	return exitOK
}

// isHTTPURL reports whether s is an absolute http or https URL with a
// host, as the webhook's sender wants it.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// scheduledOptions makes the clock, not the config's today, the day of
// the commands that run on a schedule (actions, notify): their point is
// the real date, while the config's today is there to make builds
// reproducible and would freeze a weekly digest or a CI gate for ever
// (QA round 7, #3). --today still wins.
func scheduledOptions(opts generator.Options) generator.Options {
	opts.ClockFirst = true
	return opts
}

// overdueMessage is what --fail-on-overdue says when overdue of the n
// listed items are overdue as of today.
func overdueMessage(overdue, n int, today model.Date) string {
	switch {
	case n == 1:
		return fmt.Sprintf("the one listed action item is overdue (today is %s)", today)
	case overdue == 1:
		return fmt.Sprintf("1 of the %d listed action items is overdue (today is %s)", n, today)
	}
	return fmt.Sprintf("%d of the %d listed action items are overdue (today is %s)", overdue, n, today)
}
