// Package shapes holds server shapes from public code (issue 10): servers
// kept in fields, built by constructors, served in goroutines and method
// values, and package-level Serve on listeners the check cannot see.
package shapes

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"time"
)

var mux = http.NewServeMux()

// Flagged: a server kept in a field and served by another method.
type Daemon struct {
	srv *http.Server
	ln  net.Listener
}

func NewDaemon(addr string) *Daemon {
	return &Daemon{srv: &http.Server{Addr: addr, Handler: mux}} // want `server d.srv has no ReadHeaderTimeout, IdleTimeout or ReadTimeout`
}

func (d *Daemon) Start() {
	go func() { _ = d.srv.ListenAndServe() }()
}

func (d *Daemon) Stop(ctx context.Context) error { return d.srv.Shutdown(ctx) }

// Flagged: a constructor's server, served by callers out of sight.
func NewServer(addr string, h http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: h, ReadTimeout: 0} // want `server built here has no ReadHeaderTimeout, IdleTimeout or ReadTimeout`
}

// Flagged: served from a goroutine in a closure.
func serveInGoroutine(addr string) {
	srv := &http.Server{Addr: addr, ReadHeaderTimeout: 5 * time.Second} // want `server srv has neither IdleTimeout nor ReadTimeout`
	go func() {
		_ = srv.ListenAndServe()
	}()
}

// Flagged: served through a method value.
func serveMethodValue(run func(func() error)) {
	srv := &http.Server{Addr: ":8080"} // want `server srv has no ReadHeaderTimeout`
	run(srv.ListenAndServe)
}

// Flagged: one bound set only on one path still leaves the other missing.
func conditional(addr string, header time.Duration) {
	srv := &http.Server{Addr: addr} // want `server srv has neither IdleTimeout nor ReadTimeout`
	if header > 0 {
		srv.ReadHeaderTimeout = header
	}
	_ = srv.ListenAndServe()
}

// Flagged: a zero-value server in a package variable.
var admin http.Server // want `server admin has no ReadHeaderTimeout`

func serveAdmin() { admin.Addr = ":9000"; _ = admin.ListenAndServe() }

// Flagged: package-level Serve on a listener from a field, a parameter or
// another package: any of them may be a network listener.
func (d *Daemon) serveField() error {
	return http.Serve(d.ln, mux) // want `http.Serve builds a Server with no timeouts`
}

func serveWrapped(ln net.Listener) error {
	return http.Serve(limit(ln), mux) // want `http.Serve builds a Server with no timeouts`
}

func limit(ln net.Listener) net.Listener { return ln }

// Flagged: a server built in one function and served in another.
func build(addr string) *http.Server {
	return &http.Server{Addr: addr, IdleTimeout: time.Minute} // want `server srv has neither ReadHeaderTimeout nor ReadTimeout`
}

func buildAndServe() {
	srv := build(":8080")
	_ = srv.ListenAndServe()
}

// Silent: the caller configures what the constructor built.
func bareServer(addr string) *http.Server { return &http.Server{Addr: addr} }

func configuredByCaller() {
	srv := bareServer(":8080")
	srv.ReadHeaderTimeout = 10 * time.Second
	srv.IdleTimeout = 2 * time.Minute
	_ = srv.ListenAndServe()
}

// Silent: a helper of this package sets the timeouts.
func withTimeouts(s *http.Server) {
	s.ReadTimeout = 30 * time.Second
}

func configuredByHelper() {
	srv := &http.Server{Addr: ":8080"}
	withTimeouts(srv)
	_ = srv.ListenAndServe()
}

// Silent: handed to code that cannot be seen, which may configure it.
func handedOn(register func(*http.Server)) {
	srv := &http.Server{Addr: ":8080"}
	register(srv)
}

// Silent: a kept server on a loopback address.
type debug struct{ srv *http.Server }

func newDebug() *debug { return &debug{srv: &http.Server{Addr: "127.0.0.1:6060"}} }

func (d *debug) run() { _ = d.srv.ListenAndServe() }

// Silent: served only on a loopback listener.
func loopbackListener() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return
	}
	srv := &http.Server{}
	_ = srv.Serve(ln)
}

// Silent: served on a unix socket.
func unixSocket(path string) {
	ln, err := net.Listen("unix", path)
	if err != nil {
		return
	}
	_ = http.Serve(ln, mux)
}

// Silent: a server never served and not kept (only used to build a
// handler chain, say).
func unused() http.Handler {
	srv := &http.Server{Handler: mux}
	return srv.Handler
}

// Silent: a server stored in another package's struct is that package's
// to serve (here an in-process httptest server).
func tlsFixture(h http.Handler) *httptest.Server {
	ts := &httptest.Server{Config: &http.Server{Handler: h}, EnableHTTP2: true}
	ts.StartTLS()
	return ts
}

// Flagged: served by a literal called in place with the server as its
// argument (jaeger's serveZipkin before v1.38.0).
func serveInLiteral(addr string) (*http.Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	server := &http.Server{Addr: addr} // want `server s has no ReadHeaderTimeout`
	go func(ln net.Listener, s *http.Server) {
		_ = s.Serve(ln)
	}(ln, server)
	return server, nil
}

// Silent: the literal called in place sets the timeouts.
func configureInLiteral(addr string) *http.Server {
	server := &http.Server{Addr: addr}
	func(s *http.Server) {
		s.ReadTimeout = 30 * time.Second
	}(server)
	return server
}

// Silent: an unexported helper's server used only as configuration
// (x/net's h2c: a fallback for http2.ServeConnOpts.BaseConfig).
func fallbackServer(s *http.Server) *http.Server {
	if s != nil {
		return s
	}
	return new(http.Server)
}

func useFallback() string { return fallbackServer(nil).Addr }
