package dotimeout

import (
	"time"

	"github.com/valyala/fasthttp"
)

// A method value kept in a field and called per request.
type prober struct {
	get func(dst []byte, url string, timeout time.Duration) (int, []byte, error)
}

func newProber() *prober {
	hc := &fasthttp.HostClient{Addr: "upstream:80"} // want `client hc has no ReadTimeout: GetTimeout`
	return &prober{get: hc.GetTimeout}
}

func (p *prober) probe(url string) {
	p.get(nil, url, time.Second)
}

// Silent: the bound client has a ReadTimeout.
func boundedProbe(url string) {
	hc := &fasthttp.HostClient{Addr: "upstream:80", ReadTimeout: 5 * time.Second}
	get := hc.GetTimeout
	get(nil, url, time.Second)
}
