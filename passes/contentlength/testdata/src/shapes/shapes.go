// Package shapes holds server shapes from public code (issue 10): reply
// helpers, statuses from variables, request reads in helpers.
package shapes

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
)

// A reply helper shared by a keep-alive loop.
func writeReply(w io.Writer, code int, body string) error {
	_, err := fmt.Fprintf(w, "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\n\r\n%s", code, http.StatusText(code), body) // want `response written by writeReply to conn has no Content-Length`
	return err
}

// Flagged: the loop answers through the helper, which writes no length.
func serveLoop(conn net.Conn, route func(string) (int, string)) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		code, body := route(req.URL.Path)
		if err := writeReply(conn, code, body); err != nil {
			return
		}
	}
}

// Flagged: a status from a variable may be 200.
func statusVariable(conn net.Conn, code int, body string) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		fmt.Fprintf(conn, "HTTP/1.1 %d %s\r\n\r\n%s", code, http.StatusText(code), body) // want `response written to conn has no Content-Length`
	}
}

// A framed reply helper.
func writeFramed(w io.Writer, body string) {
	fmt.Fprintf(w, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
}

// Silent: the helper frames the body.
func serveFramed(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		writeFramed(conn, req.URL.Path)
	}
}

// Silent: the helper's reply is the last on a connection that is closed.
func oneShot(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	writeReply(conn, 200, "bye")
}

// A helper that writes more than one thing: not summarized.
func writeParts(w io.Writer, parts []string) {
	io.WriteString(w, "HTTP/1.1 200 OK\r\n\r\n")
	for _, p := range parts {
		io.WriteString(w, p)
	}
}

// Silent: what the helper writes is not one visible response.
func serveParts(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		writeParts(conn, []string{"a", "b"})
	}
}

// Flagged: a status parameter may be 200, and a 200 without a length
// keeps the client reading: deciding "unknown, so silent" would miss it.
func statusParam(conn net.Conn, code int) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		fmt.Fprintf(conn, "HTTP/1.1 %d %s\r\n\r\n", code, http.StatusText(code)) // want `response written to conn has no Content-Length`
	}
}
