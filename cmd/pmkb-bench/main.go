// Command pmkb-bench measures `pmkb build` on synthetic knowledge bases and
// prints the results as a Markdown table for BENCHMARKS.md.
//
//	go run ./cmd/pmkb-bench -n 1000,10000 -runs 3
//
// For each size N it writes a corpus of N postmortems (package
// generator/corpus, seed -seed) to a scratch folder, then runs the pmkb
// binary, built once with `go build`, as a child process -runs times:
//
//	pmkb build --source DIR --destination DIR/public --today 2026-11-27
//
// The destination is removed before every run, so each run is a full
// build that writes every file. From each run it takes the wall time, the
// child's CPU time (user + system) and its peak resident set size from the
// child's rusage, and it counts the files and bytes the build wrote. The
// table shows the median and the minimum wall time, the median CPU time and
// the largest peak RSS of the runs.
//
// When the binary has `build --verbose`, each run also reports the time of
// every stage of the build (load, search, pages, exports, write), and a
// second table shows their medians.
//
// With -profile DIR it also builds the largest corpus once inside this
// process, through the generator facade, timing Load, Render and Publish;
// it writes a CPU profile (DIR/cpu-N.prof), a profile of every allocation
// (DIR/allocs-N.prof) and one of the heap live after Render
// (DIR/heap-N.prof), and prints how each splits by stage.
//
// With -hugo BIN it also builds each corpus with that Hugo binary, each
// Hugo run right after a pmkb run, and prints both side by side (see
// hugo.go for the lean Hugo site it uses).
//
// -search measures the site's search in headless Chromium instead of the
// build: per size it builds the site once, sizes the search index, serves
// the site on 127.0.0.1 and opens `database` and `証明書` in a fresh
// browser per run, as /search/?q=WORD and typed into a postmortem page's
// header box, counting the bytes received and timing the results (see
// search.go). -md FILE replaces FILE's "<!-- search -->" section.
//
// -split FILE only prints that split for an existing profile, such as one
// from `go test -bench Build10k -cpuprofile` (-sample_index alloc_space or
// inuse_space for a memory profile).
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/model"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is the parsed command line.
type config struct {
	sizes   []int
	runs    int
	seed    int64
	today   model.Date
	work    string // scratch folder; "" means a new temporary one
	keep    bool   // keep the scratch folder
	pmkb    string // prebuilt pmkb binary; "" means build one
	profile string // folder for profiles; "" means none
	md      string // Markdown file whose marked sections are replaced; "" means none
	split   string // only print the stage split of this existing profile
	index   string // sample index of split ("" for the profile's default)
	commit  string // commit named in the header; "" means git describe
	hugo    string // Hugo binary to compare with; "" means none
	search  bool   // measure search in a browser instead of the build (search.go)
	verbose bool   // with search: list every file of each first query
}

