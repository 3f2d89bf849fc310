package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The issue that set the build's time target compares it with Hugo ("Hugo
// renders a corpus like this in about 9 s with 1.8 GB"), a number taken on
// another machine. With -hugo BIN, pmkb-bench runs that Hugo binary on the
// same corpus, in turn with pmkb, so that the two are compared on one
// machine under the same load.
//
// The Hugo site is deliberately lean, so it does far less than pmkb: a
// page per postmortem with its facts, term links, timeline, action items
// and body; the postmortem list; term pages and indexes for systems,
// causes, teams and tags; Hugo's default RSS feeds and sitemap. No search
// index, statistics, action-item pages or data exports. The navigation is
// written out: `range site.Sections` in the base template made Hugo 0.165
// five times slower at 10,000 pages.

// hugoConfig is the site configuration; %s is the corpus's content folder.
const hugoConfig = `baseURL = "https://example.org/"
title = "Postmortems"
contentDir = %s
[taxonomies]
  system = "systems"
  cause = "causes"
  team = "teams"
  tag = "tags"
`

// hugoLayouts are the templates of the lean theme, by path under layouts/.
var hugoLayouts = map[string]string{
	"_default/baseof.html": `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} – {{ site.Title }}</title></head>
<body><header><nav><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<a href="{{ "/postmortems/" | relURL }}">Postmortems</a> <a href="{{ "/systems/" | relURL }}">Systems</a>
<a href="{{ "/causes/" | relURL }}">Causes</a> <a href="{{ "/teams/" | relURL }}">Teams</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
`,
	"_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Params.severity }} <time>{{ .Date.Format "2006-01-02" }}</time></p>
<p>{{ .Params.summary }}</p>
<dl><dt>Systems</dt><dd>{{ range .GetTerms "systems" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd>
<dt>Causes</dt><dd>{{ range .GetTerms "causes" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd>
<dt>Teams</dt><dd>{{ range .GetTerms "teams" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd>
<dt>Impact</dt><dd>{{ .Params.impact }}</dd></dl>
<table>{{ range $k, $v := .Params.timeline }}<tr><th>{{ $k }}</th><td>{{ $v }}</td></tr>{{ end }}</table>
<table>{{ range .Params.action_items }}<tr><td>{{ .id }}</td><td>{{ .title }}</td><td>{{ .owner }}</td><td>{{ .due }}</td><td>{{ .status }}</td></tr>{{ end }}</table>
{{ with .Params.related }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ .Content }}</article>{{ end }}
`,
	"_default/list.html":  hugoList,
	"_default/terms.html": hugoList,
}

const hugoList = `{{ define "main" }}<h1>{{ .Title }}</h1>
<table>{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.severity }}</td><td>{{ .Date.Format "2006-01-02" }}</td><td>{{ with .Params.systems }}{{ delimit . ", " }}{{ end }}</td></tr>{{ end }}</table>{{ end }}
`

// writeHugoSite writes the lean Hugo site into dir, reading its content
// from contentDir (the corpus's content folder, absolute).
func writeHugoSite(dir, contentDir string) error {
	files := map[string]string{"hugo.toml": fmt.Sprintf(hugoConfig, strconv.Quote(contentDir))}
	for p, text := range hugoLayouts {
		files[filepath.Join("layouts", p)] = text
	}
	for p, text := range files {
		path := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// hugoOnce runs one full Hugo build of the site in dir into dir/public
// and measures it as buildOnce measures pmkb.
func hugoOnce(bin, dir string) (sample, error) {
	dest := filepath.Join(dir, "public")
	if err := os.RemoveAll(dest); err != nil {
		return sample{}, err
	}
	cmd := exec.Command(bin, "--source", dir, "--destination", dest, "--quiet")
	var errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &errOut, &errOut
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("hugo: %w\n%s", err, lastLines(errOut.String(), 20))
	}
	s := sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	s.maxRSS = peakRSS(cmd.ProcessState)
	return s, nil
}

// hugoVersion is the first line of `hugo version`, or "".
func hugoVersion(bin string) string {
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}

// comparisonTable renders pmkb's and Hugo's results for each size side by
// side: the same columns as table, one row per tool.
func comparisonTable(pmkb, hugo []result, version string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Hugo: %s, the lean theme of cmd/pmkb-bench/hugo.go, runs taken in turn with pmkb's.\n\n", version)
	b.WriteString("| postmortems | tool | wall median | wall min | CPU median | CPU min | peak RSS | output |\n")
	b.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|\n")
	for i := range pmkb {
		for _, r := range []struct {
			tool string
			r    result
		}{{"pmkb", pmkb[i]}, {"Hugo", hugo[i]}} {
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s | %d files, %s |\n",
				r.r.n, r.tool, seconds(r.r.wallMedian), seconds(r.r.wallMin), seconds(r.r.cpuMedian),
				seconds(r.r.cpuMin), mib(r.r.maxRSS), r.r.outFiles, mib(r.r.outBytes))
		}
	}
	return b.String()
}
