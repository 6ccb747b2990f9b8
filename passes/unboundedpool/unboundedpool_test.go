package unboundedpool_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/internal/testmods"
	"github.com/connvet/connvet/passes/unboundedpool"
)

func TestPools(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unboundedpool.Analyzer, "pools", "onetest")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unboundedpool.Analyzer, "fixes", "zero")
}

func TestMaxConnsOption(t *testing.T) {
	a := unboundedpool.Analyzer
	require.NoError(t, a.Flags.Set(unboundedpool.MaxConns, "true"))
	defer func() { require.NoError(t, a.Flags.Set(unboundedpool.MaxConns, "false")) }()
	analysistest.Run(t, analysistest.TestData(), a, "maxconns")
}

func TestFasthttp(t *testing.T) {
	for _, mod := range testmods.Both {
		t.Run(mod, func(t *testing.T) {
			analysistest.RunWithSuggestedFixes(t, testmods.Dir(t, mod), unboundedpool.Analyzer, "./unboundedpool/...")
		})
	}
}

func TestReqClose(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unboundedpool.Analyzer, "reqclose")
}

func TestInProcess(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unboundedpool.Analyzer, "inprocess")
}

func TestInProcessReported(t *testing.T) {
	a := unboundedpool.Analyzer
	require.NoError(t, a.Flags.Set(unboundedpool.InProcess, "true"))
	defer func() { require.NoError(t, a.Flags.Set(unboundedpool.InProcess, "false")) }()
	analysistest.Run(t, analysistest.TestData(), a, "inprocessreported")
}

// TestHelpers: pools made by helper functions (config pool summaries), in
// the same package and through facts of another package.
func TestHelpers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unboundedpool.Analyzer, "helpers", "closeheld", "poollib", "poolusers", "decorators", "tracelib", "traceusers")
}

// TestShapes11: the pool shapes of issue 11 (per-call structs, closes
// where the pool's life ends, transports behind interfaces and setters).
func TestShapes11(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unboundedpool.Analyzer, "shapes11", "shapes11lib")
}

// TestOptionDefaults: IdleConnTimeout from an option field no default sets.
func TestOptionDefaults(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unboundedpool.Analyzer, "optdefaults")
}

// TestConstructorPools: client types whose constructor builds a pool,
// made per request, per iteration or per call.
func TestConstructorPools(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unboundedpool.Analyzer, "ctorpools")
}
