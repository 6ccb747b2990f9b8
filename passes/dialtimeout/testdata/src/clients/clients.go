// Package clients holds client shapes from API SDKs (issue 11): clients
// built by constructors and kept in fields, http.DefaultClient kept,
// requests made by helpers, contexts that carry no deadline.
package clients

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
)

// Flagged: an SDK's default client in an exported field, used with no
// deadline by the SDK's own methods.
type Client struct {
	HTTPClient *http.Client // want HTTPClient:`sends\(Do at clients.go:32\)`
	BaseURL    string
}

func NewClient(base string) *Client {
	return &Client{HTTPClient: &http.Client{}, BaseURL: base} // want `client c.HTTPClient has no Timeout and the request no context`
}

func (c *Client) Status() (int, error) {
	req, err := http.NewRequest(http.MethodGet, c.BaseURL+"/status", nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.HTTPClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

// Flagged: http.DefaultClient kept in an unexported field.
type registry struct {
	hc  *http.Client
	url string
}

func newRegistry(url string) *registry {
	return &registry{hc: http.DefaultClient, url: url} // want `http.DefaultClient kept here has no Timeout, and r.hc sends requests with no context through it`
}

func (r *registry) ping() error {
	resp, err := r.hc.Get(r.url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flagged: a request from the package's own helper around NewRequest.
type Service struct {
	hc   *http.Client
	base string
}

func NewService(base string) *Service {
	return &Service{hc: &http.Client{Transport: &http.Transport{}}, base: base} // want `client s.hc has no Timeout and the request no context`
}

func (s *Service) newRequest(method, path string) (*http.Request, error) {
	req, err := http.NewRequest(method, s.base+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "svc")
	return req, nil
}

func (s *Service) List() error {
	req, err := s.newRequest(http.MethodGet, "/items")
	if err != nil {
		return err
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flagged: context.Background() through the package's own wrapper.
func bg() context.Context { return context.Background() }

var events = &http.Client{} // want `client events has no Timeout and the request no context`

func poll(url string) error {
	req, err := http.NewRequestWithContext(bg(), http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := events.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flagged: context.TODO() in a local.
func fetchTODO(url string) error {
	ctx := context.TODO()
	c := &http.Client{} // want `client c has no Timeout and the request no context`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flagged: an embedded client's promoted method.
type API struct {
	*http.Client // want Client:`sends\(Get at clients.go:133\)`
	Base         string
}

func NewAPI(base string) *API {
	return &API{Client: &http.Client{}, Base: base} // want `client a has no Timeout and the request no context`
}

func (a *API) Health() error {
	resp, err := a.Get(a.Base + "/health")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: the constructor sets a Timeout.
type Bounded struct{ hc *http.Client }

func NewBounded() *Bounded { return &Bounded{hc: &http.Client{Timeout: 10 * time.Second}} }

func (b *Bounded) Get(url string) error {
	resp, err := b.hc.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: every request carries the caller's context.
type CtxClient struct{ hc *http.Client }

func NewCtxClient() *CtxClient { return &CtxClient{hc: &http.Client{}} }

func (c *CtxClient) Get(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: the helper takes the caller's context.
func (c *CtxClient) newRequest(ctx context.Context, url string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
}

func (c *CtxClient) Head(ctx context.Context, url string) error {
	req, err := c.newRequest(ctx, url)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: http.DefaultClient kept, but requests carry the caller's context.
type Fetcher struct{ hc *http.Client }

func NewFetcher() *Fetcher { return &Fetcher{hc: http.DefaultClient} }

func (f *Fetcher) Fetch(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := f.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: handed to code that may configure it.
func NewInstrumented(wrap func(*http.Client)) *Client {
	hc := &http.Client{}
	wrap(hc)
	return &Client{HTTPClient: hc}
}

// Silent: a Transport that bounds the dial and the response header.
var bounded = &http.Client{Transport: &http.Transport{
	DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	ResponseHeaderTimeout: 10 * time.Second,
}}

func pollBounded(url string) error {
	resp, err := bounded.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: a client built here with no request in sight.
func NewIdle() *http.Client { return &http.Client{} }

// Flagged: DialContext with a context that never ends.
func dialBackground(addr string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(context.Background(), "tcp", addr) // want `dialer d has neither Timeout nor Deadline`
}

// Flagged: tls.DialWithDialer with a zero dialer.
func dialTLS(addr string) (*tls.Conn, error) {
	return tls.DialWithDialer(&net.Dialer{}, "tcp", addr, &tls.Config{}) // want `dialer &net.Dialer\{\} has neither Timeout nor Deadline`
}

// Silent: DialContext with the caller's context.
func dialCtx(ctx context.Context, addr string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, "tcp", addr)
}

// Silent: tls.DialWithDialer with a bounded dialer.
func dialTLSBounded(addr string) (*tls.Conn, error) {
	return tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", addr, nil)
}

// Silent: a loopback sidecar whose port is computed.
func dialSidecar(port int) (net.Conn, error) {
	return net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
}

// Silent: a loopback host joined with a port.
func dialJoined(port string) (net.Conn, error) {
	return net.Dial("tcp", net.JoinHostPort("localhost", port))
}

// Flagged: a remote host with a computed port.
func dialRemote(port int) (net.Conn, error) {
	return net.Dial("tcp", "db.internal:"+strconv.Itoa(port)) // want `net.Dial has no timeout`
}
