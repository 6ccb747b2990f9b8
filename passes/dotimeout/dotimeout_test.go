package dotimeout_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/dotimeout"
	"github.com/connvet/connvet/passes/internal/testmods"
)

func TestStub(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dotimeout.Analyzer, "basic", "flow", "factuser", "methodvalue")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), dotimeout.Analyzer, "fixes", "noimport", "zero", "zeronoimport")
}

// TestRealFasthttp runs the check against real fasthttp releases: v1.38.0,
// where DoTimeout abandons its request on the connection, and v1.70.0,
// where it does not. The version is told apart from the types alone.
func TestRealFasthttp(t *testing.T) {
	for _, mod := range testmods.Both {
		t.Run(mod, func(t *testing.T) {
			analysistest.Run(t, testmods.Dir(t, mod), dotimeout.Analyzer, "./dotimeout")
		})
	}
}
