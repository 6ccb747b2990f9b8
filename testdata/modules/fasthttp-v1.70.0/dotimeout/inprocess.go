package dotimeout

import (
	"net"
	"time"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttputil"
)

// Silent: fasthttputil's in-memory listener serves the HostClient; the
// peer is this process (-dotimeout.inprocess reports it).
func inMemory(h fasthttp.RequestHandler, url string) {
	ln := fasthttputil.NewInmemoryListener()
	go fasthttp.Serve(ln, h)
	hc := &fasthttp.HostClient{
		Addr: "memory",
		Dial: func(string) (net.Conn, error) { return ln.Dial() },
	}
	hc.GetTimeout(nil, url, time.Second)
}

// Flagged: the hook dials the address it is given.
func dialsAddr(url string) {
	hc := &fasthttp.HostClient{
		Addr: "backend:8080",
		Dial: func(addr string) (net.Conn, error) { return fasthttp.Dial(addr) },
	}
	hc.GetTimeout(nil, url, time.Second) // want `client hc has no ReadTimeout: GetTimeout`
}
