package keepaliveclose_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/keepaliveclose"
)

// TestFasthttp runs the fasthttp cases against real fasthttp modules.
func TestFasthttp(t *testing.T) {
	for _, v := range []string{"fasthttp-v1.38.0", "fasthttp-v1.70.0"} {
		t.Run(v, func(t *testing.T) {
			dir := filepath.Join("..", "..", "testdata", "modules", v)
			analysistest.RunWithSuggestedFixes(t, dir, keepaliveclose.Analyzer, "./keepaliveclose/...")
		})
	}
}