// run is the command without the process: it returns the exit code (0 done,
// 1 failed, 2 bad usage).
func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "pmkb-bench:", err)
		}
		return 2
	}
	if cfg.split != "" {
		rows, err := splitProfile(cfg.split, cfg.index)
		if err != nil {
			fmt.Fprintln(stderr, "pmkb-bench:", err)
			return 1
		}
		fmt.Fprint(stdout, splitTable(rows, strings.HasSuffix(cfg.index, "_space")))
		return 0
	}
	measure := bench
	if cfg.search {
		measure = searchBench
	}
	if err := measure(cfg, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "pmkb-bench:", err)
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("pmkb-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("n", "1000,10000", "comma-separated corpus sizes (postmortems)")
	cfg := config{}
	fs.IntVar(&cfg.runs, "runs", 3, "builds per size (with -search: runs of each query, each in a fresh browser, from a plain and from a gzip server)")
	fs.Int64Var(&cfg.seed, "seed", 1, "corpus seed")
	today := fs.String("today", "2026-11-27", "build date passed to pmkb build --today")
	fs.StringVar(&cfg.work, "work", "", "scratch folder for corpora and builds (default: a new temporary folder); without -keep, what pmkb-bench made is removed at the end, and the folder too only if pmkb-bench made it")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the scratch folder")
	fs.StringVar(&cfg.pmkb, "pmkb", "", "pmkb binary to run (default: go build ./cmd/pmkb once)")
	fs.StringVar(&cfg.profile, "profile", "", "also build the largest corpus in this process and write CPU and heap profiles to this folder")
	fs.StringVar(&cfg.split, "split", "", "only print the stage split of this existing profile (e.g. from go test -cpuprofile) and exit")
	fs.StringVar(&cfg.index, "sample_index", "", "with -split: the sample to split (alloc_space, inuse_space; default the profile's own)")
	fs.StringVar(&cfg.commit, "commit", "", "commit to name in the header (default: git describe of the current folder, for runs in an exported copy)")
	fs.StringVar(&cfg.hugo, "hugo", "", "also build each corpus with this Hugo binary, in turn with pmkb, and print a comparison (see hugo.go)")
	fs.StringVar(&cfg.md, "md", "", "also replace the results (and, with -profile, the profile; with -search, the search) section of this Markdown file, e.g. BENCHMARKS.md")
	fs.BoolVar(&cfg.search, "search", false, "instead of timing builds, build each size once and measure search in headless Chromium: index size, first query bytes and time, warm query time (see search.go)")
	fs.BoolVar(&cfg.verbose, "v", false, "with -search: list every file each first query received")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if cfg.sizes, err = parseSizes(*sizes); err != nil {
		return cfg, fmt.Errorf("-n: %w", err)
	}
	if cfg.runs < 1 {
		return cfg, errors.New("-runs must be at least 1")
	}
	if cfg.today, err = model.ParseDate(*today); err != nil {
		return cfg, fmt.Errorf("-today: %w", err)
	}
	return cfg, nil
}

// parseSizes reads "1000,10000" into sorted, distinct positive sizes.
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// sample is one timed child run.
type sample struct {
	wall, cpu time.Duration
	maxRSS    int64 // bytes
	stages    []stageTime
}

// stageTime is one line of `pmkb build --verbose`.
type stageTime struct {
	name string
	d    time.Duration
}

// result is what one corpus size measured.
type result struct {
	n                   int
	inFiles             int
	inBytes             int64
	samples             []sample
	outFiles            int
	outBytes            int64
	stdout              string // pmkb's summary line of the last run
	wallMedian, wallMin time.Duration
	cpuMedian, cpuMin   time.Duration
	maxRSS              int64
	stages              []stageTime // medians, in the order pmkb printed them
}

// scratch is the folder pmkb-bench writes its corpora, builds and binary
// to, and what it made there.
type scratch struct {
	dir string
	// owned is set when pmkb-bench made dir itself: it is removed whole.
	owned bool
	// made are the entries pmkb-bench wrote into a dir that was there
	// before (-work naming an existing folder): only they are removed, so
	// -work "$PWD" or -work /dev/shm cannot delete what else the folder holds.
	made []string
}

