// Package diag holds positioned problems found in a knowledge base and the
// sorted, collected list of them that every pmkb command reports.
//
// A problem is printed as "path:line: message" (lower case, values quoted),
// like go/scanner.ErrorList, so editors and CI annotate the right line.
package diag

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Severity says whether a problem stops a build.
type Severity int

const (
	// Error problems make a build fail and leave the published site untouched.
	Error Severity = iota
	// Warning problems are reported but do not fail a build.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a place in a source file: a slash-separated path relative to the
// site root and a 1-based line (0 when the whole file is meant).
type Pos struct {
	Path string
	Line int
}

// String formats the position as "path:line" or "path".
func (p Pos) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return p.Path
}

// Diagnostic is one problem at one position.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Rule is a short stable id ("required-field", "secret-aws-key", …),
	// used to silence or re-grade lint rules; may be empty.
	Rule    string
	Message string
	// Hint is an optional one-line suggestion of how to fix the problem.
	Hint string
	// Col is the 1-based column of the problem on its line, in
	// characters (runes) of the line as parsed, that is in Unicode NFC
	// (a character a file writes decomposed counts once); 0 when unknown.
	// It is not part of Pos, which keys problems by line (LinesOf).
	Col int
	// Excerpt is the source line the problem is on, as in the file
	// (without its line end); "" when there is none to show. Quote
	// prints it with a caret under Col.
	Excerpt string
}

// Line is the first line of a problem as every command shows it, in a
// terminal and in pmkb serve's overlay: "path:line: error: message [rule]"
// ("warning:" for a warning), which editors' and CI's problem matchers
// read (QA 14 A-F12: build and serve wrote an error without "error:").
func (d Diagnostic) Line() string {
	s := d.Pos.String() + ": " + d.Severity.String() + ": " + d.Message
	if d.Rule != "" {
		s += " [" + d.Rule + "]"
	}
	return s
}

// String formats the diagnostic as "path:line: message", with "warning: "
// before the message for warnings.
func (d Diagnostic) String() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": warning: " + d.Message
	}
	return d.Pos.String() + ": " + d.Message
}

// List collects diagnostics. The zero value is ready to use. It is not safe
// for concurrent use; give each goroutine its own List and Merge them.
type List struct {
	items []Diagnostic
}

// Add appends a diagnostic.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// Errorf adds an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	if other != nil {
		l.items = append(l.items, other.items...)
	}
}

// Downgrade turns every error that match selects into a warning whose
// message starts with prefix.
func (l *List) Downgrade(match func(Diagnostic) bool, prefix string) {
	for i := range l.items {
		if d := &l.items[i]; d.Severity == Error && match(*d) {
			d.Severity = Warning
			d.Message = prefix + d.Message
		}
	}
}

// quoted matches a Go-quoted string in a message ("…", as %q writes it).
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// RedactLinesOf masks the quoted values in the other diagnostics of every
// line that has a diagnostic whose rule starts with rulePrefix: lint's
// secret rules report a line that holds a key or a password, and a
// contract check on that line ("unknown severity \"AKIA…\"") would print
// the secret the rule itself shows redacted. Messages and hints keep their
// words; each quoted value becomes "[redacted]".
func (l *List) RedactLinesOf(rulePrefix string) {
	lines := l.LinesOf(rulePrefix)
	if len(lines) == 0 {
		return
	}
	for i := range l.items {
		if d := &l.items[i]; lines[d.Pos] && !strings.HasPrefix(d.Rule, rulePrefix) {
			d.Message = quoted.ReplaceAllLiteralString(d.Message, `"[redacted]"`)
			d.Hint = quoted.ReplaceAllLiteralString(d.Hint, `"[redacted]"`)
		}
	}
}

// DefaultRule sets the rule of every diagnostic that has none to rule:
// the checks of the content contract report without one, and every
// command tags them alike ("contract"), so that each problem's first line
// ends with its [rule] (Line) wherever it is printed.
func (l *List) DefaultRule(rule string) {
	for i := range l.items {
		if d := &l.items[i]; d.Rule == "" {
			d.Rule = rule
		}
	}
}

// RedactWhere masks the quoted values in the message and hint of every
// diagnostic that match selects, as RedactLinesOf does on a secret's
// line: each quoted value becomes "[redacted]".
func (l *List) RedactWhere(match func(Diagnostic) bool) {
	for i := range l.items {
		if d := &l.items[i]; match(*d) {
			d.Message = quoted.ReplaceAllLiteralString(d.Message, `"[redacted]"`)
			d.Hint = quoted.ReplaceAllLiteralString(d.Hint, `"[redacted]"`)
		}
	}
}

// FillExcerpts sets the Excerpt of every diagnostic that has a line but no
// excerpt to what line returns for it ("" leaves it without one).
func (l *List) FillExcerpts(line func(Diagnostic) string) {
	for i := range l.items {
		if d := &l.items[i]; d.Excerpt == "" && d.Pos.Line > 0 {
			d.Excerpt = line(*d)
		}
	}
}

// ClearExcerpts empties the Excerpt (and Col) of every diagnostic that
// drop selects: a source line that holds a secret is never printed.
func (l *List) ClearExcerpts(drop func(Diagnostic) bool) {
	for i := range l.items {
		if d := &l.items[i]; d.Excerpt != "" && drop(*d) {
			d.Excerpt, d.Col = "", 0
		}
	}
}

// LinesOf returns the lines (positions with a line) of the diagnostics
// whose rule starts with rulePrefix.
func (l *List) LinesOf(rulePrefix string) map[Pos]bool {
	lines := map[Pos]bool{}
	for _, d := range l.items {
		if strings.HasPrefix(d.Rule, rulePrefix) && d.Pos.Line > 0 {
			lines[d.Pos] = true
		}
	}
	return lines
}

// Len returns the number of diagnostics.
func (l *List) Len() int { return len(l.items) }

// Sort orders the list by path, line, column, severity, rule, message,
// hint and excerpt, and drops exact duplicates, so output is
// deterministic.
func (l *List) Sort() {
	slices.SortFunc(l.items, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Path, b.Pos.Path),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.Hint, b.Hint),
			cmp.Compare(a.Excerpt, b.Excerpt),
		)
	})
	l.items = slices.Compact(l.items)
}

// Items returns the diagnostics in their current order.
func (l *List) Items() []Diagnostic { return l.items }

// Errors returns the number of error-severity diagnostics.
func (l *List) Errors() int { return l.count(Error) }

// Warnings returns the number of warning-severity diagnostics.
func (l *List) Warnings() int { return l.count(Warning) }

func (l *List) count(s Severity) int {
	n := 0
	for _, d := range l.items {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool { return l.Errors() > 0 }

// String returns every diagnostic on its own line.
func (l *List) String() string {
	var b strings.Builder
	for _, d := range l.items {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}
