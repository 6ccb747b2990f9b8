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
