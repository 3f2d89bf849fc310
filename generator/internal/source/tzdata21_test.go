package source

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestZoneDatabaseIsBuiltIn checks that pmkb carries its own zone
// database (QA 21 B-F1): a binary copied into a container without tzdata
// (scratch, distroless, Alpine) or run on Windows without Go failed every
// site whose timeZone is not UTC. The package that loads the zones
// imports time/tzdata, so the CLI and every other user of the library
// link it.
func TestZoneDatabaseIsBuiltIn(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/pmkb/pmkb/cmd/pmkb").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	if !strings.Contains("\n"+string(out), "\ntime/tzdata\n") {
		t.Errorf("cmd/pmkb does not link time/tzdata; its dependencies:\n%s", out)
	}
}

// TestZoneSpeltRightButNotLoaded checks the message when a zone written
// exactly right cannot be loaded: it says why, not "did you mean" the very
// name written (QA 21 B-F1).
func TestZoneSpeltRightButNotLoaded(t *testing.T) {
	defer func(f func(string) (*time.Location, error)) { loadLocation = f }(loadLocation)
	loadLocation = func(name string) (*time.Location, error) {
		return nil, errors.New("unknown time zone " + name)
	}
	_, _, diags := LoadConfig(fstest.MapFS{"pmkb.toml": {Data: []byte("timeZone = \"Asia/Tokyo\"\n")}})
	got := strings.TrimSpace(diags.String())
	if want := `pmkb.toml:1: timeZone "Asia/Tokyo" cannot be loaded: unknown time zone Asia/Tokyo`; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	_, _, diags = LoadConfig(fstest.MapFS{"pmkb.toml": {Data: []byte("timeZone = \"JST\"\n")}})
	if got := diags.String(); !strings.Contains(got, `did you mean "Asia/Tokyo"?`) {
		t.Errorf("an abbreviation still gets its zone:\n%s", got)
	}
}
