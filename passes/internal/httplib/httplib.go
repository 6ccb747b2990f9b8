// Package httplib answers the questions every check asks first about a
// package and the HTTP libraries connvet models (net/http, net,
// crypto/tls, fasthttp): does the package reach them at all, and is it
// part of them.
package httplib

import (
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
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
	return slices.ContainsFunc(typeutil.Dependencies(pkg.Imports()...), func(p *types.Package) bool {
		return slices.Contains(paths, Unvendor(p.Path()))
	})
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

// IsFunc reports whether fn is the function path.name (recv empty) or the
// method (path.recv).name, on a value or pointer receiver. Vendored copies
// of path match too.
func IsFunc(fn *types.Func, path, recv, name string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Name() != name || Unvendor(fn.Pkg().Path()) != path {
		return false
	}
	r := fn.Signature().Recv()
	if recv == "" || r == nil {
		return recv == "" && r == nil
	}
	return IsNamed(deref(r.Type()), path, recv)
}

// IsNamed reports whether t is the named type path.name.
func IsNamed(t types.Type, path, name string) bool {
	if t == nil {
		return false
	}
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Name() == name && Unvendor(named.Obj().Pkg().Path()) == path
}

// IsNamedPtr reports whether t is *path.name.
func IsNamedPtr(t types.Type, path, name string) bool {
	if t == nil {
		return false
	}
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && IsNamed(p.Elem(), path, name)
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// FuncName returns "path.Name" for a call of a package-level function, or
// "" (methods, function values, builtins).
func FuncName(info *types.Info, call *ast.CallExpr) string {
	fn := typeutil.StaticCallee(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return ""
	}
	return Unvendor(fn.Pkg().Path()) + "." + fn.Name()
}

// ConstString returns the value of a constant string expression.
func ConstString(info *types.Info, e ast.Expr) (string, bool) {
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	return "", false
}
