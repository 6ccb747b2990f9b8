package httplib_test

import (
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/connvet/connvet/passes/internal/httplib"
)

func TestIsLibrary(t *testing.T) {
	for path, want := range map[string]bool{
		"net/http":                    true,
		"net/http/httptest":           true,
		"net":                         true,
		"crypto/tls":                  true,
		"github.com/valyala/fasthttp": true,
		"github.com/valyala/fasthttp/fasthttpproxy":        true,
		"example.com/m/vendor/github.com/valyala/fasthttp": true,
		"net/rpc":                      false,
		"example.com/net/http":         false,
		"github.com/valyala/fasthttpx": false,
	} {
		assert.Equal(t, want, httplib.IsLibrary(types.NewPackage(path, "p")), path)
	}
}

func TestImports(t *testing.T) {
	http := types.NewPackage("net/http", "http")
	mid := types.NewPackage("example.com/mid", "mid")
	mid.SetImports([]*types.Package{http})
	top := types.NewPackage("example.com/top", "top")
	top.SetImports([]*types.Package{mid})
	// A cycle must not loop.
	http.SetImports([]*types.Package{mid})
	assert.True(t, httplib.Imports(top, "net/http"), "through another package")
	assert.False(t, httplib.Imports(top, "net"))
	vendored := types.NewPackage("example.com/app/vendor/github.com/valyala/fasthttp", "fasthttp")
	app := types.NewPackage("example.com/app", "app")
	app.SetImports([]*types.Package{vendored})
	assert.True(t, httplib.Imports(app, httplib.Fasthttp))
	assert.Equal(t, "github.com/valyala/fasthttp", httplib.Unvendor("vendor/github.com/valyala/fasthttp"))
}

func TestIsFuncAndIsNamed(t *testing.T) {
	http := types.NewPackage("net/http", "http")
	vendored := types.NewPackage("example.com/app/vendor/net/http", "http")
	mk := func(pkg *types.Package, typeName string) (*types.Named, *types.Func, *types.Func) {
		tn := types.NewTypeName(0, pkg, typeName, nil)
		named := types.NewNamed(tn, types.NewStruct(nil, nil), nil)
		recv := types.NewVar(0, pkg, "c", types.NewPointer(named))
		method := types.NewFunc(0, pkg, "Do", types.NewSignatureType(recv, nil, nil, nil, nil, false))
		fn := types.NewFunc(0, pkg, "Get", types.NewSignatureType(nil, nil, nil, nil, nil, false))
		return named, method, fn
	}
	named, method, fn := mk(http, "Client")
	assert.True(t, httplib.IsFunc(method, "net/http", "Client", "Do"), "pointer receiver")
	assert.False(t, httplib.IsFunc(method, "net/http", "", "Do"), "a method is not a function")
	assert.True(t, httplib.IsFunc(fn, "net/http", "", "Get"))
	assert.False(t, httplib.IsFunc(fn, "net/http", "Client", "Get"), "a function is not a method")
	assert.False(t, httplib.IsFunc(method, "net/http", "Transport", "Do"))
	assert.False(t, httplib.IsFunc(nil, "net/http", "", "Get"))
	assert.True(t, httplib.IsNamed(named, "net/http", "Client"))
	assert.True(t, httplib.IsNamedPtr(types.NewPointer(named), "net/http", "Client"))
	assert.False(t, httplib.IsNamedPtr(named, "net/http", "Client"))
	assert.False(t, httplib.IsNamed(nil, "net/http", "Client"))
	_, vmethod, _ := mk(vendored, "Client")
	assert.True(t, httplib.IsFunc(vmethod, "net/http", "Client", "Do"), "vendored copies match")
}

func TestLookup(t *testing.T) {
	pkg := types.NewPackage("example.com/app/vendor/github.com/valyala/fasthttp", "fasthttp")
	tn := types.NewTypeName(0, pkg, "Client", nil)
	named := types.NewNamed(tn, types.NewStruct(nil, nil), nil)
	recv := types.NewVar(0, pkg, "c", types.NewPointer(named))
	do := types.NewFunc(0, pkg, "Do", types.NewSignatureType(recv, nil, nil, nil, nil, false))
	named.AddMethod(do)
	get := types.NewFunc(0, pkg, "Get", types.NewSignatureType(nil, nil, nil, nil, nil, false))
	pkg.Scope().Insert(tn)
	pkg.Scope().Insert(get)

	assert.Same(t, tn, httplib.LookupType(pkg, "Client"))
	assert.Same(t, do, httplib.LookupFunc(pkg, "Client", "Do"))
	assert.Same(t, get, httplib.LookupFunc(pkg, "", "Get"))
	assert.True(t, httplib.IsFunc(httplib.LookupFunc(pkg, "Client", "Do"), httplib.Fasthttp, "Client", "Do"), "IsFunc matches what LookupFunc finds")
	assert.True(t, httplib.IsFunc(httplib.LookupFunc(pkg, "", "Get"), httplib.Fasthttp, "", "Get"))
	assert.Nil(t, httplib.LookupFunc(pkg, "Client", "Post"))
	assert.Nil(t, httplib.LookupFunc(pkg, "Server", "Do"))
	assert.Nil(t, httplib.LookupFunc(pkg, "", "Client"), "a type is not a function")
	assert.Nil(t, httplib.LookupFunc(nil, "", "Get"))
	assert.Nil(t, httplib.LookupType(nil, "Client"))
}
