package flagged

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
)

// Constant response through io.WriteString in a request loop.
func constWriteString(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nhello") // want `response written to conn has no Content-Length, chunked encoding or Connection: close, and the loop goes on to read the next request from it: the client cannot find the end of the body and hangs until its timeout`
	}
}

// conn.Write of a byte-slice conversion.
func constWrite(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			conn.Close()
			return
		}
		_ = req
		conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhi")) // want `response written to conn has no Content-Length`
	}
}

// fmt.Fprintf with the body as the last %s operand.
func fprintfBody(conn net.Conn, body string) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n%s", body) // want `response written to conn has no Content-Length`
	}
}

// Several writes through a bufio.Writer over the conn.
func bufioSequence(conn net.Conn) {
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		bw.WriteString("HTTP/1.1 200 OK\r\n") // want `response written to conn has no Content-Length`
		bw.WriteString("Content-Type: text/plain\r\n\r\n")
		bw.WriteString("hi")
		bw.Flush()
	}
}

// Concatenated constants.
func concat(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		conn.Write([]byte("HTTP/1.1 200 OK\r\n" + "Server: x\r\n\r\n" + "ok")) // want `response written to conn has no Content-Length`
	}
}

// A constant status code filled into a %d verb.
func constStatus(conn net.Conn, msg string) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		fmt.Fprintf(conn, "HTTP/1.1 %d OK\r\n\r\n%s", http.StatusOK, msg) // want `response written to conn has no Content-Length`
	}
}

// A response built with fmt.Sprintf into a local first.
func sprintfLocal(conn net.Conn, id int, body string) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		resp := fmt.Sprintf("HTTP/1.1 200 OK\r\nX-Id: %d\r\n\r\n%s", id, body)
		conn.Write([]byte(resp)) // want `response written to conn has no Content-Length`
	}
}

// HTTP/1.0 that asks for keep-alive is no better.
func http10KeepAlive(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		io.WriteString(conn, "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\nhello") // want `response written to conn has no Content-Length`
	}
}

// The request is read in the loop header.
func loopHeader(conn net.Conn) {
	br := bufio.NewReader(conn)
	for req, err := http.ReadRequest(br); err == nil; req, err = http.ReadRequest(br) {
		_ = req
		io.WriteString(conn, "HTTP/1.1 404 Not Found\r\n\r\nnope") // want `response written to conn has no Content-Length`
	}
}

// A write inside a switch: break leaves the switch, not the loop.
func inSwitch(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		switch req.URL.Path {
		case "/a":
			io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nA") // want `response written to conn has no Content-Length`
			break
		default:
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nB")
		}
	}
}

// *net.TCPConn accepted by the loop's owner.
func tcpConn(ln *net.TCPListener) {
	c, err := ln.AcceptTCP()
	if err != nil {
		return
	}
	br := bufio.NewReader(c)
	for {
		if _, err := br.ReadString('\n'); err != nil {
			return
		}
		c.Write([]byte("HTTP/1.1 200 OK\r\n\r\npong")) // want `response written to c has no Content-Length`
	}
}

// The close happens only when the client asked for it.
func conditionalClose(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if _, err := io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nhello"); err != nil { // want `response written to conn has no Content-Length`
			return
		}
		if req.Close {
			conn.Close()
			return
		}
	}
}

// The body is a variable concatenated to the head: no fix is offered.
func concatBody(conn net.Conn, body string) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		conn.Write([]byte("HTTP/1.1 200 OK\r\n\r\n" + body)) // want `response written to conn has no Content-Length`
	}
}

// io.WriteString through a sized bufio.Writer.
func writerSize(conn net.Conn) {
	br := bufio.NewReaderSize(conn, 4096)
	bw := bufio.NewWriterSize(conn, 4096)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		io.WriteString(bw, "HTTP/1.1 500 Internal Server Error\r\n\r\noops") // want `response written to conn has no Content-Length`
		bw.Flush()
	}
}

// A raw-string response (LF line ends).
func rawString(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		resp := `HTTP/1.1 200 OK
Content-Type: text/plain

raw`
		io.WriteString(conn, resp) // want `response written to conn has no Content-Length`
	}
}
