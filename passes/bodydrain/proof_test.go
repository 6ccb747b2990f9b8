package bodydrain_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newConns serves h and counts the connections clients open to it for
// GET requests.
func newConns(t *testing.T, h http.HandlerFunc, requests int, use func(*http.Response)) int64 {
	t.Helper()
	return countConns(t, h, requests, http.MethodGet, use)
}

// countConns serves h and counts the connections a client opens to it for
// requests with method.
func countConns(t *testing.T, h http.HandlerFunc, requests int, method string, use func(*http.Response)) int64 {
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
		req, err := http.NewRequest(method, srv.URL, nil)
		require.NoError(t, err)
		resp, err := client.Do(req)
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

// decodeCloseConns serves a JSON value of about size bytes (plus the
// encoder's newline and trailing spaces), with Content-Length or chunked
// (the handler flushes), and counts the connections 20 requests open when
// the client decodes one value and closes the body.
func decodeCloseConns(t *testing.T, size, trailing int, chunked bool) int64 {
	t.Helper()
	payload, err := json.Marshal(map[string]string{"data": strings.Repeat("y", size)})
	require.NoError(t, err)
	payload = append(payload, '\n')
	payload = append(payload, strings.Repeat(" ", trailing)...)
	h := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if !chunked {
			w.Header().Set("Content-Length", strconv.Itoa(len(payload)))
		}
		_, _ = w.Write(payload)
		if chunked {
			w.(http.Flusher).Flush() // chunked even when small
		}
	}
	return newConns(t, h, 20, func(r *http.Response) {
		require.Equal(t, chunked, r.ContentLength < 0, "framing")
		var v map[string]string
		require.NoError(t, json.NewDecoder(r.Body).Decode(&v))
		_ = r.Body.Close()
	})
}

// TestProofDecodeThenClose measures json.Decoder.Decode followed by Close
// for the table in docs/checks/bodydrain.md: with Content-Length the
// connection is kept at every size (the body returns io.EOF with its last
// bytes, which the decoder's refill reads), unless data follows the value;
// chunked bodies keep or lose it depending on where the value ends
// relative to the decoder's reads: 20 KB and 50 KB lose it every time.
func TestProofDecodeThenClose(t *testing.T) {
	sizes := []int{100, 2 << 10, 10 << 10, 20 << 10, 32 << 10, 50 << 10}
	var table strings.Builder
	for _, size := range sizes {
		cl := decodeCloseConns(t, size, 0, false)
		ch := decodeCloseConns(t, size, 0, true)
		fmt.Fprintf(&table, "\n%6d B: Content-Length %2d, chunked %2d", size, cl, ch)
		assert.EqualValues(t, 1, cl, "Content-Length, %d B", size)
		if size == 20<<10 || size == 50<<10 {
			assert.EqualValues(t, 20, ch, "chunked, %d B", size)
		}
	}
	trailing := decodeCloseConns(t, 100, 1<<10, false)
	fmt.Fprintf(&table, "\n   100 B + 1 KB after the value, Content-Length: %2d", trailing)
	assert.EqualValues(t, 20, trailing)
	t.Logf("connections for 20 requests, JSON Decode then Close:%s", table.String())
}

// TestProofHeadAndCappedDrain: a HEAD response has no body in net/http
// (the Transport returns the connection before Do returns), so 20 HEAD
// requests whose bodies are never closed share one connection; and the
// capped drain net/http's client uses before a redirect,
// io.CopyN(io.Discard, body, 2<<10), keeps a small body's connection
// (20 requests, 1 connection) since the read that takes the last byte
// reports EOF.
func TestProofHeadAndCappedDrain(t *testing.T) {
	const n = 20
	small := func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, strings.Repeat("z", 1500))
	}
	head := countConns(t, small, n, http.MethodHead, func(r *http.Response) {
		assert.Equal(t, http.NoBody, r.Body, "a HEAD response has no body")
	})
	assert.EqualValues(t, 1, head, "HEAD responses never closed")

	capped := newConns(t, small, n, func(r *http.Response) {
		_, _ = io.CopyN(io.Discard, r.Body, 2<<10)
		_ = r.Body.Close()
	})
	assert.EqualValues(t, 1, capped, "capped drain of a 1500-byte body")
	prefix := newConns(t, small, n, func(r *http.Response) {
		_, _ = io.CopyN(io.Discard, r.Body, 512)
		_ = r.Body.Close()
	})
	assert.EqualValues(t, n, prefix, "a 512-byte prefix of a 1500-byte body")
}
