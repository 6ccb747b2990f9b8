// Package decorators: fresh pools handed, as they are made, to functions
// of the package that only send through them, directly or through
// decorator (middleware) values, and drop them.
package decorators

import (
	"net/http"
	"time"
)

// Doer sends requests; *http.Client is one.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// DoerFunc adapts a function to Doer.
type DoerFunc func(*http.Request) (*http.Response, error)

// Do calls f.
func (f DoerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// Middleware decorates a Doer.
type Middleware func(Doer) Doer

// chain applies the middleware in order.
func chain(d Doer, mws ...Middleware) Doer {
	for _, mw := range mws {
		d = mw(d)
	}
	return d
}

// doWith sends req through d decorated by mws, once.
func doWith(d Doer, req *http.Request, mws ...Middleware) (*http.Response, error) {
	return chain(d, mws...).Do(req)
}

// newHTTPClient makes a new client with a new transport on every call.
func newHTTPClient() *http.Client {
	tr := &http.Transport{IdleConnTimeout: 30 * time.Second, MaxIdleConnsPerHost: 4}
	return &http.Client{Transport: tr, Timeout: time.Minute}
}

// Flagged: a package-level convenience function, a new pool per call.
func Get(url string, mws ...Middleware) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return doWith(newHTTPClient(), req, mws...) // want `an http.Client with a new Transport is made per call by newHTTPClient and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection until its IdleConnTimeout; share one pool, or close the pool`
}

// Flagged: a literal handed to the borrowing function as it is made.
func Head(url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodHead, url, nil)
	if err != nil {
		return nil, err
	}
	return doWith(&http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}, req) // want `an http.Client with a new Transport is made per call and dropped without CloseIdleConnections`
}

// withHeader returns a middleware that sets a header.
func withHeader(k, v string) Middleware {
	return func(next Doer) Doer {
		return DoerFunc(func(r *http.Request) (*http.Response, error) {
			r.Header.Set(k, v)
			return next.Do(r)
		})
	}
}

// Flagged: per request, with middleware built by a constructor.
func relay(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest(http.MethodGet, "http://backend/", nil)
	resp, err := doWith(newHTTPClient(), out, withHeader("X-Forwarded-For", r.RemoteAddr)) // want `an http.Client with a new Transport is made per request by newHTTPClient`
	if err == nil {
		_ = resp.Body.Close()
	}
}

