// Package wire holds the small HTTP/1.x helpers shared by the edge daemons:
// raw response writers, the server hardening used by every public listener
// and the plumbing around hijacked connections.
package wire

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fasthttp"
)

// Harden applies the edge's connection timeouts to srv. Every public
// listener goes through it before Serve.
func Harden(srv *http.Server) {
	srv.ReadHeaderTimeout = 5 * time.Second
	srv.ReadTimeout = 30 * time.Second
	srv.WriteTimeout = 60 * time.Second
	srv.IdleTimeout = 120 * time.Second
	srv.MaxHeaderBytes = 1 << 16
}

// ServeFast serves s on ln and logs nothing; it exists so that every
// fasthttp listener shuts down the same way.
func ServeFast(s *fasthttp.Server, ln net.Listener) error {
	err := s.Serve(ln)
	if err != nil && strings.Contains(err.Error(), "use of closed network connection") {
		return nil
	}
	return err
}

// CloseResponse writes a complete HTTP/1.1 response that tells the client
// the connection ends with it. The caller closes the connection.
func CloseResponse(w io.Writer, code int, body string) error {
	_, err := fmt.Fprintf(w, "HTTP/1.1 %d %s\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s",
		code, http.StatusText(code), len(body), body)
	return err
}

// WriteFramed writes a complete response with a Content-Length; the
// connection stays usable for the next request.
func WriteFramed(w io.Writer, code int, ctype string, body []byte) error {
	if _, err := fmt.Fprintf(w, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
		code, http.StatusText(code), ctype, len(body)); err != nil {
		return err
	}
	_, err := w.Write(body)
	return err
}

// EndHead finishes a header block that the caller started: it adds the
// Content-Length for a body of n bytes and the blank line.
func EndHead(w io.Writer, n int) error {
	_, err := io.WriteString(w, "Content-Length: "+strconv.Itoa(n)+"\r\n\r\n")
	return err
}

// OneShot builds the response of a connection that serves a single request:
// it announces the close so that the client does not reuse the connection.
func OneShot(req *http.Request, code int, body string) *http.Response {
	return &http.Response{
		StatusCode:    code,
		Status:        fmt.Sprintf("%d %s", code, http.StatusText(code)),
		ProtoMajor:    1,
		ProtoMinor:    1,
		Request:       req,
		Header:        http.Header{"Content-Type": {"text/plain; charset=utf-8"}},
		ContentLength: int64(len(body)),
		Body:          io.NopCloser(strings.NewReader(body)),
		Close:         true,
	}
}

// MarkClose makes resp announce Connection: close when it is written.
func MarkClose(resp *http.Response) {
	resp.Close = true
	if resp.Header == nil {
		resp.Header = make(http.Header)
	}
	resp.Header.Set("Connection", "close")
}

// Hijack takes the connection over from net/http.
func Hijack(w http.ResponseWriter) (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return nil, nil, fmt.Errorf("wire: %T cannot be hijacked", w)
	}
	return hj.Hijack()
}

// Release flushes nothing and closes a hijacked connection, ignoring the
// error: by then the response is written.
func Release(c net.Conn) {
	_ = c.Close()
}

// Upgrade answers an Upgrade request with 101 Switching Protocols; after it
// the connection speaks proto, not HTTP.
func Upgrade(bw *bufio.Writer, proto string) error {
	fmt.Fprintf(bw, "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: %s\r\n\r\n", proto)
	return bw.Flush()
}
