// Package keepaliveclose holds keepaliveclose cases against real fasthttp.
package keepaliveclose

import (
	"bufio"
	"io"
	"log"
	"net"

	"github.com/valyala/fasthttp"
)

// A handler that closes the connection itself.
func closeInHandler(ctx *fasthttp.RequestCtx) {
	ctx.WriteString("bye")
	ctx.Conn().Close() // want `fasthttp handler closes ctx.Conn\(\): the server then cannot send the response and the client's request fails; call ctx.SetConnectionClose\(\) to close after the response`
}

// A deferred close.
func deferClose(ctx *fasthttp.RequestCtx) {
	defer ctx.Conn().Close() // want `fasthttp handler closes ctx.Conn\(\)`
	ctx.SetBodyString("ok")
}

// The close's error is used: no fix.
func closeChecked(ctx *fasthttp.RequestCtx) {
	if err := ctx.Conn().Close(); err != nil { // want `fasthttp handler closes ctx.Conn\(\)`
		log.Print(err)
	}
}

// A handler literal passed to the server.
var server = &fasthttp.Server{
	Handler: func(c *fasthttp.RequestCtx) {
		c.SetStatusCode(fasthttp.StatusNoContent)
		c.Conn().Close() // want `fasthttp handler closes c.Conn\(\)`
	},
}

// A raw conn server: one fasthttp request, one fasthttp response, close.
func oneShotFasthttp(conn net.Conn) {
	defer conn.Close()
	var req fasthttp.Request
	if err := req.Read(bufio.NewReader(conn)); err != nil {
		return
	}
	var resp fasthttp.Response
	resp.SetBodyString("ok")
	bw := bufio.NewWriter(conn)
	resp.Write(bw) // want `conn is closed after this response, which does not say Connection: close`
	bw.Flush()
}

// Acquired response written with WriteTo.
func oneShotWriteTo(conn net.Conn) {
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	if err := req.ReadLimitBody(bufio.NewReader(conn), 1<<20); err != nil {
		conn.Close()
		return
	}
	resp := fasthttp.AcquireResponse()
	resp.SetBodyString("ok")
	resp.WriteTo(conn) // want `conn is closed after this response`
	conn.Close()
}

// fasthttp parses the request, the answer is raw text.
func oneShotRaw(conn net.Conn) {
	defer conn.Close()
	var req fasthttp.Request
	if err := req.Read(bufio.NewReader(conn)); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response`
}
