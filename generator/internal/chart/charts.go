package chart

import (
	"math"
	"strings"
)

// Bars is a horizontal bar chart: one bar per label, stacked when there are
// several series. Marks, when set, draws a tick per label at that value
// (e.g. a 90th percentile next to a median bar).
type Bars struct {
	Meta
	Labels []string
	Series []Series
	// Unit follows each bar's value ("m" for minutes); empty for counts.
	Unit string
	// Marks and MarkName are optional ticks per label and their meaning.
	Marks    []float64
	MarkName string
}

// Columns is a vertical bar chart over ordered categories (periods,
// histogram bins), stacked when there are several series. With Percent the
// values are shares of 1 and the axis reads 0–100%.
type Columns struct {
	Meta
	Labels  []string
	Series  []Series
	Percent bool
}

// Lines is a line chart over ordered categories; with Percent the values
// are shares of 1.
type Lines struct {
	Meta
	Labels  []string
	Series  []Series
	Percent bool
}

// Heatmap is a matrix of counts: Values[row][col]. Darker cells hold more.
type Heatmap struct {
	Meta
	Rows, Cols []string
	Values     [][]float64
}

// value returns s.Values[i], 0 when absent, and never negative, NaN or
// infinite.
func value(s Series, i int) float64 {
	if i >= len(s.Values) {
		return 0
	}
	v := s.Values[i]
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return v
}

func stackTotal(series []Series, i int) float64 {
	t := 0.0
	for _, s := range series {
		t += value(s, i)
	}
	return t
}

// tipOf is the tooltip of value i, v formatted: "label · series: v", the
// series' tip in place of v when it has one.
func tipOf(label string, s Series, i int, v string, multi bool) string {
	if i < len(s.Tips) && s.Tips[i] != "" {
		v = s.Tips[i]
	}
	if multi {
		return label + " · " + s.Name + ": " + v
	}
	return label + ": " + v
}

// SVG draws the bars.
func (b Bars) SVG() []byte {
	if len(b.Labels) == 0 || len(b.Series) == 0 {
		return emptyChart(b.Meta)
	}
	const rowH = 22.0
	labelW := 0.0
	for _, l := range b.Labels {
		labelW = max(labelW, textWidth(l))
	}
	labelW = min(labelW, 200)
	top := titleH + 6
	if len(b.Series) > 1 || len(b.Marks) > 0 {
		top += legendH * float64(max(1, legendLines(b.Series)))
	}
	h := top + float64(len(b.Labels))*rowH + pad
	if b.Note != "" {
		h += noteH
	}
	c := newCanvas(b.Meta, h)
	legend := b.Series
	if len(b.Series) > 1 {
		c.legend(legend, titleH+12)
	}
	if len(b.Marks) > 0 {
		x := width - pad - 120
		c.line(x, titleH+3, x, titleH+13, "mark")
		c.text(x+6, titleH+12, "start", "label", fit(b.MarkName, 110))
	}
	x0 := pad + labelW + 8
	plotW := width - x0 - pad - 60
	top0 := top
	maxV := 0.0
	for i := range b.Labels {
		maxV = max(maxV, stackTotal(b.Series, i))
		if i < len(b.Marks) {
			maxV = max(maxV, b.Marks[i])
		}
	}
	scale := plotW / niceMax(maxV)
	multi := len(b.Series) > 1
	for i, l := range b.Labels {
		y := top0 + float64(i)*rowH
		c.text(x0-6, y+rowH/2+4, "end", "label", fit(l, labelW))
		x := x0
		for si, s := range b.Series {
			v := value(s, i)
			w := v * scale
			if w > 0 {
				c.rect(x, y+3, w, rowH-6, seriesClass(s, si), tipOf(l, s, i, Format(v)+b.Unit, multi))
			}
			x += w
		}
		if i < len(b.Marks) && b.Marks[i] > 0 && !math.IsInf(b.Marks[i], 0) {
			mx := x0 + b.Marks[i]*scale
			c.line(mx, y+1, mx, y+rowH-1, "mark")
			x = max(x, mx)
		}
		c.text(x+4, y+rowH/2+4, "start", "value", Format(stackTotal(b.Series, i))+b.Unit)
	}
	c.line(x0, top0, x0, top0+float64(len(b.Labels))*rowH, "axis")
	c.note(h - 6)
	return c.bytes()
}

