package render

import (
	"fmt"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestDueLater checks the due dates a count of overdue items may still
// gain: those of items not closed, not overdue on the build day, with a
// due date; ascending, a date shared by k items written once as "date*k".
func TestDueLater(t *testing.T) {
	today := day(2024, 4, 10)
	item := func(due model.Date, status string) model.ActionRef {
		return model.ActionRef{Postmortem: &model.Postmortem{ID: "p"}, Item: &model.ActionItem{Due: due, Status: status}}
	}
	for _, c := range []struct {
		name string
		refs []model.ActionRef
		want string
	}{
		{"none", nil, ""},
		{"overdue already", []model.ActionRef{item(day(2024, 4, 9), "open")}, ""},
		{"closed or no due date", []model.ActionRef{item(day(2024, 5, 1), "done"), item(day(2024, 5, 1), "wont-do"), item(model.Date{}, "open")}, ""},
		{"due today counts later", []model.ActionRef{item(today, "open")}, "2024-04-10"},
		{"sorted, shared dates counted", []model.ActionRef{item(day(2024, 6, 1), "open"), item(day(2024, 5, 1), "in-progress"),
			item(day(2024, 6, 1), "in-progress"), item(day(2024, 6, 1), "open"), item(day(2024, 4, 1), "open")}, "2024-05-01 2024-06-01*3"},
	} {
		if got := dueLater(c.refs, today); got != c.want {
			t.Errorf("%s: dueLater = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestSlot checks that a slot fills a UI string's verb, whatever it is,
// with its placeholder.
func TestSlot(t *testing.T) {
	if got := fmt.Sprintf("Overdue: %d (as of %s); %[1]v", slot("n"), slot("day")); got != "Overdue: {n} (as of {day}); {n}" {
		t.Errorf("got %q", got)
	}
}
