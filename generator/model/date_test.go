package model

import "testing"

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
