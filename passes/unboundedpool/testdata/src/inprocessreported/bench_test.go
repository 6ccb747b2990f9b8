package inprocessreported

import (
	"net/http"
	"testing"
)

// Reported under the inprocess option: a benchmark's per-iteration pool.
func BenchmarkPerIteration(b *testing.B) {
	for range b.N {
		c := &http.Client{Transport: &http.Transport{}} // want `per loop iteration` `http.Transport has no IdleConnTimeout`
		_, _ = c.Get("https://api.example.com/")
	}
}
