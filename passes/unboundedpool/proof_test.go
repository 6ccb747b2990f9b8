package unboundedpool_test

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openConns counts the server's connections that are open now.
type openConns struct{ n atomic.Int64 }

func (o *openConns) track(_ net.Conn, s http.ConnState) {
	switch s {
	case http.StateNew:
		o.n.Add(1)
	case http.StateClosed, http.StateHijacked:
		o.n.Add(-1)
	}
}

// settle waits for goroutine and connection counts to stop moving.
func settle() { time.Sleep(300 * time.Millisecond) }

// TestProofPerRequestTransport makes N=50 requests three ways against a
// loopback server and counts, shortly after, the connections still open and
// the goroutines left behind: a new Transport per request keeps all 50
// connections and about 100 goroutines; one shared Transport uses 1
// connection; per-request Transports closed with CloseIdleConnections
// leave none.
func TestProofPerRequestTransport(t *testing.T) {
	const n = 50
	run := func(t *testing.T, client func() (*http.Client, func())) (conns int64, goroutines int) {
		var open openConns
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") }))
		srv.Config.ConnState = open.track
		srv.Start()
		defer srv.Close()
		settle()
		before := runtime.NumGoroutine()
		for range n {
			c, done := client()
			resp, err := c.Get(srv.URL)
			require.NoError(t, err)
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			done()
		}
		settle()
		return open.n.Load(), runtime.NumGoroutine() - before
	}

	perRequestConns, perRequestG := run(t, func() (*http.Client, func()) {
		return &http.Client{Transport: &http.Transport{}}, func() {}
	})
	shared := &http.Transport{}
	sharedConns, _ := run(t, func() (*http.Client, func()) {
		return &http.Client{Transport: shared}, func() {}
	})
	shared.CloseIdleConnections()
	closedConns, closedG := run(t, func() (*http.Client, func()) {
		c := &http.Client{Transport: &http.Transport{}}
		return c, c.CloseIdleConnections
	})

	t.Logf("after %d requests: per-request Transport: %d connections open, %+d goroutines; shared: %d connections; per-request + CloseIdleConnections: %d connections, %+d goroutines",
		n, perRequestConns, perRequestG, sharedConns, closedConns, closedG)
	assert.EqualValues(t, n, perRequestConns, "every dropped Transport keeps its connection")
	assert.GreaterOrEqual(t, perRequestG, 2*n-5, "two goroutines per kept connection (client side), plus the server's")
	assert.EqualValues(t, 1, sharedConns)
	assert.EqualValues(t, 0, closedConns)
	assert.Less(t, closedG, 5)
}
