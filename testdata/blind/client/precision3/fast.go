package precision3

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/valyala/fasthttp"
)

var metricsClient = &fasthttp.Client{
	Name:                "registry-metrics",
	ReadTimeout:         5 * time.Second,
	WriteTimeout:        5 * time.Second,
	MaxIdleConnDuration: 30 * time.Second,
}

// ---------------------------------------------------------------------------
// CLEAN: dotimeout metricsClient sets ReadTimeout and WriteTimeout, so a plain Do is bounded
func pushMetrics(gateway string, payload []byte) error {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(gateway + "/metrics/job/registry")
	req.Header.SetMethod(fasthttp.MethodPost)
	req.Header.SetContentType("text/plain; version=0.0.4")
	req.SetBody(payload)
	if err := metricsClient.Do(req, resp); err != nil { // NAIVE: dotimeout
		return err
	}
	if sc := resp.StatusCode(); sc != fasthttp.StatusOK && sc != fasthttp.StatusAccepted {
		return fmt.Errorf("pushgateway: %d", sc)
	}
	return nil
}

// ---------------------------------------------------------------------------
// CLEAN: dotimeout default fasthttp client, but DoTimeout bounds the whole request
func fetchRemoteConfig(endpoint string) (map[string]string, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(endpoint)
	req.Header.Set("Accept", "application/json")
	if err := fasthttp.DoTimeout(req, resp, 3*time.Second); err != nil { // NAIVE: dotimeout
		return nil, err
	}
	cfg := map[string]string{}
	return cfg, json.Unmarshal(resp.Body(), &cfg)
}

var searchHost = &fasthttp.HostClient{
	Addr:                "search.internal.example.com:9200",
	MaxConns:            64,
	MaxIdleConnDuration: 30 * time.Second,
}

// ---------------------------------------------------------------------------
// CLEAN: dotimeout searchHost has no ReadTimeout, but every call goes through DoDeadline from the caller's ctx (2s default)
func searchRepos(ctx context.Context, query []byte) ([]byte, error) {
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(2 * time.Second)
	}
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("http://search.internal.example.com:9200/repos/_search")
	req.Header.SetMethod(fasthttp.MethodPost)
	req.Header.SetContentType("application/json")
	req.SetBody(query)
	if err := searchHost.DoDeadline(req, resp, deadline); err != nil { // NAIVE: dotimeout
		return nil, err
	}
	return append([]byte(nil), resp.Body()...), nil
}

// ---------------------------------------------------------------------------
// CLEAN: dotimeout fasthttp.GetTimeout on the default client is bounded by its timeout argument
func latestCLIVersion(releases string) (string, error) {
	status, body, err := fasthttp.GetTimeout(nil, releases+"/latest.txt", 2*time.Second) // NAIVE: dotimeout
	if err != nil {
		return "", err
	}
	if status != fasthttp.StatusOK {
		return "", fmt.Errorf("releases: %d", status)
	}
	return strings.TrimSpace(string(body)), nil
}

// ---------------------------------------------------------------------------
// SHAPE: package-level fasthttp.Do (default client, no ReadTimeout) against a remote billing API
func reportUsage(billing string, tenant string, bytesStored int64) error {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(billing + "/v1/usage")
	req.Header.SetMethod(fasthttp.MethodPost)
	req.Header.SetContentType("application/json")
	req.SetBodyString(fmt.Sprintf(`{"tenant":%q,"bytes":%d}`, tenant, bytesStored))
	if err := fasthttp.Do(req, resp); err != nil { // BUG: dotimeout
		return err
	}
	if resp.StatusCode() != fasthttp.StatusNoContent {
		return fmt.Errorf("billing: %d", resp.StatusCode())
	}
	return nil
}

// ---------------------------------------------------------------------------
// SHAPE: long-lived HostClient to a remote geo-IP API without ReadTimeout, plain Do
var geoHost = &fasthttp.HostClient{
	Addr:     "geo.example.net:443",
	IsTLS:    true,
	MaxConns: 32,
}

func countryOf(ip string) (string, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("https://geo.example.net/v1/country/" + ip)
	if err := geoHost.Do(req, resp); err != nil { // BUG: dotimeout
		return "", err
	}
	return string(resp.Body()), nil
}

// ---------------------------------------------------------------------------
// SHAPE: fasthttp.Get with the default client fetching a remote vulnerability feed
func fetchAdvisories(feed string) ([]byte, error) {
	status, body, err := fasthttp.Get(nil, feed) // BUG: dotimeout
	if err != nil {
		return nil, err
	}
	if status != fasthttp.StatusOK {
		return nil, fmt.Errorf("advisories: %d", status)
	}
	return body, nil
}

// ---------------------------------------------------------------------------
// SHAPE: a HostClient (and its connection pool) is built for every shard query
func queryShard(addr string, q []byte) ([]byte, error) {
	hc := &fasthttp.HostClient{Addr: addr, ReadTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second} // BUG: unboundedpool
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("http://" + addr + "/query")
	req.Header.SetMethod(fasthttp.MethodPost)
	req.SetBody(q)
	if err := hc.Do(req, resp); err != nil {
		return nil, err
	}
	return append([]byte(nil), resp.Body()...), nil
}

// shardHosts caches one HostClient per shard address.
type shardHosts struct {
	mu    sync.Mutex
	hosts map[string]*fasthttp.HostClient
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool HostClient built once per shard address and cached; later queries reuse it
func (s *shardHosts) host(addr string) *fasthttp.HostClient {
	s.mu.Lock()
	defer s.mu.Unlock()
	if hc, ok := s.hosts[addr]; ok {
		return hc
	}
	if s.hosts == nil {
		s.hosts = make(map[string]*fasthttp.HostClient)
	}
	hc := &fasthttp.HostClient{ // NAIVE: unboundedpool
		Addr:                addr,
		ReadTimeout:         2 * time.Second,
		WriteTimeout:        2 * time.Second,
		MaxIdleConnDuration: 30 * time.Second,
	}
	s.hosts[addr] = hc
	return hc
}
