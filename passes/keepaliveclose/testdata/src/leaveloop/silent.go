package leaveloop

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// The 407 keeps its promise: the loop reads the client's retry.
func authThenContinue(conn net.Conn, user string) error {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return err // the read failed: no response on this path
		}
		if req.Header.Get("Proxy-Authorization") != user {
			resp := &http.Response{StatusCode: http.StatusProxyAuthRequired, ProtoMajor: 1, ProtoMinor: 1}
			if err := resp.Write(conn); err != nil {
				return err // the write failed
			}
			continue
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	}
}

// The response announces the close before the function returns.
func announced(conn net.Conn, user string) error {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return err
		}
		if req.URL.Host == "" {
			io.WriteString(conn, "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
			return nil
		}
		if req.Header.Get("Proxy-Authorization") != user {
			resp := &http.Response{StatusCode: http.StatusProxyAuthRequired, ProtoMajor: 1, ProtoMinor: 1, Close: true}
			resp.Write(conn)
			return errAuth
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	}
}

// The helper's header says Connection: close, or comes from elsewhere.
func helperAnnounces(conn net.Conn, reader *bufio.Reader, extra []string) error {
	for {
		request, err := http.ReadRequest(reader)
		if err != nil {
			return err
		}
		if request.Header.Get("Proxy-Authorization") == "" {
			responseWith(request, http.StatusProxyAuthRequired, "Proxy-Authenticate", "Basic", "Connection", "close").Write(conn)
			return errAuth
		}
		if request.URL.Host == "" {
			responseWith(request, http.StatusBadRequest, extra...).Write(conn)
			return errAuth
		}
		responseWith(request, http.StatusOK).Write(conn)
	}
}

// Only the path on which the client did not ask to keep the connection
// leaves the loop; the keep-alive client gets its next request read.
func keepAliveContinues(conn net.Conn, reader *bufio.Reader, keepAlive func(*http.Request) bool) error {
	for {
		request, err := http.ReadRequest(reader)
		if err != nil {
			return err
		}
		if request.Header.Get("Proxy-Authorization") == "" {
			err = responseWith(request, http.StatusProxyAuthRequired, "Proxy-Authenticate", "Basic").Write(conn)
			if err != nil {
				return err
			}
			if keepAlive(request) {
				continue
			}
			return errAuth
		}
		responseWith(request, http.StatusOK).Write(conn)
	}
}

// CONNECT: the 200 is followed by the tunnel, here or in the caller.
func connectTunnel(conn net.Conn, dial func(string) (net.Conn, error), splice func(a, b net.Conn)) error {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return err
		}
		if req.Method == http.MethodConnect {
			upstream, err := dial(req.Host)
			if err != nil {
				io.WriteString(conn, "HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
				return err
			}
			io.WriteString(conn, "HTTP/1.1 200 Connection Established\r\nContent-Length: 0\r\n\r\n")
			splice(conn, upstream)
			return nil
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	}
}

// The connection is handed on the path to code that serves it further.
type server struct{ idle chan net.Conn }

func (s *server) handOff(conn net.Conn, upgrade func(net.Conn, *http.Request) error) error {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return err
		}
		if req.Header.Get("Upgrade") != "" {
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
			return upgrade(conn, req)
		}
		if req.URL.Path == "/park" {
			io.WriteString(conn, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n")
			s.idle <- conn
			return nil
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	}
}

// Leaving the loop is not the end: the function serves the connection
// after it.
func breakThenServe(conn net.Conn, serveRaw func(net.Conn)) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.Header.Get("Upgrade") == "raw" {
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
			break
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	}
	serveRaw(conn)
}

// A break in a switch ends the switch, not the loop.
func switchBreak(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		switch req.Method {
		case http.MethodOptions:
			io.WriteString(conn, "HTTP/1.1 204 No Content\r\nAllow: GET\r\n\r\n")
			break
		default:
			io.WriteString(conn, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
		}
	}
}

// The client asked to close: the loop ends at its request.
func clientAsked(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.Close {
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	}
}

// A body without framing ends at the close: leaving is its end.
func closeDelimited(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.URL.Path == "/stream" {
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nstreamed until close")
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	}
}

// Two connections: the reader parameter may belong to either.
func twoConns(client, upstream net.Conn, br *bufio.Reader) error {
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return err
		}
		if req.URL.Host == "" {
			io.WriteString(client, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
			return errAuth
		}
		req.Write(upstream)
	}
}

// The function returns the connection with the response: the caller goes
// on with it.
func returnsConn(conn net.Conn) (net.Conn, *http.Request, error) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return nil, nil, err
		}
		if req.Method != http.MethodGet {
			io.WriteString(conn, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n")
			return conn, req, nil
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	}
}

// A deferred call hands the connection back to a pool that serves it.
func pooled(conn net.Conn, put func(net.Conn)) error {
	defer put(conn)
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return err
		}
		if req.URL.Path == "/done" {
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
			return nil
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	}
}

// One request per accepted connection in a serial accept loop: not a
// request loop; leaving the accept loop is judged by the one-shot rules.
func acceptLoop(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		br := bufio.NewReader(conn)
		if _, err := http.ReadRequest(br); err != nil {
			conn.Close()
			continue
		}
		io.WriteString(conn, "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
		conn.Close()
		return
	}
}
