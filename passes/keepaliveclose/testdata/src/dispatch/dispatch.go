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

// Plugins answer the request themselves and say so with their result.
type Plugin interface {
	Handle(rwc io.ReadWriteCloser, req *http.Request) (handled bool)
}

type Gate struct{ Plugins []Plugin }

func (g *Gate) handle(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	for _, p := range g.Plugins {
		if p.Handle(conn, req) {
			println("handled")
			return
		}
	}
	forward(conn, req)
}

func forward(conn net.Conn, req *http.Request) { go proxy(conn, req) }

func proxy(conn net.Conn, req *http.Request) {}

// blocklist answers 403 and returns true: the gate hangs up unannounced.
type blocklist struct{ blocked map[string]bool }

func (b *blocklist) Handle(rwc io.ReadWriteCloser, req *http.Request) bool {
	host := req.RemoteAddr
	if c, ok := rwc.(net.Conn); ok {
		host = c.RemoteAddr().String()
	}
	if !b.blocked[host] {
		return false
	}
	res := &http.Response{StatusCode: 403, ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{}, ContentLength: 9, Body: io.NopCloser(strings.NewReader("forbidden"))}
	res.Write(rwc) // want `rwc is closed after this response, which does not say Connection: close`
	return true
}

// maintenance says Connection: close.
type maintenance struct{ on bool }

func (m *maintenance) Handle(rwc io.ReadWriteCloser, req *http.Request) bool {
	if !m.on {
		return false
	}
	res := &http.Response{StatusCode: 503, ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{}, Close: true, ContentLength: 0, Body: http.NoBody}
	res.Write(rwc)
	return true
}

// A gate whose plugins may answer and still let the request through: the
// forward after the loop can follow the answer.
type Filter interface {
	Filter(rwc io.ReadWriteCloser, req *http.Request) (stop bool)
}

type FilterGate struct{ Filters []Filter }

func (g *FilterGate) handle(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	for _, f := range g.Filters {
		if f.Filter(conn, req) {
			return
		}
	}
	forward(conn, req)
}

// warn writes an interim answer and lets the request go on.
type warn struct{}

func (warn) Filter(rwc io.ReadWriteCloser, req *http.Request) bool {
	io.WriteString(rwc, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	return false
}

// keeper hands the connection to a pool after answering.
type keeper struct{ pool chan net.Conn }

func (k *keeper) Filter(rwc io.ReadWriteCloser, req *http.Request) bool {
	io.WriteString(rwc, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	if c, ok := rwc.(net.Conn); ok {
		k.pool <- c
	}
	return true
}
