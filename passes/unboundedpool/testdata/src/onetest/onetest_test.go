package onetest

import (
	"net/http"
	"testing"
)

// Silent: a test makes its pool once.
func TestOnce(t *testing.T) {
	c := &http.Client{Transport: &http.Transport{}}
	_, _ = c.Get("http://x/")
}

// Flagged: benchmarks loop, here against a visibly external host.
func BenchmarkPerIteration(b *testing.B) {
	for range b.N {
		c := &http.Client{Transport: &http.Transport{}} // want `per loop iteration` `http.Transport has no IdleConnTimeout`
		_, _ = c.Get("https://api.example.com/")
	}
}

// Silent: in a test, a peer that is not visibly external is the test
// run's own server (inprocess: test peers).
func BenchmarkPerIterationOwnServer(b *testing.B) {
	for range b.N {
		c := &http.Client{Transport: &http.Transport{}}
		_, _ = c.Get("http://x/")
	}
}