// Flagged: a decorator written at the call that only sends through the
// sender it wraps.
func Post(url string) error {
	req, err := http.NewRequest(http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	resp, err := doWith(newHTTPClient(), req, func(next Doer) Doer { // want `made per call by newHTTPClient`
		return DoerFunc(func(r *http.Request) (*http.Response, error) {
			r.Header.Set("Content-Type", "application/json")
			return next.Do(r)
		})
	})
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// hook decorates round trippers; set by the application.
var hook = func(rt http.RoundTripper) http.RoundTripper { return rt }

// roundTrip sends r once through the hooked rt.
func roundTrip(rt http.RoundTripper, r *http.Request) (*http.Response, error) {
	return hook(rt).RoundTrip(r)
}

func newTransport() *http.Transport {
	return &http.Transport{IdleConnTimeout: time.Minute}
}

// Flagged: in a loop, through a decorator held in a package variable.
func probeAll(reqs []*http.Request) {
	for _, r := range reqs {
		resp, err := roundTrip(newTransport(), r) // want `a new http.Transport is made per loop iteration by newTransport`
		if err == nil {
			_ = resp.Body.Close()
		}
	}
}

// ---- silent ----

var (
	lastDoer Doer
	seen     []Doer
	queue    = make(chan Doer, 8)
	shared   = newHTTPClient()
)

// Silent: a decorator written at the call keeps the sender.
func GetRemembered(url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return doWith(newHTTPClient(), req, func(d Doer) Doer {
		lastDoer = d
		return d
	})
}

// remember is a decorator that keeps every sender it wraps.
func remember(d Doer) Doer {
	seen = append(seen, d)
	return d
}

// Silent: a named decorator of the package that keeps the sender.
func GetSeen(url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return doWith(newHTTPClient(), req, remember)
}

// doRemembered sends through a wrapper that keeps what it wraps.
func doRemembered(d Doer, req *http.Request) (*http.Response, error) {
	return remember(d).Do(req)
}

// Silent: the borrowing function's wrapper keeps the sender.
func GetVia(req *http.Request) (*http.Response, error) {
	return doRemembered(newHTTPClient(), req)
}

type API struct {
	last Doer
}

// sendWith keeps the sender in a field.
func (a *API) sendWith(d Doer, req *http.Request) (*http.Response, error) {
	a.last = d
	return d.Do(req)
}

// Silent: handed to a method that stores it.
func (a *API) Get(req *http.Request) (*http.Response, error) {
	return a.sendWith(newHTTPClient(), req)
}

// Silent: the decorated pool is returned to the caller.
func NewDoer(mws ...Middleware) Doer {
	return chain(newHTTPClient(), mws...)
}

// Silent: the caller closes the pool.
func GetClosed(req *http.Request) (*http.Response, error) {
	c := newHTTPClient()
	defer c.CloseIdleConnections()
	return doWith(c, req)
}

// Silent: keep-alives off, no idle connection is kept.
func GetOneShot(req *http.Request) (*http.Response, error) {
	return doWith(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}, req)
}

// Silent: made once.
func init() {
	req, _ := http.NewRequest(http.MethodGet, "http://config/", nil)
	_, _ = doWith(newHTTPClient(), req)
}

// Silent: the shared client of the package.
func GetShared(req *http.Request) (*http.Response, error) {
	return doWith(shared, req)
}

// enqueue hands the sender to a worker.
func enqueue(d Doer, req *http.Request) {
	queue <- d
	_, _ = d.Do(req)
}

// Silent: sent on a channel.
func Submit(req *http.Request) {
	enqueue(newHTTPClient(), req)
}

// later sends from a goroutine that may outlive the call.
func later(d Doer, req *http.Request) {
	go func() { _, _ = d.Do(req) }()
}

// Silent: captured by a goroutine.
func Fire(req *http.Request) {
	later(newHTTPClient(), req)
}

// sendAny sends req through the first sender.
func sendAny(req *http.Request, ds ...Doer) (*http.Response, error) {
	return ds[0].Do(req)
}

// Silent: a variadic parameter is not followed.
func GetAny(req *http.Request) (*http.Response, error) {
	return sendAny(req, newHTTPClient())
}

// apiClient is a client type of the package that sends through its own
// transport (a RoundTripper).
type apiClient struct {
	base string
	tr   *http.Transport
}

func (a *apiClient) RoundTrip(r *http.Request) (*http.Response, error) {
	return a.tr.RoundTrip(r)
}

// derive returns a client for a sub-path holding tr.
func (a *apiClient) derive(path string, tr *http.Transport) *apiClient {
	c := apiClient{base: a.base + path, tr: tr}
	return &c
}

// Silent: the clone is handed to a function that returns it inside the
// client it makes, and that client is returned.
func (a *apiClient) Sub(path string) *apiClient {
	return a.derive(path, a.tr.Clone())
}

// newAPIClientWith makes a client on tr.
func newAPIClientWith(base string, tr *http.Transport) *apiClient {
	return &apiClient{base: base, tr: tr}
}

// deriveVia returns a client for a sub-path, made by newAPIClientWith.
func (a *apiClient) deriveVia(path string, tr *http.Transport) *apiClient {
	sub := newAPIClientWith(a.base+path, tr)
	sub.base += "/"
	return sub
}

// Silent: the same through a constructor of the client type.
func (a *apiClient) SubVia(path string) *apiClient {
	return a.deriveVia(path, a.tr.Clone())
}
