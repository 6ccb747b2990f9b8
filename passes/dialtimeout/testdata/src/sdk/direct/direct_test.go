package direct

import (
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Silent: the test points the package's client at its own TLS server
// through a dial hook that ignores the address it is given.
func TestRequest(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	transport := &http.Transport{
		DialTLS: func(network, addr string) (net.Conn, error) {
			conn, err := tls.Dial(network, srv.Listener.Addr().String(), &tls.Config{InsecureSkipVerify: true})
			if err != nil {
				return nil, err
			}
			return conn, nil
		},
	}
	c := &Client{AccessKey: "test", HTTPClient: &http.Client{Transport: transport}}
	if err := c.request("balance", nil); err != nil {
		t.Fatal(err)
	}
}
