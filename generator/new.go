package generator

import (
	"io/fs"

	"github.com/pmkb/pmkb/generator/internal/scaffold"
	"github.com/pmkb/pmkb/themes"
)

// NewOptions describe a postmortem to start: title, language, severity and
// the incident's date.
type NewOptions = scaffold.Options

// NewPostmortem renders a new postmortem from the site's template
// (templates/postmortem.md, templates/postmortem.<lang>.md) or the theme's
// archetype, and returns its path under content/postmortems/<yyyy>/ and
// its bytes. The path is free in site; the caller must still refuse to
// overwrite when writing.
func NewPostmortem(site, theme fs.FS, opts NewOptions) (string, []byte, error) {
	if theme == nil {
		theme = themes.Default()
	}
	return scaffold.New(site, theme, opts)
}
