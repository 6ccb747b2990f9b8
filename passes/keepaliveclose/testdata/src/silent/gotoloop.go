package silent

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// A request loop written with a label and goto serves the next request:
// the framed 407 keeps its promise when the client asks to stay.
func gotoRequestLoop(conn net.Conn, user string, keep func(*http.Request) bool) {
	br := bufio.NewReader(conn)
next:
	req, err := http.ReadRequest(br)
	if err != nil {
		conn.Close()
		return
	}
	if req.Header.Get("Proxy-Authorization") != user {
		io.WriteString(conn, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
		if keep(req) {
			goto next
		}
		conn.Close()
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	goto next
}
