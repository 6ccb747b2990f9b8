// Package dotimeout exercises the dotimeout check against real fasthttp
// v1.38.0, where DoTimeout still abandons a goroutine on its connection.
package dotimeout

import (
	"time"

	"github.com/valyala/fasthttp"
)

var client = &fasthttp.Client{MaxConnsPerHost: 100} // want `client client has no ReadTimeout: with fasthttp before v1.39.0, DoTimeout returns ErrTimeout but the request keeps its connection until the server answers; once the pool \(100 per host\) is full`

func doTimeout(req *fasthttp.Request, resp *fasthttp.Response) error {
	return client.DoTimeout(req, resp, time.Second)
}

func doDeadline(req *fasthttp.Request, resp *fasthttp.Response) error {
	hc := &fasthttp.HostClient{Addr: "backend:8080"}
	return hc.DoDeadline(req, resp, time.Now().Add(time.Second)) // want `client hc has no ReadTimeout: with fasthttp before v1.39.0, DoDeadline`
}

func packageDoTimeout(req *fasthttp.Request, resp *fasthttp.Response) error {
	return fasthttp.DoTimeout(req, resp, time.Second) // want `fasthttp.DoTimeout uses the default client, which has no ReadTimeout: with fasthttp before v1.39.0`
}

func lb(req *fasthttp.Request, resp *fasthttp.Response) error {
	c := &fasthttp.LBClient{Clients: []fasthttp.BalancingClient{
		&fasthttp.HostClient{Addr: "a:80"},
		&fasthttp.HostClient{Addr: "b:80"},
	}}
	return c.DoTimeout(req, resp, time.Second) // want `load-balanced client c has clients without ReadTimeout`
}

func getTimeout(url string) {
	c := &fasthttp.Client{}
	c.GetTimeout(nil, url, time.Second) // want `client c has no ReadTimeout: GetTimeout`
}

// Silent: ReadTimeout bounds the connection.
var bounded = &fasthttp.Client{ReadTimeout: 5 * time.Second}

func doTimeoutBounded(req *fasthttp.Request, resp *fasthttp.Response) error {
	return bounded.DoTimeout(req, resp, time.Second)
}

// Silent: LBClient whose clients have ReadTimeout.
func lbBounded(req *fasthttp.Request, resp *fasthttp.Response) error {
	c := &fasthttp.LBClient{Clients: []fasthttp.BalancingClient{
		&fasthttp.HostClient{Addr: "a:80", ReadTimeout: time.Second},
	}}
	return c.DoTimeout(req, resp, time.Second)
}

// Silent: LBClient.Do applies LBClient.Timeout.
func lbDo(req *fasthttp.Request, resp *fasthttp.Response) error {
	c := &fasthttp.LBClient{Clients: []fasthttp.BalancingClient{&fasthttp.HostClient{Addr: "a:80"}}}
	return c.Do(req, resp)
}

// Silent: a client from the caller.
func doTimeoutParam(c *fasthttp.Client, req *fasthttp.Request, resp *fasthttp.Response) error {
	return c.DoTimeout(req, resp, time.Second)
}
