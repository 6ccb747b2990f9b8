package fixes

import (
	"github.com/valyala/fasthttp"
	"time"
)

const timeout = 3 * time.Second

// The call's constant timeout is valid at the literal: the fix uses it.
func useConst(url string) {
	c := &fasthttp.Client{}
	c.GetTimeout(nil, url, timeout) // want `client c has no ReadTimeout`
}

// Multi-line literal.
func multiLine(url string) {
	c := &fasthttp.Client{
		Name:            "multi",
		MaxConnsPerHost: 16,
	}
	c.GetTimeout(nil, url, 2*time.Second) // want `client c has no ReadTimeout`
}

// A local timeout is not valid at a package-level literal: default value.
var pkgClient = &fasthttp.HostClient{Addr: "a:80"} // want `client pkgClient has no ReadTimeout`

func localTimeout(url string, d time.Duration) {
	pkgClient.GetTimeout(nil, url, d)
}

// Do has no timeout argument: default value.
func do(url string) {
	c := &fasthttp.Client{}
	req := fasthttp.AcquireRequest()
	_ = c.Do(req, nil) // want `client c has no ReadTimeout and the request no deadline`
}
