// Package fields holds request loops over a connection kept in a struct:
// the reader and writer are fields built over the conn field.
package fields

import (
	"bufio"
	"net"
	"net/http"
)

type conn struct {
	rwc net.Conn
	br  *bufio.Reader
	bw  *bufio.Writer
}

func newConn(c net.Conn) *conn {
	return &conn{rwc: c, br: bufio.NewReader(c), bw: bufio.NewWriter(c)}
}

// A request loop that writes an unframed keep-alive response.
func (c *conn) serve() {
	defer c.rwc.Close()
	for {
		req, err := http.ReadRequest(c.br)
		if err != nil {
			return
		}
		_ = req
		c.bw.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello") // want `response written to c\.rwc has no Content-Length`
		c.bw.Flush()
	}
}

// One request, then the connection is closed: the body ends at the close.
func (c *conn) serveOnce() {
	defer c.rwc.Close()
	if _, err := http.ReadRequest(c.br); err != nil {
		return
	}
	c.bw.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello")
	c.bw.Flush()
}

// A framed response in the loop.
func (c *conn) serveFramed() {
	defer c.rwc.Close()
	for {
		if _, err := http.ReadRequest(c.br); err != nil {
			return
		}
		c.bw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
		c.bw.Flush()
	}
}

// Two conns of the same type in one function (a relay): the field names
// two connections, so neither is followed.
func relay(a, b *conn) {
	for {
		if _, err := http.ReadRequest(a.br); err != nil {
			return
		}
		b.bw.WriteString("HTTP/1.1 200 OK\r\n\r\nhello")
		b.bw.Flush()
	}
}
