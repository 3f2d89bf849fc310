package buildid

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestIDOf(t *testing.T) {
	dir := t.TempDir()
	exe := func(name, data string) func() (string, error) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o755); err != nil {
			t.Fatal(err)
		}
		return func() (string, error) { return p, nil }
	}
	a, b := exe("a", "one build"), exe("b", "another build")
	none := func() (string, error) { return "", errors.New("no executable") }
	build := func(version string, settings ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/pmkb/pmkb", Version: version}}
		for i := 0; i+1 < len(settings); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return info
	}
	clean := build("v0.0.0-20261128190000-0123456789ab", "vcs.revision", "0123456789abcdef", "vcs.modified", "false")
	if got := idOf(clean, a); got != "go1.26.8 0123456789abcdef" {
		t.Errorf("a clean checkout's build: %q", got)
	}
	if idOf(clean, a) != idOf(clean, b) {
		t.Error("one commit gave two identities")
	}
	other := build("", "vcs.revision", "fedcba9876543210", "vcs.modified", "false")
	if idOf(other, a) == idOf(clean, a) {
		t.Error("two commits gave one identity")
	}
	released := build("v1.2.0")
	if got := idOf(released, a); got != "go1.26.8 v1.2.0" {
		t.Errorf("an installed release: %q", got)
	}
	newerGo := build("v1.2.0")
	newerGo.GoVersion = "go1.27.0"
	if idOf(newerGo, a) == idOf(released, a) {
		t.Error("two Go versions gave one identity")
	}
	// A modified checkout, a build without version control and a test
	// binary are their executables.
	for _, info := range []*debug.BuildInfo{
		build("v0.0.0-20261128190000-0123456789ab+dirty", "vcs.revision", "0123456789abcdef", "vcs.modified", "true"),
		build("(devel)"),
		nil,
	} {
		ia, ib := idOf(info, a), idOf(info, b)
		if !strings.HasPrefix(ia, "exe ") || ia == ib || ia != idOf(info, a) {
			t.Errorf("%v: %q and %q for two executables", info, ia, ib)
		}
	}
	if x, y := idOf(nil, none), idOf(nil, none); x == y || !strings.HasPrefix(x, "once ") {
		t.Errorf("unreadable executable: %q then %q, want two identities of their own", x, y)
	}
	marked := exe("marked", "\x7fMZ…\xff Go build ID: \"abc/def\"\n \xff…")
	if got := idOf(nil, marked); got != "go abc/def" {
		t.Errorf("an executable with its Go build id as text: %q", got)
	}
	if ID() == "" || ID() != ID() {
		t.Errorf("ID() = %q", ID())
	}
}

// TestGoBuildIDOfThisBinary: the id read from the running test binary (an
// ELF file here, a Mach-O on macOS) is what go tool buildid prints.
func TestGoBuildIDOfThisBinary(t *testing.T) {
	path, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	got, ok := goBuildID(path)
	if !ok {
		t.Fatalf("no build id read from %s", path)
	}
	out, err := exec.Command("go", "tool", "buildid", path).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	if want := strings.TrimSpace(string(out)); got != want {
		t.Errorf("build id %q, go tool buildid says %q", got, want)
	}
	if !strings.HasPrefix(ID(), "go ") {
		t.Errorf("ID() = %q: a test binary is named by its build id", ID())
	}
}

func TestVersion(t *testing.T) {
	for _, tt := range []struct {
		info *debug.BuildInfo
		want string
	}{
		{nil, "devel"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "fb04e90aa1b2c3d4e5f60718293a4b5c6d7e8f90"}, {Key: "vcs.modified", Value: "true"}}},
			"devel (fb04e90aa1b2, modified)"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "fb04e90aa1b2c3d4e5f60718293a4b5c6d7e8f90"}, {Key: "vcs.modified", Value: "false"}}},
			"devel (fb04e90aa1b2)"},
	} {
		if got := Version(tt.info); got != tt.want {
			t.Errorf("Version(%+v) = %q, want %q", tt.info, got, tt.want)
		}
	}
}

// TestRelease checks which builds name their version in published files
// (QA 21 B-F2): a release, not a pseudo-version, a dirty build or go run.
func TestRelease(t *testing.T) {
	for _, tt := range []struct {
		version, want string
	}{
		{"v1.2.0", "v1.2.0"},
		{"v1.3.0-rc.1", "v1.3.0-rc.1"},
		{"v1.2.0+dirty", ""},
		{"v0.0.0-20261128212257-5c6fd29548f9", ""},
		{"v0.0.0-20261128212257-5c6fd29548f9+dirty", ""},
		{"v1.2.1-0.20261128212257-5c6fd29548f9", ""},
		{"v1.3.0-rc.1.0.20261128212257-5c6fd29548f9", ""},
		{"(devel)", ""},
		{"", ""},
	} {
		if got := Release(&debug.BuildInfo{Main: debug.Module{Version: tt.version}}); got != tt.want {
			t.Errorf("Release(%q) = %q, want %q", tt.version, got, tt.want)
		}
	}
	if got := Release(nil); got != "" {
		t.Errorf("Release(nil) = %q", got)
	}
}
