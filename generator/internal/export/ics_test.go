package export

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/model"
)

// icsComponent is a parsed iCalendar component: its properties (name with
// parameters → unescaped-for-display raw values) and children.
type icsComponent struct {
	Name     string
	Props    map[string][]string
	Children []*icsComponent
}

// parseICS checks the RFC 5545 framing of data (CRLF only, lines of at most
// 75 octets, folds that split no UTF-8 character, balanced BEGIN/END) and
// returns the top component.
func parseICS(t *testing.T, data []byte) *icsComponent {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatal("does not end in CRLF")
	}
	physical := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	var logical []string
	for i, l := range physical {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d: bare CR or LF in %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			if len(logical) == 0 {
				t.Fatal("continuation line first")
			}
			logical[len(logical)-1] += l[1:]
			continue
		}
		logical = append(logical, l)
	}
	var stack []*icsComponent
	var top *icsComponent
	for _, l := range logical {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("no colon in %q", l)
		}
		switch name {
		case "BEGIN":
			c := &icsComponent{Name: value, Props: map[string][]string{}}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, c)
			} else if top != nil {
				t.Fatal("two top-level components")
			} else {
				top = c
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].Name != value {
				t.Fatalf("END:%s does not close the open component", value)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				t.Fatalf("property %q outside a component", l)
			}
			c := stack[len(stack)-1]
			c.Props[name] = append(c.Props[name], value)
		}
	}
	if len(stack) != 0 || top == nil {
		t.Fatalf("unbalanced BEGIN/END (%d open)", len(stack))
	}
	return top
}

// unescapeText reverses RFC 5545 TEXT escaping and fails on a bare
// backslash, comma or semicolon.
func unescapeText(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			i++
			if i == len(s) {
				t.Fatalf("trailing backslash in %q", s)
			}
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			case '\\', ';', ',':
				b.WriteByte(s[i])
			default:
				t.Fatalf("bad escape \\%c in %q", s[i], s)
			}
		case ',', ';':
			t.Fatalf("unescaped %q in %q", c, s)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func TestCalendarStructure(t *testing.T) {
	pms := actionstest.Postmortems()
	// A due item with every character TEXT must escape, and a long title of
	// four-byte characters so folds land inside characters.
	pms[1].ActionItems[3].Due = model.Date{Year: 2024, Month: 6, Day: 1}
	pms[2].ActionItems[0].Title = strings.Repeat("🔥", 30) + " 日本語のタイトル"
	cfg := model.DefaultSiteConfig()
	cfg.BaseURL = "https://kb.example.com:8443/pm/"
	kb := model.New(cfg, actionstest.Today, pms)
	fs := files(t, kb, opts)
	cal := parseICS(t, fs[CalendarPath])

	if cal.Name != "VCALENDAR" {
		t.Fatalf("top component %s", cal.Name)
	}
	for _, p := range []string{"VERSION", "PRODID"} {
		if len(cal.Props[p]) != 1 {
			t.Errorf("VCALENDAR has %d %s", len(cal.Props[p]), p)
		}
	}
	if cal.Props["VERSION"][0] != "2.0" || cal.Props["PRODID"][0] != "-//pmkb//pmkb v0.0.0-test//EN" {
		t.Errorf("head %v", cal.Props)
	}
	var uids, summaries, starts []string
	for i, ev := range cal.Children {
		if ev.Name != "VEVENT" && (i > 0 || ev.Name != "VTIMEZONE") {
			t.Errorf("unexpected component %s", ev.Name)
		}
		if ev.Name != "VEVENT" {
			continue
		}
		for _, p := range []string{"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "DTEND;VALUE=DATE", "SUMMARY"} {
			if len(ev.Props[p]) != 1 {
				t.Errorf("VEVENT %v has %d %s", ev.Props["UID"], len(ev.Props[p]), p)
			}
		}
		if ev.Props["DTSTAMP"][0] != "20240510T000000Z" {
			t.Errorf("DTSTAMP %s", ev.Props["DTSTAMP"])
		}
		uids = append(uids, unescapeText(t, ev.Props["UID"][0]))
		summaries = append(summaries, unescapeText(t, ev.Props["SUMMARY"][0]))
		starts = append(starts, ev.Props["DTSTART;VALUE=DATE"][0])
		unescapeText(t, ev.Props["DESCRIPTION"][0])
	}
	// Unclosed items with a due date, by due date: closed and undated ones
	// are left out.
	wantUIDs := []string{
		"2024-03-14-checkout-cert#AI-2@kb.example.com", "2024-04-20-dns#AI-1@kb.example.com",
		"2024-05-09-disk#AI-1@kb.example.com", "2024-03-14-checkout-cert#AI-3@kb.example.com",
		"2024-04-20-dns#AI-5@kb.example.com", "2024-04-20-dns#AI-4@kb.example.com",
	}
	if diff := cmp.Diff(wantUIDs, uids); diff != "" {
		t.Errorf("UIDs (-want +got):\n%s", diff)
	}
	if !slices.IsSorted(starts) {
		t.Errorf("events not by date: %v", starts)
	}
	if want := pms[1].ActionItems[3].Title + " (dave)"; summaries[5] != want {
		t.Errorf("escaped summary round trip:\n got %q\nwant %q", summaries[5], want)
	}
	if want := pms[2].ActionItems[0].Title + " (eve)"; summaries[2] != want {
		t.Errorf("folded summary round trip:\n got %q\nwant %q", summaries[2], want)
	}
}

