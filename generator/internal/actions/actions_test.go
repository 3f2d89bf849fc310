package actions

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/internal/termtext"
	"github.com/pmkb/pmkb/generator/model"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

func keys(rows []Row) []string {
	out := []string{}
	for _, r := range rows {
		out = append(out, r.Key)
	}
	return out
}

func TestRowsFilter(t *testing.T) {
	kb := actionstest.KB("/")
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"all in kb order", Filter{}, []string{
			"2024-05-09-disk#AI-1",
			"2024-04-20-dns#AI-1", "2024-04-20-dns#AI-2", "2024-04-20-dns#AI-3", "2024-04-20-dns#AI-4", "2024-04-20-dns#AI-5",
			"2024-03-14-checkout-cert#AI-1", "2024-03-14-checkout-cert#AI-2", "2024-03-14-checkout-cert#AI-3", "2024-03-14-checkout-cert#AI-4"}},
		{"overdue", Filter{Overdue: true}, []string{"2024-05-09-disk#AI-1", "2024-04-20-dns#AI-1", "2024-03-14-checkout-cert#AI-2"}},
		{"owner by slug matches both spellings", Filter{Owner: "AIKO"}, []string{"2024-04-20-dns#AI-1", "2024-03-14-checkout-cert#AI-2", "2024-03-14-checkout-cert#AI-3"}},
		{"status list", Filter{Status: "done, wont-do"}, []string{"2024-04-20-dns#AI-2", "2024-04-20-dns#AI-3", "2024-03-14-checkout-cert#AI-1", "2024-03-14-checkout-cert#AI-4"}},
		{"status in-progress", Filter{Status: "In-Progress"}, []string{"2024-03-14-checkout-cert#AI-3"}},
		{"team via postmortem", Filter{Team: "platform"}, []string{"2024-04-20-dns#AI-1", "2024-04-20-dns#AI-2", "2024-04-20-dns#AI-3", "2024-04-20-dns#AI-4", "2024-04-20-dns#AI-5"}},
		{"system", Filter{System: "db"}, []string{"2024-05-09-disk#AI-1"}},
		{"kind and overdue", Filter{Kind: "detect", Overdue: true}, []string{"2024-03-14-checkout-cert#AI-2"}},
		// QA round 7, #12: --kind takes a list like --status.
		{"kind list", Filter{Kind: "mitigate, Detect"}, []string{"2024-04-20-dns#AI-1", "2024-04-20-dns#AI-3", "2024-03-14-checkout-cert#AI-2"}},
		{"kind list with an empty entry", Filter{Kind: "mitigate,"}, []string{"2024-04-20-dns#AI-1"}},
		{"owner and team", Filter{Owner: "ben", Team: "platform"}, []string{}},
		{"unknown status", Filter{Status: "donee"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keys(Rows(kb, tt.f))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Rows(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
}

func TestRowFields(t *testing.T) {
	kb := actionstest.KB("/")
	byKey := map[string]Row{}
	for _, r := range Rows(kb, Filter{}) {
		byKey[r.Key] = r
	}
	tests := []struct {
		key         string
		overdue     bool
		daysOverdue int
		age         int
		status      string
	}{
		{"2024-03-14-checkout-cert#AI-2", true, 42, 57, "open"},
		{"2024-03-14-checkout-cert#AI-3", false, 0, 57, "in-progress"}, // due == today
		{"2024-03-14-checkout-cert#AI-4", false, 0, 57, "wont-do"},     // past due but wont-do
		{"2024-03-14-checkout-cert#AI-1", false, 0, 57, "done"},
		{"2024-04-20-dns#AI-2", false, 0, 20, "done"}, // done without due
		{"2024-04-20-dns#AI-4", false, 0, 20, "open"}, // open without due
		{"2024-04-20-dns#AI-1", true, 9, 20, "open"},
		{"2024-05-09-disk#AI-1", true, 1, 1, "open"},
	}
	for _, tt := range tests {
		r, ok := byKey[tt.key]
		if !ok {
			t.Fatalf("no row %s", tt.key)
		}
		if r.Overdue != tt.overdue || r.DaysOverdue != tt.daysOverdue || r.AgeDays != tt.age || r.Status != tt.status {
			t.Errorf("%s: overdue=%v days=%d age=%d status=%q, want %v %d %d %q",
				tt.key, r.Overdue, r.DaysOverdue, r.AgeDays, r.Status, tt.overdue, tt.daysOverdue, tt.age, tt.status)
		}
	}
	r := byKey["2024-04-20-dns#AI-1"]
	if r.Severity != "SEV2" || !slices.Equal(r.Teams, []string{"platform", "payments"}) || !slices.Equal(r.Systems, []string{"dns"}) ||
		r.PostmortemTitle != "DNS 解決の失敗で決済が停止" || r.Priority != "P1" {
		t.Errorf("postmortem fields not carried: %+v", r)
	}
}

func TestRowDefaultsAndFutureAge(t *testing.T) {
	p := &model.Postmortem{ID: "future", Date: model.Date{Year: 2030, Month: 1, Day: 1}.Time(),
		ActionItems: []model.ActionItem{{ID: "1", Title: "x", Owner: "o"}}}
	kb := model.New(model.DefaultSiteConfig(), actionstest.Today, []*model.Postmortem{p})
	r := Rows(kb, Filter{})[0]
	if r.Status != "open" || r.AgeDays != 0 || r.Overdue {
		t.Errorf("got status %q age %d overdue %v, want open 0 false", r.Status, r.AgeDays, r.Overdue)
	}
}

func TestCompute(t *testing.T) {
	f := Compute(actionstest.KB("/"), Period{})
	want := Counts{Total: 10, Open: 5, InProgress: 1, Done: 3, WontDo: 1, Overdue: 3}
	if f.Counts != want {
		t.Errorf("counts %+v, want %+v", f.Counts, want)
	}
	if f.Counts.Unclosed() != 6 {
		t.Errorf("unclosed %d, want 6", f.Counts.Unclosed())
	}
	// Due before today: cert AI-1 (on time), AI-2, AI-4 (wont-do), dns AI-1,
	// AI-3 (late), disk AI-1. Due today (cert AI-3) and later are left out.
	if f.Completion.Due != 6 || f.Completion.OnTime != 1 {
		t.Errorf("completion %+v, want 1 of 6", f.Completion)
	}
	if rate, ok := f.Completion.Rate(); !ok || rate != 1.0/6 {
		t.Errorf("rate %v %v", rate, ok)
	}
	wantAge := Age{Items: 6, MedianDays: 20, OldestDays: 57, OldestKey: "2024-03-14-checkout-cert#AI-2"}
	if f.Age != wantAge {
		t.Errorf("age %+v, want %+v", f.Age, wantAge)
	}
	type g struct {
		Name string
		C    Counts
	}
	var owners, teams []g
	for _, o := range f.PerOwner {
		owners = append(owners, g{o.Name, o.Counts})
	}
	for _, o := range f.PerTeam {
		teams = append(teams, g{o.Name, o.Counts})
	}
	wantOwners := []g{
		{"aiko", Counts{Total: 3, Open: 2, InProgress: 1, Overdue: 2}},
		{"ben", Counts{Total: 2, Done: 1, WontDo: 1}},
		{"carol", Counts{Total: 2, Done: 2}},
		{"dave", Counts{Total: 2, Open: 2}},
		{"eve", Counts{Total: 1, Open: 1, Overdue: 1}},
	}
	wantTeams := []g{
		{"payments", Counts{Total: 9, Open: 4, InProgress: 1, Done: 3, WontDo: 1, Overdue: 2}},
		{"platform", Counts{Total: 5, Open: 3, Done: 2, Overdue: 1}},
	}
	if diff := cmp.Diff(wantOwners, owners); diff != "" {
		t.Errorf("per owner (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantTeams, teams); diff != "" {
		t.Errorf("per team (-want +got):\n%s", diff)
	}
	if a := f.PerOwner[0].Age; a.Items != 3 || a.MedianDays != 57 || a.OldestDays != 57 {
		t.Errorf("aiko age %+v", a)
	}
	if c := f.PerOwner[2].Completion; c.Due != 1 || c.OnTime != 0 {
		t.Errorf("carol completion %+v, want 0 of 1 (done late; done without due not counted)", c)
	}
}

func TestCompletionPeriod(t *testing.T) {
	kb := actionstest.KB("/")
	tests := []struct {
		name        string
		p           Period
		due, onTime int
	}{
		{"april", Period{From: model.Date{Year: 2024, Month: 4, Day: 1}, To: model.Date{Year: 2024, Month: 4, Day: 30}}, 3, 1},
		{"last 7 days", Period{From: actionstest.Today.AddDays(-7), To: actionstest.Today.AddDays(-1)}, 1, 0},
		{"nothing due", Period{From: model.Date{Year: 2020, Month: 1, Day: 1}, To: model.Date{Year: 2020, Month: 12, Day: 31}}, 0, 0},
		{"open start", Period{To: model.Date{Year: 2024, Month: 3, Day: 31}}, 1, 0},
		{"open end includes future", Period{From: model.Date{Year: 2024, Month: 5, Day: 10}}, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Compute(kb, tt.p).Completion
			if c.Due != tt.due || c.OnTime != tt.onTime {
				t.Errorf("got %d of %d, want %d of %d", c.OnTime, c.Due, tt.onTime, tt.due)
			}
			if _, ok := c.Rate(); ok != (tt.due > 0) {
				t.Errorf("Rate ok=%v with due=%d", ok, tt.due)
			}
		})
	}
}

func TestAgeMedian(t *testing.T) {
	mk := func(ages ...int) []*Row {
		var rows []*Row
		for i, a := range ages {
			rows = append(rows, &Row{Key: string(rune('a' + i)), Status: "open", AgeDays: a})
		}
		return rows
	}
	tests := []struct {
		ages   []int
		median float64
		oldest int
	}{
		{nil, 0, 0},
		{[]int{5}, 5, 5},
		{[]int{9, 1, 4}, 4, 9},
		{[]int{1, 2, 3, 10}, 2.5, 10},
	}
	for _, tt := range tests {
		a := ageOf(mk(tt.ages...))
		if a.MedianDays != tt.median || a.OldestDays != tt.oldest || a.Items != len(tt.ages) {
			t.Errorf("ages %v: %+v, want median %v oldest %d", tt.ages, a, tt.median, tt.oldest)
		}
	}
	closed := ageOf([]*Row{{Key: "x", Status: "done", AgeDays: 100}})
	if closed.Items != 0 || closed.OldestDays != 0 {
		t.Errorf("closed items counted in age: %+v", closed)
	}
}

func TestSortUrgent(t *testing.T) {
	rows := Rows(actionstest.KB("/"), Filter{})
	SortUrgent(rows)
	want := []string{
		"2024-03-14-checkout-cert#AI-2", // 42 days overdue
		"2024-04-20-dns#AI-1",           // 9
		"2024-05-09-disk#AI-1",          // 1
		"2024-03-14-checkout-cert#AI-3", // due today
		"2024-04-20-dns#AI-5",           // due 05-15
		"2024-04-20-dns#AI-4",           // no due
		"2024-03-14-checkout-cert#AI-1", // closed, by due then key
		"2024-03-14-checkout-cert#AI-4",
		"2024-04-20-dns#AI-3",
		"2024-04-20-dns#AI-2", // closed, no due
	}
	if diff := cmp.Diff(want, keys(rows)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	// The site's lists sort the items themselves the same way.
	kb := actionstest.KB("/")
	refs := kb.Actions()
	slices.Reverse(refs)
	SortUrgentRefs(refs, kb.Today)
	var got []string
	for _, r := range refs {
		got = append(got, r.Item.Key(r.Postmortem.ID))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SortUrgentRefs (-want +got):\n%s", diff)
	}
}

func TestWriteJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, Rows(actionstest.KB("/"), Filter{})); err != nil {
		t.Fatal(err)
	}
	golden(t, "actions.json", buf.Bytes())

	var items []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 10 {
		t.Fatalf("%d items, want 10", len(items))
	}
	// The keys of the first version come first, in their order, and the
	// later ones after them, so scripts reading by position keep working;
	// every item has the same keys as the CSV header.
	wantKeys := []string{"key", "postmortem", "id", "title", "owner", "due", "status", "priority", "kind", "link",
		"overdue", "days_overdue", "closed", "severity", "teams", "systems",
		"owner_name", "owner_url", "url", "team_names", "team_urls"}
	if !slices.Equal(CSVHeader, wantKeys) {
		t.Errorf("CSVHeader %v, want %v", CSVHeader, wantKeys)
	}
	for i, keys := range jsonKeyOrder(t, buf.Bytes()) {
		if !slices.Equal(keys, wantKeys) {
			t.Fatalf("item %d: keys %v, want %v", i, keys, wantKeys)
		}
	}
	if items[0]["overdue"] != true || items[0]["days_overdue"] != 1.0 || items[0]["due"] != "2024-05-09" {
		t.Errorf("first item %v", items[0])
	}
	if items[4]["due"] != nil {
		t.Errorf("item without due: due=%v, want null", items[4]["due"])
	}
	// closed, and the postmortem's facts /actions/ filters by; a
	// postmortem without teams gives [], not null.
	for i, want := range []struct {
		key      string
		closed   any
		severity string
		teams    []any
		systems  []any
	}{
		{"2024-05-09-disk#AI-1", nil, "SEV3", []any{}, []any{"db"}},
		{"2024-04-20-dns#AI-2", "2024-04-25", "SEV2", []any{"platform", "payments"}, []any{"dns"}},
		{"2024-03-14-checkout-cert#AI-4", "2024-04-02", "SEV1", []any{"payments"}, []any{"checkout-api", "api-gateway"}},
	} {
		it := items[slices.IndexFunc(items, func(m map[string]any) bool { return m["key"] == want.key })]
		if it["closed"] != want.closed || it["severity"] != want.severity ||
			!cmp.Equal(it["teams"], want.teams) || !cmp.Equal(it["systems"], want.systems) {
			t.Errorf("%d: %s: closed %v, severity %v, teams %v, systems %v; want %+v", i, want.key,
				it["closed"], it["severity"], it["teams"], it["systems"], want)
		}
	}
	if strings.Contains(buf.String(), "<script>") {
		t.Error("< not escaped in JSON")
	}

	buf.Reset()
	if err := WriteJSON(&buf, nil); err != nil || buf.String() != "[]\n" {
		t.Errorf("empty: %q %v", buf.String(), err)
	}
}

// jsonKeyOrder returns the keys of each object of a JSON list of objects
// in the order they were written.
func jsonKeyOrder(t *testing.T, data []byte) [][]string {
	t.Helper()
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, obj := range raw {
		dec := json.NewDecoder(bytes.NewReader(obj))
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			t.Fatalf("not an object: %s", obj)
		}
		var keys []string
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
			keys = append(keys, k.(string))
		}
		out = append(out, keys)
	}
	return out
}

