package lint

import (
	"io/fs"
	"os"
	"strings"
	"testing"
)

// FuzzRun feeds arbitrary files to every text rule: lint must not panic,
// must report lines inside the file, and must never print a reported
// secret whole.
func FuzzRun(f *testing.F) {
	site := os.DirFS("../../..")
	_ = fs.WalkDir(site, "content/postmortems", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if data, err := fs.ReadFile(site, p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
	for _, c := range ruleCases {
		f.Add([]byte(c.raw))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		file := &File{Path: "x.md", Raw: raw}
		list := Run([]*File{file}, nil, Config{}, today)
		for _, d := range list.Items() {
			if d.Pos.Line < 0 || d.Pos.Line > file.numLines() {
				t.Errorf("%s: line outside the file (%d lines)", d, file.numLines())
			}
			if strings.HasPrefix(d.Rule, "secret/") && !strings.Contains(d.Message, "chars)") {
				t.Errorf("%s: secret not redacted", d)
			}
		}
	})
}

// FuzzWrittenList feeds arbitrary files to writtenList, which reads a
// front-matter key's value by hand (completeness/action-items): it must
// not panic on any line number, in the file or not.
func FuzzWrittenList(f *testing.F) {
	for _, c := range ruleCases {
		f.Add([]byte(c.raw), 4)
	}
	f.Fuzz(func(t *testing.T, raw []byte, n int) {
		file := &File{Path: "x.md", Raw: raw}
		file.prepare()
		file.writtenList(n)
		for i := 1; i <= file.numLines(); i++ {
			file.writtenList(i)
		}
	})
}
