package analyzers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// allowedRequires are the only direct requirements of the root module:
// connvet itself needs x/tools, the golangci-lint plugin registers through
// plugin-module-register, and the tests use testify. Anything only the
// benchmark or the corpus harness needs belongs in bench/go.mod.
var allowedRequires = []string{
	"github.com/golangci/plugin-module-register",
	"github.com/stretchr/testify",
	"golang.org/x/tools",
}

// TestRootRequires fails when the root go.mod gains a direct requirement
// beyond the three allowed ones (users who `go get` connvet inherit them).
func TestRootRequires(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "go.mod"))
	require.NoError(t, err)
	direct, indirect := requires(string(data))
	require.NotEmpty(t, direct, "no require lines found in go.mod")
	for _, path := range direct {
		assert.Contains(t, allowedRequires, path,
			"go.mod requires %s directly; only %v are allowed (bench-only dependencies go in bench/go.mod)", path, allowedRequires)
	}
	for _, path := range indirect {
		assert.NotContains(t, []string{"github.com/timakin/bodyclose", "github.com/sonatard/noctx", "golang.org/x/tools/go/packages/packagestest"}, path,
			"the benchmark's analyzers leaked back into the root module")
	}
}

func TestRequiresParser(t *testing.T) {
	direct, indirect := requires(`module m

go 1.26.0

require example.com/single v1.0.0
require example.com/single/indirect v1.0.0 // indirect

require (
	example.com/a v1.0.0
	example.com/b v1.2.3 // a comment
	example.com/c v0.1.0 // indirect
	example.com/d v0.1.0 // indirect; kept for a test
)

replace example.com/a => ../a
`)
	assert.Equal(t, []string{"example.com/single", "example.com/a", "example.com/b"}, direct)
	assert.Equal(t, []string{"example.com/single/indirect", "example.com/c", "example.com/d"}, indirect)
}

// TestBenchModule keeps bench/go.mod building against this checkout.
func TestBenchModule(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "bench", "go.mod"))
	require.NoError(t, err)
	s := string(data)
	assert.Contains(t, s, "module github.com/connvet/connvet/bench\n")
	assert.Contains(t, s, "replace github.com/connvet/connvet => ../\n")
}

// requires returns the module paths of go.mod's require directives, split
// into direct and "// indirect" ones. It reads the single-line and the
// block form, which is all go mod tidy writes.
func requires(gomod string) (direct, indirect []string) {
	inBlock := false
	for line := range strings.Lines(gomod) {
		line = strings.TrimSpace(line)
		var spec string
		switch {
		case inBlock && line == ")":
			inBlock = false
			continue
		case inBlock:
			spec = line
		case line == "require (":
			inBlock = true
			continue
		case strings.HasPrefix(line, "require "):
			spec = strings.TrimPrefix(line, "require ")
		default:
			continue
		}
		spec, comment, _ := strings.Cut(spec, "//")
		fields := strings.Fields(spec)
		if len(fields) != 2 {
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(comment), "indirect") {
			indirect = append(indirect, fields[0])
		} else {
			direct = append(direct, fields[0])
		}
	}
	return direct, indirect
}