func TestWriteCSVParsesBack(t *testing.T) {
	rows := Rows(actionstest.KB("/"), Filter{})
	var buf bytes.Buffer
	if err := WriteCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Error("no UTF-8 byte-order mark")
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Error("records do not end in CRLF")
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], CSVHeader) || len(recs) != len(rows)+1 {
		t.Fatalf("header %v, %d records", recs[0], len(recs))
	}
	for i, r := range rows {
		got := recs[i+1]
		title := r.Title
		if strings.HasPrefix(title, "=") {
			title = "'" + title
		}
		if got[0] != r.Key || got[3] != title || got[5] != r.Due.String() || got[10] != map[bool]string{true: "true", false: "false"}[r.Overdue] {
			t.Errorf("row %d: %q", i, got)
		}
		if got[12] != r.Closed.String() || got[13] != r.Severity || got[14] != strings.Join(r.Teams, ";") || got[15] != strings.Join(r.Systems, ";") {
			t.Errorf("row %d: closed, severity, teams, systems %q", i, got[12:])
		}
	}
	golden(t, "actions.csv", buf.Bytes())
}

// TestWriteCSVDefusesFormulas checks that every cell a spreadsheet would
// read as a formula gets a leading "'" in the one CSV writer, which
// `pmkb actions --format csv` uses too (QA round 7, #6: only the site's
// api/actions.csv did).
func TestWriteCSVDefusesFormulas(t *testing.T) {
	for _, tt := range []struct{ owner, want string }{
		{`=HYPERLINK("http://evil.example","x")`, `'=HYPERLINK("http://evil.example","x")`},
		{"+1 rollback, \"quoted\"; semi", "'+1 rollback, \"quoted\"; semi"},
		{"-2+3", "'-2+3"},
		{"@ops", "'@ops"},
		{"\tcmd", "'\tcmd"},
		{"\rcmd", "\uFFFDcmd"}, // a lone CR is no text (TestTerminalSafe)
		{"ops=1", "ops=1"},
		{"", ""},
		{"田中", "田中"},
	} {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, []Row{{Key: "p#1", Owner: tt.owner}}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		// encoding/csv's reader drops a carriage return in a cell.
		if got := recs[1][4]; got != strings.ReplaceAll(tt.want, "\r", "") {
			t.Errorf("owner %q: cell %q, want %q", tt.owner, got, tt.want)
		}
	}
}

