// Package testmods locates connvet's module-mode test fixtures (modules
// under testdata/modules that require real library versions) and makes
// sure their dependencies are in the module cache before analysistest,
// which runs the go command with GOPROXY=off, loads them.
package testmods

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// Fasthttp138 and Fasthttp170 name the real fasthttp releases the
// fixtures pin: the last one before DoTimeout set connection deadlines, and
// a current one that resolves from the module proxy.
const (
	Fasthttp138 = "fasthttp-v1.38.0"
	Fasthttp170 = "fasthttp-v1.70.0"
)

// XNet062 names the fixture that pins real golang.org/x/net v0.62.0 (its
// http2 package), a current release that resolves from the module proxy.
// connvet's own module does not require x/net.
const XNet062 = "xnet-v0.62.0"

// Websocket names the fixture that pins gorilla/websocket, x/net's
// websocket, coder/websocket and nhooyr.io/websocket for wsheartbeat.
const Websocket = "websocket"

var downloads sync.Map // dir -> *download

type download struct {
	once sync.Once
	err  error
	out  []byte
}

// Dir returns the absolute path of fixture module name, with its
// dependencies downloaded (once per test binary).
func Dir(t testing.TB, name string) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testmods: cannot locate the repository")
	}
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "modules", name)
	v, _ := downloads.LoadOrStore(dir, new(download))
	d := v.(*download)
	d.once.Do(func() {
		cmd := exec.Command("go", "mod", "download")
		cmd.Dir = dir
		d.out, d.err = cmd.CombinedOutput()
	})
	if d.err != nil {
		t.Fatalf("testmods: go mod download in %s: %v\n%s", dir, d.err, d.out)
	}
	return dir
}

// Both lists the fasthttp fixtures, oldest first.
var Both = []string{Fasthttp138, Fasthttp170}
