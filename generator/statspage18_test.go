package generator

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// TestStatsPageTablesStayBounded: the statistics page's tables grew with
// the square of a site's shape (QA 18 A-F1, A-F2): the cause × system
// table had a cell for every pair (1,000 free-form causes × 1,428 systems:
// a 17 MB page, 21 s of build), and the table of action items open at a
// repeat listed every incident each of 50 repeats repeats (330 for a
// system and cause that fail every week: 34 MB at 8,000 postmortems). The
// page shows the 20 most frequent causes and systems and, per repeat, its
// 5 latest earlier incidents, and says so; /api/stats.json has all.
func TestStatsPageTablesStayBounded(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	var pms []*model.Postmortem
	for i := range 30 {
		// 30 postmortems on one system and cause, a day apart, each with
		// an open item: every one repeats all those before it.
		date := time.Date(2024, time.January, 1+i, 10, 0, 0, 0, time.UTC)
		pms = append(pms, &model.Postmortem{ID: fmt.Sprintf("2024-01-%02d-same", 1+i), Path: fmt.Sprintf("content/postmortems/s%d.md", i),
			Title: "Same again", Date: date, Severity: "SEV3", Systems: []string{"api"}, Causes: []string{"config-change"},
			ActionItems: []model.ActionItem{{ID: "AI-1", Title: fmt.Sprintf("Fix %d", i), Owner: "ann", Status: "open"}}})
	}
	for i := range 40 {
		// 40 causes × 40 systems besides: 41 × 41 cells, more than a
		// table shows whole.
		date := time.Date(2024, time.March, 1+i, 10, 0, 0, 0, time.UTC)
		pms = append(pms, &model.Postmortem{ID: fmt.Sprintf("2024-03-%02d-free", 1+i), Path: fmt.Sprintf("content/postmortems/f%d.md", i),
			Title: "Free", Date: date, Severity: "SEV4", Systems: []string{fmt.Sprintf("sys-%02d", i)}, Causes: []string{fmt.Sprintf("cause-%02d", i)}})
	}
	kb := model.New(cfg, model.Date{Year: 2024, Month: time.June, Day: 1}, pms)
	_, files := statsSite(t, kb)
	page := string(files["stats/index.html"])
	section := func(id string) string {
		_, s, ok := strings.Cut(page, `id="`+id+`"`)
		if !ok {
			t.Fatalf("no section %s", id)
		}
		s, _, _ = strings.Cut(s, "</section>")
		return s
	}
	matrix := section("cause-system")
	head, body, _ := strings.Cut(matrix, "</thead>")
	if n := strings.Count(head, "<th ") + strings.Count(head, "<th>"); n != 21 {
		t.Errorf("the cause × system table has %d header cells, want 21 (a cause column and 20 systems)", n)
	}
	if n := strings.Count(body, "<tr"); n != 20 {
		t.Errorf("the cause × system table has %d rows, want 20", n)
	}
	if !strings.Contains(matrix, "The 20 most frequent of 41 causes and 20 of 41 systems; /api/stats.json has every pair.") {
		t.Errorf("the cause × system table does not say it is cut:\n%s", matrix)
	}
	open := section("repeat-open-actions")
	if n := strings.Count(open, `<th scope="row"><bdi><a href="../postmortems/2024-01-30-same/index.html"`); n != 5 {
		t.Errorf("the latest repeat lists %d earlier incidents in the open action items, want 5", n)
	}
	if !strings.Contains(open, "A repeat lists the 5 latest incidents it repeats; /api/stats.json lists them all.") {
		t.Errorf("the open action items do not say they are cut:\n%s", open)
	}
}

// TestStatsPageSmallMatrixWhole: an ordinary site's causes × systems table
// (here 10 causes × 30 systems) is shown whole, with no sentence about a
// cut (QA 18r F7: 15 causes × 40 systems lost half its systems and said
// "the 15 most frequent of 15 causes").
func TestStatsPageSmallMatrixWhole(t *testing.T) {
	var pms []*model.Postmortem
	for i := range 30 {
		pms = append(pms, &model.Postmortem{ID: fmt.Sprintf("2024-04-%02d-x", 1+i), Path: fmt.Sprintf("content/postmortems/x%d.md", i),
			Title: "X", Date: time.Date(2024, time.April, 1+i, 10, 0, 0, 0, time.UTC), Severity: "SEV4",
			Systems: []string{fmt.Sprintf("sys-%02d", i)}, Causes: []string{fmt.Sprintf("cause-%02d", i%10)}})
	}
	kb := model.New(model.DefaultSiteConfig(), model.Date{Year: 2024, Month: time.June, Day: 1}, pms)
	_, files := statsSite(t, kb)
	_, matrix, ok := strings.Cut(string(files["stats/index.html"]), `id="cause-system"`)
	if !ok {
		t.Fatal("no causes × systems section")
	}
	matrix, _, _ = strings.Cut(matrix, "</section>")
	head, body, _ := strings.Cut(matrix, "</thead>")
	if n := strings.Count(head, "<th ") + strings.Count(head, "<th>"); n != 31 {
		t.Errorf("the table has %d header cells, want 31", n)
	}
	if n := strings.Count(body, "<tr"); n != 10 {
		t.Errorf("the table has %d rows, want 10", n)
	}
	if strings.Contains(matrix, "most frequent") {
		t.Errorf("a whole table says it is cut:\n%s", matrix)
	}
}
