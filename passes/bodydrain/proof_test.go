package bodydrain_test

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newConns serves h and counts the connections clients open to it.
func newConns(t *testing.T, h http.HandlerFunc, requests int, use func(*http.Response)) int64 {
	t.Helper()
	var opened atomic.Int64
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	for range requests {
		resp, err := client.Get(srv.URL)
		require.NoError(t, err)
		use(resp)
	}
	return opened.Load()
}

// TestProofConnectionReuse counts server-side connections for 20
// sequential requests on one client: closing the body unread opens 20,
// draining it first opens 1. For a ~100 KB chunked JSON body, decoding
// alone and closing opens 20; decoding, draining and closing opens 1.
func TestProofConnectionReuse(t *testing.T) {
	const n = 20
	text := func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, strings.Repeat("x", 64<<10))
	}
	closeOnly := newConns(t, text, n, func(r *http.Response) { _ = r.Body.Close() })
	drained := newConns(t, text, n, func(r *http.Response) {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	})

	// A chunked JSON body of about 100 KB followed by the encoder's newline.
	chunked := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"data": strings.Repeat("y", 100<<10)})
		w.(http.Flusher).Flush()
	}
	var v map[string]string
	decodeClose := newConns(t, chunked, n, func(r *http.Response) {
		require.NoError(t, json.NewDecoder(r.Body).Decode(&v))
		_ = r.Body.Close()
	})
	decodeDrainClose := newConns(t, chunked, n, func(r *http.Response) {
		require.NoError(t, json.NewDecoder(r.Body).Decode(&v))
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	})

	t.Logf("%d requests: Close unread → %d connections; drain+Close → %d; chunked JSON Decode+Close → %d; Decode+drain+Close → %d",
		n, closeOnly, drained, decodeClose, decodeDrainClose)
	assert.EqualValues(t, n, closeOnly)
	assert.EqualValues(t, 1, drained)
	assert.EqualValues(t, n, decodeClose)
	assert.EqualValues(t, 1, decodeDrainClose)
}
