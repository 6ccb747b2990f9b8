package session4

import (
	"bufio"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Port80 answers ACME http-01 challenges and redirects everything else to
// HTTPS. It runs on a bare listener so it can start before the TLS server.
type Port80 struct {
	mu     sync.RWMutex
	tokens map[string]string // token -> key authorization
	Host   string
}

// SetToken publishes a challenge response.
func (s *Port80) SetToken(token, keyAuth string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tokens == nil {
		s.tokens = make(map[string]string)
	}
	s.tokens[token] = keyAuth
}

// Serve accepts connections until ln fails.
func (s *Port80) Serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go s.serve(conn)
	}
}

func (s *Port80) serve(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	if token, ok := strings.CutPrefix(req.URL.Path, "/.well-known/acme-challenge/"); ok {
		s.challenge(conn, req, token)
		return
	}
	s.redirect(conn, req)
}

// reply writes a length-framed text response.
func reply(w io.Writer, req *http.Request, code int, body string) error {
	res := &http.Response{
		StatusCode:    code,
		ProtoMajor:    1,
		ProtoMinor:    1,
		Request:       req,
		Header:        http.Header{"Content-Type": {"text/plain"}},
		ContentLength: int64(len(body)),
		Body:          io.NopCloser(strings.NewReader(body)),
	}
	return res.Write(w)
}

// ---------------------------------------------------------------------------
// SHAPE: ACME challenge handler gets the net.Conn, answers 200/404 through reply (Content-Length, keep-alive) and returns to serve's deferred close; the CA's validator keeps the connection for the next probe
func (s *Port80) challenge(conn net.Conn, req *http.Request, token string) {
	s.mu.RLock()
	keyAuth, ok := s.tokens[token]
	s.mu.RUnlock()
	code, body := http.StatusOK, keyAuth
	if !ok {
		code, body = http.StatusNotFound, "unknown token\n"
	}
	if err := reply(conn, req, code, body); err != nil { // BUG: keepaliveclose
		log.Printf("acme: %s: %v", conn.RemoteAddr(), err)
	}
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose the redirect's body is a reader with no ContentLength: Response.Write cannot frame it for HTTP/1.1, so it sets Close itself and sends Connection: close
func (s *Port80) redirect(conn net.Conn, req *http.Request) {
	target := "https://" + s.Host + req.URL.RequestURI()
	res := &http.Response{
		StatusCode: http.StatusPermanentRedirect,
		ProtoMajor: 1,
		ProtoMinor: 1,
		Request:    req,
		Header:     http.Header{"Location": {target}, "Content-Type": {"text/plain"}},
		Body:       io.NopCloser(strings.NewReader("Moved to " + target + "\n")),
	}
	res.Write(conn) // NAIVE: keepaliveclose
}
