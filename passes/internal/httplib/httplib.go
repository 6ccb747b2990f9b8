// Package httplib answers the questions every check asks first about a
// package and the HTTP libraries connvet models (net/http, net,
// crypto/tls, fasthttp): does the package reach them at all, and is it
// part of them. It is also the one way connvet recognises a library
// function or type: IsFunc and IsNamed, by package path (vendored copies
// included) and names, never by a joined string.
package httplib

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net"
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

// LookupFunc returns the function pkg.name (recv empty) or the method
// name of pkg.recv (with a pointer receiver or not, promoted or not), or
// nil. It is IsFunc's counterpart for sets of functions built once per
// package (a pkg found by its Unvendor path): the checks then match calls
// against the set.
func LookupFunc(pkg *types.Package, recv, name string) *types.Func {
	if recv == "" {
		if pkg == nil {
			return nil
		}
		fn, _ := pkg.Scope().Lookup(name).(*types.Func)
		return fn
	}
	tn := LookupType(pkg, recv)
	if tn == nil {
		return nil
	}
	t := tn.Type()
	if !types.IsInterface(t) {
		t = types.NewPointer(t)
	}
	obj, _, _ := types.LookupFieldOrMethod(t, false, pkg, name)
	fn, _ := obj.(*types.Func)
	return fn
}

// LookupType returns the type pkg.name, or nil: IsNamed's counterpart.
func LookupType(pkg *types.Package, name string) *types.TypeName {
	if pkg == nil {
		return nil
	}
	tn, _ := pkg.Scope().Lookup(name).(*types.TypeName)
	return tn
}

// ConstString returns the value of a constant string expression.
func ConstString(info *types.Info, e ast.Expr) (string, bool) {
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	return "", false
}

// LoopbackHost reports whether the address expression e names a host on
// this machine: a constant "host:port", "host:"+port, net.JoinHostPort(host,
// port) or fmt.Sprintf("host:%d", port) with a constant loopback host
// (localhost, 127.0.0.0/8, ::1).
func LoopbackHost(info *types.Info, e ast.Expr) bool {
	host, ok := constHost(info, ast.Unparen(e))
	if !ok {
		return false
	}
	host = strings.Trim(host, "[]")
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

func constHost(info *types.Info, e ast.Expr) (string, bool) {
	if s, ok := ConstString(info, e); ok {
		host, _, err := net.SplitHostPort(s)
		return host, err == nil
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		if prefix, ok := ConstString(info, e.X); ok {
			if i := strings.LastIndex(prefix, ":"); i >= 0 {
				return prefix[:i], true
			}
		}
		if b, ok := ast.Unparen(e.X).(*ast.BinaryExpr); ok {
			return constHost(info, b) // "host:" + a + b
		}
	case *ast.CallExpr:
		fn := typeutil.StaticCallee(info, e)
		switch {
		case IsFunc(fn, "net", "", "JoinHostPort") && len(e.Args) == 2:
			return ConstString(info, e.Args[0])
		case IsFunc(fn, "fmt", "", "Sprintf") && len(e.Args) > 0:
			if format, ok := ConstString(info, e.Args[0]); ok {
				if i := strings.LastIndex(format, ":"); i >= 0 && !strings.Contains(format[:i], "%") {
					return format[:i], true
				}
			}
		}
	}
	return "", false
}

// Var returns the variable that e, an identifier after parentheses,
// defines or uses, or nil.
func Var(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	if v, ok := info.Defs[id].(*types.Var); ok {
		return v
	}
	v, _ := info.Uses[id].(*types.Var)
	return v
}

// FuncDecls maps the functions and methods declared in files to their
// declarations; look a generic function up by its Origin.
func FuncDecls(info *types.Info, files []*ast.File) map[*types.Func]*ast.FuncDecl {
	decls := map[*types.Func]*ast.FuncDecl{}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if obj, ok := info.Defs[fd.Name].(*types.Func); ok {
					decls[obj] = fd
				}
			}
		}
	}
	return decls
}
