//go:build go1.22

package old

import (
	"net/http"
	"time"
)

// Flagged: before Go 1.24 there is no http.HTTP2Config; the message says
// what to do instead, and there is no fix.
func NewTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone() // want `http.Transport returned by NewTransport speaks HTTP/2 \(a Clone of http.DefaultTransport, which sets ForceAttemptHTTP2\) without a ping health check: .*; before Go 1.24 \(this file: go1.22\), set ReadIdleTimeout on the http2.Transport that http2.ConfigureTransports returns for it`
	t.IdleConnTimeout = time.Minute
	return t
}

// Flagged: a transport literal in the same file gets the same advice.
var client = &http.Client{Transport: &http.Transport{ForceAttemptHTTP2: true}} // want `http.Transport used by the http.Client in package variable client speaks HTTP/2 \(ForceAttemptHTTP2 is set\) without a ping health check: .*before Go 1.24 \(this file: go1.22\)`
