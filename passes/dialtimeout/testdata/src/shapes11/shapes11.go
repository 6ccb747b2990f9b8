// Package shapes11 holds API SDK clients whose long-lived client is kept
// behind a Doer interface, embedded, in an exported field of an unexported
// type, or made by a helper of the package (issue 11, shapes 1 and 2).
package shapes11

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"time"
)

const base = "https://api.example.com"

// Doer is what the SDK needs of an HTTP client.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

func drain(resp *http.Response) error {
	_, err := io.Copy(io.Discard, resp.Body)
	if cerr := resp.Body.Close(); err == nil {
		err = cerr
	}
	return err
}

// Flagged: the SDK's default client, kept behind the Doer interface, and
// requests from http.NewRequest.
type Client struct {
	http  Doer
	token string
}

func New(token string) *Client {
	return &Client{http: &http.Client{}, token: token} // want `client c.http has no Timeout and the request no context`
}

func (c *Client) User(id string) (map[string]any, error) {
	req, err := http.NewRequest(http.MethodGet, base+"/users/"+id, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	return out, json.NewDecoder(resp.Body).Decode(&out)
}

// Flagged: http.DefaultClient behind the interface, requests with
// context.Background().
type Billing struct {
	hc Doer
}

func NewBilling() *Billing {
	return &Billing{hc: http.DefaultClient} // want `http.DefaultClient kept here has no Timeout, and b.hc sends requests with no context through it`
}

func (b *Billing) Invoices() error {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, base+"/invoices", nil)
	if err != nil {
		return err
	}
	resp, err := b.hc.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Flagged: the default is chosen in a constructor that fills in a nil
// Doer given by an options struct, through an unexported constructor.
type Options struct {
	Token string
}

type Webhooks struct {
	doer Doer
	opts Options
}

func NewWebhooks(opts Options) *Webhooks {
	return newWebhooks(&http.Client{}, opts) // want `client w.doer has no Timeout and the request no context`
}

func newWebhooks(d Doer, opts Options) *Webhooks {
	return &Webhooks{doer: d, opts: opts}
}

func (w *Webhooks) List() error {
	req, err := http.NewRequest(http.MethodGet, base+"/webhooks", nil)
	if err != nil {
		return err
	}
	resp, err := w.doer.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Silent: the Doer comes from the caller.
type Caller struct{ http Doer }

func NewCaller(d Doer) *Caller { return &Caller{http: d} }

func (c *Caller) Ping() error {
	req, err := http.NewRequest(http.MethodGet, base+"/ping", nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Silent: the default has a Timeout; an option may replace it.
type Opted struct{ http Doer }

type Option func(*Opted)

func WithHTTPClient(hc *http.Client) Option { return func(o *Opted) { o.http = hc } }

func NewOpted(opts ...Option) *Opted {
	o := &Opted{http: &http.Client{Timeout: 20 * time.Second}}
	for _, opt := range opts {
		opt(o)
	}
	return o
}

func (o *Opted) Ping() error {
	req, err := http.NewRequest(http.MethodGet, base+"/ping", nil)
	if err != nil {
		return err
	}
	resp, err := o.http.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Silent: requests carry the caller's context.
type Ctx struct{ http Doer }

func NewCtx() *Ctx { return &Ctx{http: &http.Client{}} }

func (c *Ctx) Ping(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/ping", nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Silent: the Transport bounds the dial and the response header.
type Bounded struct{ http Doer }

func NewBounded() *Bounded {
	return &Bounded{http: &http.Client{Transport: &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
		ResponseHeaderTimeout: 15 * time.Second,
	}}}
}

func (b *Bounded) Ping() error {
	req, err := http.NewRequest(http.MethodGet, base+"/ping", nil)
	if err != nil {
		return err
	}
	resp, err := b.http.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Silent: the client is handed to code that may configure it before it is
// kept behind the interface.
type Tuned struct{ http Doer }

func NewTuned(tune func(*http.Client)) *Tuned {
	hc := &http.Client{}
	tune(hc)
	return &Tuned{http: hc}
}

func (t *Tuned) Ping() error {
	req, err := http.NewRequest(http.MethodGet, base+"/ping", nil)
	if err != nil {
		return err
	}
	resp, err := t.http.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Silent: the Doer kept is a wrapper of the package that sets a deadline
// on every request.
type deadlineDoer struct{ hc *http.Client }

func (d deadlineDoer) Do(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), 30*time.Second)
	resp, err := d.hc.Do(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	go func() { <-ctx.Done() }()
	return resp, nil
}

type Wrapped struct{ http Doer }

func NewWrapped() *Wrapped { return &Wrapped{http: deadlineDoer{hc: &http.Client{}}} }

func (w *Wrapped) Ping() error {
	req, err := http.NewRequest(http.MethodGet, base+"/ping", nil)
	if err != nil {
		return err
	}
	resp, err := w.http.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Silent: the Doer is a package variable the caller may set, holding a
// client with a Timeout.
var DefaultDoer Doer = &http.Client{Timeout: time.Minute}

func Status() error {
	req, err := http.NewRequest(http.MethodGet, base+"/status", nil)
	if err != nil {
		return err
	}
	resp, err := DefaultDoer.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Flagged: an SDK struct that embeds *http.Client and uses its promoted
// methods.
type API struct {
	*http.Client // want Client:`sends\(Get at shapes11.go:274\)`
	base         string
}

func NewAPI() *API {
	return &API{Client: &http.Client{}, base: base} // want `client a has no Timeout and the request no context`
}

func (a *API) Health() error {
	resp, err := a.Get(a.base + "/health")
	if err != nil {
		return err
	}
	return drain(resp)
}

// Flagged: promoted Do with a request from http.NewRequest.
type Embedded struct {
	*http.Client // want Client:`sends\(Do at shapes11.go:295\)`
}

func NewEmbedded() *Embedded {
	return &Embedded{&http.Client{}} // want `client e has no Timeout and the request no context`
}

func (e *Embedded) Health() error {
	req, err := http.NewRequest(http.MethodGet, base+"/health", nil)
	if err != nil {
		return err
	}
	resp, err := e.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Silent: the embedded client has a Timeout.
type BoundedAPI struct {
	*http.Client // want Client:`sends\(Get at shapes11.go:312\)`
}

func NewBoundedAPI() *BoundedAPI {
	return &BoundedAPI{Client: &http.Client{Timeout: 10 * time.Second}}
}

func (a *BoundedAPI) Health() error {
	resp, err := a.Get(base + "/health")
	if err != nil {
		return err
	}
	return drain(resp)
}

// Flagged: an exported field of an unexported type.
type service struct {
	HTTP *http.Client // want HTTP:`sends\(Get at shapes11.go:330\)`
	url  string
}

func newService(u string) *service {
	return &service{HTTP: &http.Client{}, url: u} // want `client s.HTTP has no Timeout and the request no context`
}

func (s *service) fetch() error {
	resp, err := s.HTTP.Get(s.url)
	if err != nil {
		return err
	}
	return drain(resp)
}

var svc = newService(base + "/svc")

func Fetch() error { return svc.fetch() }

// Silent: the same service shape with the caller's client and context.
type ctxService struct {
	HTTP *http.Client
}

func newCtxService(hc *http.Client) *ctxService { return &ctxService{HTTP: hc} }

func (s *ctxService) fetch(ctx context.Context, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := s.HTTP.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

func FetchWith(ctx context.Context, hc *http.Client, u string) error {
	return newCtxService(hc).fetch(ctx, u)
}

// Flagged: the package's own helper returns the default client, which a
// constructor keeps in a field.
func defaultClient() *http.Client {
	return &http.Client{} // want `client r.hc has no Timeout and the request no context`
}

type Repo struct {
	hc *http.Client
}

func NewRepo() *Repo { return &Repo{hc: defaultClient()} }

func (r *Repo) Tags() error {
	req, err := http.NewRequest(http.MethodGet, base+"/tags", nil)
	if err != nil {
		return err
	}
	resp, err := r.hc.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Flagged: the helper returns the default as a Doer.
func defaultDoer() Doer {
	return &http.Client{} // want `client q.doer has no Timeout and the request no context`
}

type Queue struct{ doer Doer }

func NewQueue() *Queue { return &Queue{doer: defaultDoer()} }

func (q *Queue) Pop() error {
	req, err := http.NewRequest(http.MethodPost, base+"/pop", nil)
	if err != nil {
		return err
	}
	resp, err := q.doer.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		_ = drain(resp)
		return errors.New(resp.Status)
	}
	return drain(resp)
}

// Silent: the helper's client has a Timeout.
func boundedClient() *http.Client { return &http.Client{Timeout: 15 * time.Second} }

type Mirror struct{ hc *http.Client }

func NewMirror() *Mirror { return &Mirror{hc: boundedClient()} }

func (m *Mirror) Sync() error {
	resp, err := m.hc.Get(base + "/sync")
	if err != nil {
		return err
	}
	return drain(resp)
}

// Flagged: every request goes through the package's do helper, which
// sends it through the Doer.
type Accounts struct{ doer Doer }

func NewAccounts() *Accounts { return &Accounts{doer: &http.Client{}} } // want `client a.doer has no Timeout and the request no context`

func (a *Accounts) Get(id string) error {
	req, err := http.NewRequest(http.MethodGet, base+"/accounts/"+id, nil)
	if err != nil {
		return err
	}
	return a.do(req)
}

func (a *Accounts) do(req *http.Request) error {
	req.Header.Set("Accept", "application/json")
	resp, err := a.doer.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Flagged: the exported constructor hands the package's default to the
// one that takes any Doer.
type Search struct{ doer Doer }

func NewSearch() *Search {
	return NewSearchWith(http.DefaultClient) // want `http.DefaultClient kept here has no Timeout, and s.doer sends requests with no context through it`
}

func NewSearchWith(d Doer) *Search { return &Search{doer: d} }

func (s *Search) Query(q string) error {
	req, err := http.NewRequest(http.MethodGet, base+"/search?q="+q, nil)
	if err != nil {
		return err
	}
	resp, err := s.doer.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Flagged: a Doer local holds the default unless the options give one.
type StoreOptions struct{ Doer Doer }

type Store struct{ d Doer }

func NewStore(opts StoreOptions) *Store {
	var d Doer = &http.Client{} // want `client s.d has no Timeout and the request no context`
	if opts.Doer != nil {
		d = opts.Doer
	}
	return &Store{d: d}
}

func (s *Store) Get(key string) error {
	req, err := http.NewRequestWithContext(context.TODO(), http.MethodGet, base+"/kv/"+key, nil)
	if err != nil {
		return err
	}
	resp, err := s.d.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Flagged: a package variable of the interface type.
var telemetry Doer = &http.Client{} // want `client telemetry has no Timeout and the request no context`

func Report() error {
	req, err := http.NewRequest(http.MethodPost, base+"/telemetry", nil)
	if err != nil {
		return err
	}
	resp, err := telemetry.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Silent: the same local default with a Timeout.
type BoundedStore struct{ d Doer }

func NewBoundedStore(opts StoreOptions) *BoundedStore {
	var d Doer = &http.Client{Timeout: 30 * time.Second}
	if opts.Doer != nil {
		d = opts.Doer
	}
	return &BoundedStore{d: d}
}

func (s *BoundedStore) Get(key string) error {
	req, err := http.NewRequest(http.MethodGet, base+"/kv/"+key, nil)
	if err != nil {
		return err
	}
	resp, err := s.d.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Silent: the Doer is also handed, as a plain value, to code that may
// take the client out of it and configure it.
type ctxKey struct{}

type Shared struct{ d Doer }

func NewShared() (*Shared, context.Context) {
	s := &Shared{d: &http.Client{}}
	return s, context.WithValue(context.Background(), ctxKey{}, s.d)
}

func (s *Shared) Ping() error {
	req, err := http.NewRequest(http.MethodGet, base+"/ping", nil)
	if err != nil {
		return err
	}
	resp, err := s.d.Do(req)
	if err != nil {
		return err
	}
	return drain(resp)
}

// Silent: the do helper gives the request a deadline of its own.
type Timed struct{ doer Doer }

func NewTimed() *Timed { return &Timed{doer: &http.Client{}} }

func (t *Timed) Get(id string) error {
	req, err := http.NewRequest(http.MethodGet, base+"/timed/"+id, nil)
	if err != nil {
		return err
	}
	return t.do(req)
}

func (t *Timed) do(req *http.Request) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := t.doer.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	return drain(resp)
}
