package h2ping_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/connvet/connvet/passes/internal/testmods"
)

// TestProofXNetModule runs the x/net proof (TestProofReadIdleTimeout)
// where it lives: inside the fixture module that requires real
// golang.org/x/net v0.62.0, which this module does not.
func TestProofXNetModule(t *testing.T) {
	t.Parallel() // a subprocess: runs beside the net/http proof
	if testing.Short() {
		t.Skip("takes about 7 s plus building x/net")
	}
	cmd := exec.Command("go", "test", "-count=1", "-v", "./h2ping_proof/")
	cmd.Dir = testmods.Dir(t, testmods.XNet062)
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	t.Logf("%s", out)
}
