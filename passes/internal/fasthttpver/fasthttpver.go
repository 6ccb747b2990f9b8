// Package fasthttpver finds the fasthttp package a build uses and tells
// its behaviour-relevant version from what the type checker sees.
//
// The only exported API difference between fasthttp v1.38.0 and v1.39.0
// (the release that made DoTimeout set connection deadlines instead of
// abandoning a goroutine) is the field FS.CompressRoot, added in v1.39.0.
// Its absence therefore means "older than v1.39.0". A fork or vendored copy
// could lie about it; the checks that use this prefer silence when fasthttp
// cannot be found at all.
package fasthttpver

import (
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/httplib"
)

// Path is fasthttp's import path.
const Path = httplib.Fasthttp

// Package returns the fasthttp package that pkg imports, directly or
// through other packages, or nil.
func Package(pkg *types.Package) *types.Package {
	for _, p := range typeutil.Dependencies(pkg.Imports()...) {
		if IsFasthttp(p) {
			return p
		}
	}
	return nil
}

// IsFasthttp reports whether p is fasthttp, vendored or not.
func IsFasthttp(p *types.Package) bool {
	return httplib.Unvendor(p.Path()) == Path
}

// Before139 reports whether fh predates v1.39.0: its FS type has no
// CompressRoot field. A package without FS at all (a stub) counts as
// current, so that version-specific reports stay silent.
func Before139(fh *types.Package) bool {
	tn := httplib.LookupType(fh, "FS")
	if tn == nil {
		return false
	}
	st, ok := tn.Type().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if f.Name() == "CompressRoot" {
			return false
		}
	}
	return true
}
