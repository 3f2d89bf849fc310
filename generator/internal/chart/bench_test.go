package chart

import (
	"strconv"
	"testing"
)

// BenchmarkStatsPage draws charts of the sizes the statistics page of a
// large knowledge base has: 15 bars, 6 trend lines over 24 quarters, a
// 12 × 12 heat map, 72 monthly columns and 5-series stacked columns, plus
// 60 small per-term column charts.
func BenchmarkStatsPage(b *testing.B) {
	labels := func(n int, prefix string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = prefix + strconv.Itoa(i)
		}
		return out
	}
	series := func(k, n int) []Series {
		out := make([]Series, k)
		for s := range out {
			out[s] = Series{Name: "series " + strconv.Itoa(s), Class: "sev" + strconv.Itoa(s), Values: make([]float64, n)}
			for i := range out[s].Values {
				out[s].Values[i] = float64((i*7 + s*13) % 40)
			}
		}
		return out
	}
	m := Meta{ID: "c", Title: "Chart", Desc: "A chart.", Empty: "No data"}
	heat := make([][]float64, 12)
	for i := range heat {
		heat[i] = series(1, 12)[0].Values
	}
	charts := []interface{ SVG() []byte }{
		Bars{Meta: m, Labels: labels(15, "cause-"), Series: series(1, 15)},
		Bars{Meta: m, Labels: labels(15, "system-"), Series: series(4, 15)},
		Lines{Meta: m, Labels: labels(24, "2020-Q"), Series: series(6, 24)},
		Heatmap{Meta: m, Rows: labels(12, "cause-"), Cols: labels(12, "system-"), Values: heat},
		Columns{Meta: m, Labels: labels(72, "2020-"), Series: series(1, 72)},
		Columns{Meta: m, Labels: labels(24, "2020-Q"), Series: series(5, 24), Percent: true},
		Bars{Meta: m, Labels: labels(10, "p-"), Series: series(1, 10), Unit: "m", Marks: series(1, 10)[0].Values, MarkName: "p90"},
	}
	for range 60 {
		charts = append(charts, Columns{Meta: m, Labels: labels(20, "2021-Q"), Series: series(1, 20)})
	}
	b.ResetTimer()
	for range b.N {
		for _, c := range charts {
			if len(c.SVG()) == 0 {
				b.Fatal("empty chart")
			}
		}
	}
}
