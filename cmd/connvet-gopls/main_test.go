package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkoutCommand is how README.md and docs/editors.md tell users to build
// connvet-gopls from a checkout; TestGopls runs exactly this.
const checkoutCommand = "go run ./cmd/connvet-gopls -o ~/bin/connvet-gopls"

// TestGopls builds gopls with connvet compiled in, with the documented
// command, and drives it from the command line as an editor would: diagnostics from `gopls check`, the
// suggested fix from a quick-fix code action. It takes about a minute,
// so it runs when CONNVET_SLOW=1, as in .ci/run.
func TestGopls(t *testing.T) {
	if os.Getenv("CONNVET_SLOW") != "1" {
		t.Skip("builds gopls; set CONNVET_SLOW=1 (.ci/run does)")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	bin := filepath.Join(t.TempDir(), "connvet-gopls")

	// Run the documented command from the checkout's root, as a user does.
	for _, doc := range []string{"README.md", filepath.Join("docs", "editors.md")} {
		data, err := os.ReadFile(filepath.Join(root, doc))
		require.NoError(t, err)
		require.Contains(t, string(data), checkoutCommand, "%s must show the command this test runs", doc)
	}
	args := strings.Fields(strings.ReplaceAll(checkoutCommand, "~/bin/connvet-gopls", bin))
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = root
	start := time.Now()
	built, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", built)
	t.Logf("%s: %s in %s", checkoutCommand, strings.TrimSpace(string(built)), time.Since(start).Round(time.Second))
	assert.Contains(t, string(built), "with connvet from checkout "+root, "builds from the checkout without -connvet")

	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join(root, "testdata", "e2e"))))
	_, err = goCmd(dir, "mod", "download")
	require.NoError(t, err)

	gopls := func(args ...string) string {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			require.NoError(t, err)
		}
		return string(out)
	}
	out := gopls("check", "b/b.go")
	assert.Contains(t, out, "b/b.go:13:18-60: client a.Client has no ReadTimeout", "facts flow between packages in gopls too")
	assert.Contains(t, out, "b/b.go:20:15-50: client c has no ReadTimeout")

	out = gopls("codeaction", "-kind=quickfix", "-exec", "-diff", "b/b.go:20:15")
	assert.Contains(t, out, "+\tc := &fasthttp.Client{ReadTimeout: time.Second}")
	assert.True(t, strings.Contains(out, "-\tc := &fasthttp.Client{}"), out)
}
