package golangci_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// GolangciLintVersion is the golangci-lint release the plugin is built into
// and tested with.
const GolangciLintVersion = "v2.15.0"

var (
	buildOnce sync.Once
	gclBinary string
	buildErr  error
)

func repoRoot(t *testing.T) string {
	_, file, _, ok := runtime.Caller(0)
	require.True(t, ok)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

func goCmd(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go %s\n%s", strings.Join(args, " "), out)
	return out
}

// golangciLint builds golangci-lint with the connvet plugin compiled in,
// the way `golangci-lint custom` does (its main package plus one blank
// import), but from the module proxy instead of a git clone.
func golangciLint(t *testing.T) string {
	buildOnce.Do(func() {
		buildErr = assert.AnError // cleared once the build succeeds
		dir, err := os.MkdirTemp("", "connvet-golangci")
		if err != nil {
			buildErr = err
			return
		}
		start := time.Now()
		root, err := filepath.Abs(repoRoot(t))
		require.NoError(t, err)
		var mod struct{ Dir string }
		out := goCmd(t, dir, "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@"+GolangciLintVersion)
		require.NoError(t, json.Unmarshal(out, &mod))
		for _, f := range []string{"main.go", "plugins.go"} {
			src, err := os.ReadFile(filepath.Join(mod.Dir, "cmd", "golangci-lint", f))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, f), src, 0o644))
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, "connvet.go"),
			[]byte("package main\n\nimport _ \"github.com/connvet/connvet/analyzers/golangci\"\n"), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module custom-gcl\n\ngo 1.26\n\n"+
			"require (\n\tgithub.com/golangci/golangci-lint/v2 "+GolangciLintVersion+"\n\tgithub.com/connvet/connvet v0.0.0\n)\n\n"+
			"replace github.com/connvet/connvet => "+root+"\n"), 0o644))
		goCmd(t, dir, "mod", "tidy")
		gclBinary = filepath.Join(dir, "golangci-lint")
		goCmd(t, dir, "build", "-o", gclBinary, ".")
		buildErr = nil
		t.Logf("built golangci-lint %s with connvet in %s", GolangciLintVersion, time.Since(start).Round(time.Second))
	})
	require.NoError(t, buildErr)
	return gclBinary
}

const config = `version: "2"
linters:
  default: none
  enable:
    - connvet
  settings:
    custom:
      connvet:
        type: module
        description: HTTP connection-lifecycle checks
        original-url: github.com/connvet/connvet
        settings:
          disable: [%s]
`

func project(t *testing.T, disable string) string {
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join(repoRoot(t), "testdata", "e2e"))))
	goCmd(t, dir, "mod", "download")
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(strings.Replace(config, "%s", disable, 1)), 0o644))
	return dir
}

func runLint(t *testing.T, bin, dir string, args ...string) (string, int) {
	cmd := exec.Command(bin, append([]string{"run"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else {
		require.NoError(t, err, "%s", out)
	}
	return string(out), code
}

// TestGolangciLint runs the real golangci-lint with the plugin: findings,
// a disabled check, and --fix. It builds golangci-lint (minutes), so it
// runs when CONNVET_SLOW=1, as in .ci/run.
func TestGolangciLint(t *testing.T) {
	if os.Getenv("CONNVET_SLOW") != "1" {
		t.Skip("builds golangci-lint; set CONNVET_SLOW=1 (.ci/run does)")
	}
	bin := golangciLint(t)

	dir := project(t, "")
	out, code := runLint(t, bin, dir, "./...")
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "client a.Client has no ReadTimeout")
	assert.Contains(t, out, "client c has no ReadTimeout")
	assert.Contains(t, out, "(connvet)")

	dir = project(t, "dotimeout")
	out, code = runLint(t, bin, dir, "./...")
	assert.Equal(t, 0, code, out)
	assert.NotContains(t, out, "ReadTimeout")

	dir = project(t, "")
	out, _ = runLint(t, bin, dir, "--fix", "./...")
	fixed, err := os.ReadFile(filepath.Join(dir, "b", "b.go"))
	require.NoError(t, err)
	original, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "e2e", "b", "b.go"))
	require.NoError(t, err)
	// The whole file: exactly the one suggested edit, nothing else.
	want := strings.Replace(string(original), "c := &fasthttp.Client{}", "c := &fasthttp.Client{ReadTimeout: time.Second}", 1)
	require.NotEqual(t, string(original), want)
	assert.Equal(t, want, string(fixed), out)
	goCmd(t, dir, "build", "./...")
}
