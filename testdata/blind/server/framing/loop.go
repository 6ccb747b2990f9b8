// Package framing holds raw HTTP/1.1 keep-alive servers that write their
// responses by hand: test fixtures, metrics exporters, device firmware.
package framing

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"strconv"
	"time"
)

// ---------------------------------------------------------------------------
// SHAPE: keep-alive ReadRequest loop, one Fprintf with status+headers+body, no length
func serveEcho(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		msg := req.URL.Query().Get("msg")
		io.Copy(io.Discard, req.Body)
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n%s\n", msg) // BUG: contentlength
	}
}

type metricsConnServer struct {
	snapshot func() map[string]float64
}

// ---------------------------------------------------------------------------
// SHAPE: keep-alive loop, bufio.Writer header block then JSON body bytes, Flush, no length
func (s *metricsConnServer) serve(conn net.Conn) {
	defer conn.Close()
	br, bw := bufio.NewReader(conn), bufio.NewWriter(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		req.Body.Close()
		payload, _ := json.Marshal(s.snapshot())
		bw.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n") // BUG: contentlength
		bw.Write(payload)
		if bw.Flush() != nil {
			return
		}
	}
}

// FakeUpstream is a scripted origin server used by the proxy's tests.
type FakeUpstream struct {
	routes map[string]string
	seen   []string
}

func (f *FakeUpstream) record(r *http.Request) { f.seen = append(f.seen, r.Method+" "+r.URL.Path) }

// ---------------------------------------------------------------------------
// SHAPE: fake upstream fixture, reply assembled in bytes.Buffer, 404 branch has HTML body and no length, conn reused
func (f *FakeUpstream) handle(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		f.record(req)
		var buf bytes.Buffer
		if body, ok := f.routes[req.URL.Path]; ok {
			fmt.Fprintf(&buf, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		} else {
			buf.WriteString("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n") // BUG: contentlength
			buf.WriteString("<html><body>not found</body></html>")
		}
		if _, err := conn.Write(buf.Bytes()); err != nil {
			return
		}
	}
}

// ---------------------------------------------------------------------------
// SHAPE: keep-alive loop, reply says Connection: keep-alive explicitly but carries no length
func serveBanner(conn net.Conn, banner []byte) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		if _, err := conn.Write([]byte("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Type: text/plain\r\n\r\n")); err != nil { // BUG: contentlength
			return
		}
		conn.Write(banner)
	}
}

// ---------------------------------------------------------------------------
// SHAPE: keep-alive loop, gzip body with Content-Encoding header, no Content-Length and not chunked
func serveCompressed(conn net.Conn, data func() []byte) {
	defer conn.Close()
	br, bw := bufio.NewReader(conn), bufio.NewWriter(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		bw.WriteString("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: application/json\r\n\r\n") // BUG: contentlength
		zw := gzip.NewWriter(bw)
		zw.Write(data())
		zw.Close()
		if err := bw.Flush(); err != nil {
			return
		}
	}
}

type runner struct {
	run func(*http.Request) ([]byte, error)
}

// ---------------------------------------------------------------------------
// SHAPE: keep-alive loop, success path framed, error path writes 500 + err text with no length and continues
func (p *runner) serve(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		out, err := p.run(req)
		if err != nil {
			io.WriteString(conn, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\n"+err.Error()) // BUG: contentlength
			continue
		}
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n", len(out))
		conn.Write(out)
	}
}

// ---------------------------------------------------------------------------
// CLEAN: contentlength 204 No Content needs no framing even on a keep-alive loop
func serveKV(conn net.Conn, store map[string][]byte) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		switch req.Method {
		case http.MethodPut:
			v, _ := io.ReadAll(req.Body)
			store[req.URL.Path] = v
			io.WriteString(conn, "HTTP/1.1 204 No Content\r\nX-Stored: 1\r\n\r\n") // NAIVE: contentlength
		default:
			v := store[req.URL.Path]
			fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n", len(v))
			conn.Write(v)
		}
	}
}

// ---------------------------------------------------------------------------
// CLEAN: contentlength HEAD reply carries headers only, no body to frame
func serveBlobs(conn net.Conn, blobs map[string][]byte) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		blob := blobs[req.URL.Path]
		if req.Method == http.MethodHead {
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n") // NAIVE: contentlength
			continue
		}
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n", len(blob))
		conn.Write(blob)
	}
}

// ---------------------------------------------------------------------------
// CLEAN: contentlength Transfer-Encoding: chunked header with httputil.NewChunkedWriter body
func serveLogTail(conn net.Conn, lines func() []string) {
	defer conn.Close()
	br, bw := bufio.NewReader(conn), bufio.NewWriter(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		bw.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n") // NAIVE: contentlength
		cw := httputil.NewChunkedWriter(bw)
		for _, l := range lines() {
			io.WriteString(cw, l+"\n")
		}
		cw.Close()
		bw.WriteString("\r\n")
		if err := bw.Flush(); err != nil {
			return
		}
	}
}

// ---------------------------------------------------------------------------
// CLEAN: contentlength http.Response.Write with TransferEncoding chunked frames the streamed body itself
func serveCSVExport(conn net.Conn, export func(io.Writer) error) {
	defer conn.Close()
	br, bw := bufio.NewReader(conn), bufio.NewWriter(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		pr, pw := io.Pipe()
		go func() { pw.CloseWithError(export(pw)) }()
		resp := &http.Response{
			StatusCode:       http.StatusOK,
			ProtoMajor:       1,
			ProtoMinor:       1,
			Request:          req,
			Header:           http.Header{"Content-Type": {"text/csv"}},
			ContentLength:    -1,
			TransferEncoding: []string{"chunked"},
			Body:             pr,
		}
		if err := resp.Write(bw); err != nil { // NAIVE: contentlength
			return
		}
		if err := bw.Flush(); err != nil {
			return
		}
	}
}

// ---------------------------------------------------------------------------
// CLEAN: contentlength Content-Length is set through an http.Header map written with Header.Write, not in the literal
func serveManifest(conn net.Conn, manifest func() []byte) {
	defer conn.Close()
	br, bw := bufio.NewReader(conn), bufio.NewWriter(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		body := manifest()
		h := http.Header{}
		h.Set("Content-Type", "application/json")
		h.Set("Content-Length", strconv.Itoa(len(body)))
		h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
		bw.WriteString("HTTP/1.1 200 OK\r\n") // NAIVE: contentlength
		h.Write(bw)
		bw.WriteString("\r\n")
		bw.Write(body)
		if err := bw.Flush(); err != nil {
			return
		}
	}
}

// ---------------------------------------------------------------------------
// CLEAN: contentlength 304 Not Modified has no body
func serveETagged(conn net.Conn, etag string, body []byte) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.Header.Get("If-None-Match") == etag {
			fmt.Fprintf(conn, "HTTP/1.1 304 Not Modified\r\nETag: %s\r\n\r\n", etag) // NAIVE: contentlength
			continue
		}
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nETag: %s\r\nContent-Length: %d\r\n\r\n", etag, len(body))
		conn.Write(body)
	}
}
