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
	if granularity == Month {
		return fmt.Sprintf("%04d-%02d", int(p)/12, int(p)%12+1)
	}
	return fmt.Sprintf("%04d-Q%d", int(p)/4, int(p)%4+1)
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

// localDay is the calendar day of t in the site's time zone.
func localDay(t time.Time, tz *time.Location) model.Date { return model.DateOf(t.In(tz)) }

// zoneOf returns the site's time zone, UTC when none is configured.
func zoneOf(kb *model.KnowledgeBase) *time.Location {
	if kb.Config.TimeZone != nil {
		return kb.Config.TimeZone
	}
	return time.UTC
}