func TestWriteTable(t *testing.T) {
	rows := Rows(actionstest.KB("/"), Filter{})
	SortUrgent(rows)
	for _, width := range []int{0, 100, 72, 40} {
		var buf bytes.Buffer
		if err := WriteTable(&buf, rows, width); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != len(rows)+2 {
			t.Fatalf("width %d: %d lines, want %d", width, len(lines), len(rows)+2)
		}
		for _, l := range lines {
			if width > 0 && termtext.Width(l) > width {
				t.Errorf("width %d: line is %d cells: %q", width, termtext.Width(l), l)
			}
			if strings.ContainsAny(l, "\x1b\r\t") {
				t.Errorf("control character in %q", l)
			}
		}
		if lines[len(lines)-1] != "10 items, 3 overdue" {
			t.Errorf("summary %q", lines[len(lines)-1])
		}
		if !strings.HasPrefix(lines[1], "2024-03-29  overdue +42d") {
			t.Errorf("first row %q", lines[1])
		}
		if width == 0 && !strings.Contains(out, "キャッシュの TTL を見直し、ネガティブキャッシュの上限を設定する（全リージョン）") {
			t.Error("unlimited width truncated a title")
		}
		if width == 72 {
			golden(t, "table-72.txt", buf.Bytes())
		}
	}
}

