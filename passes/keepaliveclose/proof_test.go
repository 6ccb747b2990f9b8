package keepaliveclose_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// postResponseWork is how long the servers below work after writing the
// response and before closing. Without it the race still happens, but how
// often depends on the machine's load.
const postResponseWork = 2 * time.Millisecond

// oneShotServer is the shape keepaliveclose flags (announce == false): read
// one request, write a framed response, close. With announce it is the
// fixed shape: the same response carries Connection: close.
type oneShotServer struct {
	ln       net.Listener
	announce bool
	// readNext makes the server read (and drop) the client's next request
	// before closing, as servers that drain the connection do.
	readNext bool
	gets     atomic.Int64 // requests the server received, by method
	posts    atomic.Int64
	wg       sync.WaitGroup
}

func startOneShot(t *testing.T, announce, readNext bool) *oneShotServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := &oneShotServer{ln: ln, announce: announce, readNext: readNext}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				s.serve(conn)
			}()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close() // best effort: the test is over
		s.wg.Wait()
	})
	return s
}

func (s *oneShotServer) serve(conn net.Conn) {
	defer func() { _ = conn.Close() }()
	if conn.SetDeadline(time.Now().Add(5*time.Second)) != nil {
		return
	}
	br := bufio.NewReader(conn)
	req, err := http.ReadRequest(br)
	if err != nil {
		return
	}
	s.count(req)
	head := "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
	if s.announce {
		head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"
	}
	if _, err := io.WriteString(conn, head); err != nil {
		return
	}
	// A little work after the response (logging, metrics) before the close,
	// as real servers do; the same for the fixed shape.
	time.Sleep(postResponseWork)
	if s.readNext {
		if next, err := http.ReadRequest(br); err == nil {
			s.count(next) // received, never answered
		}
	}
}

func (s *oneShotServer) count(req *http.Request) {
	_, _ = io.Copy(io.Discard, req.Body) // counted even if the body breaks off
	if req.Method == http.MethodPost {
		s.posts.Add(1)
	} else {
		s.gets.Add(1)
	}
}

type loadResult struct {
	sentGets, sentPosts int
	attempts            int // connections handed to requests: retries show as extra attempts
	getErrors           int
	postErrors          int
	firstError          string
}

// load sends workers × perWorker requests, alternating GET and POST, over
// one keep-alive Transport.
func load(t *testing.T, addr string, workers, perWorker int) loadResult {
	tr := &http.Transport{MaxIdleConnsPerHost: workers}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 3 * time.Second}
	var mu sync.Mutex
	var res loadResult
	var attempts atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				post := (w+i)%2 == 1
				method, body := http.MethodGet, io.Reader(nil)
				if post {
					method, body = http.MethodPost, strings.NewReader("payload")
				}
				req, err := http.NewRequest(method, "http://"+addr+"/", body)
				require.NoError(t, err)
				req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
					GotConn: func(httptrace.GotConnInfo) { attempts.Add(1) },
				}))
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.ReadAll(resp.Body)
					_ = resp.Body.Close() // the read error is the one that matters
				}
				mu.Lock()
				if post {
					res.sentPosts++
				} else {
					res.sentGets++
				}
				if err != nil {
					if post {
						res.postErrors++
					} else {
						res.getErrors++
					}
					if res.firstError == "" {
						res.firstError = err.Error()
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.attempts = int(attempts.Load())
	return res
}

// TestProofUnannouncedCloseBreaksKeepAlive runs the flagged one-shot
// server shapes and the fixed one against a real Go client with
// keep-alive: 8 workers × 60 requests, half GET, half POST, on one
// Transport. The flagged shapes make POSTs fail and GETs be sent again
// (silently retried by the Transport; received twice by a server that
// reads the next request before closing); the fixed shape has none of it.
func TestProofUnannouncedCloseBreaksKeepAlive(t *testing.T) {
	const workers, perWorker = 8, 60
	start := time.Now()

	bad := startOneShot(t, false, false)
	r := load(t, bad.ln.Addr().String(), workers, perWorker)
	sent := r.sentGets + r.sentPosts
	require.Equal(t, workers*perWorker, sent)
	t.Logf("flagged shape (close after the response): sent %d GET + %d POST; errors GET %d, POST %d (first: %s); "+
		"attempts %d (%d silent retries); server saw %d GET, %d POST",
		r.sentGets, r.sentPosts, r.getErrors, r.postErrors, r.firstError, r.attempts, r.attempts-sent, bad.gets.Load(), bad.posts.Load())
	assert.Positive(t, r.postErrors, "non-idempotent requests on the dying connection fail")
	assert.Greater(t, r.attempts, sent, "idempotent requests are silently sent again")

	drain := startOneShot(t, false, true)
	r = load(t, drain.ln.Addr().String(), workers, perWorker)
	dupGets := int(drain.gets.Load()) - r.sentGets
	t.Logf("flagged shape (read the next request, then close): sent %d GET + %d POST; errors GET %d, POST %d (first: %s); "+
		"server saw %d GET (%d duplicated), %d POST",
		r.sentGets, r.sentPosts, r.getErrors, r.postErrors, r.firstError, drain.gets.Load(), dupGets, drain.posts.Load())
	assert.Positive(t, r.postErrors, "non-idempotent requests on the dying connection fail")
	assert.Positive(t, dupGets, "the server receives GETs twice")

	good := startOneShot(t, true, false)
	r = load(t, good.ln.Addr().String(), workers, perWorker)
	t.Logf("fixed shape (Connection: close): sent %d GET + %d POST; errors GET %d, POST %d; attempts %d; server saw %d GET, %d POST",
		r.sentGets, r.sentPosts, r.getErrors, r.postErrors, r.attempts, good.gets.Load(), good.posts.Load())
	assert.Zero(t, r.getErrors+r.postErrors, "first error: %s", r.firstError)
	assert.Equal(t, r.sentGets+r.sentPosts, r.attempts, "no request is retried")
	assert.Equal(t, int64(r.sentGets), good.gets.Load(), "no GET is received twice")
	assert.Equal(t, int64(r.sentPosts), good.posts.Load())

	elapsed := time.Since(start)
	t.Logf("three runs took %v", elapsed)
	assert.Less(t, elapsed, 10*time.Second)
}
