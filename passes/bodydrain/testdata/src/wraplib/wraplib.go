// Package wraplib is an SDK's shared response type, used by the packages of
// its API groups.
package wraplib

import "net/http"

// Response is an API response: the HTTP response and its rate limits.
type Response struct {
	*http.Response
	Remaining string
}

// NewResponse wraps r and reads its rate-limit header.
func NewResponse(r *http.Response) *Response { // want NewResponse:`helper\(drains=\[\] closes=\[\] wraps=\[0\]\)`
	resp := &Response{Response: r}
	resp.Remaining = r.Header.Get("X-RateLimit-Remaining")
	return resp
}

// Keep records r for later reads: not a wrapper the caller gets back.
func Keep(r *http.Response) *Response {
	last = r
	return &Response{Response: r}
}

var last *http.Response
