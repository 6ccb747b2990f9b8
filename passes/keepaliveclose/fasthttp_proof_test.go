package keepaliveclose_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/connvet/connvet/passes/internal/testmods"
)

// TestProofFasthttpModule runs the fasthttp proof test
// (TestProofFasthttpHandlerClosingConn) where it lives: inside the fixture
// module that requires real fasthttp v1.70.0, which this module does not.
func TestProofFasthttpModule(t *testing.T) {
	cmd := exec.Command("go", "test", "-count=1", "./keepaliveclose_proof/")
	cmd.Dir = testmods.Dir(t, testmods.Fasthttp170)
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	t.Logf("%s", out)
}
