package corpus

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/model"
)

// The writers below emit front-matter by hand rather than through a YAML or
// TOML library: the field order stays that of the contract, values are
// quoted only when needed (as people write them), and 10,000 files take
// milliseconds. The package tests decode every file with real YAML, TOML
// and JSON libraries.

// timelineKeys are the timeline fields in contract order.
var timelineKeys = model.TimelineFields

// encode returns the file's bytes: front-matter, a blank line, the body.
func (p *postmortem) encode() []byte {
	var b bytes.Buffer
	b.Grow(len(p.body) + 3072)
	switch p.format {
	case formatTOML:
		p.writeTOML(&b)
	case formatJSON:
		p.writeJSON(&b)
	default:
		p.writeYAML(&b)
	}
	b.WriteString("\n")
	b.WriteString(p.body)
	return b.Bytes()
}

// dateValue is the date field: a day, or the start time for some.
func (p *postmortem) dateValue() string {
	if !p.dateTime.IsZero() {
		return p.dateTime.Format(time.RFC3339)
	}
	return p.date.String()
}

func (p *postmortem) writeYAML(b *bytes.Buffer) {
	b.WriteString("---\n")
	kv := func(k, v string) {
		if v != "" {
			b.WriteString(k + ": " + v + "\n")
		}
	}
	list := func(k string, vs []string) {
		if len(vs) == 0 {
			return
		}
		if p.flowLists {
			b.WriteString(k + ": [")
			for i, v := range vs {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(yamlString(v))
			}
			b.WriteString("]\n")
			return
		}
		b.WriteString(k + ":\n")
		for _, v := range vs {
			b.WriteString("  - " + yamlString(v) + "\n")
		}
	}
	kv("title", yamlString(p.title))
	if p.writeID {
		kv("id", yamlString(p.id))
	}
	kv("date", p.dateValue())
	kv("severity", p.severity)
	kv("status", p.status)
	list("systems", p.systems)
	list("teams", p.teams)
	list("causes", p.causes)
	kv("trigger", p.trigger)
	kv("detection", p.detection)
	kv("commander", yamlString(p.commander))
	list("authors", p.authors)
	list("tags", p.tags)
	kv("lang", p.lang)
	kv("visibility", p.visibility)
	if !p.timeline[0].IsZero() {
		b.WriteString("timeline:\n")
		for i, t := range p.timeline {
			if !t.IsZero() {
				b.WriteString("  " + timelineKeys[i] + ": " + t.Format(time.RFC3339) + "\n")
			}
		}
	}
	kv("summary", yamlString(p.summary))
	kv("impact", yamlString(p.impact))
	list("related", p.related)
	if len(p.items) > 0 {
		b.WriteString("action_items:\n")
		for _, it := range p.items {
			first := true
			field := func(k, v string) {
				if v == "" {
					return
				}
				if first {
					b.WriteString("  - ")
					first = false
				} else {
					b.WriteString("    ")
				}
				b.WriteString(k + ": " + v + "\n")
			}
			field("id", it.id)
			field("title", yamlString(it.title))
			field("owner", yamlString(it.owner))
			field("due", it.due.String())
			field("status", it.status)
			field("closed", it.closed.String())
			field("priority", it.priority)
			field("kind", it.kind)
			field("link", it.link)
		}
	}
	kv("customer_ticket", p.customerTicket)
	b.WriteString("---\n")
}

func (p *postmortem) writeTOML(b *bytes.Buffer) {
	b.WriteString("+++\n")
	kv := func(k, v string) {
		if v != "" {
			b.WriteString(k + " = " + v + "\n")
		}
	}
	str := func(k, v string) {
		if v != "" {
			kv(k, tomlString(v))
		}
	}
	list := func(k string, vs []string) {
		if len(vs) == 0 {
			return
		}
		q := make([]string, len(vs))
		for i, v := range vs {
			q[i] = tomlString(v)
		}
		kv(k, "["+strings.Join(q, ", ")+"]")
	}
	str("title", p.title)
	if p.writeID {
		str("id", p.id)
	}
	kv("date", p.dateValue()) // a TOML local date or offset date-time
	str("severity", p.severity)
	str("status", p.status)
	list("systems", p.systems)
	list("teams", p.teams)
	list("causes", p.causes)
	str("trigger", p.trigger)
	str("detection", p.detection)
	str("commander", p.commander)
	list("authors", p.authors)
	list("tags", p.tags)
	str("lang", p.lang)
	str("visibility", p.visibility)
	str("summary", p.summary)
	str("impact", p.impact)
	list("related", p.related)
	str("customer_ticket", p.customerTicket)
	if !p.timeline[0].IsZero() {
		b.WriteString("\n[timeline]\n")
		for i, t := range p.timeline {
			if !t.IsZero() {
				kv(timelineKeys[i], t.Format(time.RFC3339))
			}
		}
	}
	for _, it := range p.items {
		b.WriteString("\n[[action_items]]\n")
		str("id", it.id)
		str("title", it.title)
		str("owner", it.owner)
		kv("due", it.due.String())
		str("status", it.status)
		kv("closed", it.closed.String())
		str("priority", it.priority)
		str("kind", it.kind)
		str("link", it.link)
	}
	b.WriteString("+++\n")
}

