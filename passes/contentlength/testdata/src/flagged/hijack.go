package flagged

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"time"
)

// A hijacked connection that is never closed stays open.
func hijackNeverClosed(w http.ResponseWriter, r *http.Request) {
	_, bufrw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	bufrw.WriteString("HTTP/1.1 200 OK\r\n\r\nhijacked") // want `response written to bufrw has no Content-Length, chunked encoding or Connection: close, and the connection is never closed`
	bufrw.Flush()
}

// The same through the conn, with a deadline set.
func hijackConnNeverClosed(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	conn.SetDeadline(time.Now().Add(time.Minute))
	conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhijacked")) // want `response written to conn has no Content-Length, chunked encoding or Connection: close, and the connection is never closed`
}

// An accepted connection that is never closed.
func acceptNeverClosed(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	c.Write([]byte("HTTP/1.1 200 OK\r\n\r\nhello")) // want `response written to c has no Content-Length`
}

// One request per accepted conn, and the conn is never closed.
func acceptLoopNeverClosed(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nhello") // want `response written to conn has no Content-Length, chunked encoding or Connection: close, and the connection is never closed`
	}
}
