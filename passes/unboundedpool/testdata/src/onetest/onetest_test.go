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

// Flagged: benchmarks loop.
func BenchmarkPerIteration(b *testing.B) {
	for range b.N {
		c := &http.Client{Transport: &http.Transport{}} // want `per loop iteration` `http.Transport has no IdleConnTimeout`
		_, _ = c.Get("http://x/")
	}
}
