package fasthttpver_test

import (
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"

	"github.com/connvet/connvet/passes/internal/fasthttpver"
	"github.com/connvet/connvet/passes/internal/testmods"
)

// TestRealVersions loads the real fasthttp releases and checks that the
// marker tells them apart.
func TestRealVersions(t *testing.T) {
	for _, tc := range []struct {
		mod    string
		before bool
	}{{testmods.Fasthttp138, true}, {testmods.Fasthttp170, false}} {
		t.Run(tc.mod, func(t *testing.T) {
			cfg := &packages.Config{Mode: packages.NeedTypes | packages.NeedImports | packages.NeedDeps | packages.NeedName, Dir: testmods.Dir(t, tc.mod)}
			pkgs, err := packages.Load(cfg, "./smoke")
			require.NoError(t, err)
			require.Len(t, pkgs, 1)
			require.Empty(t, pkgs[0].Errors)
			fh := fasthttpver.Package(pkgs[0].Types)
			require.NotNil(t, fh)
			assert.True(t, fasthttpver.IsFasthttp(fh))
			assert.Equal(t, tc.before, fasthttpver.Before139(fh))
		})
	}
}

func TestNoFasthttp(t *testing.T) {
	pkg := types.NewPackage("example.com/p", "p")
	pkg.SetImports([]*types.Package{types.NewPackage("fmt", "fmt")})
	assert.Nil(t, fasthttpver.Package(pkg))
	assert.True(t, fasthttpver.IsFasthttp(types.NewPackage("example.com/m/vendor/github.com/valyala/fasthttp", "fasthttp")))
	stub := types.NewPackage(fasthttpver.Path, "fasthttp")
	assert.False(t, fasthttpver.Before139(stub), "a package without FS counts as current")
}
