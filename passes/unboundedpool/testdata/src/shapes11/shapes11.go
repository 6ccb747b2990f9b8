// Package shapes11: the pool shapes of issue 11 in net/http code. A pool
// kept in a per-call struct, CloseIdleConnections in an owner's Close, and
// long-lived transports kept behind an interface, a setter or a var.
package shapes11

import (
	"context"
	"crypto/tls"
	"net/http"
	"sync"
	"time"

	"shapes11lib"
)

// ---- Shape 1 (net/http): a pool assigned into a per-call struct. ----

type probeJob struct {
	client *http.Client
	target string
	tries  int
}

func (j *probeJob) run(ctx context.Context) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, j.target, nil)
	if err != nil {
		return 0, err
	}
	j.tries++
	resp, err := j.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// Flagged: the job and its client's new transport live for one request.
func probeHandler(w http.ResponseWriter, r *http.Request) {
	job := &probeJob{
		client: &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{}}, Timeout: 5 * time.Second}, // want `an http.Client with a new Transport is made per request and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection forever \(it has no IdleConnTimeout\); share one pool, or close job.client`
		target: r.URL.Query().Get("target"),
	}
	code, err := job.run(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.WriteHeader(code)
}

type checker struct {
	mu      sync.Mutex
	last    *probeJob
	pending map[string]*probeJob
	queue   chan *probeJob
}

// Flagged: the transport is set on the job after it is made.
func (c *checker) check(ctx context.Context, target string) (int, error) {
	job := &probeJob{target: target}
	job.client = &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}} // want `an http.Client with a new Transport is made per call and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection until its IdleConnTimeout; share one pool, or close job.client`
	return job.run(ctx)
}

// Silent: the job is kept by the checker.
func (c *checker) checkKept(ctx context.Context, target string) (int, error) {
	job := &probeJob{target: target, client: &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}}
	c.mu.Lock()
	c.last = job
	c.mu.Unlock()
	return job.run(ctx)
}

// Silent: the job is kept in a map.
func (c *checker) checkPending(ctx context.Context, target string) (int, error) {
	job := &probeJob{target: target, client: &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}}
	c.pending[target] = job
	return job.run(ctx)
}

// Silent: the job is handed to a worker.
func (c *checker) enqueue(target string) {
	job := &probeJob{target: target, client: &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}}
	c.queue <- job
}

// Silent: the job is returned (a constructor).
func newProbeJob(target string) *probeJob {
	return &probeJob{target: target, client: &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}}
}

// Silent: the job's pool is closed when the call returns.
func (c *checker) checkClosed(ctx context.Context, target string) (int, error) {
	job := &probeJob{target: target, client: &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}}
	defer job.client.CloseIdleConnections()
	return job.run(ctx)
}

func insecureClient() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, IdleConnTimeout: time.Minute}}
}

// Flagged: a helper's new pool kept in a per-call job.
func (c *checker) checkInsecure(ctx context.Context, target string) (int, error) {
	job := &probeJob{client: insecureClient(), target: target} // want `an http.Client with a new Transport is made per call by insecureClient and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection until its IdleConnTimeout; share one pool, or close job.client`
	return job.run(ctx)
}

// Silent: the helper's pool is kept with the job.
func (c *checker) checkInsecureKept(ctx context.Context, target string) (int, error) {
	job := &probeJob{client: insecureClient(), target: target}
	c.last = job
	return job.run(ctx)
}

// Silent: the job's field is read into another place.
var lastClient *http.Client

func (c *checker) checkExported(ctx context.Context, target string) (int, error) {
	job := &probeJob{client: &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}, target: target}
	lastClient = job.client
	return job.run(ctx)
}

// Silent: a parameter's struct is the caller's.
func (c *checker) refresh(ctx context.Context, job *probeJob) (int, error) {
	job.client = &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}
	return job.run(ctx)
}

// ---- Shape 2: CloseIdleConnections where the pool's life ends. ----

type gateway struct {
	shared *http.Transport
	client *http.Client
}

func newGateway() *gateway {
	t := &http.Transport{IdleConnTimeout: 90 * time.Second}
	return &gateway{shared: t, client: &http.Client{Transport: t}}
}

// Flagged: a per-call transport; the gateway's Close closes another one.
func (g *gateway) fetchInsecure(ctx context.Context, url string) (int, error) {
	t := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}} // want `http.Transport has no IdleConnTimeout` `a new http.Transport is made per call and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection forever \(it has no IdleConnTimeout\); share one pool, or close t`
	c := &http.Client{Transport: t}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// Silent: the gateway's own transport, closed when the gateway is.
func (g *gateway) Close() {
	g.shared.CloseIdleConnections()
}

