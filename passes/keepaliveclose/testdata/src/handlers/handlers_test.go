package handlers

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"testing"
)

// Silent: a test's fake proxy answers the test's own client (see
// -keepaliveclose.inprocess).
func TestFakeProxy(t *testing.T) {
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
		defer conn.Close()
		req, err := http.ReadRequest(bufio.NewReader(conn))
		if err != nil {
			return
		}
		fakeDeny(conn, req)
	}()
}

func fakeDeny(w io.Writer, req *http.Request) {
	res := &http.Response{StatusCode: http.StatusProxyAuthRequired, ProtoMajor: 1, ProtoMinor: 1}
	_ = req
	res.Write(w)
}
