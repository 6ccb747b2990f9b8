// Package inprocessreported holds the in-process shapes of package
// inprocess and of dials.go, run with -dialtimeout.inprocess: every one is
// reported.
package inprocessreported

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
)

var api = &http.Client{} // want `client api has no Timeout`

func serverURL(srv *httptest.Server, ln net.Listener) {
	u := srv.URL + "/status"
	_, _ = api.Get(u)
	_, _ = http.Get(srv.URL)                   // want `http.Get uses http.DefaultClient`
	_, _ = net.Dial("tcp", ln.Addr().String()) // want `net.Dial has no timeout`
	req, _ := http.NewRequest("GET", srv.URL, nil)
	_, _ = api.Do(req)
}

func serve(h http.Handler) error {
	return http.ListenAndServe("127.0.0.1:18089", h)
}

func fixedPort() {
	_, _ = http.Get("http://localhost:18089/status") // want `http.Get uses http.DefaultClient`
}

func proxied(ln net.Listener) {
	c := &http.Client{Transport: &http.Transport{ // want `client c has no Timeout`
		Proxy: func(*http.Request) (*url.URL, error) {
			return url.Parse("http://" + ln.Addr().String())
		},
	}}
	_, _ = c.Get("https://golang.fake.tld/")
}

// Still silent: a constant loopback dial fails or answers at once, in
// process or not.
func loopback() {
	_, _ = net.Dial("tcp", "127.0.0.1:6379")
}
