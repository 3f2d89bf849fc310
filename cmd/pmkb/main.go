// Command pmkb turns a Git repository of postmortems into a searchable
// static knowledge base. Run "pmkb help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

func main() {
	ctx, stop := context.Background(), func() {}
	if len(os.Args) > 1 && cleansUp[os.Args[1]] {
		ctx, stop = stopSignals()
	}
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if sig, ok := context.Cause(ctx).(stoppedBy); ok && code == exitInterrupted {
		// 128 + the signal's number, as a shell reports a command the
		// signal ended: 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP.
		code = 128 + int(sig.sig)
	}
	os.Exit(code)
}

// stopSignals returns a context cancelled by the first of the signals that
// ask a command to stop: Ctrl-C (SIGINT), and SIGTERM and SIGHUP, which
// CI's cancel, docker stop, systemd, timeout and a closed terminal send
// (QA 16 B-F4: they killed a build without its cleanup, leaving its
// staging copy of the site and its lock). The cause is stoppedBy; until
// stop, later signals are ignored, as a second Ctrl-C is while a build
// cleans up. A signal pmkb was started with ignored stays ignored: under
// nohup (SIGHUP) or as a shell script's background job (SIGINT), Notify
// would take it up again, and closing the terminal would stop a pmkb
// serve that nohup was meant to keep running (review 16).
func stopSignals() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 1)
	var sigs []os.Signal
	for _, s := range stopSignalList {
		if !signal.Ignored(s) {
			sigs = append(sigs, s)
		}
	}
	if len(sigs) > 0 { // Notify without signals would take every signal
		signal.Notify(ch, sigs...)
	}
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			n, _ := s.(syscall.Signal)
			cancel(stoppedBy{n})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// cleansUp are the commands that stop on their own when their context is
// cancelled, cleaning up what they started (a build's staging folder and
// lock, the dev server's listener, a search's cache, a notification
// under way): they get stopSignals. The others (lint, stats, new, …)
// write nothing that a signal could leave half-done, and a signal ends
// them at once, as it ends any program (before, Ctrl-C waited for the
// end of a lint).
var cleansUp = map[string]bool{"build": true, "serve": true, "search": true, "notify": true}

// stopSignalList are the signals stopSignals handles.
var stopSignalList = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// stoppedBy is the cause of the context of a command stopped by a signal.
type stoppedBy struct{ sig syscall.Signal }

func (s stoppedBy) Error() string { return "stopped by " + s.sig.String() }

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // content errors, overdue items with --fail-on-overdue, failed delivery
	exitUsage   = 2 // also a destination pmkb refuses (CheckDestination, files pmkb did not write in the way)
	// exitPublish is for a build that could not write the site: the file
	// system failed or refused (permissions, a full disk, a damaged
	// .pmkb-manifest), not the content. The destination was left as it
	// was; publishing inside it, what was moved is moved back, and only
	// when that fails too does the message say it holds parts of both
	// builds. A site that was published but whose previous files could not
	// all be deleted exits 0 with a warning.
	exitPublish = 3
	// exitInterrupted is what shells report for a command stopped by
	// Ctrl-C (128 + SIGINT).
	exitInterrupted = 130
)

// env is what a command may use from the outside world; tests replace it.
type env struct {
	stdout, stderr io.Writer
	// now is the clock; only main's commands read it.
	now    func() time.Time
	getenv func(string) string
	// stopwatch times each file's parsing (threadStopwatch); nil times it
	// with now, as the tests' fixed clocks do.
	stopwatch func() (stop func() time.Duration)
}

type command struct {
	name, args, summary string
	run                 func(ctx context.Context, e *env, args []string) int
}

func commands() []command {
	return []command{
		{"build", "[--source DIR] [--destination DIR] [--base-url URL] [--drafts] [--today YYYY-MM-DD] [--audience internal|public] [--clean]", "build the static site into public/", runBuild},
		{"serve", "[--port 1313] [--bind 127.0.0.1] [--drafts=false]", "preview the site with live reload", runServe},
		{"new", "[--lang LANG] [--severity S] [--date D] [--id ID] \"Title\"", "start a postmortem from the template", runNew},
		{"lint", "[--format text|json|github] [--json] [--rules] [PATH…]", "check postmortems: contract, completeness, blameless wording, secrets", runLint},
		{"search", "[--limit N] [--json] QUERY", "search past postmortems from the terminal", runSearch},
		{"actions", "[--status S] [--owner O] [--team T] [--system S] [--kind K] [--overdue] [--format table|json|csv] [--json] [--fail-on-overdue]", "list action items across all postmortems", runActions},
		{"notify", "[--slack-webhook URL] [--soon-days N] [--dry-run]", "post overdue and soon-due action items to Slack", runNotify},
		{"stats", "[--since D] [--until D] [--top N] [--json]", "show recurring causes, systems, durations and repeats", runStats},
		{"version", "", "print the version", runVersion},
		{"help", "[COMMAND]", "show help", nil},
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, now: time.Now, getenv: os.Getenv, stopwatch: threadStopwatch}
	return e.dispatch(ctx, args)
}