// jsonPostmortem fixes the field order of JSON front-matter.
type jsonPostmortem struct {
	Title          string           `json:"title"`
	ID             string           `json:"id,omitempty"`
	Date           string           `json:"date"`
	Severity       string           `json:"severity"`
	Status         string           `json:"status,omitempty"`
	Systems        []string         `json:"systems"`
	Teams          []string         `json:"teams,omitempty"`
	Causes         []string         `json:"causes"`
	Trigger        string           `json:"trigger,omitempty"`
	Detection      string           `json:"detection,omitempty"`
	Commander      string           `json:"commander,omitempty"`
	Authors        []string         `json:"authors,omitempty"`
	Tags           []string         `json:"tags,omitempty"`
	Lang           string           `json:"lang,omitempty"`
	Visibility     string           `json:"visibility,omitempty"`
	Timeline       *jsonTimeline    `json:"timeline,omitempty"`
	Summary        string           `json:"summary,omitempty"`
	Impact         string           `json:"impact,omitempty"`
	Related        []string         `json:"related,omitempty"`
	ActionItems    []jsonActionItem `json:"action_items,omitempty"`
	CustomerTicket string           `json:"customer_ticket,omitempty"`
}

type jsonTimeline struct {
	Started      string `json:"started,omitempty"`
	Detected     string `json:"detected,omitempty"`
	Acknowledged string `json:"acknowledged,omitempty"`
	Mitigated    string `json:"mitigated,omitempty"`
	Resolved     string `json:"resolved,omitempty"`
}

type jsonActionItem struct {
	ID       string `json:"id,omitempty"`
	Title    string `json:"title"`
	Owner    string `json:"owner"`
	Due      string `json:"due,omitempty"`
	Status   string `json:"status,omitempty"`
	Closed   string `json:"closed,omitempty"`
	Priority string `json:"priority,omitempty"`
	Kind     string `json:"kind,omitempty"`
	Link     string `json:"link,omitempty"`
}

// writeJSON writes JSON front-matter: an object whose opening "{" and
// closing "}" stand on lines of their own.
func (p *postmortem) writeJSON(b *bytes.Buffer) {
	j := jsonPostmortem{
		Title: p.title, Date: p.dateValue(), Severity: p.severity, Status: p.status,
		Systems: p.systems, Teams: p.teams, Causes: p.causes, Trigger: p.trigger,
		Detection: p.detection, Commander: p.commander, Authors: p.authors, Tags: p.tags,
		Lang: p.lang, Visibility: p.visibility, Summary: p.summary, Impact: p.impact,
		Related: p.related, CustomerTicket: p.customerTicket,
	}
	if p.writeID {
		j.ID = p.id
	}
	if !p.timeline[0].IsZero() {
		var s [5]string
		for i, t := range p.timeline {
			if !t.IsZero() {
				s[i] = t.Format(time.RFC3339)
			}
		}
		j.Timeline = &jsonTimeline{s[0], s[1], s[2], s[3], s[4]}
	}
	for _, it := range p.items {
		j.ActionItems = append(j.ActionItems, jsonActionItem{
			ID: it.id, Title: it.title, Owner: it.owner, Due: it.due.String(), Status: it.status,
			Closed: it.closed.String(), Priority: it.priority, Kind: it.kind, Link: it.link,
		})
	}
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&j); err != nil {
		panic("corpus: encoding JSON front-matter: " + err.Error()) // only strings and slices: cannot fail
	}
}

// yamlString writes s as a plain YAML scalar when that reads back as the
// same string, else double-quoted.
func yamlString(s string) string {
	if s == "" || yamlPlainSafe(s) {
		return s
	}
	return doubleQuoted(s)
}

// yamlPlainSafe reports whether s can be written unquoted: it starts with
// a letter, holds no YAML indicator sequence, and is no YAML 1.1 or 1.2
// boolean or null.
func yamlPlainSafe(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) || strings.TrimSpace(s) != s {
		return false
	}
	if strings.ContainsAny(s, "#:,[]{}\"'\\|>&*!%@`\n\t") {
		return false
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~":
		return false
	}
	return true
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string { return doubleQuoted(s) }

// doubleQuoted quotes s with the escapes YAML and TOML double-quoted
// strings share.
func doubleQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u00` + strconv.FormatInt(int64(r)>>4, 16) + strconv.FormatInt(int64(r)&0xf, 16))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
