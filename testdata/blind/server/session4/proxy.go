// Package session4 holds raw-TCP HTTP proxies and small port-80 responders:
// accept loops whose per-connection function reads the request itself and
// hands the connection to CONNECT, auth and plugin handlers.
package session4

import (
	"bufio"
	"context"
	"encoding/base64"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"time"
)

// errorResponse builds a small plain-text response to req. It sets the
// length, so Response.Write frames it with Content-Length.
func errorResponse(req *http.Request, code int, msg string) *http.Response {
	return &http.Response{
		StatusCode:    code,
		ProtoMajor:    1,
		ProtoMinor:    1,
		Request:       req,
		Header:        make(http.Header),
		ContentLength: int64(len(msg)),
		Body:          io.NopCloser(strings.NewReader(msg)),
	}
}

// writeError writes errorResponse(req, code, msg) to w.
func writeError(w io.Writer, req *http.Request, code int, msg string) error {
	res := errorResponse(req, code, msg)
	res.Header.Set("Content-Type", "text/plain; charset=utf-8")
	return res.Write(w)
}

// splice copies between the client and the upstream until both sides are done.
func splice(client, upstream net.Conn) {
	done := make(chan struct{}, 2)
	cp := func(dst, src net.Conn) {
		io.Copy(dst, src)
		if cw, ok := dst.(interface{ CloseWrite() error }); ok {
			cw.CloseWrite()
		}
		done <- struct{}{}
	}
	go cp(upstream, client)
	go cp(client, upstream)
	<-done
	<-done
}

// TunnelProxy is a CONNECT-only forward proxy with basic authentication.
type TunnelProxy struct {
	Realm   string
	Users   map[string]string
	Dialer  *net.Dialer
	Logger  *log.Logger
	Timeout time.Duration
}

// NewTunnelProxy returns a proxy with sane dial limits.
func NewTunnelProxy(realm string, users map[string]string) *TunnelProxy {
	return &TunnelProxy{
		Realm:   realm,
		Users:   users,
		Dialer:  &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second},
		Logger:  log.Default(),
		Timeout: 15 * time.Second,
	}
}

// Serve accepts connections until ln fails.
func (p *TunnelProxy) Serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go p.serveConn(conn)
	}
}

func (p *TunnelProxy) serveConn(conn net.Conn) {
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(p.Timeout))
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	conn.SetReadDeadline(time.Time{})
	if !p.authorized(req) {
		p.requireAuth(conn, req)
		return
	}
	if req.Method != http.MethodConnect {
		p.rejectMethod(conn, req)
		return
	}
	p.handleConnect(conn, req)
}

func (p *TunnelProxy) authorized(req *http.Request) bool {
	h := req.Header.Get("Proxy-Authorization")
	enc, ok := strings.CutPrefix(h, "Basic ")
	if !ok {
		return false
	}
	raw, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return false
	}
	user, pass, ok := strings.Cut(string(raw), ":")
	return ok && p.Users[user] == pass && pass != ""
}

// ---------------------------------------------------------------------------
// SHAPE: auth handler gets the conn as an io.ReadWriteCloser, writes a 407 built by errorResponse (Content-Length, no Close) and returns; serveConn's deferred conn.Close then drops the keep-alive connection the client will retry on
func (p *TunnelProxy) requireAuth(rwc io.ReadWriteCloser, req *http.Request) {
	res := errorResponse(req, http.StatusProxyAuthRequired, "proxy authentication required\n")
	res.Header.Set("Proxy-Authenticate", `Basic realm="`+p.Realm+`"`)
	if err := res.Write(rwc); err != nil { // BUG: keepaliveclose
		p.Logger.Printf("proxy: 407 to %s: %v", req.RemoteAddr, err)
	}
}

// ---------------------------------------------------------------------------
// SHAPE: non-CONNECT requests get a 405 through writeError and the handler returns; the deferred close in serveConn hangs up unannounced
func (p *TunnelProxy) rejectMethod(conn net.Conn, req *http.Request) {
	p.Logger.Printf("proxy: %s %s from %s: only CONNECT is supported", req.Method, req.URL, conn.RemoteAddr())
	writeError(conn, req, http.StatusMethodNotAllowed, "this proxy only tunnels (CONNECT)\n") // BUG: keepaliveclose
}

