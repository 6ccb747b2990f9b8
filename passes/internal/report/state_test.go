package report

import (
	"go/ast"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

func reportBad(pass *analysis.Pass) (any, error) {
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "bad" {
					Reportf(pass, call, "bad call")
				}
			}
			return true
		})
	}
	return nil, nil
}

// The per-pass state lives exactly as long as the pass's Run, and the
// check's result records the directive it honored.
func TestStateDoesNotOutliveThePass(t *testing.T) {
	var used *Used
	fake := &analysis.Analyzer{Name: "fake", Doc: "reports calls of bad", ResultType: UsedType}
	wrapped := Run(reportBad)
	fake.Run = func(pass *analysis.Pass) (any, error) {
		res, err := wrapped(pass)
		used = res.(*Used)
		return res, err
	}
	analysistest.Run(t, analysistest.TestData(), fake, "a")

	n := 0
	running.Range(func(any, any) bool { n++; return true })
	assert.Zero(t, n, "no pass state may be left behind")
	if assert.NotNil(t, used) {
		assert.Len(t, used.positions, 1, "the one directive silenced a finding")
	}
}

// A check whose Run is not wrapped still honors directives; it just
// cannot tell which it used.
func TestUnwrappedCheckStillSuppresses(t *testing.T) {
	fake := &analysis.Analyzer{Name: "fake", Doc: "reports calls of bad", Run: reportBad}
	analysistest.Run(t, analysistest.TestData(), fake, "unwrapped")
}
