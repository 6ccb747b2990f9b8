package handlers

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
)

// replyError frames a small error response and writes it to w: a helper
// the handlers below share.
func replyError(w io.Writer, code int, msg string) error {
	res := &http.Response{
		StatusCode:    code,
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        make(http.Header),
		ContentLength: int64(len(msg)),
		Body:          io.NopCloser(strings.NewReader(msg)),
	}
	return res.Write(w)
}

// replyClosing is replyError announcing the close.
func replyClosing(w io.Writer, code int, msg string) error {
	res := &http.Response{
		StatusCode:    code,
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        make(http.Header),
		ContentLength: int64(len(msg)),
		Body:          io.NopCloser(strings.NewReader(msg)),
		Close:         true,
	}
	return res.Write(w)
}

type forwarder struct{ upstream string }

func (f *forwarder) serve(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	switch req.Method {
	case http.MethodConnect:
		f.connect(conn, req)
	case http.MethodOptions:
		f.options(conn)
	default:
		f.reject(conn, req)
	}
}

// Flagged: the handler answers through the shared helper and returns to
// serve's deferred close; reported at the handler's call.
func (f *forwarder) reject(conn net.Conn, req *http.Request) {
	replyError(conn, http.StatusMethodNotAllowed, "only CONNECT\n") // want `conn is closed after this response`
}

// Flagged: the dial failure is answered through the helper, then the
// deferred close.
func (f *forwarder) connect(conn net.Conn, req *http.Request) {
	up, err := net.Dial("tcp", f.upstream)
	if err != nil {
		replyError(conn, http.StatusBadGateway, "upstream unreachable\n") // want `conn is closed after this response`
		return
	}
	defer up.Close()
	io.WriteString(conn, "HTTP/1.1 200 Connection established\r\n\r\n")
	go io.Copy(up, conn)
	io.Copy(conn, up)
}

// Silent: the helper announces the close.
func (f *forwarder) options(conn net.Conn) {
	replyClosing(conn, http.StatusNoContent, "")
}

// Silent: after the helper's answer the handler serves the next request
// on the connection itself.
func retryAuth(conn net.Conn, br *bufio.Reader) {
	replyError(conn, http.StatusProxyAuthRequired, "credentials\n")
	if req, err := http.ReadRequest(br); err == nil {
		_ = req
	}
}

func serveRetry(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	if _, err := http.ReadRequest(br); err != nil {
		return
	}
	retryAuth(conn, br)
}

// Silent: the handler hands the connection on after the helper's answer.
func handOff(conn net.Conn, pool chan<- net.Conn) {
	replyError(conn, http.StatusServiceUnavailable, "busy\n")
	pool <- conn
}

func serveHandOff(conn net.Conn, pool chan<- net.Conn) {
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		conn.Close()
		return
	}
	handOff(conn, pool)
}

// Silent: the helper is called in a loop that serves request after
// request on the connection.
func serveLoop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		replyError(conn, http.StatusTooManyRequests, "slow down\n")
	}
}

type gate struct{ users map[string]string }

func (g *gate) serve(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	if req.Header.Get("Proxy-Authorization") == "" {
		g.challenge(conn)
		return
	}
	if req.Method != http.MethodConnect {
		g.refuse(conn)
		return
	}
	g.tunnel(conn, req)
}

// Flagged: the 407 through the helper, then serve's deferred close.
func (g *gate) challenge(conn net.Conn) {
	replyError(conn, http.StatusProxyAuthRequired, "credentials\n") // want `conn is closed after this response`
}

// Flagged: reached after the challenge branch, which returned: that
// earlier use is on another path.
func (g *gate) refuse(conn net.Conn) {
	replyError(conn, http.StatusMethodNotAllowed, "CONNECT only\n") // want `conn is closed after this response`
}

func (g *gate) tunnel(conn net.Conn, req *http.Request) {
	up, err := net.Dial("tcp", req.Host)
	if err != nil {
		return
	}
	defer up.Close()
	io.WriteString(conn, "HTTP/1.1 200 Connection established\r\n\r\n")
	go io.Copy(up, conn)
	io.Copy(conn, up)
}

// Silent: the earlier branch hands the connection to a pool without
// returning, so the later answer may be on a connection someone else
// serves.
func (g *gate) serveShared(conn net.Conn, pool chan<- net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	if req.Header.Get("Upgrade") != "" {
		pool <- conn
	}
	g.refuseShared(conn)
}

func (g *gate) refuseShared(conn net.Conn) {
	replyError(conn, http.StatusForbidden, "no\n")
}
