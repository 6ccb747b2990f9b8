package model

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
)

const okHead = "HTTP/1.1 200 OK\r\n"

func plainConn(conn net.Conn) {
	conn.Write([]byte("HTTP/1.1 200 OK\r\n\r\n")) // want `write to conn: HTTP/1.1 200 OK\\r\\n\\r\\n` `response to conn: status=200 complete=true unknown=false framed=false close=false whole=true`
}

func tcpConn(tc *net.TCPConn, n int) {
	io.WriteString(tc, okHead+"Content-Length: "+strconv.Itoa(n)+"\r\n\r\n") // want `write to tc: HTTP/1.1 200 OK\\r\\nContent-Length: <d>\\r\\n\\r\\n` `response to tc: status=200 complete=true unknown=false framed=true close=false whole=true`
}

func tlsConn(tl *tls.Conn, body string) {
	fmt.Fprintf(tl, "HTTP/1.0 %d %s\r\n\r\n%s", 404, "Not Found", body) // want `write to tl: HTTP/1.0 404 Not Found\\r\\n\\r\\n<s>` `response to tl: status=404 complete=true unknown=false framed=false close=true whole=true`
}

func fragments(conn net.Conn, body string, n int, b []byte) {
	fmt.Fprint(conn, "x", body)       // want `write to conn: x<\?>`
	fmt.Fprint(conn, "x", n)          // want `write to conn: <\?>`
	conn.Write(b)                     // want `write to conn: <\?>`
	fmt.Fprintf(conn, "%[1]d", n)     // want `write to conn: <\?>`
	fmt.Fprintf(conn, "100%% %5d", n) // want `write to conn: 100% <d>`
}

func bufio1(conn net.Conn, hdr string) {
	bw := bufio.NewWriter(conn)
	bw.WriteString("HTTP/1.1 204 No Content\r\n") // want `write to conn: HTTP/1.1 204 No Content\\r\\n`
	bw.WriteString(hdr)                           // want `write to conn: <\?>`
	bw.WriteString("\r\n")                        // want `write to conn: \\r\\n` `response to conn: status=204 complete=false unknown=true framed=false close=false whole=true`
	bw.Flush()
}

func local(conn net.Conn, id int) {
	s := fmt.Sprintf("HTTP/1.1 200 OK\r\nX-Id: %d\r\nConnection: close\r\n\r\n", id)
	conn.Write([]byte(s)) // want `write to conn: HTTP/1.1 200 OK\\r\\nX-Id: <d>\\r\\nConnection: close\\r\\n\\r\\n` `response to conn: status=200 complete=true unknown=false framed=false close=true whole=true`
}

func reassigned(conn net.Conn, ok bool) {
	s := "HTTP/1.1 200 OK\r\n\r\n"
	if ok {
		s = "HTTP/1.1 500 Oops\r\n\r\n"
	}
	conn.Write([]byte(s)) // want `write to conn: <\?>`
}

func hijacked(w http.ResponseWriter) {
	c, rw, _ := w.(http.Hijacker).Hijack()
	defer c.Close()
	rw.WriteString("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n") // want `write to c: HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n` `response to c: status=200 complete=true unknown=false framed=true close=false whole=true`
}

func notConns(w http.ResponseWriter, buf *bytes.Buffer, wr io.Writer) {
	w.Write([]byte("HTTP/1.1 200 OK\r\n\r\n"))
	buf.WriteString("HTTP/1.1 200 OK\r\n\r\n")
	io.WriteString(wr, "HTTP/1.1 200 OK\r\n\r\n")
	fmt.Fprintf(wr, "HTTP/1.1 200 OK\r\n\r\n")
	bw := bufio.NewWriter(buf)
	bw.WriteString("HTTP/1.1 200 OK\r\n\r\n")
}

func sequence(conn net.Conn, body []byte) {
	io.WriteString(conn, "HTTP/1.1 200 OK\r\n") // want `write to conn: HTTP/1.1 200 OK\\r\\n` `response to conn: status=200 complete=false unknown=false framed=false close=false whole=false`
	if len(body) > 0 {
		fmt.Fprintf(conn, "Content-Length: %d\r\n", len(body)) // want `write to conn: Content-Length: <d>\\r\\n`
	}
	io.WriteString(conn, "\r\n") // want `write to conn: \\r\\n`
	conn.Write(body)             // want `write to conn: <\?>`
}
