package flagged

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
)

// A proxy whose request loop is a label and a goto: the 407 goes back to
// read the next request when the client asked for keep-alive.
func gotoProxyAuth(conn net.Conn, user string) {
	br := bufio.NewReader(conn)

next:
	req, err := http.ReadRequest(br)
	if err != nil {
		conn.Close()
		return
	}
	keep := strings.EqualFold(req.Header.Get("Proxy-Connection"), "keep-alive")
	if req.Header.Get("Proxy-Authorization") != user {
		conn.Write([]byte("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n")) // want `response written to conn has no Content-Length, chunked encoding or Connection: close, and the goto goes back to read the next request from it`
		if keep {
			goto next
		}
		conn.Close()
		return
	}
	if req.Method == http.MethodConnect {
		conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	goto next
}

// The goto comes unconditionally after the response.
func gotoAlways(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
again:
	if _, err := http.ReadRequest(br); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 404 Not Found\r\n\r\nnot found") // want `response written to conn has no Content-Length`
	goto again
}

// A for loop in a function that also answers CONNECT: only a 2xx to
// CONNECT starts a tunnel, a 403 has an ordinary body.
func connectAwareLoop(conn net.Conn, allowed func(string) bool) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if !allowed(req.Host) {
			io.WriteString(conn, "HTTP/1.1 403 Forbidden\r\n\r\n") // want `response written to conn has no Content-Length`
			continue
		}
		if req.Method == "CONNECT" {
			io.WriteString(conn, "HTTP/1.1 200 Connection Established\r\n\r\n")
			return
		}
		io.WriteString(conn, "HTTP/1.1 502 Bad Gateway\r\n\r\nno upstream") // want `response written to conn has no Content-Length`
	}
}
