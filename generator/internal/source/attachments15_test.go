package source_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestSymbolicLinkLoops: a symbolic link to the folder it is in, or to one
// that holds it, is skipped with a warning, and an image or attachment
// reached through it, or through more than one link, is not published; the
// warning names the link and the file's own path (QA 15 A-F3). A body with
// 510 links to one log through "a -> ." and "b -> ." published 510 copies
// of it, and a link inside a linked folder let distinct paths multiply
// the same way. A file reached through one link that does not loop is
// published (README: a link to a folder inside content/postmortems/).
func TestSymbolicLinkLoops(t *testing.T) {
	link := func(to string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(to), Mode: fs.ModeSymlink} }
	const dir = "content/postmortems/"
	fsys := fstest.MapFS{
		dir + "f/big.log":          {Data: []byte("log line\n")},
		dir + "f/a":                link("."),
		dir + "f/up":               link(".."),
		dir + "f/sub/back":         link("../.."),
		dir + "2024/img/b.gif":     {Data: []byte("GIF89a")},
		dir + "2025/inside":        link("../2024/img"),
		dir + "2024/img/deeper":    link("../../2025"),
		dir + "2024/2024-01-01.md": {Data: []byte(linkFront + "body\n")},
	}
	loop := func(target, link, to, where, real string) string {
		return fmt.Sprintf(`%q names %s, which is reached through the symbolic link %s: it leads back to %s, %s, so following it would loop, and pmkb publishes nothing reached through it; link %q instead`,
			target, dir+target, dir+link, strings.TrimSuffix(dir+to, "/"), where, real)
	}
	cases := []struct{ link, want string }{
		{"[l](f/big.log)", ""},
		{"[l](f/a/big.log)", loop("f/a/big.log", "f/a", "f", "the folder it is in", "f/big.log")},
		{"[l](f/a/a/big.log)", loop("f/a/a/big.log", "f/a", "f", "the folder it is in", "f/big.log")},
		{"[l](f/up/f/big.log)", loop("f/up/f/big.log", "f/up", "", "a folder that holds it", "f/big.log")},
		{"[l](f/sub/back/f/big.log)", loop("f/sub/back/f/big.log", "f/sub/back", "", "a folder that holds it", "f/big.log")},
		{"![b](2025/inside/b.gif)", ""},
		{"![b](2025/inside/deeper/inside/b.gif)", `"2025/inside/deeper/inside/b.gif" names content/postmortems/2025/inside/deeper/inside/b.gif, which is reached through 3 symbolic links (content/postmortems/2025/inside, content/postmortems/2024/img/deeper, content/postmortems/2025/inside): pmkb follows one link on the way to a file, so it is not published; link "2024/img/b.gif" instead`},
	}
	var body []string
	for _, c := range cases {
		body = append(body, c.link)
	}
	const f = dir + "r.md"
	fsys[f] = &fstest.MapFile{Data: []byte(linkFront + strings.Join(body, "\n\n") + "\n")}
	got := linkWarningsByLine(t, fsys, f)
	for i, c := range cases {
		if line := 11 + 2*i; got[line] != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.link, got[line], c.want)
		}
	}
	const looping = "the folder it is in or one that holds it: following it would loop, so pmkb does not, and publishes no image or attachment linked through it; remove the link"
	want := []string{
		dir + "f/a: warning: skipped symbolic link to content/postmortems/f, " + looping,
		dir + "f/sub/back: warning: skipped symbolic link to content/postmortems, " + looping,
		dir + "f/up: warning: skipped symbolic link to content/postmortems, " + looping,
	}
	if skipped := findings(fsys, source.RuleNotRead); strings.Join(skipped, "\n") != strings.Join(want, "\n") {
		t.Errorf("files/not-read:\n%s\nwant\n%s", strings.Join(skipped, "\n"), strings.Join(want, "\n"))
	}
	cfg := model.DefaultSiteConfig()
	pms, _ := source.Load(fsys, &cfg)
	for _, p := range pms {
		if p.Path == f && strings.Join(p.Attachments, " ") != dir+"2025/inside/b.gif "+dir+"f/big.log" {
			t.Errorf("attachments %q, want f/big.log and 2025/inside/b.gif only", p.Attachments)
		}
	}
}

// TestAttachmentsDifferingInCase: two images or attachments whose paths
// differ only in letter case, or one whose folder is another's file name
// with other letter case, cannot both be published where case does not
// count (macOS, Windows, most web hosts): the first in path order is, and
// each link to the other gets a warning that names both, at its line
// (QA 15 A-F4: lint said nothing, and the build failed for the whole site
// with an error that named two output paths and no postmortem).
func TestAttachmentsDifferingInCase(t *testing.T) {
	const dir = "content/postmortems/"
	png := &fstest.MapFile{Data: []byte("\x89PNG\r\n\x1a\n")}
	fsys := fstest.MapFS{
		dir + "img/A.png":     png,
		dir + "img/a.png":     png,
		dir + "img/b.PNG":     png,
		dir + "img/B.png":     png, // not linked: no clash
		dir + "run.log":       {Data: []byte("ok\n")},
		dir + "RUN.LOG/b.log": {Data: []byte("ok\n")},
		dir + "2024/p.md":     {Data: []byte(linkFront + "![a](../img/A.png) ![b](../img/b.PNG) [r](../run.log)\n")},
		dir + "r.md":          {Data: []byte(linkFront + "![a](img/a.png)\n\n[b](RUN.LOG/b.log)\n\n![a](img/A.png)\n")},
	}
	want := []string{
		dir + `r.md:11: warning: "img/a.png" names content/postmortems/img/a.png, whose name differs only in letter case from content/postmortems/img/A.png, which is published: file systems and web hosts that ignore case (macOS, Windows) make them one file, so this one is not published; rename one of them`,
		dir + `r.md:13: warning: "RUN.LOG/b.log" names content/postmortems/RUN.LOG/b.log, in a folder whose name differs only in letter case from content/postmortems/run.log, which is published: file systems and web hosts that ignore case (macOS, Windows) cannot hold both, so this one is not published; rename one of them`,
	}
	if got := findings(fsys, source.RuleBodyLinks); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	cfg := model.DefaultSiteConfig()
	pms, _ := source.Load(fsys, &cfg)
	got := map[string]string{}
	for _, p := range pms {
		got[p.Path] = strings.Join(p.Attachments, " ")
	}
	if w := dir + "img/A.png " + dir + "img/b.PNG " + dir + "run.log"; got[dir+"2024/p.md"] != w {
		t.Errorf("p.md attachments %q, want %q", got[dir+"2024/p.md"], w)
	}
	if w := dir + "img/A.png"; got[dir+"r.md"] != w {
		t.Errorf("r.md attachments %q, want %q", got[dir+"r.md"], w)
	}
}