// TestWriteTableFitsNarrowAndWideTerminals checks that in any terminal
// width a key keeps its "#AI-n" item id (two items of one postmortem were
// both "2025-02-…ll#AI…" at 50 columns), that a terminal too narrow for a
// readable title leaves TITLE out instead of a column of "…", and that
// the spare width of a wide terminal goes to TITLE, not to padding for
// the longest key (QA 9a #9).
func TestWriteTableFitsNarrowAndWideTerminals(t *testing.T) {
	long := "2024-11-29-black-friday-checkout-capacity-planning-and-load-shedding"
	title := "Shed load with 429 and Retry-After at the gateway when the checkout queue is full"
	due := model.Date{Year: 2025, Month: 3, Day: 31}
	rows := []Row{
		{Key: long + "#AI-3", ID: "AI-3", Title: title, Owner: "isabel", Status: "open", Due: due, Overdue: true, DaysOverdue: 606},
		{Key: long + "#AI-12", ID: "AI-12", Title: "本番の DEBUG ログ有効化を期限付きのフラグに限定する", Owner: "mei", Status: "open", Due: due, Overdue: true, DaysOverdue: 606},
		{Key: "2025-02-11-log#AI-4", ID: "AI-4", Title: "Cap log volume", Owner: "mei", Status: "in-progress"},
	}
	for width := 40; width <= 140; width++ {
		var buf bytes.Buffer
		if err := WriteTable(&buf, rows, width); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		withTitle := strings.HasSuffix(lines[0], "TITLE")
		if !withTitle && width >= 67 || withTitle && width < 60 {
			t.Errorf("width %d: header %q", width, lines[0])
		}
		for i, r := range rows {
			l := lines[i+1]
			if termtext.Width(l) > width {
				t.Errorf("width %d: line is %d cells: %q", width, termtext.Width(l), l)
			}
			if !strings.Contains(l, "#"+r.ID) {
				t.Errorf("width %d: the key lost its item id %q: %q", width, r.ID, l)
			}
			if strings.HasSuffix(l, "  …") || strings.HasSuffix(l, "#AI…") {
				t.Errorf("width %d: a column of \"…\": %q", width, l)
			}
			if withTitle && !strings.Contains(l, string([]rune(r.Title)[:3])) {
				t.Errorf("width %d: the title is not shown: %q", width, l)
			}
		}
		if width == 120 && !strings.Contains(lines[1], title[:50]) {
			t.Errorf("width 120: the title gets too little of the width: %q", lines[1])
		}
		if width == 50 && lines[1] != "2025-03-31  overdue +606d  isabel  2024-11-2…#AI-3" {
			t.Errorf("width 50: %q", lines[1])
		}
	}
	// A long STATUS ("overdue +1606d") and a three-digit id leave
	// room for the id from 45 columns (README).
	late := []Row{{Key: "2024-03-14-dns-resolver-timeouts#AI-123", ID: "AI-123", Owner: "mei", Due: due, Overdue: true, DaysOverdue: 1606}}
	for width := 45; width <= 50; width++ {
		var buf bytes.Buffer
		if err := WriteTable(&buf, late, width); err != nil {
			t.Fatal(err)
		}
		if l := strings.Split(buf.String(), "\n")[1]; !strings.HasSuffix(l, "…#AI-123") {
			t.Errorf("width %d: the key lost its item id: %q", width, l)
		}
	}
	// Two postmortems of one day: a key cut to its narrowest keeps the end
	// of its postmortem's name, so their rows do not show the same key
	// ("2024-03-14…#AI-1" twice).
	sameDay := []Row{
		{Key: "2024-03-14-certificate-expired#AI-1", ID: "AI-1", Title: "Renew the certificates", Owner: "isabel", Status: "open", Due: due, Overdue: true, DaysOverdue: 606},
		{Key: "2024-03-14-dns-resolver-timeouts#AI-1", ID: "AI-1", Title: "Cache negative answers", Owner: "mei", Status: "in-progress"},
	}
	for _, width := range []int{66, 72, 76} {
		var buf bytes.Buffer
		if err := WriteTable(&buf, sameDay, width); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(buf.String(), "\n")
		for i, want := range []string{"2024-03-14…red#AI-1  Renew", "2024-03-14…uts#AI-1  Cache"} {
			if !strings.Contains(lines[i+1], want) {
				t.Errorf("width %d: %q, want the key %q", width, lines[i+1], want)
			}
		}
	}
}

