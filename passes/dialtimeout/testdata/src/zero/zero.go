package zero

import (
	"net"
	"net/http"
	"time"
)

// An explicit zero Timeout is no timeout: reported, and the fix replaces
// the zero instead of adding a second Timeout key.
func dialerZero(addr string) {
	d := &net.Dialer{Timeout: 0, KeepAlive: -1}
	_, _ = d.Dial("tcp", addr) // want `dialer d has neither Timeout nor Deadline`
}

// A negative Timeout, in a multi-line literal.
func dialerNegative(addr string) {
	d := net.Dialer{
		Timeout:   -1,
		KeepAlive: 15 * time.Second,
	}
	_, _ = d.Dial("tcp", addr) // want `dialer d has neither Timeout nor Deadline`
}

func clientZero(url string) {
	c := &http.Client{Timeout: 0} // want `client c has no Timeout`
	_, _ = c.Get(url)
}

// A positional literal cannot take a keyed field: reported, no fix.
func clientPositional(url string) {
	c := &http.Client{nil, nil, nil, 0} // want `client c has no Timeout`
	_, _ = c.Get(url)
}

// An assignment also zeroes Timeout: a fix in the literal could be undone
// by it, so none is offered.
func clientAssigned(url string) {
	c := &http.Client{} // want `client c has no Timeout`
	c.Timeout = 0
	_, _ = c.Get(url)
}

// Positive constants and variables are timeouts: silent.
func positive(addr, url string, t time.Duration) {
	d := &net.Dialer{Timeout: 5 * time.Second}
	_, _ = d.Dial("tcp", addr)
	e := &net.Dialer{Timeout: t}
	_, _ = e.Dial("tcp", addr)
	c := &http.Client{Timeout: time.Minute}
	_, _ = c.Get(url)
}
