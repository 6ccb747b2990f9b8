// Package methodvalue holds requests made through method values kept in
// variables and fields: the call is judged as a call of the method on the
// receiver the value was taken from.
package methodvalue

import (
	"time"

	"github.com/valyala/fasthttp"
)

type getFunc func(dst []byte, url string, t time.Duration) (int, []byte, error)

type doFunc func(req *fasthttp.Request, resp *fasthttp.Response) error

// A method value bound to a local and called later.
func boundLocal(url string) {
	c := &fasthttp.Client{}
	get := c.GetTimeout
	get(nil, url, time.Second) // want `client c has no ReadTimeout: GetTimeout`
}

// Declared first, assigned later: followed like :=.
func declaredThenAssigned(url string) {
	hc := &fasthttp.HostClient{Addr: "api:443"}
	var get getFunc
	get = hc.GetTimeout
	get(nil, url, time.Second) // want `client hc has no ReadTimeout: GetTimeout`
}

// An unexported field holding a method value, set by a constructor.
type fetcher struct {
	get getFunc
}

func newFetcher() *fetcher {
	hc := &fasthttp.HostClient{Addr: "api:443"} // want `client hc has no ReadTimeout: GetTimeout`
	return &fetcher{get: hc.GetTimeout}
}

func (f *fetcher) fetch(url string) {
	f.get(nil, url, time.Second)
}

// Do through a method value, on a request nothing gives a deadline.
func doLater(url string) error {
	c := &fasthttp.Client{}
	do := c.Do
	req := fasthttp.AcquireRequest()
	req.SetRequestURI(url)
	return do(req, fasthttp.AcquireResponse()) // want `client c has no ReadTimeout and the request no deadline: Do`
}

// A package function kept in a variable uses the default client.
func packageFunc(url string) {
	get := fasthttp.GetTimeout
	get(nil, url, time.Second) // want `fasthttp.GetTimeout uses the default client`
}

// The same method value stored from two places with the same receiver kind.
type poller struct {
	do doFunc
}

func newPoller(primary bool) *poller {
	p := &poller{}
	if primary {
		c := &fasthttp.Client{MaxConnsPerHost: 8}
		p.do = c.Do
	} else {
		c := &fasthttp.Client{MaxConnsPerHost: 8}
		p.do = c.Do
	}
	return p
}

func (p *poller) poll(url string) error {
	req := fasthttp.AcquireRequest()
	req.SetRequestURI(url)
	return p.do(req, fasthttp.AcquireResponse()) // silent: two receivers, reported only when one is in sight
}

// Silent: the client has a ReadTimeout.
func boundedClient(url string) {
	c := &fasthttp.Client{ReadTimeout: 5 * time.Second}
	get := c.GetTimeout
	get(nil, url, time.Second)
}

// Silent: the variable also holds a function that is not a method value.
func mixed(url string, fallback bool) {
	c := &fasthttp.Client{}
	get := getFunc(c.GetTimeout)
	if fallback {
		get = func(dst []byte, url string, t time.Duration) (int, []byte, error) { return 0, nil, nil }
	}
	get(nil, url, time.Second)
}

// Silent: an exported field may be set by other packages.
type Fetcher struct {
	Get getFunc
}

func (f *Fetcher) Fetch(url string) {
	f.Get(nil, url, time.Second)
}

func NewFetcher() *Fetcher {
	return &Fetcher{Get: (&fasthttp.Client{}).GetTimeout}
}

// Silent: a function from the caller.
func viaParam(get getFunc, url string) {
	get(nil, url, time.Second)
}

// Silent: the receiver is the caller's client.
func callerClient(c *fasthttp.Client, url string) {
	get := c.GetTimeout
	get(nil, url, time.Second)
}

// Silent: the request gets a deadline before it is sent.
func requestDeadline(url string) error {
	c := &fasthttp.Client{}
	do := c.Do
	req := fasthttp.AcquireRequest()
	req.SetRequestURI(url)
	req.SetTimeout(time.Second)
	return do(req, fasthttp.AcquireResponse())
}

// Silent: the request comes from the caller.
func callerRequest(req *fasthttp.Request) error {
	c := &fasthttp.Client{}
	do := c.Do
	return do(req, fasthttp.AcquireResponse())
}
