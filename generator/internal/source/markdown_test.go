package source

import (
	"bytes"
	"strings"
	"testing"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
)

var codeBlockCases = []string{
	"```go\nfunc main() { fmt.Println(\"<hi>\") }\n```\n",
	"```Go\npackage x\n```\n",
	"```text\n10:57:08 ERROR upstream returned status 503 & <b>\n```\n",
	"```\nplain <b> & \"q\"\n```\n",
	"```no-such-language\nx < y\n```\n",
	"```bash\n$ curl -H 'Authorization: x' https://example.com | jq .\n```\n",
	"```sql\nSELECT * FROM t WHERE a = 'x';\n```\n",
	"```json\n{\"a\": [1, 2.5, true, null]}\n```\n",
	"```yaml\na: b\n```\n",
	"```http\nGET / HTTP/1.1\nHost: x\n```\n",
	"```console\n$ ls\nfile\n```\n",
	"```python\ndef f():\n    return 1\n```\n",
	"~~~~shell\necho ~\n~~~~\n",
	"```go\n```\n",
	"```\n```\n",
	"```go {linenos=true}\na := 1\nb := 2\n```\n",
	"```go {hl_lines=[2]}\na := 1\nb := 2\n```\n",
	"```go {nohl}\na := 1\n```\n",
	"```go {broken\na := 1\n```\n",
	"```{go}\na := 1\n```\n",
	"- item\n\n  ```go\n  x := 1\n  ```\n",
	"> ```ruby\n> puts 1\n> ```\n",
	"```go\nunterminated\n",
	"```diff\n- a\n+ b\n```\n",
	"```text\n\tindented\twith tabs\n```\n",
}

// TestCodeBlocksMatchHighlighting renders code blocks with pmkb's renderer
// and with goldmark-highlighting configured the same way: the HTML must be
// the same.
func TestCodeBlocksMatchHighlighting(t *testing.T) {
	ref := goldmark.New(goldmark.WithExtensions(highlighting.NewHighlighting(highlightingOptions()...)))
	// The style of a release before classOnlyStyle, to show it does not
	// change the HTML.
	github := goldmark.New(goldmark.WithExtensions(highlighting.NewHighlighting(
		highlighting.WithStyle("github"),
		highlighting.WithFormatOptions(chromahtml.WithClasses(true), chromahtml.WithPreWrapper(focusablePre{})),
		highlighting.WithGuessLanguage(false),
		highlighting.WithWrapperRenderer(plainCodeWrapper),
	)))
	m := newMarkdown(false, "en")
	for _, c := range codeBlockCases {
		got, _, err := m.render([]byte(c))
		if err != nil {
			t.Fatal(err)
		}
		for name, md := range map[string]goldmark.Markdown{"highlighting": ref, "github style": github} {
			var want bytes.Buffer
			if err := md.Convert([]byte(c), &want); err != nil {
				t.Fatal(err)
			}
			if got != want.String() {
				t.Errorf("%s: %q\ngot  %q\nwant %q", name, c, got, want.String())
			}
		}
		if !strings.Contains(got, `<pre tabindex="0"`) {
			t.Errorf("%q: no focusable <pre>: %q", c, got)
		}
	}
}
