package render

import (
	"cmp"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// Words are the UI strings of one language of a theme, for what is made
// outside this package but must read as the postmortem pages do: the
// statistics page and its charts say every word with them (durations,
// detection sources, action items' kinds and statuses, their own texts),
// and the terminal form of pmkb stats its durations. A theme's i18n file is thus
// the one source of those words.
type Words struct{ tr *translator }

// LoadWords decodes the theme's i18n/<lang>.json, as Site does ("" is
// English).
func LoadWords(theme fs.FS, lang string) (*Words, error) {
	tr, err := loadTranslator(theme, cmp.Or(lang, "en"))
	if err != nil {
		return nil, err
	}
	return &Words{tr: tr}, nil
}

// Fresh returns Words with the same UI strings, not decoded again, whose
// Err reports only the strings asked of it: parts of a build that run at
// the same time and each report what they lacked take one each.
func (w *Words) Fresh() *Words {
	return &Words{tr: &translator{lang: w.tr.lang, strings: w.tr.strings, file: w.tr.file, missing: map[string]bool{}}}
}

// Duration writes d as a postmortem's page writes its time to detect:
// "19 min", "1 h 33 min", "45 s", or "1時間33分" (see humanDuration).
func (w *Words) Duration(d time.Duration) string { return humanDuration(w.tr, d) }

// Detection is the label of a detection source as a postmortem's page
// shows it ("Customer report"), else key as written.
func (w *Words) Detection(key string) string { return w.tr.label("detection."+key, key) }

// Kind is the label of an action item's kind as the action pages show it
// ("Prevent"), else the kind as written.
func (w *Words) Kind(kind string) string { return w.tr.label("kind."+kind, kind) }

// Status is the label of an action item's status as the action pages show
// it ("In progress"), else the status as written.
func (w *Words) Status(status string) string { return w.tr.label("status."+status, status) }

// String is the theme's UI string of key, as a page's {{t "key"}} says it.
func (w *Words) String(key string) string { return w.tr.s(key) }

// Format is the theme's UI string of key with fmt verbs filled with args,
// as a page's {{t "key" args…}} says it (the "<key>.one" form for the
// number 1, where the language has one).
func (w *Words) Format(key string, args ...any) string { return w.tr.f(key, args...) }

// Err reports, in one error, the UI strings Duration, String and Format
// needed that the theme lacks (their keys stood in for them).
func (w *Words) Err() error { return w.tr.err() }

// humanDuration formats d the way people say it, with the units of the
// UI language: "19 min", "1 h 33 min", "2 d 4 h", "45 s" (English) or
// "1時間33分" (Japanese). Minutes are rounded down; a negative duration
// (a timeline out of order) is shown with a minus sign.
func humanDuration(tr *translator, d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	if d < time.Minute {
		return sign + tr.f("duration.s", int(d/time.Second))
	}
	mins := int(d / time.Minute)
	days, hours, m := mins/(24*60), mins/60%24, mins%60
	var parts []string
	switch {
	case days > 0:
		parts = append(parts, tr.f("duration.d", days))
		if hours > 0 {
			parts = append(parts, tr.f("duration.h", hours))
		}
	case hours > 0:
		parts = append(parts, tr.f("duration.h", hours))
		if m > 0 {
			parts = append(parts, tr.f("duration.min", m))
		}
	default:
		parts = append(parts, tr.f("duration.min", m))
	}
	return sign + strings.Join(parts, tr.s("duration.sep"))
}

// isoMinute formats a moment with its own offset: "2024-03-14 09:12 +09:00".
func isoMinute(t time.Time) string { return t.Format("2006-01-02 15:04 -07:00") }

// localMinute formats a moment without its offset: "2024-03-14 09:12".
func localMinute(t time.Time) string { return t.Format("2006-01-02 15:04") }

// timelineTimes are the times of a timeline as shown in the zone loc: the
// zone's label for the column heading (from the first moment), and each
// moment's time without its offset, unless its offset differs from the
// heading's (a timeline across a change to or from summer time). Title is
// the moment as written when its offset is not the shown one.
func timelineTimes(moments []model.Moment, loc *time.Location) (zone string, rows []moment) {
	if loc == nil {
		loc = time.UTC
	}
	for i, mo := range moments {
		t := mo.Time.In(loc)
		_, off := t.Zone()
		if i == 0 {
			zone = model.ZoneLabel(t)
		}
		row := moment{Time: localMinute(t), Datetime: machineTime(mo.Time)}
		if model.ZoneLabel(t) != zone {
			row.Time = isoMinute(t)
		}
		if _, written := mo.Time.Zone(); written != off {
			row.Title = isoMinute(mo.Time)
		}
		rows = append(rows, row)
	}
	return zone, rows
}

// machineTime is the datetime attribute of a <time> element.
func machineTime(t time.Time) string { return t.Format(time.RFC3339) }

// parseHexColor reads "#rgb" or "#rrggbb"; anything else (a colour name, a
// CSS injection attempt) is rejected so configured colours reach the
// generated stylesheet only as validated hex.
func parseHexColor(s string) (r, g, b uint8, ok bool) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "#") {
		return 0, 0, 0, false
	}
	h := s[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return 0, 0, 0, false
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return 0, 0, 0, false
	}
	return uint8(v >> 16), uint8(v >> 8), uint8(v), true
}

// luminance is the WCAG 2 relative luminance of an sRGB colour.
func luminance(r, g, b uint8) float64 {
	lin := func(c uint8) float64 {
		v := float64(c) / 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrastRatio is the WCAG 2 contrast ratio of two luminances.
func contrastRatio(l1, l2 float64) float64 {
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

// fallbackBadge is the badge colour of a severity no level names.
const fallbackBadge = "#57606a"

// rankBadge returns the badge colour of a configured level without a
// colour of its own, by its rank (0 the most severe): the default
// severities' colours (red, orange, amber, green), then teal, blue and
// violet, all dark enough for white text; ranks past them start over.
func rankBadge(rank int) string {
	palette := []string{"#0e7490", "#1d4ed8", "#6d28d9"}
	for i := len(model.DefaultSeverities) - 1; i >= 0; i-- {
		palette = append([]string{model.DefaultSeverities[i].Color}, palette...)
	}
	return palette[rank%len(palette)]
}

// badgeColors returns the background and the text colour of a severity
// badge: the configured colour when it is valid hex, and black or white,
// whichever contrasts more with it.
func badgeColors(color string) (bg, fg string) {
	r, g, b, ok := parseHexColor(color)
	if !ok {
		r, g, b, _ = parseHexColor(fallbackBadge)
	}
	bg = fmt.Sprintf("#%02x%02x%02x", r, g, b)
	l := luminance(r, g, b)
	if contrastRatio(l, 1) >= contrastRatio(l, 0) {
		return bg, "#ffffff"
	}
	return bg, "#000000"
}
