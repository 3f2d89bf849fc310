// Command pmkb-corpus writes a synthetic knowledge base for benchmarks and
// experiments: a pmkb.toml, N postmortems under content/postmortems/, and
// truth.json, the figures a correct build must report (see package
// generator/corpus).
//
//	pmkb-corpus -n 10000 -seed 1 -today 2026-11-27 -out /tmp/corpus10k
//
// It refuses to write into a folder that is not empty unless -force is
// given; with -force, the postmortems of an earlier pmkb-corpus run in that
// folder (recognised by its truth.json) are removed first, so the new
// truth.json stays exact.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/model"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the command without the process: it returns the exit code (0 done,
// 1 failed, 2 bad usage).
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pmkb-corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of postmortems")
	seed := fs.Int64("seed", 1, "random seed; the same flags give the same files")
	today := fs.String("today", corpus.DefaultToday().String(), "build date (YYYY-MM-DD) for due dates and overdue counts")
	ja := fs.Float64("ja", corpus.DefaultJapaneseShare, "share of Japanese postmortems (0 for none)")
	formats := fs.Bool("formats", true, "mix YAML, TOML and JSON front-matter (else YAML only)")
	out := fs.String("out", "", "folder to write the site and truth.json to (required)")
	force := fs.Bool("force", false, "write into a folder that is not empty")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	usage := func(msg string) int {
		fmt.Fprintln(stderr, "pmkb-corpus: "+msg)
		fs.Usage()
		return 2
	}
	switch {
	case fs.NArg() > 0:
		return usage(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case *out == "":
		return usage("-out is required")
	case *n < 0:
		return usage("-n must not be negative")
	case *ja < 0 || *ja > 1:
		return usage("-ja must be between 0 and 1")
	}
	day, err := model.ParseDate(*today)
	if err != nil {
		return usage("-today: " + err.Error())
	}
	share := *ja
	if share == 0 {
		share = -1 // corpus.Options reads 0 as the default share
	}

	if err := prepare(*out, *force); err != nil {
		fmt.Fprintln(stderr, "pmkb-corpus:", err)
		return 1
	}
	c := corpus.Generate(corpus.Options{N: *n, Seed: *seed, Today: day, JapaneseShare: share, Formats: *formats})
	truth, err := c.TruthJSON()
	if err == nil {
		err = c.WriteDir(*out)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(*out, "truth.json"), truth, 0o644)
	}
	if err != nil {
		fmt.Fprintln(stderr, "pmkb-corpus:", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d postmortems and truth.json to %s\n", *n, *out)
	return 0
}

// prepare checks that dir is empty or absent, or, with force, clears the
// postmortems a previous run left there.
func prepare(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil
	}
	if err != nil {
		return err
	}
	if !force {
		return fmt.Errorf("%s is not empty (use -force to write into it)", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "truth.json")); err == nil {
		return os.RemoveAll(filepath.Join(dir, "content", "postmortems"))
	}
	return nil
}
