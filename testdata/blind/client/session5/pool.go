package session5

import (
	"context"
	"crypto/tls"
	"io"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"
	"time"

	"github.com/valyala/fasthttp"

	"blind/client/session5/apiutil"
)

// UpstreamConfig describes the mTLS upstream of the egress proxy.
type UpstreamConfig struct {
	TLS     *tls.Config
	Target  *url.URL
	Timeout time.Duration
}

// ---------------------------------------------------------------------------
// SHAPE: newUpstreamClient (constructor) builds a Client with a new Transport and returns it; egressProxy.ServeHTTP calls it for every request and drops it
func newUpstreamClient(cfg UpstreamConfig) *http.Client {
	return &http.Client{
		Transport: &http.Transport{ // BUG: unboundedpool
			TLSClientConfig:     cfg.TLS,
			MaxIdleConnsPerHost: 16,
			ForceAttemptHTTP2:   true,
		},
		Timeout: cfg.Timeout,
	}
}

type egressProxy struct{ cfg UpstreamConfig }

func (p *egressProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	out := r.Clone(r.Context())
	out.RequestURI = ""
	out.URL.Scheme = p.cfg.Target.Scheme
	out.URL.Host = p.cfg.Target.Host
	resp, err := newUpstreamClient(p.cfg).Do(out)
	if err != nil {
		http.Error(w, "upstream: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, vs := range resp.Header {
		w.Header()[k] = vs
	}
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}

// Tenant is one customer account synchronised by the worker.
type Tenant struct {
	Name string
	CA   *tls.Config
	Sync func(ctx context.Context, hc *http.Client) error
}

// ---------------------------------------------------------------------------
// SHAPE: periodic sync: every tick and every tenant gets a client on a fresh apiutil.NewTransport (other package); the client is dropped after the sync without CloseIdleConnections
func RunSync(ctx context.Context, tenants []Tenant, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		for _, tn := range tenants {
			hc := &http.Client{Transport: apiutil.NewTransport(tn.CA), Timeout: time.Minute} // BUG: unboundedpool
			if err := tn.Sync(ctx, hc); err != nil {
				log.Printf("sync %s: %v", tn.Name, err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool per-job client with its own transport, released by a deferred apiutil.Release (other package), which calls CloseIdleConnections
func RunExport(ctx context.Context, cfg *tls.Config, export func(*http.Client) error) error {
	hc := &http.Client{
		Transport: &http.Transport{TLSClientConfig: cfg, IdleConnTimeout: 30 * time.Second}, // NAIVE: unboundedpool
		Timeout:   5 * time.Minute,
	}
	defer apiutil.Release(hc)
	return export(hc)
}

// Backend fetches one upstream document; Aggregate asks every backend.
type Backend interface {
	Fetch(path string) ([]byte, error)
}

func Aggregate(bs []Backend, path string) [][]byte {
	var out [][]byte
	for _, b := range bs {
		if body, err := b.Fetch(path); err == nil {
			out = append(out, body)
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// SHAPE: Backend implementation called from Aggregate's loop builds a fasthttp.HostClient on every Fetch and drops it
type fastBackend struct{ addr string }

func (b fastBackend) Fetch(path string) ([]byte, error) {
	hc := &fasthttp.HostClient{Addr: b.addr, ReadTimeout: 5 * time.Second, WriteTimeout: 5 * time.Second} // BUG: unboundedpool
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("http://" + b.addr + path)
	if err := hc.Do(req, resp); err != nil {
		return nil, err
	}
	return append([]byte(nil), resp.Body()...), nil
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool client() is called by every request but builds the transport once, under sync.Once, and keeps it in a struct field
type Renderer struct {
	once sync.Once
	hc   *http.Client
	base string
}

func (r *Renderer) client() *http.Client {
	r.once.Do(func() {
		r.hc = &http.Client{
			Transport: &http.Transport{MaxIdleConnsPerHost: 32, IdleConnTimeout: 90 * time.Second}, // NAIVE: unboundedpool
			Timeout:   10 * time.Second,
		}
	})
	return r.hc
}

func (r *Renderer) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	up, err := http.NewRequestWithContext(req.Context(), http.MethodGet, r.base+req.URL.Path, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := r.client().Do(up)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

// ---------------------------------------------------------------------------
// SHAPE: Pool keeps one shared Transport in a struct field, but its literal (NewPool) sets MaxIdleConns and no IdleConnTimeout: idle connections to rotated backends never expire
type Pool struct {
	tr *http.Transport
	hc *http.Client
}

func NewPool() *Pool {
	tr := &http.Transport{ // BUG: unboundedpool
		Proxy:               http.ProxyFromEnvironment,
		MaxIdleConns:        256,
		MaxIdleConnsPerHost: 64,
		TLSHandshakeTimeout: 10 * time.Second,
	}
	return &Pool{tr: tr, hc: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

func (p *Pool) Client() *http.Client { return p.hc }

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool DefaultTransport cloned once in the NewUploader constructor and kept in a struct field for the uploader's life
type Uploader struct {
	hc *http.Client
}

func NewUploader(maxConns int) *Uploader {
	tr := http.DefaultTransport.(*http.Transport).Clone() // NAIVE: unboundedpool
	tr.MaxConnsPerHost = maxConns
	return &Uploader{hc: &http.Client{Transport: tr, Timeout: 10 * time.Minute}}
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool per-request transport (each request goes through its own proxy) made keep-alive-free by apiutil.OneShot (other package: DisableKeepAlives)
func viaProxy(ctx context.Context, proxy *url.URL, target string) ([]byte, error) {
	tr := &http.Transport{Proxy: http.ProxyURL(proxy), IdleConnTimeout: time.Second} // NAIVE: unboundedpool
	hc := &http.Client{Transport: apiutil.OneShot(tr), Timeout: 20 * time.Second}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	return apiutil.ReadBody(resp)
}

var (
	_ http.Handler = (*egressProxy)(nil)
	_ http.Handler = (*Renderer)(nil)
	_ Backend      = fastBackend{}
	_              = RunExport
	_              = viaProxy
	_              = httputil.DumpResponse
)
