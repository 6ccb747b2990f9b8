package zero

import (
	"net/http"
	"time"
)

// An explicit zero IdleConnTimeout is none: reported, and the fix replaces
// the zero instead of adding a second key.
var zero = &http.Transport{IdleConnTimeout: 0} // want `http.Transport has no IdleConnTimeout`

// A negative value in a multi-line literal.
var negative = &http.Transport{ // want `http.Transport has no IdleConnTimeout`
	MaxIdleConns:    10,
	IdleConnTimeout: -1,
}

// An assignment also zeroes it: a fix in the literal could be undone by
// it, so none is offered.
var assigned = &http.Transport{MaxIdleConns: 10} // want `http.Transport has no IdleConnTimeout`

func init() { assigned.IdleConnTimeout = 0 }

// Positive constants and variables are timeouts: silent.
var positive = &http.Transport{IdleConnTimeout: time.Minute}

func variable(d time.Duration) *http.Transport {
	return &http.Transport{IdleConnTimeout: d}
}
