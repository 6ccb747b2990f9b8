// Package contentlength holds contentlength cases against real fasthttp.
package contentlength

import (
	"bufio"
	"io"
	"net"

	"github.com/valyala/fasthttp"
)

// fasthttp parses the requests of a loop; the answers are raw text.
func rawLoop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	var req fasthttp.Request
	for {
		if err := req.Read(br); err != nil {
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello") // want `response written to conn has no Content-Length, chunked encoding or Connection: close, and the loop goes on to read the next request from it`
	}
}

// The same loop with a framed answer.
func framedLoop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	var req fasthttp.Request
	for {
		if err := req.Read(br); err != nil {
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
	}
}

// fasthttp.Response frames its body itself.
func responseLoop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	var req fasthttp.Request
	var resp fasthttp.Response
	for {
		if err := req.Read(br); err != nil {
			return
		}
		resp.SetBodyString("hello")
		resp.Write(bw)
		bw.Flush()
	}
}

// Raw text into a fasthttp handler's body is not a response head.
func handler(ctx *fasthttp.RequestCtx) {
	ctx.WriteString("HTTP/1.1 200 OK\r\n\r\nhello")
}
