// Package inprocess holds pools whose every request reaches a peer in
// this process, which unboundedpool leaves alone by default
// (-unboundedpool.inprocess turns them back on).
package inprocess

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
)

// Silent: a client per call, only for the test server's URL (net/http
// transport_test.go:5302).
func toServer(ts *httptest.Server) {
	c := &http.Client{Transport: &http.Transport{}}
	req, _ := http.NewRequest("GET", ts.URL, nil)
	_, _ = c.Do(req)
}

// Silent: a transport whose dials return one end of a pipe
// (testing/synctest example_test.go:107).
func pipe() {
	srvConn, cliConn := net.Pipe()
	defer srvConn.Close()
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, address string) (net.Conn, error) {
			return cliConn, nil
		},
	}
	req, _ := http.NewRequest("PUT", "http://test.tld/", strings.NewReader("body"))
	_, _ = tr.RoundTrip(req)
}

// Silent: requests to this process's own listener (net/http
// serve_test.go:7659).
func toListener(ln net.Listener) {
	tr := &http.Transport{}
	client := &http.Client{Transport: tr}
	_, _ = client.Get("https://" + ln.Addr().String())
}

// Flagged: a client per call for a URL from the caller.
func remote(url string) {
	c := &http.Client{Transport: &http.Transport{}} // want `an http.Client with a new Transport is made per call` `http.Transport has no IdleConnTimeout`
	_, _ = c.Get(url)
}

// Flagged: one request in process, one not.
func both(ts *httptest.Server, url string) {
	c := &http.Client{Transport: &http.Transport{}} // want `an http.Client with a new Transport is made per call` `http.Transport has no IdleConnTimeout`
	_, _ = c.Get(ts.URL)
	_, _ = c.Get(url)
}