// frame is the plot area of a chart over ordered categories.
type frame struct {
	c                  *canvas
	x0, y0, w, h, maxV float64
	n                  int
	percent            bool
}

// newFrame draws the title, legend, y grid and x labels of a categorical
// chart and returns its plot area.
func newFrame(m Meta, labels []string, series []Series, maxV float64, percent bool) *frame {
	const plotH = 180.0
	top := titleH + 8
	if len(series) > 1 {
		top += legendH * float64(legendLines(series))
	}
	labelH := 30.0
	longest := 0.0
	for _, l := range labels {
		longest = max(longest, textWidth(l))
	}
	f := &frame{x0: 48, y0: top, w: width - 48 - pad, h: plotH, n: len(labels), percent: percent}
	slot := f.w / float64(f.n)
	rotate := longest > slot-4
	if rotate {
		labelH = min(longest, 90)*0.7 + 16
	}
	total := top + plotH + labelH
	if m.Note != "" {
		total += noteH
	}
	c := newCanvas(m, total)
	f.c = c
	if len(series) > 1 {
		c.legend(series, titleH+14)
	}
	f.maxV = axisMax(maxV, percent, integral(series))
	for k := 0; k <= 4; k++ {
		v := f.maxV * float64(k) / 4
		y := f.y(v)
		c.line(f.x0, y, f.x0+f.w, y, "grid")
		c.text(f.x0-6, y+4, "end", "tick", formatValue(v, percent))
	}
	// show every step-th label so they do not overlap: a slanted label
	// needs about 22px, an upright one its width
	need := longest + 6
	if rotate {
		need = 22
	}
	step := labelStep(int(math.Ceil(float64(f.n) * need / f.w)))
	for i, l := range labels {
		if i%step != 0 {
			continue
		}
		x := f.cx(i)
		if rotate {
			c.textRotated(x+4, f.y0+f.h+12, "end", "tick", fit(l, 90), -40)
		} else {
			c.text(x, f.y0+f.h+16, "middle", "tick", l)
		}
	}
	c.line(f.x0, f.y0+f.h, f.x0+f.w, f.y0+f.h, "axis")
	c.note(total - 6)
	return f
}

// labelStep rounds a label step up to 1, 2, 3, 4, 6, 12 or a multiple of
// 12, so month labels fall on quarters or years.
func labelStep(min int) int {
	for _, s := range []int{1, 2, 3, 4, 6, 12} {
		if s >= min {
			return s
		}
	}
	return (min + 11) / 12 * 12
}

// axisMax is the top of a 4-tick value axis: 4 × a step of 1, 2 or 5
// times a power of ten, whole numbers for whole data, 100% for shares.
func axisMax(maxV float64, percent, whole bool) float64 {
	if percent {
		return 1
	}
	step := niceMax(maxV / 4)
	if whole {
		step = max(step, 1)
	}
	return 4 * step
}

// integral reports whether every value is a whole number.
func integral(series []Series) bool {
	for _, s := range series {
		for _, v := range s.Values {
			if v != math.Trunc(v) {
				return false
			}
		}
	}
	return true
}

func (f *frame) y(v float64) float64 { return f.y0 + f.h - v/f.maxV*f.h }
func (f *frame) slot() float64       { return f.w / float64(f.n) }
func (f *frame) cx(i int) float64    { return f.x0 + (float64(i)+0.5)*f.slot() }

// SVG draws the columns.
func (col Columns) SVG() []byte {
	if len(col.Labels) == 0 || len(col.Series) == 0 {
		return emptyChart(col.Meta)
	}
	maxV := 0.0
	for i := range col.Labels {
		maxV = max(maxV, stackTotal(col.Series, i))
	}
	f := newFrame(col.Meta, col.Labels, col.Series, maxV, col.Percent)
	bw := max(f.slot()*0.8, 1)
	multi := len(col.Series) > 1
	for i, l := range col.Labels {
		base := 0.0
		for si, s := range col.Series {
			v := value(s, i)
			if v == 0 {
				continue
			}
			top := f.y(base + v)
			f.c.rect(f.cx(i)-bw/2, top, bw, f.y(base)-top, seriesClass(s, si), tipOf(l, s, i, formatValue(v, col.Percent), multi))
			base += v
		}
	}
	return f.c.bytes()
}

