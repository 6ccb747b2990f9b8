package hooks

import (
	"net"
	"net/http"
	"testing"
)

// Silent: a test transport's hook dials where the test's requests go.
func TestHook(t *testing.T) {
	tr := &http.Transport{
		Dial: func(network, addr string) (net.Conn, error) {
			return net.Dial(network, addr)
		},
	}
	_ = tr
}

// Silent: a test helper dials the address its test passes.
func dialServer(t *testing.T, addr string) net.Conn {
	target := addr
	c, err := net.Dial("tcp", target)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Flagged: a test dialing a constant remote host.
func TestRemote(t *testing.T) {
	c, err := net.Dial("tcp", "golang.org:80") // want `net.Dial has no timeout`
	if err == nil {
		c.Close()
	}
}
