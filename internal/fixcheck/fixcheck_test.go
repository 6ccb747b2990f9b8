package fixcheck

import (
	"go/ast"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/packages"
)

// adder returns an analyzer that reports every struct literal without
// key B, with a fix inserting text before its closing brace.
func adder(name, text string) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: name,
		Doc:  "test analyzer: " + name,
		Run: func(pass *analysis.Pass) (any, error) {
			for _, f := range pass.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					lit, ok := n.(*ast.CompositeLit)
					if !ok {
						return true
					}
					for _, e := range lit.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok && kv.Key.(*ast.Ident).Name == "B" && name != "stays" {
							return true
						}
					}
					pass.Report(analysis.Diagnostic{Pos: lit.Pos(), Message: "no B", SuggestedFixes: []analysis.SuggestedFix{{
						Message:   "Add B",
						TextEdits: []analysis.TextEdit{{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(text)}},
					}}})
					return true
				})
			}
			return nil, nil
		},
	}
}

func TestCheck(t *testing.T) {
	good := adder("good", ", B: 1")
	dup := adder("dup", ", A: 1")
	ugly := adder("ugly", ",B:1")
	stays := adder("stays", ", B: 1")
	pkgs, err := Load(analysistest.TestData(), "p")
	require.NoError(t, err)
	rep, err := Check(pkgs, []*analysis.Analyzer{good, dup, ugly, stays})
	require.NoError(t, err)

	assert.Equal(t, Counts{Diagnostics: 2, Fixes: 2, Applied: 2, Gofmt: 2, Compiled: 2, Gone: 2, Packages: 1, Together: 1, Merged: 2}, *rep.Counts["good"])
	assert.Equal(t, Counts{Diagnostics: 2, Fixes: 2, Applied: 2, Gofmt: 2, Compiled: 0, Gone: 0, Packages: 1, Together: 0, Merged: 2}, *rep.Counts["dup"])
	assert.Equal(t, Counts{Diagnostics: 2, Fixes: 2, Applied: 2, Gofmt: 0, Compiled: 2, Gone: 2, Packages: 1, Together: 1, Merged: 2}, *rep.Counts["ugly"])
	assert.Equal(t, Counts{Diagnostics: 2, Fixes: 2, Applied: 2, Gofmt: 2, Compiled: 2, Gone: 0, Packages: 1, Together: 1, Merged: 2}, *rep.Counts["stays"])

	stages := map[string][]string{}
	for _, f := range rep.Failures {
		stages[f.Analyzer] = append(stages[f.Analyzer], f.Stage)
	}
	assert.Equal(t, map[string][]string{
		"dup":   {"compile", "compile", "together"},
		"ugly":  {"gofmt", "gofmt"},
		"stays": {"gone", "gone"},
	}, stages)
}

func TestMerge(t *testing.T) {
	imp := edit{10, 10, "import"}
	a := edit{20, 20, "a"}
	b := edit{30, 35, "b"}
	m, ok := merge([]edit{imp, a}, []edit{imp, b})
	require.True(t, ok)
	assert.Equal(t, []edit{imp, a, b}, m, "identical edits coalesce")
	_, ok = merge([]edit{{30, 34, "x"}}, []edit{b})
	assert.False(t, ok, "different replacements of one range conflict")
}

func TestMapOffset(t *testing.T) {
	es := []edit{{0, 0, "ab\n"}, {10, 12, ""}}
	assert.Equal(t, 8, mapOffset(es, 5), "moved by the insertion before it")
	assert.Equal(t, 13, mapOffset(es, 11), "inside a replaced range: its start")
	assert.Equal(t, 21, mapOffset(es, 20), "moved by both")
}

func TestLoadModule(t *testing.T) {
	pkgs, skipped, err := LoadModule("testdata/mod", []string{"GOFLAGS=-mod=mod", "GOWORK=off"}, "./...")
	require.NoError(t, err)
	var ids []string
	for _, p := range pkgs {
		ids = append(ids, p.ID)
	}
	assert.ElementsMatch(t, []string{"example.com/mod/good", "example.com/mod/good [example.com/mod/good.test]", "example.com/mod/good.test"}, ids)
	assert.ElementsMatch(t, []string{"example.com/mod/bad", "example.com/mod/usesbad"}, slices.Collect(maps.Keys(skipped)))
	assert.Contains(t, skipped["example.com/mod/usesbad"][0], "dependency example.com/mod/bad")

	// The generated test main has composite literals too: leave it out.
	pkgs = slices.DeleteFunc(pkgs, func(p *packages.Package) bool { return strings.HasSuffix(p.ID, ".test") })
	rep, err := Check(pkgs, []*analysis.Analyzer{adder("good", ", B: 1")})
	require.NoError(t, err)
	assert.Equal(t, Counts{Diagnostics: 2, Fixes: 2, Applied: 2, Gofmt: 2, Compiled: 2, Gone: 2, Packages: 2, Together: 2, Merged: 2}, *rep.Counts["good"], "x in good, y in its test variant")
	assert.Empty(t, rep.Failures)
}
