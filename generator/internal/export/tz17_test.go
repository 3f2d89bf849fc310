package export

import (
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// TestTimeZoneFarFuture: past year 10000 Go's ZoneBounds gives next == t,
// and the VTIMEZONE loop never advanced: --today 9999-12-31 on a DST zone
// wrote STANDARD blocks until the machine ran out of memory (QA 17 B-F3).
// Every year must end in a small, bounded VTIMEZONE.
func TestTimeZoneFarFuture(t *testing.T) {
	for _, name := range []string{"America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "America/Santiago"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, today := range []model.Date{{Year: 9999, Month: 12, Day: 31}, {Year: 9999, Month: 1, Day: 1}, {Year: 9998, Month: 6, Day: 1}, {Year: 1, Month: 1, Day: 1}} {
			done := make(chan string, 1)
			go func() {
				var c icsWriter
				c.timeZone(loc, today)
				done <- c.b.String()
			}()
			select {
			case out := <-done:
				if n := strings.Count(out, "BEGIN:STANDARD") + strings.Count(out, "BEGIN:DAYLIGHT"); n < 1 || n > 8 {
					t.Errorf("%s as of %s: %d VTIMEZONE blocks, want 1 to 8", name, today, n)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("%s as of %s: VTIMEZONE still being written after 5 s", name, today)
			}
		}
	}
}
