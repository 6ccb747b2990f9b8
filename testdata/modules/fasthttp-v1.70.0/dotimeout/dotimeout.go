// Package dotimeout exercises the dotimeout check against real fasthttp
// v1.70.0, where DoTimeout sets connection deadlines but GetTimeout,
// pipelined clients and Do without a deadline still hold connections.
package dotimeout

import (
	"time"

	"github.com/valyala/fasthttp"
)

var client = &fasthttp.Client{MaxConnsPerHost: 100} // want `client client has no ReadTimeout: GetTimeout returns at the timeout but the request keeps running on its connection; once the pool \(100 per host\) is full` `client client has no ReadTimeout and the request no deadline: Do`

// Silent: since v1.39.0 DoTimeout closes the connection on timeout.
func doTimeout(req *fasthttp.Request, resp *fasthttp.Response) error {
	return client.DoTimeout(req, resp, time.Second)
}

func doDeadline(req *fasthttp.Request, resp *fasthttp.Response) error {
	hc := &fasthttp.HostClient{Addr: "backend:8080"}
	return hc.DoDeadline(req, resp, time.Now().Add(time.Second))
}

func packageDoTimeout(req *fasthttp.Request, resp *fasthttp.Response) error {
	return fasthttp.DoTimeout(req, resp, time.Second)
}

func lb(req *fasthttp.Request, resp *fasthttp.Response) error {
	c := &fasthttp.LBClient{Clients: []fasthttp.BalancingClient{&fasthttp.HostClient{Addr: "a:80"}}}
	return c.DoTimeout(req, resp, time.Second)
}

// Flagged on every version.
func getTimeout(url string) {
	client.GetTimeout(nil, url, time.Second)
}

func packageGetTimeout(url string) {
	fasthttp.GetTimeout(nil, url, time.Second) // want `fasthttp.GetTimeout uses the default client`
}

func pipeline(req *fasthttp.Request, resp *fasthttp.Response) error {
	pc := &fasthttp.PipelineClient{Addr: "backend:8080"}
	return pc.DoTimeout(req, resp, time.Second) // want `pipeline client pc has no ReadTimeout: DoTimeout`
}

func do() error {
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("http://backend:8080/")
	return client.Do(req, resp)
}

// Silent: Request.SetTimeout (v1.42.0+) is a deadline.
func doWithRequestTimeout() error {
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	req.SetRequestURI("http://backend:8080/")
	req.SetTimeout(time.Second)
	return client.Do(req, nil)
}

// Silent: ReadTimeout set after construction.
var tuned fasthttp.Client

func init() {
	tuned.ReadTimeout = 3 * time.Second
	tuned.WriteTimeout = 3 * time.Second
}

func tunedGet(url string) {
	tuned.GetTimeout(nil, url, time.Second)
	tuned.Get(nil, url)
}
