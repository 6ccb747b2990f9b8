// Package inprocessreported holds the in-process shapes of package
// inprocess, run with -bodydrain.inprocess: every one is reported.
package inprocessreported

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
)

func serverURL(srv *httptest.Server) {
	resp, err := http.Get(srv.URL)
	if err != nil {
		return
	}
	resp.Body.Close() // want `response body of resp is closed before it was read to EOF`
}

func serverClient(srv *httptest.Server, path string) {
	resp, err := srv.Client().Get(path)
	if err != nil {
		return
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}

func serverRequest(srv *httptest.Server) {
	req, err := http.NewRequest("GET", srv.URL+"/x", nil)
	if err != nil {
		return
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}

func ownListener(h http.Handler) {
	ln, err := net.Listen("tcp", "127.0.0.1:18090")
	if err != nil {
		return
	}
	go http.Serve(ln, h)
	resp, err := http.Get("http://" + ln.Addr().String())
	if err != nil {
		return
	}
	resp.Body.Close() // want `closed before it was read to EOF`
	resp2, err := http.Get("http://127.0.0.1:18090/")
	if err != nil {
		return
	}
	resp2.Body.Close() // want `closed before it was read to EOF`
}

type memTransport struct{ h http.Handler }

func (t memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, req)
	return rec.Result(), nil
}

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func inMemory(h http.Handler, target string, ln net.Listener) {
	c := &http.Client{Transport: memTransport{h}}
	resp, err := c.Get(target)
	if err != nil {
		return
	}
	resp.Body.Close() // want `closed before it was read to EOF`

	c2 := &http.Client{Transport: rtFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("ok")), Request: r}, nil
	})}
	resp2, err := c2.Get(target)
	if err != nil {
		return
	}
	resp2.Body.Close() // want `closed before it was read to EOF`

	c3 := &http.Client{Transport: &http.Transport{
		Proxy: func(*http.Request) (*url.URL, error) { return url.Parse("http://" + ln.Addr().String()) },
	}}
	resp3, err := c3.Get(target)
	if err != nil {
		return
	}
	resp3.Body.Close() // want `closed before it was read to EOF`
}

func neverClosed(srv *httptest.Server) int {
	resp, err := http.Get(srv.URL)
	if err != nil {
		return 0
	}
	return resp.StatusCode // want `response body of resp \(from Get at line 100\) is never closed on the path that returns here`
}
