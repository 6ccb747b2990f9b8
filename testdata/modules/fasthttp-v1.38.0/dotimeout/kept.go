package dotimeout

import (
	"time"

	"github.com/valyala/fasthttp"
)

// Flagged: a pipeline client kept by a constructor, with no request in
// sight: callers' requests stay queued on a silent connection.
func NewPipeline(addr string) *fasthttp.PipelineClient {
	return &fasthttp.PipelineClient{ // want `pipeline client built here has no ReadTimeout`
		Addr:               addr,
		MaxConns:           4,
		MaxPendingRequests: 256,
	}
}

// Flagged: kept in a package variable.
var shard = &fasthttp.PipelineClient{Addr: "shard:9000"} // want `pipeline client built here has no ReadTimeout`

// Silent: ReadTimeout bounds every request.
func NewBoundedPipeline(addr string) *fasthttp.PipelineClient {
	return &fasthttp.PipelineClient{Addr: addr, ReadTimeout: 5 * time.Second}
}

// Silent: the caller in this package sets ReadTimeout.
func newTuned(addr string) *fasthttp.PipelineClient {
	return &fasthttp.PipelineClient{Addr: addr}
}

func Tuned() *fasthttp.PipelineClient {
	pc := newTuned("backend:80")
	pc.ReadTimeout = time.Second
	return pc
}

// Silent: not kept beyond the function.
func oneOff() int {
	pc := &fasthttp.PipelineClient{Addr: "x:1"}
	return pc.PendingRequests()
}
