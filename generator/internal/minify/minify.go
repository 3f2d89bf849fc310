// Package minify makes the built-in theme's scripts and stylesheets smaller
// before they are published, with github.com/tdewolff/minify (the minifier
// Hugo uses), so that a reader downloads less: search.js, which the first
// search query waits for, is about half its size once minified. It is the
// only importer of that library.
//
// Minified code behaves as its source: comments and white space go, local
// names get shorter; property names, strings and what the code does stay.
// The search package's node tests run the minified search.js, so its
// parity with bleve is checked on the script that is published.
package minify

import (
	"bytes"
	"errors"
	"fmt"
	"path"

	tdminify "github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/parse/v2"
)

// mediaTypes maps the extensions File minifies to the minifier's media
// types.
var mediaTypes = map[string]string{
	".js":  "application/javascript",
	".css": "text/css",
}

// Minifies reports whether File minifies a file named name (by its
// extension: .js and .css).
func Minifies(name string) bool {
	_, ok := mediaTypes[path.Ext(name)]
	return ok
}

// File returns data, the contents of the file named name, minified when it
// is a script or a stylesheet (Minifies), or else data itself; data is
// left as it is. An error names the line of name the minifier could not
// parse.
func File(name string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return data, nil
	}
	m := tdminify.New()
	// The scripts' sources need ES2018 (search.js's \p{…} classes); the
	// minifier may not make them need more (it would write catch{},
	// ES2019, which older browsers cannot parse).
	m.Add("application/javascript", &js.Minifier{Version: 2018})
	m.AddFunc("text/css", css.Minify)
	// The minifier rewrites the bytes it is given: it gets a copy.
	out, err := m.Bytes(mt, bytes.Clone(data))
	if err != nil {
		var pe *parse.Error
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", name, pe.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}
