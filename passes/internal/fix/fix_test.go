package fix_test

import (
	"go/ast"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/internal/fix"
)

// adder adds "C: int(time.Second)" to every composite literal of a
// package-level var, importing time: it exercises AddField on one-line,
// multi-line and brace-sharing literals and ImportName on a single import.
var adder = &analysis.Analyzer{
	Name: "adder",
	Doc:  "test analyzer for package fix",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, decl := range f.Decls {
				gen, ok := decl.(*ast.GenDecl)
				if !ok {
					continue
				}
				for _, spec := range gen.Specs {
					vs, ok := spec.(*ast.ValueSpec)
					if !ok || len(vs.Values) != 1 {
						continue
					}
					lit, ok := vs.Values[0].(*ast.CompositeLit)
					if !ok {
						continue
					}
					name, edits, ok := fix.ImportName(pass.TypesInfo, f, lit.Pos(), "time")
					if !ok {
						continue
					}
					edits = append(edits, fix.AddField(pass.Fset, fix.Source(pass, lit.Pos()), lit, "C", "int("+name+".Second)"))
					pass.Report(analysis.Diagnostic{
						Pos: lit.Pos(), Message: "add",
						SuggestedFixes: []analysis.SuggestedFix{{Message: "Add C", TextEdits: edits}},
					})
				}
			}
		}
		return nil, nil
	},
}

func TestAddFieldAndImport(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), adder, "a")
	assert.Len(t, results, 1)
}
