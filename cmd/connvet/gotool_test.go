package main_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goToolCommands are the commands README.md and docs/install.md give for
// running connvet as a tool of the user's module (Go 1.24+).
var goToolCommands = []string{
	"go get -tool github.com/connvet/connvet/cmd/connvet",
	"go tool connvet ./...",
}

// TestGoTool runs connvet the `go tool` way in a scratch module: go get
// -tool, then go tool connvet ./..., which must report a request without
// a timeout and exit with connvet's status 3.
//
// The scratch module requires github.com/connvet/connvet at a placeholder
// pseudo-version replaced by this checkout. run sets GOPROXY=off: every
// module comes from the module cache, and go get does not ask the proxy
// about github.com/connvet/connvet, which this checkout is not published as.
func TestGoTool(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	for _, doc := range []string{"README.md", filepath.Join("docs", "install.md")} {
		data, err := os.ReadFile(filepath.Join(root, doc))
		require.NoError(t, err)
		for _, c := range goToolCommands {
			assert.True(t, strings.Contains(string(data), c), "%s must show the command this test runs: %s", doc, c)
		}
	}

	dir := t.TempDir()
	gomod := "module example.com/scratch\n\ngo 1.26\n\n" +
		"require github.com/connvet/connvet v0.0.0-00010101000000-000000000000\n\n" +
		"replace github.com/connvet/connvet => " + root + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "fetch.go"), []byte(`// Package scratch fetches URLs.
package scratch

import (
	"io"
	"net/http"
)

// Fetch reads url.
func Fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	return io.ReadAll(resp.Body)
}
`), 0o644))

	goCmd := func(command string, extra ...string) result {
		args := append(strings.Fields(command), extra...)
		return run(t, dir, args[0], args[1:]...)
	}
	r := goCmd(goToolCommands[0])
	require.Equal(t, 0, r.code, "%s\n%s", goToolCommands[0], r.stderr)
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	assert.Contains(t, string(data), "\ntool github.com/connvet/connvet/cmd/connvet\n")

	r = goCmd(goToolCommands[1])
	assert.Equal(t, 3, r.code, "go tool passes connvet's exit status on\n%s", r.stderr)
	assert.Contains(t, r.stderr, "fetch.go:11:15: http.Get uses http.DefaultClient, which has no Timeout")

	r = goCmd("go tool connvet -dialtimeout=false ./...")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
}
