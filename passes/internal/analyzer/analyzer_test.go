package analyzer_test

import (
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/connvet/connvet/passes/internal/analyzer"
	"github.com/connvet/connvet/passes/internal/report"
)

const doc = `// Package demo defines an Analyzer that demonstrates.
//
// # Analyzer demo
//
// demo: report demonstrations
//
// Longer text.
package demo
`

func TestNew(t *testing.T) {
	a := analyzer.New("demo", doc, func(*analysis.Pass) (any, error) { return nil, nil }, inspect.Analyzer)
	assert.Equal(t, "demo", a.Name)
	assert.Equal(t, "report demonstrations\n\nLonger text.", a.Doc)
	assert.Equal(t, "https://github.com/connvet/connvet/blob/main/docs/checks/demo.md", a.URL)
	assert.Equal(t, analyzer.URL("demo"), a.URL)
	assert.Equal(t, []*analysis.Analyzer{inspect.Analyzer}, a.Requires)
	assert.Equal(t, report.UsedType, a.ResultType)
	require.NoError(t, analysis.Validate([]*analysis.Analyzer{a}))

	// Options are registered on the result, after construction.
	a.Flags.Bool("strict", false, "be strict")
	require.NoError(t, a.Flags.Set("strict", "true"))
	assert.Equal(t, "true", a.Flags.Lookup("strict").Value.String())

	assert.Panics(t, func() { analyzer.New("other", doc, nil) }, "a doc.go of another check")
}

func TestNewRun(t *testing.T) {
	pass := func(a *analysis.Analyzer) *analysis.Pass {
		return &analysis.Pass{Analyzer: a, Pkg: types.NewPackage("example.com/p", "p")}
	}
	ok := analyzer.New("demo", doc, func(*analysis.Pass) (any, error) { return nil, nil })
	res, err := ok.Run(pass(ok))
	require.NoError(t, err)
	assert.IsType(t, &report.Used{}, res, "the directives used, for the ignore check")

	bad := analyzer.New("demo", doc, func(*analysis.Pass) (any, error) { panic("boom") })
	_, err = bad.Run(pass(bad))
	require.Error(t, err, "a panic becomes an error")
	assert.Contains(t, err.Error(), "connvet/demo: internal error")
}
