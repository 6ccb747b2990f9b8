package keepaliveclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/keepaliveclose"
)

func TestFlagged(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), keepaliveclose.Analyzer, "flagged")
}

func TestSilent(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keepaliveclose.Analyzer, "silent")
}

func TestShapes(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keepaliveclose.Analyzer, "shapes")
}

func TestTestServers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keepaliveclose.Analyzer, "testserver")
}

func TestTestServersReported(t *testing.T) {
	a := keepaliveclose.Analyzer
	if err := a.Flags.Set(keepaliveclose.InProcess, "true"); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = a.Flags.Set(keepaliveclose.InProcess, "false") }()
	analysistest.Run(t, analysistest.TestData(), a, "testserverreported")
}

func TestLeaveLoop(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), keepaliveclose.Analyzer, "leaveloop")
}

func TestHandlers(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), keepaliveclose.Analyzer, "handlers")
}

// TestFields: connections kept in struct fields and served in methods.
func TestFields(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), keepaliveclose.Analyzer, "fields")
}

// TestDispatch: answers given through an interface the package implements.
func TestDispatch(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), keepaliveclose.Analyzer, "dispatch")
}

// TestCrossPackage: reply, release and hijack helpers of another package,
// known through keepaliveclose's facts.
func TestCrossPackage(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), keepaliveclose.Analyzer, "crosspkg/server")
}

// TestRelay: backend responses relayed as they came, then the close.
func TestRelay(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), keepaliveclose.Analyzer, "relay")
}
