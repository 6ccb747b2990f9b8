package silent

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
)

// A request loop serves the next request.
func loop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	}
}

// The response announces the close.
func announced(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
}

// HTTP/1.0 without keep-alive: the client expects the close.
func http10(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")
}

// No framing: the close is the end of the body.
func closeDelimited(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nuntil EOF")
}

// resp.Close = true.
func responseClose(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	resp := &http.Response{StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, ContentLength: 2, Body: io.NopCloser(strings.NewReader("ok"))}
	resp.Close = true
	resp.Write(conn)
}

// Close in the literal.
func responseCloseLiteral(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	resp := &http.Response{StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, Close: true}
	resp.Write(conn)
}

// Unknown length: Response.Write adds Connection: close itself.
func responseUnknownLength(conn net.Conn, r io.Reader) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	resp := &http.Response{StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, ContentLength: -1, Body: io.NopCloser(r)}
	resp.Write(conn)
}

// Headers that may hold Connection: close.
func responseHeader(conn net.Conn, h http.Header) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	resp := &http.Response{StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, Header: h}
	resp.Write(conn)
}

// The response goes through a helper that may change it.
func responseHelper(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	resp := &http.Response{StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1}
	decorate(resp)
	resp.Write(conn)
}

func decorate(*http.Response) {}

// The code closes only when the client asked for it.
func clientAsked(conn net.Conn) {
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	if req.Close {
		conn.Close()
	}
}

// The code looks at the client's Connection header.
func clientHeader(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil || !strings.EqualFold(req.Header.Get("Connection"), "close") {
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
}

// The conn is not closed here: the caller decides.
func noClose(conn net.Conn) {
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		conn.Close() // only on the error path
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
}

// The conn is handed on after the response.
func handedOn(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	serveMore(conn)
}

func serveMore(net.Conn) {}

// A head whose middle the analyzer cannot see.
func headerHole(conn net.Conn, hdrs string) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n%s\r\n", hdrs)
}

// A protocol upgrade.
func upgrade(w http.ResponseWriter, r *http.Request) {
	conn, bufrw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	bufrw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: example\r\nConnection: Upgrade\r\n\r\n")
	bufrw.Flush()
	io.Copy(conn, conn)
}

// A hijacking handler that announces the close.
func hijackAnnounced(w http.ResponseWriter, r *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"))
}

// A hijacking handler that drops the connection without answering.
func hijackDrop(w http.ResponseWriter, r *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	conn.Close()
}

// A net/http handler that writes raw text into the body.
func notAConn(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
}

// Suppressed with a reason.
func suppressed(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	//connvet:ignore keepaliveclose our only client is a one-shot health probe
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
}

// 100 Continue is an interim response: the final one comes later.
func continueFirst(conn net.Conn) {
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	conn.Write([]byte("HTTP/1.1 100 Continue\r\n\r\n"))
	finishLater(conn)
	conn.Close()
}

func finishLater(net.Conn) {}

// After a 101 the connection speaks another protocol.
func switched(w http.ResponseWriter, r *http.Request) {
	conn, buf, _ := w.(http.Hijacker).Hijack()
	buf.Write([]byte("HTTP/1.1 101 Switching Protocols\r\n\r\n"))
	buf.Write([]byte("HTTP/1.1 204 No Content\r\n\r\n"))
	buf.Flush()
	conn.Close()
}

// A hijacking handler with its own request loop.
func hijackLoop(w http.ResponseWriter, r *http.Request) {
	conn, bufrw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	br := bufio.NewReader(conn)
	for i := 0; i < 10; i++ {
		bufrw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		bufrw.Flush()
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
	}
}

// The Close follows a return: this path returns without closing the conn,
// so the conn is not closed after its response.
func answerThenHandOn(w http.ResponseWriter, r *http.Request, fast bool) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	if fast {
		conn.Write([]byte("HTTP/1.1 204 No Content\r\n\r\n"))
		return
	}
	conn.Write([]byte("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"))
	conn.Close()
}
