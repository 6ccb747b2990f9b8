package keepaliveclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/internal/testmods"
	"github.com/connvet/connvet/passes/keepaliveclose"
)

// TestFasthttp runs the fasthttp cases against real fasthttp modules.
func TestFasthttp(t *testing.T) {
	for _, v := range testmods.Both {
		t.Run(v, func(t *testing.T) {
			dir := testmods.Dir(t, v)
			analysistest.RunWithSuggestedFixes(t, dir, keepaliveclose.Analyzer, "./keepaliveclose/...")
		})
	}
}
