// Package shapes11lib: code of another package that may configure the
// transports it is given.
package shapes11lib

import (
	"net/http"
	"time"
)

// Tune sets the pool limits of rt when it is an *http.Transport.
func Tune(rt http.RoundTripper) {
	if t, ok := rt.(*http.Transport); ok {
		t.IdleConnTimeout = 90 * time.Second
		t.MaxIdleConnsPerHost = 16
	}
}

// Options is what a caller configures a client of this package with.
type Options struct {
	Transport http.RoundTripper
	Timeout   time.Duration
}
