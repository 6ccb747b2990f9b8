// Package httplib answers the questions every check asks first about a
// package and the HTTP libraries connvet models (net/http, net,
// crypto/tls, fasthttp): does the package reach them at all, and is it
// part of them.
package httplib

import (
	"slices"
	"strings"

	"go/types"
)

// Fasthttp is fasthttp's import path.
const Fasthttp = "github.com/valyala/fasthttp"

// Unvendor strips a vendor directory from an import path: vendored copies
// keep their identity.
func Unvendor(path string) string {
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		return path[i+len("/vendor/"):]
	}
	if rest, ok := strings.CutPrefix(path, "vendor/"); ok {
		return rest
	}
	return path
}

// Imports reports whether pkg imports, directly or through other packages,
// one of paths (compared after Unvendor). A package that does not can
// hold no value of their types, so checks exit early.
func Imports(pkg *types.Package, paths ...string) bool {
	seen := map[*types.Package]bool{}
	var visit func(*types.Package) bool
	visit = func(p *types.Package) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		return slices.Contains(paths, Unvendor(p.Path())) || slices.ContainsFunc(p.Imports(), visit)
	}
	return slices.ContainsFunc(pkg.Imports(), visit)
}

// IsLibrary reports whether pkg is part of a library connvet models
// (net/http and its subpackages, net, crypto/tls, fasthttp and its
// subpackages). Checks do not report inside the library itself: its
// internals implement the API whose use they judge.
func IsLibrary(pkg *types.Package) bool {
	path := Unvendor(pkg.Path())
	switch {
	case path == "net/http", strings.HasPrefix(path, "net/http/"),
		path == "net", path == "crypto/tls",
		path == Fasthttp, strings.HasPrefix(path, Fasthttp+"/"):
		return true
	}
	return false
}
