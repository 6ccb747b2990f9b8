package testserverreported

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// Reported under the inprocess option: a test's fake one-shot server.
func serveOnce(conn net.Conn) {
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		conn.Close()
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response`
	conn.Close()
}
