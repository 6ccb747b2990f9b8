// Package handlers holds per-connection servers that read one request and
// hand the connection to a function that answers it: the answer is the
// last response on a connection that is closed after it (issue: frp's
// http_proxy plugin, 407 to a CONNECT through getBadResponse).
package handlers

import (
	"bufio"
	"encoding/base64"
	"io"
	"net"
	"net/http"
	"strings"
)

// authProxy is a forward proxy plugin: its listener reads the CONNECT and
// hands the request with the stream to serveConnect.
type authProxy struct {
	user, pass string
}

func (p *authProxy) authorized(req *http.Request) bool {
	s := strings.TrimPrefix(req.Header.Get("Proxy-Authorization"), "Basic ")
	b, err := base64.StdEncoding.DecodeString(s)
	return err == nil && string(b) == p.user+":"+p.pass
}

// proxyAuthRequired builds the 407 a client answers with credentials.
func proxyAuthRequired() *http.Response {
	h := make(http.Header)
	h.Set("Proxy-Authenticate", `Basic realm="proxy"`)
	return &http.Response{
		Status:     "407 Proxy Authentication Required",
		StatusCode: http.StatusProxyAuthRequired,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     h,
	}
}

// Flagged: the function is handed the request and the stream it came on
// (io.ReadWriteCloser), answers 407 from a helper and closes the stream
// on return; the client resends the CONNECT with credentials on it.
func (p *authProxy) serveConnect(req *http.Request, stream io.ReadWriteCloser) {
	defer stream.Close()
	if !p.authorized(req) {
		resp := proxyAuthRequired()
		resp.Write(stream) // want `stream is closed after this response, which does not say Connection: close`
		return
	}
	upstream, err := net.Dial("tcp", req.URL.Host)
	if err != nil {
		return
	}
	defer upstream.Close()
	io.WriteString(stream, "HTTP/1.1 200 Connection established\r\n\r\n")
	go io.Copy(upstream, stream)
	io.Copy(stream, upstream)
}

// gateway reads one request per connection and hands it to route.
type gateway struct {
	allowed map[string]bool
}

func (g *gateway) handleConn(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	g.route(conn, req)
}

// Flagged: the caller read the request and closes the connection after
// route returns; route answers 403 through the conn it is given.
func (g *gateway) route(conn net.Conn, req *http.Request) {
	if !g.allowed[req.Host] {
		resp := &http.Response{
			StatusCode:    http.StatusForbidden,
			ProtoMajor:    1,
			ProtoMinor:    1,
			Header:        http.Header{"Content-Type": {"text/plain"}},
			ContentLength: int64(len("forbidden\n")),
			Body:          io.NopCloser(strings.NewReader("forbidden\n")),
		}
		resp.Write(conn) // want `conn is closed after this response`
		return
	}
	upstream, err := net.Dial("tcp", req.Host)
	if err != nil {
		return
	}
	defer upstream.Close()
	req.Write(upstream)
	io.Copy(conn, upstream)
}

// deny writes a body-less error response to whatever stream it is given.
func deny(w io.Writer, code int) error {
	res := &http.Response{
		StatusCode: code,
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     make(http.Header),
	}
	res.Header.Set("Content-Type", "text/plain")
	return res.Write(w) // want `w is closed after this response`
}

// Flagged: the stream is an io.ReadWriteCloser the request is read from;
// deny answers and the deferred Close drops it. deny has two callers: no
// fix (it would change the other caller's responses too).
func serveStream(rwc io.ReadWriteCloser, token string) {
	defer rwc.Close()
	req, err := http.ReadRequest(bufio.NewReader(rwc))
	if err != nil {
		return
	}
	if req.Header.Get("Authorization") != "Bearer "+token {
		deny(rwc, http.StatusUnauthorized)
		return
	}
	io.WriteString(rwc, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
}

func serveLimited(conn net.Conn, busy bool) {
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		conn.Close()
		return
	}
	_ = req
	if busy {
		deny(conn, http.StatusServiceUnavailable)
		conn.Close()
		return
	}
	go keep(conn)
}

func keep(net.Conn) {}

// Flagged: the caller read the request; refuse answers and closes the
// connection itself.
func serveTunnel(conn net.Conn) {
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		conn.Close()
		return
	}
	if req.Method != http.MethodConnect {
		refuse(conn)
		return
	}
	go keep(conn)
}

func refuse(c net.Conn) {
	defer c.Close()
	resp := &http.Response{StatusCode: http.StatusMethodNotAllowed, ProtoMajor: 1, ProtoMinor: 1}
	resp.Write(c) // want `c is closed after this response`
}

// Flagged: a handler handed the request writes raw text through the
// stream's own Write method, then closes it.
type tunnelConn interface {
	io.ReadWriter
	Close() error
	CloseWrite() error
}

func badGateway(req *http.Request, tc tunnelConn) {
	defer tc.Close()
	if _, err := net.ResolveTCPAddr("tcp", req.Host); err != nil {
		tc.Write([]byte("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")) // want `tc is closed after this response`
		return
	}
	tc.CloseWrite()
}
