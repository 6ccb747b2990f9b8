package basic

import (
	"time"

	"github.com/valyala/fasthttp"
)

// GetTimeout leaks on every version.
func getTimeoutLiteral(url string) {
	c := &fasthttp.Client{}
	c.GetTimeout(nil, url, time.Second) // want `client c has no ReadTimeout: GetTimeout returns at the timeout but the request keeps running on its connection; once the pool \(512 per host\) is full, requests fail with "no free connections available to host"`
}

func getDeadline(url string) {
	c := &fasthttp.Client{Name: "x"}
	c.GetDeadline(nil, url, time.Now().Add(time.Second)) // want `client c has no ReadTimeout: GetDeadline`
}

// The pool size in the message follows the client's own limit.
func hostClientPool(url string) {
	hc := &fasthttp.HostClient{Addr: "example.com:80", MaxConns: 4}
	hc.GetTimeout(nil, url, time.Second) // want `client hc has no ReadTimeout: GetTimeout .*pool \(4 per host\)`
}

// DoTimeout is fine on a current fasthttp (this stub has FS.CompressRoot).
func doTimeoutCurrent(req *fasthttp.Request, resp *fasthttp.Response) {
	c := &fasthttp.Client{}
	_ = c.DoTimeout(req, resp, time.Second)
}

// Do without any deadline waits forever.
func doNoDeadline() {
	c := &fasthttp.Client{}
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	req.SetRequestURI("http://example.com/")
	_ = c.Do(req, resp) // want `client c has no ReadTimeout and the request no deadline: Do waits for as long as the server stays silent`
}

func getNoDeadline(url string) {
	var c fasthttp.Client
	c.Get(nil, url) // want `client c has no ReadTimeout and the request no deadline: Get`
}

func postNoDeadline(url string) {
	c := new(fasthttp.Client)
	c.Post(nil, url, nil) // want `client c has no ReadTimeout and the request no deadline: Post`
}

func doRedirects() {
	c := &fasthttp.Client{}
	var req fasthttp.Request
	var resp fasthttp.Response
	_ = c.DoRedirects(&req, &resp, 3) // want `client c has no ReadTimeout and the request no deadline: DoRedirects`
}

// A request deadline bounds Do.
func doWithRequestTimeout() {
	c := &fasthttp.Client{}
	req := fasthttp.AcquireRequest()
	req.SetTimeout(time.Second)
	_ = c.Do(req, nil)
}

// A request that comes from the caller may carry a deadline.
func doCallerRequest(req *fasthttp.Request) {
	c := &fasthttp.Client{}
	_ = c.Do(req, nil)
}

// A request handed to unknown code may get a deadline there.
func doPreparedRequest(prepare func(*fasthttp.Request)) {
	c := &fasthttp.Client{}
	req := fasthttp.AcquireRequest()
	prepare(req)
	_ = c.Do(req, nil)
}

// Pipelined clients queue the request.
func pipeline(req *fasthttp.Request) {
	pc := &fasthttp.PipelineClient{Addr: "example.com:80"}
	_ = pc.DoTimeout(req, nil, time.Second) // want `pipeline client pc has no ReadTimeout: DoTimeout returns at the timeout but the request stays queued on its connection; once MaxPendingRequests \(1024\) are queued, requests fail with ErrPipelineOverflow`
}

func pipelineDo() {
	pc := &fasthttp.PipelineClient{Addr: "example.com:80"}
	req := fasthttp.AcquireRequest()
	_ = pc.Do(req, nil) // want `pipeline client pc has no ReadTimeout and the request no deadline: Do`
}

func pipelineBounded(req *fasthttp.Request) {
	pc := &fasthttp.PipelineClient{Addr: "example.com:80", ReadTimeout: time.Second}
	_ = pc.DoTimeout(req, nil, time.Second)
}

// ReadTimeout in the literal.
func readTimeoutLiteral(url string) {
	c := &fasthttp.Client{ReadTimeout: 5 * time.Second}
	c.GetTimeout(nil, url, time.Second)
}

// ReadTimeout: 0 is no timeout.
func readTimeoutZero(url string) {
	c := &fasthttp.Client{ReadTimeout: 0}
	c.GetTimeout(nil, url, time.Second) // want `client c has no ReadTimeout`
}

// ReadTimeout assigned after the literal.
func assignedAfterLiteral(url string) {
	c := &fasthttp.Client{}
	c.ReadTimeout = time.Second
	c.GetTimeout(nil, url, time.Second)
}

// Clients we cannot see stay unreported.
func parameter(c *fasthttp.Client, url string) {
	c.GetTimeout(nil, url, time.Second)
}

type doer interface {
	GetTimeout(dst []byte, url string, t time.Duration) (int, []byte, error)
}

func viaInterface(d doer, url string) {
	d.GetTimeout(nil, url, time.Second)
}

// LBClient.Do always applies its Timeout.
func lbDo(req *fasthttp.Request) {
	lb := &fasthttp.LBClient{Clients: []fasthttp.BalancingClient{&fasthttp.HostClient{Addr: "a:80"}}}
	_ = lb.Do(req, nil)
}

// Package-level functions use a default client without ReadTimeout.
func packageLevel(url string) {
	fasthttp.GetTimeout(nil, url, time.Second) // want `fasthttp.GetTimeout uses the default client, which has no ReadTimeout: it returns at the timeout but the request keeps running on its connection`
	fasthttp.Get(nil, url)                     // want `fasthttp.Get uses the default client, which has no ReadTimeout: with no deadline it waits`
	req := fasthttp.AcquireRequest()
	_ = fasthttp.Do(req, nil) // want `fasthttp.Do uses the default client`
}

func packageLevelBounded(url string) {
	req := fasthttp.AcquireRequest()
	req.SetTimeout(time.Second)
	_ = fasthttp.Do(req, nil)
	_ = fasthttp.DoTimeout(req, nil, time.Second) // current fasthttp: fine
}

// Suppressed with a reason.
func suppressed(url string) {
	c := &fasthttp.Client{}
	//connvet:ignore dotimeout the peer is a local sidecar that always answers
	c.GetTimeout(nil, url, time.Second)
}
