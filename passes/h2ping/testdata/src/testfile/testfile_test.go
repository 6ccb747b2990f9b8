package testfile

import (
	"net/http"
	"testing"
)

// Silent: a transport in a test's own configuration struct lives as long
// as the test (hashicorp/consul api_test.go, TestAPI_Headers).
type config struct{ Transport *http.Transport }

func makeClient(t *testing.T, cb func(*config)) *http.Client {
	c := &config{}
	cb(c)
	return &http.Client{Transport: c.Transport}
}

func TestHeaders(t *testing.T) {
	client := makeClient(t, func(c *config) {
		transport := http.DefaultTransport.(*http.Transport).Clone()
		transport.Proxy = nil
		c.Transport = transport
	})
	_ = client
}

// Flagged: a package variable of a test file is shared by every test of
// the package, against a real peer (no httptest server here).
var integration = &http.Client{Transport: &http.Transport{ForceAttemptHTTP2: true}} // want `http.Transport used by the http.Client in package variable integration speaks HTTP/2 \(ForceAttemptHTTP2 is set\)`
