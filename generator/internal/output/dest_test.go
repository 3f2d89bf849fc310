package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckDestination(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home", "aiko")
	source := filepath.Join(home, "kb")
	writeTree(t, root, map[string]string{
		"home/aiko/kb/content/2024-01-01-dns.md": "---",
		"home/aiko/kb/public/index.html":         "",
		"home/aiko/kb/notes.txt":                 "",
		"srv/www/site-a/index.html":              "A",
		"srv/www/.git/config":                    "",
		"srv/dotfiles-only/.well-known/x":        "",
		"srv/built/index.html":                   "",
		"srv/built/" + ManifestName:              "[]",
		"srv/shared/index.html":                  "",
		"srv/shared/site-a/index.html":           "A",
		"srv/shared/" + ManifestName:             `{"paths": ["index.html"], "foreign": ["site-a", "gone.txt"]}`,
		"srv/left/index.html":                    "",
		"srv/left/" + ManifestName:               `{"paths": ["index.html"], "foreign": ["gone.txt"]}`,
	})
	foreign := filepath.Join(root, "srv", "www")
	clean := Options{Clean: true}
	mustSymlink := func(target, name string) string {
		t.Helper()
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
		return name
	}
	linkToHome := mustSymlink(home, filepath.Join(root, "to-home"))
	linkToContent := mustSymlink(filepath.Join(source, "content"), filepath.Join(root, "to-content"))
	opts := Options{SourceDir: source, HomeDir: home}
	// A site whose content/ is a link to a checkout elsewhere.
	linkedSource := filepath.Join(root, "linked-kb")
	writeTree(t, root, map[string]string{"checkout/content/postmortems/a.md": "---", "linked-kb/pmkb.toml": ""})
	mustSymlink(filepath.Join(root, "checkout", "content"), filepath.Join(linkedSource, "content"))
	linked := Options{SourceDir: linkedSource}
	// A site whose content/postmortems/ is a link to a checkout elsewhere.
	linkedPMs := filepath.Join(root, "linked-pms")
	writeTree(t, root, map[string]string{"pms-checkout/repo/2024/a.md": "---", "linked-pms/pmkb.toml": "", "linked-pms/content/README.md": ""})
	mustSymlink(filepath.Join(root, "pms-checkout", "repo"), filepath.Join(linkedPMs, "content", "postmortems"))
	linkedPM := Options{SourceDir: linkedPMs}
	// A theme folder beside the source, and a link to its static/.
	themeDir := filepath.Join(home, "th")
	writeTree(t, root, map[string]string{"home/aiko/th/static/robots.txt": ""})
	linkToStatic := mustSymlink(filepath.Join(themeDir, "static"), filepath.Join(root, "to-static"))
	themed := Options{SourceDir: source, HomeDir: home, ThemeDir: themeDir}

	tests := []struct {
		name string
		dest string
		opts Options
		want string // substring of the error; "" means accepted
	}{
		{"usual public folder", filepath.Join(source, "public"), opts, ""},
		{"folder that does not exist yet", filepath.Join(root, "srv", "www", "kb"), opts, ""},
		{"sibling of the source", filepath.Join(home, "kb-site"), opts, ""},
		{"inside source but not content", filepath.Join(source, "themes-out"), opts, ""},
		{"empty", "", opts, "no destination folder given"},
		{"file system root", "/", opts, "it is the root of the file system"},
		{"root with dots", filepath.Join(root, strings.Repeat("../", 40)), opts, "it is the root of the file system"},
		{"home", home, opts, "it is the home folder"},
		{"home with trailing slash", home + "/", opts, "it is the home folder"},
		{"parent of home", filepath.Dir(home), opts, "it contains the home folder"},
		{"link to home", linkToHome, opts, "it is the home folder"},
		{"home check skipped without HomeDir", filepath.Join(root, "home"), Options{}, ""},
		{"source", source, Options{SourceDir: source}, "it is the site source folder"},
		{"parent of source", filepath.Join(root, "home"), Options{SourceDir: source}, "it contains the site source folder"},
		{"content", filepath.Join(source, "content"), opts, "it is inside the content folder"},
		{"inside content", filepath.Join(source, "content", "public"), opts, "it is inside the content folder"},
		{"link into content", filepath.Join(linkToContent, "site"), opts, "it is inside the content folder"},
		{"relative path into content", rel(t, filepath.Join(source, "content", "x")), opts, "it is inside the content folder"},
		{"inside a linked content folder, by the link", filepath.Join(linkedSource, "content", "public"), linked, "it is inside the content folder"},
		{"inside a linked content folder, by its own path", filepath.Join(root, "checkout", "content", "public"), linked, "it is inside the content folder"},
		{"linked content folder itself", filepath.Join(root, "checkout", "content"), linked, "it is inside the content folder"},
		{"beside a linked content folder", filepath.Join(root, "checkout", "public"), linked, ""},
		// --destination ../checkout --clean --force deleted the linked
		// content/ with every postmortem in it.
		{"folder holding a linked content folder", filepath.Join(root, "checkout"), linked, "it contains the content folder"},
		{"inside a linked postmortems folder", filepath.Join(root, "pms-checkout", "repo", "public"), linkedPM, "it is inside the content folder"},
		{"folder holding a linked postmortems folder", filepath.Join(root, "pms-checkout"), linkedPM, "it contains the content folder"},
		{"beside a linked postmortems folder", filepath.Join(root, "pms-checkout", "public"), linkedPM, ""},
		// --theme th --destination th/static/site republished the site
		// inside itself at each build (QA 14 D-F7).
		{"inside the theme's static/", filepath.Join(themeDir, "static", "site"), themed, "it is inside the theme folder"},
		{"theme folder", themeDir, themed, "it is inside the theme folder"},
		{"link into the theme's static/", filepath.Join(linkToStatic, "site"), themed, "it is inside the theme folder"},
		{"relative path into the theme", rel(t, filepath.Join(themeDir, "out")), themed, "it is inside the theme folder"},
		{"folder holding the theme folder", filepath.Join(root, "outer"), Options{ThemeDir: filepath.Join(root, "outer", "th")}, "it contains the theme folder"},
		{"relative theme folder", filepath.Join(themeDir, "static", "site"), Options{ThemeDir: rel(t, themeDir)}, "it is inside the theme folder"},
		{"beside the theme folder", filepath.Join(home, "th-site"), themed, ""},
		{"existing file", filepath.Join(source, "notes.txt"), opts, "it exists and is not a folder"},
		{"system folder", "/var", Options{}, `refusing to publish to "/var": it is the system folder /var; publish to a folder inside it, such as /var/pm`},
		{"system folder with a slash", "/tmp/", Options{}, "it is the system folder /tmp"},
		{"first level of a system folder", "/var/www", Options{}, ""},
		{"first level of a system folder, cleaning", "/var/www", clean, "cleaning a folder right inside the system folder /var would delete what other programs keep there; publish to a folder inside it, such as /var/www/pm"},
		{"first level of /srv, cleaning", "/srv/kb", clean, "right inside the system folder /srv"},
		{"second level of a system folder, cleaning", "/var/www/pm-does-not-exist", clean, ""},
		{"folder pmkb never built", foreign, Options{}, ""},
		{"folder pmkb never built, cleaning", foreign, clean, "pmkb never built it (it has no .pmkb-manifest) and cleaning would delete everything in it that pmkb did not create (site-a/)"},
		{"folder pmkb never built, cleaning forced", foreign, Options{Clean: true, Force: true}, ""},
		{"folder with dot paths only, cleaning", filepath.Join(root, "srv", "dotfiles-only"), clean, ""},
		{"folder pmkb built, cleaning", filepath.Join(root, "srv", "built"), clean, ""},
		{"folder pmkb built beside foreign entries", filepath.Join(root, "srv", "shared"), Options{}, ""},
		{"folder pmkb built beside foreign entries, cleaning", filepath.Join(root, "srv", "shared"), clean, "it held site-a/ before pmkb first published there, which pmkb did not make and cleaning would delete; check the destination, or confirm with the force option (--force)"},
		{"folder pmkb built beside foreign entries, cleaning forced", filepath.Join(root, "srv", "shared"), Options{Clean: true, Force: true}, ""},
		{"folder whose foreign entries are gone, cleaning", filepath.Join(root, "srv", "left"), clean, ""},
		{"new folder, cleaning", filepath.Join(root, "srv", "new"), clean, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckDestination(tt.dest, tt.opts)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("CheckDestination(%q) = %v, want nil", tt.dest, err)
			case tt.want != "" && err == nil:
				t.Errorf("CheckDestination(%q) = nil, want an error containing %q", tt.dest, tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("CheckDestination(%q) = %q, want it to contain %q", tt.dest, err, tt.want)
			}
		})
	}
}

