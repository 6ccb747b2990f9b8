package keepaliveclose

import (
	"bufio"
	"net"

	"github.com/valyala/fasthttp"
)

// The handler announces the close and lets the server do it.
func announce(ctx *fasthttp.RequestCtx) {
	ctx.SetConnectionClose()
	ctx.WriteString("bye")
}

// The conn is only looked at.
func remote(ctx *fasthttp.RequestCtx) {
	ctx.WriteString(ctx.Conn().RemoteAddr().String())
}

// The close happens only when the client asked for it.
func clientAsked(conn net.Conn) {
	var req fasthttp.Request
	if err := req.Read(bufio.NewReader(conn)); err != nil {
		return
	}
	var resp fasthttp.Response
	resp.SetBodyString("ok")
	resp.WriteTo(conn)
	if req.ConnectionClose() {
		conn.Close()
	}
}

// A request loop.
func loop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	var req fasthttp.Request
	var resp fasthttp.Response
	for {
		if err := req.Read(br); err != nil {
			return
		}
		resp.SetBodyString("ok")
		if err := resp.Write(bw); err != nil {
			return
		}
		bw.Flush()
	}
}

// The response announces the close.
func responseAnnounces(conn net.Conn) {
	defer conn.Close()
	var req fasthttp.Request
	if err := req.Read(bufio.NewReader(conn)); err != nil {
		return
	}
	var resp fasthttp.Response
	resp.SetConnectionClose()
	resp.SetBodyString("ok")
	resp.WriteTo(conn)
}

// The response is filled by a handler the analyzer does not follow.
func handlerFills(conn net.Conn, h func(*fasthttp.Response)) {
	defer conn.Close()
	var req fasthttp.Request
	if err := req.Read(bufio.NewReader(conn)); err != nil {
		return
	}
	var resp fasthttp.Response
	h(&resp)
	resp.WriteTo(conn)
}
