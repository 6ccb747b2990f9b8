// Package servertimeout defines an Analyzer that finds HTTP servers that
// keep slow or idle connections forever.
//
// # Analyzer servertimeout
//
// servertimeout: server keeps slow or idle connections open forever
//
// A net/http Server with no ReadHeaderTimeout and no ReadTimeout waits
// forever for a client that sends its request headers slowly (or not at
// all): each such client holds a connection and a goroutine. A Server with
// no IdleTimeout and no ReadTimeout never closes an idle keep-alive
// connection: IdleTimeout falls back to ReadTimeout only, so setting
// ReadHeaderTimeout alone still leaves idle connections open forever. The
// package-level http.ListenAndServe, ListenAndServeTLS, Serve and ServeTLS
// build a Server with every timeout zero.
//
// A fasthttp Server with neither ReadTimeout nor IdleTimeout keeps slow
// and idle connections open the same way; fasthttp.ListenAndServe and
// friends build a Server with only a Handler.
//
// The check follows each server value from where it is built (literals,
// new, zero values) through locals, fields, package variables,
// constructors and helpers, and reports it at its construction when a
// serve call on a network address or listener reaches it, or when it
// outlives the function that builds it, with the serve call as related
// information. Package-level ListenAndServe and Serve calls are reported
// at the call; a listener from a parameter or field counts as a network
// listener. Servers on a constant loopback address (localhost:6060,
// 127.0.0.1:8080, [::1]:80), on unix sockets or in-memory listeners,
// servers from httptest and servers handed to code the package cannot see
// are not reported. A server handed to another package's function whose
// summary (a fact) says it serves that parameter, such as a toolkit's
// ListenAndServe(srv, flags) or Serve(ln, srv), counts as served at the
// call, unless an argument of the call is a local listener or a loopback
// address; the fields such a function sets count as set.
//
// Bad:
//
//	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
//	log.Fatal(srv.ListenAndServe()) // idle keep-alive connections never close
//
// Good:
//
//	srv := &http.Server{Addr: ":8080", Handler: mux,
//		ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 120 * time.Second}
//
// The suggested fix adds the missing fields to the server's literal:
// ReadHeaderTimeout 10s, IdleTimeout 120s (net/http), ReadTimeout 30s and
// IdleTimeout 120s (fasthttp), and rewrites http.ListenAndServe(addr, h)
// into a configured http.Server.
package servertimeout
