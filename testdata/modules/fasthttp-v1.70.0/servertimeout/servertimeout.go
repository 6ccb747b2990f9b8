// Package servertimeout exercises the servertimeout check on real fasthttp.
package servertimeout

import (
	"time"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttputil"
)

func handler(ctx *fasthttp.RequestCtx) {}

func bare() error {
	s := &fasthttp.Server{Handler: handler, Name: "api"} // want `fasthttp server s has neither ReadTimeout nor IdleTimeout: slow requests and idle keep-alive connections hold their connections forever`
	return s.ListenAndServe(":8080")
}

func packageLevel() error {
	return fasthttp.ListenAndServe(":8080", handler) // want `fasthttp.ListenAndServe builds a Server with neither ReadTimeout nor IdleTimeout`
}

// Explicit zeros are no timeouts: reported, and the fix replaces them.
func zeros() error {
	s := &fasthttp.Server{Handler: handler, ReadTimeout: 0, IdleTimeout: 0} // want `fasthttp server s has neither ReadTimeout nor IdleTimeout`
	return s.ListenAndServe(":8080")
}

// A negative IdleTimeout is replaced, the missing ReadTimeout added.
func negativeIdle() error {
	s := &fasthttp.Server{ // want `fasthttp server s has neither ReadTimeout nor IdleTimeout`
		Handler:     handler,
		IdleTimeout: -1,
	}
	return s.ListenAndServe(":8080")
}

// Silent: a positive IdleTimeout next to a zero ReadTimeout.
func positiveIdle() error {
	s := &fasthttp.Server{Handler: handler, ReadTimeout: 0, IdleTimeout: time.Minute}
	return s.ListenAndServe(":8080")
}

// Silent: ReadTimeout set.
func bounded() error {
	s := &fasthttp.Server{Handler: handler, ReadTimeout: 10 * time.Second}
	return s.ListenAndServe(":8080")
}

// Silent: IdleTimeout set after the literal.
func idleLater() error {
	s := &fasthttp.Server{Handler: handler}
	s.IdleTimeout = time.Minute
	return s.ListenAndServe(":8080")
}

// Silent: a loopback debug listener.
func debug() error {
	return fasthttp.ListenAndServe("127.0.0.1:6060", handler)
}

// Silent: an in-memory listener has no network clients (corpus: fasthttp's
// own tests), also when served from a goroutine.
func inmemory() error {
	s := &fasthttp.Server{Handler: handler}
	ln := fasthttputil.NewInmemoryListener()
	go func() {
		_ = s.Serve(ln)
	}()
	return s.Serve(ln)
}
