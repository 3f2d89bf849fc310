package export

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// APIIndex is the document of api/postmortems.json. Its structs fix the key
// order; absent values are null (times, dates, durations) or "" and [].
type APIIndex struct {
	Generator   string          `json:"generator"`
	Today       string          `json:"today"`
	Count       int             `json:"count"`
	Postmortems []APIPostmortem `json:"postmortems"`
}

// APIPostmortem is every field of one postmortem, the derived durations,
// its page URL and its backlinks. Extra holds the front-matter fields the
// contract does not define, under their own names.
type APIPostmortem struct {
	ID            string         `json:"id"`
	URL           string         `json:"url"`
	Source        string         `json:"source"`
	Title         string         `json:"title"`
	Summary       string         `json:"summary"`
	Date          string         `json:"date"`
	Day           string         `json:"day"`
	Severity      string         `json:"severity"`
	SeverityLabel string         `json:"severity_label"`
	Status        string         `json:"status"`
	Visibility    string         `json:"visibility"`
	Lang          string         `json:"lang"`
	Systems       []string       `json:"systems"`
	Teams         []string       `json:"teams"`
	Causes        []string       `json:"causes"`
	Trigger       string         `json:"trigger"`
	Detection     string         `json:"detection"`
	Commander     string         `json:"commander"`
	Authors       []string       `json:"authors"`
	Tags          []string       `json:"tags"`
	Timeline      APITimeline    `json:"timeline"`
	Durations     APIDurations   `json:"durations"`
	Impact        string         `json:"impact"`
	Related       []string       `json:"related"`
	Backlinks     []string       `json:"backlinks"`
	ActionItems   []APIAction    `json:"action_items"`
	Extra         map[string]any `json:"extra"`
}

// APITimeline is the timeline as RFC 3339 times, null when not recorded.
type APITimeline struct {
	Started      *string `json:"started"`
	Detected     *string `json:"detected"`
	Acknowledged *string `json:"acknowledged"`
	Mitigated    *string `json:"mitigated"`
	Resolved     *string `json:"resolved"`
}

// APIDurations are the derived durations, null when a moment is missing.
type APIDurations struct {
	TimeToDetect   *APIDuration `json:"time_to_detect"`
	TimeToMitigate *APIDuration `json:"time_to_mitigate"`
	TimeToResolve  *APIDuration `json:"time_to_resolve"`
}

// APIDuration is a duration in whole seconds and in human form ("1h 28m").
type APIDuration struct {
	Seconds int64  `json:"seconds"`
	Human   string `json:"human"`
}

// APIAction is one action item of a postmortem in the JSON API.
type APIAction struct {
	Key         string  `json:"key"`
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	Owner       string  `json:"owner"`
	Due         *string `json:"due"`
	Status      string  `json:"status"`
	Priority    string  `json:"priority"`
	Kind        string  `json:"kind"`
	Link        string  `json:"link"`
	Closed      *string `json:"closed"`
	Overdue     bool    `json:"overdue"`
	DaysOverdue int     `json:"days_overdue"`
	// Extra holds the item's front-matter fields the contract does not
	// define, as APIPostmortem.Extra does the postmortem's ({} when
	// none; QA 19 A-F9). Last, as a new key is.
	Extra map[string]any `json:"extra"`
}

// postmortemsIndex builds the api/postmortems.json document of kb, newest
// postmortem first. The build streams it (postmortemsJSON); tests encode
// it with encoding/json to check the streamed bytes.
func postmortemsIndex(kb *model.KnowledgeBase, s site) APIIndex {
	idx := APIIndex{Generator: s.generator, Today: kb.Today.String(), Count: len(kb.Postmortems),
		Postmortems: make([]APIPostmortem, 0, len(kb.Postmortems))}
	for _, p := range kb.Postmortems {
		idx.Postmortems = append(idx.Postmortems, apiPostmortem(kb, s, p, make([]APIAction, 0, len(p.ActionItems)), []string{}))
	}
	return idx
}

