package main

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pmkb/pmkb/generator"
)

// profile builds the largest corpus once in this process with the CPU
// profiler on, times the facade's stages, writes the profiles and prints
// where the CPU time and the allocations went, stage by stage.
func profile(cfg config, sc *scratch, stderr io.Writer) (string, error) {
	n := cfg.sizes[len(cfg.sizes)-1]
	if err := os.MkdirAll(cfg.profile, 0o755); err != nil {
		return "", err
	}
	dir := sc.path(fmt.Sprintf("corpus-%d", n))
	dest := sc.path(fmt.Sprintf("profile-%d", n))
	path := func(kind string) string { return filepath.Join(cfg.profile, fmt.Sprintf("%s-%d.prof", kind, n)) }
	fmt.Fprintf(stderr, "profiling n=%d in process…\n", n)

	runtime.MemProfileRate = 64 << 10
	runtime.GC()
	cpuFile, err := os.Create(path("cpu"))
	if err != nil {
		return "", err
	}
	defer cpuFile.Close()
	if err := pprof.StartCPUProfile(cpuFile); err != nil {
		return "", err
	}
	// One streamed build, as pmkb build runs it: every file is written to
	// the staging folder as it is made. The heap is recorded as the pages
	// are done, before the exports: about the build's peak.
	var (
		stages  []stageTime
		heapErr error
		ms      runtime.MemStats
	)
	last := time.Now()
	opts := generator.Options{Source: os.DirFS(dir), Today: cfg.today, Version: "pmkb bench",
		Progress: func(stage string, _ int) {
			now := time.Now()
			stages = append(stages, stageTime{name: stage, d: now.Sub(last)})
			if strings.HasPrefix(stage, "pages") {
				heapErr = writeProfile("heap", path("heap"))
				runtime.ReadMemStats(&ms)
			}
			last = time.Now() // the heap snapshot is not the build's time
		}}
	site, _, err := generator.BuildAndPublish(context.Background(), opts, dest, generator.PublishOptions{SourceDir: dir})
	pprof.StopCPUProfile()
	if err != nil {
		if site != nil && site.Diagnostics != nil && site.Diagnostics.HasErrors() {
			return "", fmt.Errorf("profile build: %w; first: %s", err, site.Diagnostics.Items()[0])
		}
		return "", fmt.Errorf("profile build: %w", err)
	}
	if heapErr != nil {
		return "", heapErr
	}
	if err := cpuFile.Close(); err != nil {
		return "", err
	}
	if err := writeProfile("allocs", path("allocs")); err != nil {
		return "", err
	}
	var total runtime.MemStats
	runtime.ReadMemStats(&total)

	var b strings.Builder
	var times []string
	for _, st := range stages {
		times = append(times, fmt.Sprintf("%s %s", st.name, seconds(st.d)))
	}
	fmt.Fprintf(&b, "In-process streamed build of %d postmortems with the CPU profiler on: %s; %s allocated in all, %s live once the pages were written (%s heap in use).\n\n",
		n, strings.Join(times, ", "), mib(int64(total.TotalAlloc)), mib(int64(ms.HeapAlloc)), mib(int64(ms.HeapInuse)))
	for _, p := range []struct{ title, file, index string }{
		{"CPU time of the build", path("cpu"), ""},
		{"Bytes allocated by the build", path("allocs"), "alloc_space"},
		{"Bytes live once the pages were written", path("heap"), "inuse_space"},
	} {
		rows, err := splitProfile(p.file, p.index)
		if err != nil {
			fmt.Fprintf(&b, "%s: %v\n\n", p.title, err)
			continue
		}
		fmt.Fprintf(&b, "%s (%s):\n\n%s\n", p.title, p.file, splitTable(rows, p.index != ""))
	}
	return b.String(), nil
}

// writeProfile writes the named runtime profile to path after a garbage
// collection, so in-use figures are current.
func writeProfile(name, path string) error {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		return err
	}
	return f.Close()
}

