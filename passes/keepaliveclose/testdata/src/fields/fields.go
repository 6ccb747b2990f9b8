// Package fields holds servers that keep a client's connection in a struct
// and serve it in methods: the reader, writer and conn are fields, set in
// a constructor or a literal, read in one method and closed in another.
package fields

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
)

// session: the reader field is built over the conn field in a literal.
type session struct {
	conn net.Conn
	br   *bufio.Reader
}

func (s *session) serve() {
	defer s.conn.Close()
	req, err := http.ReadRequest(s.br)
	if err != nil {
		return
	}
	_ = req
	io.WriteString(s.conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `s\.conn is closed after this response, which does not say Connection: close`
}

func acceptSessions(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		s := &session{conn: c, br: bufio.NewReader(c)}
		go s.serve()
	}
}

// pconn: built by a constructor; a method replies through the writer
// field, another closes the conn field.
type pconn struct {
	rwc net.Conn
	br  *bufio.Reader
	bw  *bufio.Writer
}

func newPconn(c net.Conn) *pconn {
	return &pconn{rwc: c, br: bufio.NewReader(c), bw: bufio.NewWriter(c)}
}

func (c *pconn) reply(body string) {
	fmt.Fprintf(c.bw, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(body), body) // want `c\.rwc is closed after this response, which does not say Connection: close`
	c.bw.Flush()
}

func (c *pconn) close() { c.rwc.Close() }

func (c *pconn) serveOnce() {
	defer c.close()
	req, err := http.ReadRequest(c.br)
	if err != nil {
		return
	}
	_ = req
	c.reply("ok")
}

// The same struct served in a request loop: the client's next request is
// read.
func (c *pconn) serveLoop() {
	defer c.close()
	for {
		req, err := http.ReadRequest(c.br)
		if err != nil {
			return
		}
		_ = req
		c.reply("ok")
	}
}

// A one-shot answer that says Connection: close.
func (c *pconn) replyClosing(body string) {
	fmt.Fprintf(c.bw, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	c.bw.Flush()
}

func (c *pconn) serveAnnounced() {
	defer c.close()
	if _, err := http.ReadRequest(c.br); err != nil {
		return
	}
	c.replyClosing("bye")
}

// The struct is handed to a pool after the answer: the connection is kept
// for the next request, so nothing is closed under the client here.
var idle []*pconn

func (c *pconn) park() { idle = append(idle, c) }

func (c *pconn) serveParked() {
	if _, err := http.ReadRequest(c.br); err != nil {
		c.close()
		return
	}
	c.reply("ok")
	c.park()
}

// A close under a condition is no close on every path.
type gated struct {
	rwc  net.Conn
	br   *bufio.Reader
	done bool
}

func newGated(c net.Conn) *gated { return &gated{rwc: c, br: bufio.NewReader(c)} }

func (g *gated) maybeClose() {
	if g.done {
		g.rwc.Close()
	}
}

func (g *gated) serve() {
	defer g.maybeClose()
	if _, err := http.ReadRequest(g.br); err != nil {
		return
	}
	io.WriteString(g.rwc, "HTTP/1.1 204 No Content\r\n\r\n")
	io.WriteString(g.rwc, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
}

// Two sessions in one function (a relay between a client and a backend):
// the field names two connections, so neither is followed.
func relay(client, backend *session) {
	defer client.conn.Close()
	defer backend.conn.Close()
	if _, err := http.ReadRequest(client.br); err != nil {
		return
	}
	io.WriteString(client.conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
}

// A reader field that wraps different things in different places is not
// known to read from the conn field.
type mixed struct {
	conn net.Conn
	br   *bufio.Reader
}

func newMixed(c net.Conn, r io.Reader) *mixed {
	if r != nil {
		return &mixed{conn: c, br: bufio.NewReader(r)}
	}
	return &mixed{conn: c, br: bufio.NewReader(c)}
}

func (m *mixed) serve() {
	defer m.conn.Close()
	if _, err := http.ReadRequest(m.br); err != nil {
		return
	}
	io.WriteString(m.conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
}
