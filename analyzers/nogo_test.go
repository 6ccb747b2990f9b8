package analyzers_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/dialtimeout"
	"github.com/connvet/connvet/passes/keepaliveclose"
)

// withoutReadFile is a, run with Pass.ReadFile nil, as Bazel's nogo (rules_go up
// to at least v0.62.0) calls analyzers: it fills in neither ReadFile nor
// Module.
func withoutReadFile(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	c.Run = func(pass *analysis.Pass) (any, error) {
		pass.ReadFile = nil
		return a.Run(pass)
	}
	return &c
}

// TestWithoutReadFile runs suggested-fix testdata under a driver that
// does not provide Pass.ReadFile (docs/bazel.md): the same diagnostics and
// fixes, golden files included, and no panic. keepaliveclose reads source
// for its indentation; dialtimeout stands for the checks whose fixes read
// it through fix.Source (TestReadFileOnlyInFixSource keeps it that way).
func TestWithoutReadFile(t *testing.T) {
	for _, tc := range []struct {
		a    *analysis.Analyzer
		pkgs []string
	}{
		{keepaliveclose.Analyzer, []string{"flagged"}},
		{dialtimeout.Analyzer, []string{"fixes"}},
	} {
		t.Run(tc.a.Name, func(t *testing.T) {
			dir, err := filepath.Abs(filepath.Join("..", "passes", tc.a.Name, "testdata"))
			require.NoError(t, err)
			analysistest.RunWithSuggestedFixes(t, dir, withoutReadFile(tc.a), tc.pkgs...)
		})
	}
}

// TestReadFileOnlyInFixSource fails when a check reads source other than
// through fix.Source, which copes with drivers that leave Pass.ReadFile nil.
func TestReadFileOnlyInFixSource(t *testing.T) {
	root := filepath.Join("..", "passes")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if path == filepath.Join(root, "internal", "fix", "fix.go") {
			return nil
		}
		for i, line := range strings.Split(string(data), "\n") {
			assert.NotContains(t, line, ".ReadFile", "%s:%d: read source with fix.Source (Pass.ReadFile may be nil)", path, i+1)
		}
		return nil
	})
	require.NoError(t, err)
}
