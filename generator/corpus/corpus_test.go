package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/blevesearch/go-porterstemmer"
	"github.com/goccy/go-yaml"
	"github.com/google/go-cmp/cmp"
	"github.com/pelletier/go-toml/v2"

	"github.com/pmkb/pmkb/generator/model"
)

// The tests decode every generated file with real YAML, TOML and JSON
// libraries and recompute the Truth from what they read, so a mistake in
// either the writers or the bookkeeping shows up as a difference.

var testToday = model.Date{Year: 2026, Month: time.November, Day: 27}

// doc is one postmortem file as a reader sees it.
type doc struct {
	path, format string
	fm           map[string]any
	body         string
}

func (d *doc) str(key string) string { return asString(d.fm[key]) }

func (d *doc) list(key string) []string {
	raw, _ := d.fm[key].([]any)
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		out = append(out, asString(v))
	}
	return out
}

func (d *doc) items() []map[string]any {
	var out []map[string]any
	switch raw := d.fm["action_items"].(type) {
	case []any:
		for _, v := range raw {
			out = append(out, v.(map[string]any))
		}
	case []map[string]any:
		out = raw
	}
	return out
}

func (d *doc) id() string {
	return strings.TrimSuffix(d.path[strings.LastIndexByte(d.path, '/')+1:], ".md")
}

// searchText is the text Truth.Words is defined over, read back from the file.
func (d *doc) searchText() string {
	parts := []string{d.str("title"), d.str("summary"), d.str("impact"), d.body}
	for _, it := range d.items() {
		parts = append(parts, asString(it["title"]))
	}
	return strings.Join(parts, "\n")
}

// asString turns a decoded scalar into the text it was written as.
func asString(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Location() == time.UTC {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339)
	case toml.LocalDate:
		return v.String()
	case toml.LocalDateTime:
		return v.String()
	default:
		return fmt.Sprint(v)
	}
}

