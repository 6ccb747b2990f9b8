package looppaths

import (
	"bufio"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
)

// The close follows the client's keep-alive: Close is set on the path
// that leaves, so Response.Write says Connection: close there.
func closeOnLeave(client net.Conn, rt http.RoundTripper) error {
	defer client.Close()
	br := bufio.NewReader(client)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return err
		}
		persistent := strings.EqualFold(req.Header.Get("Proxy-Connection"), "keep-alive")
		resp, err := rt.RoundTrip(req)
		if err != nil {
			return err
		}
		if persistent {
			resp.Header.Set("Connection", "keep-alive")
		}
		resp.Close = !persistent
		if err := resp.Write(client); err != nil {
			return err
		}
		if !persistent {
			return nil
		}
	}
}

// Connection: close is set on the last response, keep-alive on the
// others: the branch that leaves is the one that said close.
func lastAnnounced(conn net.Conn, rt http.RoundTripper, limit int) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for n := 1; ; n++ {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		resp, err := rt.RoundTrip(req)
		if err != nil {
			return
		}
		last := n >= limit
		if last {
			resp.Header.Set("Connection", "close")
		} else if resp.ContentLength >= 0 {
			resp.Header.Set("Connection", "keep-alive")
			resp.Close = false
		}
		resp.Write(conn)
		if last {
			break
		}
	}
}

// The upstream's own close is honoured: keep-alive is only said when the
// upstream kept the connection, and the loop ends only when it did not.
func upstreamClose(client net.Conn, upstream net.Conn) {
	defer client.Close()
	cbr := bufio.NewReader(client)
	ubr := bufio.NewReader(upstream)
	for {
		req, err := http.ReadRequest(cbr)
		if err != nil {
			return
		}
		if err := req.Write(upstream); err != nil {
			return
		}
		resp, err := http.ReadResponse(ubr, req)
		if err != nil {
			return
		}
		closing := resp.Close
		if resp.ContentLength >= 0 && !closing {
			resp.Header.Set("Connection", "keep-alive")
			resp.Close = false
		}
		if err := resp.Write(client); err != nil {
			return
		}
		if closing {
			return
		}
	}
}

// Keep-alive, framed, and the loop comes round.
func comesRound(conn net.Conn, rt http.RoundTripper) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		resp, err := rt.RoundTrip(req)
		if err != nil {
			io.WriteString(conn, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
			continue
		}
		if resp.ContentLength > 0 {
			resp.Header.Set("Connection", "keep-alive")
			resp.Close = false
		}
		if err := resp.Write(conn); err != nil {
			return
		}
	}
}

// Keep-alive is said, but the body has no known length: Response.Write
// ends it with the close (or says Connection: close itself).
func unframed(conn net.Conn, rt http.RoundTripper, persistent bool) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		resp, err := rt.RoundTrip(req)
		if err != nil {
			return
		}
		resp.Header.Set("Connection", "keep-alive")
		resp.Close = false
		resp.ContentLength = -1
		resp.Write(conn)
		if !persistent {
			return
		}
	}
}

// HTTP/1.0 clients and clients that asked to close are let go: the branch
// that leaves reads the client's own request.
func clientAsked(conn net.Conn, rt http.RoundTripper) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		closing := req.Close
		resp, err := rt.RoundTrip(req)
		if err != nil {
			return
		}
		if resp.ContentLength >= 0 {
			resp.Header.Set("Connection", "keep-alive")
			resp.Close = false
		}
		if err := resp.Write(conn); err != nil {
			return
		}
		if !req.ProtoAtLeast(1, 1) {
			return
		}
		if closing {
			return
		}
	}
}

// The read failed (the client closed, EOF): no request to answer.
func readError(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			log.Printf("read: %v", err)
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		_ = req
	}
}

// A CONNECT request is answered with 200 and the connection becomes a
// tunnel, after the loop or in a function that takes it.
func connectTunnel(conn net.Conn, dial func(string) (net.Conn, error)) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	var target string
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.Method == http.MethodConnect {
			target = req.Host
			break
		}
		io.WriteString(conn, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
	}
	up, err := dial(target)
	if err != nil {
		io.WriteString(conn, "HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
		return
	}
	defer up.Close()
	io.WriteString(conn, "HTTP/1.1 200 Connection established\r\n\r\n")
	go io.Copy(up, conn)
	io.Copy(conn, up)
}

// A handler decides and answers; leaving after it is its business.
type handler interface {
	Serve(*http.Request) bool
}

func delegated(conn net.Conn, h handler) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if !h.Serve(req) {
			return
		}
		io.WriteString(conn, "HTTP/1.1 204 No Content\r\n\r\n")
	}
}

// A request the loop does not serve is handed back to the caller, which
// answers it.
func nextRequest(conn net.Conn, br *bufio.Reader) (*http.Request, error) {
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return nil, err
		}
		if req.Method == http.MethodOptions {
			io.WriteString(conn, "HTTP/1.1 204 No Content\r\nAllow: GET\r\n\r\n")
			continue
		}
		return req, nil
	}
}

// The request body is read from the connection; a failure there is an I/O
// failure of the connection.
func readBody(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		_ = body
	}
}

// Every response of the loop says Connection: close: its client does not
// send a second request.
func closingLoop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.URL.Path == "/quit" {
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
	}
}

// A websocket upgrade hands the connection on.
func upgrade(conn net.Conn, serveWS func(net.Conn, *http.Request)) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if strings.EqualFold(req.Header.Get("Upgrade"), "websocket") {
			serveWS(conn, req)
			return
		}
		io.WriteString(conn, "HTTP/1.1 426 Upgrade Required\r\nContent-Length: 0\r\n\r\n")
	}
}

// The wrapped connection's loop answers a large request with 413 and
// Connection: close before it leaves.
type meteredConn struct {
	net.Conn
	bytes int64
}

func metered(c *meteredConn) {
	br := bufio.NewReader(c)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.ContentLength > 1<<20 {
			io.WriteString(c, "HTTP/1.1 413 Request Entity Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
			return
		}
		io.WriteString(c, "HTTP/1.1 204 No Content\r\n\r\n")
	}
}
