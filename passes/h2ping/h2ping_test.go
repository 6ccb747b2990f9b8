package h2ping_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/h2ping"
	"github.com/connvet/connvet/passes/internal/testmods"
)

func TestTransports(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), h2ping.Analyzer, "transports", "aliased", "nested", "old", "godebug", "inprocess", "testfile")
}

func TestInProcessOption(t *testing.T) {
	a := h2ping.Analyzer
	require.NoError(t, a.Flags.Set(h2ping.InProcess, "true"))
	defer func() { require.NoError(t, a.Flags.Set(h2ping.InProcess, "false")) }()
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), a, "inprocessreported")
}

func TestXNet(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testmods.Dir(t, testmods.XNet062), h2ping.Analyzer, "./h2ping")
}
