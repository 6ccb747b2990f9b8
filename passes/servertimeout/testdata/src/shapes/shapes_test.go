package shapes

import (
	"net"
	"net/http"
	"testing"
)

// Silent: in a test the listener from a helper is the test's own.
func serveOn(t *testing.T, ln net.Listener) {
	srv := &http.Server{Handler: mux}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	go func() { _ = http.Serve(ln, mux) }()
}

// Silent: a test server kept for the test's life is never served here.
type fixture struct{ srv *http.Server }

func newFixture() *fixture { return &fixture{srv: &http.Server{Handler: mux}} }

// Silent: a test's server on an address it computed from its own listener.
func serveOnComputedAddr(t *testing.T, ln net.Listener) {
	addr := ln.Addr().String()
	ln.Close()
	s := &http.Server{Addr: addr}
	go func() { _ = s.ListenAndServe() }()
	t.Cleanup(func() { _ = s.Close() })
}
