// Package output is pmkb's writer of files: it takes a built site as a
// list of files and publishes it to a destination folder atomically
// (Write, Begin), and replaces single files whole (ReplaceFile: the
// caches, a generated corpus). Two writers are outside it: bleve writes
// the files of its own index in the search cache, and pmkb new (package
// main, which chooses the disk) creates the new postmortem's file, never
// replacing one.
package output

// File is one file of a built site: a slash-separated path relative to the
// site root ("postmortems/x/index.html", "api/postmortems.json") and its
// bytes. Write accepts a path only if it is valid UTF-8 without control
// characters or backslashes, is not absolute, and has no empty, "." or ".."
// segment and no segment over 255 bytes; paths of one site must differ in
// more than letter case, and none may be both a file and a folder.
type File struct {
	Path string
	Data []byte
}
