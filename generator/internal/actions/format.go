package actions

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/pmkb/pmkb/generator/model"
)

// JSONItem is one action item as `pmkb actions --format json` and
// /api/actions.json write it. Due and Closed are null when the item has no
// such date; Teams and Systems (its postmortem's, the facts /actions/
// filters by) are [] when there are none; other absent fields are "". The
// keys after days_overdue were added later, so they come last.
type JSONItem struct {
	Key         string   `json:"key"`
	Postmortem  string   `json:"postmortem"`
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Owner       string   `json:"owner"`
	Due         *string  `json:"due"`
	Status      string   `json:"status"`
	Priority    string   `json:"priority"`
	Kind        string   `json:"kind"`
	Link        string   `json:"link"`
	Overdue     bool     `json:"overdue"`
	DaysOverdue int      `json:"days_overdue"`
	Closed      *string  `json:"closed"`
	Severity    string   `json:"severity"`
	Teams       []string `json:"teams"`
	Systems     []string `json:"systems"`
}

// JSONItemOf converts a row to its JSON form.
func JSONItemOf(r Row) JSONItem {
	return JSONItem{
		Key: r.Key, Postmortem: r.Postmortem, ID: r.ID, Title: r.Title, Owner: r.Owner,
		Due: optDate(r.Due), Status: r.Status, Priority: r.Priority, Kind: r.Kind, Link: r.Link,
		Overdue: r.Overdue, DaysOverdue: r.DaysOverdue,
		Closed: optDate(r.Closed), Severity: r.Severity, Teams: NonNil(r.Teams), Systems: NonNil(r.Systems),
	}
}

