package lint

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/termtext"
)

// WriteText prints each diagnostic as
//
//	path:line: error: message [rule]
//	       4 | severity: [SEV1
//	         |           ^
//	    hint: …
//
// the form editors and terminals understand, with the source line and a
// caret under the column when the diagnostic has them (diag.Diagnostic.Quote).
func WriteText(w io.Writer, list *diag.List) error {
	bw := bufio.NewWriter(w)
	for _, d := range list.Items() {
		// A path or message may hold a postmortem's own text (a severity,
		// a file name): never a control or bidi character to the terminal.
		fmt.Fprintf(bw, "%s: %s: %s", termtext.OneLine(d.Pos.String()), d.Severity, termtext.OneLine(d.Message))
		if d.Rule != "" {
			fmt.Fprintf(bw, " [%s]", d.Rule)
		}
		bw.WriteByte('\n')
		bw.WriteString(d.Quote())
		if d.Hint != "" {
			fmt.Fprintf(bw, "    hint: %s\n", termtext.OneLine(d.Hint))
		}
	}
	return bw.Flush()
}

// jsonDiagnostic is the JSON form of one diagnostic.
type jsonDiagnostic struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Column   int    `json:"column,omitempty"`
	Severity string `json:"severity"`
	Rule     string `json:"rule,omitempty"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	Excerpt  string `json:"excerpt,omitempty"`
}

// WriteJSON prints the list as one JSON object for tools:
// {"errors": N, "warnings": M, "diagnostics": [{"path", "line", "column",
// "severity", "rule", "message", "hint", "excerpt"}, …]}; column, rule,
// hint and excerpt only when set.
func WriteJSON(w io.Writer, list *diag.List) error {
	out := struct {
		Errors      int              `json:"errors"`
		Warnings    int              `json:"warnings"`
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
	}{Errors: list.Errors(), Warnings: list.Warnings(), Diagnostics: []jsonDiagnostic{}}
	for _, d := range list.Items() {
		out.Diagnostics = append(out.Diagnostics, jsonDiagnostic{
			Path: d.Pos.Path, Line: d.Pos.Line, Severity: d.Severity.String(),
			Rule: d.Rule, Message: d.Message, Hint: d.Hint, Column: d.Col, Excerpt: d.Excerpt,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteGitHub prints GitHub Actions workflow commands, one per diagnostic:
//
//	::error file=path,line=N,col=M,title=rule::message
//
// with col only when the diagnostic has a column, and the hint on a second
// line of the message. Data and property values
// are escaped as the Actions runner expects (% CR LF, and also : and , in
// properties).
func WriteGitHub(w io.Writer, list *diag.List) error {
	bw := bufio.NewWriter(w)
	for _, d := range list.Items() {
		props := []string{"file=" + escapeProperty(d.Pos.Path)}
		if d.Pos.Line > 0 {
			props = append(props, "line="+strconv.Itoa(d.Pos.Line))
		}
		if d.Col > 0 {
			props = append(props, "col="+strconv.Itoa(d.Col))
		}
		if d.Rule != "" {
			props = append(props, "title="+escapeProperty(d.Rule))
		}
		msg := d.Message
		if d.Hint != "" {
			msg += "\nhint: " + d.Hint
		}
		fmt.Fprintf(bw, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), escapeData(msg))
	}
	return bw.Flush()
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