// splitProfile reads a profile through `go tool pprof -traces` and splits
// its samples by stage.
func splitProfile(file, sampleIndex string) ([]stageRow, error) {
	args := []string{"tool", "pprof", "-traces"}
	if sampleIndex != "" {
		args = append(args, "-sample_index="+sampleIndex)
	}
	out, err := exec.Command("go", append(args, file)...).Output()
	if err != nil {
		return nil, fmt.Errorf("go tool pprof: %w", err)
	}
	traces, err := parseTraces(strings.NewReader(string(out)))
	if err != nil {
		return nil, err
	}
	return split(traces), nil
}

// trace is one sample of `pprof -traces`: its value (nanoseconds or bytes)
// and its frames, leaf first.
type trace struct {
	value  float64
	frames []string
}

// parseTraces reads the text of `go tool pprof -traces`: blocks separated
// by "-----------+----" lines, the first line of each holding the value
// and the leaf function, the following ones the callers; label lines
// ("bytes:  256kB") before the first are skipped.
func parseTraces(r io.Reader) ([]trace, error) {
	var out []trace
	var cur *trace
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "-----------+"):
			cur = nil
		case cur == nil && strings.HasPrefix(line, " "):
			fields := strings.Fields(line)
			if len(fields) < 2 || strings.HasSuffix(fields[0], ":") {
				continue // a label line such as "bytes:  256kB"
			}
			v, err := parseValue(fields[0])
			if err != nil {
				return nil, err
			}
			out = append(out, trace{value: v, frames: []string{fields[1]}})
			cur = &out[len(out)-1]
		case cur != nil && strings.TrimSpace(line) != "":
			cur.frames = append(cur.frames, strings.Fields(line)[0])
		}
	}
	return out, sc.Err()
}

// units maps the suffixes pprof prints to nanoseconds or bytes.
var units = []struct {
	suffix string
	factor float64
}{
	{"ns", 1}, {"us", 1e3}, {"µs", 1e3}, {"ms", 1e6}, {"hrs", 3600e9}, {"mins", 60e9}, {"s", 1e9},
	{"kB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"TB", 1 << 40}, {"B", 1},
}

// parseValue reads a pprof value such as "10ms", "1.50MB" or "0".
func parseValue(s string) (float64, error) {
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			v, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return 0, fmt.Errorf("pprof value %q: %w", s, err)
			}
			return v * u.factor, nil
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("pprof value %q: %w", s, err)
	}
	return v, nil
}

const (
	modulePrefix   = "github.com/pmkb/pmkb/"
	internalPrefix = modulePrefix + "generator/internal/"
	facadePrefix   = modulePrefix + "generator."
)

// stageRow is the share of one stage, with its largest parts.
type stageRow struct {
	stage string
	value float64
	share float64 // of the profile's total
	parts []part
}

type part struct {
	name  string
	value float64
}

// split attributes every sample to a stage, the outermost package of
// pmkb's generator/internal on its stack ("render", "source", …), or to
// the facade, the garbage collector, this program's own work (generating
// the corpus, writing profiles) or "other"; and within a stage to a
// part: the first library below the stage's own code ("yuin/goldmark",
// "text/template"), "own code" when the sample ends in pmkb, with samples
// in the syntax highlighter always counted as "alecthomas/chroma".
func split(traces []trace) []stageRow {
	byStage := map[string]*stageRow{}
	var total float64
	for _, t := range traces {
		if t.value == 0 {
			continue
		}
		total += t.value
		stage, p := classify(t.frames)
		r := byStage[stage]
		if r == nil {
			r = &stageRow{stage: stage}
			byStage[stage] = r
		}
		r.value += t.value
		i := slices.IndexFunc(r.parts, func(q part) bool { return q.name == p })
		if i < 0 {
			r.parts = append(r.parts, part{name: p})
			i = len(r.parts) - 1
		}
		r.parts[i].value += t.value
	}
	rows := make([]stageRow, 0, len(byStage))
	for _, r := range byStage {
		r.share = r.value / total
		slices.SortFunc(r.parts, func(a, b part) int {
			return cmp.Or(cmp.Compare(b.value, a.value), cmp.Compare(a.name, b.name))
		})
		rows = append(rows, *r)
	}
	slices.SortFunc(rows, func(a, b stageRow) int {
		return cmp.Or(cmp.Compare(b.value, a.value), cmp.Compare(a.stage, b.stage))
	})
	return rows
}

