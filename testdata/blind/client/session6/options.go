package session6

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"time"

	"blind/client/session6/sdkutil"
)

// ===========================================================================
// Billing SDK: functional options over a package default.

type billingOptions struct {
	baseURL         string
	userAgent       string
	timeout         time.Duration
	maxIdlePerHost  int
	idleConnTimeout time.Duration
}

// defaultBillingOptions are the options NewBillingClient starts from.
var defaultBillingOptions = billingOptions{
	baseURL:        "https://api.billing.example.com/v3",
	userAgent:      "billing-go/1.4.2",
	timeout:        30 * time.Second,
	maxIdlePerHost: 16,
}

// BillingOption configures a BillingClient.
type BillingOption func(*billingOptions)

func WithBillingBaseURL(u string) BillingOption { return func(o *billingOptions) { o.baseURL = u } }
func WithBillingTimeout(d time.Duration) BillingOption {
	return func(o *billingOptions) { o.timeout = d }
}
func WithIdleConnTimeout(d time.Duration) BillingOption {
	return func(o *billingOptions) { o.idleConnTimeout = d }
}
func WithMaxIdleConnsPerHost(n int) BillingOption {
	return func(o *billingOptions) { o.maxIdlePerHost = n }
}

// BillingClient talks to the billing API. It is safe for concurrent use and
// meant to live as long as the process.
type BillingClient struct {
	hc *http.Client
	o  billingOptions
}

// ---------------------------------------------------------------------------
// SHAPE: functional options: the transport literal takes IdleConnTimeout from options whose package default leaves it zero, and the only caller (package var) passes no WithIdleConnTimeout: idle connections never expire
func NewBillingClient(opts ...BillingOption) *BillingClient {
	o := defaultBillingOptions
	for _, fn := range opts {
		fn(&o)
	}
	tr := &http.Transport{ // BUG: unboundedpool
		Proxy:               http.ProxyFromEnvironment,
		MaxIdleConnsPerHost: o.maxIdlePerHost,
		IdleConnTimeout:     o.idleConnTimeout,
		TLSHandshakeTimeout: 10 * time.Second,
		ForceAttemptHTTP2:   true,
	}
	return &BillingClient{hc: &http.Client{Transport: tr, Timeout: o.timeout}, o: o}
}

// billing is the process-wide billing client of the checkout service.
var billing = NewBillingClient(WithBillingTimeout(10*time.Second), WithMaxIdleConnsPerHost(32))

// Invoice is a billing invoice.
type Invoice struct {
	ID     string `json:"id"`
	Amount int64  `json:"amount"`
	Status string `json:"status"`
}

