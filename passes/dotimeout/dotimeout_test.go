package dotimeout_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/dotimeout"
)

func TestStub(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dotimeout.Analyzer, "basic", "flow", "factuser")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), dotimeout.Analyzer, "fixes", "noimport")
}
