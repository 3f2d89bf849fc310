package minify

import (
	"strings"
	"testing"
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
