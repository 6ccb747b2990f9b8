// Package timeouts holds the start-up code of several services: public
// APIs, admin ports, fasthttp frontends and test fixtures.
package timeouts

import (
	"crypto/tls"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	_ "net/http/pprof"
	"time"

	"github.com/valyala/fasthttp"

	"blind/server/internal/wire"
)

// ---------------------------------------------------------------------------
// SHAPE: http.ListenAndServe on all interfaces with a ServeMux
func RunPublic(mux *http.ServeMux) error {
	log.Printf("listening on :8080")
	return http.ListenAndServe(":8080", mux) // BUG: servertimeout
}

// ---------------------------------------------------------------------------
// SHAPE: http.Server literal with only WriteTimeout
func RunUploads(addr string, h http.Handler) error {
	srv := &http.Server{ // BUG: servertimeout
		Addr:         addr,
		Handler:      h,
		WriteTimeout: 10 * time.Minute,
	}
	return srv.ListenAndServe()
}

// ---------------------------------------------------------------------------
// SHAPE: http.Serve on a net.Listen("tcp", ...) listener bound to all interfaces
func RunOnPort(port int, h http.Handler) error {
	ln, err := net.Listen("tcp", fmt.Sprintf("0.0.0.0:%d", port))
	if err != nil {
		return err
	}
	defer ln.Close()
	return http.Serve(ln, h) // BUG: servertimeout
}

// ---------------------------------------------------------------------------
// SHAPE: fasthttp.ListenAndServe package function
func RunFastFrontend(h fasthttp.RequestHandler) error {
	return fasthttp.ListenAndServe(":8081", h) // BUG: servertimeout
}

// ---------------------------------------------------------------------------
// SHAPE: fasthttp.Server literal with name and body limit but no timeouts
func RunFastAPI(addr string, h fasthttp.RequestHandler) error {
	s := &fasthttp.Server{ // BUG: servertimeout
		Handler:            h,
		Name:               "api",
		MaxRequestBodySize: 4 << 20,
		Concurrency:        4096,
	}
	return s.ListenAndServe(addr)
}

// ---------------------------------------------------------------------------
// SHAPE: http.Server with IdleTimeout only: nothing bounds reading the request header (slowloris)
func RunWebhooks(addr string, h http.Handler) error {
	srv := &http.Server{ // BUG: servertimeout
		Addr:        addr,
		Handler:     h,
		IdleTimeout: 2 * time.Minute,
	}
	log.Printf("webhooks on %s", addr)
	return srv.ListenAndServe()
}

// ---------------------------------------------------------------------------
// SHAPE: http.ListenAndServeTLS with the default mux
func RunTLS(addr, cert, key string) error {
	http.HandleFunc("/ping", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("pong")) })
	return http.ListenAndServeTLS(addr, cert, key, nil) // BUG: servertimeout
}

// ---------------------------------------------------------------------------
// CLEAN: servertimeout pprof debug listener bound to localhost only
func StartDebug() {
	go func() {
		log.Println(http.ListenAndServe("localhost:6060", nil)) // NAIVE: servertimeout
	}()
}

// ---------------------------------------------------------------------------
// CLEAN: servertimeout metrics server bound to 127.0.0.1, scraped by the local agent only
func StartMetrics(h http.Handler) *http.Server {
	srv := &http.Server{Addr: "127.0.0.1:9090", Handler: h} // NAIVE: servertimeout
	go func() {
		if err := srv.ListenAndServe(); err != http.ErrServerClosed {
			log.Printf("metrics: %v", err)
		}
	}()
	return srv
}

// ---------------------------------------------------------------------------
// CLEAN: servertimeout httptest.Server fixture on a loopback listener; its Config is an http.Server literal
func NewTLSFixture(h http.Handler) (*httptest.Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	ts := &httptest.Server{
		Listener:    ln,
		Config:      &http.Server{Handler: h}, // NAIVE: servertimeout
		EnableHTTP2: true,
	}
	ts.StartTLS()
	return ts, nil
}

// ---------------------------------------------------------------------------
// CLEAN: servertimeout timeouts applied by wire.ApplyTimeouts (other package) before serving
func RunAdmin(addr string, h http.Handler) error {
	srv := &http.Server{Addr: addr, Handler: h} // NAIVE: servertimeout
	wire.ApplyTimeouts(srv, wire.DefaultTimeouts)
	return srv.ListenAndServe()
}

// ---------------------------------------------------------------------------
// CLEAN: servertimeout fasthttp.Server with ReadTimeout, which bounds both the header read and idle keep-alive
func RunFastStatic(addr string, h fasthttp.RequestHandler) error {
	s := &fasthttp.Server{ // NAIVE: servertimeout
		Handler:     h,
		Name:        "static",
		ReadTimeout: 30 * time.Second,
	}
	return s.ListenAndServe(addr)
}

// ---------------------------------------------------------------------------
// CLEAN: servertimeout timeout fields assigned after the literal, before Serve
func RunGRPCGateway(ln net.Listener, h http.Handler, cfg *tls.Config) error {
	srv := &http.Server{Handler: h, TLSConfig: cfg} // NAIVE: servertimeout
	srv.ReadHeaderTimeout = 10 * time.Second
	srv.IdleTimeout = 5 * time.Minute
	return srv.ServeTLS(ln, "", "")
}
