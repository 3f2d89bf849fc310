package render

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/themes"
)

// TestWordsFresh proves that a Fresh copy says the same strings and that
// each copy's Err reports only the strings asked of it, so the statistics
// and the exports, which a build runs at the same time from one load of
// the theme's strings, each report only what they lacked (review).
func TestWordsFresh(t *testing.T) {
	w, err := LoadWords(themes.Default(), "en")
	if err != nil {
		t.Fatal(err)
	}
	a, b := w.Fresh(), w.Fresh()
	if got, want := a.Status("open"), w.Status("open"); got != want || got == "open" {
		t.Errorf("Fresh().Status(open) = %q, want %q", got, want)
	}
	a.String("no.such.a")
	b.String("no.such.b")
	if err := a.Err(); err == nil || !strings.Contains(err.Error(), "no.such.a") || strings.Contains(err.Error(), "no.such.b") {
		t.Errorf("a.Err() = %v, want only no.such.a", err)
	}
	if err := b.Err(); err == nil || !strings.Contains(err.Error(), "no.such.b") || strings.Contains(err.Error(), "no.such.a") {
		t.Errorf("b.Err() = %v, want only no.such.b", err)
	}
	if err := w.Err(); err != nil {
		t.Errorf("w.Err() = %v, want nil: the copies' lacks are their own", err)
	}
}
