package generator

import "github.com/pmkb/pmkb/generator/internal/output"

// File is one file of a built site.
type File = output.File

// PublishOptions say how to publish a site to a folder.
type PublishOptions = output.Options

// PublishResult counts what publishing did.
type PublishResult = output.Result

// CheckDestination rejects destinations that would overwrite the source,
// the content, the home folder or the file-system root.
func CheckDestination(dest string, opts PublishOptions) error {
	return output.CheckDestination(dest, opts)
}

// Publish writes the site's files to dest atomically: the previous site
// stays complete until the new one is, files pmkb did not create are kept
// (unless opts.Clean), and stale files of the previous build are removed.
func Publish(dest string, files []File, opts PublishOptions) (PublishResult, error) {
	return output.Write(dest, files, opts)
}
