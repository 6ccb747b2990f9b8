package wsheartbeat_test

import (
	"testing"

	"github.com/stretchr/testify/require"
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

// TestInProcessOption runs the in-process shapes (silent by default in
// TestLibraries: wsheartbeat/gorilla/inprocess*.go, wsheartbeat/xnet) with
// -wsheartbeat.inprocess: every read loop is reported.
func TestInProcessOption(t *testing.T) {
	dir := testmods.Dir(t, testmods.Websocket)
	a := wsheartbeat.Analyzer
	require.NoError(t, a.Flags.Set(wsheartbeat.InProcess, "true"))
	defer func() { require.NoError(t, a.Flags.Set(wsheartbeat.InProcess, "false")) }()
	analysistest.Run(t, dir, a, "./wsheartbeatinprocess")
}

// TestNoLibrary checks the early exit: a look-alike type in a package
// that imports none of the libraries.
func TestNoLibrary(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), wsheartbeat.Analyzer, "nows")
}
