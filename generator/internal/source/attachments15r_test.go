package source_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestCaseClashKeepsPublished: of two images or attachments whose paths
// differ only in letter case (or one in a folder named, case aside, like
// the other), the one a published postmortem links is kept, then one
// that a public postmortem links, and only then the first in path order
// (review 15 R1). A draft's img/A.png made a published postmortem's
// img/a.png go in every build, even one without drafts, where A.png is
// not published either, and the warning called A.png published; an
// internal postmortem did the same to a public one in a public build.
func TestCaseClashKeepsPublished(t *testing.T) {
	const dir = "content/postmortems/"
	public := strings.Replace(linkFront, "causes: [dns]\n", "causes: [dns]\nvisibility: public\n", 1)
	draft := func(front string) string {
		return strings.Replace(front, "causes: [dns]\n", "causes: [dns]\nstatus: draft\n", 1)
	}
	fronts := map[string]string{
		"public": public, "internal": linkFront,
		"public draft": draft(public), "internal draft": draft(linkFront),
	}
	const (
		same   = `"%s" names content/postmortems/%s, whose name differs only in letter case from content/postmortems/%s, which is published: file systems and web hosts that ignore case (macOS, Windows) make them one file, so this one is not published; rename one of them`
		folder = `"%s" names content/postmortems/%s, in a folder whose name differs only in letter case from content/postmortems/%s, which is published: file systems and web hosts that ignore case (macOS, Windows) cannot hold both, so this one is not published; rename one of them`
		holder = `"%s" names content/postmortems/%s, whose name differs only in letter case from that of the folder content/postmortems/%s, where content/postmortems/%s is published: file systems and web hosts that ignore case (macOS, Windows) cannot hold both, so this one is not published; rename one of them`
	)
	cases := []struct {
		name       string
		a, z       string // a.md's and z.md's kind of postmortem
		aRef, zRef string // what each links, below content/postmortems/
		// The attachments each keeps, and the warning (at a.md or z.md
		// its body's line) for the one that is not published.
		aKeeps, zKeeps string
		warnAt, warn   string
	}{
		{"both published: path order", "public", "public", "img/A.png", "img/a.png",
			"img/A.png", "", "z.md", fmt.Sprintf(same, "img/a.png", "img/a.png", "img/A.png")},
		{"a draft's loses to a published one", "public draft", "public", "img/A.png", "img/a.png",
			"", "img/a.png", "a.md", fmt.Sprintf(same, "img/A.png", "img/A.png", "img/a.png")},
		{"an internal draft's too", "internal draft", "internal", "img/A.png", "img/a.png",
			"", "img/a.png", "a.md", fmt.Sprintf(same, "img/A.png", "img/A.png", "img/a.png")},
		{"an internal one's loses to a public one", "internal", "public", "img/A.png", "img/a.png",
			"", "img/a.png", "a.md", fmt.Sprintf(same, "img/A.png", "img/A.png", "img/a.png")},
		{"a draft loses to an internal one, which a build without drafts keeps", "public draft", "internal", "img/A.png", "img/a.png",
			"", "img/a.png", "a.md", fmt.Sprintf(same, "img/A.png", "img/A.png", "img/a.png")},
		{"file and folder, both published: the file", "public", "public", "RUN.LOG/b.log", "run.log",
			"", "run.log", "a.md", fmt.Sprintf(folder, "RUN.LOG/b.log", "RUN.LOG/b.log", "run.log")},
		{"a draft's file loses to a published one's folder", "public", "public draft", "RUN.LOG/b.log", "run.log",
			"RUN.LOG/b.log", "", "z.md", fmt.Sprintf(holder, "run.log", "run.log", "RUN.LOG", "RUN.LOG/b.log")},
		{"a draft's folder loses to a published one's file", "public draft", "public", "RUN.LOG/b.log", "run.log",
			"", "run.log", "a.md", fmt.Sprintf(folder, "RUN.LOG/b.log", "RUN.LOG/b.log", "run.log")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := &fstest.MapFile{Data: []byte("data\n")}
			fsys := fstest.MapFS{
				dir + c.aRef: data,
				dir + c.zRef: data,
				dir + "a.md": {Data: []byte(fronts[c.a] + "[x](" + c.aRef + ")\n")},
				dir + "z.md": {Data: []byte(fronts[c.z] + "[x](" + c.zRef + ")\n")},
			}
			kind := map[string]string{"a.md": c.a, "z.md": c.z}[c.warnAt]
			line := strings.Count(fronts[kind], "\n") + 1 // the body's
			want := fmt.Sprintf("%s%s:%d: warning: %s", dir, c.warnAt, line, c.warn)
			if got := findings(fsys, source.RuleBodyLinks); strings.Join(got, "\n") != want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
			}
			cfg := model.DefaultSiteConfig()
			pms, _ := source.Load(fsys, &cfg)
			got := map[string]string{}
			for _, p := range pms {
				got[strings.TrimPrefix(p.Path, dir)] = strings.TrimPrefix(strings.Join(p.Attachments, " "), dir)
			}
			if got["a.md"] != c.aKeeps || got["z.md"] != c.zKeeps {
				t.Errorf("attachments: a.md %q, z.md %q; want %q, %q", got["a.md"], got["z.md"], c.aKeeps, c.zKeeps)
			}
		})
	}
}
