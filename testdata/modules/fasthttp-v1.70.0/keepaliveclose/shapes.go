package keepaliveclose

import (
	"bufio"
	"log"
	"net"

	"github.com/valyala/fasthttp"
)

// Flagged: the connection bound to a local first.
func closeLocal(ctx *fasthttp.RequestCtx) {
	c := ctx.Conn()
	log.Printf("closing %s", c.RemoteAddr())
	c.Close() // want `fasthttp handler closes ctx.Conn\(\)`
}

// Flagged: a one-shot server writing fasthttp's Response through bufio.
func oneShotBufioWriteTo(conn net.Conn) {
	defer conn.Close()
	var req fasthttp.Request
	if err := req.Read(bufio.NewReader(conn)); err != nil {
		return
	}
	var resp fasthttp.Response
	resp.SetBodyString("ok")
	bw := bufio.NewWriter(conn)
	resp.WriteTo(bw) // want `conn is closed after this response`
	bw.Flush()
}

// Silent: the local is only logged.
func logLocal(ctx *fasthttp.RequestCtx) {
	c := ctx.Conn()
	log.Printf("request from %s", c.RemoteAddr())
	ctx.SetBodyString("ok")
}

// Silent: a serial accept loop whose handler serves a request loop.
func acceptLoop(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer conn.Close()
			br, bw := bufio.NewReader(conn), bufio.NewWriter(conn)
			for {
				var req fasthttp.Request
				if err := req.Read(br); err != nil {
					return
				}
				var resp fasthttp.Response
				resp.SetBodyString("ok")
				resp.Write(bw)
				bw.Flush()
			}
		}()
	}
}
