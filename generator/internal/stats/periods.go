package stats

import (
	"fmt"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// Granularities of the per-period figures.
const (
	Quarter = "quarter"
	Month   = "month"
)

// period is a quarter or a month as one increasing integer: year·4+q−1 for
// quarters, year·12+m−1 for months, so ranges are easy to fill.
type period int

func quarterOf(d model.Date) period { return period(d.Year*4 + (int(d.Month)-1)/3) }
func monthOf(d model.Date) period   { return period(d.Year*12 + int(d.Month) - 1) }

func periodOf(d model.Date, granularity string) period {
	if granularity == Month {
		return monthOf(d)
	}
	return quarterOf(d)
}

// label formats p as "2024-Q1" or "2024-03".
func (p period) label(granularity string) string {
	n, per := int(p), 4
	if granularity == Month {
		per = 12
	}
	if n < 0 || n/per > 9999 {
		if granularity == Month {
			return fmt.Sprintf("%04d-%02d", n/12, n%12+1)
		}
		return fmt.Sprintf("%04d-Q%d", n/4, n%4+1)
	}
	b := appendYear(make([]byte, 0, 7), n/per)
	if granularity == Month {
		m := n%12 + 1
		return string(append(b, '-', byte('0'+m/10), byte('0'+m%10)))
	}
	return string(append(b, '-', 'Q', byte('0'+n%4+1)))
}

// appendYear appends a year of 0 to 9999 in four digits.
func appendYear(b []byte, y int) []byte {
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
}

// periodRange lists every period from lo to hi inclusive, as labels.
func periodRange(lo, hi period, granularity string) []string {
	if hi < lo {
		return []string{}
	}
	out := make([]string, 0, hi-lo+1)
	for p := lo; p <= hi; p++ {
		out = append(out, p.label(granularity))
	}
	return out
}

// zoneOf returns the site's time zone, UTC when none is configured.
func zoneOf(kb *model.KnowledgeBase) *time.Location {
	if kb.Config.TimeZone != nil {
		return kb.Config.TimeZone
	}
	return time.UTC
}
