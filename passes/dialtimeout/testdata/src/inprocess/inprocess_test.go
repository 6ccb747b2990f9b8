package inprocess

import (
	"fmt"
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

// Silent: a test's request to a constant loopback URL reaches a server of
// the test run (started by TestMain or a helper package).
func TestGatewayLoopback(t *testing.T) {
	resp, err := http.Get("http://localhost:8088/v1/example/echo")
	if err == nil {
		resp.Body.Close()
	}
	_, _ = http.Get(fmt.Sprintf("http://localhost:%d/v1/health", 8089))
}
