package contentlength_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startLoopServer serves a request loop on every connection, the shape
// contentlength flags when head has no framing. Connections stay open
// until the client closes them or the test ends.
func startLoopServer(t *testing.T, head string) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { _ = conn.Close() }()
				if conn.SetDeadline(time.Now().Add(5*time.Second)) != nil {
					return
				}
				br := bufio.NewReader(conn)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					if _, err := io.Copy(io.Discard, req.Body); err != nil {
						return
					}
					if _, err := io.WriteString(conn, head); err != nil {
						return
					}
				}
			}()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close() // best effort: the test is over
		mu.Lock()
		for _, c := range conns {
			_ = c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return ln.Addr().String()
}

type fetchResult struct {
	headers time.Duration // until the response head arrived
	total   time.Duration // until the body was read (or failed)
	body    string
	err     error
}

// fetchAll sends n concurrent GETs with a client whose Timeout is timeout.
func fetchAll(t *testing.T, addr string, n int, timeout time.Duration) []fetchResult {
	client := &http.Client{Timeout: timeout, Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	out := make([]fetchResult, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			resp, err := client.Get("http://" + addr + "/")
			out[i].headers = time.Since(start)
			if err != nil {
				out[i].err = err
				out[i].total = out[i].headers
				return
			}
			b, err := io.ReadAll(resp.Body)
			_ = resp.Body.Close() // the read error is the one that matters
			out[i].total, out[i].body, out[i].err = time.Since(start), string(b), err
		}()
	}
	wg.Wait()
	return out
}

// TestProofUnframedResponseHangsClient runs the flagged shape (a request
// loop answering "HTTP/1.1 200 OK\r\n\r\nhello") and the fixed one (the
// same with Content-Length: 5) against 4 concurrent Go clients with a 500
// ms timeout. The flagged response's head arrives at once but its body
// never ends: every read fails at the client's deadline. The fixed
// response is read completely at once.
func TestProofUnframedResponseHangsClient(t *testing.T) {
	const n, timeout = 4, 500 * time.Millisecond

	bad := startLoopServer(t, "HTTP/1.1 200 OK\r\n\r\nhello")
	for i, r := range fetchAll(t, bad, n, timeout) {
		t.Logf("flagged shape, client %d: head after %v, body read failed after %v: %v", i, r.headers, r.total, r.err)
		assert.Less(t, r.headers, timeout, "the head itself arrives at once")
		require.Error(t, r.err, "the client cannot find the end of the body")
		assert.GreaterOrEqual(t, r.total, timeout-50*time.Millisecond, "it waits until its deadline")
	}

	good := startLoopServer(t, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
	for i, r := range fetchAll(t, good, n, timeout) {
		t.Logf("fixed shape, client %d: head after %v, body read after %v", i, r.headers, r.total)
		require.NoError(t, r.err)
		assert.Equal(t, "hello", r.body)
		assert.Less(t, r.total, 200*time.Millisecond, "the body is complete at once")
	}
}
