// Package shapes holds server shapes from public code (issue 10): accept
// loops, handlers called per connection, responses written through
// objects, hijacks through ResponseController, proxies' error paths.
package shapes

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
)

// Flagged: a serial accept loop; the request read is in the loop over
// connections, not in a loop over one connection's requests.
func serialAccept(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
			conn.Close()
			continue
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response`
		conn.Close()
	}
}

// Flagged: one-shot handling in the function the accept loop starts.
type server struct{ ln net.Listener }

func (s *server) serve() {
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		go s.handle(conn)
	}
}

func (s *server) handle(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	log.Printf("%s %s from %T", req.Method, req.URL, conn)
	fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", 2, "ok") // want `conn is closed after this response`
}

// Flagged: an http.Response whose status comes from a parameter, with a
// Header literal and Header.Set calls that do not announce the close.
func responseObject(conn net.Conn, status int, body string) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	resp := &http.Response{
		StatusCode:    status,
		ProtoMajor:    1,
		ProtoMinor:    1,
		Request:       req,
		Header:        http.Header{"Content-Type": {"text/plain"}},
		ContentLength: int64(len(body)),
		Body:          io.NopCloser(strings.NewReader(body)),
	}
	resp.Header.Set("X-Server", "shapes")
	resp.Write(conn) // want `conn is closed after this response`
}

// Flagged: Close taken from the client's request still drops keep-alive
// clients: the server closes whatever the client asked.
func closeFromRequest(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	resp := http.Response{StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, Close: req.Close}
	resp.Write(conn) // want `conn is closed after this response`
}

// Flagged: a header built with Sprintf into a variable and written later
// through bufio.
func sprintfHeader(conn net.Conn, body []byte) {
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	if _, err := http.ReadRequest(br); err != nil {
		conn.Close()
		return
	}
	head := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", len(body))
	bw.WriteString(head) // want `conn is closed after this response`
	bw.Write(body)
	bw.Flush()
	conn.Close()
}

// Flagged: a status written with %d from a variable: a 200 may be sent.
func statusVerb(conn net.Conn, code int) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	fmt.Fprintf(conn, "HTTP/1.1 %d %s\r\nContent-Length: 0\r\n\r\n", code, http.StatusText(code)) // want `conn is closed after this response`
}

// Flagged: the close runs in a deferred closure.
func deferredClosure(conn net.Conn) {
	defer func() {
		if err := conn.Close(); err != nil {
			log.Print(err)
		}
	}()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 204 No Content\r\n\r\n") // want `conn is closed after this response`
}

// Flagged: looking at the request's protocol does not excuse the close.
func looksAtProto(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	log.Printf("proto %s", req.Proto)
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response`
}

// Flagged: a hijack through http.NewResponseController.
func controllerHijack(w http.ResponseWriter, r *http.Request) {
	conn, bufrw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	bufrw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response`
	bufrw.Flush()
}

// Flagged: the error path of a CONNECT proxy, whose success path hands the
// connection to a splice helper.
func connectProxy(w http.ResponseWriter, r *http.Request) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "no hijack", http.StatusInternalServerError)
		return
	}
	client, _, err := hj.Hijack()
	if err != nil {
		return
	}
	upstream, err := net.Dial("tcp", r.Host)
	if err != nil {
		client.Write([]byte("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")) // want `client is closed after this response`
		client.Close()
		return
	}
	client.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
	go splice(client, upstream)
	go splice(upstream, client)
}

func splice(dst, src net.Conn) {
	defer dst.Close()
	io.Copy(dst, src)
}

// Silent: a request loop on a connection defined outside the loop.
func requestLoop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		fmt.Fprintf(&buf, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(req.URL.Path), req.URL.Path)
		buf.WriteTo(conn)
	}
}

// Silent: the close happens only when the client asked for it.
func clientAsked(conn net.Conn) {
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		conn.Close()
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	if req.Close {
		conn.Close()
	}
}

// Silent: a Header literal announcing the close.
func headerLiteralClose(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	resp := &http.Response{StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{"Connection": {"close"}}}
	resp.Write(conn)
}

// Silent: Header.Set announcing the close.
func headerSetClose(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	resp := &http.Response{StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{}}
	resp.Header.Set("Connection", "close")
	resp.Write(conn)
}

// Silent: a websocket-style upgrade through ResponseController.
func upgrade(w http.ResponseWriter, r *http.Request) {
	conn, bufrw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	bufrw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
	bufrw.Flush()
	io.Copy(io.Discard, conn)
}

// Silent: a CONNECT tunnel's success path: the connection is spliced, not
// closed after the response.
func tunnel(w http.ResponseWriter, r *http.Request) {
	client, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	upstream, err := net.Dial("tcp", r.Host)
	if err != nil {
		client.Write([]byte("HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))
		client.Close()
		return
	}
	client.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
	go splice(client, upstream)
	splice(upstream, client)
}

// Silent: the connection is handed to a server that serves more requests.
func handOff(conn net.Conn, next func(net.Conn)) {
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		conn.Close()
		return
	}
	io.WriteString(conn, "HTTP/1.1 100 Continue\r\n\r\n")
	next(conn)
}

// Flagged: the close runs through a deferred method value.
func methodValueClose(conn net.Conn) {
	hangup := conn.Close
	defer hangup()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response`
}

// Silent: a method value other than Close hands the connection on.
func methodValueWrite(conn net.Conn, sink func(func([]byte) (int, error))) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	sink(conn.Write)
}

// A reply helper writing one framed response to the writer it is given.
func writeJSON(w io.Writer, code int, b []byte) error {
	_, err := fmt.Fprintf(w, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		code, http.StatusText(code), len(b), b)
	return err
}

// Flagged: a one-shot server answering through the helper.
func helperReply(conn net.Conn) {
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		conn.Close()
		return
	}
	if err := writeJSON(conn, http.StatusOK, []byte(req.URL.Path)); err != nil { // want `conn is closed after this response`
		log.Print(err)
	}
	conn.Close()
}

// Silent: the helper's answer in a request loop.
func helperLoop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		writeJSON(conn, http.StatusOK, []byte(req.URL.Path))
	}
}
