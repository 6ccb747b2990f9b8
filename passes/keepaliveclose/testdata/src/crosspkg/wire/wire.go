// Package wire holds reply, release and hijack helpers that servers in
// other packages call: keepaliveclose knows them through their facts.
package wire

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
)

// WriteFramed writes a framed keep-alive response.
func WriteFramed(w io.Writer, code int, body string) error {
	_, err := fmt.Fprintf(w, "HTTP/1.1 %d %s\r\nContent-Length: %d\r\n\r\n%s", code, http.StatusText(code), len(body), body)
	return err
}

// WriteClosing says Connection: close.
func WriteClosing(w io.Writer, code int, body string) error {
	_, err := fmt.Fprintf(w, "HTTP/1.1 %d %s\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s", code, http.StatusText(code), len(body), body)
	return err
}

// Release closes a connection.
func Release(c net.Conn) {
	_ = c.Close()
}

// MaybeRelease closes only sometimes.
func MaybeRelease(c net.Conn, done bool) {
	if done {
		c.Close()
	}
}

// Hijack takes the connection over from net/http.
func Hijack(w http.ResponseWriter) (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return nil, nil, fmt.Errorf("wire: %T cannot be hijacked", w)
	}
	return hj.Hijack()
}

// Keep parks a connection for later.
var idle = make(chan net.Conn, 8)

func Keep(c net.Conn) { idle <- c }
