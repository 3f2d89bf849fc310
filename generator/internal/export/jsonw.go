package export

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/internal/jsonstr"
	"github.com/pmkb/pmkb/generator/model"
)

// jsonWriter appends indented JSON exactly as json.Encoder with
// SetIndent("", "  ") writes it, without reflection and without the
// encoder's second pass that re-indents compact output: the JSON API of a
// large knowledge base is tens of megabytes. Tests compare its bytes with
// encoding/json's.
type jsonWriter struct {
	b     []byte
	depth int
	// empty is set after an opening bracket until the first member.
	empty bool
}

// sep starts a member or element: a comma after the previous one, then a
// new line indented to the current depth.
func (w *jsonWriter) sep() {
	if !w.empty {
		w.b = append(w.b, ',')
	}
	w.empty = false
	w.newline()
}

// newline starts a new line indented to the current depth.
func (w *jsonWriter) newline() {
	const indent = "\n                " // deep enough for the API's documents
	if n := 1 + 2*w.depth; n <= len(indent) {
		w.b = append(w.b, indent[:n]...)
		return
	}
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, ' ', ' ')
	}
}

// open starts an object ('{') or array ('[') as the current value.
func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

// close ends the innermost object ('}') or array (']'); an empty one
// stays on one line ("[]"), as json.Indent writes it.
func (w *jsonWriter) close(c byte) {
	w.depth--
	if w.empty {
		w.empty = false
		w.b = append(w.b, c)
		return
	}
	w.newline()
	w.b = append(w.b, c)
}

// key starts an object member; its value follows. k is one of the
// fixed keys of the API, which JSON writes as they are.
func (w *jsonWriter) key(k string) {
	w.sep()
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':', ' ')
}

func (w *jsonWriter) str(s string) { w.b = appendJSONString(w.b, s) }

func (w *jsonWriter) null() { w.b = append(w.b, "null"...) }

// strMembers writes object members whose values are strings: key, value,
// key, value, ….
func (w *jsonWriter) strMembers(kv ...string) {
	for i := 0; i+1 < len(kv); i += 2 {
		w.key(kv[i])
		w.str(kv[i+1])
	}
}

func (w *jsonWriter) optStr(s *string) {
	if s == nil {
		w.null()
		return
	}
	w.str(*s)
}

func (w *jsonWriter) int(n int64) { w.b = strconv.AppendInt(w.b, n, 10) }

func (w *jsonWriter) bool(v bool) { w.b = strconv.AppendBool(w.b, v) }

// strs writes a list of strings; nil is null, as encoding/json has it.
func (w *jsonWriter) strs(ss []string) {
	if ss == nil {
		w.null()
		return
	}
	w.open('[')
	for _, s := range ss {
		w.sep()
		w.str(s)
	}
	w.close(']')
}

// value writes any value with encoding/json, indented to the current
// depth.
func (w *jsonWriter) value(v any) error {
	b, err := json.MarshalIndent(v, strings.Repeat("  ", w.depth), "  ")
	if err != nil {
		return err
	}
	w.b = append(w.b, b...)
	return nil
}

// appendJSONString appends s as encoding/json writes it by default (with
// HTML escaping).
func appendJSONString(b []byte, s string) []byte { return jsonstr.Append(b, s, true) }

// indexHead opens the document of api/postmortems.json up to the value
// of its postmortems.
func (w *jsonWriter) indexHead(generator, today string, count int) {
	w.open('{')
	w.strMembers("generator", generator, "today", today)
	w.key("count")
	w.int(int64(count))
	w.key("postmortems")
}

