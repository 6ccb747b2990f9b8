// Package shapes holds server shapes from public code (issue 10): reply
// helpers, statuses from variables, request reads in helpers.
package shapes

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
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

// Flagged: a reply assembled in a buffer and written in one go; the 404
// branch has a body and no length.
func bufferedReply(conn net.Conn, routes map[string]string) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if body, ok := routes[req.URL.Path]; ok {
			fmt.Fprintf(&buf, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		} else {
			buf.WriteString("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n") // want `response written to conn has no Content-Length`
			buf.WriteString("<html>not found</html>")
		}
		if _, err := conn.Write(buf.Bytes()); err != nil {
			return
		}
	}
}

// Silent: every reply assembled in the builder is framed.
func builderReply(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		var sb strings.Builder
		sb.WriteString("HTTP/1.1 200 OK\r\n")
		fmt.Fprintf(&sb, "Content-Length: %d\r\n\r\n", len(req.URL.Path))
		sb.WriteString(req.URL.Path)
		io.WriteString(conn, sb.String())
	}
}

// Silent: the buffer goes somewhere else too; what reaches the connection
// is not known.
func bufferShared(conn net.Conn, log func(*bytes.Buffer)) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		var buf bytes.Buffer
		buf.WriteString("HTTP/1.1 200 OK\r\n\r\n")
		log(&buf)
		buf.WriteTo(conn)
	}
}
