package inprocess

import (
	"os"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
)

// serverAddr is set by TestMain to the address of the test's server.
var serverAddr string

func TestMain(m *testing.M) {
	serverAddr = os.Getenv("TEST_SERVER")
	os.Exit(m.Run())
}

// Silent: the test's own server, reached through a package variable.
func TestHostClient(t *testing.T) {
	hc := &fasthttp.HostClient{Addr: serverAddr}
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	req.SetRequestURI("/status")
	if err := hc.Do(req, resp); err != nil {
		t.Fatal(err)
	}
}

// Silent: a helper of the test, given the test server's URL.
func get(t *testing.T, url string) []byte {
	c := &fasthttp.Client{}
	_, body, err := c.GetTimeout(nil, url, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// Silent: a loopback URL in a test names the test run's server.
func TestLoopback(t *testing.T) {
	c := &fasthttp.Client{}
	c.Get(nil, "http://localhost:8080/ping")
	fasthttp.Get(nil, "http://127.0.0.1:9090/")
}

// Silent: a pipeline client kept for the tests.
var testPipeline = &fasthttp.PipelineClient{Addr: "localhost:9000"}

// Silent: a request whose URI the test sets from its fixture.
func TestRequestURI(t *testing.T) {
	c := &fasthttp.Client{}
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	req.SetRequestURI("http://" + serverAddr + "/x")
	_ = c.Do(req, resp)
}

// Flagged: a visibly external host, in a URL, an Addr or a request URI.
func TestLiveAPI(t *testing.T) {
	c := &fasthttp.Client{}
	c.Get(nil, "https://api.github.com/rate_limit") // want `client c has no ReadTimeout and the request no deadline: Get`
	hc := &fasthttp.HostClient{Addr: "api.github.com:443"}
	hc.GetTimeout(nil, "/rate_limit", time.Second) // want `client hc has no ReadTimeout: GetTimeout`
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	req.SetRequestURI("https://api.github.com/rate_limit")
	_ = c.Do(req, resp) // want `client c has no ReadTimeout and the request no deadline: Do`
}

// Flagged: a pipeline client kept for the tests, to a public address.
var livePipeline = &fasthttp.PipelineClient{Addr: "203.0.113.9:9000"} // want `pipeline client built here has no ReadTimeout`

// Flagged: examples are documentation that users copy.
func ExampleClient_Get() {
	c := &fasthttp.Client{}
	c.Get(nil, serverAddr) // want `client c has no ReadTimeout and the request no deadline: Get`
}

// Flagged: an example's client to a loopback proxy is the reader's proxy,
// even though the package listens on that port and this is a test file.
func ExampleHostClient() {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	c := &fasthttp.HostClient{Addr: "localhost:18082"}
	_ = c.Do(req, resp) // want `client c has no ReadTimeout and the request no deadline: Do`
}
