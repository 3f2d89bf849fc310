package generator

import (
	"runtime/debug"

	"github.com/pmkb/pmkb/generator/internal/buildid"
)

// Version is the version of the running pmkb, as pmkb version prints it
// (buildid.Version): "v1.2.0", a pseudo-version, or "devel".
func Version() string {
	info, _ := debug.ReadBuildInfo()
	return buildid.Version(info)
}

// PublishedName is how the site's feeds, calendar and JSON name the
// program that made them (Options.Version): "pmkb v1.2.0" for a release
// build, else "pmkb", so that go run and a go build of the same commit
// publish the same bytes (QA 21 B-F2: "pmkb devel" against "pmkb
// v0.0.0-20261128212257-5c6fd29548f9").
func PublishedName() string {
	info, _ := debug.ReadBuildInfo()
	if v := buildid.Release(info); v != "" {
		return "pmkb " + v
	}
	return "pmkb"
}
