package inprocess

import (
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Silent: a test requests and dials its own server.
func TestOwnServer(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	_, _ = http.Get(srv.URL)
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err == nil {
		conn.Close()
	}
}

// Flagged: a test that reaches a public host.
func TestPublic(t *testing.T) {
	_, _ = http.Get("https://example.com/") // want `http.Get uses http.DefaultClient`
}
