package handlers

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"sync"
)

// Silent: the helper's response says Close: true (Connection: close).
func closingAuthRequired() *http.Response {
	h := make(http.Header)
	h["Proxy-Authenticate"] = []string{"Basic"}
	return &http.Response{StatusCode: 407, ProtoMajor: 1, ProtoMinor: 1, Header: h, Close: true}
}

func (p *authProxy) serveConnectClosing(req *http.Request, stream io.ReadWriteCloser) {
	defer stream.Close()
	if !p.authorized(req) {
		res := closingAuthRequired()
		res.Write(stream)
		return
	}
	io.WriteString(stream, "HTTP/1.1 200 Connection established\r\n\r\n")
}

// Silent: the helper sets Connection: close in its header.
func announcedDenial(code int) *http.Response {
	h := make(http.Header)
	h.Set("Connection", "close")
	return &http.Response{StatusCode: code, ProtoMajor: 1, ProtoMinor: 1, Header: h}
}

func (p *authProxy) serveAnnounced(req *http.Request, stream io.ReadWriteCloser) {
	defer stream.Close()
	if !p.authorized(req) {
		res := announcedDenial(http.StatusProxyAuthRequired)
		res.Write(stream)
	}
}

// Silent: the handler serves the connection's further requests itself
// (it reads from the conn in a loop).
func (g *gateway) handleConnLoop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	req, err := http.ReadRequest(br)
	if err != nil {
		return
	}
	g.serveRest(conn, br, req)
}

func (g *gateway) serveRest(conn net.Conn, br *bufio.Reader, req *http.Request) {
	for {
		resp := &http.Response{StatusCode: http.StatusNoContent, ProtoMajor: 1, ProtoMinor: 1}
		if !g.allowed[req.Host] {
			resp.StatusCode = http.StatusForbidden
		}
		if err := resp.Write(conn); err != nil {
			return
		}
		next, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		req = next
	}
}

// Silent: a CONNECT tunnel: the handler answers 200 and splices the
// connection both ways before the caller closes it.
func (g *gateway) handleConnect(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	g.splice(conn, req)
}

func (g *gateway) splice(client net.Conn, req *http.Request) {
	upstream, err := net.Dial("tcp", req.Host)
	if err != nil {
		return
	}
	defer upstream.Close()
	established := &http.Response{StatusCode: http.StatusOK, ProtoMajor: 1, ProtoMinor: 1}
	established.Write(client)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		io.Copy(upstream, client)
	}()
	io.Copy(client, upstream)
	wg.Wait()
}

// Silent: the close is what the client asked for (req.Close decides).
func (p *authProxy) serveHonouringClose(req *http.Request, stream io.ReadWriteCloser) {
	if req.Close || !req.ProtoAtLeast(1, 1) {
		defer stream.Close()
		res := proxyAuthRequired()
		res.Write(stream)
		return
	}
	go p.serveConnect(req, stream)
}

// Silent: the handler answers in HTTP/1.0, whose connections close after
// the response unless it says keep-alive.
func serveLegacy(rwc io.ReadWriteCloser) {
	defer rwc.Close()
	req, err := http.ReadRequest(bufio.NewReader(rwc))
	if err != nil {
		return
	}
	legacyReply(rwc, req)
}

func legacyReply(w io.Writer, req *http.Request) {
	res := &http.Response{StatusCode: http.StatusOK, ProtoMajor: 1, ProtoMinor: 0, ContentLength: 0}
	if req.Method != http.MethodHead {
		res.Write(w)
	}
}

// Silent: the handler hands the connection to a pool that keeps serving
// it after its answer.
type pool struct{ conns chan io.ReadWriteCloser }

func (pl *pool) serveKept(rwc io.ReadWriteCloser) {
	defer rwc.Close()
	req, err := http.ReadRequest(bufio.NewReader(rwc))
	if err != nil {
		return
	}
	pl.answerAndKeep(rwc, req)
}

func (pl *pool) answerAndKeep(rwc io.ReadWriteCloser, req *http.Request) {
	res := &http.Response{StatusCode: http.StatusAccepted, ProtoMajor: 1, ProtoMinor: 1}
	res.Write(rwc)
	pl.conns <- rwc
}

// Silent: the caller keeps the connection after the handler answered:
// it passes it on to a server loop, no close follows the call.
func (pl *pool) serveThenKeep(conn net.Conn) {
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		conn.Close()
		return
	}
	deny(conn, http.StatusTooManyRequests)
	pl.conns <- conn
	_ = req
}

// Silent: the handler is called in the caller's request loop, which reads
// the next request after it.
func (g *gateway) serveLoop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		g.answer(conn, req)
	}
}

func (g *gateway) answer(conn net.Conn, req *http.Request) {
	res := &http.Response{StatusCode: http.StatusNoContent, ProtoMajor: 1, ProtoMinor: 1}
	if g.allowed[req.Host] {
		res.Write(conn)
	}
}

// Silent: a protocol switch: after 101 the connection speaks another
// protocol, whose end the close is.
func upgradeStream(req *http.Request, rwc io.ReadWriteCloser) {
	defer rwc.Close()
	res := &http.Response{StatusCode: http.StatusSwitchingProtocols, ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{"Upgrade": {"echo"}}}
	res.Write(rwc)
	io.Copy(rwc, rwc)
}

// Silent: a client, not a server: the function is handed a request and
// the connection it sends it on, and reads the response.
func roundTrip(req *http.Request, conn io.ReadWriteCloser) (*http.Response, error) {
	defer conn.Close()
	if err := req.Write(conn); err != nil {
		return nil, err
	}
	return http.ReadResponse(bufio.NewReader(conn), req)
}

// Silent: a net/http handler with a ResponseWriter: the server owns the
// connection, the stream is the backend's.
func forwardTo(w http.ResponseWriter, req *http.Request, backend io.ReadWriteCloser) {
	defer backend.Close()
	res := &http.Response{StatusCode: http.StatusOK, ProtoMajor: 1, ProtoMinor: 1}
	res.Write(backend)
	w.WriteHeader(http.StatusNoContent)
}

// Silent: the response relayed from upstream: its header, which the
// model cannot see, decides.
func relayUpstream(req *http.Request, client io.ReadWriteCloser, upstream *bufio.Reader) {
	defer client.Close()
	resp, err := http.ReadResponse(upstream, req)
	if err != nil {
		return
	}
	resp.Write(client)
}

// Silent: a body-less response that carries the request: answering a GET
// or HEAD, Write sends no Content-Length, and the close ends the body.
func answerWithRequest(req *http.Request, rwc io.ReadWriteCloser) {
	defer rwc.Close()
	res := &http.Response{StatusCode: http.StatusNotFound, ProtoMajor: 1, ProtoMinor: 1, Request: req}
	res.Write(rwc)
}
