// Package keepalive holds small raw-connection HTTP servers of the kind
// found in embedded devices, admin ports and test fixtures.
package keepalive

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

// ServeStatusPage is the accept loop of a tiny status page.
func ServeStatusPage(ln net.Listener, status func() string) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go handleStatusConn(conn, status)
	}
}

// ---------------------------------------------------------------------------
// SHAPE: raw accept loop, one http.ReadRequest, Content-Length reply, explicit conn.Close
func handleStatusConn(conn net.Conn, status func() string) {
	br := bufio.NewReader(conn)
	req, err := http.ReadRequest(br)
	if err != nil {
		conn.Close()
		return
	}
	log.Printf("status: %s %s", req.Method, req.URL.Path)
	body := status()
	fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	conn.Close() // BUG: keepaliveclose
}

// ---------------------------------------------------------------------------
// SHAPE: device config endpoint, http.Response.Write with ContentLength and no Close flag, deferred conn.Close
func serveConfig(conn net.Conn, cfg []byte) {
	defer conn.Close() // BUG: keepaliveclose
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	resp := &http.Response{
		StatusCode:    http.StatusOK,
		ProtoMajor:    1,
		ProtoMinor:    1,
		Request:       req,
		Header:        http.Header{"Content-Type": {"application/json"}},
		ContentLength: int64(len(cfg)),
		Body:          io.NopCloser(bytes.NewReader(cfg)),
	}
	if err := resp.Write(conn); err != nil {
		log.Printf("config: write: %v", err)
	}
}

// ---------------------------------------------------------------------------
// SHAPE: one-shot JSON API on a raw conn, reply via writeJSON helper in another file, then conn.Close
func handleAPIConn(conn net.Conn, h func(*http.Request) any) {
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		conn.Close()
		return
	}
	if err := writeJSON(conn, http.StatusOK, h(req)); err != nil {
		log.Printf("api: %v", err)
	}
	conn.Close() // BUG: keepaliveclose
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose request loop reads the next request on the same conn; close only on EOF/error or when the client sent Connection: close
func serveKeepAlive(conn net.Conn, route func(path string) (int, []byte)) {
	defer conn.Close() // NAIVE: keepaliveclose
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		code, body := route(req.URL.Path)
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
		fmt.Fprintf(bw, "HTTP/1.1 %d %s\r\nContent-Length: %d\r\n\r\n", code, http.StatusText(code), len(body))
		bw.Write(body)
		if err := bw.Flush(); err != nil {
			return
		}
		if req.Close {
			return
		}
	}
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose one-shot health reply announces Connection: close before closing
func handleHealthConn(conn net.Conn) {
	_, err := http.ReadRequest(bufio.NewReader(conn))
	if err == nil {
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")
	}
	conn.Close() // NAIVE: keepaliveclose
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose http.Response with Close=true, Response.Write emits Connection: close
func serveFirmwareInfo(conn net.Conn, version string) {
	defer conn.Close() // NAIVE: keepaliveclose
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	body := `{"version":"` + version + `"}`
	resp := &http.Response{
		StatusCode:    http.StatusOK,
		ProtoMajor:    1,
		ProtoMinor:    1,
		Request:       req,
		Close:         true,
		Header:        make(http.Header),
		ContentLength: int64(len(body)),
		Body:          io.NopCloser(strings.NewReader(body)),
	}
	resp.Header.Set("Content-Type", "application/json")
	resp.Write(conn)
}

type miniServer struct {
	state func() any
}

func (s *miniServer) serve(conn net.Conn) {
	br := bufio.NewReader(conn)
	for s.serveOne(conn, br) {
	}
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose closes only when the client asked for Connection: close (req.Close); otherwise the conn goes back to the serve loop
func (s *miniServer) serveOne(conn net.Conn, br *bufio.Reader) (keep bool) {
	req, err := http.ReadRequest(br)
	if err != nil {
		conn.Close()
		return false
	}
	writeJSON(conn, http.StatusOK, s.state())
	if req.Close {
		conn.Close() // NAIVE: keepaliveclose
		return false
	}
	return true
}

// ---------------------------------------------------------------------------
// SHAPE: close through a method value (hangup := conn.Close) deferred; one request, length-framed reply, no Connection: close
func handleTimeConn(conn net.Conn, now func() string) {
	hangup := conn.Close
	defer hangup() // BUG: keepaliveclose
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	t := now()
	fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(t), t)
}