// SVG draws the lines.
func (ln Lines) SVG() []byte {
	if len(ln.Labels) == 0 || len(ln.Series) == 0 {
		return emptyChart(ln.Meta)
	}
	maxV := 0.0
	for _, s := range ln.Series {
		for i := range ln.Labels {
			maxV = max(maxV, value(s, i))
		}
	}
	f := newFrame(ln.Meta, ln.Labels, ln.Series, maxV, ln.Percent)
	multi := len(ln.Series) > 1
	for si, s := range ln.Series {
		cls := seriesClass(s, si)
		xs, ys := make([]float64, len(ln.Labels)), make([]float64, len(ln.Labels))
		for i := range ln.Labels {
			xs[i], ys[i] = f.cx(i), f.y(min(value(s, i), f.maxV))
		}
		f.c.polyline(xs, ys, "line "+cls)
		for i, l := range ln.Labels {
			f.c.circle(xs[i], ys[i], 3, cls, tipOf(l, s, i, formatValue(value(s, i), ln.Percent), multi))
		}
	}
	return f.c.bytes()
}

// SVG draws the heat map.
func (hm Heatmap) SVG() []byte {
	if len(hm.Rows) == 0 || len(hm.Cols) == 0 {
		return emptyChart(hm.Meta)
	}
	labelW := 0.0
	for _, r := range hm.Rows {
		labelW = max(labelW, textWidth(r))
	}
	labelW = min(labelW, 180)
	colLabelH := 0.0
	for _, cl := range hm.Cols {
		colLabelH = max(colLabelH, min(textWidth(cl), 110))
	}
	colLabelH = colLabelH*0.7 + 14
	x0 := pad + labelW + 8
	cellW := min((width-x0-pad)/float64(len(hm.Cols)), 60)
	const cellH = 22.0
	top := titleH + 6
	h := top + float64(len(hm.Rows))*cellH + colLabelH + pad
	if hm.Note != "" {
		h += noteH
	}
	c := newCanvas(hm.Meta, h)
	maxV := 0.0
	for _, row := range hm.Values {
		for _, v := range row {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				maxV = max(maxV, v)
			}
		}
	}
	for ri, r := range hm.Rows {
		y := top + float64(ri)*cellH
		c.text(x0-6, y+cellH/2+4, "end", "label", fit(r, labelW))
		for ci, cl := range hm.Cols {
			v := 0.0
			if ri < len(hm.Values) {
				v = value(Series{Values: hm.Values[ri]}, ci)
			}
			level := 0
			if v > 0 && maxV > 0 {
				level = max(1, int(math.Ceil(v/maxV*6)))
			}
			cls := "h" + string(rune('0'+level))
			x := x0 + float64(ci)*cellW
			c.rect(x+1, y+1, cellW-2, cellH-2, cls, r+" × "+cl+": "+Format(v))
			if v > 0 && cellW >= 18 {
				tc := "cell"
				if level >= 5 {
					tc = "cell hi"
				}
				c.text(x+cellW/2, y+cellH/2+4, "middle", tc, Format(v))
			}
		}
	}
	yl := top + float64(len(hm.Rows))*cellH + 10
	for ci, cl := range hm.Cols {
		x := x0 + (float64(ci)+0.5)*cellW
		c.textRotated(x+4, yl, "end", "tick", fit(cl, 110), -40)
	}
	c.note(h - 6)
	return c.bytes()
}

// Describe lists label: value pairs for a Desc, e.g. "api 12, db 7".
func Describe(labels []string, values []float64, unit string, limit int) string {
	var b strings.Builder
	for i, l := range labels {
		if i == limit {
			b.WriteString(", …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		v := 0.0
		if i < len(values) {
			v = values[i]
		}
		b.WriteString(l + " " + Format(v) + unit)
	}
	return b.String()
}
