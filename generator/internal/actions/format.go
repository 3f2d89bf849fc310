package actions

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/internal/termtext"
	"github.com/pmkb/pmkb/generator/model"
)

// JSONItem is one action item as `pmkb actions --format json` and
// /api/actions.json write it. Due and Closed are null when the item has no
// such date; Teams and Systems (its postmortem's, the facts /actions/
// filters by) are [] when there are none; other absent fields are "". The
// keys after days_overdue were added later, so they come last: the site's
// names and links of the item, its owner and its teams (Row.URL and
// after) last of all.
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
	OwnerName   string   `json:"owner_name"`
	OwnerURL    string   `json:"owner_url"`
	URL         string   `json:"url"`
	TeamNames   []string `json:"team_names"`
	TeamURLs    []string `json:"team_urls"`
}

// JSONItemOf converts a row to its JSON form.
func JSONItemOf(r Row) JSONItem {
	return JSONItem{
		Key: r.Key, Postmortem: r.Postmortem, ID: r.ID, Title: r.Title, Owner: r.Owner,
		Due: optDate(r.Due), Status: r.Status, Priority: r.Priority, Kind: r.Kind, Link: r.Link,
		Overdue: r.Overdue, DaysOverdue: r.DaysOverdue,
		Closed: optDate(r.Closed), Severity: r.Severity, Teams: NonNil(r.Teams), Systems: NonNil(r.Systems),
		OwnerName: r.OwnerName, OwnerURL: r.OwnerURL, URL: r.URL,
		TeamNames: NonNil(r.TeamNames), TeamURLs: NonNil(r.TeamURLs),
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

// listEscaper writes a name's own ListSep as "\;" and its "\" as "\\".
var listEscaper = strings.NewReplacer(`\`, `\\`, ListSep, `\`+ListSep)

// joinList is the CSV cell of a list of names: joined with ListSep, each
// name's own ";" written "\;" and its "\" "\\", so that a team named
// "sre;oncall" does not read as two teams (QA 16 D-F12): the cell splits
// back at each ";" not after a "\". A name without either is written as
// it is.
func joinList(names []string) string {
	if !slices.ContainsFunc(names, func(n string) bool { return strings.ContainsAny(n, `\`+ListSep) }) {
		return strings.Join(names, ListSep)
	}
	esc := make([]string, len(names))
	for i, n := range names {
		esc[i] = listEscaper.Replace(n)
	}
	return strings.Join(esc, ListSep)
}

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
// An absent date is an empty cell; the lists (teams, systems, team_names,
// team_urls) are joined with ListSep (joinList).
var CSVHeader = []string{"key", "postmortem", "id", "title", "owner", "due", "status",
	"priority", "kind", "link", "overdue", "days_overdue", "closed", "severity", "teams", "systems",
	"owner_name", "owner_url", "url", "team_names", "team_urls"}

// csvRecord appends the cells of r to rec.
func csvRecord(rec []string, r *Row) []string {
	return append(rec, r.Key, r.Postmortem, r.ID, r.Title, r.Owner, r.Due.String(), r.Status,
		r.Priority, r.Kind, r.Link, strconv.FormatBool(r.Overdue), strconv.Itoa(r.DaysOverdue),
		r.Closed.String(), r.Severity, joinList(r.Teams), joinList(r.Systems),
		r.OwnerName, r.OwnerURL, r.URL, joinList(r.TeamNames), joinList(r.TeamURLs))
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

// csvCell is c as a CSV cell: valid UTF-8 without the characters that
// drive a terminal (terminalSafe), and "'"-prefixed when a spreadsheet
// would read it as a formula.
func csvCell(c string) string {
	c = terminalSafe(c)
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		c = "'" + c
	}
	return c
}

// terminalSafe returns s without what termtext.OneLine takes out of the
// table's cells (control, format and line or paragraph separator
// characters), each written as U+FFFD, as feed.xml writes them, but tabs,
// line feeds and CRLF, which stay (termtext.Safe). A CSV is printed to a
// terminal, or through head or grep to one, as often as it is opened in a
// spreadsheet, and a postmortem's title must not set colours, the window
// title or the clipboard there, nor reorder the line (QA 15 A-F5). U+FFFD,
// not a space as in the table: the CSV is data, and shows where a
// character was replaced. The set is termtext's, so the CSV cannot keep
// what the table drops (review 15 R4: its own copy kept U+200F, U+2028
// and the zero-width characters).
func terminalSafe(s string) string { return termtext.Safe(s, utf8.RuneError) }

// Table columns, in order. TITLE takes what width is left.
var tableHeader = []string{"DUE", "STATUS", "OWNER", "KEY", "TITLE"}

const colGap = "  "

// WriteTable writes rows as an aligned text table for a terminal of width
// columns (width <= 0: no limit), then a summary line. Widths are measured
// in terminal cells, so Japanese text (two cells a character) lines up.
// To fit, a long KEY gives way to TITLE first, then TITLE, OWNER and KEY
// are shortened with "…" (keys in the middle, keeping their date, the end
// of their postmortem's name and their "#AI-n" item id, which tell the
// rows apart; only a terminal too narrow for the DUE and STATUS columns
// and a key's id, under about 45 columns, cuts the id); when TITLE
// would be too narrow to read, the table leaves it out rather than show a
// column of "…". No line is wider than width. Control characters in the
// text (escape sequences, newlines, bidi overrides) are shown as spaces,
// so a postmortem cannot drive the terminal. Overdue items show
// "overdue +Nd" as their status.
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
		cells = append(cells, []string{due, termtext.OneLine(status), termtext.OneLine(r.Owner), termtext.OneLine(r.Key), termtext.OneLine(r.Title)})
	}
	widths := make([]int, len(tableHeader))
	itemID := 0 // the widest "#AI-n" end of a key
	for _, row := range cells {
		for i, c := range row {
			widths[i] = max(widths[i], termtext.Width(c))
		}
		if _, id, ok := cutItemID(row[colKey]); ok {
			itemID = max(itemID, termtext.Width(id))
		}
	}
	if width > 0 {
		widths = fit(widths, width, itemID)
	}
	var b strings.Builder
	for _, row := range cells {
		b.Reset()
		row = row[:len(widths)]
		for i, c := range row {
			if i > 0 {
				b.WriteString(colGap)
			}
			if i == colKey {
				c = truncateKey(c, widths[i])
			} else {
				c = termtext.Truncate(c, widths[i], "…")
			}
			if i < len(row)-1 {
				c = termtext.FillRight(c, widths[i])
			}
			b.WriteString(c)
		}
		line := strings.TrimRight(b.String(), " ")
		if width > 0 {
			line = termtext.Truncate(line, width, "…")
		}
		if _, err := io.WriteString(w, line+"\n"); err != nil {
			return err
		}
	}
	summary := fmt.Sprintf("%d %s, %d overdue", len(rows), plural(len(rows), "item", "items"), overdue)
	if width > 0 {
		summary = termtext.Truncate(summary, width, "…")
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

// Widths (terminal cells) the flexible columns are shortened to, in turn.
const (
	// keyRoom is what a long key keeps before TITLE gives up any width:
	// its date, much of its name and its item id.
	keyRoom = 30
	// titleRoom is what TITLE keeps before OWNER and KEY are cut further.
	titleRoom = 24
	// minTitle is the narrowest TITLE worth showing; below it the table
	// leaves TITLE out (below about 60 columns for the usual keys).
	minTitle = 10
	// keyDate is what a key cut to its floor keeps first: "2024-03-14…",
	// the postmortem's date and "…".
	keyDate = 11
	// keyName is what a key cut to its floor keeps of the end of its
	// postmortem's name, before its item id ("2024-03-14…red#AI-1"), so
	// two postmortems of one day do not show the same key.
	keyName = 3
)

// fit fits the column widths (the widest cell of each) to width and
// returns them, one fewer when TITLE is left out. itemID is the widest
// "#AI-n" end of a key, which KEY never cuts. In turn: KEY gives way to
// TITLE down to keyRoom cells; TITLE goes down to titleRoom; OWNER down to
// 8 and KEY down to its date, the end of its name and its item id; then
// TITLE down to minTitle, or,
// when even that does not fit, the table goes without TITLE and KEY and
// OWNER take its room (at the last OWNER down to 3 and KEY to "2…#AI-n").
func fit(widths []int, width, itemID int) []int {
	keyFloor := min(widths[colKey], keyDate+keyName+itemID)
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
	natural := slices.Clone(widths)
	shrink(map[int]int{colKey: keyRoom})
	shrink(map[int]int{colTitle: titleRoom})
	shrink(map[int]int{colOwner: 8, colKey: keyFloor})
	shrink(map[int]int{colTitle: minTitle})
	if total() <= width {
		return widths
	}
	widths = natural[:colTitle]
	shrink(map[int]int{colOwner: 8, colKey: keyFloor})
	shrink(map[int]int{colOwner: 3, colKey: min(widths[colKey], itemID+2)})
	return widths
}

// cutItemID splits a key into its postmortem id and its item id with the
// "#" ("2024-03-14-cert", "#AI-2"); ok is false for a key without one.
func cutItemID(key string) (pm, id string, ok bool) {
	i := strings.LastIndexByte(key, '#')
	if i <= 0 {
		return key, "", false
	}
	return key[:i], key[i:], true
}

// truncateKey shortens a key to w cells by cutting the middle of its
// postmortem id, so it keeps its date and its item id whole:
// "2024-03-14…cert#AI-2".
func truncateKey(key string, w int) string {
	if termtext.Width(key) <= w {
		return key
	}
	pm, id, ok := cutItemID(key)
	if !ok || termtext.Width(id)+2 > w {
		return truncateMiddle(key, w, 0)
	}
	return truncateMiddle(pm, w-termtext.Width(id), keyDate-1) + id
}

// truncateMiddle shortens s to w cells by cutting its middle: it keeps
// its first head cells (as many as fit), and of the rest of the room up
// to half for the end of s.
func truncateMiddle(s string, w, head int) string {
	if termtext.Width(s) <= w {
		return s
	}
	room := (w - 1) / 2 // for the end of s
	if w-1-room < head {
		room = max(0, w-1-head)
	}
	rs := []rune(s)
	tail := 0
	var end []rune
	for i := len(rs) - 1; i >= 0; i-- {
		cw := termtext.RuneWidth(rs[i])
		if tail+cw > room {
			break
		}
		tail += cw
		end = append([]rune{rs[i]}, end...)
	}
	return termtext.Truncate(string(rs[:len(rs)-len(end)]), w-tail, "…") + string(end)
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