// classify names the stage and the part of one stack, given leaf first.
func classify(frames []string) (stage, part string) {
	entry := -1 // index of the outermost frame of the stage
	for i := len(frames) - 1; i >= 0; i-- {
		f := frames[i]
		if rest, ok := strings.CutPrefix(f, internalPrefix); ok {
			stage, _, _ = strings.Cut(rest, ".")
			stage, _, _ = strings.Cut(stage, "/")
			entry = i
			break
		}
		if strings.HasPrefix(f, facadePrefix) && stage == "" {
			stage, entry = "generator (facade)", i
		}
	}
	if entry < 0 {
		if slices.ContainsFunc(frames, func(f string) bool {
			return strings.HasPrefix(f, modulePrefix+"generator/corpus.") || strings.HasPrefix(f, "runtime/pprof.")
		}) {
			return "harness (corpus, profiler)", "-"
		}
		if slices.ContainsFunc(frames, func(f string) bool { return strings.HasPrefix(f, "runtime.gcBgMarkWorker") }) {
			return "GC (background)", "runtime"
		}
		return "other", library(frames[len(frames)-1])
	}
	if slices.ContainsFunc(frames[:entry], func(f string) bool { return strings.HasPrefix(f, "github.com/alecthomas/chroma") }) {
		return stage, "alecthomas/chroma"
	}
	for i := entry - 1; i >= 0; i-- {
		if !strings.HasPrefix(frames[i], modulePrefix) {
			return stage, library(frames[i])
		}
	}
	return stage, "own code"
}

// library names the package a function belongs to: "yuin/goldmark" for
// github.com/yuin/goldmark/parser.(*parser).Parse, "text/template" for
// text/template.(*state).walk, "runtime" for runtime.mallocgc.
func library(fn string) string {
	if i := strings.IndexByte(fn, '['); i >= 0 {
		fn = fn[:i] // type arguments of a generic function
	}
	slash := strings.LastIndex(fn, "/")
	dot := strings.Index(fn[slash+1:], ".")
	pkg := fn
	if dot >= 0 {
		pkg = fn[:slash+1+dot]
	}
	if rest, ok := strings.CutPrefix(pkg, "github.com/"); ok {
		parts := strings.SplitN(rest, "/", 3)
		if len(parts) >= 2 {
			return parts[0] + "/" + parts[1]
		}
		return rest
	}
	if strings.HasPrefix(pkg, "runtime") || strings.HasPrefix(pkg, "internal/") {
		return "runtime"
	}
	return pkg
}

// splitTable renders rows as a Markdown table; bytes says the values are
// bytes (else nanoseconds).
func splitTable(rows []stageRow, bytes bool) string {
	var b strings.Builder
	b.WriteString("| stage | share | amount | largest parts |\n|---|---:|---:|---|\n")
	for _, r := range rows {
		var parts []string
		for i, p := range r.parts {
			if i == 4 || p.value/r.value < 0.03 {
				break
			}
			parts = append(parts, fmt.Sprintf("%s %.0f%%", p.name, 100*p.value/r.value))
		}
		fmt.Fprintf(&b, "| %s | %.1f%% | %s | %s |\n", r.stage, 100*r.share, amount(r.value, bytes), strings.Join(parts, ", "))
	}
	return b.String()
}

// amount formats a byte count in MB or nanoseconds in seconds.
func amount(v float64, bytes bool) string {
	if bytes {
		return mib(int64(v))
	}
	return fmt.Sprintf("%.2f s", v/1e9)
}
