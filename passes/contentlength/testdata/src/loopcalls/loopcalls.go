// Package loopcalls holds request loops that answer through the functions
// they call: a dispatcher, then reply methods handed the writer.
package loopcalls

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
)

type api struct {
	state string
	keep  []*bufio.Writer
}

// serveConn is the keep-alive loop.
func (a *api) serveConn(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if !a.dispatch(bw, req) {
			return
		}
		if bw.Flush() != nil {
			return
		}
	}
}

func (a *api) dispatch(bw *bufio.Writer, req *http.Request) bool {
	switch req.URL.Path {
	case "/state":
		a.state200(bw)
		return true
	case "/framed":
		a.framed(bw)
		return true
	case "/bye":
		a.bye(bw)
		return false
	}
	return a.notFound(bw)
}

// An unframed 200, and dispatch returns true: the loop reads the next
// request.
func (a *api) state200(bw *bufio.Writer) {
	fmt.Fprintf(bw, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n%s", a.state) // want `response written by state200 to bw has no Content-Length, chunked encoding or Connection: close, and the request loop that calls dispatch goes on`
}

func (a *api) framed(bw *bufio.Writer) {
	fmt.Fprintf(bw, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(a.state), a.state)
}

// Unframed, but dispatch returns false after it: the loop ends and the
// deferred close ends the body.
func (a *api) bye(bw *bufio.Writer) {
	bw.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nbye")
}

// Unframed and returns false itself.
func (a *api) notFound(bw *bufio.Writer) bool {
	bw.WriteString("HTTP/1.1 404 Not Found\r\n\r\nno route")
	return false
}

// A loop that closes the connection after the call.
func (a *api) serveOnce(conn net.Conn) {
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		a.answer(bw, req)
		bw.Flush()
		conn.Close()
		return
	}
}

func (a *api) answer(bw *bufio.Writer, req *http.Request) {
	bw.WriteString("HTTP/1.1 200 OK\r\n\r\n" + req.URL.Path)
}

// A reply function that keeps the writer: its holder may frame it.
func (a *api) serveKept(conn net.Conn) {
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		a.park(bw)
	}
}

func (a *api) park(bw *bufio.Writer) {
	bw.WriteString("HTTP/1.1 200 OK\r\n\r\nparked")
	a.keep = append(a.keep, bw)
}

// A direct reply function on the conn, in a plain loop.
func serveRaw(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		replyRaw(conn, req)
	}
}

func replyRaw(c net.Conn, req *http.Request) {
	fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n%s", req.URL.Path) // want `response written by replyRaw to conn has no Content-Length, chunked encoding or Connection: close, and the loop goes on`
}
