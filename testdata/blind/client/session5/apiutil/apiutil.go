// Package apiutil holds the HTTP client plumbing shared by the integration
// workers: transports, request builders, and response helpers that read and
// close bodies.
package apiutil

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// NewTransport returns a pooled transport with the service-wide limits.
func NewTransport(tlsCfg *tls.Config) *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:       tlsCfg,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: 15 * time.Second,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   10,
		IdleConnTimeout:       90 * time.Second,
	}
}

// Release drops every idle connection of a client built for one job.
func Release(c *http.Client) {
	c.CloseIdleConnections()
}

// OneShot turns tr into a transport that keeps no connection after a request.
func OneShot(tr *http.Transport) *http.Transport {
	tr.DisableKeepAlives = true
	tr.MaxIdleConns = 0
	return tr
}

// DrainClose reads what is left of the body and closes it, so the connection
// goes back to the pool.
func DrainClose(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// Close closes the body and logs nothing.
func Close(resp *http.Response) {
	_ = resp.Body.Close()
}

// ReadJSON decodes the body into v, discards the rest and closes it.
func ReadJSON(resp *http.Response, v any) error {
	defer DrainClose(resp)
	return json.NewDecoder(resp.Body).Decode(v)
}

// ReadBody reads the whole body and closes it.
func ReadBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// NewJSONRequest builds a request bound to ctx.
func NewJSONRequest(ctx context.Context, method, url string, body io.Reader) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// ErrRetriesExhausted is returned by Retry when every attempt failed.
var ErrRetriesExhausted = errors.New("apiutil: retries exhausted")

// Retry calls do up to n times while it fails or answers 5xx. The responses
// of failed attempts are drained and closed; the last one is returned open.
func Retry(ctx context.Context, n int, do func() (*http.Response, error)) (*http.Response, error) {
	var last error
	for i := 0; i < n; i++ {
		resp, err := do()
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if err == nil {
			if i == n-1 {
				return resp, nil
			}
			last = fmt.Errorf("status %s", resp.Status)
			DrainClose(resp)
		} else {
			last = err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(i+1) * 200 * time.Millisecond):
		}
	}
	return nil, errors.Join(ErrRetriesExhausted, last)
}
