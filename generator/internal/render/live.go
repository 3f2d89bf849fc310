package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pmkb/pmkb/generator/model"
)

// A site is read days after it was built, so actions.js re-checks every
// overdue count against the reader's clock. A count carries its value as of
// the build day (data-overdue-n) and the due dates of the items it may
// still gain (data-due-later, see dueLater); a sentence around it carries a
// template (data-live) whose slots, {n} and {day}, the script fills
// with the count and the reader's day. Without JavaScript the page reads
// "as of" the build day.

// dueLater lists the due dates of the items of refs that are not closed
// and not overdue today but have a due date: the items a count of overdue
// items gains as days pass. The dates are ascending and distinct, separated
// by spaces; a date due for k > 1 items is written "date*k".
func dueLater(refs []model.ActionRef, today model.Date) string {
	var days []model.Date
	for _, r := range refs {
		if pendingDue(r.Item, today) {
			days = append(days, r.Item.Due)
		}
	}
	return joinDays(days)
}

// dueLaterItems is dueLater of the items of the postmortems pms.
func dueLaterItems(pms []*model.Postmortem, today model.Date) string {
	var days []model.Date
	for _, p := range pms {
		for i := range p.ActionItems {
			if a := &p.ActionItems[i]; pendingDue(a, today) {
				days = append(days, a.Due)
			}
		}
	}
	return joinDays(days)
}

// pendingDue reports whether a is not closed and due after today: an
// item a reader's later clock may find overdue.
func pendingDue(a *model.ActionItem, today model.Date) bool {
	return !a.IsClosed() && !a.Due.IsZero() && !a.Overdue(today)
}

// joinDays writes days in the form of dueLater.
func joinDays(days []model.Date) string {
	slices.SortFunc(days, model.Date.Compare)
	var b strings.Builder
	for i := 0; i < len(days); {
		j := i + 1
		for j < len(days) && days[j] == days[i] {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(days[i].String())
		if j-i > 1 {
			b.WriteByte('*')
			b.WriteString(strconv.Itoa(j - i))
		}
		i = j
	}
	return b.String()
}

// slot stands for a value the page's script fills in: formatted with any
// verb, it writes "{name}", so a UI string such as "Overdue: %d (as of
// %s)" becomes the template "Overdue: {n} (as of {day})".
type slot string

// Format writes the slot's placeholder whatever the verb.
func (s slot) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "{%s}", string(s))
}
