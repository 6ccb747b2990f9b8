package pool

import (
	"io"
	"net/http"
	"sync"
	"time"
)

// Client is the long-lived SDK client.
type Client struct {
	hc   *http.Client
	base string
}

// ---------------------------------------------------------------------------
// SHAPE: long-lived Transport stored in a struct by the constructor, MaxIdleConnsPerHost raised, no IdleConnTimeout
func NewClient(base string) *Client {
	return &Client{
		base: base,
		hc: &http.Client{
			Timeout:   30 * time.Second,
			Transport: &http.Transport{MaxIdleConnsPerHost: 100, Proxy: http.ProxyFromEnvironment}, // BUG: unboundedpool
		},
	}
}

func (c *Client) get(path string) ([]byte, error) {
	resp, err := c.hc.Get(c.base + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// ---------------------------------------------------------------------------
// SHAPE: package-level shared Transport without IdleConnTimeout
var sharedTransport = &http.Transport{ // BUG: unboundedpool
	MaxIdleConns:        200,
	MaxIdleConnsPerHost: 50,
	TLSHandshakeTimeout: 10 * time.Second,
}

var sharedClient = &http.Client{Transport: sharedTransport, Timeout: 20 * time.Second}

func sharedGet(u string) ([]byte, error) {
	resp, err := sharedClient.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool transport created once in the constructor, IdleConnTimeout set, reused by every call
func NewTunedClient(base string) *Client {
	tr := &http.Transport{ // NAIVE: unboundedpool
		Proxy:               http.ProxyFromEnvironment,
		MaxIdleConnsPerHost: 32,
		IdleConnTimeout:     90 * time.Second,
	}
	return &Client{base: base, hc: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

var (
	lazyOnce      sync.Once
	lazyTransport *http.Transport
)

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool transport built once under sync.Once (inside the accessor called per request), IdleConnTimeout set
func transport() *http.Transport {
	lazyOnce.Do(func() {
		lazyTransport = &http.Transport{ // NAIVE: unboundedpool
			MaxIdleConnsPerHost: 16,
			IdleConnTimeout:     60 * time.Second,
		}
	})
	return lazyTransport
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool per-call http.Client value wrapping the shared transport; the pool is not per call
func lazyGet(u string) (int, error) {
	c := http.Client{Transport: transport(), Timeout: 10 * time.Second} // NAIVE: unboundedpool
	resp, err := c.Get(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}
