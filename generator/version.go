package generator

import (
	"runtime/debug"

	"github.com/pmkb/pmkb/generator/internal/buildid"
)

// Version is the version of the running pmkb: the module version of an
// installed binary ("v1.2.0"), else "devel" with the commit a go build in
// a checkout stamped ("devel (fb04e90aa1b2, modified)").
func Version() string {
	info, _ := debug.ReadBuildInfo()
	return buildid.Version(info)
}
