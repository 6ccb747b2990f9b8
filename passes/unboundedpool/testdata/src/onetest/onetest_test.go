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

// Silent: a benchmark's pools live and die with the test binary (test
// code outside Example functions; -unboundedpool.inprocess reports them,
// see inprocessreported).
func BenchmarkPerIteration(b *testing.B) {
	for range b.N {
		c := &http.Client{Transport: &http.Transport{}}
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

// Flagged: an Example is documentation that users copy.
func Example_perCall() {
	for _, u := range []string{"https://api.example.com/a", "https://api.example.com/b"} {
		c := &http.Client{Transport: &http.Transport{}} // want `per loop iteration`
		_, _ = c.Get(u)
	}
}
