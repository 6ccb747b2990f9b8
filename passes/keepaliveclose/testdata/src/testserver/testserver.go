// Package testserver holds servers in test code: their clients are the
// test itself, so the check is silent there unless its inprocess option
// asks for them. Servers in non-test files are judged as usual.
package testserver

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// A test helper that ships in a non-test file is judged like any code.
func ServeOnce(conn net.Conn) {
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		conn.Close()
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response`
	conn.Close()
}
