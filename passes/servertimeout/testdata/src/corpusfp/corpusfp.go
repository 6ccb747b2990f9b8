// Package corpusfp holds minimal reproducers of false positives that the
// corpus run (docs/results.md) found for servertimeout. Every case here is silent.
package corpusfp

import (
	"net"
	"net/http"
)

// oneConnListener is a test double: a listener that hands out one
// in-memory conn (net/http's own serve_test.go, 33 findings).
type oneConnListener struct{ conn net.Conn }

func (l *oneConnListener) Accept() (net.Conn, error) { return l.conn, nil }
func (l *oneConnListener) Close() error              { return nil }
func (l *oneConnListener) Addr() net.Addr            { return nil }

// Silent: no network client can reach a listener the package fakes.
func fake(conn net.Conn, h http.Handler) {
	ln := &oneConnListener{conn: conn}
	_ = http.Serve(ln, h)
}

// Silent: a constant loopback address through a local variable
// (valyala/fasthttp v1.70.0 server_example_test.go:29, with net/http here).
func loopbackVar(h http.Handler) error {
	listenAddr := "127.0.0.1:80"
	return http.ListenAndServe(listenAddr, h)
}
