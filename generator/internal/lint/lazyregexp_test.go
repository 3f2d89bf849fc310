package lint

import (
	"reflect"
	"regexp"
	"testing"
)

// TestLazyRegexp checks that a lazyRegexp answers as the compiled
// expression does, method by method.
func TestLazyRegexp(t *testing.T) {
	const expr = `(?i)\b(token|key)\s*=\s*(\w+)`
	lazy, re := newLazyRegexp(expr), regexp.MustCompile(expr)
	for _, s := range []string{"", "nothing here", "token = abc, KEY=def; key=", "api_token=x"} {
		for name, pair := range map[string][2]any{
			"MatchString":                {lazy.MatchString(s), re.MatchString(s)},
			"FindStringIndex":            {lazy.FindStringIndex(s), re.FindStringIndex(s)},
			"FindStringSubmatch":         {lazy.FindStringSubmatch(s), re.FindStringSubmatch(s)},
			"FindAllString":              {lazy.FindAllString(s, -1), re.FindAllString(s, -1)},
			"FindAllStringIndex":         {lazy.FindAllStringIndex(s, 1), re.FindAllStringIndex(s, 1)},
			"FindAllStringSubmatch":      {lazy.FindAllStringSubmatch(s, -1), re.FindAllStringSubmatch(s, -1)},
			"FindAllStringSubmatchIndex": {lazy.FindAllStringSubmatchIndex(s, -1), re.FindAllStringSubmatchIndex(s, -1)},
		} {
			if !reflect.DeepEqual(pair[0], pair[1]) {
				t.Errorf("%s(%q) = %v, want %v", name, s, pair[0], pair[1])
			}
		}
	}
}

// TestLazyRegexpCompilesInTests checks that under go test an expression
// is compiled when it is declared, so that a bad one among the package's
// fails every test rather than only one that reaches it.
func TestLazyRegexpCompilesInTests(t *testing.T) {
	if !inTest {
		t.Fatal("inTest is false in a test binary")
	}
	defer func() {
		if recover() == nil {
			t.Error("a bad expression did not panic when declared")
		}
	}()
	newLazyRegexp(`(unclosed`)
}