// optDate is d as a string, or nil for the zero date.
func optDate(d model.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// NonNil returns ss, or an empty list for nil, so that JSON has [] rather
// than null.
func NonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// ListSep joins the teams and systems of an item in one CSV cell.
const ListSep = ";"

// WriteJSON writes rows as an indented JSON list of JSONItem ("[]" when
// empty). Invalid UTF-8 becomes U+FFFD and <, >, & are escaped, so the
// output is safe to embed anywhere.
func WriteJSON(w io.Writer, rows []Row) error {
	items := make([]JSONItem, len(rows))
	for i, r := range rows {
		items[i] = JSONItemOf(r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}

// CSVHeader is the header row of the CSV output: the JSON keys, in order.
// An absent date is an empty cell; teams and systems are joined with
// ListSep.
var CSVHeader = []string{"key", "postmortem", "id", "title", "owner", "due", "status",
	"priority", "kind", "link", "overdue", "days_overdue", "closed", "severity", "teams", "systems"}

// csvRecord appends the cells of r to rec.
func csvRecord(rec []string, r *Row) []string {
	return append(rec, r.Key, r.Postmortem, r.ID, r.Title, r.Owner, r.Due.String(), r.Status,
		r.Priority, r.Kind, r.Link, strconv.FormatBool(r.Overdue), strconv.Itoa(r.DaysOverdue),
		r.Closed.String(), r.Severity, strings.Join(r.Teams, ListSep), strings.Join(r.Systems, ListSep))
}

// WriteCSV writes rows as RFC 4180 CSV (CRLF line ends, quoting by
// encoding/csv), CSVHeader first: the one CSV writer, used by
// `pmkb actions --format csv` and api/actions.csv alike, so both are the
// same bytes for the same rows.
//
// The output is meant to be opened in a spreadsheet, so it is safe for
// one: it starts with a UTF-8 byte-order mark, without which Excel reads
// UTF-8 as the local code page and garbles Japanese; and, since every cell
// is untrusted text, any cell that starts with =, +, -, @, a tab or a
// carriage return gets a leading "'" (the OWASP advice against formula
// injection). Scripts that need the exact text read the JSON form.
func WriteCSV(w io.Writer, rows []Row) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	rec := make([]string, 0, len(CSVHeader))
	for i := range rows {
		rec = csvRecord(rec[:0], &rows[i])
		for i, c := range rec {
			rec[i] = csvCell(c)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell is c as a CSV cell: valid UTF-8, and "'"-prefixed when a
// spreadsheet would read it as a formula.
func csvCell(c string) string {
	if !utf8.ValidString(c) { // ValidString is the faster test
		c = strings.ToValidUTF8(c, "\uFFFD")
	}
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		c = "'" + c
	}
	return c
}

// Table columns, in order. TITLE takes what width is left.
var tableHeader = []string{"DUE", "STATUS", "OWNER", "KEY", "TITLE"}

const (
	colGap      = "  "
	minColWidth = 6
)

// WriteTable writes rows as an aligned text table for a terminal of width
// columns (width <= 0: no limit), then a summary line. Widths are measured
// in terminal cells, so Japanese text (two cells a character) lines up;
// TITLE, then OWNER and KEY, are shortened with "…" to fit (keys in the
// middle, keeping their item id), and no line is wider than width. Control
// characters in the text (escape sequences, newlines, bidi overrides) are
// shown as spaces, so a postmortem cannot drive the terminal. Overdue items show "overdue +Nd" as their status.
func WriteTable(w io.Writer, rows []Row, width int) error {
	cells := make([][]string, 0, len(rows)+1)
	cells = append(cells, tableHeader)
	overdue := 0
	for _, r := range rows {
		status := r.Status
		if r.Overdue {
			overdue++
			status = fmt.Sprintf("overdue +%dd", r.DaysOverdue)
		}
		due := r.Due.String()
		if due == "" {
			due = "-"
		}
		cells = append(cells, []string{due, clean(status), clean(r.Owner), clean(r.Key), clean(r.Title)})
	}
	widths := make([]int, len(tableHeader))
	for _, row := range cells {
		for i, c := range row {
			widths[i] = max(widths[i], runewidth.StringWidth(c))
		}
	}
	if width > 0 {
		fit(widths, width)
	}
	var b strings.Builder
	for _, row := range cells {
		b.Reset()
		for i, c := range row {
			if i > 0 {
				b.WriteString(colGap)
			}
			if i == colKey {
				c = truncateMiddle(c, widths[i])
			} else {
				c = runewidth.Truncate(c, widths[i], "…")
			}
			if i < len(row)-1 {
				c = runewidth.FillRight(c, widths[i])
			}
			b.WriteString(c)
		}
		line := strings.TrimRight(b.String(), " ")
		if width > 0 {
			line = runewidth.Truncate(line, width, "…")
		}
		if _, err := io.WriteString(w, line+"\n"); err != nil {
			return err
		}
	}
	summary := fmt.Sprintf("%d %s, %d overdue", len(rows), plural(len(rows), "item", "items"), overdue)
	if width > 0 {
		summary = runewidth.Truncate(summary, width, "…")
	}
	_, err := io.WriteString(w, summary+"\n")
	return err
}

// Column indexes of the flexible columns.
const (
	colOwner = 2
	colKey   = 3
	colTitle = 4
)

// fit shrinks the flexible columns until the table fits width: TITLE down
// to 24 cells first, then the wider of OWNER and KEY (down to 8 and 16),
// then TITLE down to 6.
func fit(widths []int, width int) {
	total := func() int {
		t := len(colGap) * (len(widths) - 1)
		for _, w := range widths {
			t += w
		}
		return t
	}
	shrink := func(floor map[int]int) {
		for total() > width {
			widest := -1
			for i, f := range floor {
				if widths[i] > f && (widest < 0 || widths[i] > widths[widest] || (widths[i] == widths[widest] && i < widest)) {
					widest = i
				}
			}
			if widest < 0 {
				return
			}
			widths[widest]--
		}
	}
	shrink(map[int]int{colTitle: 24})
	shrink(map[int]int{colOwner: 8, colKey: 16})
	shrink(map[int]int{colTitle: 6})
}

// truncateMiddle shortens s to w cells by cutting its middle, so a key
// keeps its date and its item id: "2024-03-14-che…#AI-2".
func truncateMiddle(s string, w int) string {
	if runewidth.StringWidth(s) <= w {
		return s
	}
	rs := []rune(s)
	tail := 0
	// Keep up to half of the room for the end of s.
	var end []rune
	for i := len(rs) - 1; i >= 0; i-- {
		cw := runewidth.RuneWidth(rs[i])
		if tail+cw > (w-1)/2 {
			break
		}
		tail += cw
		end = append([]rune{rs[i]}, end...)
	}
	head := runewidth.Truncate(string(rs[:len(rs)-len(end)]), w-tail, "…")
	return head + string(end)
}

// clean makes untrusted text safe and one line for a terminal: invalid
// UTF-8 becomes U+FFFD and control and format characters become spaces.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, s)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Formats are the output formats of `pmkb actions`.
var Formats = []string{"table", "json", "csv"}

// Write writes rows in format ("table", "json" or "csv"; "" is "table"),
// the table fitted to width. An unknown format is an error naming the
// known ones, before anything is written.
func Write(w io.Writer, format string, rows []Row, width int) error {
	switch format {
	case "", "table":
		return WriteTable(w, rows, width)
	case "json":
		return WriteJSON(w, rows)
	case "csv":
		return WriteCSV(w, rows)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// AnyOverdue reports whether any row is overdue (for --fail-on-overdue).
func AnyOverdue(rows []Row) bool {
	for _, r := range rows {
		if r.Overdue {
			return true
		}
	}
	return false
}
