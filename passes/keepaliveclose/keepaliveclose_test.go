package keepaliveclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/keepaliveclose"
)

func TestFlagged(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), keepaliveclose.Analyzer, "flagged")
}

func TestSilent(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keepaliveclose.Analyzer, "silent")
}

func TestShapes(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keepaliveclose.Analyzer, "shapes")
}
