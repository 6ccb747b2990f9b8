// Package inprocessreported holds the in-process shapes of package
// inprocess, run with -unboundedpool.inprocess: every one is reported.
package inprocessreported

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
)

func toServer(ts *httptest.Server) {
	c := &http.Client{Transport: &http.Transport{}} // want `an http.Client with a new Transport is made per call` `http.Transport has no IdleConnTimeout`
	req, _ := http.NewRequest("GET", ts.URL, nil)
	_, _ = c.Do(req)
}

func pipe() {
	_, cliConn := net.Pipe()
	tr := &http.Transport{ // want `a new http.Transport is made per call` `http.Transport has no IdleConnTimeout`
		DialContext: func(ctx context.Context, network, address string) (net.Conn, error) {
			return cliConn, nil
		},
	}
	req, _ := http.NewRequest("GET", "http://test.tld/", nil)
	_, _ = tr.RoundTrip(req)
}
