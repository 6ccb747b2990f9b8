package flow_test

import (
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/internal/flow"
)

// reporter reports, at each struct field, the field it wraps.
var reporter = &analysis.Analyzer{
	Name:     "wraps",
	Doc:      "test: report flow.WrappedField at each field",
	Requires: []*analysis.Analyzer{flow.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		p := pass.ResultOf[flow.Analyzer].(*flow.Program)
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				fld, ok := n.(*ast.Field)
				if !ok {
					return true
				}
				for _, name := range fld.Names {
					v, ok := pass.TypesInfo.Defs[name].(*types.Var)
					if !ok || !v.IsField() {
						continue
					}
					if g, ok := p.WrappedField(v); ok {
						pass.Reportf(name.Pos(), "wraps %s", g.Name())
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestWrappedField(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter, "wraps")
}

func TestNilProgram(t *testing.T) {
	var p *flow.Program
	if p.Package() != nil {
		t.Fatal("nil program has a package")
	}
	if _, ok := p.WrappedField(nil); ok {
		t.Fatal("nil program relates fields")
	}
}
