package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCorpusList(t *testing.T) {
	mods, err := Corpus()
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(mods), 20, "issue 7 asks for at least 20 modules")
	seen := map[string]bool{}
	quick := 0
	for _, m := range mods {
		assert.False(t, seen[m.Path], "listed twice: %s", m.Path)
		seen[m.Path] = true
		assert.Regexp(t, `^v\d+\.\d+\.\d+`, m.Version, m.Path)
		if m.Quick {
			quick++
		}
	}
	assert.Positive(t, quick, "no module marked quick")
}

// TestQuickCorpus runs the quick corpus (network: the module proxy), with
// -fixcheck. It runs only with CONNVET_CORPUS=1 (or CONNVET_SLOW=1):
//
//	cd bench && CONNVET_CORPUS=1 go test -run TestQuickCorpus -v ./cmd/connvet-corpus/
func TestQuickCorpus(t *testing.T) {
	if os.Getenv("CONNVET_CORPUS") != "1" && os.Getenv("CONNVET_SLOW") != "1" {
		t.Skip("set CONNVET_SLOW=1 (or CONNVET_CORPUS=1) to run connvet over the quick corpus")
	}
	rep, err := Run(Config{Quick: true, FixCheck: true, Out: t.TempDir(), Timeout: defaultTimeout}, io.Discard)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Modules)
	for _, r := range rep.Modules {
		assert.Empty(t, r.Setup, r.Module)
		assert.Positive(t, r.Packages, r.Module)
		assert.Empty(t, r.Crashes, r.Module)
		assert.Empty(t, r.FixBrokenPkgs, r.Module)
		if assert.NotNil(t, r.FixCheck, r.Module) {
			fc := r.FixCheck
			t.Logf("%s: fixcheck %s (%.1fs, %.0f MiB)", r.Module, fc.Summary(), fc.Wall, fc.PeakRSSMiB)
			assert.Empty(t, fc.Error, r.Module)
			assert.Empty(t, fc.Failures, r.Module)
			assert.Equal(t, fc.JSONFixes, fc.Total.Fixes, "%s: fixcheck tries every fix connvet -json reports", r.Module)
		}
	}
	assert.False(t, rep.Failed())
}

// A module zip leaves out nested modules: a replacement by a directory the
// copy does not hold is dropped, one it holds and one by a module version
// are kept.
func TestDropMissingReplaces(t *testing.T) {
	dir := t.TempDir()
	gomod := `module example.com/m

go 1.22

require (
	example.com/m/gone v1.0.0
	example.com/m/here v1.0.0
	example.com/other v1.0.0
	example.com/pinned v1.0.0
)

replace example.com/m/gone => ./gone

replace example.com/m/here => ./here

replace example.com/other => ../outside

replace example.com/pinned v1.0.0 => example.com/fork v1.2.0
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "here"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "here", "go.mod"), []byte("module example.com/m/here\n"), 0o644))
	require.NoError(t, dropMissingReplaces(dir))
	got, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	assert.NotContains(t, string(got), "./gone")
	assert.NotContains(t, string(got), "../outside")
	assert.Contains(t, string(got), "example.com/m/here => ./here")
	assert.Contains(t, string(got), "example.com/pinned v1.0.0 => example.com/fork v1.2.0")
	assert.Contains(t, string(got), "example.com/m/gone v1.0.0", "the requirement stays")

	// No go.mod: nothing to do.
	require.NoError(t, dropMissingReplaces(t.TempDir()))
}
