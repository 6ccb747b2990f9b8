package contentlength_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/contentlength"
)

func TestFlagged(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), contentlength.Analyzer, "flagged")
}

func TestSilent(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), contentlength.Analyzer, "silent")
}

func TestShapes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), contentlength.Analyzer, "shapes")
}

func TestTestServers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), contentlength.Analyzer, "testserver")
}

// TestFields: request loops over a connection kept in struct fields.
func TestFields(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), contentlength.Analyzer, "fields")
}

// TestLoopCalls: responses written by the functions a request loop calls.
func TestLoopCalls(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), contentlength.Analyzer, "loopcalls")
}
