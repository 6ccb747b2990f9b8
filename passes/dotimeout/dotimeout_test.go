package dotimeout_test

import (
	"path/filepath"
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

// TestRealFasthttp runs the check against real fasthttp releases: v1.38.0,
// where DoTimeout abandons its request on the connection, and v1.70.0,
// where it does not. The version is told apart from the types alone.
func TestRealFasthttp(t *testing.T) {
	for _, v := range []string{"v1.38.0", "v1.70.0"} {
		t.Run(v, func(t *testing.T) {
			dir := filepath.Join("..", "..", "testdata", "modules", "fasthttp-"+v)
			analysistest.Run(t, dir, dotimeout.Analyzer, "./dotimeout")
		})
	}
}
