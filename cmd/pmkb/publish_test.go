package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildCleanRefusesAFolderPmkbNeverBuilt proves that --clean on a
// folder that holds other files and no .pmkb-manifest (the /var/www for
// /var/www/pm slip) is refused with exit 2 and touches nothing, and that
// --force confirms it (qa7-b #4).
func TestBuildCleanRefusesAFolderPmkbNeverBuilt(t *testing.T) {
	root := site(t, map[string]string{
		"content/postmortems/2024/disk.md": okPM,
		"www/site-a/index.html":            "A",
		"www/site-b/index.html":            "B",
		"www/.git/config":                  "[core]",
	})
	www := filepath.Join(root, "www")
	code, out, errOut := pmkb(t, "build", "--source", root, "--destination", www, "--clean")
	if code != exitUsage || out != "" ||
		!strings.Contains(errOut, "pmkb never built it (it has no .pmkb-manifest) and cleaning would delete everything in it that pmkb did not create (site-a/, site-b/)") ||
		!strings.Contains(errOut, "--force") {
		t.Errorf("--clean on a foreign folder: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	for _, f := range []string{"site-a/index.html", "site-b/index.html", ".git/config"} {
		if _, err := os.Stat(filepath.Join(www, f)); err != nil {
			t.Errorf("refused build lost %s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(www, "index.html")); err == nil {
		t.Error("refused build published the site")
	}

	code, _, errOut = pmkb(t, "build", "--source", root, "--destination", www, "--clean", "--force")
	if code != exitOK {
		t.Fatalf("--clean --force: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(www, "site-a")); err == nil {
		t.Error("--clean --force kept site-a/")
	}
	if _, err := os.Stat(filepath.Join(www, ".git/config")); err != nil {
		t.Errorf("--clean --force lost the dotfile: %v", err)
	}
	// Built once, the folder has a manifest: --clean alone is enough.
	if code, _, errOut := pmkb(t, "build", "--source", root, "--destination", www, "--clean"); code != exitOK {
		t.Errorf("--clean on a folder pmkb built: exit %d\n%s", code, errOut)
	}
}

// TestBuildRemembersForeignEntries proves that the first plain build into
// a folder that holds entries pmkb did not make warns, naming them, and
// that a later --clean is still refused with exit 2 while any of them is
// there, instead of deleting them because the first build wrote a
// manifest (qa8 #3).
func TestBuildRemembersForeignEntries(t *testing.T) {
	root := site(t, map[string]string{
		"content/postmortems/2024/disk.md": okPM,
		"www/site-a/index.html":            "A",
		"www/other.txt":                    "O",
	})
	www := filepath.Join(root, "www")
	code, _, errOut := pmkb(t, "build", "--source", root, "--destination", www)
	if code != exitOK || !strings.Contains(errOut, "pmkb: warning: "+www+" already holds other.txt, site-a/, which pmkb did not make; they are kept, but --clean would delete them") {
		t.Fatalf("first plain build: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := pmkb(t, "build", "--source", root, "--destination", www); code != exitOK || strings.Contains(errOut, "warning") {
		t.Errorf("second plain build: exit %d, want 0 and no warning\n%s", code, errOut)
	}
	code, _, errOut = pmkb(t, "build", "--source", root, "--destination", www, "--clean")
	if code != exitUsage || !strings.Contains(errOut, "it held other.txt, site-a/ before pmkb first published there") || !strings.Contains(errOut, "--force") {
		t.Errorf("--clean after a plain build: exit %d\n%s", code, errOut)
	}
	for _, f := range []string{"site-a/index.html", "other.txt"} {
		if _, err := os.Stat(filepath.Join(www, f)); err != nil {
			t.Errorf("refused --clean lost %s: %v", f, err)
		}
	}
	// Once the foreign entries are gone, --clean needs no --force.
	if err := os.RemoveAll(filepath.Join(www, "site-a")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(www, "other.txt")); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := pmkb(t, "build", "--source", root, "--destination", www, "--clean"); code != exitOK {
		t.Errorf("--clean once the foreign entries are gone: exit %d\n%s", code, errOut)
	}
}

// TestBuildPublishFailureExitCode proves that a build whose content is
// fine but whose destination cannot be written exits 3, not 1 (content
// errors), and says the destination was left untouched (qa7-b #1).
func TestBuildPublishFailureExitCode(t *testing.T) {
	root := site(t, map[string]string{
		"content/postmortems/2024/disk.md": okPM,
		"public/index.html":                "old",
	})
	// A .pmkb-manifest that is a folder: root may write anywhere, so a
	// damaged manifest is the file-system failure every user can make.
	if err := os.Mkdir(filepath.Join(root, "public", ".pmkb-manifest"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := pmkb(t, "build", "--source", root)
	if code != exitPublish || !strings.Contains(errOut, "is not a regular file") || !strings.Contains(errOut, "left untouched\n") {
		t.Errorf("exit %d, want %d\n%s", code, exitPublish, errOut)
	}
	if data, err := os.ReadFile(filepath.Join(root, "public", "index.html")); err != nil || string(data) != "old" {
		t.Errorf("index.html = %q, %v; want the previous site", data, err)
	}
}

// TestBuildConflictExitCode proves that a destination holding a file
// pmkb did not write where the site puts its own is refused with exit 2,
// as README gives to a destination pmkb refuses, not 1 (content errors),
// and is left as it was.
func TestBuildConflictExitCode(t *testing.T) {
	root := site(t, map[string]string{
		"content/postmortems/2024/disk.md": okPM,
		"public/index.html":                "someone else's page",
	})
	code, out, errOut := pmkb(t, "build", "--source", root)
	if code != exitUsage || out != "" || !strings.Contains(errOut, `"index.html" was not written by pmkb and this build would replace it`) {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitUsage, out, errOut)
	}
	if data, err := os.ReadFile(filepath.Join(root, "public", "index.html")); err != nil || string(data) != "someone else's page" {
		t.Errorf("index.html = %q, %v; want it kept", data, err)
	}
}