// ---------------------------------------------------------------------------
// SHAPE: CONNECT dial failure answered 502 through writeError, then return to serveConn's deferred close with no Connection: close
func (p *TunnelProxy) handleConnect(conn net.Conn, req *http.Request) {
	ctx, cancel := context.WithTimeout(context.Background(), p.Timeout)
	upstream, err := p.Dialer.DialContext(ctx, "tcp", req.Host)
	cancel()
	if err != nil {
		p.Logger.Printf("proxy: dial %s: %v", req.Host, err)
		writeError(conn, req, http.StatusBadGateway, "upstream unreachable\n") // BUG: keepaliveclose
		return
	}
	defer upstream.Close()
	p.tunnel(conn, upstream)
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose 200 Connection established turns the conn into a tunnel; splice copies until both sides finish, and the close after that ends the tunnel, not an HTTP exchange
func (p *TunnelProxy) tunnel(conn, upstream net.Conn) {
	if _, err := io.WriteString(conn, "HTTP/1.1 200 Connection established\r\n\r\n"); err != nil { // NAIVE: keepaliveclose
		return
	}
	splice(conn, upstream)
}

// closingResponse is errorResponse for handlers that hang up afterwards:
// Close makes Response.Write send Connection: close.
func closingResponse(req *http.Request, code int, msg string) *http.Response {
	res := errorResponse(req, code, msg)
	res.Close = true
	return res
}

// StrictProxy is TunnelProxy's sibling for the internal network: one
// attempt per connection.
type StrictProxy struct {
	TunnelProxy
}

func (p *StrictProxy) serveConn(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	if !p.authorized(req) {
		p.deny(conn, req)
		return
	}
	if req.Method != http.MethodConnect {
		closingResponse(req, http.StatusMethodNotAllowed, "CONNECT only\n").Write(conn)
		return
	}
	upstream, err := p.Dialer.Dial("tcp", req.Host)
	if err != nil {
		closingResponse(req, http.StatusBadGateway, "upstream unreachable\n").Write(conn)
		return
	}
	defer upstream.Close()
	p.tunnel(conn, upstream)
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose 407 built by closingResponse (Close: true), so Response.Write announces Connection: close before serveConn's deferred close
func (p *StrictProxy) deny(rwc io.ReadWriteCloser, req *http.Request) {
	res := closingResponse(req, http.StatusProxyAuthRequired, "proxy authentication required\n")
	res.Header.Set("Proxy-Authenticate", `Basic realm="`+p.Realm+`"`)
	res.Write(rwc) // NAIVE: keepaliveclose
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose the auth exchange loops on the same connection: after a 407 the next request is read from the same bufio.Reader; only a CONNECT leaves the loop (tunnel) and EOF/errors end it
func (p *TunnelProxy) serveConnKeepAlive(conn net.Conn) {
	defer conn.Close() // NAIVE: keepaliveclose
	br := bufio.NewReader(conn)
	for {
		conn.SetReadDeadline(time.Now().Add(p.Timeout))
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		conn.SetReadDeadline(time.Time{})
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
		if !p.authorized(req) {
			res := errorResponse(req, http.StatusProxyAuthRequired, "proxy authentication required\n")
			res.Header.Set("Proxy-Authenticate", `Basic realm="`+p.Realm+`"`)
			if res.Write(conn) != nil || req.Close {
				return
			}
			continue
		}
		if req.Method != http.MethodConnect {
			if writeError(conn, req, http.StatusMethodNotAllowed, "CONNECT only\n") != nil || req.Close {
				return
			}
			continue
		}
		upstream, err := p.Dialer.Dial("tcp", req.Host)
		if err != nil {
			if writeError(conn, req, http.StatusBadGateway, "upstream unreachable\n") != nil || req.Close {
				return
			}
			continue
		}
		defer upstream.Close()
		p.tunnel(conn, upstream)
		return
	}
}
