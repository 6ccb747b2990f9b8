package zero

import (
	"net/http"
	"time"
)

// Explicit zero and negative timeouts are none: reported, and the fix
// replaces them instead of adding second keys.
func zeroAndNegative() {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 0, IdleTimeout: -1} // want `server srv has no ReadHeaderTimeout, IdleTimeout or ReadTimeout`
	_ = srv.ListenAndServe()
}

// A zero ReadTimeout is left alone; the missing fields are added.
func zeroReadTimeout() {
	srv := http.Server{Addr: ":8080", ReadTimeout: 0} // want `server srv has no ReadHeaderTimeout, IdleTimeout or ReadTimeout`
	_ = srv.ListenAndServe()
}

// One field replaced, the other added, in a multi-line literal.
func multiLine() {
	srv := &http.Server{ // want `server srv has no ReadHeaderTimeout, IdleTimeout or ReadTimeout`
		Addr:        ":8080",
		IdleTimeout: 0,
	}
	_ = srv.ListenAndServe()
}

// Only IdleTimeout is missing; its zero is replaced.
func idleOnly() {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 0} // want `server srv has neither IdleTimeout nor ReadTimeout`
	_ = srv.ListenAndServe()
}

// An assignment also zeroes IdleTimeout: a fix in the literal could be
// undone by it, so none is offered.
func assigned() {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second} // want `server srv has neither IdleTimeout nor ReadTimeout`
	srv.IdleTimeout = 0
	_ = srv.ListenAndServe()
}

// Positive constants and variables are timeouts: silent.
func positive(d time.Duration) {
	a := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute}
	_ = a.ListenAndServe()
	b := &http.Server{Addr: ":8080", ReadTimeout: d}
	_ = b.ListenAndServe()
}