// Silent: a per-call transport closed in the same function.
func (g *gateway) fetchOnce(ctx context.Context, url string) (int, error) {
	t := &http.Transport{}
	defer t.CloseIdleConnections()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := t.RoundTrip(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// A pool built by one helper for the owner and for per-call use.
func baseTransport() *http.Transport {
	return &http.Transport{TLSHandshakeTimeout: 10 * time.Second} // want `http.Transport has no IdleConnTimeout`
}

type registry struct {
	hc    *http.Client
	byKey map[string]*http.Client
	mu    sync.Mutex
}

func newRegistry() *registry {
	return &registry{hc: &http.Client{Transport: baseTransport()}, byKey: map[string]*http.Client{}}
}

// The clients cached per key are never closed: the registry's Close
// closes only its own.
func (r *registry) clientFor(key string) *http.Client {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.byKey[key]; ok {
		return c
	}
	c := &http.Client{Transport: baseTransport()}
	r.byKey[key] = c
	return c
}

func (r *registry) Close() {
	r.hc.CloseIdleConnections()
}

// Silent: the owner keeps the transport it builds once and closes it in
// Close: that pool's life ends there.
type mirror struct{ hc *http.Client }

func newMirror() *mirror {
	t := &http.Transport{TLSHandshakeTimeout: 10 * time.Second}
	return &mirror{hc: &http.Client{Transport: t}}
}

func (m *mirror) Close() { m.hc.CloseIdleConnections() }

// Silent: a helper called once, by an owner that closes what it returns.
func mirrorTransport() *http.Transport {
	return &http.Transport{TLSHandshakeTimeout: 10 * time.Second}
}

type mirror2 struct{ hc *http.Client }

func newMirror2() *mirror2 {
	return &mirror2{hc: &http.Client{Transport: mirrorTransport()}}
}

func (m *mirror2) Close() { m.hc.CloseIdleConnections() }

// ---- Shape 3: long-lived transports judged for IdleConnTimeout. ----

// An interface-typed field.
type uploader struct {
	rt  http.RoundTripper
	url string
}

func newUploader(url string) *uploader {
	return &uploader{rt: &http.Transport{MaxIdleConnsPerHost: 8}, url: url} // want `http.Transport has no IdleConnTimeout`
}

func (u *uploader) put(req *http.Request) (*http.Response, error) { return u.rt.RoundTrip(req) }

// Silent: IdleConnTimeout set through the same value before it is stored.
func newTunedUploader(url string) *uploader {
	t := &http.Transport{MaxIdleConnsPerHost: 8}
	t.IdleConnTimeout = 90 * time.Second
	return &uploader{rt: t, url: url}
}

// Silent: a clone of DefaultTransport keeps its 90s.
func newCloneUploader(url string) *uploader {
	return &uploader{rt: http.DefaultTransport.(*http.Transport).Clone(), url: url}
}

// A setter of the package.
type apiClient struct {
	hc *http.Client
}

func (c *apiClient) SetTransport(rt http.RoundTripper) { c.hc.Transport = rt }

func (c *apiClient) setTransport(t *http.Transport) { c.hc = &http.Client{Transport: t} }

func newAPIClient() *apiClient {
	c := &apiClient{hc: &http.Client{Timeout: 30 * time.Second}}
	t := &http.Transport{ForceAttemptHTTP2: true} // want `http.Transport has no IdleConnTimeout`
	c.SetTransport(t)
	return c
}

func newAPIClient2() *apiClient {
	c := &apiClient{}
	c.setTransport(&http.Transport{ForceAttemptHTTP2: true}) // want `http.Transport has no IdleConnTimeout`
	return c
}

// Silent: the timeout is set after the transport is handed to the setter.
func newAPIClient3() *apiClient {
	c := &apiClient{hc: &http.Client{}}
	t := &http.Transport{}
	c.SetTransport(t)
	t.IdleConnTimeout = time.Minute
	return c
}

// var t, then t = literal.
var defaultAPI *apiClient

func initAPI() {
	var t *http.Transport
	t = &http.Transport{MaxIdleConns: 100} // want `http.Transport has no IdleConnTimeout`
	defaultAPI = &apiClient{hc: &http.Client{Transport: t}}
}

// Silent: var t, then t = literal, then the timeout through t.
func initAPI2() {
	var t *http.Transport
	t = &http.Transport{MaxIdleConns: 100}
	t.IdleConnTimeout = 90 * time.Second
	defaultAPI = &apiClient{hc: &http.Client{Transport: t}}
}

// Silent: handed to another package's code, which may set the timeout.
func newTunedElsewhere(url string) *uploader {
	t := &http.Transport{MaxIdleConnsPerHost: 8}
	shapes11lib.Tune(t)
	return &uploader{rt: t, url: url}
}

// Silent: kept in another package's options.
func optionsFor() shapes11lib.Options {
	return shapes11lib.Options{Transport: &http.Transport{MaxIdleConnsPerHost: 8}, Timeout: time.Minute}
}

// An http.RoundTripper local.
type fetcher struct{ hc *http.Client }

func newFetcher(insecure bool) *fetcher {
	var rt http.RoundTripper = http.DefaultTransport
	if insecure {
		rt = &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}} // want `http.Transport has no IdleConnTimeout`
	}
	return &fetcher{hc: &http.Client{Transport: rt, Timeout: time.Minute}}
}

// Silent: the RoundTripper local is handed to another package's code.
func newFetcherTuned(insecure bool) *fetcher {
	var rt http.RoundTripper = http.DefaultTransport
	if insecure {
		rt = &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
		shapes11lib.Tune(rt)
	}
	return &fetcher{hc: &http.Client{Transport: rt, Timeout: time.Minute}}
}

// Silent: the field is read back as a *http.Transport (and may be tuned).
type tunable struct{ rt http.RoundTripper }

func newTunable() *tunable {
	return &tunable{rt: &http.Transport{}}
}

func (t *tunable) setIdle(d time.Duration) {
	if tr, ok := t.rt.(*http.Transport); ok {
		tr.IdleConnTimeout = d
	}
}
