package testserver

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"testing"
)

// Silent: the fake server of a test answers the test's own client.
func TestOneShot(t *testing.T) {
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
		if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
			conn.Close()
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		conn.Close()
	}()
}

// Silent: a hijacking handler of a test.
func hijackOnce(w http.ResponseWriter, r *http.Request) {
	conn, bw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	bw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	bw.Flush()
	conn.Close()
}

// Flagged: an Example is documentation that users copy.
func Example_oneShot() {
	ln, err := net.Listen("tcp", ":8080")
	if err != nil {
		return
	}
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
			conn.Close()
			continue
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response`
		conn.Close()
	}
}
