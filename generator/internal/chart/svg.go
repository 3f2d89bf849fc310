// Package chart draws the small set of charts the stats page needs (bars,
// stacked columns, a heat map, lines) as self-contained SVG documents.
//
// Every chart is well-formed XML with role="img", a <title> and a <desc>
// (the text alternative) referenced by aria-labelledby, and an embedded
// <style> whose classes a page may override, with a prefers-color-scheme:
// dark variant. Nothing is fetched from elsewhere, no inline style
// attributes are written, and every label passes through encoding/xml's
// escaping (invalid UTF-8 and control characters become U+FFFD). The same
// input always gives the same bytes.
//
// It is a small writer rather than a chart library: the libraries looked at
// write inline style attributes with fixed colours (not themable, and
// blocked by a strict Content-Security-Policy), emit no <title>/<desc> or
// ARIA, and measure text with embedded TrueType fonts.
package chart

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Meta is what every chart has besides its data.
type Meta struct {
	// ID names the chart within a page; the ids of its <title> and <desc>
	// derive from it. Characters outside [A-Za-z0-9_-] are replaced.
	ID string
	// Title is the chart's name, drawn at the top and read by screen
	// readers.
	Title string
	// Desc is the text alternative: what the chart shows, in a sentence or
	// two, with the key numbers.
	Desc string
	// Note is an optional line under the chart (sample sizes, caveats).
	Note string
	// Empty is the message drawn when there is no data; default "No data".
	Empty string
}

// Series is one named row of values; Class, when set, replaces the default
// colour class ("s0", "s1", …), e.g. "sev0" for the worst severity. Tips,
// when set, are what the tooltips say after the series name in place of
// the values, one per value ("" keeps the value): for a segment whose
// length is not the figure a reader knows, e.g. the not-overdue part of
// the items not closed, tooltipped with all those not closed.
type Series struct {
	Name   string
	Class  string
	Values []float64
	Tips   []string
}

// Style is the CSS embedded in every chart. Pages may restyle the same
// classes; the dark variant follows the reader's colour scheme. It holds no
// quotes or markup characters, so it reads the same in an SVG file and
// inlined in HTML.
const Style = `.chart{font-family:system-ui,-apple-system,sans-serif;font-size:12px}
.bg{fill:#ffffff}.fg,.label,.value,.title,.note,.empty{fill:#1f2328}
.title{font-size:14px;font-weight:600}.note{font-size:11px;fill:#57606a}.empty{font-size:14px;fill:#57606a}
.axis{stroke:#57606a;stroke-width:1}.grid{stroke:#d0d7de;stroke-width:1}.tick{fill:#57606a;font-size:11px}
.mark{stroke:#1f2328;stroke-width:2}.chart polyline.line{fill:none;stroke-width:2}
.s0{fill:#0072b2;stroke:#0072b2}.s1{fill:#e69f00;stroke:#e69f00}.s2{fill:#009e73;stroke:#009e73}.s3{fill:#cc79a7;stroke:#cc79a7}
.s4{fill:#56b4e9;stroke:#56b4e9}.s5{fill:#d55e00;stroke:#d55e00}.s6{fill:#8c6d1f;stroke:#8c6d1f}.s7{fill:#8b949e;stroke:#8b949e}
.sev0{fill:#b3261e;stroke:#b3261e}.sev1{fill:#c2410c;stroke:#c2410c}.sev2{fill:#a16207;stroke:#a16207}.sev3{fill:#4d7c0f;stroke:#4d7c0f}.sev4{fill:#0e7490;stroke:#0e7490}.sev5{fill:#6b7280;stroke:#6b7280}
.h0{fill:#f6f8fa}.h1{fill:#dbeafe}.h2{fill:#bfdbfe}.h3{fill:#93c5fd}.h4{fill:#60a5fa}.h5{fill:#2563eb}.h6{fill:#1e3a8a}
.cell{font-size:11px;fill:#1f2328}.cell.hi{fill:#ffffff}
@media (prefers-color-scheme:dark){
.bg{fill:#0d1117}.fg,.label,.value,.title,.cell{fill:#e6edf3}.note,.empty,.tick{fill:#8b949e}
.axis{stroke:#8b949e}.grid{stroke:#30363d}.mark{stroke:#e6edf3}
.s0{fill:#56b4e9;stroke:#56b4e9}.s4{fill:#f0e442;stroke:#f0e442}.s6{fill:#bc8cff;stroke:#bc8cff}
.sev0{fill:#f85149;stroke:#f85149}.sev1{fill:#f0883e;stroke:#f0883e}.sev2{fill:#d29922;stroke:#d29922}.sev3{fill:#7ee787;stroke:#7ee787}.sev4{fill:#39c5cf;stroke:#39c5cf}
.h0{fill:#161b22}.h1{fill:#0c2d6b}.h2{fill:#0d419d}.h3{fill:#1158c7}.h4{fill:#1f6feb}.h5{fill:#388bfd}.h6{fill:#79c0ff}.cell.hi{fill:#0d1117}
}`

