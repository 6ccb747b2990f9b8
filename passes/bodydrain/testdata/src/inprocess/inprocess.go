// Package inprocess holds responses from peers in this process, which
// bodydrain leaves alone by default (-bodydrain.inprocess turns them back
// on), next to helpers in a non-test file whose peer is not provably in
// process, which it still reports.
package inprocess

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
)

// Silent: an httptest server's URL, directly, concatenated, through a
// local.
func serverURL(srv *httptest.Server) {
	resp, err := http.Get(srv.URL)
	if err != nil {
		return
	}
	resp.Body.Close()

	u := srv.URL + "/path"
	resp2, err := http.Post(u, "text/plain", strings.NewReader("x"))
	if err != nil {
		return
	}
	defer resp2.Body.Close()
}

// Silent: the server's own client, whatever the URL.
func serverClient(srv *httptest.Server, path string) {
	c := srv.Client()
	resp, err := c.Get(path)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Silent: a request made for the server's URL, sent with Do.
func serverRequest(srv *httptest.Server) {
	req, err := http.NewRequest("GET", srv.URL+"/x", nil)
	if err != nil {
		return
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Silent: the request derived from one for the server's URL.
func derivedRequest(ctx context.Context, srv *httptest.Server) {
	req, err := http.NewRequest("GET", srv.URL, nil)
	if err != nil {
		return
	}
	req = req.WithContext(ctx)
	resp, err := srv.Client().Transport.RoundTrip(req)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Silent: the address of the server's listener.
func serverListener(srv *httptest.Server) {
	resp, err := http.Get("http://" + srv.Listener.Addr().String() + "/")
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Silent: a listener this function opens on loopback.
func ownListener(h http.Handler) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return
	}
	go http.Serve(ln, h)
	resp, err := http.Get("http://" + ln.Addr().String())
	if err != nil {
		return
	}
	resp.Body.Close()
}

// The package opens a listener on a fixed loopback port...
func listenFixed(h http.Handler) error {
	ln, err := net.Listen("tcp", "127.0.0.1:18089")
	if err != nil {
		return err
	}
	return http.Serve(ln, h)
}

// ...silent: so a constant URL on that port reaches this process.
func fixedPort() {
	resp, err := http.Get("http://localhost:18089/status")
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Flagged: a loopback port that no listener of this package opens may be
// another process (a sidecar).
func sidecar() {
	resp, err := http.Get("http://127.0.0.1:9999/status")
	if err != nil {
		return
	}
	resp.Body.Close() // want `response body of resp is closed before it was read to EOF`
}

// memTransport serves requests with a handler, in memory.
type memTransport struct{ h http.Handler }

func (t memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, req)
	return rec.Result(), nil
}

// Silent: a client whose Transport is an in-memory RoundTripper of this
// package.
func inMemory(h http.Handler, url string) {
	c := &http.Client{Transport: memTransport{h}}
	resp, err := c.Get(url)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// rtFunc adapts a function to http.RoundTripper.
type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// Silent: a func adapter around a function that builds the response.
func adapter(url string) {
	c := &http.Client{Transport: rtFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("ok")), Request: r}, nil
	})}
	resp, err := c.Get(url)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Silent: a Transport whose Proxy sends every request to this process's
// listener, whatever the URL.
func proxied(ln net.Listener, target string) {
	c := &http.Client{Transport: &http.Transport{
		Proxy: func(*http.Request) (*url.URL, error) { return url.Parse("http://" + ln.Addr().String()) },
	}}
	resp, err := c.Get(target)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Silent: a helper that returns the response fresh, handed the server.
func get(srv *httptest.Server, path string) *http.Response { // want get:`helper\(drains=\[\] closes=\[\] fresh\)`
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		return nil
	}
	return resp
}

func viaHelper(srv *httptest.Server) {
	resp := get(srv, "/x")
	resp.Body.Close()
}

// Silent: a registered non-network protocol (net/http
// transport_test.go:3069 TestTransportAltProto): no connection at all.
func altProto(rt http.RoundTripper) {
	tr := &http.Transport{}
	tr.RegisterProtocol("foo", rt)
	c := &http.Client{Transport: tr}
	resp, err := c.Get("foo://bar.com/path")
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Flagged: a helper in a non-test file requests a URL from its caller,
// which may be anywhere.
func Fetch(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	resp.Body.Close() // want `response body of resp is closed before it was read to EOF`
	return nil
}

// logging wraps another RoundTripper: the network is behind it.
type logging struct{ next http.RoundTripper }

func (t logging) RoundTrip(req *http.Request) (*http.Response, error) { // want RoundTrip:`helper\(drains=\[\] closes=\[\] fresh\)`
	return t.next.RoundTrip(req)
}

// Flagged: a wrapping transport is not in memory.
func wrapped(url string) {
	c := &http.Client{Transport: logging{http.DefaultTransport}}
	resp, err := c.Get(url)
	if err != nil {
		return
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}

// Flagged: an adapter around a function that uses the network.
func networkAdapter(url string) {
	c := &http.Client{Transport: rtFunc(func(r *http.Request) (*http.Response, error) {
		return http.DefaultTransport.RoundTrip(r)
	})}
	resp, err := c.Get(url)
	if err != nil {
		return
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}

// Flagged: the URL is the server's on one path only.
func mixed(srv *httptest.Server, other string, remote bool) {
	u := srv.URL
	if remote {
		u = other
	}
	resp, err := http.Get(u)
	if err != nil {
		return
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}

// Flagged: a dial hook that dials the address it is given is no route to
// this process.
func dialHook(url string) {
	c := &http.Client{Transport: &http.Transport{
		Dial: func(network, addr string) (net.Conn, error) { return net.Dial(network, addr) },
	}}
	resp, err := c.Get(url)
	if err != nil {
		return
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}

// Silent: never closed, but the peer is this process.
func neverClosed(srv *httptest.Server) int {
	resp, err := http.Get(srv.URL)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