// apiPostmortem is the APIPostmortem of p; its action items are appended
// to items[:0] and its backlinks to backlinks[:0] (both not nil).
func apiPostmortem(kb *model.KnowledgeBase, s site, p *model.Postmortem, items []APIAction, backlinks []string) APIPostmortem {
	sev, _ := kb.Config.Severity(p.Severity)
	ap := APIPostmortem{
		ID: p.ID, URL: s.url(model.PostmortemPath(p.ID)), Source: p.Path,
		Title: p.Title, Summary: p.Summary, Date: timeString(p.Date), Day: p.Day().String(),
		Severity: p.Severity, SeverityLabel: sev.Label, Status: p.Status,
		Visibility: p.Visibility, Lang: p.Lang,
		Systems: list(p.Systems), Teams: list(p.Teams), Causes: list(p.Causes),
		Trigger: p.Trigger, Detection: p.Detection, Commander: p.Commander,
		Authors: list(p.Authors), Tags: list(p.Tags),
		Timeline: APITimeline{
			Started: optTime(p.Timeline.Started), Detected: optTime(p.Timeline.Detected),
			Acknowledged: optTime(p.Timeline.Acknowledged), Mitigated: optTime(p.Timeline.Mitigated),
			Resolved: optTime(p.Timeline.Resolved),
		},
		Durations: APIDurations{
			TimeToDetect:   duration(p.Timeline.TimeToDetect()),
			TimeToMitigate: duration(p.Timeline.TimeToMitigate()),
			TimeToResolve:  duration(p.Timeline.TimeToResolve()),
		},
		Impact: p.Impact, Related: list(kb.RelatedIDs(p)), Backlinks: backlinks[:0],
		ActionItems: items[:0],
		Extra:       jsonSafeMap(p.Extra),
	}
	for _, b := range kb.Backlinks(p.ID) {
		ap.Backlinks = append(ap.Backlinks, b.ID)
	}
	for i := range p.ActionItems {
		a := &p.ActionItems[i]
		status := a.Status
		if status == "" {
			status = model.ActionOpen
		}
		ap.ActionItems = append(ap.ActionItems, APIAction{
			Key: a.Key(p.ID), ID: a.ID, Title: a.Title, Owner: a.Owner, Due: optDate(a.Due),
			Status: status, Priority: a.Priority, Kind: a.Kind, Link: a.Link,
			Closed: optDate(a.Closed), Overdue: a.Overdue(kb.Today), DaysOverdue: a.DaysOverdue(kb.Today),
			Extra: jsonSafeMap(a.Extra),
		})
	}
	return ap
}

// postmortemsJSON is api/postmortems.json, the bytes json.Encoder with
// SetIndent("", "  ") writes for postmortemsIndex(kb, s), written one
// postmortem at a time without the whole index.
func postmortemsJSON(buf []byte, kb *model.KnowledgeBase, s site) ([]byte, error) {
	w := &jsonWriter{b: slices.Grow(buf, 4096+3072*len(kb.Postmortems))}
	w.indexHead(s.generator, kb.Today.String(), len(kb.Postmortems))
	w.open('[')
	items, backlinks := []APIAction{}, []string{}
	for _, p := range kb.Postmortems {
		ap := apiPostmortem(kb, s, p, items, backlinks)
		w.sep()
		if err := w.postmortem(&ap); err != nil {
			return nil, err
		}
		items, backlinks = ap.ActionItems, ap.Backlinks
	}
	w.close(']')
	w.close('}')
	w.b = append(w.b, '\n')
	return w.b, nil
}

func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func timeString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func optTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

func optDate(d model.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func duration(d time.Duration, ok bool) *APIDuration {
	if !ok {
		return nil
	}
	return &APIDuration{Seconds: int64(d / time.Second), Human: HumanDuration(d)}
}

// HumanDuration formats d in at most two units, largest first: "45s",
// "19m", "1h 28m", "2d 3h". Negative durations get a leading "-".
func HumanDuration(d time.Duration) string {
	if d < 0 {
		return "-" + HumanDuration(-d)
	}
	secs := int64(d / time.Second)
	units := []struct {
		n    int64
		name string
	}{{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}}
	var parts []string
	for _, u := range units {
		if v := secs / u.n; v > 0 {
			parts = append(parts, strconv.FormatInt(v, 10)+u.name)
			secs -= v * u.n
		} else if len(parts) > 0 {
			break
		}
		if len(parts) == 2 {
			break
		}
	}
	if len(parts) == 0 {
		return "0s"
	}
	return strings.Join(parts, " ")
}

// jsonSafeMap copies front-matter values into a form encoding/json always
// accepts: maps with non-string keys get string keys, times become RFC
// 3339 strings, NaN and infinities become strings. A nil map becomes {}.
func jsonSafeMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = jsonSafe(v)
	}
	return out
}

func jsonSafe(v any) any {
	switch v := v.(type) {
	case nil, bool, string, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return v
	case float32:
		return jsonSafe(float64(v))
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Sprint(v)
		}
		return v
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case map[string]any:
		return jsonSafeMap(v)
	case map[any]any:
		// Keys print as strings; when two print alike (1 and "1"), the one
		// whose type name sorts first wins, so the result is deterministic.
		type pair struct {
			key, typ string
			val      any
		}
		pairs := make([]pair, 0, len(v))
		for k, val := range v {
			pairs = append(pairs, pair{fmt.Sprint(k), fmt.Sprintf("%T", k), val})
		}
		slices.SortFunc(pairs, func(a, b pair) int {
			return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.typ, b.typ))
		})
		out := make(map[string]any, len(v))
		for _, p := range pairs {
			if _, dup := out[p.key]; !dup {
				out[p.key] = jsonSafe(p.val)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonSafe(e)
		}
		return out
	case []string:
		return v
	default:
		if _, err := json.Marshal(v); err != nil {
			return fmt.Sprint(v)
		}
		return v
	}
}
