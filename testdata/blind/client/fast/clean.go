package fast

import (
	"fmt"
	"time"

	"github.com/valyala/fasthttp"
)

var apiClient = &fasthttp.Client{
	Name:         "api",
	ReadTimeout:  5 * time.Second,
	WriteTimeout: 5 * time.Second,
}

// ---------------------------------------------------------------------------
// CLEAN: dotimeout client has ReadTimeout set
func Status(url string) (int, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(url)
	if err := apiClient.Do(req, resp); err != nil { // NAIVE: dotimeout
		return 0, err
	}
	return resp.StatusCode(), nil
}

var bareClient = &fasthttp.Client{Name: "bare"}

// ---------------------------------------------------------------------------
// CLEAN: dotimeout DoTimeout on fasthttp v1.70.0 (fixed there) with a client that has no ReadTimeout
func Quote(url string) ([]byte, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(url)
	if err := bareClient.DoTimeout(req, resp, 3*time.Second); err != nil { // NAIVE: dotimeout
		return nil, err
	}
	return append([]byte(nil), resp.Body()...), nil
}

// ---------------------------------------------------------------------------
// CLEAN: dotimeout DoDeadline on fasthttp v1.70.0 with a deadline shared by a batch
func FetchAll(urls []string, budget time.Duration) ([][]byte, error) {
	deadline := time.Now().Add(budget)
	out := make([][]byte, 0, len(urls))
	for _, u := range urls {
		req := fasthttp.AcquireRequest()
		resp := fasthttp.AcquireResponse()
		req.SetRequestURI(u)
		err := bareClient.DoDeadline(req, resp, deadline) // NAIVE: dotimeout
		if err == nil {
			out = append(out, append([]byte(nil), resp.Body()...))
		}
		fasthttp.ReleaseRequest(req)
		fasthttp.ReleaseResponse(resp)
		if err != nil {
			return out, fmt.Errorf("%s: %w", u, err)
		}
	}
	return out, nil
}

// Catalog is a client for the catalog service; see newCatalogHostClient.
type Catalog struct {
	hc *fasthttp.HostClient
}

func NewCatalog(addr string) *Catalog {
	return &Catalog{hc: newCatalogHostClient(addr)}
}

// ---------------------------------------------------------------------------
// CLEAN: dotimeout HostClient built with ReadTimeout by a constructor in another file (hostclient.go)
func (c *Catalog) Item(id string) ([]byte, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("http://" + c.hc.Addr + "/items/" + id)
	if err := c.hc.Do(req, resp); err != nil { // NAIVE: dotimeout
		return nil, err
	}
	return append([]byte(nil), resp.Body()...), nil
}

// ---------------------------------------------------------------------------
// CLEAN: dotimeout PipelineClient with ReadTimeout
func NewMetricsPipeline(addr string) *fasthttp.PipelineClient {
	return &fasthttp.PipelineClient{ // NAIVE: dotimeout
		Addr:         addr,
		MaxConns:     2,
		ReadTimeout:  2 * time.Second,
		WriteTimeout: 2 * time.Second,
	}
}
