// Package reqclose holds transports all of whose requests set
// req.Close = true: the connection is closed after each response, so no
// idle connection is kept, as with DisableKeepAlives.
package reqclose

import (
	"net/http"
	"time"
)

// Silent: made per call, every request closes its connection.
func perCall(url string) error {
	tr := &http.Transport{}
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	req.Close = true
	resp, err := tr.RoundTrip(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: a shared transport without IdleConnTimeout, whose every
// request, through the client that holds it, closes its connection.
var closing = &http.Transport{}

var closingClient = &http.Client{Transport: closing, Timeout: time.Minute}

func viaClient(url string) error {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	req.Close = true
	resp, err := closingClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: a request literal with Close set.
func literal(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Do(&http.Request{Method: "GET", URL: r.URL, Close: true})
	if err == nil {
		resp.Body.Close()
	}
}

// Flagged: one request of two keeps its connection.
func oneOfTwo(url string) {
	tr := &http.Transport{IdleConnTimeout: time.Minute} // want `a new http.Transport is made per call and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection until its IdleConnTimeout; share one pool, or close tr`
	req, _ := http.NewRequest("GET", url, nil)
	req.Close = true
	_, _ = tr.RoundTrip(req)
	req2, _ := http.NewRequest("GET", url, nil)
	_, _ = tr.RoundTrip(req2)
}

// Flagged: Close is set on one path only.
func conditional(url string, once bool) {
	c := &http.Client{Transport: &http.Transport{}} // want `an http.Client with a new Transport is made per call` `http.Transport has no IdleConnTimeout`
	req, _ := http.NewRequest("GET", url, nil)
	if once {
		req.Close = true
	}
	_, _ = c.Do(req)
}

// Flagged: Get sends a request that keeps its connection.
var mixedTransport = &http.Transport{} // want `http.Transport has no IdleConnTimeout`

var mixedClient = &http.Client{Transport: mixedTransport}

func mixed(url string) {
	req, _ := http.NewRequest("GET", url, nil)
	req.Close = true
	_, _ = mixedClient.Do(req)
	_, _ = mixedClient.Get(url)
}

// Flagged: an exported client may send requests from other packages.
var exportedTransport = &http.Transport{} // want `http.Transport has no IdleConnTimeout`

var Client = &http.Client{Transport: exportedTransport}

func viaExported(url string) {
	req, _ := http.NewRequest("GET", url, nil)
	req.Close = true
	_, _ = Client.Do(req)
}

// Flagged: no request is seen at all.
var unused = &http.Transport{} // want `http.Transport has no IdleConnTimeout`
