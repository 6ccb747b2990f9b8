// Package fast holds fasthttp-based API clients (fasthttp v1.70.0).
package fast

import (
	"fmt"
	"time"

	"github.com/valyala/fasthttp"
)

// Ingest pushes batches to the ingest tier.
type Ingest struct {
	fc  *fasthttp.Client
	url string
}

func NewIngest(url string) *Ingest {
	return &Ingest{
		fc:  &fasthttp.Client{Name: "ingest", MaxConnsPerHost: 512, MaxIdleConnDuration: 30 * time.Second},
		url: url,
	}
}

// ---------------------------------------------------------------------------
// SHAPE: fasthttp.Client stored in a struct field without ReadTimeout; method calls fc.Do with no deadline
func (in *Ingest) Push(batch []byte) error {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(in.url)
	req.Header.SetMethod(fasthttp.MethodPost)
	req.SetBody(batch)
	if err := in.fc.Do(req, resp); err != nil { // BUG: dotimeout
		return err
	}
	if resp.StatusCode() != fasthttp.StatusAccepted {
		return fmt.Errorf("ingest: status %d", resp.StatusCode())
	}
	return nil
}

// ---------------------------------------------------------------------------
// SHAPE: package-level fasthttp.Do (default client has no ReadTimeout)
func Lookup(url string) ([]byte, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(url)
	if err := fasthttp.Do(req, resp); err != nil { // BUG: dotimeout
		return nil, err
	}
	return append([]byte(nil), resp.Body()...), nil
}

var pollClient = &fasthttp.Client{Name: "poller"}

// ---------------------------------------------------------------------------
// SHAPE: Client.GetTimeout (timed-out request keeps its connection busy)
func Poll(url string) (int, []byte, error) {
	status, body, err := pollClient.GetTimeout(nil, url, 2*time.Second) // BUG: dotimeout
	if err != nil {
		return 0, nil, err
	}
	return status, body, nil
}

// ---------------------------------------------------------------------------
// SHAPE: fasthttp.PipelineClient literal without ReadTimeout
func NewPipeline(addr string) *fasthttp.PipelineClient {
	return &fasthttp.PipelineClient{ // BUG: dotimeout
		Addr:               addr,
		MaxConns:           4,
		MaxPendingRequests: 1024,
		WriteTimeout:       5 * time.Second,
	}
}

// Shard talks to one storage shard.
type Shard struct {
	hc *fasthttp.HostClient
}

func NewShard(addr string) *Shard {
	return &Shard{hc: &fasthttp.HostClient{Addr: addr, IsTLS: true, MaxConns: 64}}
}

// ---------------------------------------------------------------------------
// SHAPE: HostClient without ReadTimeout, Do through a struct field
func (s *Shard) Get(key string) ([]byte, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("https://" + s.hc.Addr + "/kv/" + key)
	if err := s.hc.Do(req, resp); err != nil { // BUG: dotimeout
		return nil, err
	}
	return append([]byte(nil), resp.Body()...), nil
}

var uploadClient = &fasthttp.Client{
	Name:         "uploader",
	WriteTimeout: 30 * time.Second,
}

// ---------------------------------------------------------------------------
// SHAPE: client with WriteTimeout only (no ReadTimeout), Do
func Upload(url string, data []byte) error {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(url)
	req.Header.SetMethod(fasthttp.MethodPut)
	req.SetBodyRaw(data)
	err := uploadClient.Do(req, resp) // BUG: dotimeout
	if err != nil {
		return err
	}
	if resp.StatusCode() >= 300 {
		return fmt.Errorf("upload: %d", resp.StatusCode())
	}
	return nil
}
