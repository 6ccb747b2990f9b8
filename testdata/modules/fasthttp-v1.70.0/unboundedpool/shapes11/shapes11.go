// Package shapes11: fasthttp clients assigned into per-request structs
// (issue 11, shape 1).
package shapes11

import (
	"sync"
	"time"

	"github.com/valyala/fasthttp"
)

type fetchJob struct {
	hc      *fasthttp.HostClient
	path    string
	retries int
}

func (j *fetchJob) do(req *fasthttp.Request, resp *fasthttp.Response) error {
	var err error
	for i := 0; i <= j.retries; i++ {
		if err = j.hc.DoTimeout(req, resp, 5*time.Second); err == nil {
			return nil
		}
	}
	return err
}

func (j *fetchJob) fetch() (int, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("http://" + j.hc.Addr + j.path)
	if err := j.do(req, resp); err != nil {
		return 0, err
	}
	return resp.StatusCode(), nil
}

func (j *fetchJob) release() { j.hc.CloseIdleConnections() }

// Flagged: a host client per request, kept in a job that is dropped.
func proxyHandler(ctx *fasthttp.RequestCtx) {
	addr := string(ctx.QueryArgs().Peek("backend"))
	job := &fetchJob{hc: &fasthttp.HostClient{Addr: addr}, path: string(ctx.Path())} // want `a new fasthttp client is made per request and dropped without CloseIdleConnections: each keeps its idle connections open, with a goroutine that closes them, for 10s \(MaxIdleConnDuration's default\) after their last use; share one pool, or close job.hc`
	code, err := job.fetch()
	if err != nil {
		ctx.Error(err.Error(), fasthttp.StatusBadGateway)
		return
	}
	ctx.SetStatusCode(code)
}

type prober struct {
	mu      sync.Mutex
	jobs    map[string]*fetchJob
	last    *fetchJob
	results chan *fetchJob
	shared  *fasthttp.HostClient
}

// Flagged: the host client is set on the job after it is made.
func (p *prober) probe(addr string) (int, error) {
	job := &fetchJob{path: "/healthz", retries: 2}
	job.hc = &fasthttp.HostClient{Addr: addr, MaxIdleConnDuration: time.Minute} // want `a new fasthttp client is made per call and dropped without CloseIdleConnections: each keeps its idle connections open, with a goroutine that closes them, for MaxIdleConnDuration \(time.Minute\) after their last use; share one pool, or close job.hc`
	return job.fetch()
}

type pingJob struct {
	client *fasthttp.Client
	url    string
}

// Flagged: a struct value (not a pointer) per loop iteration.
func (p *prober) pingAll(urls []string) int {
	ok := 0
	for _, u := range urls {
		j := pingJob{client: &fasthttp.Client{ReadTimeout: time.Second}, url: u} // want `a new fasthttp client is made per loop iteration and dropped without CloseIdleConnections: each keeps its idle connections open, with a goroutine that closes them, for 10s \(MaxIdleConnDuration's default\) after their last use; share one pool, or close j.client`
		if code, _, err := j.client.Get(nil, j.url); err == nil && code == fasthttp.StatusOK {
			ok++
		}
	}
	return ok
}

// Silent: the job is kept in the prober's map.
func (p *prober) probeKept(addr string) (int, error) {
	job := &fetchJob{hc: &fasthttp.HostClient{Addr: addr}, path: "/healthz"}
	p.mu.Lock()
	p.jobs[addr] = job
	p.mu.Unlock()
	return job.fetch()
}

// Silent: the last job is kept in a field.
func (p *prober) probeLast(addr string) (int, error) {
	job := &fetchJob{hc: &fasthttp.HostClient{Addr: addr}, path: "/healthz"}
	p.last = job
	return job.fetch()
}

// Silent: the job is sent on a channel.
func (p *prober) submit(addr string) {
	job := &fetchJob{hc: &fasthttp.HostClient{Addr: addr}, path: "/healthz"}
	p.results <- job
}

// Silent: the job is returned to the caller.
func newFetchJob(addr, path string) *fetchJob {
	return &fetchJob{hc: &fasthttp.HostClient{Addr: addr}, path: path}
}

// Silent: the job is returned after use.
func (p *prober) probeAndKeep(addr string) (*fetchJob, error) {
	job := &fetchJob{hc: &fasthttp.HostClient{Addr: addr}, path: "/healthz"}
	if _, err := job.fetch(); err != nil {
		return nil, err
	}
	return job, nil
}

// Silent: the job's connections are closed when the call returns.
func (p *prober) probeOnce(addr string) (int, error) {
	job := &fetchJob{hc: &fasthttp.HostClient{Addr: addr}, path: "/healthz"}
	defer job.release()
	return job.fetch()
}

// Silent: the job shares the prober's host client.
func (p *prober) probeShared() (int, error) {
	job := &fetchJob{hc: p.shared, path: "/healthz"}
	return job.fetch()
}

// Silent: the prober is built once, its host client with it.
func newProber(addr string) *prober {
	return &prober{shared: &fasthttp.HostClient{Addr: addr}, jobs: map[string]*fetchJob{}, results: make(chan *fetchJob, 16)}
}

// Silent: a goroutine keeps using the job.
func (p *prober) probeAsync(addr string) {
	job := &fetchJob{hc: &fasthttp.HostClient{Addr: addr}, path: "/healthz"}
	go func() {
		_, _ = job.fetch()
	}()
}

type leakyJob struct {
	hc *fasthttp.HostClient
}

var lastClient *fasthttp.HostClient

func (j *leakyJob) run() { lastClient = j.hc }

// Silent: a method of the job keeps its host client.
func (p *prober) probeLeaky(addr string) {
	job := &leakyJob{hc: &fasthttp.HostClient{Addr: addr}}
	job.run()
}