// Layout constants shared by the charts.
const (
	width     = 640.0
	pad       = 10.0
	titleH    = 24.0
	legendH   = 20.0
	noteH     = 18.0
	fontPx    = 12.0
	charW     = 7.0  // estimated advance of a narrow character at 12px
	wideCharW = 12.0 // and of a wide (CJK) one
)

// canvas accumulates one SVG document.
type canvas struct {
	b    bytes.Buffer
	meta Meta
	id   string
}

// newCanvas starts a document of the given height with its title, desc,
// style and background; the title is drawn when present.
func newCanvas(m Meta, h float64) *canvas {
	c := &canvas{meta: m, id: safeID(m.ID)}
	c.raw(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="`)
	c.num(width)
	c.raw(`" height="`)
	c.num(h)
	c.raw(`" viewBox="0 0 `)
	c.num(width)
	c.raw(" ")
	c.num(h)
	c.raw(`" aria-labelledby="` + c.id + `-title ` + c.id + `-desc">` + "\n")
	c.raw(`<title id="` + c.id + `-title">`)
	c.esc(m.Title)
	c.raw("</title>\n")
	c.raw(`<desc id="` + c.id + `-desc">`)
	c.esc(m.Desc)
	c.raw("</desc>\n<style>" + Style + "</style>\n") // Style has no markup characters (tested)
	c.rect(0, 0, width, h, "bg", "")
	if m.Title != "" {
		c.text(pad, 17, "start", "title", fit(m.Title, width-2*pad))
	}
	return c
}

func (c *canvas) raw(s string) { c.b.WriteString(s) }

// esc writes s escaped for XML text or an attribute value.
func (c *canvas) esc(s string) { _ = xml.EscapeText(&c.b, []byte(s)) }

// num writes v with at most two decimals, no exponent and no "-0".
func (c *canvas) num(v float64) { c.raw(fmtCoord(v)) }

func fmtCoord(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// rect draws a rectangle; tip, when set, becomes its <title> (a tooltip).
func (c *canvas) rect(x, y, w, h float64, class, tip string) {
	c.raw(`<rect x="`)
	c.num(x)
	c.raw(`" y="`)
	c.num(y)
	c.raw(`" width="`)
	c.num(max(w, 0))
	c.raw(`" height="`)
	c.num(max(h, 0))
	c.raw(`" class="` + class + `"`)
	c.closeWithTip(tip, "rect")
}

func (c *canvas) closeWithTip(tip, elem string) {
	if tip == "" {
		c.raw("/>\n")
		return
	}
	c.raw("><title>")
	c.esc(tip)
	c.raw("</title></" + elem + ">\n")
}

// text draws s; anchor is "start", "middle" or "end".
func (c *canvas) text(x, y float64, anchor, class, s string) {
	c.textRotated(x, y, anchor, class, s, 0)
}

// textTip draws s with tip, when set, as the text's <title> (a tooltip).
func (c *canvas) textTip(x, y float64, anchor, class, s, tip string) {
	c.raw(`<text x="`)
	c.num(x)
	c.raw(`" y="`)
	c.num(y)
	c.raw(`" text-anchor="` + anchor + `" class="` + class + `">`)
	if tip != "" {
		c.raw("<title>")
		c.esc(tip)
		c.raw("</title>")
	}
	c.esc(s)
	c.raw("</text>\n")
}

func (c *canvas) textRotated(x, y float64, anchor, class, s string, deg float64) {
	c.raw(`<text x="`)
	c.num(x)
	c.raw(`" y="`)
	c.num(y)
	c.raw(`" text-anchor="` + anchor + `" class="` + class + `"`)
	if deg != 0 {
		c.raw(` transform="rotate(`)
		c.num(deg)
		c.raw(" ")
		c.num(x)
		c.raw(" ")
		c.num(y)
		c.raw(`)"`)
	}
	c.raw(">")
	c.esc(s)
	c.raw("</text>\n")
}

func (c *canvas) line(x1, y1, x2, y2 float64, class string) {
	c.raw(`<line x1="`)
	c.num(x1)
	c.raw(`" y1="`)
	c.num(y1)
	c.raw(`" x2="`)
	c.num(x2)
	c.raw(`" y2="`)
	c.num(y2)
	c.raw(`" class="` + class + `"/>` + "\n")
}

func (c *canvas) circle(x, y, r float64, class, tip string) {
	c.raw(`<circle cx="`)
	c.num(x)
	c.raw(`" cy="`)
	c.num(y)
	c.raw(`" r="`)
	c.num(r)
	c.raw(`" class="` + class + `"`)
	c.closeWithTip(tip, "circle")
}

func (c *canvas) polyline(xs, ys []float64, class string) {
	c.raw(`<polyline points="`)
	for i := range xs {
		if i > 0 {
			c.raw(" ")
		}
		c.num(xs[i])
		c.raw(",")
		c.num(ys[i])
	}
	c.raw(`" class="` + class + `"/>` + "\n")
}

// note draws the meta note at y when there is one.
func (c *canvas) note(y float64) {
	if c.meta.Note != "" {
		c.text(pad, y, "start", "note", fit(c.meta.Note, width-2*pad))
	}
}

// legend draws one swatch and name per series, the first line at y: in
// equal slots on one line when every name fits one, otherwise one after
// the other, wrapping to further lines (see legendLines). A name wider than
// the whole line is shortened with "…" and keeps its full text as a
// <title> (a tooltip).
func (c *canvas) legend(series []Series, y float64) {
	for i, e := range legendLayout(series) {
		s := series[i]
		tip := ""
		if e.name != s.Name {
			tip = s.Name
		}
		ey := y + float64(e.line)*legendH
		c.rect(e.x, ey-9, 10, 10, seriesClass(s, i), tip)
		c.textTip(e.x+14, ey, "start", "label", e.name, tip)
	}
}

// legendGap is the width of a legend entry besides its name: the swatch,
// the space after it and the space before the next entry.
const legendGap = 18 + 8

// legendEntry is where one series' legend entry goes and the name it
// shows.
type legendEntry struct {
	x    float64
	line int
	name string
}

// legendLayout places the legend entries of series (none for fewer than
// two).
func legendLayout(series []Series) []legendEntry {
	if len(series) < 2 {
		return nil
	}
	lineW := width - 2*pad
	out := make([]legendEntry, len(series))
	equal := lineW / float64(len(series))
	fits := true
	for _, s := range series {
		fits = fits && textWidth(s.Name)+legendGap <= equal
	}
	x, line := 0.0, 0
	for i, s := range series {
		w := equal
		if !fits {
			w = min(textWidth(s.Name)+legendGap, lineW)
			if x > 0 && x+w-8 > lineW { // the last entry needs no space after it
				x, line = 0, line+1
			}
		}
		out[i] = legendEntry{x: pad + x, line: line, name: fit(s.Name, w-legendGap)}
		x += w
	}
	return out
}

// legendLines is how many lines the legend of series takes (0 for fewer
// than two series).
func legendLines(series []Series) int {
	e := legendLayout(series)
	if len(e) == 0 {
		return 0
	}
	return e[len(e)-1].line + 1
}

func (c *canvas) bytes() []byte {
	c.raw("</svg>\n")
	return c.b.Bytes()
}

// emptyChart is the chart drawn when there is nothing to show.
func emptyChart(m Meta) []byte {
	h := titleH + 80
	c := newCanvas(m, h)
	msg := m.Empty
	if msg == "" {
		msg = "No data"
	}
	c.text(width/2, titleH+40, "middle", "empty", fit(msg, width-2*pad))
	return c.bytes()
}

func seriesClass(s Series, i int) string {
	if s.Class != "" {
		return safeClass(s.Class)
	}
	return "s" + strconv.Itoa(i%8)
}

// safeID keeps [A-Za-z0-9_-] and makes the rest "-", with a letter first.
func safeID(s string) string {
	var b strings.Builder
	b.WriteString("chart-")
	for _, r := range s {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

func safeClass(s string) string { return strings.TrimPrefix(safeID(s), "chart-") }

// textWidth estimates the drawn width of s at 12px.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

func runeWidth(r rune) float64 {
	if r >= 0x1100 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xff60)) {
		return wideCharW
	}
	return charW
}

// fit shortens s with "…" so it is at most w wide.
func fit(s string, w float64) string {
	if textWidth(s) <= w {
		return s
	}
	budget := w - charW
	var b strings.Builder
	used := 0.0
	for _, r := range s {
		rw := runeWidth(r)
		if used+rw > budget {
			break
		}
		used += rw
		b.WriteRune(r)
	}
	return b.String() + "…"
}

// niceMax rounds v up to 1, 2 or 5 times a power of ten (1 for v ≤ 0).
func niceMax(v float64) float64 {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 1
	}
	exp := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*exp >= v {
			return m * exp
		}
	}
	return 10 * exp
}

// Format writes v as an integer when it is one, else with one decimal.
func Format(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// formatValue formats v as a percentage of 1 when percent is set.
func formatValue(v float64, percent bool) string {
	if percent {
		return Format(math.Round(v*1000)/10) + "%"
	}
	return Format(v)
}

// StyleHash is the Content-Security-Policy source that allows the embedded
// <style> of every chart ("'sha256-…'"), for a style-src without
// 'unsafe-inline'.
func StyleHash() string {
	sum := sha256.Sum256([]byte(Style))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
