// Package ctorpools: client types whose constructor builds a pool of its
// own, made per request, per loop iteration or per call.
package ctorpools

import (
	"context"
	"net/http"
	"time"
)

type Ledger struct {
	hc   *http.Client
	base string
	stop chan struct{}
}

func NewLedger(base string) *Ledger {
	tr := &http.Transport{MaxIdleConnsPerHost: 4, IdleConnTimeout: 90 * time.Second}
	c := &Ledger{hc: &http.Client{Transport: tr, Timeout: 10 * time.Second}, base: base, stop: make(chan struct{})}
	go c.refresh()
	return c
}

func (c *Ledger) refresh() { <-c.stop }

// Close stops the refresher; the pool stays.
func (c *Ledger) Close() error { close(c.stop); return nil }

func (c *Ledger) Post(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/entries", nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flagged: one Ledger, and its pool, per request.
func checkout(w http.ResponseWriter, r *http.Request) {
	l := NewLedger("https://ledger.example") // want `an http.Client with a new Transport \(in hc\) is made per request by NewLedger and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection until its IdleConnTimeout; share one Ledger, or release l's pool when done`
	defer l.Close()
	if err := l.Post(r.Context()); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

type Sender struct {
	hc     *http.Client
	secret string
}

func NewSender(secret string) *Sender {
	return &Sender{hc: &http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}, secret: secret} // want `http.Transport has no IdleConnTimeout`
}

func (s *Sender) Send(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Signature", s.secret)
	resp, err := s.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flagged: one Sender per event.
func DeliverAll(ctx context.Context, urls, secrets []string) {
	for i, u := range urls {
		s := NewSender(secrets[i]) // want `an http.Client with a new Transport \(in hc\) is made per loop iteration by NewSender and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection forever \(it has no IdleConnTimeout\)`
		_ = s.Send(ctx, u)
	}
}

// Silent: Close releases the pool, and the caller defers it.
type Inventory struct{ hc *http.Client }

func NewInventory() *Inventory {
	return &Inventory{hc: &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}}
}

func (c *Inventory) Get(ctx context.Context, url string) error {
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

func (c *Inventory) Close() { c.hc.CloseIdleConnections() }

func syncJob(ctx context.Context, url string) error {
	c := NewInventory()
	defer c.Close()
	return c.Get(ctx, url)
}

// Silent: the constructor shares one pool.
var shared = &http.Transport{IdleConnTimeout: time.Minute}

func NewShared() *Sender {
	return &Sender{hc: &http.Client{Transport: shared}}
}

func perRequestShared(w http.ResponseWriter, r *http.Request) {
	s := NewShared()
	_ = s.Send(r.Context(), "https://hooks.example")
}

// Silent: the caller keeps the client.
type Service struct{ sender *Sender }

func NewService() *Service {
	s := NewSender("k")
	return &Service{sender: s}
}

// Silent: keep-alives off, nothing stays idle.
func NewOneShot() *Sender {
	return &Sender{hc: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}}
}

func oneShot(w http.ResponseWriter, r *http.Request) {
	s := NewOneShot()
	_ = s.Send(r.Context(), "https://hooks.example")
}

// Silent: the constructor also registers the client: kept elsewhere.
var registry []*Sender

func NewRegistered() *Sender {
	s := &Sender{hc: &http.Client{Transport: &http.Transport{}}} // want `http.Transport has no IdleConnTimeout`
	registry = append(registry, s)
	return s
}

func registered(w http.ResponseWriter, r *http.Request) {
	s := NewRegistered()
	_ = s.Send(r.Context(), "https://hooks.example")
}

// Silent: made once, in init.
func init() {
	s := NewSender("k")
	_ = s.Send(context.Background(), "https://hooks.example")
}

// Silent: a constructor declared without a body (assembly): no summary.
func NewAsm() *Sender

func asmHandler(w http.ResponseWriter, r *http.Request) {
	s := NewAsm()
	_ = s.Send(r.Context(), "https://hooks.example")
}
