// Package wire holds small helpers shared by the raw servers: writing a
// final response on a connection that is about to be dropped, and the
// standard timeout policy for http.Server values.
package wire

import (
	"bufio"
	"fmt"
	"net/http"
	"time"
)

// WriteCloseResponse writes a complete HTTP/1.1 response that tells the
// client the connection is going away, and flushes it.
func WriteCloseResponse(bw *bufio.Writer, code int, msg string) error {
	fmt.Fprintf(bw, "HTTP/1.1 %d %s\r\n", code, http.StatusText(code))
	bw.WriteString("Connection: close\r\n")
	bw.WriteString("Content-Type: text/plain; charset=utf-8\r\n")
	fmt.Fprintf(bw, "Content-Length: %d\r\n\r\n", len(msg))
	bw.WriteString(msg)
	return bw.Flush()
}

// Timeouts is the house policy for every public listener.
type Timeouts struct {
	ReadHeader time.Duration
	Idle       time.Duration
	Write      time.Duration
}

// DefaultTimeouts are used when the config file does not override them.
var DefaultTimeouts = Timeouts{
	ReadHeader: 5 * time.Second,
	Idle:       90 * time.Second,
	Write:      30 * time.Second,
}

// ApplyTimeouts sets the timeout fields of srv from t.
func ApplyTimeouts(srv *http.Server, t Timeouts) {
	srv.ReadHeaderTimeout = t.ReadHeader
	srv.IdleTimeout = t.Idle
	srv.WriteTimeout = t.Write
}
