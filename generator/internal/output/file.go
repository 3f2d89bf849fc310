// Package output is the only writer of files: it takes a built site as a
// list of files and publishes it to a destination folder atomically.
package output

// File is one file of a built site: a slash-separated path relative to the
// site root ("postmortems/x/index.html", "api/postmortems.json") and its
// bytes.
type File struct {
	Path string
	Data []byte
}
