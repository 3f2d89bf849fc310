package minify

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/themes"
)

func TestFile(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the output, or the error when fails
		fails    bool
	}{
		{name: "a.js", in: "// a comment\nfunction add(first, second) {\n  return first + second;\n}\nmodule.exports = { add: add };\n",
			want: "function add(e,t){return e+t}module.exports={add}"},
		{name: "a.css", in: "/* colours */\nbody {\n  color: #ff0000;\n  margin: 0px;\n}\n", want: "body{color:red;margin:0}"},
		{name: "x.svg", in: "<svg>\n  <g/>\n</svg>\n", want: "<svg>\n  <g/>\n</svg>\n"},
		{name: "notes.txt", in: "  kept as it is  ", want: "  kept as it is  "},
		{name: "assets/broken.js", in: "var a = 1;\nfunction (\n", want: "assets/broken.js:2: ", fails: true},
	}
	for _, tt := range tests {
		got, err := File(tt.name, []byte(tt.in))
		if tt.fails {
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("File(%q) error = %v, want one starting %q", tt.name, err, tt.want)
			}
			continue
		}
		if err != nil {
			t.Errorf("File(%q): %v", tt.name, err)
			continue
		}
		if string(got) != tt.want {
			t.Errorf("File(%q) = %q, want %q", tt.name, got, tt.want)
		}
		if Minifies(tt.name) != (tt.in != tt.want) {
			t.Errorf("Minifies(%q) = %v, but File changed it: %v", tt.name, Minifies(tt.name), tt.in != tt.want)
		}
	}
}

// TestFileKeepsItsInput checks that File leaves the bytes it is given as
// they were (the minifier rewrites its input in place: once, table.js read
// "var tach = function (eis…" and search.js no longer parsed), so that
// minifying the same source twice gives the same output.
func TestFileKeepsItsInput(t *testing.T) {
	for _, name := range []string{"assets/search.js", "assets/table.js", "assets/chroma.css"} {
		in, err := fs.ReadFile(themes.Default(), "static/"+name)
		if err != nil {
			t.Fatal(err)
		}
		keep := string(in)
		first, err := File(name, in)
		if err != nil {
			t.Fatal(err)
		}
		if string(in) != keep {
			t.Errorf("File(%q) changed its input", name)
		}
		second, err := File(name, in)
		if err != nil || string(second) != string(first) {
			t.Errorf("File(%q) a second time differs from the first (%v)", name, err)
		}
	}
}

// TestScriptsStayES2018 checks that the minifier writes nothing a browser
// of ES2018, which the sources need, cannot parse: no optional catch
// binding (catch{}, ES2019).
func TestScriptsStayES2018(t *testing.T) {
	got, err := File("a.js", []byte("function f(g) { try { g(); } catch (err) { return 1; } return 0; }\nmodule.exports = f;\n"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(got), "catch{") {
		t.Errorf("minified script uses catch{} (ES2019): %s", got)
	}
}