// TestWriteTableIgnoresLocale runs the table tests again under a Japanese
// locale: go-runewidth's package functions read LANG when the program
// starts and then count an ambiguous-width character (…) as two columns,
// so the table was cut and padded differently for a Japanese user.
func TestWriteTableIgnoresLocale(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^(TestWriteTable|TestWriteTableFitsNarrowAndWideTerminals)$", "-test.count=1", "-test.v")
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.Contains([]string{"LANG", "LC_ALL", "LC_CTYPE", "RUNEWIDTH_EASTASIAN"}, name)
	})
	cmd.Env = append(cmd.Env, "LANG=ja_JP.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil || strings.Count(string(out), "--- PASS") != 2 {
		t.Errorf("the table tests under LANG=ja_JP.UTF-8: %v\n%s", err, out)
	}
}

func TestWriteTableControlCharacters(t *testing.T) {
	rows := []Row{{Key: "a#1", Title: "evil\x1b[2Jtitle\u202e\nnext", Owner: "o\tp", Status: "open"}}
	var buf bytes.Buffer
	if err := WriteTable(&buf, rows, 0); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(buf.String(), "\x1b\t\u202e") || strings.Count(buf.String(), "\n") != 3 {
		t.Errorf("control characters reached the terminal: %q", buf.String())
	}
}