// day parses the calendar day at the start of a date or time value.
func day(t *testing.T, s string) model.Date {
	t.Helper()
	if len(s) < 10 {
		t.Fatalf("%q is not a date", s)
	}
	d, err := model.ParseDate(s[:10])
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// decode splits a file into front-matter and body and decodes the former
// with the library for its format.
func decode(t *testing.T, path string, data []byte) *doc {
	t.Helper()
	s := string(data)
	d := &doc{path: path, fm: map[string]any{}}
	var fm string
	var err error
	switch {
	case strings.HasPrefix(s, "---\n"):
		d.format = "yaml"
		fm, d.body, _ = strings.Cut(s[4:], "\n---\n")
		err = yaml.Unmarshal([]byte(fm), &d.fm)
	case strings.HasPrefix(s, "+++\n"):
		d.format = "toml"
		fm, d.body, _ = strings.Cut(s[4:], "\n+++\n")
		err = toml.Unmarshal([]byte(fm), &d.fm)
	case strings.HasPrefix(s, "{\n"):
		d.format = "json"
		fm, d.body, _ = strings.Cut(s, "\n}\n")
		fm += "\n}"
		dec := json.NewDecoder(strings.NewReader(fm))
		dec.DisallowUnknownFields()
		err = dec.Decode(&d.fm)
	default:
		t.Fatalf("%s: no front-matter delimiter", path)
	}
	if err != nil {
		t.Fatalf("%s: %s front-matter does not decode: %v\n%s", path, d.format, err, fm)
	}
	if d.body == "" {
		t.Fatalf("%s: front-matter not closed or body empty", path)
	}
	return d
}

// load generates a corpus and decodes every postmortem, in path order.
func load(t *testing.T, opts Options) (*Corpus, []*doc) {
	t.Helper()
	c := Generate(opts)
	var docs []*doc
	for _, p := range c.Paths() {
		if p != "pmkb.toml" {
			docs = append(docs, decode(t, p, c.Files[p]))
		}
	}
	return c, docs
}

var standard = Options{N: 1000, Seed: 7, Today: testToday, Formats: true}

func TestDeterministic(t *testing.T) {
	a, b := Generate(standard), Generate(standard)
	if !maps.EqualFunc(a.Files, b.Files, bytes.Equal) {
		t.Error("two corpora from the same options differ")
	}
	ja, _ := a.TruthJSON()
	jb, _ := b.TruthJSON()
	if !bytes.Equal(ja, jb) {
		t.Error("two truths from the same options differ")
	}
	other := standard
	other.Seed++
	if c := Generate(other); maps.EqualFunc(a.Files, c.Files, bytes.Equal) {
		t.Error("another seed gave the same corpus")
	}
}

func TestSiteConfigDecodes(t *testing.T) {
	var cfg struct {
		Title    string
		Language string
		Causes   map[string]struct{ Name string }
		Systems  map[string]struct{ Name, Team string }
	}
	c := Generate(Options{N: 1})
	dec := toml.NewDecoder(bytes.NewReader(c.Files["pmkb.toml"]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Title == "" || cfg.Language != "en" || len(cfg.Causes) != len(causes) || len(cfg.Systems) != 40 {
		t.Errorf("pmkb.toml = %+v", cfg)
	}
	for slug, s := range cfg.Systems {
		if s.Name == "" || s.Team == "" || model.Slug(slug) != slug {
			t.Errorf("system %q = %+v", slug, s)
		}
	}
}

var idPattern = regexp.MustCompile(`^(\d{4})-\d\d-\d\d-[a-z0-9-]+-(\d+)$`)

func TestFilesFollowContract(t *testing.T) {
	c, docs := load(t, standard)
	cfg := c.Files["pmkb.toml"]
	formats := map[string]int{}
	seen := map[string]bool{}
	number := map[string]int{} // id → n
	for _, d := range docs {
		if m := idPattern.FindStringSubmatch(d.id()); m != nil {
			number[d.id()], _ = strconv.Atoi(m[2])
		}
	}
	var ja int
	for _, d := range docs {
		formats[d.format]++
		id := d.id()
		m := idPattern.FindStringSubmatch(id)
		if m == nil || seen[id] {
			t.Fatalf("%s: bad or duplicate id %q", d.path, id)
		}
		seen[id] = true
		if want := "content/postmortems/" + m[1] + "/" + id + ".md"; d.path != want {
			t.Errorf("path %s, want %s", d.path, want)
		}
		if v, ok := d.fm["id"]; ok && v != id {
			t.Errorf("%s: id field %v differs from the file name", d.path, v)
		}
		if day(t, d.str("date")).Year != day(t, id).Year || d.str("date")[:10] != id[:10] {
			t.Errorf("%s: date %s does not match the id", d.path, d.str("date"))
		}
		if d.str("title") == "" || len(d.list("systems")) == 0 || len(d.list("causes")) == 0 {
			t.Errorf("%s: a required field is empty", d.path)
		}
		if !slices.Contains([]string{"SEV1", "SEV2", "SEV3", "SEV4"}, d.str("severity")) {
			t.Errorf("%s: severity %q", d.path, d.str("severity"))
		}
		if !slices.Contains([]string{"alert", "customer-report", "internal-report", "synthetic-check"}, d.str("detection")) {
			t.Errorf("%s: detection %q", d.path, d.str("detection"))
		}
		if s := d.str("status"); s != "" && s != "published" {
			t.Errorf("%s: status %q", d.path, s)
		}
		for _, s := range append(d.list("systems"), d.list("causes")...) {
			if !bytes.Contains(cfg, []byte("."+s+"]\n")) {
				t.Errorf("%s: %q is not in pmkb.toml", d.path, s)
			}
		}
		if d.str("lang") == "ja" {
			ja++
		}
		if tl, ok := d.fm["timeline"].(map[string]any); ok {
			var prev time.Time
			for _, k := range model.TimelineFields {
				if v, ok := tl[k]; ok {
					tm, err := time.Parse(time.RFC3339, asString(v))
					if err != nil || tm.Before(prev) {
						t.Errorf("%s: timeline.%s = %v out of order or not RFC 3339", d.path, k, v)
					}
					prev = tm
				}
			}
			if started := asString(tl["started"]); !strings.HasPrefix(started, id[:10]) {
				t.Errorf("%s: started %s is not on the incident day", d.path, started)
			}
		}
		for _, r := range d.list("related") {
			if n, ok := number[r]; !ok || n >= number[id] {
				t.Errorf("%s: related %q is not an earlier postmortem", d.path, r)
			}
		}
		items := d.items()
		if len(items) > 5 {
			t.Errorf("%s: %d action items", d.path, len(items))
		}
		for _, it := range items {
			st := asString(it["status"])
			if asString(it["title"]) == "" || asString(it["owner"]) == "" ||
				!slices.Contains([]string{"", "open", "in-progress", "done", "wont-do"}, st) {
				t.Errorf("%s: bad action item %v", d.path, it)
			}
			if cl := asString(it["closed"]); cl != "" {
				if st != "done" && st != "wont-do" {
					t.Errorf("%s: closed date on a %q item", d.path, st)
				}
				if cd := day(t, cl); cd.Before(day(t, id)) || testToday.Before(cd) {
					t.Errorf("%s: closed %s outside incident day…today", d.path, cl)
				}
			} else if st == "done" {
				t.Errorf("%s: done item without closed date", d.path)
			}
			if due := asString(it["due"]); due != "" {
				dd, incident := day(t, due), day(t, id)
				n := testToday.DaysUntil(dd)
				nearToday := -200 <= n && n <= 200 && !dd.Before(incident)
				soonAfter := !dd.Before(incident.AddDays(7)) && !incident.AddDays(45).Before(dd)
				if !nearToday && !soonAfter {
					t.Errorf("%s: due %s is neither near today nor soon after the incident", d.path, due)
				}
			}
		}
	}
	if formats["yaml"] == 0 || formats["toml"] == 0 || formats["json"] == 0 || formats["yaml"] < formats["toml"]+formats["json"] {
		t.Errorf("format mix %v", formats)
	}
	if share := float64(ja) / float64(len(docs)); share < 0.2 || share > 0.3 {
		t.Errorf("Japanese share %.2f, want about 0.25", share)
	}
}

func TestTruthMatchesFiles(t *testing.T) {
	c, docs := load(t, standard)
	want := Truth{
		ByCause: map[string][]string{}, BySystem: map[string][]string{}, BySeverity: map[string][]string{},
		ByDetection: map[string][]string{}, ByTeam: map[string][]string{}, ByTag: map[string][]string{}, ByYear: map[string][]string{},
		Related: map[string][]string{}, Actions: ActionTruth{PerOwner: map[string]OwnerCounts{}},
	}
	for _, d := range docs { // docs are in path order: year, then id
		id := d.id()
		want.IDs = append(want.IDs, id)
		for _, s := range d.list("causes") {
			want.ByCause[s] = append(want.ByCause[s], id)
		}
		for _, s := range d.list("systems") {
			want.BySystem[s] = append(want.BySystem[s], id)
		}
		for _, s := range d.list("teams") {
			want.ByTeam[s] = append(want.ByTeam[s], id)
		}
		for _, s := range d.list("tags") {
			want.ByTag[s] = append(want.ByTag[s], id)
		}
		want.BySeverity[d.str("severity")] = append(want.BySeverity[d.str("severity")], id)
		want.ByDetection[d.str("detection")] = append(want.ByDetection[d.str("detection")], id)
		want.ByYear[id[:4]] = append(want.ByYear[id[:4]], id)
		if r := d.list("related"); len(r) > 0 {
			want.Related[id] = r
		}
		for _, it := range d.items() {
			a := model.ActionItem{Status: cmpOr(asString(it["status"]), "open")}
			if due := asString(it["due"]); due != "" {
				a.Due = day(t, due)
			} else {
				want.Actions.NoDue++
			}
			owner := asString(it["owner"])
			oc := want.Actions.PerOwner[owner]
			want.Actions.Total++
			switch a.Status {
			case "open":
				want.Actions.Open++
				oc.Open++
			case "in-progress":
				want.Actions.InProgress++
				oc.InProgress++
			case "done":
				want.Actions.Done++
				oc.Done++
			case "wont-do":
				want.Actions.WontDo++
				oc.WontDo++
			}
			if a.Overdue(testToday) {
				want.Actions.Overdue++
				oc.Overdue++
			}
			want.Actions.PerOwner[owner] = oc
		}
	}
	for _, m := range []map[string][]string{want.ByCause, want.BySystem, want.BySeverity, want.ByDetection, want.ByTeam, want.ByTag, want.ByYear} {
		for _, ids := range m {
			slices.Sort(ids)
		}
	}
	slices.Sort(want.IDs)
	got := c.Truth
	got.Words = nil
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("truth differs from the files (-files +truth):\n%s", diff)
	}
	a := got.Actions
	if a.Open+a.InProgress+a.Done+a.WontDo != a.Total || a.Overdue == 0 || a.Overdue > a.Open+a.InProgress || a.Done == 0 || a.WontDo == 0 {
		t.Errorf("implausible action counts %+v", a)
	}
	if len(a.PerOwner) < 50 || len(got.BySystem) != 40 || len(got.ByCause) != 15 || len(got.ByYear) != 6 || len(got.Related) == 0 {
		t.Errorf("poor coverage: %d owners, %d systems, %d causes, %d years, %d related",
			len(a.PerOwner), len(got.BySystem), len(got.ByCause), len(got.ByYear), len(got.Related))
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

var asciiToken = regexp.MustCompile(`[a-z0-9]+`)

func TestWordsExact(t *testing.T) {
	c, docs := load(t, standard)
	probes := append(slices.Clone(englishProbes), japaneseProbes...)
	tracked := append(slices.Clone(probes), CommonWords()...)
	if got := slices.Sorted(maps.Keys(c.Truth.Words)); !slices.Equal(got, slices.Sorted(slices.Values(tracked))) {
		t.Fatalf("Truth.Words keys = %v", got)
	}
	want := map[string][]string{}
	for _, d := range docs {
		text := d.searchText()
		tokens := asciiToken.FindAllString(strings.ToLower(text), -1)
		var nProbes int
		for _, w := range tracked {
			var has bool
			if isASCIIWord(w) {
				has = slices.Contains(tokens, w)
			} else {
				has = strings.Contains(text, w)
				if has && slices.Contains(japaneseProbes, w) && d.str("lang") != "ja" {
					t.Errorf("%s: Japanese probe %s in an English postmortem", d.path, w)
				}
			}
			if has {
				want[w] = append(want[w], d.id())
				if slices.Contains(probes, w) {
					nProbes++
				}
			}
		}
		if nProbes < 1 || nProbes > 3 {
			t.Errorf("%s: %d probe words, want 1–3", d.path, nProbes)
		}
	}
	for _, w := range tracked {
		slices.Sort(want[w])
		if got := c.Truth.Words[w]; !slices.Equal(got, want[w]) {
			t.Errorf("Truth.Words[%q] has %d ids, the files %d", w, len(got), len(want[w]))
		}
	}
	for _, w := range CommonWords() {
		if len(want[w]) == 0 {
			t.Errorf("common word %q occurs nowhere", w)
		}
	}
}

// TestWordsSurviveStemming checks the promise that makes Truth.Words a
// search truth: a Porter-stemming search for a tracked English word matches
// no file outside its list, wherever in the file (front-matter included) a
// word with the same stem stands; probes are their own stems; and no other
// word starts with a tracked word, so prefix search is exact too.
func TestWordsSurviveStemming(t *testing.T) {
	c, docs := load(t, standard)
	stemOf := map[string]string{} // stem → tracked word
	for _, w := range append(slices.Clone(englishProbes), CommonWords()...) {
		if !isASCIIWord(w) {
			continue
		}
		s := porterstemmer.StemString(w)
		if slices.Contains(englishProbes, w) && s != w {
			t.Errorf("probe %q stems to %q", w, s)
		}
		if other, dup := stemOf[s]; dup {
			t.Errorf("%q and %q share the stem %q", w, other, s)
		}
		stemOf[s] = w
	}
	for _, d := range docs {
		for _, tok := range slices.Compact(slices.Sorted(slices.Values(asciiToken.FindAllString(strings.ToLower(string(c.Files[d.path])), -1)))) {
			if w, ok := stemOf[porterstemmer.StemString(tok)]; ok && !slices.Contains(c.Truth.Words[w], d.id()) {
				t.Errorf("%s: %q stems like tracked %q but the file is not in its list", d.path, tok, w)
			}
			for _, w := range stemOf {
				if strings.HasPrefix(tok, w) && tok != w {
					t.Errorf("%s: %q starts with tracked %q, so a prefix search would find it", d.path, tok, w)
				}
			}
		}
	}
}

// TestJapaneseWordsSurviveBigrams checks the same for a CJK-bigram search:
// a file holding every bigram of a tracked Japanese word holds the word.
func TestJapaneseWordsSurviveBigrams(t *testing.T) {
	c, docs := load(t, standard)
	used := map[rune]string{}
	for _, p := range japaneseProbes {
		for _, r := range p {
			if q, dup := used[r]; dup {
				t.Errorf("%c is in probes %s and %s", r, p, q)
			}
			used[r] = p
		}
	}
	for _, w := range append(slices.Clone(japaneseProbes), CommonWords()...) {
		if isASCIIWord(w) {
			continue
		}
		rs := []rune(w)
		for _, d := range docs {
			all := true
			for i := 0; i+1 < len(rs) && all; i++ {
				all = strings.Contains(string(c.Files[d.path]), string(rs[i:i+2]))
			}
			if all && !slices.Contains(c.Truth.Words[w], d.id()) {
				t.Errorf("%s: holds every bigram of %q but is not in its list", d.path, w)
			}
		}
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name  string
		opts  Options
		check func(t *testing.T, c *Corpus, docs []*doc)
	}{
		{"empty", Options{}, func(t *testing.T, c *Corpus, docs []*doc) {
			if len(c.Files) != 1 || len(c.Truth.IDs) != 0 || c.Truth.Actions.Total != 0 {
				t.Errorf("files %v, truth %+v", c.Paths(), c.Truth)
			}
		}},
		{"yaml only, no Japanese", Options{N: 300, Seed: 3, JapaneseShare: -1}, func(t *testing.T, c *Corpus, docs []*doc) {
			for _, d := range docs {
				if d.format != "yaml" || d.str("lang") == "ja" {
					t.Fatalf("%s: %s, lang %q", d.path, d.format, d.str("lang"))
				}
			}
		}},
		{"all Japanese", Options{N: 100, Seed: 3, JapaneseShare: 1}, func(t *testing.T, c *Corpus, docs []*doc) {
			for _, d := range docs {
				if d.str("lang") != "ja" {
					t.Fatalf("%s: lang %q", d.path, d.str("lang"))
				}
			}
		}},
		{"default today", Options{N: 200, Seed: 3}, func(t *testing.T, c *Corpus, docs []*doc) {
			same := Generate(Options{N: 200, Seed: 3, Today: DefaultToday()})
			if !maps.EqualFunc(c.Files, same.Files, bytes.Equal) {
				t.Error("zero Today is not DefaultToday()")
			}
		}},
		{"early today", Options{N: 200, Seed: 3, Today: model.Date{Year: 2022, Month: time.June, Day: 30}}, func(t *testing.T, c *Corpus, docs []*doc) {
			for _, d := range docs {
				if d.id()[:10] > "2022-06-30" {
					t.Fatalf("%s is dated after Today", d.path)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, docs := load(t, tt.opts)
			tt.check(t, c, docs)
		})
	}
}

func TestFS(t *testing.T) {
	c := Generate(Options{N: 20, Seed: 1, Formats: true})
	if err := fstest.TestFS(c.FS(), c.Paths()...); err != nil {
		t.Fatal(err)
	}
}

func TestWriteDir(t *testing.T) {
	c := Generate(Options{N: 20, Seed: 1})
	dir := t.TempDir()
	if err := c.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Paths() {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil || !bytes.Equal(data, c.Files[p]) {
			t.Errorf("%s not written as generated (%v)", p, err)
		}
	}
}
