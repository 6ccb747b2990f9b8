package silent

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
)

func serveLoop(conn net.Conn, body string, n int, hdr, te string, conns []net.Conn, code int) {
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		switch req.URL.Path {
		case "/length":
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
		case "/length-verb":
			fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		case "/chunked":
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
		case "/close":
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbye")
		case "/204":
			io.WriteString(conn, "HTTP/1.1 204 No Content\r\n\r\n")
		case "/304":
			io.WriteString(conn, "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n")
		case "/continue":
			io.WriteString(conn, "HTTP/1.1 100 Continue\r\n\r\n")
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		case "/http10":
			io.WriteString(conn, "HTTP/1.0 200 OK\r\n\r\nold")
		case "/header-hole":
			// A hole where a header line could be: it may carry the length.
			fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\n%s\r\n%s", hdr, body)
		case "/status-hole":
			// A status from a local that is only ever 204 or 304 has no body.
			status := http.StatusNoContent
			if req.Header.Get("If-None-Match") != "" {
				status = http.StatusNotModified
			}
			fmt.Fprintf(conn, "HTTP/1.1 %d %s\r\n\r\n", status, http.StatusText(status))
		case "/te-hole":
			fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nTransfer-Encoding: %s\r\n\r\n", te)
		case "/conditional":
			// The missing header is added by code the analyzer can see.
			bw.WriteString("HTTP/1.1 200 OK\r\n")
			if n > 0 {
				fmt.Fprintf(bw, "Content-Length: %d\r\n", n)
			}
			bw.WriteString("\r\n")
			bw.Flush()
		case "/helper":
			bw.WriteString("HTTP/1.1 200 OK\r\n")
			writeHeaders(bw, n)
			bw.Flush()
		case "/response":
			// http.Response.Write frames the body itself.
			resp := &http.Response{StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, ContentLength: -1}
			resp.Write(conn)
		case "/buffer":
			// A buffer whose content is not what goes to the connection (a
			// buffer written to the connection in one go is a response:
			// see the shapes package).
			var buf bytes.Buffer
			buf.WriteString("HTTP/1.1 200 OK\r\n\r\nnot a conn")
			_ = fmt.Sprint(buf.String())
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		case "/suppressed":
			//connvet:ignore contentlength the peer reads one response and hangs up
			io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nhello")
		default:
			io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nbye")
			conn.Close()
			return
		}
	}
}

func writeHeaders(w *bufio.Writer, n int) {
	fmt.Fprintf(w, "Content-Length: %d\r\n\r\n", n)
}

// A loop over connections, not over requests on one.
func broadcast(conns []net.Conn) {
	for _, c := range conns {
		c.Write([]byte("HTTP/1.1 200 OK\r\n\r\nhello"))
	}
}

// The loop leaves after the response.
func oneShotLoop(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nhello")
		break
	}
}

// A parameter written once: the caller decides whether it stays open.
func writeOnce(conn net.Conn) {
	io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nhello")
}

// Close-delimited on purpose: the conn is closed after the response.
func closeDelimited(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	c.Write([]byte("HTTP/1.1 200 OK\r\n\r\nhello"))
}

// The accepted conn is handed to code the analyzer does not follow.
func handedOff(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	c.Write([]byte("HTTP/1.1 200 OK\r\n\r\nhello"))
	go keep(c)
}

func keep(c net.Conn) {}

// A hijacked conn closed after the response.
func hijackClosed(w http.ResponseWriter, r *http.Request) {
	conn, bufrw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	bufrw.WriteString("HTTP/1.1 200 OK\r\n\r\nhijacked")
	bufrw.Flush()
}

// Raw text through the ResponseWriter is a body, not a head.
func notAConn(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("HTTP/1.1 200 OK\r\n\r\nhello"))
}

// The connection header comes from a variable.
func connectionHole(conn net.Conn, v string) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nConnection: %s\r\n\r\nhello", v)
	}
}

// A head the analyzer cannot see in full: the last write is elsewhere.
func partial(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n")
		finish(conn)
	}
}

func finish(conn net.Conn) { io.WriteString(conn, "Content-Length: 0\r\n\r\n") }

// One request per accepted conn, closed after the response.
func acceptLoop(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nhello")
		conn.Close()
	}
}

// A proxy answering CONNECT: the 200 starts a tunnel, it has no body.
func connectProxy(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.Method == http.MethodConnect {
			io.WriteString(conn, "HTTP/1.1 200 Connection Established\r\n\r\n")
		}
	}
}

// A response to HEAD has no body.
func headOnly(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.Method == "HEAD" {
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")
			continue
		}
		io.WriteString(conn, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
	}
}