func TestWrite(t *testing.T) {
	rows := Rows(actionstest.KB("/"), Filter{Owner: "eve"})
	tests := []struct {
		format, prefix string
	}{
		{"", "DUE "}, {"table", "DUE "}, {"json", "[\n  {\n    \"key\": \"2024-05-09-disk#AI-1\""}, {"csv", "\uFEFFkey,postmortem,"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Write(&buf, tt.format, rows, 80); err != nil || !strings.HasPrefix(buf.String(), tt.prefix) {
			t.Errorf("format %q: %v %q", tt.format, err, buf.String())
		}
	}
	var buf bytes.Buffer
	err := Write(&buf, "yaml", rows, 80)
	if err == nil || err.Error() != `unknown format "yaml" (want table, json, csv)` || buf.Len() != 0 {
		t.Errorf("unknown format: %v, wrote %q", err, buf.String())
	}
}

// FuzzWriteTable checks that any title and owner give a table whose lines
// fit the width and hold no control characters.
func FuzzWriteTable(f *testing.F) {
	f.Add("Renew certificates", "ben", 40)
	f.Add("キャッシュの TTL を見直す\x1b[2J", "アイコ", 30)
	f.Add("bad\xff\u202e", "", 1)
	f.Fuzz(func(t *testing.T, title, owner string, width int) {
		if width < 0 {
			width = -width
		}
		width = width%200 + 1
		rows := []Row{{Key: "pm#AI-1", Title: title, Owner: owner, Status: "open"}}
		var buf bytes.Buffer
		if err := WriteTable(&buf, rows, width); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
			if termtext.Width(l) > width || strings.ContainsAny(l, "\x1b\r\t\u202e") {
				t.Fatalf("width %d: bad line %q", width, l)
			}
		}
	})
}