func (e *env) dispatch(ctx context.Context, args []string) int {
	if len(args) == 0 {
		e.usage(e.stderr)
		return exitUsage
	}
	name := args[0]
	if name == "--version" || name == "-version" || name == "-v" {
		name = "version"
	}
	if name == "help" || name == "-h" || name == "--help" {
		if len(args) > 1 && args[1] != "help" {
			for _, c := range commands() {
				if c.name == args[1] && c.run != nil {
					return c.run(ctx, e, []string{"-h"})
				}
			}
			return e.unknownCommand("no help for unknown command", args[1])
		}
		e.usage(e.stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(ctx, e, args[1:])
		}
	}
	return e.unknownCommand("unknown command", name)
}

// unknownCommand reports the command name pmkb does not have, with the one
// it most likely meant and a pointer to the list of commands, in two lines
// as for an unknown flag: the whole usage would bury the hint (QA 13 F4).
// what says what was asked ("unknown command", "no help for unknown
// command").
func (e *env) unknownCommand(what, name string) int {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	msg := fmt.Sprintf("pmkb: %s %q", what, name)
	if near := diag.Suggest(name, names); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	fmt.Fprintf(e.stderr, "%s\nRun \"pmkb help\" for the commands.\n", msg)
	return exitUsage
}

func (e *env) usage(w io.Writer) {
	fmt.Fprintln(w, "pmkb turns a repository of postmortems into a searchable static knowledge base.")
	fmt.Fprintln(w, "\nUsage:\n  pmkb COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"pmkb help COMMAND\" for a command's flags.")
}

// flags is a flag set whose Parse accepts flags before and after the
// positional arguments ("pmkb new --lang ja "タイトル"" and
// "pmkb new "Title" --lang ja" both work).
type flags struct {
	*flag.FlagSet
	e *env
	// args and summary are the command's usage line and description.
	args, summary string
	// usageOut is where the usage goes: stdout when it was asked for
	// (-h, --help, pmkb help COMMAND), so it can be piped to a pager;
	// stderr after a bad flag.
	usageOut io.Writer
}

func newFlags(e *env, name, args, summary string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// parse prints the errors and the usage itself, naming flags as the
	// docs write them (--date, not the flag package's -date).
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	f := &flags{FlagSet: fs, e: e, usageOut: e.stderr}
	f.args, f.summary = args, summary
	return f
}

// printUsage writes the command's usage and its flags, GNU-style
// (--flag), as the docs write them.
func (f *flags) printUsage() {
	fmt.Fprintf(f.usageOut, "Usage: %s\n\n%s\n", strings.TrimSpace("pmkb "+f.Name()+" "+f.args), f.summary)
	var b strings.Builder
	f.SetOutput(&b)
	f.PrintDefaults()
	f.SetOutput(io.Discard)
	if b.Len() > 0 {
		fmt.Fprint(f.usageOut, "\nFlags:\n"+strings.ReplaceAll("\n"+b.String(), "\n  -", "\n  --")[1:])
	}
}

// flagNameRE finds the flag names in the flag package's errors ("flag
// provided but not defined: -x", "invalid value "y" for flag -x: …",
// "invalid boolean value "y" for -x: …", "flag needs an argument: -x").
var flagNameRE = regexp.MustCompile(`^(flag provided but not defined: |flag needs an argument: )-+|(" for (?:flag )?)-+`)

// gnuFlagError writes the flag names in a flag package error with two
// dashes, as help and the README write them.
func gnuFlagError(msg string) string {
	return flagNameRE.ReplaceAllString(msg, "$1$2--")
}

// asksForHelp reports whether args hold a help flag before any "--".
func asksForHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "--h", "-help", "--help":
			return true
		}
	}
	return false
}

// parse parses args; ok is false when the command should exit with code.
func (f *flags) parse(args []string) (positional []string, code int, ok bool) {
	if asksForHelp(args) {
		f.usageOut = f.e.stdout
	}
	for {
		in := args
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				f.printUsage()
				return nil, exitOK, false
			}
			if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
				f.unknownFlag(name, args)
				return nil, exitUsage, false
			}
			// A bad value or a missing one: one line and a pointer to
			// the help, as for an unknown flag; the whole usage would
			// bury the message (QA 9a #12).
			fmt.Fprintf(f.e.stderr, "pmkb %s: %s\n%s", f.Name(), gnuFlagError(err.Error()), f.helpHint())
			return nil, exitUsage, false
		}
		args = f.Args()
		// Parse consumes a "--" it stops at: all after it is positional,
		// flag-like words too (pmkb search -- dns -zone; QA 17r-b R2:
		// "dns" was taken and -zone parsed as a flag).
		if n := len(in) - len(args); n > 0 && in[n-1] == "--" {
			return append(positional, args...), 0, true
		}
		if len(args) == 0 {
			return positional, 0, true
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), 0, true
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// unknownFlag reports the undefined flag name (without dashes), written as
// the user typed it in args ("-d" or "--d"), with the flag it most likely
// meant and a pointer to the command's help instead of the whole usage:
// the mistake is one word, and the flag list would bury the hint.
func (f *flags) unknownFlag(name string, args []string) {
	typed := "--" + name
	for _, a := range args {
		if a == "--" {
			break
		}
		if dashes := len(a) - len(strings.TrimLeft(a, "-")); dashes > 0 && dashes <= 2 {
			if n, _, _ := strings.Cut(a[dashes:], "="); n == name {
				typed = a[:dashes] + name
				break
			}
		}
	}
	var names []string
	f.VisitAll(func(fl *flag.Flag) { names = append(names, fl.Name) })
	msg := fmt.Sprintf("pmkb %s: unknown flag %s", f.Name(), typed)
	if near := suggestFlag(name, names); near != "" {
		msg += "; did you mean --" + near + "?"
	} else if f.Name() == "search" && !strings.HasPrefix(typed, "--") {
		// pmkb search dns -zone: an exclusion of the query syntax.
		msg += fmt.Sprintf("; to leave out postmortems with %q, put the query after --: pmkb search -- WORDS %s", name, typed)
	}
	fmt.Fprintf(f.e.stderr, "%s\n%s", msg, f.helpHint())
}

