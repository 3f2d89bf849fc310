package lint

import (
	"os"
	"regexp"
	"strings"
	"sync"
)

// lazyRegexp is a regular expression compiled when it is first used, as
// the Go command's internal/lazyregexp does: compiling the package's forty
// expressions took ~3 ms at every start of pmkb, pmkb search's included,
// which never lints. Under go test each is compiled at once, so a bad
// expression fails every test of the package rather than the one that
// reaches it.
type lazyRegexp struct {
	re func() *regexp.Regexp
}

// inTest reports whether the program is a test binary.
var inTest = len(os.Args) > 0 && strings.HasSuffix(strings.TrimSuffix(os.Args[0], ".exe"), ".test")

// newLazyRegexp returns expr, to be compiled (regexp.MustCompile) on first
// use.
func newLazyRegexp(expr string) *lazyRegexp {
	l := &lazyRegexp{re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
	if inTest {
		l.re()
	}
	return l
}

func (l *lazyRegexp) MatchString(s string) bool { return l.re().MatchString(s) }

func (l *lazyRegexp) FindStringIndex(s string) []int { return l.re().FindStringIndex(s) }

func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.re().FindStringSubmatch(s) }

func (l *lazyRegexp) FindAllString(s string, n int) []string { return l.re().FindAllString(s, n) }

func (l *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	return l.re().FindAllStringIndex(s, n)
}

func (l *lazyRegexp) FindAllStringSubmatch(s string, n int) [][]string {
	return l.re().FindAllStringSubmatch(s, n)
}

func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.re().FindAllStringSubmatchIndex(s, n)
}
