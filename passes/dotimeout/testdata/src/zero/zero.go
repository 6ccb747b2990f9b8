package zero

import (
	"time"

	"github.com/valyala/fasthttp"
)

// An explicit zero ReadTimeout is no timeout: reported, and the fix
// replaces the zero instead of adding a second ReadTimeout key.
func explicitZero(url string) {
	c := &fasthttp.Client{ReadTimeout: 0}
	c.GetTimeout(nil, url, 2*time.Second) // want `client c has no ReadTimeout`
}

// A negative value, in a multi-line literal.
func negative(url string) {
	c := &fasthttp.HostClient{
		Addr:        "a:80",
		ReadTimeout: -1,
		MaxConns:    8,
	}
	c.GetTimeout(nil, url, 5*time.Second) // want `client c has no ReadTimeout`
}

// A typed zero constant.
func typedZero(url string) {
	c := fasthttp.Client{Name: "z", ReadTimeout: time.Duration(0)}
	req := fasthttp.AcquireRequest()
	_ = c.Do(req, nil) // want `client c has no ReadTimeout and the request no deadline`
}

// Zero in one literal, missing in the other: both are fixed.
func twoLiterals(url string, fast bool) {
	c := &fasthttp.Client{}
	if fast {
		c = &fasthttp.Client{ReadTimeout: 0}
	}
	c.GetTimeout(nil, url, time.Second) // want `client c has no ReadTimeout`
}

// An assignment also sets ReadTimeout to zero: a fix in the literal would
// be undone by it, so none is offered.
func assigned(url string) {
	c := &fasthttp.Client{ReadTimeout: 0}
	c.ReadTimeout = 0
	c.GetTimeout(nil, url, time.Second) // want `client c has no ReadTimeout`
}

// A positional literal cannot take a keyed field: no fix.
func positional(url string) {
	c := &fasthttp.HostClient{"a:80", 0, 8}
	c.GetTimeout(nil, url, time.Second) // want `client c has no ReadTimeout`
}

// A positive constant or a variable is a timeout: silent.
func positive(url string, d time.Duration) {
	c := &fasthttp.Client{ReadTimeout: 5 * time.Second}
	c.GetTimeout(nil, url, time.Second)
	h := &fasthttp.HostClient{Addr: "a:80", ReadTimeout: d}
	h.GetTimeout(nil, url, time.Second)
}
