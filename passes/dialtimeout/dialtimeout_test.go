package dialtimeout_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/dialtimeout"
)

func TestDials(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dialtimeout.Analyzer, "dials", "corpusfp")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), dialtimeout.Analyzer, "fixes", "zero")
}
