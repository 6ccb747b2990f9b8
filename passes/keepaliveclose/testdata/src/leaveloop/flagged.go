package leaveloop

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
)

var errAuth = errors.New("proxy: authentication failed")

// An HTTP proxy answers a request without credentials with a framed 407
// and returns: its caller closes the connection on which the 407 promised
// the client its retry with credentials.
func proxyAuth(conn net.Conn, user string) error {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return err
		}
		if req.Header.Get("Proxy-Authorization") != user {
			resp := &http.Response{
				StatusCode: http.StatusProxyAuthRequired,
				ProtoMajor: 1,
				ProtoMinor: 1,
				Header:     http.Header{"Proxy-Authenticate": {`Basic realm="proxy"`}},
			}
			resp.Write(conn) // want `this response on conn does not say Connection: close, but the request loop ends after it`
			return errAuth
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	}
}

// A bad request is answered with a framed 400, then the handler gives up
// on the connection.
func badRequest(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.URL.Host == "" {
			io.WriteString(conn, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n") // want `request loop ends after it`
			return
		}
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(req.URL.Path), req.URL.Path)
	}
}

// The loop breaks on an error status: the function closes the connection
// after the loop.
func breakOnError(conn net.Conn, handle func(*http.Request) (int, string)) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			break
		}
		code, body := handle(req)
		if code >= 500 {
			fmt.Fprintf(conn, "HTTP/1.1 %d %s\r\nContent-Length: %d\r\n\r\n%s", code, http.StatusText(code), len(body), body) // want `request loop ends after it`
			log.Printf("handler failed on %s: %d", conn.RemoteAddr(), code)
			break
		}
		fmt.Fprintf(conn, "HTTP/1.1 %d %s\r\nContent-Length: %d\r\n\r\n%s", code, http.StatusText(code), len(body), body)
	}
	conn.Close()
}

// responseWith builds a response with the header lines given in pairs.
func responseWith(req *http.Request, code int, headers ...string) *http.Response {
	var header http.Header
	if len(headers) > 0 {
		header = make(http.Header)
		for i := 0; i+1 < len(headers); i += 2 {
			header.Add(headers[i], headers[i+1])
		}
	}
	return &http.Response{
		StatusCode: code,
		Status:     http.StatusText(code),
		Proto:      req.Proto,
		ProtoMajor: req.ProtoMajor,
		ProtoMinor: req.ProtoMinor,
		Header:     header,
	}
}

// A connection handler reads with the bufio.Reader its caller made over
// the conn; the 407 comes from a helper of the package, then the handler
// returns an error whichever credentials were wrong.
func handleConnection(conn net.Conn, reader *bufio.Reader, verify func(string) bool) error {
	for {
		request, err := http.ReadRequest(reader)
		if err != nil {
			return err
		}
		authorization := request.Header.Get("Proxy-Authorization")
		if !verify(authorization) {
			err = responseWith(request, http.StatusProxyAuthRequired, "Proxy-Authenticate", `Basic realm="proxy"`).Write(conn) // want `request loop ends after it`
			if err != nil {
				return err
			}
			if authorization != "" {
				return fmt.Errorf("proxy: bad credentials %q", authorization)
			} else {
				return errAuth
			}
		}
		responseWith(request, http.StatusOK).Write(conn)
	}
}

// badGateway is built once in a local, given a header and returned.
func badGateway() *http.Response {
	header := make(map[string][]string)
	header["Retry-After"] = []string{"5"}
	res := &http.Response{
		Status:     "502 Bad Gateway",
		StatusCode: http.StatusBadGateway,
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     header,
	}
	res.Header.Set("Content-Type", "text/plain")
	return res
}

// readRequest is the package's own request reader.
func readRequest(br *bufio.Reader) (*http.Request, error) {
	return http.ReadRequest(br)
}

// The upstream failed: a 502 from a helper, written through the
// `if err := ...; err != nil` form, then the switch returns.
func upstreamFailed(conn net.Conn, dial func(string) error) error {
	br := bufio.NewReader(conn)
	for {
		req, err := readRequest(br)
		if err != nil {
			return err
		}
		switch err := dial(req.Host); {
		case err != nil:
			res := badGateway()
			if werr := res.Write(conn); werr != nil { // want `request loop ends after it`
				return werr
			}
			return err
		default:
			io.WriteString(conn, "HTTP/1.1 204 No Content\r\n\r\n")
		}
	}
}

// A labeled loop left with goto past it, from inside a switch.
func gotoOut(conn net.Conn, limit int) {
	br := bufio.NewReader(conn)
	n := 0
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			goto done
		}
		n++
		switch {
		case n > limit:
			body := "too many requests"
			io.WriteString(conn, "HTTP/1.1 429 Too Many Requests\r\nContent-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body) // want `request loop ends after it`
			goto done
		default:
			_ = req
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
		}
	}
done:
	conn.Close()
}

// The response answers in the client's own protocol: HTTP/1.1 for a
// keep-alive client. A labeled break leaves the loop from a select-free
// switch.
func labeledBreak(conn net.Conn, maxBody int64) {
	defer conn.Close()
	br := bufio.NewReader(conn)
serve:
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		switch {
		case req.ContentLength > maxBody:
			resp := http.Response{StatusCode: http.StatusRequestEntityTooLarge, ProtoMajor: req.ProtoMajor, ProtoMinor: req.ProtoMinor}
			resp.Write(conn) // want `request loop ends after it`
			break serve
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	}
}
