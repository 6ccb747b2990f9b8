// Package inprocessreported holds the shapes of package inprocess, run
// with -dotimeout.inprocess: every one is reported.
package inprocessreported

import (
	"net"
	"time"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttputil"
)

// Silent: the client dials an in-memory listener; the URL is not dialed.
func inMemoryClient(h fasthttp.RequestHandler) {
	ln := fasthttputil.NewInmemoryListener()
	s := &fasthttp.Server{Handler: h}
	go s.Serve(ln)
	c := &fasthttp.Client{
		Dial: func(addr string) (net.Conn, error) {
			return ln.Dial()
		},
	}
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	req.SetRequestURI("http://api.example.net/v1")
	_ = c.Do(req, resp)                                         // want `client c has no ReadTimeout and the request no deadline: Do`
	c.GetTimeout(nil, "http://api.example.net/v1", time.Second) // want `client c has no ReadTimeout: GetTimeout`
}

// Silent: the dial hook checks the error of the in-memory dial.
func inMemoryChecked(ln *fasthttputil.InmemoryListener, url string) {
	c := &fasthttp.Client{}
	c.Dial = func(string) (net.Conn, error) {
		conn, err := ln.Dial()
		if err != nil {
			return nil, err
		}
		return conn, nil
	}
	c.Get(nil, url) // want `client c has no ReadTimeout and the request no deadline: Get`
}

// Silent: a function of the package dials the package's in-memory
// listener, converted to the dial type.
var memListener = fasthttputil.NewInmemoryListener()

func dialMemory(string) (net.Conn, error) { return memListener.Dial() }

func namedDial(req *fasthttp.Request, resp *fasthttp.Response) {
	pc := &fasthttp.PipelineClient{Addr: "backend:8080", Dial: fasthttp.DialFunc(dialMemory)}
	_ = pc.DoTimeout(req, resp, time.Second) // want `pipeline client pc has no ReadTimeout: DoTimeout`
}

// Silent: a pipeline client kept in a package variable, dialing memory.
var memPipeline = &fasthttp.PipelineClient{Addr: "backend:8080", Dial: dialMemory} // want `pipeline client built here has no ReadTimeout`

// Silent: one end of a pipe, the other served by this process.
func piped(url string, serve func(net.Conn)) {
	c := &fasthttp.Client{Dial: func(string) (net.Conn, error) {
		client, server := net.Pipe()
		go serve(server)
		return client, nil
	}}
	c.Get(nil, url) // want `client c has no ReadTimeout and the request no deadline: Get`
}

// Silent: the hook dials a listener's own address.
func dialListenerAddr(ln net.Listener, url string) {
	c := &fasthttp.Client{Dial: func(string) (net.Conn, error) {
		return net.Dial("tcp", ln.Addr().String())
	}}
	c.Get(nil, url) // want `client c has no ReadTimeout and the request no deadline: Get`
}

// Silent: a HostClient on a loopback port the package listens on.
func serveFixed(h fasthttp.RequestHandler) error {
	ln, err := net.Listen("tcp", "127.0.0.1:18081")
	if err != nil {
		return err
	}
	return (&fasthttp.Server{Handler: h}).Serve(ln)
}

func fixedPort(url string) {
	hc := &fasthttp.HostClient{Addr: "127.0.0.1:18081"}
	hc.GetTimeout(nil, url, time.Second) // want `client hc has no ReadTimeout: GetTimeout`
}

// Silent: fasthttp.ListenAndServe opens the port.
func serveFasthttp(h fasthttp.RequestHandler) error {
	return fasthttp.ListenAndServe(":18082", h)
}

func fasthttpPort() {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	hc := &fasthttp.HostClient{Addr: "localhost:18082"}
	_ = hc.Do(req, resp) // want `client hc has no ReadTimeout and the request no deadline: Do`
}

// Silent: the address of a listener of this process.
func listenerAddr(ln net.Listener) {
	hc := &fasthttp.HostClient{Addr: ln.Addr().String()}
	var req fasthttp.Request
	var resp fasthttp.Response
	_ = hc.Do(&req, &resp) // want `client hc has no ReadTimeout and the request no deadline: Do`
}

// Silent: a Client without Dial to a URL of this process; the default
// client to a listened port.
func urlOfListener(ln net.Listener) {
	c := &fasthttp.Client{}
	c.Get(nil, "http://"+ln.Addr().String()+"/health") // want `client c has no ReadTimeout and the request no deadline: Get`
	fasthttp.Get(nil, "http://localhost:18082/health") // want `fasthttp.Get uses the default client`
}

// Flagged: the hook dials the address it is given.
func dialsAddr(url string) {
	c := &fasthttp.Client{Dial: func(addr string) (net.Conn, error) {
		return net.Dial("tcp", addr)
	}}
	c.Get(nil, url) // want `client c has no ReadTimeout and the request no deadline: Get`
}

// Flagged: in memory only for one host.
func dialsSome(ln *fasthttputil.InmemoryListener, url string) {
	c := &fasthttp.Client{Dial: func(addr string) (net.Conn, error) {
		if addr == "memory:80" {
			return ln.Dial()
		}
		return net.Dial("tcp", addr)
	}}
	c.Get(nil, url) // want `client c has no ReadTimeout and the request no deadline: Get`
}

// Flagged: the hook comes from the caller.
func callerDial(dial fasthttp.DialFunc) {
	c := &fasthttp.Client{Dial: dial}
	c.GetTimeout(nil, "http://localhost:18082/", time.Second) // want `client c has no ReadTimeout: GetTimeout`
}

// Flagged: a fixed address that ignores the one given is not this
// process's.
func dialsElsewhere(url string) {
	c := &fasthttp.Client{Dial: func(string) (net.Conn, error) {
		return net.Dial("tcp", "10.0.0.7:8080")
	}}
	c.Get(nil, url) // want `client c has no ReadTimeout and the request no deadline: Get`
}

// Flagged: loopback, but no listener of this package opens the port.
func unlistenedPort(url string) {
	hc := &fasthttp.HostClient{Addr: "127.0.0.1:18999"}
	hc.GetTimeout(nil, url, time.Second) // want `client hc has no ReadTimeout: GetTimeout`
}

// Flagged: one of two origins dials the network.
func eitherClient(memory bool, url string) {
	c := &fasthttp.Client{}
	if memory {
		c = &fasthttp.Client{Dial: func(string) (net.Conn, error) { return memListener.Dial() }}
	}
	c.Get(nil, url) // want `client c has no ReadTimeout and the request no deadline: Get`
}

// Flagged: a test helper in a non-test file is judged like any code: its
// address comes from the caller.
func FetchForTest(addr, uri string) error {
	hc := &fasthttp.HostClient{Addr: addr}
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	req.SetRequestURI(uri)
	return hc.Do(req, resp) // want `client hc has no ReadTimeout and the request no deadline: Do`
}

// Flagged: a kept pipeline client to an address of the caller.
func NewPipeline(addr string) *fasthttp.PipelineClient {
	return &fasthttp.PipelineClient{Addr: addr} // want `pipeline client built here has no ReadTimeout`
}
