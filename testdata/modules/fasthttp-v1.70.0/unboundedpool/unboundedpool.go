// Package unboundedpool exercises the unboundedpool check on real fasthttp.
package unboundedpool

import (
	"time"

	"github.com/valyala/fasthttp"
)

// Flagged: a client per request in a fasthttp handler.
func handler(ctx *fasthttp.RequestCtx) {
	c := &fasthttp.Client{Name: "per-request"} // want `a new fasthttp client is made per request and dropped without CloseIdleConnections: each keeps its idle connections open, with a goroutine that closes them, for 10s \(MaxIdleConnDuration's default\) after their last use; share one pool, or close c`
	_, _, _ = c.Get(nil, "http://backend/")
}

// Flagged: a host client per call.
func fetch(url string) {
	hc := &fasthttp.HostClient{Addr: "backend:80"} // want `a new fasthttp client is made per call`
	_, _, _ = hc.Get(nil, url)
}

// Flagged: the idle connections live for the client's MaxIdleConnDuration.
func fetchLong(url string) {
	hc := &fasthttp.HostClient{Addr: "backend:80", MaxIdleConnDuration: time.Minute} // want `a new fasthttp client is made per call and dropped without CloseIdleConnections: each keeps its idle connections open, with a goroutine that closes them, for MaxIdleConnDuration \(time.Minute\) after their last use`
	_, _, _ = hc.Get(nil, url)
}

// Silent: closed after use.
func closed(url string) {
	hc := &fasthttp.HostClient{Addr: "backend:80"}
	defer hc.CloseIdleConnections()
	_, _, _ = hc.Get(nil, url)
}

// Silent: shared.
var shared = &fasthttp.Client{}

func sharedUse(ctx *fasthttp.RequestCtx) {
	_, _, _ = shared.Get(nil, "http://backend/")
}
