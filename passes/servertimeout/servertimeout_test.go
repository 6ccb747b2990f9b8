package servertimeout_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/internal/testmods"
	"github.com/connvet/connvet/passes/servertimeout"
)

func TestServers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), servertimeout.Analyzer, "servers", "helpers", "corpusfp", "shapes", "webuser")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), servertimeout.Analyzer, "fixes", "zero")
}

// TestFasthttp runs the fasthttp cases against real fasthttp releases.
func TestFasthttp(t *testing.T) {
	for _, mod := range testmods.Both {
		t.Run(mod, func(t *testing.T) {
			analysistest.RunWithSuggestedFixes(t, testmods.Dir(t, mod), servertimeout.Analyzer, "./servertimeout")
		})
	}
}

func TestTestServers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), servertimeout.Analyzer, "testserver")
}
