package main_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSelfLint runs connvet, built from this checkout, over the
// repository's two modules (the root and bench/), tests included, as
// .ci/run does. It must find nothing: the proof tests that are buggy on
// purpose say so with //connvet:ignore, and the ignore check reports any
// directive that no longer silences a finding.
func TestSelfLint(t *testing.T) {
	bin := connvet(t)
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	for _, dir := range []string{".", "bench"} {
		t.Run(dir, func(t *testing.T) {
			cmd := exec.Command(bin, "./...")
			cmd.Dir = filepath.Join(root, dir)
			cmd.Env = append(os.Environ(), "GOWORK=off")
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stderr, &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if err != nil && !errors.As(err, &exit) {
				require.NoError(t, err)
			}
			assert.NoError(t, err, "connvet ./... in %s:\n%s", dir, stderr.String())
			assert.Empty(t, stderr.String())
		})
	}
}
