package testserver

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"testing"
)

// Silent: a test's fake server answers the test's own client.
func TestUnframed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		br := bufio.NewReader(conn)
		for {
			if _, err := http.ReadRequest(br); err != nil {
				conn.Close()
				return
			}
			io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nok")
		}
	}()
}

// Flagged: an Example is documentation that users copy.
func Example_unframed() {
	ln, err := net.Listen("tcp", ":8080")
	if err != nil {
		return
	}
	conn, err := ln.Accept()
	if err != nil {
		return
	}
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			conn.Close()
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nok") // want `has no Content-Length`
	}
}
