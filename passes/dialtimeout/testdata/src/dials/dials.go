package dials

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

// Flagged: dials without a timeout.
func dial(addr string) {
	_, _ = net.Dial("tcp", addr)                   // want `net.Dial has no timeout: dialing an unreachable peer blocks until the operating system gives up \(about two minutes on Linux\)`
	_, _ = tls.Dial("tcp", "example.com:443", nil) // want `tls.Dial has no timeout`
}

func dialer(addr string) {
	d := &net.Dialer{KeepAlive: time.Minute}
	_, _ = d.Dial("tcp", addr) // want `dialer d has neither Timeout nor Deadline`
	var zero net.Dialer
	_, _ = zero.Dial("tcp", addr) // want `dialer zero has neither Timeout nor Deadline`
}

// Flagged: the default client and package-level helpers.
func defaults(url string) {
	_, _ = http.Get(url)                     // want `http.Get uses http.DefaultClient, which has no Timeout`
	_, _ = http.Head(url)                    // want `http.Head uses http.DefaultClient`
	_, _ = http.Post(url, "text/plain", nil) // want `http.Post uses http.DefaultClient`
	_, _ = http.PostForm(url, nil)           // want `http.PostForm uses http.DefaultClient`
	_, _ = http.DefaultClient.Get(url)       // want `http.DefaultClient has no Timeout and the request no context: a server that accepts the connection and never answers blocks Get forever`
}

// Flagged: a client without Timeout, requests without context.
var api = &http.Client{} // want `client api has no Timeout and the request no context: a server that accepts the connection and never answers blocks Get forever`

func client(url string) {
	_, _ = api.Get(url)
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept", "application/json")
	_, _ = api.Do(req)
}

// Flagged: a transport that bounds the dial but not the response.
func dialOnly(url string) {
	c := &http.Client{Transport: &http.Transport{DialContext: (&net.Dialer{Timeout: time.Second}).DialContext}} // want `client c has no Timeout`
	_, _ = c.Get(url)
}

// Silent: timeouts set.
func bounded(url, addr string) {
	_, _ = net.DialTimeout("tcp", addr, time.Second)
	d := &net.Dialer{Timeout: 5 * time.Second}
	_, _ = d.Dial("tcp", addr)
	var later net.Dialer
	later.Deadline = time.Now().Add(time.Second)
	_, _ = later.Dial("tcp", addr)
	c := &http.Client{Timeout: 10 * time.Second}
	_, _ = c.Get(url)
}

// Silent: a caller's context.
func withContext(ctx context.Context, url, addr string) {
	var d net.Dialer
	_, _ = d.DialContext(ctx, "tcp", addr)
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	_, _ = api.Do(req)
	r2, _ := http.NewRequest("GET", url, nil)
	r2 = r2.WithContext(ctx)
	_, _ = api.Do(r2)
}

// Silent: a request from the caller.
func doRequest(req *http.Request) {
	_, _ = api.Do(req)
}

// Silent: a transport bounding dial and response header.
var bounded2 = &http.Client{Transport: &http.Transport{
	DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	ResponseHeaderTimeout: 10 * time.Second,
}}

func boundedTransport(url string) {
	_, _ = bounded2.Get(url)
}

// Silent: a transport we cannot see.
func customTransport(url string, rt http.RoundTripper) {
	c := &http.Client{Transport: rt}
	_, _ = c.Get(url)
}

// Silent: Unix sockets and loopback fail or answer at once.
func local() {
	_, _ = net.Dial("unix", "/run/app.sock")
	_, _ = net.Dial("tcp", "127.0.0.1:6379")
	_, _ = net.Dial("tcp", "localhost:5432")
}

// Silent: a client configured by a helper.
func withTimeout(c *http.Client) { c.Timeout = time.Minute }

func helper(url string) {
	c := &http.Client{}
	withTimeout(c)
	_, _ = c.Get(url)
}

// Silent: a client from the caller.
func Fetch(c *http.Client, url string) {
	_, _ = c.Get(url)
}

// Silent: a request handed to other code first.
func prepared(url string, sign func(*http.Request)) {
	req, _ := http.NewRequest("GET", url, strings.NewReader(""))
	sign(req)
	_, _ = api.Do(req)
}

// Silent (corpus pattern): requests and dials to this process's own
// listeners, which cannot be unreachable peers.
func inProcess(ln net.Listener, ts *httptest.Server) {
	_, _ = net.Dial("tcp", ln.Addr().String())
	_, _ = http.Get(ts.URL + "/path")
	_, _ = api.Get(ts.URL)
	req, _ := http.NewRequest("GET", ts.URL, nil)
	_, _ = api.Do(req)
	_, _ = net.Dial("tcp", ts.Listener.Addr().String())
}

// Silent: a listener of this process cannot be an unreachable peer
// (corpus: tests dialing their own listener or httptest server).
func ownListener(ts *httptest.Server) {
	ln, _ := net.Listen("tcp", ":0")
	_, _ = net.Dial("tcp", ln.Addr().String())
	_, _ = tls.Dial("tcp", ln.Addr().String(), nil)
	_, _ = net.Dial("tcp", ts.Listener.Addr().String())
}

// peerBook has an Addr method but is no listener.
type peerBook struct{}

func (peerBook) Addr() net.Addr { return nil }

func notAListener(b peerBook) {
	_, _ = net.Dial("tcp", b.Addr().String()) // want `net.Dial has no timeout`
}

// Silent: datagram and raw networks have no handshake to wait for.
func datagram(addr string) {
	_, _ = net.Dial("udp", addr)
	_, _ = net.Dial("udp4", addr)
}

// Flagged: the response header is bounded, the dial is not.
func headerOnly(url string) {
	c := &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 10 * time.Second}} // want `client c has no Timeout and the request no context: its Transport bounds the response header but not the dial, so an unreachable server blocks Get for minutes`
	_, _ = c.Get(url)
}
