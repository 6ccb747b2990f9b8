package keepaliveclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/keepaliveclose"
)

// TestLoopPaths covers the per-path request-loop rules: an explicit
// Connection: keep-alive followed by a path out of the loop, and a request
// read and then dropped on the way out.
func TestLoopPaths(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keepaliveclose.Analyzer, "looppaths")
}