// newScratch returns the scratch folder work (created if missing), or a
// new temporary one when work is "".
func newScratch(work string) (*scratch, error) {
	if work == "" {
		dir, err := os.MkdirTemp("", "pmkb-bench-")
		if err != nil {
			return nil, err
		}
		return &scratch{dir: dir, owned: true}, nil
	}
	if _, err := os.Lstat(work); err == nil {
		return &scratch{dir: work}, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	return &scratch{dir: work, owned: true}, nil
}

// path returns the path of name in the scratch folder and records it as
// made by pmkb-bench.
func (s *scratch) path(name string) string {
	p := filepath.Join(s.dir, name)
	if !slices.Contains(s.made, p) {
		s.made = append(s.made, p)
	}
	return p
}

// remove deletes what pmkb-bench made: the whole folder when it made the
// folder, else the entries path handed out.
func (s *scratch) remove() error {
	if s.owned {
		return os.RemoveAll(s.dir)
	}
	var errs []error
	for _, p := range s.made {
		errs = append(errs, os.RemoveAll(p))
	}
	return errors.Join(errs...)
}

func bench(cfg config, stdout, stderr io.Writer) error {
	sc, err := newScratch(cfg.work)
	if err != nil {
		return err
	}
	work := sc.dir
	if !cfg.keep {
		defer sc.remove()
	}
	bin, err := pmkbBinary(cfg, sc, stderr)
	if err != nil {
		return err
	}
	verbose := supportsVerbose(bin)
	var results, hugoResults []result
	for _, n := range cfg.sizes {
		dir := sc.path(fmt.Sprintf("corpus-%d", n))
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		c := corpus.Generate(corpus.Options{N: n, Seed: cfg.seed, Today: cfg.today, Formats: true})
		if err := c.WriteDir(dir); err != nil {
			return err
		}
		r := result{n: n}
		r.inFiles, r.inBytes, _ = du(filepath.Join(dir, "content"))
		h := result{n: n, inFiles: r.inFiles, inBytes: r.inBytes}
		var hugoDir string // handed out only when Hugo runs, so only then removed
		if cfg.hugo != "" {
			hugoDir = sc.path(fmt.Sprintf("hugo-%d", n))
			content, err := filepath.Abs(filepath.Join(dir, "content"))
			if err != nil {
				return err
			}
			if err := writeHugoSite(hugoDir, content); err != nil {
				return err
			}
		}
		for i := range cfg.runs {
			fmt.Fprintf(stderr, "n=%d run %d/%d… ", n, i+1, cfg.runs)
			s, out, err := buildOnce(bin, dir, cfg.today, verbose)
			if err != nil {
				return fmt.Errorf("n=%d: %w", n, err)
			}
			fmt.Fprintf(stderr, "%.2fs wall, %.2fs CPU, %d MB peak RSS\n", s.wall.Seconds(), s.cpu.Seconds(), s.maxRSS>>20)
			r.samples = append(r.samples, s)
			r.stdout = out
			if cfg.hugo != "" {
				fmt.Fprintf(stderr, "n=%d hugo %d/%d… ", n, i+1, cfg.runs)
				s, err := hugoOnce(cfg.hugo, hugoDir)
				if err != nil {
					return fmt.Errorf("n=%d: %w", n, err)
				}
				fmt.Fprintf(stderr, "%.2fs wall, %.2fs CPU, %d MB peak RSS\n", s.wall.Seconds(), s.cpu.Seconds(), s.maxRSS>>20)
				h.samples = append(h.samples, s)
			}
		}
		var err error
		if r.outFiles, r.outBytes, err = du(filepath.Join(dir, "public")); err != nil {
			return err
		}
		r.summarize()
		results = append(results, r)
		if cfg.hugo != "" {
			if h.outFiles, h.outBytes, err = du(filepath.Join(hugoDir, "public")); err != nil {
				return err
			}
			h.summarize()
			hugoResults = append(hugoResults, h)
		}
	}
	sections := map[string]string{}
	if cfg.profile != "" {
		prof, err := profile(cfg, sc, stderr)
		if err != nil {
			return err
		}
		sections["profile"] = prof
		fmt.Fprint(stdout, prof+"\n")
	}
	res := header(cfg, work) + table(results)
	if st := stageTable(results); st != "" {
		res += "\nStages (median wall time, from pmkb build --verbose):\n\n" + st
	}
	sections["results"] = res
	fmt.Fprint(stdout, res)
	if cfg.hugo != "" {
		cmpTable := comparisonTable(results, hugoResults, cmp.Or(hugoVersion(cfg.hugo), cfg.hugo))
		sections["hugo"] = header(cfg, work) + cmpTable
		fmt.Fprint(stdout, "\n"+cmpTable)
	}
	if cfg.md != "" {
		return updateMarkdown(cfg.md, sections)
	}
	return nil
}

// pmkbBinary returns cfg.pmkb, or a pmkb built into the scratch folder.
func pmkbBinary(cfg config, sc *scratch, stderr io.Writer) (string, error) {
	if cfg.pmkb != "" {
		return cfg.pmkb, nil
	}
	bin := sc.path("pmkb")
	fmt.Fprintln(stderr, "building pmkb…")
	build := exec.Command("go", "build", "-o", bin, "github.com/pmkb/pmkb/cmd/pmkb")
	build.Stdout, build.Stderr = stderr, stderr
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("go build: %w", err)
	}
	return bin, nil
}