func (w *jsonWriter) postmortem(p *APIPostmortem) error {
	w.open('{')
	w.strMembers("id", p.ID, "url", p.URL, "source", p.Source, "title", p.Title, "summary", p.Summary,
		"date", p.Date, "day", p.Day, "severity", p.Severity, "severity_label", p.SeverityLabel,
		"status", p.Status, "visibility", p.Visibility, "lang", p.Lang)
	w.key("systems")
	w.strs(p.Systems)
	w.key("teams")
	w.strs(p.Teams)
	w.key("causes")
	w.strs(p.Causes)
	w.strMembers("trigger", p.Trigger, "detection", p.Detection, "commander", p.Commander)
	w.key("authors")
	w.strs(p.Authors)
	w.key("tags")
	w.strs(p.Tags)
	w.key("timeline")
	w.open('{')
	for _, f := range [...]struct {
		k string
		v *string
	}{
		{"started", p.Timeline.Started}, {"detected", p.Timeline.Detected},
		{"acknowledged", p.Timeline.Acknowledged}, {"mitigated", p.Timeline.Mitigated},
		{"resolved", p.Timeline.Resolved},
	} {
		w.key(f.k)
		w.optStr(f.v)
	}
	w.close('}')
	w.key("durations")
	w.open('{')
	for _, f := range [...]struct {
		k string
		v *APIDuration
	}{
		{"time_to_detect", p.Durations.TimeToDetect}, {"time_to_mitigate", p.Durations.TimeToMitigate},
		{"time_to_resolve", p.Durations.TimeToResolve},
	} {
		w.key(f.k)
		if f.v == nil {
			w.null()
			continue
		}
		w.open('{')
		w.key("seconds")
		w.int(f.v.Seconds)
		w.key("human")
		w.str(f.v.Human)
		w.close('}')
	}
	w.close('}')
	w.key("impact")
	w.str(p.Impact)
	w.key("related")
	w.strs(p.Related)
	w.key("backlinks")
	w.strs(p.Backlinks)
	w.key("action_items")
	if p.ActionItems == nil {
		w.null()
	} else {
		w.open('[')
		for i := range p.ActionItems {
			a := &p.ActionItems[i]
			w.sep()
			w.open('{')
			w.strMembers("key", a.Key, "id", a.ID, "title", a.Title, "owner", a.Owner)
			w.key("due")
			w.optStr(a.Due)
			w.strMembers("status", a.Status, "priority", a.Priority, "kind", a.Kind, "link", a.Link)
			w.key("closed")
			w.optStr(a.Closed)
			w.key("overdue")
			w.bool(a.Overdue)
			w.key("days_overdue")
			w.int(int64(a.DaysOverdue))
			if err := w.extra(a.Extra); err != nil {
				return err
			}
			w.close('}')
		}
		w.close(']')
	}
	if err := w.extra(p.Extra); err != nil {
		return err
	}
	w.close('}')
	return nil
}

// extra writes the member "extra": m, {} when m is empty (null when it is
// nil, as encoding/json writes it).
func (w *jsonWriter) extra(m map[string]any) error {
	w.key("extra")
	if len(m) == 0 {
		if m == nil {
			w.null()
		} else {
			w.b = append(w.b, '{', '}')
		}
		return nil
	}
	return w.value(m)
}

// actionsJSON is api/actions.json: the bytes actions.WriteJSON writes for
// rows.
func actionsJSON(buf []byte, rows []actions.Row) []byte {
	w := &jsonWriter{b: slices.Grow(buf, actionsJSONSize(rows))}
	w.open('[')
	for _, r := range rows {
		w.sep()
		w.open('{')
		w.strMembers("key", r.Key, "postmortem", r.Postmortem, "id", r.ID, "title", r.Title, "owner", r.Owner)
		w.key("due")
		w.date(r.Due)
		w.strMembers("status", r.Status, "priority", r.Priority, "kind", r.Kind, "link", r.Link)
		w.key("overdue")
		w.bool(r.Overdue)
		w.key("days_overdue")
		w.int(int64(r.DaysOverdue))
		w.key("closed")
		w.date(r.Closed)
		w.strMembers("severity", r.Severity)
		w.key("teams")
		w.strs(actions.NonNil(r.Teams))
		w.key("systems")
		w.strs(actions.NonNil(r.Systems))
		w.strMembers("owner_name", r.OwnerName, "owner_url", r.OwnerURL, "url", r.URL)
		w.key("team_names")
		w.strs(actions.NonNil(r.TeamNames))
		w.key("team_urls")
		w.strs(actions.NonNil(r.TeamURLs))
		w.close('}')
	}
	w.close(']')
	w.b = append(w.b, '\n')
	return w.b
}

// actionsJSONSize is about the size of actionsJSON(rows), a little more
// rather than less, so that its buffer is allocated once: the text of the
// rows, ~400 bytes of keys, dates and indents a row, ~12 around each team
// and system and ~24 around each team's name and URL.
func actionsJSONSize(rows []actions.Row) int {
	n := 1024
	for i := range rows {
		r := &rows[i]
		n += 420 + len(r.Key) + len(r.Postmortem) + len(r.ID) + len(r.Title) + len(r.Owner) + len(r.Status) +
			len(r.Priority) + len(r.Kind) + len(r.Link) + len(r.Severity) + 12*(len(r.Teams)+len(r.Systems)) +
			len(r.OwnerName) + len(r.OwnerURL) + len(r.URL) + 24*len(r.Teams)
		for _, ss := range [][]string{r.Teams, r.TeamNames, r.TeamURLs} {
			for _, s := range ss {
				n += len(s)
			}
		}
		for _, s := range r.Systems {
			n += len(s)
		}
	}
	return n + n/64 // escapes
}

// date writes d as a JSON string, or null for the zero date.
func (w *jsonWriter) date(d model.Date) {
	if d.IsZero() {
		w.null()
		return
	}
	w.b = append(w.b, '"')
	w.b = d.Append(w.b)
	w.b = append(w.b, '"')
}
