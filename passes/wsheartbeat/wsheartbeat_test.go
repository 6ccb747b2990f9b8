package wsheartbeat_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/internal/testmods"
	"github.com/connvet/connvet/passes/wsheartbeat"
)

// TestLibraries runs the flagged and silent cases against the real
// libraries, pinned in the fixture module testdata/modules/websocket.
func TestLibraries(t *testing.T) {
	dir := testmods.Dir(t, testmods.Websocket)
	analysistest.Run(t, dir, wsheartbeat.Analyzer, "./wsheartbeat/...")
}

// TestNoLibrary checks the early exit: a look-alike type in a package
// that imports none of the libraries.
func TestNoLibrary(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), wsheartbeat.Analyzer, "nows")
}
