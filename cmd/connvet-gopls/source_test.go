package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeMod(t *testing.T, dir, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(content), 0o644))
}

func TestFindCheckout(t *testing.T) {
	tmp := t.TempDir()
	root := filepath.Join(tmp, "connvet")
	writeMod(t, root, "module github.com/connvet/connvet\n\ngo 1.26.0\n")
	writeMod(t, filepath.Join(root, "bench"), "module github.com/connvet/connvet/bench\n")
	writeMod(t, filepath.Join(root, "testdata", "e2e"), "module example.com/e2e\n")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "cmd", "connvet-gopls"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "bench", "cmd", "connvet-corpus"), 0o755))
	writeMod(t, filepath.Join(tmp, "quoted"), "// a comment\nmodule \"github.com/connvet/connvet\" // quoted\n")
	writeMod(t, filepath.Join(tmp, "fork"), "module github.com/connvet/connvetx\n")
	writeMod(t, filepath.Join(tmp, "modulex"), "modulex github.com/connvet/connvet\n")
	require.NoError(t, os.MkdirAll(filepath.Join(tmp, "nomod", "sub"), 0o755))

	for _, tc := range []struct {
		dir, want string
	}{
		{root, root},
		{filepath.Join(root, "cmd", "connvet-gopls"), root},
		{filepath.Join(root, "bench"), root},                          // connvet's own nested module
		{filepath.Join(root, "bench", "cmd", "connvet-corpus"), root}, // and below it
		{filepath.Join(root, "testdata", "e2e"), ""},                  // another module inside the checkout
		{filepath.Join(tmp, "quoted"), filepath.Join(tmp, "quoted")},  // quoted path, comment
		{filepath.Join(tmp, "fork"), ""},                              // not connvet
		{filepath.Join(tmp, "modulex"), ""},                           // not a module line
		{filepath.Join(tmp, "nomod", "sub"), ""},                      // no go.mod up to /tmp's ancestors
	} {
		got, ok := FindCheckout(tc.dir)
		assert.Equal(t, tc.want != "", ok, tc.dir)
		assert.Equal(t, tc.want, got, tc.dir)
	}

	// This test runs in the repository: cmd/connvet-gopls of a checkout.
	wd, err := os.Getwd()
	require.NoError(t, err)
	got, ok := FindCheckout(wd)
	assert.True(t, ok)
	assert.Equal(t, filepath.Dir(filepath.Dir(wd)), got)
}

func TestChooseSource(t *testing.T) {
	tmp := t.TempDir()
	root := filepath.Join(tmp, "connvet")
	writeMod(t, root, "module github.com/connvet/connvet\n")
	sub := filepath.Join(root, "cmd", "connvet-gopls")
	require.NoError(t, os.MkdirAll(sub, 0o755))
	outside := filepath.Join(tmp, "elsewhere")
	writeMod(t, outside, "module example.com/elsewhere\n")

	devel := &debug.BuildInfo{Main: debug.Module{Path: connvetModule, Version: "(devel)"}}
	stamped := &debug.BuildInfo{
		Main:     debug.Module{Path: connvetModule, Version: "v0.1.1-0.20260101000000-0123456789ab+dirty"},
		Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123456789ab"}},
	}
	released := &debug.BuildInfo{Main: debug.Module{Path: connvetModule, Version: "v0.1.0"}}

	for _, tc := range []struct {
		name, flag, wd string
		bi             *debug.BuildInfo
		want           Source
	}{
		{"go run ./cmd/connvet-gopls in a checkout", "", sub, devel, Source{Dir: root}},
		{"VCS-stamped build in a checkout", "", root, stamped, Source{Dir: root}},
		{"no build info in a checkout", "", sub, nil, Source{Dir: root}},
		{"devel build outside a checkout", "", outside, devel, Source{Version: "latest"}},
		{"go run ...@v0.1.0 anywhere", "", sub, released, Source{Version: "v0.1.0"}},
		{"-connvet wins", root, outside, released, Source{Dir: root}},
		{"-connvet relative", "../..", sub, devel, Source{Dir: root}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ChooseSource(tc.flag, tc.wd, tc.bi)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}

	_, err := ChooseSource(sub, root, devel)
	assert.ErrorContains(t, err, "not the root of a connvet checkout")
	_, err = ChooseSource(outside, root, devel)
	assert.ErrorContains(t, err, "not the root of a connvet checkout")

	assert.Equal(t, "connvet from checkout /src/connvet", Source{Dir: "/src/connvet"}.String())
	assert.Equal(t, "connvet v0.1.0 from the module proxy", Source{Version: "v0.1.0"}.String())
}
