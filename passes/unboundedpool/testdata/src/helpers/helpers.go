// Package helpers: pools made by helper functions of the same package and
// used per call by their callers.
package helpers

import (
	"crypto/tls"
	"errors"
	"net/http"
	"sync"
	"time"
)

type getter struct {
	insecure bool
	client   *http.Client
}

// httpClient builds a new pool on every call.
func (g *getter) httpClient() (*http.Client, error) {
	tr := &http.Transport{Proxy: http.ProxyFromEnvironment} // want `http.Transport has no IdleConnTimeout`
	if g.insecure {
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	}
	if tr.Proxy == nil {
		return nil, errors.New("no proxy")
	}
	return &http.Client{Transport: tr, Timeout: time.Minute}, nil
}

// Flagged: the helper's pool is made per call of get and dropped.
func (g *getter) get(url string) error {
	client, err := g.httpClient() // want `an http.Client with a new Transport is made per call by getter.httpClient and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection forever \(it has no IdleConnTimeout\); share one pool, or close client`
	if err != nil {
		return err
	}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 4
	return t
}

// Flagged: in a handler.
func proxy(w http.ResponseWriter, r *http.Request) {
	tr := newTransport() // want `a new http.Transport is made per request by newTransport and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection until its IdleConnTimeout \(90s in a clone of DefaultTransport\); share one pool, or close tr`
	resp, err := tr.RoundTrip(r)
	if err == nil {
		_ = resp.Body.Close()
	}
}

// A RoundTripper wrapper and its constructor.
type authRT struct {
	token string
	next  http.RoundTripper
}

func (a *authRT) RoundTrip(r *http.Request) (*http.Response, error) {
	r.Header.Set("Authorization", a.token)
	return a.next.RoundTrip(r)
}

func withAuth(token string, next http.RoundTripper) http.RoundTripper {
	return &authRT{token, next}
}

func newClientFor(token string) *http.Client {
	return &http.Client{Transport: newRoundTripper(token)}
}

// newRoundTripper returns a fresh transport, wrapped when a token is set.
func newRoundTripper(token string) http.RoundTripper {
	var rt http.RoundTripper = &http.Transport{IdleConnTimeout: time.Minute}
	if token != "" {
		rt = withAuth(token, rt)
	}
	return rt
}

// Flagged: in a loop, through a wrapper chain.
func pollAll(urls []string) {
	for _, u := range urls {
		c := newClientFor("secret") // want `an http.Client with a new Transport is made per loop iteration by newClientFor and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection until its IdleConnTimeout;`
		_, _ = c.Get(u)
	}
}

// Flagged: a client literal around a helper's transport, per request.
func relay(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: newRoundTripper("")} // want `an http.Client with a new Transport is made per request`
	_, _ = c.Get("http://backend/")
}

// post only borrows the client: it sends one request with it.
func post(c *http.Client, url string) error {
	resp, err := c.Post(url, "text/plain", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flagged: handed to a function that only borrows it.
func notify(url string) error {
	c := newClientFor("") // want `an http.Client with a new Transport is made per call by newClientFor`
	return post(c, url)
}

// Flagged: a literal handed to a borrowing function.
func notifyLiteral(url string) error {
	c := &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Second}} // want `an http.Client with a new Transport is made per call`
	return post(c, url)
}

// Flagged, with a fix: one result, closable.
func fetchOnce(url string) {
	c := newClientFor("") // want `made per call by newClientFor`
	_, _ = c.Get(url)
}

// ---- silent ----

var (
	shared     *http.Client
	sharedOnce sync.Once
	registry   []*http.Client
)

// cached returns the one shared client.
func cached() *http.Client {
	if shared == nil {
		shared = &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}
	}
	return shared
}

// Silent: the helper returns a cached pool.
func useCached(url string) {
	c := cached()
	_, _ = c.Get(url)
}

// registered keeps every client it makes.
func registered() *http.Client {
	c := &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}
	registry = append(registry, c)
	return c
}

// Silent: the helper keeps its pool elsewhere.
func useRegistered(url string) {
	c := registered()
	_, _ = c.Get(url)
}

// maybeShared returns DefaultTransport unless TLS is asked for.
func maybeShared(insecure bool) http.RoundTripper {
	if !insecure {
		return http.DefaultTransport
	}
	return &http.Transport{IdleConnTimeout: time.Minute, TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
}

// Silent: the helper's result may be the shared DefaultTransport.
func useMaybeShared(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: maybeShared(false)}
	_, _ = c.Get("http://x/")
}

// Silent: the caller closes the pool.
func closedAfter(url string) {
	c := newClientFor("")
	defer c.CloseIdleConnections()
	_, _ = c.Get(url)
}

// Silent: the caller keeps the pool in a field.
func (g *getter) init() error {
	c, err := g.httpClient()
	g.client = c
	return err
}

// Silent: returned to the caller.
func NewGetterClient(g *getter) (*http.Client, error) {
	c, err := g.httpClient()
	if err != nil {
		return nil, err
	}
	return c, nil
}

// noKeepAlive closes every connection after its response.
func noKeepAlive() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

// Silent: keep-alives disabled in the helper.
func useNoKeepAlive(url string) {
	c := noKeepAlive()
	_, _ = c.Get(url)
}

// Silent: made once, in init and behind sync.Once.
func init() {
	c := newClientFor("")
	_, _ = c.Get("http://x/")
}

func once() *http.Client {
	sharedOnce.Do(func() { shared = newClientFor("") })
	return shared
}

// closing registers a cleanup that closes the pool later.
func closing(onStop func(func())) *http.Transport {
	tr := &http.Transport{IdleConnTimeout: time.Minute}
	onStop(func() { tr.CloseIdleConnections() })
	return tr
}

// Silent: the helper's pool is captured by a cleanup.
func useClosing(w http.ResponseWriter, r *http.Request, onStop func(func())) {
	tr := closing(onStop)
	_, _ = tr.RoundTrip(r)
}

// keep stores the client it is given.
func keep(c *http.Client) { registry = append(registry, c) }

// Silent: handed to a function that keeps it.
func handedToKeeper(url string) {
	c := newClientFor("")
	keep(c)
	_, _ = c.Get(url)
}

// Silent: a literal handed to a function that keeps it.
func literalToKeeper(url string) {
	c := &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Second}}
	keep(c)
	_, _ = c.Get(url)
}

// Silent: the result is unused.
func unused() {
	_ = newClientFor("")
}
