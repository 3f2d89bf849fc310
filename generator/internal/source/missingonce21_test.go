package source

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/model"
)

// TestMissingTargetWarnedAtEveryLink checks that a missing postmortem or
// image named from many files, whose lookup is done once per folder
// (resolveRefs' once), is still warned about at every link, each with
// the did-you-mean its own folder reads.
func TestMissingTargetWarnedAtEveryLink(t *testing.T) {
	pm := func(body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: x\ndate: 2024-01-02\nseverity: SEV2\n---\n\n" + body + "\n")}
	}
	fsys := fstest.MapFS{
		PostmortemDir + "/2023/2023-05-01-db-outage.md": pm("Fine."),
		PostmortemDir + "/2023/img/graph.png":           {Data: []byte("png")},
	}
	for _, p := range []string{"2023/a.md", "2023/b.md", "2024/c.md", "2024/d.md"} {
		dir := strings.TrimSuffix(p[:5], "/")
		link := "../2023/2023-05-01-db-outage.md"
		img := "../2023/img/grahp.png"
		if dir == "2023" {
			link, img = "2023-05-01-db-outgae.md", "img/grahp.png"
		}
		if p == "2023/b.md" { // the same file, written another way
			link = "./" + link
		}
		fsys[PostmortemDir+"/"+p] = pm("See [it](" + link + ") and ![g](" + img + ").")
	}
	cfg := model.DefaultSiteConfig()
	_, diags := LoadFiles(fsys, &cfg)
	for _, p := range []string{"2023/a.md", "2023/b.md", "2024/c.md", "2024/d.md"} {
		var msgs []string
		for _, d := range diags.Items() {
			if d.Pos.Path == PostmortemDir+"/"+p {
				msgs = append(msgs, d.Message)
			}
		}
		all := strings.Join(msgs, "\n")
		if strings.HasPrefix(p, "2023") {
			dest := map[bool]string{true: "./", false: ""}[p == "2023/b.md"] + "2023-05-01-db-outgae.md"
			if !strings.Contains(all, `link "`+dest+`" names content/postmortems/2023/2023-05-01-db-outgae.md, which does not exist; did you mean "2023-05-01-db-outage.md"?`) || !strings.Contains(all, `did you mean "img/graph.png"?`) {
				t.Errorf("%s: %q", p, msgs)
			}
		} else if !strings.Contains(all, `"../2023/img/grahp.png" names content/postmortems/2023/img/grahp.png, which does not exist; did you mean "../2023/img/graph.png"?`) {
			t.Errorf("%s: %q", p, msgs)
		}
	}
}
