package keepaliveclose

import (
	"bufio"
	"log"

	"github.com/valyala/fasthttp"
)

// res wraps a request context, in the shape of web frameworks built on
// fasthttp: its methods act on the response of the request in flight.
type res struct {
	ctx *fasthttp.RequestCtx
}

// Silent: a primitive whose whole body drops the connection: the callers
// ask for a close without a response (blocking a client, for instance).
func (r *res) Drop() error {
	return r.ctx.Conn().Close()
}

// Flagged: the response is written by hand, framed for keep-alive, then
// the connection is closed under the client.
func (r *res) End() error {
	conn := r.ctx.Conn()
	bw := bufio.NewWriter(conn)
	if err := r.ctx.Response.Write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return conn.Close() // want `r.ctx's response is written to the connection without Connection: close, then r.ctx.Conn\(\) is closed`
}

// Silent: the same, with the close announced before the response is
// written.
func (r *res) EndAnnounced() error {
	r.ctx.Response.SetConnectionClose()
	conn := r.ctx.Conn()
	bw := bufio.NewWriter(conn)
	if err := r.ctx.Response.Write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return conn.Close()
}

// Flagged: a handler whose whole body closes its own request's
// connection: the handler is judged, not excused as a primitive.
func dropAll(ctx *fasthttp.RequestCtx) {
	ctx.Conn().Close() // want `fasthttp handler closes ctx.Conn\(\): the server then cannot send the response`
}

// Flagged: a wrapper method that prepares a response, then closes.
func (r *res) Deny() {
	r.ctx.SetStatusCode(fasthttp.StatusForbidden)
	if err := r.ctx.Conn().Close(); err != nil { // want `fasthttp handler closes r.ctx.Conn\(\)`
		log.Print(err)
	}
}
