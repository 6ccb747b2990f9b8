package inprocess

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
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
	_, _ = http.Get("https://api.github.com/") // want `http.Get uses http.DefaultClient`
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

// Silent: a dial hook and a helper whose address comes from the test's
// setup: in a test file, a peer that is not visibly external is a server
// of the test run.
type env struct {
	addr string
}

func (e *env) dialServer(t *testing.T) net.Conn {
	conn, err := net.Dial("tcp", e.addr)
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

func TestThroughEnv(t *testing.T) {
	e := &env{addr: startServer(t)}
	e.dialServer(t).Close()
	_, _ = http.Get("http://" + e.addr + "/ready")
}

// Flagged: a dial to a public host, through a package constant.
const publicEcho = "time.nist.gov:13"

func TestPublicDial(t *testing.T) {
	conn, err := net.Dial("tcp", publicEcho) // want `net.Dial has no timeout`
	if err == nil {
		conn.Close()
	}
}

// Flagged: an Example is documentation that users copy.
func ExampleDial() {
	addr := "db.internal:5432"
	conn, err := net.Dial("tcp", addr) // want `net.Dial has no timeout`
	if err == nil {
		conn.Close()
	}
}

func startServer(t *testing.T) string {
	srv := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	return srv.Listener.Addr().String()
}

// Silent: every request goes to the proxy the test started on loopback,
// whatever host it names.
func TestThroughLocalProxy(t *testing.T) {
	proxyURL, _ := url.Parse("http://localhost" + proxyPort(t))
	client := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL)}}
	_, _ = client.Get("http://super.fake.domain/")
}

// Flagged: the environment's proxy is anyone's.
func TestEnvironmentProxy(t *testing.T) {
	client := &http.Client{Transport: &http.Transport{Proxy: http.ProxyFromEnvironment}} // want `client client has no Timeout`
	_, _ = client.Get("https://api.github.com/")
}

func proxyPort(t *testing.T) string { return ":8181" }
