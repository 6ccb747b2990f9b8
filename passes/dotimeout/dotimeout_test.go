package dotimeout_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/dotimeout"
	"github.com/connvet/connvet/passes/internal/testmods"
)

func TestStub(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dotimeout.Analyzer, "basic", "flow", "factuser", "methodvalue")
}

// TestInProcess runs the in-process shapes with the default options:
// silent where the peer is provably this process (or a test's own).
func TestInProcess(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dotimeout.Analyzer, "inprocess")
}

// TestInProcessReported runs the same shapes with -dotimeout.inprocess:
// every one is reported.
func TestInProcessReported(t *testing.T) {
	a := dotimeout.Analyzer
	require.NoError(t, a.Flags.Set(dotimeout.InProcess, "true"))
	defer func() { require.NoError(t, a.Flags.Set(dotimeout.InProcess, "false")) }()
	analysistest.Run(t, analysistest.TestData(), a, "inprocessreported")
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
