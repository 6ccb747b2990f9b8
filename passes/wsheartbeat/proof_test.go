package wsheartbeat_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/connvet/connvet/passes/internal/testmods"
)

// TestProofGorillaModule runs the loopback proof
// (TestProofNoDeadlineBlocksForever, TestProofHeartbeatFailsWithinDeadline)
// where it lives: inside the fixture module that requires real
// gorilla/websocket, which this module does not. It takes about 4 s.
func TestProofGorillaModule(t *testing.T) {
	cmd := exec.Command("go", "test", "-count=1", "-v", "./wsheartbeat_proof/")
	cmd.Dir = testmods.Dir(t, testmods.Websocket)
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	t.Logf("%s", out)
}
