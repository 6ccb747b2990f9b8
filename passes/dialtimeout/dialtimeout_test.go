package dialtimeout_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/dialtimeout"
)

func TestDials(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dialtimeout.Analyzer, "dials", "corpusfp")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), dialtimeout.Analyzer, "fixes", "zero")
}

func TestInProcess(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dialtimeout.Analyzer, "inprocess")
}

func TestInProcessReported(t *testing.T) {
	a := dialtimeout.Analyzer
	require.NoError(t, a.Flags.Set(dialtimeout.InProcess, "true"))
	defer func() { require.NoError(t, a.Flags.Set(dialtimeout.InProcess, "false")) }()
	analysistest.Run(t, analysistest.TestData(), a, "inprocessreported")
}

func TestDatagram(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dialtimeout.Analyzer, "datagram")
}

func TestClients(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), dialtimeout.Analyzer, "clients")
}

func TestHooks(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dialtimeout.Analyzer, "hooks")
}

func TestSDK(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), dialtimeout.Analyzer, "sdk/direct", "sdk/api", "sdk/provider")
}

func TestMethodValue(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dialtimeout.Analyzer, "methodvalue")
}

func TestShapes11(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dialtimeout.Analyzer, "shapes11")
}

// TestDialers: dialers built in another function are reported at their
// literal.
func TestDialers(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), dialtimeout.Analyzer, "dialers")
}

// TestContextWrappers: convenience methods that call the context-taking
// ones with context.Background().
func TestContextWrappers(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), dialtimeout.Analyzer, "ctxwrap")
}