// helpHint is the line under a flag error that points to the command's
// flags.
func (f *flags) helpHint() string {
	return fmt.Sprintf("Run \"pmkb help %s\" for its flags.\n", f.Name())
}

// suggestFlag returns the flag of names that the unknown flag name most
// likely meant, or "". A one-letter name is a short flag: what it means
// in Hugo (-s, -d, -D, -b, -t, -p), typed from habit, when the command has
// that flag, else the one flag that starts with the letter; a longer name
// is a typo (diag.Suggest).
func suggestFlag(name string, names []string) string {
	if len([]rune(name)) != 1 {
		return diag.Suggest(name, names)
	}
	hugo := map[string]string{"s": "source", "d": "destination", "D": "drafts", "b": "base-url", "t": "theme", "p": "port"}
	if long, ok := hugo[name]; ok && contains(names, long) {
		return long
	}
	var found []string
	for _, n := range names {
		if len(n) > 1 && strings.EqualFold(n[:1], name) {
			found = append(found, n)
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return ""
}

// parseNoArgs parses args of a command that takes flags only; ok is false
// when the command should exit with code (help, a bad flag, a stray
// argument).
func (f *flags) parseNoArgs(args []string) (code int, ok bool) {
	pos, code, ok := f.parse(args)
	if ok && len(pos) > 0 {
		return f.e.usageErrorf("%s takes no arguments, got %q", f.Name(), pos), false
	}
	return code, ok
}

// given reports whether the flag name was set on the command line, once f
// is parsed.
func given(f *flags, name string) bool {
	set := false
	f.Visit(func(fl *flag.Flag) { set = set || fl.Name == name })
	return set
}

// oneOf checks the value of the flag name against the values it takes,
// want, in any case ("--format JSON" is json), and sets it to want's
// spelling. Any other value is a usage error, worded alike for every flag
// of every command, as actions words an unknown --status: "--format
// \"yml\" is not a format (want text, json, github)", with the value
// meant when one is near, and, as for a value the flag package refuses,
// the command's name and a pointer to its help. what names the kind of
// value, with its article.
func (f *flags) oneOf(name, what string, value *string, want []string) (code int, ok bool) {
	for _, w := range want {
		if strings.EqualFold(*value, w) {
			*value = w
			return 0, true
		}
	}
	return f.badValue(name, what, *value, want, diag.Suggest(*value, want)), false
}

// badValue reports value, which is none of want, as oneOf words it, with
// near, the value meant, when it is not "".
func (f *flags) badValue(name, what, value string, want []string, near string) int {
	msg := fmt.Sprintf("--%s %q is not %s (want %s)", name, value, what, strings.Join(want, ", "))
	if near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	fmt.Fprintf(f.e.stderr, "pmkb %s: %s\n%s", f.Name(), msg, f.helpHint())
	return exitUsage
}

// dateFlag is a --today style flag.
type dateFlag struct{ d model.Date }

func (f *dateFlag) String() string { return f.d.String() }
func (f *dateFlag) Set(s string) error {
	d, err := model.ParseDate(s)
	if err != nil {
		return err
	}
	f.d = d
	return nil
}

func (e *env) usageErrorf(format string, args ...any) int {
	fmt.Fprintf(e.stderr, "pmkb: "+format+"\n", args...)
	return exitUsage
}

// version is pmkb's version (generator.Version): the module version of an
// installed binary ("v1.2.0"), else "devel" with the commit a `go build`
// in a checkout stamped ("devel (fb04e90, modified)").
func version() string { return generator.Version() }

func runVersion(_ context.Context, e *env, args []string) int {
	f := newFlags(e, "version", "", "Print the version of pmkb.")
	if code, ok := f.parseNoArgs(args); !ok {
		return code
	}
	fmt.Fprintf(e.stdout, "pmkb %s\n", version())
	return exitOK
}

// plural formats a count with its noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
