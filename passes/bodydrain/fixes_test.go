package bodydrain_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/internal/fixcheck"
	"github.com/connvet/connvet/passes/bodydrain"
)

// TestFixesCompile proves every suggested fix of the testdata: alone it stays gofmt-clean, compiles and clears
// its finding; all of a package's fixes together compile.
func TestFixesCompile(t *testing.T) {
	as := []*analysis.Analyzer{bodydrain.Analyzer}
	fixcheck.Test(t, analysistest.TestData(), as)
}