// updateMarkdown replaces, for each name in sections, the text between the
// lines "<!-- name -->" and "<!-- /name -->" of the file at path. Every
// section must be marked in the file.
func updateMarkdown(path string, sections map[string]string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text, err := replaceSections(string(data), sections)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

// replaceSections is updateMarkdown on a string; names are handled in
// sorted order so the result does not depend on the map.
func replaceSections(text string, sections map[string]string) (string, error) {
	names := make([]string, 0, len(sections))
	for name := range sections {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		open, end := "<!-- "+name+" -->\n", "<!-- /"+name+" -->"
		i := strings.Index(text, open)
		if i < 0 {
			return "", fmt.Errorf("no %q line", strings.TrimSpace(open))
		}
		j := strings.Index(text[i:], end)
		if j < 0 {
			return "", fmt.Errorf("no %q line after %q", end, strings.TrimSpace(open))
		}
		body := strings.TrimRight(sections[name], "\n") + "\n"
		text = text[:i+len(open)] + body + text[i+j:]
	}
	return text, nil
}

// supportsVerbose reports whether the pmkb binary's build command has a
// --verbose flag (it prints each stage with its time).
func supportsVerbose(bin string) bool {
	out, _ := exec.Command(bin, "build", "-h").CombinedOutput()
	return strings.Contains(string(out), "-verbose")
}

// buildOnce runs one full build of the site in dir into dir/public and
// measures it.
func buildOnce(bin, dir string, today model.Date, verbose bool) (sample, string, error) {
	dest := filepath.Join(dir, "public")
	if err := os.RemoveAll(dest); err != nil {
		return sample{}, "", err
	}
	args := []string{"build", "--source", dir, "--destination", dest, "--today", today.String()}
	if verbose {
		args = append(args, "--verbose")
	}
	cmd := exec.Command(bin, args...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, "", fmt.Errorf("pmkb build: %w\n%s", err, lastLines(errOut.String(), 20))
	}
	s := sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(),
		stages: parseStages(errOut.String())}
	s.maxRSS = peakRSS(cmd.ProcessState)
	return s, strings.TrimSpace(out.String()), nil
}

// parseStages reads the stage lines of `pmkb build --verbose` ("pages
// 18412  21.5s": a name, a count and a duration) from its stderr, skipping
// every other line (diagnostics).
func parseStages(stderr string) []stageTime {
	var out []stageTime
	for _, line := range strings.Split(stderr, "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || strings.Contains(f[0], ":") {
			continue
		}
		d, err := time.ParseDuration(f[len(f)-1])
		if err != nil {
			continue
		}
		if _, err := strconv.Atoi(f[len(f)-2]); err != nil {
			continue
		}
		out = append(out, stageTime{name: strings.Join(f[:len(f)-2], " "), d: d})
	}
	return out
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// du counts the regular files under dir and their bytes.
func du(dir string) (files int, bytes int64, err error) {
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		bytes += info.Size()
		return nil
	})
	return files, bytes, err
}

// summarize fills the median and minimum wall time, the median CPU time
// and the largest peak RSS from r.samples.
func (r *result) summarize() {
	walls := make([]time.Duration, len(r.samples))
	cpus := make([]time.Duration, len(r.samples))
	r.maxRSS = 0
	for i, s := range r.samples {
		walls[i], cpus[i] = s.wall, s.cpu
		r.maxRSS = max(r.maxRSS, s.maxRSS)
	}
	r.wallMedian, r.cpuMedian = median(walls), median(cpus)
	r.wallMin, r.cpuMin = slices.Min(walls), slices.Min(cpus)
	r.stages = nil
	for _, st := range r.samples[0].stages {
		var ds []time.Duration
		for _, s := range r.samples {
			if i := slices.IndexFunc(s.stages, func(x stageTime) bool { return x.name == st.name }); i >= 0 {
				ds = append(ds, s.stages[i].d)
			}
		}
		r.stages = append(r.stages, stageTime{name: st.name, d: median(ds)})
	}
}

