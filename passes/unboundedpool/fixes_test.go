package unboundedpool_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/internal/fixcheck"
	"github.com/connvet/connvet/passes/internal/testmods"
	"github.com/connvet/connvet/passes/unboundedpool"
)

// TestFixesCompile proves every suggested fix of the testdata and of the
// real fasthttp fixtures: alone it stays gofmt-clean, compiles and clears
// its finding; all of a package's fixes together compile.
func TestFixesCompile(t *testing.T) {
	as := []*analysis.Analyzer{unboundedpool.Analyzer}
	fixcheck.Test(t, analysistest.TestData(), as)
	for _, mod := range testmods.Both {
		t.Run(mod, func(t *testing.T) {
			fixcheck.Test(t, testmods.Dir(t, mod), as, "./unboundedpool/...")
		})
	}
}