// ---------------------------------------------------------------------------
// SHAPE: error statuses return an APIError built from the status and a header only; the body of every 4xx/5xx response is never closed
func (c *BillingClient) Invoice(ctx context.Context, id string) (*Invoice, error) {
	req, err := sdkutil.NewRequest(ctx, http.MethodGet, c.o.baseURL+"/invoices/"+url.PathEscape(id), c.o.userAgent, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 400 {
		return nil, &sdkutil.APIError{Status: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id")} // BUG: bodydrain
	}
	defer resp.Body.Close()
	var inv Invoice
	if err := sdkutil.DecodeJSON(resp.Body, &inv); err != nil {
		return nil, err
	}
	return &inv, nil
}

// Customer is a billing customer.
type Customer struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain deferred Close after the body went to sdkutil.ErrorFrom or sdkutil.DecodeJSON (other package), both of which read it to EOF with io.ReadAll
func (c *BillingClient) Customer(ctx context.Context, id string) (*Customer, error) {
	req, err := sdkutil.NewRequest(ctx, http.MethodGet, c.o.baseURL+"/customers/"+url.PathEscape(id), c.o.userAgent, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close() // NAIVE: bodydrain
	if resp.StatusCode != http.StatusOK {
		return nil, sdkutil.ErrorFrom(resp)
	}
	var cu Customer
	if err := sdkutil.DecodeJSON(resp.Body, &cu); err != nil {
		return nil, err
	}
	return &cu, nil
}

// ===========================================================================
// Search SDK: options are applied to the transport itself, after a list of
// package defaults.

// SearchOption tunes the search client's transport.
type SearchOption func(*http.Transport)

func WithSearchIdleTimeout(d time.Duration) SearchOption {
	return func(t *http.Transport) { t.IdleConnTimeout = d }
}
func WithSearchMaxIdle(n int) SearchOption {
	return func(t *http.Transport) { t.MaxIdleConns, t.MaxIdleConnsPerHost = n, n }
}

// defaultSearchOptions run before the caller's options.
var defaultSearchOptions = []SearchOption{
	WithSearchIdleTimeout(90 * time.Second),
	WithSearchMaxIdle(64),
}

// SearchClient queries the search cluster.
type SearchClient struct {
	hc       *http.Client
	endpoint string
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool transport literal without IdleConnTimeout, but NewSearchClient applies defaultSearchOptions (IdleConnTimeout 90 s) to it before the caller's options; the client is kept for the process
func NewSearchClient(endpoint string, opts ...SearchOption) *SearchClient {
	tr := &http.Transport{ // NAIVE: unboundedpool
		Proxy:               http.ProxyFromEnvironment,
		TLSHandshakeTimeout: 10 * time.Second,
	}
	for _, o := range defaultSearchOptions {
		o(tr)
	}
	for _, o := range opts {
		o(tr)
	}
	return &SearchClient{hc: &http.Client{Transport: tr, Timeout: 15 * time.Second}, endpoint: endpoint}
}

var search = NewSearchClient("https://search.internal:9200", WithSearchMaxIdle(128))

// ===========================================================================
// Queue SDK: defaults completed at init from the environment.

type queueOptions struct {
	endpoint        string
	maxIdlePerHost  int
	idleConnTimeout time.Duration
	timeout         time.Duration
}

var defaultQueueOptions = queueOptions{
	endpoint:       "https://queue.example.com",
	maxIdlePerHost: 8,
	timeout:        20 * time.Second,
}

func init() {
	defaultQueueOptions.idleConnTimeout = sdkutil.EnvDuration("QUEUE_IDLE_CONN_TIMEOUT", 90*time.Second)
}

// QueueOption configures a QueueClient.
type QueueOption func(*queueOptions)

func WithQueueEndpoint(u string) QueueOption { return func(o *queueOptions) { o.endpoint = u } }

// QueueClient publishes to the message queue.
type QueueClient struct {
	hc *http.Client
	o  queueOptions
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool IdleConnTimeout comes from options whose literal default omits it, but init sets defaultQueueOptions.idleConnTimeout (90 s unless the environment gives a positive value) and no option can zero it
func NewQueueClient(opts ...QueueOption) *QueueClient {
	o := defaultQueueOptions
	for _, fn := range opts {
		fn(&o)
	}
	tr := &http.Transport{ // NAIVE: unboundedpool
		MaxIdleConnsPerHost: o.maxIdlePerHost,
		IdleConnTimeout:     o.idleConnTimeout,
		TLSHandshakeTimeout: 10 * time.Second,
	}
	return &QueueClient{hc: &http.Client{Transport: tr, Timeout: o.timeout}, o: o}
}

var queue = NewQueueClient(WithQueueEndpoint(os.Getenv("QUEUE_URL")))

// ===========================================================================
// Reports SDK: configuration in exported fields, defaults filled in later.

// ReportsConfig is filled in by the caller; zero fields get defaults.
type ReportsConfig struct {
	Endpoint            string
	Timeout             time.Duration
	MaxIdleConnsPerHost int
	IdleConnTimeout     time.Duration
	Format              string // "json" (default) or "xml"
}

func (c *ReportsConfig) setDefaults() {
	if c.Endpoint == "" {
		c.Endpoint = "https://reports.example.com/api"
	}
	if c.Timeout == 0 {
		c.Timeout = time.Minute
	}
	if c.MaxIdleConnsPerHost == 0 {
		c.MaxIdleConnsPerHost = 8
	}
	if c.Format == "" {
		c.Format = "json"
	}
}

// ReportsClient downloads generated reports.
type ReportsClient struct {
	hc    *http.Client
	cfg   ReportsConfig
	codec Codec
}

// ---------------------------------------------------------------------------
// SHAPE: exported config struct: setDefaults fills Timeout, MaxIdleConnsPerHost and Format but not IdleConnTimeout, and the service builds the client with a config that leaves it zero
func NewReportsClient(cfg ReportsConfig) *ReportsClient {
	cfg.setDefaults()
	return &ReportsClient{
		hc: &http.Client{
			Timeout: cfg.Timeout,
			Transport: &http.Transport{ // BUG: unboundedpool
				Proxy:               http.ProxyFromEnvironment,
				MaxIdleConnsPerHost: cfg.MaxIdleConnsPerHost,
				IdleConnTimeout:     cfg.IdleConnTimeout,
			},
		},
		cfg:   cfg,
		codec: codecFor(cfg.Format),
	}
}

var reports = NewReportsClient(ReportsConfig{Endpoint: os.Getenv("REPORTS_URL"), Timeout: 2 * time.Minute})

// ===========================================================================
// Storage SDK: exported config, transport hardened by sdkutil.

// StorageConfig is filled in by the caller.
type StorageConfig struct {
	Endpoint        string
	MaxConnsPerHost int
	IdleConnTimeout time.Duration // zero: sdkutil.Harden's default
}

// StorageClient stores objects.
type StorageClient struct {
	hc  *http.Client
	cfg StorageConfig
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool IdleConnTimeout is the caller's (zero here), but the transport goes through sdkutil.Harden (other package), which sets 90 s when it is zero
func NewStorageClient(cfg StorageConfig) *StorageClient {
	tr := &http.Transport{ // NAIVE: unboundedpool
		Proxy:           http.ProxyFromEnvironment,
		MaxConnsPerHost: cfg.MaxConnsPerHost,
		IdleConnTimeout: cfg.IdleConnTimeout,
	}
	sdkutil.Harden(tr)
	return &StorageClient{hc: &http.Client{Transport: tr, Timeout: 5 * time.Minute}, cfg: cfg}
}

var storage = NewStorageClient(StorageConfig{Endpoint: os.Getenv("STORAGE_URL"), MaxConnsPerHost: 64})
