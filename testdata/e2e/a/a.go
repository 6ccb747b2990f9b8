// Package a builds fasthttp clients; package b uses them.
package a

import "github.com/valyala/fasthttp"

// Client has no ReadTimeout.
var Client = &fasthttp.Client{}

// last keeps the client New made last, so that a caller dropping it is
// no per-call pool for unboundedpool (this fixture is about dotimeout).
var last *fasthttp.Client

// New returns a client without ReadTimeout.
func New() *fasthttp.Client {
	last = &fasthttp.Client{}
	return last
}