// rel returns p relative to the working folder.
func rel(t *testing.T, p string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	r, err := filepath.Rel(wd, p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestWriteChecksDestinationFirst(t *testing.T) {
	source := t.TempDir()
	content := filepath.Join(source, "content")
	writeTree(t, content, map[string]string{"a.md": "---"})
	_, err := Write(filepath.Join(content, "public"), files("index.html", "x"), Options{SourceDir: source})
	if err == nil || !strings.Contains(err.Error(), "inside the content folder") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	entries, err := os.ReadDir(content)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("content folder has %d entries after a refused Write, want only a.md", len(entries))
	}
}

func TestWritesTo(t *testing.T) {
	dest := filepath.FromSlash("/srv/kb/public")
	tests := []struct {
		p    string
		want bool
	}{
		{"/srv/kb/public", true},
		{"/srv/kb/public/index.html", true},
		{"/srv/kb/public/.git/config", true},
		{"/srv/kb/.public.pmkb-staging-ABC", true},
		{"/srv/kb/.public.pmkb-staging-ABC/index.html", true},
		{"/srv/kb/.public.pmkb-old-ABC/x", true},
		{"/srv/kb/.public.pmkb-lock", true},
		{"/srv/kb/public-old/index.html", false},
		{"/srv/kb/publicity.html", false},
		{"/srv/kb/content/a.md", false},
		{"/srv/kb/.other.pmkb-staging-ABC", false},
		{"/srv/kb", false},
		{"/srv", false},
	}
	for _, tt := range tests {
		if got := WritesTo(dest, filepath.FromSlash(tt.p)); got != tt.want {
			t.Errorf("WritesTo(%q, %q) = %v, want %v", dest, tt.p, got, tt.want)
		}
	}
}
