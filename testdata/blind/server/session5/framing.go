package session5

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"blind/server/session5/wire"
)

// route is one endpoint of the embedded device API; the connection loop asks
// every route in turn.
type route interface {
	match(path string) bool
	serve(w *bufio.Writer, req *http.Request) error
}

// deviceAPI serves the keep-alive device API on raw connections.
type deviceAPI struct {
	routes []route
	state  map[string]string
	mu     sync.Mutex
}

// serveConn is the keep-alive loop: it serves requests on conn until the
// client goes away.
func (d *deviceAPI) serveConn(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	for {
		conn.SetReadDeadline(time.Now().Add(2 * time.Minute))
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if !d.dispatch(bw, req) {
			return
		}
		if bw.Flush() != nil {
			return
		}
	}
}

func (d *deviceAPI) dispatch(bw *bufio.Writer, req *http.Request) bool {
	if req.Header.Get("Expect") == "100-continue" {
		d.continue100(bw)
	}
	for _, rt := range d.routes {
		if rt.match(req.URL.Path) {
			return rt.serve(bw, req) == nil
		}
	}
	if req.URL.Path == "/state" {
		d.reply(bw, req)
		return true
	}
	return d.badRequest(bw)
}

// ---------------------------------------------------------------------------
// SHAPE: per-request reply method called by deviceAPI.serveConn's keep-alive loop (other function) writes status, headers and a JSON body with Fprintf and no length
func (d *deviceAPI) reply(bw *bufio.Writer, req *http.Request) {
	d.mu.Lock()
	b, _ := json.Marshal(d.state)
	d.mu.Unlock()
	fmt.Fprintf(bw, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n\r\n%s", b) // BUG: contentlength
}

// ---------------------------------------------------------------------------
// SHAPE: route implementation reached through the route interface in dispatch's loop writes a plain-text 200 with no length on the keep-alive connection
type uptimeRoute struct{ start time.Time }

func (uptimeRoute) match(path string) bool { return path == "/uptime" }

func (u uptimeRoute) serve(w *bufio.Writer, req *http.Request) error {
	_, err := io.WriteString(w, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"+time.Since(u.start).String()+"\n") // BUG: contentlength
	return err
}

// ---------------------------------------------------------------------------
// CLEAN: contentlength route implementation starts the header block itself and wire.EndHead (other package) adds Content-Length and the blank line
type versionRoute struct{ version string }

func (versionRoute) match(path string) bool { return path == "/version" }

func (v versionRoute) serve(w *bufio.Writer, req *http.Request) error {
	body := v.version + "\n"
	io.WriteString(w, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n") // NAIVE: contentlength
	if err := wire.EndHead(w, len(body)); err != nil {
		return err
	}
	_, err := w.WriteString(body)
	return err
}

// ---------------------------------------------------------------------------
// CLEAN: contentlength interim 100 Continue written by a helper inside the keep-alive loop: a 1xx response has no body
func (d *deviceAPI) continue100(bw *bufio.Writer) {
	bw.WriteString("HTTP/1.1 100 Continue\r\n\r\n") // NAIVE: contentlength
	bw.Flush()
}

// ---------------------------------------------------------------------------
// CLEAN: contentlength unframed 400 makes dispatch return false, so serveConn's loop ends and its deferred Close ends the body
func (d *deviceAPI) badRequest(bw *bufio.Writer) bool {
	bw.WriteString("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n\r\nunknown endpoint\n") // NAIVE: contentlength
	bw.Flush()
	return false
}

// ---------------------------------------------------------------------------
// SHAPE: writeHead helper writes a header block with Content-Type only; the file server's keep-alive loop (serveFiles) then streams the file after it and reads the next request
func serveFiles(conn net.Conn, open func(string) (io.ReadCloser, string, error)) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		f, ctype, err := open(req.URL.Path)
		if err != nil {
			wire.WriteFramed(conn, http.StatusNotFound, "text/plain", []byte("not found\n"))
			continue
		}
		writeHead(conn, http.StatusOK, ctype)
		io.Copy(conn, f)
		f.Close()
	}
}

func writeHead(w io.Writer, code int, ctype string) error {
	_, err := fmt.Fprintf(w, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\n\r\n", code, http.StatusText(code), ctype) // BUG: contentlength
	return err
}

// ---------------------------------------------------------------------------
// CLEAN: contentlength readiness probe: handleProbe defers the close, and probe.answer (another method) writes a close-delimited reply with no length; nothing is read or written after it
type probe struct{ ready func() bool }

func (p *probe) handleProbe(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	p.answer(conn)
}

func (p *probe) answer(conn net.Conn) {
	if p.ready() {
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nready\n") // NAIVE: contentlength
		return
	}
	io.WriteString(conn, "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n")
}

// ---------------------------------------------------------------------------
// SHAPE: long-poll hub: deliver writes the event as a 200 with no length, then hands the conn to a goroutine (wait) that reads the client's next poll on it
type waiter struct {
	conn net.Conn
	br   *bufio.Reader
}

type hub struct {
	mu      sync.Mutex
	waiters map[string]*waiter
}

func (h *hub) deliver(topic string, ev []byte) {
	h.mu.Lock()
	w := h.waiters[topic]
	delete(h.waiters, topic)
	h.mu.Unlock()
	if w == nil {
		return
	}
	var buf bytes.Buffer
	buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Topic: " + topic + "\r\n\r\n") // BUG: contentlength
	buf.Write(ev)
	if _, err := w.conn.Write(buf.Bytes()); err != nil {
		w.conn.Close()
		return
	}
	go h.wait(w)
}

func (h *hub) wait(w *waiter) {
	req, err := http.ReadRequest(w.br)
	if err != nil {
		w.conn.Close()
		return
	}
	topic := strings.TrimPrefix(req.URL.Path, "/poll/")
	h.mu.Lock()
	h.waiters[topic] = w
	h.mu.Unlock()
}

var (
	_ = (*deviceAPI).serveConn
	_ = serveFiles
	_ = (*probe).handleProbe
	_ = (*hub).deliver
	_ route = uptimeRoute{}
	_ route = versionRoute{}
	_       = strconv.Itoa
)