func TestICSLineFolding(t *testing.T) {
	for _, value := range []string{
		"",
		strings.Repeat("a", 67),  // "SUMMARY:" + 67 = 75: no fold
		strings.Repeat("a", 68),  // 76: one fold
		strings.Repeat("é", 100), // two-byte characters
		strings.Repeat("日", 80),  // three-byte characters
		strings.Repeat("🔥", 50),  // four-byte characters
		"x" + strings.Repeat("🔥", 50),
	} {
		var w icsWriter
		w.line("SUMMARY", value)
		out := w.b.String()
		lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		var joined strings.Builder
		for i, l := range lines {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Errorf("value %q: line %d bad (%d octets)", value, i, len(l))
			}
			if i > 0 {
				if !strings.HasPrefix(l, " ") {
					t.Errorf("continuation without space: %q", l)
				}
				l = l[1:]
			}
			joined.WriteString(l)
		}
		if joined.String() != "SUMMARY:"+value {
			t.Errorf("unfolding lost text: %q", joined.String())
		}
		if want := (len("SUMMARY:"+value) > 75); want != (len(lines) > 1) {
			t.Errorf("value of %d octets: %d lines", len(value), len(lines))
		}
	}
}

func TestICSText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a,b;c\d`, `a\,b\;c\\d`},
		{"line1\r\nline2\nline3\rline4", `line1\nline2\nline3\nline4`},
		{"tab\there\x00\x1bx", "tab herex"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
	}
	for _, tt := range tests {
		if got := icsText(tt.in); got != tt.want {
			t.Errorf("icsText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCalendarRelativeSite(t *testing.T) {
	kb := actionstest.KB("/")
	fs := files(t, kb, opts)
	cal := parseICS(t, fs[CalendarPath])
	// UIDs end in the site's own name, so two relative sites subscribed in
	// one calendar never share an event.
	host := "@" + strings.TrimPrefix(siteURN(kb.Config.Title, "/", kb.Config.Repository), "urn:pmkb:site:") + ".pmkb"
	var urls []string
	for _, ev := range events(cal) {
		if uid := ev.Props["UID"][0]; !strings.HasSuffix(uid, host) || len(host) != len("@.pmkb")+16 {
			t.Errorf("UID %s, want it to end in %s", uid, host)
		}
		urls = append(urls, ev.Props["URL"]...)
	}
	other := actionstest.KB("/")
	other.Config.Title = "Another site"
	for _, ev := range events(parseICS(t, files(t, other, opts)[CalendarPath])) {
		if strings.HasSuffix(ev.Props["UID"][0], host) {
			t.Errorf("another site's UID %s ends like this site's", ev.Props["UID"][0])
		}
	}
	// Only absolute URLs: a relative page URL is left out; the cert item has
	// no tracker link, so no event has a URL here.
	if len(urls) != 0 {
		t.Errorf("relative site emitted URLs %v", urls)
	}
	if n := len(events(cal)); n != 5 {
		t.Errorf("%d events, want 5", n)
	}

}

// FuzzICSLine checks that any text, escaped and folded, keeps the framing
// rules and unfolds back to the escaped text.
func FuzzICSLine(f *testing.F) {
	for _, s := range []string{"", "a,b;c\\d\ne", strings.Repeat("🔥", 40), "bad\xff\x00", strings.Repeat("日本", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w icsWriter
		v := icsText(s)
		w.line("SUMMARY", v)
		out := w.b.String()
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatal("no CRLF at end")
		}
		var joined strings.Builder
		for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) || strings.ContainsAny(l, "\r\n") {
				t.Fatalf("bad line %q", l)
			}
			if i > 0 {
				l = strings.TrimPrefix(l, " ")
			}
			joined.WriteString(l)
		}
		if joined.String() != "SUMMARY:"+v {
			t.Fatalf("unfolded %q, want %q", joined.String(), "SUMMARY:"+v)
		}
		unescapeText(t, v)
	})
}

// events returns the VEVENT children of cal.
func events(cal *icsComponent) []*icsComponent {
	var out []*icsComponent
	for _, c := range cal.Children {
		if c.Name == "VEVENT" {
			out = append(out, c)
		}
	}
	return out
}

// TestCalendarTimeZone checks that the calendar always holds a component,
// the VTIMEZONE of the site's zone (QA 15 B-F4): with nothing open and
// dated it was calendar properties alone, which RFC 5545 does not allow
// (icalbody = calprops component, component = 1*(…)) and strict
// validators refuse. Its observances cover the year of today and the
// next, each transition at the wall-clock time it happens, from the
// offset before it.
func TestCalendarTimeZone(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	// an observance: kind, DTSTART, TZOFFSETFROM, TZOFFSETTO, TZNAME
	type obs [5]string
	for _, tt := range []struct {
		name   string
		tz     *time.Location // nil: the default
		closed bool           // every item closed: no event
		tzid   string
		want   []obs
	}{
		{"nothing open, default zone", nil, true, "UTC", []obs{{"STANDARD", "20240101T000000", "+0000", "+0000", "UTC"}}},
		{"nothing open, Tokyo", zone("Asia/Tokyo"), true, "Asia/Tokyo", []obs{{"STANDARD", "20240101T000000", "+0900", "+0900", "JST"}}},
		{"events, Tokyo", zone("Asia/Tokyo"), false, "Asia/Tokyo", []obs{{"STANDARD", "20240101T000000", "+0900", "+0900", "JST"}}},
		{"nothing open, Los Angeles", zone("America/Los_Angeles"), true, "America/Los_Angeles", []obs{
			{"STANDARD", "20240101T000000", "-0800", "-0800", "PST"},
			{"DAYLIGHT", "20240310T020000", "-0800", "-0700", "PDT"},
			{"STANDARD", "20241103T020000", "-0700", "-0800", "PST"},
			{"DAYLIGHT", "20250309T020000", "-0800", "-0700", "PDT"},
			{"STANDARD", "20251102T020000", "-0700", "-0800", "PST"},
		}},
		{"southern summer, half-hour shift", zone("Australia/Lord_Howe"), false, "Australia/Lord_Howe", []obs{
			{"DAYLIGHT", "20240101T000000", "+1100", "+1100", "+11"},
			{"STANDARD", "20240407T020000", "+1100", "+1030", "+1030"},
			{"DAYLIGHT", "20241006T020000", "+1030", "+1100", "+11"},
			{"STANDARD", "20250406T020000", "+1100", "+1030", "+1030"},
			{"DAYLIGHT", "20251005T020000", "+1030", "+1100", "+11"},
		}},
		{"seconds in an offset", time.FixedZone("Odd", 5*3600+30*60+15), true, "Odd", []obs{
			{"STANDARD", "20240101T000000", "+053015", "+053015", "Odd"},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pms := actionstest.Postmortems()
			if tt.closed {
				for _, p := range pms {
					for i := range p.ActionItems {
						p.ActionItems[i].Status, p.ActionItems[i].Closed = model.ActionDone, actionstest.Today
					}
				}
			}
			cfg := model.DefaultSiteConfig()
			cfg.TimeZone = tt.tz
			cal := parseICS(t, files(t, model.New(cfg, actionstest.Today, pms), opts)[CalendarPath])
			if len(cal.Children) == 0 {
				t.Fatal("the calendar holds no component")
			}
			if n := len(events(cal)); (n == 0) != tt.closed {
				t.Fatalf("%d events; the fixture no longer has closed=%v", n, tt.closed)
			}
			vtz := cal.Children[0]
			if vtz.Name != "VTIMEZONE" || len(cal.Children)-len(events(cal)) != 1 {
				t.Fatalf("components %v; want a VTIMEZONE, then the events", names(cal.Children))
			}
			if got := vtz.Props["TZID"]; len(got) != 1 || got[0] != tt.tzid {
				t.Errorf("TZID %q, want %q", got, tt.tzid)
			}
			var got []obs
			for _, o := range vtz.Children {
				one := func(p string) string {
					if len(o.Props[p]) != 1 {
						t.Errorf("%s has %d %s", o.Name, len(o.Props[p]), p)
						return ""
					}
					return o.Props[p][0]
				}
				got = append(got, obs{o.Name, one("DTSTART"), one("TZOFFSETFROM"), one("TZOFFSETTO"), one("TZNAME")})
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("observances (-want +got):\n%s", d)
			}
		})
	}
}

func names(cs []*icsComponent) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}
