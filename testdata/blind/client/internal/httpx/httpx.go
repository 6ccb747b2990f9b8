// Package httpx has the small HTTP helpers shared by the API clients.
package httpx

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"time"
)

// DrainClose reads what is left of the body and closes it so the
// connection goes back to the pool.
func DrainClose(resp *http.Response) {
	if resp == nil || resp.Body == nil {
		return
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
}

// Get issues a GET bound to ctx and hands the response to the caller,
// who owns the body.
func Get(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	return c.Do(req)
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool transport factory: the new Transport is returned to the caller, who owns its lifetime; IdleConnTimeout set
func NewTransport(tlsCfg *tls.Config) *http.Transport {
	return &http.Transport{ // NAIVE: unboundedpool
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:       tlsCfg,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: 15 * time.Second,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       90 * time.Second,
	}
}
