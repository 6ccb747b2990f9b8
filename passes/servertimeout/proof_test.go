package servertimeout_test

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// idleLifetime serves one keep-alive request on a fresh connection to srv,
// then waits up to limit for the server to close the idle connection. It
// returns how long the connection stayed open after the response, or limit
// when it was still open.
func idleLifetime(t *testing.T, srv *http.Server, limit time.Duration) time.Duration {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv.Handler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") })
	go func() { _ = srv.Serve(ln) }()
	defer func() { _ = srv.Close() }()

	conn, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	defer func() { _ = conn.Close() }()
	_, err = io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	require.NoError(t, err)
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	require.False(t, resp.Close, "the server keeps the connection alive")

	start := time.Now()
	require.NoError(t, conn.SetReadDeadline(start.Add(limit)))
	_, err = br.ReadByte()
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return limit
	}
	require.ErrorIs(t, err, io.EOF, "the server closed the idle connection")
	return time.Since(start)
}

// slowHeaderLifetime sends half a request header and measures how long
// the server keeps the connection.
func slowHeaderLifetime(t *testing.T, srv *http.Server, limit time.Duration) time.Duration {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv.Handler = http.NotFoundHandler()
	go func() { _ = srv.Serve(ln) }()
	defer func() { _ = srv.Close() }()

	conn, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	defer func() { _ = conn.Close() }()
	_, err = io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n") // no final CRLF
	require.NoError(t, err)
	start := time.Now()
	require.NoError(t, conn.SetReadDeadline(start.Add(limit)))
	_, err = io.ReadAll(conn)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return limit
	}
	return time.Since(start)
}

// TestProofIdleConnections shows the fact behind the check: with
// ReadHeaderTimeout alone an idle keep-alive connection stays open (here
// past 1.5 s, though the header timeout is 200 ms); IdleTimeout closes it.
func TestProofIdleConnections(t *testing.T) {
	const limit = 1500 * time.Millisecond

	open := idleLifetime(t, &http.Server{ReadHeaderTimeout: 200 * time.Millisecond}, limit)
	assert.Equal(t, limit, open, "ReadHeaderTimeout alone does not close idle connections")

	closed := idleLifetime(t, &http.Server{ReadHeaderTimeout: 200 * time.Millisecond, IdleTimeout: 300 * time.Millisecond}, limit)
	assert.Less(t, closed, time.Second, "IdleTimeout closes the idle connection")
	assert.GreaterOrEqual(t, closed, 250*time.Millisecond)
	t.Logf("idle connection: ReadHeaderTimeout only → still open after %v; with IdleTimeout 300ms → closed after %v", open, closed.Round(time.Millisecond))

	hung := slowHeaderLifetime(t, &http.Server{}, limit)
	assert.Equal(t, limit, hung, "a Server without timeouts waits forever for the rest of the header")
	cut := slowHeaderLifetime(t, &http.Server{ReadHeaderTimeout: 200 * time.Millisecond}, limit)
	assert.Less(t, cut, time.Second)
	t.Logf("half-sent header: no timeouts → still open after %v; ReadHeaderTimeout 200ms → closed after %v", hung, cut.Round(time.Millisecond))
}
