package model

import (
	"fmt"
	"math"
	"testing"
)

func TestDateCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2024-03-14", "2024-03-14", 0},
		{"2024-03-14", "2024-03-15", -1},
		{"2024-03-31", "2024-04-01", -1},
		{"2024-12-31", "2025-01-01", -1},
		{"2025-01-01", "2024-12-31", 1},
		{"2024-02-29", "2024-02-28", 1},
		{"0001-01-01", "9999-12-31", -1},
	}
	for _, tt := range tests {
		a, err := ParseDate(tt.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := ParseDate(tt.b)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Compare(b); got != tt.want {
			t.Errorf("%s.Compare(%s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		// The same order as the instants the dates stand for.
		if got, want := a.Compare(b), a.Time().Compare(b.Time()); got != want {
			t.Errorf("%s.Compare(%s) = %d, time says %d", tt.a, tt.b, got, want)
		}
		if got := a.Before(b); got != (tt.want < 0) {
			t.Errorf("%s.Before(%s) = %v", tt.a, tt.b, got)
		}
	}
	// The zero Date is before every day.
	d, _ := ParseDate("0001-01-01")
	if (Date{}).Compare(d) >= 0 {
		t.Error("zero Date not before 0001-01-01")
	}
}

// TestDateString checks String and Append against fmt's
// "%04d-%02d-%02d", the format String had before it stopped using fmt,
// for valid days and for fields out of every range (the cases the
// actions, render, stats and export packages' own fast formatters were
// tested with before they were folded into String).
func TestDateString(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{Date{}, ""},
		{Date{2024, 3, 14}, "2024-03-14"},
		{Date{2024, 3, 4}, "2024-03-04"},
		{Date{1, 1, 1}, "0001-01-01"},
		{Date{999, 12, 31}, "0999-12-31"},
		{Date{9999, 12, 31}, "9999-12-31"},
		{Date{0, 1, 1}, "0000-01-01"},
		{Date{1, 1, 0}, "0001-01-00"},
		{Date{2024, 0, 5}, "2024-00-05"},
		{Date{10000, 1, 2}, "10000-01-02"},
		{Date{12345, 1, 1}, "12345-01-01"},
		{Date{-5, 2, 3}, "-005-02-03"},
		{Date{-5, 1, 1}, "-005-01-01"},
		{Date{-12345, 1, 1}, "-12345-01-01"},
		{Date{2024, 13, 1}, "2024-13-01"},
		{Date{2024, 13, 40}, "2024-13-40"},
		{Date{2024, 1, 100}, "2024-01-100"},
		{Date{2024, 13, 100}, "2024-13-100"},
		{Date{2024, 100, 1}, "2024-100-01"},
		{Date{2024, -1, -5}, "2024--1--5"},
		{Date{0, 0, 1}, "0000-00-01"},
		{Date{math.MinInt, math.MinInt, math.MaxInt}, fmt.Sprintf("%04d-%02d-%02d", math.MinInt, math.MinInt, math.MaxInt)},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.want)
		}
		if !tt.d.IsZero() {
			if want := fmt.Sprintf("%04d-%02d-%02d", tt.d.Year, int(tt.d.Month), tt.d.Day); tt.want != want {
				t.Errorf("test case %#v: want %q, fmt says %q", tt.d, tt.want, want)
			}
		}
		if got := string(tt.d.Append([]byte("x"))); got != "x"+tt.want {
			t.Errorf("%#v.Append(x) = %q, want %q", tt.d, got, "x"+tt.want)
		}
		if got, err := tt.d.MarshalText(); err != nil || string(got) != tt.want {
			t.Errorf("%#v.MarshalText() = %q, %v, want %q", tt.d, got, err, tt.want)
		}
	}
}

// TestDaysUntil checks whole-day differences across leap days, years and
// the whole span ParseDate takes (QA 15 B-F5: a time.Duration saturates
// at about 292 years, so every difference of more read 106751 days).
func TestDaysUntil(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2025-03-10", "2025-03-10", 0},
		{"2025-03-09", "2025-03-10", 1},
		{"2025-03-10", "2025-03-09", -1},
		{"1969-12-31", "1970-01-01", 1},
		{"2024-02-28", "2024-03-01", 2},
		{"2023-02-28", "2023-03-01", 1},
		{"2024-02-29", "2025-03-01", 366},
		{"2024-02-29", "2028-02-29", 1461},
		{"1600-03-01", "1600-02-28", -2},
		{"1900-02-28", "1900-03-01", 1},
		{"1722-01-01", "2014-01-01", 106651}, // under 292 years: was right
		{"1025-02-01", "2025-03-10", 365280}, // a due date typed with a wrong century
		{"2025-03-10", "9999-12-31", 2912739},
		{"0001-01-01", "9999-12-31", 3652058},
		{"9999-12-31", "0001-01-01", -3652058},
	}
	for _, tt := range tests {
		a, err := ParseDate(tt.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := ParseDate(tt.b)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.DaysUntil(b); got != tt.want {
			t.Errorf("%s.DaysUntil(%s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := a.AddDays(tt.want); got != b {
			t.Errorf("%s.AddDays(%d) = %s, want %s", tt.a, tt.want, got, tt.b)
		}
	}
}
