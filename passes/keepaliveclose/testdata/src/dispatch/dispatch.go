// Package dispatch holds one-shot servers that let an interface answer:
// plugins or responders asked in turn, each implemented in the package.
package dispatch

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
)

type Responder interface {
	Match(req *http.Request) bool
	Respond(conn net.Conn, req *http.Request) error
}

type Relay struct{ Responders []Responder }

func (r *Relay) serveOne(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	for _, rp := range r.Responders {
		if !rp.Match(req) {
			continue
		}
		if err := rp.Respond(conn, req); err != nil {
			println(err.Error())
		}
		return
	}
	notFound(conn)
}

func notFound(w io.Writer) {
	io.WriteString(w, "HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
}

// token answers with a keep-alive response: the relay then hangs up.
type token struct{}

func (token) Match(req *http.Request) bool { return req.URL.Path == "/token" }

func (token) Respond(conn net.Conn, req *http.Request) error {
	resp := &http.Response{StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{}, ContentLength: 2, Body: io.NopCloser(strings.NewReader("ok"))}
	return resp.Write(conn) // want `conn is closed after this response, which does not say Connection: close`
}

// deny says Connection: close.
type deny struct{}

func (deny) Match(req *http.Request) bool { return strings.HasPrefix(req.URL.Path, "/internal/") }

func (deny) Respond(conn net.Conn, req *http.Request) error {
	resp := &http.Response{StatusCode: 403, ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{}, Close: true, ContentLength: 0, Body: http.NoBody}
	return resp.Write(conn)
}

// A request loop that asks the same responders: each answer is followed
// by the client's next request.
func (r *Relay) serveLoop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		for _, rp := range r.Responders {
			if rp.Match(req) {
				rp.Respond(conn, req)
				break
			}
		}
	}
}

// A loop over the responders that goes on to hand the connection away
// after one answered: not the last response on it.
func (r *Relay) serveHandoff(conn net.Conn, pool chan net.Conn) {
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		conn.Close()
		return
	}
	for _, rp := range r.Responders {
		if rp.Match(req) {
			rp.Respond(conn, req)
			break
		}
	}
	pool <- conn
}