// median returns the middle of ds (the mean of the two middle values for
// an even count); ds must not be empty. ds is not changed.
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 0 {
		return (s[m-1] + s[m]) / 2
	}
	return s[m]
}

// header describes the machine the numbers were taken on, and the file
// system of the scratch folder the sites were written to.
func header(cfg config, work string) string {
	var b strings.Builder
	if rev := cmp.Or(cfg.commit, revision()); rev != "" {
		fmt.Fprintf(&b, "Commit %s. ", rev)
	}
	fmt.Fprintf(&b, "Measured %s on %s, %d CPUs (GOMAXPROCS %d), %s RAM, %s %s/%s.\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), cmp.Or(cpuModel(), "unknown CPU"),
		runtime.NumCPU(), runtime.GOMAXPROCS(0), cmp.Or(memTotal(), "unknown"),
		runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if la := loadAverage(); la != "" {
		fmt.Fprintf(&b, "Load average when the table was printed: %s (other work on the machine inflates wall time, less so CPU time).\n", la)
	}
	where := ""
	if fs := fsType(work); fs != "" {
		where = " on " + fs
	}
	fmt.Fprintf(&b, "Corpus seed %d, mixed front-matter formats, --today %s, %d runs per size, destination%s emptied before each run.\n\n",
		cfg.seed, cfg.today, cfg.runs, where)
	return b.String()
}

// table renders the results as a Markdown table.
func table(results []result) string {
	var b strings.Builder
	b.WriteString("| postmortems | input | wall median | wall min | CPU median | CPU min | postmortems/s | peak RSS | output |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		rate := float64(r.n) / r.wallMedian.Seconds()
		fmt.Fprintf(&b, "| %d | %d files, %s | %s | %s | %s | %s | %.0f | %s | %d files, %s |\n",
			r.n, r.inFiles, mib(r.inBytes), seconds(r.wallMedian), seconds(r.wallMin),
			seconds(r.cpuMedian), seconds(r.cpuMin), rate, mib(r.maxRSS), r.outFiles, mib(r.outBytes))
	}
	return b.String()
}

// stageTable renders the stage medians as a Markdown table with a column
// per corpus size, or "" when no run reported stages.
func stageTable(results []result) string {
	var names []string
	for _, r := range results {
		for _, st := range r.stages {
			if !slices.Contains(names, st.name) {
				names = append(names, st.name)
			}
		}
	}
	if len(names) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("| stage |")
	for _, r := range results {
		fmt.Fprintf(&b, " %d |", r.n)
	}
	b.WriteString("\n|---|" + strings.Repeat("---:|", len(results)) + "\n")
	for _, name := range names {
		b.WriteString("| " + name + " |")
		for _, r := range results {
			i := slices.IndexFunc(r.stages, func(x stageTime) bool { return x.name == name })
			if i < 0 {
				b.WriteString(" – |")
				continue
			}
			fmt.Fprintf(&b, " %s |", seconds(r.stages[i].d))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func mib(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// cpuModel returns the first "model name" of /proc/cpuinfo, or "".
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// revision describes the checked-out commit ("e828927", "e828927-dirty"),
// or "" outside a Git work tree.
func revision() string {
	out, err := exec.Command("git", "describe", "--always", "--dirty").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// loadAverage returns the 1, 5 and 15 minute load averages of
// /proc/loadavg, or "".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], ", ")
}

// memTotal returns MemTotal of /proc/meminfo in GB, or "".
func memTotal() string {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err == nil {
				return fmt.Sprintf("%.1f GB", float64(kb)/(1<<20))
			}
		}
	}
	return ""
}
