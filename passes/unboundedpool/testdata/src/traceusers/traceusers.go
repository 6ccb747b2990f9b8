// Package traceusers builds traced clients with tracelib.
package traceusers

import (
	"net/http"
	"time"

	"tracelib"
)

// newTracedClient makes a new client on a new, maybe instrumented,
// transport on every call.
func newTracedClient() *http.Client {
	tr := &http.Transport{IdleConnTimeout: 90 * time.Second, TLSHandshakeTimeout: 10 * time.Second}
	var rt http.RoundTripper = tr
	if tracelib.Enabled() {
		rt = tracelib.Instrument(tr)
	}
	return &http.Client{Transport: rt}
}

// fetch sends one request with c.
func fetch(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flagged: a new pool per call of Ping, handed to fetch and dropped.
func Ping(url string) error {
	return fetch(newTracedClient(), url) // want `an http.Client with a new Transport is made per call by newTracedClient and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection until its IdleConnTimeout;`
}

// Flagged: bound to a local, per request.
func check(w http.ResponseWriter, r *http.Request) {
	c := newTracedClient() // want `made per request by newTracedClient`
	_ = fetch(c, "http://upstream/health")
}

// ---- silent ----

// newTrackedClient's transport is kept by tracelib.Track.
func newTrackedClient() *http.Client {
	tr := &http.Transport{IdleConnTimeout: 90 * time.Second}
	return &http.Client{Transport: tracelib.Track(tr)}
}

// Silent: the library keeps the transport.
func PingTracked(url string) error {
	return fetch(newTrackedClient(), url)
}

var clients = map[string]*http.Client{}

// Silent: cached per host.
func PingCached(host string) error {
	c, ok := clients[host]
	if !ok {
		c = newTracedClient()
		clients[host] = c
	}
	return fetch(c, "https://"+host+"/")
}

// Silent: returned to the caller.
func NewClient() *http.Client {
	return newTracedClient()
}
