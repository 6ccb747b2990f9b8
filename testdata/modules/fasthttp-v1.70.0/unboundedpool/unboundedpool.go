// Package unboundedpool exercises the unboundedpool check on real fasthttp.
package unboundedpool

import "github.com/valyala/fasthttp"

// Flagged: a client per request in a fasthttp handler.
func handler(ctx *fasthttp.RequestCtx) {
	c := &fasthttp.Client{Name: "per-request"} // want `a new fasthttp client is made per request and dropped without CloseIdleConnections`
	_, _, _ = c.Get(nil, "http://backend/")
}

// Flagged: a host client per call.
func fetch(url string) {
	hc := &fasthttp.HostClient{Addr: "backend:80"} // want `a new fasthttp client is made per call`
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
