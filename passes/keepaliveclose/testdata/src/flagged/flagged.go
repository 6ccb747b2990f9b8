package flagged

import (
	"bufio"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
)

// One request, a framed response, a close: the classic one-shot server.
func rawOneShot(conn net.Conn) {
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		conn.Close()
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response, which does not say Connection: close: keep-alive clients send their next request on it, which fails \(POST\) or is silently sent twice \(GET\)`
	conn.Close()
}

// A deferred close and a fmt format.
func deferredClose(conn net.Conn, b string) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	if _, err := http.ReadRequest(br); err != nil {
		return
	}
	fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(b), b) // want `conn is closed after this response`
}

// Several writes through a bufio.Writer.
func bufioWrites(conn net.Conn) {
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	if _, err := http.ReadRequest(br); err != nil {
		return
	}
	bw.WriteString("HTTP/1.1 200 OK\r\n") // want `conn is closed after this response`
	bw.WriteString("Content-Length: 2\r\n\r\nok")
	bw.Flush()
	conn.Close()
}

// http.Response with a known length.
func responseWrite(conn net.Conn, b string) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	resp := &http.Response{
		StatusCode:    200,
		ProtoMajor:    1,
		ProtoMinor:    1,
		Request:       req,
		ContentLength: int64(len(b)),
		Body:          io.NopCloser(strings.NewReader(b)),
	}
	resp.Write(conn) // want `conn is closed after this response`
}

// http.Response without a body: Content-Length: 0.
func responseNoBody(conn net.Conn) {
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	if _, err := http.ReadRequest(br); err != nil {
		return
	}
	resp := http.Response{StatusCode: http.StatusOK, ProtoMajor: 1, ProtoMinor: 1}
	resp.Write(bw) // want `conn is closed after this response`
	bw.Flush()
	conn.Close()
}

// A chunked response is framed too.
func chunked(conn *net.TCPConn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n") // want `conn is closed after this response`
}

// One goroutine per accepted conn, each serving one request.
func perConnGoroutine(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			if _, err := http.ReadRequest(bufio.NewReader(c)); err != nil {
				return
			}
			c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")) // want `c is closed after this response`
		}()
	}
}

// HTTP/1.0 with keep-alive promises the same.
func http10KeepAlive(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response`
}

// The status code is not constant, but the response is framed.
func statusHole(conn net.Conn, code int) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	fmt.Fprintf(conn, "HTTP/1.1 %d %s\r\nContent-Length: 0\r\n\r\n", code, http.StatusText(code)) // want `conn is closed after this response`
}

// The close comes after logging.
func closeAfterLog(conn net.Conn) {
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	_, err := io.WriteString(conn, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n") // want `conn is closed after this response`
	if err != nil {
		log.Print(err)
	}
	conn.Close()
}

// Reads the client's next request, drops it and closes: the shape measured
// in the proof test, where the server receives GETs twice.
func readsNextThenCloses(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	if _, err := http.ReadRequest(br); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response`
	http.ReadRequest(br)
}

// An interim 100 Continue, then the final response, in one write.
func continueThenFinal(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response`
}
