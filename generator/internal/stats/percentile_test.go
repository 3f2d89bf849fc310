package stats

import (
	"math"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

func TestPercentile(t *testing.T) {
	tests := []struct {
		name   string
		sorted []float64
		p      float64
		want   float64
		ok     bool
	}{
		{"empty", nil, 50, 0, false},
		{"one value median", []float64{7}, 50, 7, true},
		{"one value p90", []float64{7}, 90, 7, true},
		{"two values median is mean", []float64{1, 3}, 50, 2, true},
		{"two values p90", []float64{1, 3}, 90, 2.8, true},
		{"identical values", []float64{5, 5, 5, 5}, 90, 5, true},
		{"zero durations count", []float64{0, 0, 10}, 50, 0, true},
		{"odd median is middle", []float64{1, 2, 3, 4, 1000}, 50, 3, true},
		{"heavy tail p90", []float64{1, 2, 3, 4, 1000}, 90, 601.6, true},
		{"one to ten p90", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90, 9.1, true},
		{"p0 is min", []float64{2, 4, 8}, 0, 2, true},
		{"p100 is max", []float64{2, 4, 8}, 100, 8, true},
		{"p above 100 clamps", []float64{2, 4, 8}, 150, 8, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Percentile(tt.sorted, tt.p)
			if ok != tt.ok || math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Percentile(%v, %v) = %v, %v; want %v, %v", tt.sorted, tt.p, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		name      string
		values    []float64
		missing   int
		n         int
		median    float64
		p90       float64
		smallN    bool
		histogram []int
	}{
		{"none", nil, 3, 0, 0, 0, true, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
		{"heavy tail", []float64{4, 12, 20, 45, 90, 5000}, 0, 6, 32.5, 2545, false,
			[]int{1, 1, 1, 1, 1, 0, 0, 0, 0, 1}},
		{"bin edges go up", []float64{5, 15, 1440, 4320}, 1, 4, 727.5, 3456, true,
			[]int{0, 1, 1, 0, 0, 0, 0, 0, 1, 1}},
		{"identical", []float64{0, 0, 0, 0, 0}, 0, 5, 0, 0, false, []int{5, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := summarize("k", tt.values, tt.missing)
			if s.N != tt.n || s.Missing != tt.missing || s.SmallN != tt.smallN {
				t.Errorf("n=%d missing=%d small=%v; want %d %d %v", s.N, s.Missing, s.SmallN, tt.n, tt.missing, tt.smallN)
			}
			if tt.n == 0 {
				if s.Median != nil || s.P90 != nil || s.Min != nil || s.Max != nil {
					t.Errorf("empty group has figures: %+v", s)
				}
			} else if math.Abs(*s.Median-tt.median) > 1e-9 || math.Abs(*s.P90-tt.p90) > 1e-9 { // exact: the JSON rounds
				t.Errorf("median=%v p90=%v; want %v %v", *s.Median, *s.P90, tt.median, tt.p90)
			}
			for i, c := range tt.histogram {
				if s.Histogram[i] != c {
					t.Fatalf("histogram = %v; want %v", s.Histogram, tt.histogram)
				}
			}
		})
	}
}

func TestDurationOf(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name     string
		timeline model.Timeline
		metric   string
		want     float64
		ok       bool
	}{
		{"no timeline", model.Timeline{}, TimeToDetect, 0, false},
		{"missing detected", model.Timeline{Started: at("2024-01-01T10:00:00Z"), Resolved: at("2024-01-01T11:00:00Z")}, TimeToDetect, 0, false},
		{"missing started", model.Timeline{Detected: at("2024-01-01T10:00:00Z")}, TimeToDetect, 0, false},
		{"identical times are zero, counted", model.Timeline{Started: at("2024-01-01T10:00:00Z"), Detected: at("2024-01-01T10:00:00Z")}, TimeToDetect, 0, true},
		{"instants across zones", model.Timeline{Started: at("2024-01-01T09:00:00+09:00"), Detected: at("2024-01-01T00:30:00Z")}, TimeToDetect, 30, true},
		{"across midnight", model.Timeline{Started: at("2024-01-01T23:50:00Z"), Mitigated: at("2024-01-02T00:20:00Z")}, TimeToMitigate, 30, true},
		{"out of order is excluded", model.Timeline{Started: at("2024-01-01T10:00:00Z"), Resolved: at("2024-01-01T09:00:00Z")}, TimeToResolve, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := durationOf(&model.Postmortem{Timeline: tt.timeline}, tt.metric)
			if got != tt.want || ok != tt.ok {
				t.Errorf("durationOf = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
