package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/model"
)

func TestRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	args := []string{"-n", "30", "-seed", "5", "-today", "2025-06-01", "-out", dir}
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	want := corpus.Generate(corpus.Options{N: 30, Seed: 5, Today: model.Date{Year: 2025, Month: 6, Day: 1},
		JapaneseShare: corpus.DefaultJapaneseShare, Formats: true})
	for _, p := range want.Paths() {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil || !bytes.Equal(got, want.Files[p]) {
			t.Errorf("%s not written as generated (%v)", p, err)
		}
	}
	truth, _ := want.TruthJSON()
	if got, _ := os.ReadFile(filepath.Join(dir, "truth.json")); !bytes.Equal(got, truth) {
		t.Error("truth.json differs from the corpus truth")
	}

	// A second run into the same folder needs -force, and -force replaces
	// the earlier postmortems instead of mixing them in.
	stderr.Reset()
	small := []string{"-n", "3", "-seed", "9", "-out", dir}
	if code := run(small, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "not empty") {
		t.Fatalf("exit %d, stderr %q; want a refusal", code, stderr.String())
	}
	if code := run(append(small, "-force"), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d with -force: %s", code, stderr.String())
	}
	var n int
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	if n != 3 {
		t.Errorf("%d postmortems after -force, want 3", n)
	}
}

func TestRunNoJapanese(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-n", "50", "-ja", "0", "-out", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var found bool
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if data, _ := os.ReadFile(p); strings.HasSuffix(p, ".md") && strings.Contains(string(data), "## 概要") {
			found = true
		}
		return nil
	})
	if found {
		t.Error("-ja 0 still wrote Japanese postmortems")
	}
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-n", "3"}, "-out is required"},
		{[]string{"-out", "x", "-today", "2024-02-30"}, "not a date"},
		{[]string{"-out", "x", "-n", "-1"}, "must not be negative"},
		{[]string{"-out", "x", "-ja", "2"}, "between 0 and 1"},
		{[]string{"-out", "x", "extra"}, "unexpected argument"},
		{[]string{"-bogus"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("run(%q) = %d, stderr %q; want 2 and %q", tt.args, code, stderr.String(), tt.want)
		}
	}
}
