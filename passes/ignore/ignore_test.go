package ignore_test

import (
	"go/ast"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/ignore"
	"github.com/connvet/connvet/passes/internal/report"
)

// fake reports every call of a function named bad or badValue, through
// report, as a real check does.
var fake = &analysis.Analyzer{
	Name:       "fake",
	Doc:        "reports calls of bad",
	Run:        report.Run(runFake),
	ResultType: report.UsedType,
}

func runFake(pass *analysis.Pass) (any, error) {
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if id, ok := call.Fun.(*ast.Ident); ok && (id.Name == "bad" || id.Name == "badValue") {
					report.Reportf(pass, call, "bad call")
				}
			}
			return true
		})
	}
	return nil, nil
}

// other is a known check that does not run.
const other = "other"

func TestDirectives(t *testing.T) {
	// The fake check honors directives; ignore judges them.
	analysistest.Run(t, analysistest.TestData(), fake, "suppress")
	analysistest.Run(t, analysistest.TestData(), ignore.New([]string{"fake", other}, fake), "directives")
}

func TestParse(t *testing.T) {
	d, ok := report.Parse("//connvet:ignore a,b the reason here")
	assert.True(t, ok)
	assert.Equal(t, []string{"a", "b"}, d.Checks)
	assert.Equal(t, "the reason here", d.Reason)

	_, ok = report.Parse("//connvet:ignored a reason")
	assert.False(t, ok)
	_, ok = report.Parse("// connvet:ignore a reason")
	assert.False(t, ok, "directives have no space after //, like //go: directives")

	d, ok = report.Parse("//connvet:ignore")
	assert.True(t, ok)
	assert.Empty(t, d.Checks)
	assert.Empty(t, d.Reason)
}

func TestReasonAfterSlashes(t *testing.T) {
	d, ok := report.Parse("//connvet:ignore a // golangci style")
	assert.True(t, ok)
	assert.Equal(t, "golangci style", d.Reason)
	d, _ = report.Parse("//connvet:ignore a //")
	assert.Empty(t, d.Reason)
}
