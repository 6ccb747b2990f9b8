// Package servertimeout exercises the servertimeout check on real fasthttp.
package servertimeout

import (
	"time"

	"github.com/valyala/fasthttp"
)

func handler(ctx *fasthttp.RequestCtx) {}

func bare() error {
	s := &fasthttp.Server{Handler: handler, Name: "api"} // want `fasthttp server s has neither ReadTimeout nor IdleTimeout: slow requests and idle keep-alive connections hold their connections forever`
	return s.ListenAndServe(":8080")
}

func packageLevel() error {
	return fasthttp.ListenAndServe(":8080", handler) // want `fasthttp.ListenAndServe builds a Server with neither ReadTimeout nor IdleTimeout`
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
