package session5

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/valyala/fasthttp"

	"blind/server/session5/wire"
)

// Responder answers a request on a raw connection. The relay asks each
// registered responder in turn; the first that claims the request answers
// it and the relay hangs up.
type Responder interface {
	Match(req *http.Request) bool
	Respond(conn net.Conn, req *http.Request) error
}

// Relay is the raw-TCP front of the metadata service.
type Relay struct {
	Responders []Responder
	Log        *log.Logger
}

func (r *Relay) Serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go r.serveOne(conn)
	}
}

// serveOne reads a single request, lets the first matching responder answer
// it and closes the connection.
func (r *Relay) serveOne(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	for _, rp := range r.Responders {
		if !rp.Match(req) {
			continue
		}
		if err := rp.Respond(conn, req); err != nil {
			r.Log.Printf("relay: %s %s: %v", req.Method, req.URL.Path, err)
		}
		return
	}
	wire.CloseResponse(conn, http.StatusNotFound, "no route\n")
}

// ---------------------------------------------------------------------------
// SHAPE: Responder implementation writes a framed keep-alive http.Response (no Close) and returns to Relay.serveOne, which closes the conn after one request
type tokenResponder struct{ issue func(subject string) string }

func (tokenResponder) Match(req *http.Request) bool { return req.URL.Path == "/token" }

func (t tokenResponder) Respond(conn net.Conn, req *http.Request) error {
	tok := t.issue(req.Header.Get("X-Subject"))
	resp := &http.Response{
		StatusCode:    http.StatusOK,
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"text/plain"}},
		ContentLength: int64(len(tok)),
		Body:          io.NopCloser(strings.NewReader(tok)),
	}
	return resp.Write(conn) // BUG: keepaliveclose
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose Responder implementation answers through wire.CloseResponse (other package), which writes Connection: close; serveOne then closes the conn
type denyResponder struct{ blocked map[string]bool }

func (d denyResponder) Match(req *http.Request) bool {
	host, _, _ := net.SplitHostPort(req.RemoteAddr)
	return d.blocked[host] || strings.HasPrefix(req.URL.Path, "/internal/")
}

func (denyResponder) Respond(conn net.Conn, req *http.Request) error {
	return wire.CloseResponse(conn, http.StatusForbidden, "forbidden\n") // NAIVE: keepaliveclose
}

// ---------------------------------------------------------------------------
// SHAPE: per-connection handler reads one request, a builder in another function returns a framed keep-alive *http.Response, handle writes it and its deferred Close hangs up
type metaServer struct {
	data map[string]any
}

func (m *metaServer) handle(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	resp := m.build(req)
	resp.Write(conn)
}

func (m *metaServer) build(req *http.Request) *http.Response {
	b, _ := json.Marshal(m.data[strings.TrimPrefix(req.URL.Path, "/")])
	return &http.Response{ // BUG: keepaliveclose
		StatusCode:    http.StatusOK,
		ProtoMajor:    1,
		ProtoMinor:    1,
		Request:       req,
		Header:        http.Header{"Content-Type": {"application/json"}},
		ContentLength: int64(len(b)),
		Body:          io.NopCloser(bytes.NewReader(b)),
	}
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose one-shot handler writes the response built by wire.OneShot (other package), which sets Close: true, then closes the conn
func handleLegacy(conn net.Conn, answer func(*http.Request) string) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	resp := wire.OneShot(req, http.StatusOK, answer(req))
	resp.Write(conn) // NAIVE: keepaliveclose
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose keep-alive loop lives in serveConn; serveRequest (another function) reads and answers one request and reports whether the client wants more; serveConn closes only when it does not
type kvServer struct {
	store map[string][]byte
}

func (s *kvServer) serveConn(conn net.Conn) {
	defer conn.Close() // NAIVE: keepaliveclose
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	for s.serveRequest(br, bw) {
	}
}

func (s *kvServer) serveRequest(br *bufio.Reader, bw *bufio.Writer) bool {
	req, err := http.ReadRequest(br)
	if err != nil {
		return false
	}
	io.Copy(io.Discard, req.Body)
	v, ok := s.store[req.URL.Path]
	if !ok {
		wire.WriteFramed(bw, http.StatusNotFound, "text/plain", []byte("not found\n"))
	} else {
		wire.WriteFramed(bw, http.StatusOK, "application/octet-stream", v)
	}
	if bw.Flush() != nil {
		return false
	}
	return !req.Close
}

// ---------------------------------------------------------------------------
// SHAPE: goroutine per connection parses one fasthttp.Request, answers through wire.WriteFramed (Content-Length, no Connection: close) and the goroutine's deferred Close hangs up
func serveBeacons(ln net.Listener, record func(uri []byte)) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go func(c net.Conn) {
			defer c.Close()
			var req fasthttp.Request
			if err := req.Read(bufio.NewReader(c)); err != nil {
				return
			}
			record(req.RequestURI())
			wire.WriteFramed(c, http.StatusOK, "image/gif", pixel) // BUG: keepaliveclose
		}(conn)
	}
}

var pixel = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

var (
	_ = handleLegacy
	_ = serveBeacons
	_ = (*metaServer).handle
	_ = (*kvServer).serveConn
	_ Responder = tokenResponder{}
	_ Responder = denyResponder{}
)
