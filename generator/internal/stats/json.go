package stats

import "encoding/json"

// The report holds its shares and rates exact, so that the pages and
// `pmkb stats` round each percentage they show once, from its count and
// total (QA 20 C-F4: 6 of 11, rounded to the share 0.5455 and then to one
// decimal, showed as 54.6%). Its JSON rounds them to 4 places, short and
// stable, as /api/stats.json documents; durations, in minutes, to 2
// places (QA 20 C-F5: a 90th percentile of 3.4967 minutes, said from 3.5,
// was "4 min").
const sharePlaces, minutePlaces = 4, 2

func (c ShareCount) MarshalJSON() ([]byte, error) {
	type plain ShareCount
	c.Share = round(c.Share, sharePlaces)
	return json.Marshal(plain(c))
}

func (r Row) MarshalJSON() ([]byte, error) {
	type plain Row
	if r.Shares != nil {
		shares := make([]float64, len(r.Shares))
		for i, s := range r.Shares {
			shares[i] = round(s, sharePlaces)
		}
		r.Shares = shares
	}
	return json.Marshal(plain(r))
}

func (q RepeatRate) MarshalJSON() ([]byte, error) {
	type plain RepeatRate
	q.Rate = round(q.Rate, sharePlaces)
	return json.Marshal(plain(q))
}

func (f RepeatFigures) MarshalJSON() ([]byte, error) {
	type plain RepeatFigures
	f.Rate = round(f.Rate, sharePlaces)
	return json.Marshal(plain(f))
}

// roundedCounts is c with its completion rate rounded for the JSON.
func roundedCounts(c ActionCounts) ActionCounts {
	if c.CompletionRate != nil {
		c.CompletionRate = ptr(round(*c.CompletionRate, sharePlaces))
	}
	return c
}

func (c ActionCounts) MarshalJSON() ([]byte, error) {
	type plain ActionCounts
	return json.Marshal(plain(roundedCounts(c)))
}

// MarshalJSON writes the figures' counts beside ByTeam; the method
// ActionFigures would otherwise take from the ActionCounts it embeds
// writes those counts alone.
func (f ActionFigures) MarshalJSON() ([]byte, error) {
	type counts ActionCounts // without ActionCounts' MarshalJSON
	return json.Marshal(struct {
		counts
		ByTeam []ActionCounts `json:"by_team"`
	}{counts(roundedCounts(f.ActionCounts)), f.ByTeam})
}

func (d DurationStat) MarshalJSON() ([]byte, error) {
	type plain DurationStat
	for _, m := range []**float64{&d.Median, &d.P90, &d.Min, &d.Max} {
		if *m != nil {
			*m = ptr(round(**m, minutePlaces))
		}
	}
	return json.Marshal(plain(d))
}
