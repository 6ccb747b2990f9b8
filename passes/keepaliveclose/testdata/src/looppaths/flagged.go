package looppaths

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strings"
)

var errUpstream = errors.New("upstream failed")

// A forward proxy relays the upstream response; when its length is known
// it tells the client to keep the connection, then leaves the loop when
// the client did not send Proxy-Connection: keep-alive (a plain HTTP/1.1
// client, which keeps the connection by default).
func forwardProxy(client net.Conn, upstream net.Conn) error {
	defer client.Close()
	cbr := bufio.NewReader(client)
	ubr := bufio.NewReader(upstream)
	req, err := http.ReadRequest(cbr)
	if err != nil {
		return err
	}
	for {
		persistent := strings.EqualFold(req.Header.Get("Proxy-Connection"), "keep-alive")
		req.RequestURI = ""
		if err := req.Write(upstream); err != nil {
			return err
		}
		resp, err := http.ReadResponse(ubr, req)
		if err != nil {
			return err
		}
		if resp.ContentLength >= 0 {
			resp.Header.Set("Connection", "keep-alive")
			resp.Close = false
		} else {
			resp.Close = true
		}
		if err := resp.Write(client); err != nil || resp.Close {
			return err
		}
		if !persistent {
			return nil // want `the request loop ends here \(the function returns\) after a response on client that says Connection: keep-alive`
		}
		req, err = http.ReadRequest(cbr)
		if err != nil {
			return err
		}
	}
}

// A keep-alive bridge buffers the upstream body, frames it with its
// length, says keep-alive, and ends the connection after a fixed number of
// requests without saying so on the last response.
func bridge(conn net.Conn, fetch func(*http.Request) (*http.Response, error), maxPerConn int) {
	br := bufio.NewReader(conn)
	served := 0
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			break
		}
		resp, err := fetch(req)
		if err != nil {
			io.WriteString(conn, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		resp.Header["Connection"] = []string{"keep-alive"}
		resp.Close = false
		resp.Write(conn)
		served++
		if served >= maxPerConn {
			break // want `the request loop ends here \(the function breaks out of it\) after a response on conn that says Connection: keep-alive`
		}
	}
	conn.Close()
}

// A MITM proxy relays chunked responses with keep-alive and gives up on
// the connection when the origin fails.
func mitm(conn net.Conn, rt http.RoundTripper) error {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return err
		}
		resp, err := rt.RoundTrip(req)
		if err != nil {
			return err
		}
		resp.TransferEncoding = []string{"chunked"}
		resp.Header.Set("Connection", "keep-alive")
		resp.Close = false
		if err := resp.Write(conn); err != nil {
			return err
		}
		if resp.StatusCode >= 500 {
			log.Printf("origin failed: %s", resp.Status)
			return errUpstream // want `after a response on conn that says Connection: keep-alive`
		}
	}
}

// Raw text that says keep-alive, then a labeled break on the server's own
// limit.
func rawKeepAlive(conn net.Conn, limit int) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	n := 0
serve:
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		n++
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: %d\r\n\r\n%s", len(req.URL.Path), req.URL.Path)
		switch {
		case n >= limit:
			break serve // want `after a response on conn that says Connection: keep-alive`
		}
	}
}

// A tunnel answers with keep-alive, reads the next request, and closes
// when it is for another host: that request gets no response.
func hostTunnel(conn net.Conn, upstream net.Conn, req *http.Request) {
	cbr := bufio.NewReader(conn)
	ubr := bufio.NewReader(upstream)
	host := req.Host
	for {
		if err := req.Write(upstream); err != nil {
			break
		}
		resp, err := http.ReadResponse(ubr, req)
		if err != nil {
			break
		}
		if err := resp.Write(conn); err != nil {
			break
		}
		req, err = http.ReadRequest(cbr)
		if err != nil {
			break
		}
		if req.Host != host {
			log.Printf("host changed from %s to %s", host, req.Host)
			break // want `the request loop ends here \(the function breaks out of it\) after reading a request from conn without writing any response to it`
		}
	}
}

// A server drops a CONNECT it does not support without answering.
func noConnect(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.Method == http.MethodConnect {
			log.Printf("CONNECT to %s refused", req.Host)
			return // want `after reading a request from conn without writing any response to it`
		}
		resp := &http.Response{StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, ContentLength: 0}
		resp.Write(conn)
	}
}

// A malformed request URI ends the loop without a 400.
func parseTarget(conn net.Conn) error {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return err
		}
		u, err := url.Parse(req.RequestURI)
		if err != nil {
			return fmt.Errorf("bad target %q: %w", req.RequestURI, err) // want `after reading a request from conn without writing any response to it`
		}
		io.WriteString(conn, "HTTP/1.1 204 No Content\r\n\r\n")
		_ = u
	}
}

// A method switch whose default leaves the loop.
func methods(conn net.Conn, w *bufio.Writer) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		switch req.Method {
		case http.MethodGet, http.MethodHead:
			fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		default:
			return // want `after reading a request from conn without writing any response to it`
		}
	}
}

// A connection wrapped in a struct that embeds it (a traffic counter) is
// the connection: the request read from it and dropped is reported.
type countedConn struct {
	net.Conn
	read, written int64
}

func counted(c *countedConn) {
	br := bufio.NewReader(c)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.ContentLength > 1<<20 {
			return // want `after reading a request from c without writing any response to it`
		}
		io.WriteString(c, "HTTP/1.1 204 No Content\r\n\r\n")
	}
}
