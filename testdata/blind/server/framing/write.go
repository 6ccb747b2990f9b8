package framing

import (
	"fmt"
	"io"
	"net/http"
)

// ---------------------------------------------------------------------------
// SHAPE: reply helper (other file) used by Device.serveConn keep-alive loop, status+headers+body with no length
func writeReply(w io.Writer, code int, body string) error {
	_, err := fmt.Fprintf(w, "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\n\r\n%s", code, http.StatusText(code), body) // BUG: contentlength
	return err
}
