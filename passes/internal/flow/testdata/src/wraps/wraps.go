package wraps

import (
	"bufio"
	"io"
	"net"
)

// Literal: both wrappers over the conn field.
type conn struct {
	rwc net.Conn
	br  *bufio.Reader // want `wraps rwc`
	bw  *bufio.Writer // want `wraps rwc`
}

func newConn(c net.Conn) *conn {
	return &conn{rwc: c, br: bufio.NewReader(c), bw: bufio.NewWriterSize(c, 4096)}
}

// Assignments, the wrapper built over a load of the field.
type session struct {
	c  net.Conn
	br *bufio.Reader // want `wraps c`
}

func (s *session) reset(c net.Conn) {
	s.c = c
	s.br = bufio.NewReader(s.c)
}

// Wrapping different things in different places: no relation.
type mixed struct {
	c  net.Conn
	br *bufio.Reader
}

func newMixed(c net.Conn, r io.Reader) *mixed {
	if r != nil {
		return &mixed{c: c, br: bufio.NewReader(r)}
	}
	return &mixed{c: c, br: bufio.NewReader(c)}
}

// A reader over something no field holds.
type reader struct {
	br *bufio.Reader
}

func newReader(r io.Reader) *reader { return &reader{br: bufio.NewReader(r)} }
