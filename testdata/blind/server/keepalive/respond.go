package keepalive

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/valyala/fasthttp"
)

// writeJSON writes a complete, length-framed HTTP/1.1 JSON response.
// It says nothing about the connection's fate: keep-alive stays in force.
func writeJSON(w io.Writer, code int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		code, http.StatusText(code), len(b), b)
	return err
}

// ---------------------------------------------------------------------------
// SHAPE: fasthttp reject helper (other file from the handler) sets an error body then closes ctx.Conn()
func rejectAndDrop(ctx *fasthttp.RequestCtx, code int, msg string) {
	ctx.Error(msg, code)
	ctx.Conn().Close() // BUG: keepaliveclose
}
