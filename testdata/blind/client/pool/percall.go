// Package pool holds the HTTP client set-up of several services: per-call
// transports, long-lived shared transports and fasthttp clients.
package pool

import (
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"time"

	"github.com/valyala/fasthttp"

	"blind/client/internal/httpx"
)

// ---------------------------------------------------------------------------
// SHAPE: new http.Transport (custom TLS config) and Client built inside each fetch call and dropped
func FetchWithCert(u string, cert tls.Certificate) ([]byte, error) {
	tr := &http.Transport{ // BUG: unboundedpool
		TLSClientConfig: &tls.Config{Certificates: []tls.Certificate{cert}},
	}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	resp, err := client.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// ---------------------------------------------------------------------------
// SHAPE: per-request http.Client with inline new Transport inside an http.Handler (egress proxy)
func egressHandler(upstreamProxy *url.URL) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		client := &http.Client{
			Timeout:   30 * time.Second,
			Transport: &http.Transport{Proxy: http.ProxyURL(upstreamProxy)}, // BUG: unboundedpool
		}
		out, err := http.NewRequestWithContext(r.Context(), r.Method, r.URL.Query().Get("target"), r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		resp, err := client.Do(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}
}

// ---------------------------------------------------------------------------
// SHAPE: fasthttp.Client created per call (with ReadTimeout) and dropped
func Ping(u string) (int, error) {
	c := &fasthttp.Client{ReadTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second} // BUG: unboundedpool
	status, _, err := c.Get(nil, u)
	return status, err
}

// ---------------------------------------------------------------------------
// SHAPE: http.DefaultTransport.(*http.Transport).Clone() per call, dropped
func FetchInsecure(u string) ([]byte, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone() // BUG: unboundedpool
	tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	c := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// ---------------------------------------------------------------------------
// SHAPE: fasthttp.HostClient built per call for the target host, dropped
func HostStatus(host string) (int, error) {
	hc := &fasthttp.HostClient{Addr: host + ":80", ReadTimeout: 3 * time.Second} // BUG: unboundedpool
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("http://" + host + "/status")
	if err := hc.Do(req, resp); err != nil {
		return 0, err
	}
	return resp.StatusCode(), nil
}

// ---------------------------------------------------------------------------
// SHAPE: per-call transport from a factory in another package (httpx.NewTransport), wrapped in a Client and dropped
func DumpRemote(u string, tlsCfg *tls.Config) (string, error) {
	c := &http.Client{Transport: httpx.NewTransport(tlsCfg), Timeout: 20 * time.Second} // BUG: unboundedpool
	resp, err := c.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := httputil.DumpResponse(resp, true)
	return string(b), err
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool per-call transport with DisableKeepAlives, nothing is pooled
func OneShot(u string) (int, error) {
	c := &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{DisableKeepAlives: true, Proxy: http.ProxyFromEnvironment}, // NAIVE: unboundedpool
	}
	resp, err := c.Get(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool per-call transport closed with CloseIdleConnections when the call ends
func ProbeMTLS(u string, cfg *tls.Config) error {
	tr := &http.Transport{TLSClientConfig: cfg} // NAIVE: unboundedpool
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("probe: %s", resp.Status)
	}
	return nil
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool per-call fasthttp.Client released with CloseIdleConnections
func Crawl(urls []string) map[string]int {
	c := &fasthttp.Client{ReadTimeout: 5 * time.Second, WriteTimeout: 5 * time.Second} // NAIVE: unboundedpool
	defer c.CloseIdleConnections()
	out := make(map[string]int, len(urls))
	for _, u := range urls {
		status, _, err := c.Get(nil, u)
		if err == nil {
			out[u] = status
		}
	}
	return out
}
