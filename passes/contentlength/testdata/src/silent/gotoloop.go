package silent

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// A goto request loop whose 407 says how long its body is.
func gotoFramed(conn net.Conn, user string) {
	br := bufio.NewReader(conn)
next:
	req, err := http.ReadRequest(br)
	if err != nil {
		conn.Close()
		return
	}
	if req.Header.Get("Proxy-Authorization") != user {
		conn.Write([]byte("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n"))
		goto next
	}
	conn.Write([]byte("HTTP/1.1 204 No Content\r\n\r\n"))
	goto next
}

// The unframed answer is followed by a close: only the framed one goes
// back for the next request.
func gotoCloseAfterUnframed(conn net.Conn) {
	br := bufio.NewReader(conn)
next:
	req, err := http.ReadRequest(br)
	if err != nil {
		conn.Close()
		return
	}
	if req.URL.Path == "/ping" {
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\npong")
		goto next
	}
	io.WriteString(conn, "HTTP/1.1 404 Not Found\r\n\r\n")
	conn.Close()
}

// Closed before the goto, which then fails the read and returns.
func gotoClosedFirst(conn net.Conn, keep bool) {
	br := bufio.NewReader(conn)
again:
	if _, err := http.ReadRequest(br); err != nil {
		return
	}
	io.WriteString(conn, "HTTP/1.1 403 Forbidden\r\n\r\n")
	if !keep {
		conn.Close()
		goto again
	}
	conn.Close()
}

// A goto that jumps forward is no loop.
func gotoForward(conn net.Conn) {
	br := bufio.NewReader(conn)
	if _, err := http.ReadRequest(br); err != nil {
		goto done
	}
	io.WriteString(conn, "HTTP/1.1 500 Internal Server Error\r\n\r\n")
	goto done
done:
	conn.Close()
}

// An accept loop written with goto: each time round is a new connection,
// closed after its one response.
func gotoAccept(ln net.Listener) {
accept:
	conn, err := ln.Accept()
	if err != nil {
		return
	}
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err == nil {
		io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nbye")
	}
	conn.Close()
	goto accept
}

// The loop reads another connection than the one answered.
func gotoOtherConn(in, out net.Conn) {
	br := bufio.NewReader(in)
next:
	if _, err := http.ReadRequest(br); err != nil {
		return
	}
	io.WriteString(out, "HTTP/1.1 200 OK\r\n\r\nlogged")
	goto next
}

// A CONNECT proxy in a goto loop: the 200 starts a tunnel.
func gotoConnectTunnel(conn net.Conn, dial func(string) (net.Conn, error)) {
	br := bufio.NewReader(conn)
next:
	req, err := http.ReadRequest(br)
	if err != nil {
		return
	}
	if req.Method != http.MethodConnect {
		io.WriteString(conn, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
		goto next
	}
	up, err := dial(req.Host)
	if err != nil {
		io.WriteString(conn, "HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n")
		conn.Close()
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 Connection Established\r\n\r\n")
	go io.Copy(up, conn)
	io.Copy(conn, up)
}

// A function that answers CONNECT with a status from a variable: it may be
// a 2xx that starts a tunnel.
func connectStatusVar(conn net.Conn, status string) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.Method == "CONNECT" {
			io.WriteString(conn, "HTTP/1.1 "+status+"\r\n\r\n")
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	}
}

// A function that answers HEAD: none of its responses has a body.
func headAndGotoLoop(conn net.Conn) {
	br := bufio.NewReader(conn)
next:
	req, err := http.ReadRequest(br)
	if err != nil {
		return
	}
	if req.Method == http.MethodHead {
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
		goto next
	}
	io.WriteString(conn, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
	goto next
}