// TestSortUrgentMatchesStableSort checks the sort by index against a
// stable sort of the rows themselves, on rows with many ties (equal due
// dates, keys whose postmortem ids are prefixes of each other).
func TestSortUrgentMatchesStableSort(t *testing.T) {
	base := Rows(actionstest.KB("/"), Filter{})
	var rows []Row
	for i := range 60 {
		for _, r := range base {
			r.Postmortem = r.Postmortem[:len(r.Postmortem)-i%3]
			r.ID = fmt.Sprintf("%s-%d", r.ID, i%7)
			r.Key = r.Postmortem + "#" + r.ID
			// Keys repeat (i%3, i%7); the title tells such rows apart,
			// so that the order of equal keys, which only a stable sort
			// keeps, is compared too (QA 16 A-F5: keys alone could not
			// see it).
			r.Title = fmt.Sprintf("%s #%d", r.Title, len(rows))
			rows = append(rows, r)
		}
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	want := slices.Clone(rows)
	slices.SortStableFunc(want, func(a, b Row) int {
		ua, ub := urgencyOf(&a), urgencyOf(&b)
		return ua.compare(&ub)
	})
	got := slices.Clone(rows)
	SortUrgent(got)
	titles := func(rows []Row) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.Key+" "+r.Title)
		}
		return out
	}
	if diff := cmp.Diff(titles(want), titles(got)); diff != "" {
		t.Errorf("SortUrgent (-stable sort +got):\n%s", diff)
	}
}

func TestCompareKeys(t *testing.T) {
	ids := []string{"", "a", "a!", "a#", "a-b", "a#b", "ab", "b", "日本"}
	for _, ap := range ids {
		for _, ai := range ids {
			for _, bp := range ids {
				for _, bi := range ids {
					want := strings.Compare(ap+"#"+ai, bp+"#"+bi)
					if got := compareKeys(ap, ai, bp, bi); got != want {
						t.Errorf("compareKeys(%q, %q, %q, %q) = %d, want %d", ap, ai, bp, bi, got, want)
					}
				}
			}
		}
	}
}

// TestPermute checks Permute against building the permuted slice anew,
// for every permutation of 4 and random ones of many sizes.
func TestPermute(t *testing.T) {
	check := func(order []int32) {
		t.Helper()
		s := make([]string, len(order))
		want := make([]string, len(order))
		for i := range s {
			s[i] = fmt.Sprint("row", i)
		}
		for i, k := range order {
			want[i] = s[k]
		}
		Permute(s, slices.Clone(order))
		if !slices.Equal(s, want) {
			t.Fatalf("Permute by %v = %v, want %v", order, s, want)
		}
	}
	var all func(prefix []int32, rest []int32)
	all = func(prefix, rest []int32) {
		if len(rest) == 0 {
			check(prefix)
			return
		}
		for i := range rest {
			next := append(slices.Clone(rest[:i]), rest[i+1:]...)
			all(append(slices.Clone(prefix), rest[i]), next)
		}
	}
	all(nil, []int32{0, 1, 2, 3})
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 7, 100, 1000} {
		order := make([]int32, n)
		for i := range order {
			order[i] = int32(i)
		}
		r.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		check(order)
	}
}
