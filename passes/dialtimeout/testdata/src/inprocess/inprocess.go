// Package inprocess holds dials and requests whose peer is this process,
// which dialtimeout leaves alone by default (-dialtimeout.inprocess turns
// them back on), next to ones whose peer is not provably in process.
package inprocess

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
)

var api = &http.Client{} // want `client api has no Timeout`

// Silent: the server's URL through a local.
func serverURLVar(srv *httptest.Server) {
	u := srv.URL + "/status"
	_, _ = api.Get(u)
	_, _ = http.Get(u)
}

// testServer keeps a server for several tests.
type testServer struct{ ts *httptest.Server }

// Silent: the server held in a struct field.
func (s *testServer) get(path string) {
	_, _ = http.Get(s.ts.URL + path)
}

// Silent: a port taken from this process's listener.
func listenerPort(ln net.Listener) {
	port := ln.Addr().(*net.TCPAddr).Port
	_, _ = net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	_, _ = http.Get(fmt.Sprintf("http://127.0.0.1:%d/", port))
}

// serve opens a listener on a fixed loopback port...
func serve(h http.Handler) error {
	return http.ListenAndServe("127.0.0.1:18089", h)
}

// ...silent: so a constant URL on that port reaches this process.
func fixedPort() {
	_, _ = http.Get("http://localhost:18089/status")
}

// Flagged: no listener of this package opens that port.
func otherPort() {
	_, _ = http.Get("http://localhost:9999/status") // want `http.Get uses http.DefaultClient, which has no Timeout`
}

// Silent: a Transport whose Proxy sends every request to this process's
// listener (net/http transport_test.go:1613).
func proxied(ln net.Listener) {
	c := &http.Client{Transport: &http.Transport{
		Proxy: func(*http.Request) (*url.URL, error) {
			return url.Parse("http://" + ln.Addr().String())
		},
	}}
	req, _ := http.NewRequest("GET", "https://golang.fake.tld/", nil)
	_, _ = c.Do(req)
}

// Silent: a dial hook that ignores the address and dials this process's
// listener (net/http transport_test.go:3645).
func dialHookRouted(ln net.Listener) {
	tr := &http.Transport{
		Dial: func(_, _ string) (net.Conn, error) {
			return net.Dial("tcp", ln.Addr().String())
		},
	}
	cl := &http.Client{Transport: tr}
	_, _ = cl.Get("https://dummy.tld/")
}

// Flagged: a dial hook that dials the address it is given.
func dialHookPassThrough(target string) {
	tr := &http.Transport{
		Dial: func(network, addr string) (net.Conn, error) {
			return net.Dial(network, addr) // want `net.Dial has no timeout`
		},
	}
	cl := &http.Client{Transport: tr} // want `client cl has no Timeout and the request no context`
	_, _ = cl.Get(target)
}

// Flagged: the URL is the server's on one path only.
func mixed(srv *httptest.Server, other string, remote bool) {
	u := srv.URL
	if remote {
		u = other
	}
	_, _ = api.Get(u)
}

// Flagged: a helper in a non-test file, with its caller's address.
func Dial(addr string) (net.Conn, error) {
	return net.Dial("tcp", addr) // want `net.Dial has no timeout`
}
