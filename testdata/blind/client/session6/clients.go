package session6

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"sync"
	"time"

	"blind/client/session6/sdkutil"
)

// ===========================================================================
// Ledger SDK: the client owns its transport and a token refresher.

// Credentials are a client id and secret for the ledger's token endpoint.
type Credentials struct{ ID, Secret string }

// LedgerClient posts entries to the ledger.
type LedgerClient struct {
	hc    *http.Client
	base  string
	mu    sync.Mutex
	token string
	stop  chan struct{}
}

// ---------------------------------------------------------------------------
// SHAPE: client type owns a new Transport; its Close only stops the token refresher, and checkoutHandler builds one per request (defer Close): one pool per request, never released
func NewLedgerClient(base string, creds Credentials) *LedgerClient {
	tr := &http.Transport{ // BUG: unboundedpool
		Proxy:               http.ProxyFromEnvironment,
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second,
	}
	c := &LedgerClient{hc: &http.Client{Transport: tr, Timeout: 20 * time.Second}, base: base, stop: make(chan struct{})}
	go c.refresh(creds)
	return c
}

func (c *LedgerClient) refresh(creds Credentials) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		c.mu.Lock()
		c.token = creds.ID + ":" + creds.Secret // exchanged elsewhere in the real SDK
		c.mu.Unlock()
		select {
		case <-c.stop:
			return
		case <-t.C:
		}
	}
}

// Close stops the background token refresher.
func (c *LedgerClient) Close() error {
	close(c.stop)
	return nil
}

// Post records one ledger entry.
func (c *LedgerClient) Post(ctx context.Context, entry any) error {
	b, err := json.Marshal(entry)
	if err != nil {
		return err
	}
	req, err := sdkutil.NewRequest(ctx, http.MethodPost, c.base+"/entries", "ledger-go/0.9", bytes.NewReader(b))
	if err != nil {
		return err
	}
	c.mu.Lock()
	req.Header.Set("Authorization", "Bearer "+c.token)
	c.mu.Unlock()
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return sdkutil.ErrorFrom(resp)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

type checkoutHandler struct {
	ledgerURL string
	creds     Credentials
}

func (h *checkoutHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	lc := NewLedgerClient(h.ledgerURL, h.creds)
	defer lc.Close()
	if err := lc.Post(r.Context(), map[string]any{"order": r.URL.Query().Get("order")}); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// ===========================================================================
// Inventory SDK: the client owns its transport and Close releases it.

// InventoryClient reads stock levels.
type InventoryClient struct {
	hc   *http.Client
	base string
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool client type owns a new Transport and syncWarehouse builds one per job, but InventoryClient.Close calls CloseIdleConnections and the job defers it
func NewInventoryClient(base string, tlsCfg *tls.Config) *InventoryClient {
	tr := &http.Transport{ // NAIVE: unboundedpool
		TLSClientConfig:     tlsCfg,
		MaxIdleConnsPerHost: 8,
		IdleConnTimeout:     30 * time.Second,
	}
	return &InventoryClient{hc: &http.Client{Transport: tr, Timeout: 30 * time.Second}, base: base}
}

// Close releases the client's idle connections.
func (c *InventoryClient) Close() { c.hc.CloseIdleConnections() }

// Stock returns the stock level of one SKU.
func (c *InventoryClient) Stock(ctx context.Context, sku string) (int, error) {
	req, err := sdkutil.NewRequest(ctx, http.MethodGet, c.base+"/stock/"+sku, "inventory-go/2.0", nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, sdkutil.ErrorFrom(resp)
	}
	var s struct{ Level int }
	err = sdkutil.DecodeJSON(resp.Body, &s)
	return s.Level, err
}

// Warehouse is one warehouse with its own mTLS identity.
type Warehouse struct {
	URL  string
	TLS  *tls.Config
	SKUs []string
}

func syncWarehouse(ctx context.Context, wh Warehouse) error {
	c := NewInventoryClient(wh.URL, wh.TLS)
	defer c.Close()
	for _, sku := range wh.SKUs {
		n, err := c.Stock(ctx, sku)
		if err != nil {
			return err
		}
		log.Printf("%s %s: %d", wh.URL, sku, n)
	}
	return nil
}

// ===========================================================================
// Multi-tenant gateway client: per-tenant client certificates.

// Tenant is one customer with its client certificate.
type Tenant struct {
	Name string
	Cert tls.Certificate
}

// GatewayClient calls the partner gateway on behalf of tenants.
type GatewayClient struct {
	base    string
	timeout time.Duration
}

// ---------------------------------------------------------------------------
// SHAPE: doAs clones DefaultTransport for every call to set the tenant's certificate and drops it after the request; FetchBalance calls it per API call
func (g *GatewayClient) doAs(ctx context.Context, t Tenant, method, path string) (*http.Response, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone() // BUG: unboundedpool
	tr.TLSClientConfig = &tls.Config{Certificates: []tls.Certificate{t.Cert}, MinVersion: tls.VersionTLS12}
	hc := &http.Client{Transport: tr, Timeout: g.timeout}
	req, err := sdkutil.NewRequest(ctx, method, g.base+path, "gateway-go/1.1", nil)
	if err != nil {
		return nil, err
	}
	return hc.Do(req)
}

// FetchBalance returns the tenant's balance in cents.
func (g *GatewayClient) FetchBalance(ctx context.Context, t Tenant) (int64, error) {
	resp, err := g.doAs(ctx, t, http.MethodGet, "/balance")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, sdkutil.ErrorFrom(resp)
	}
	var b struct{ Cents int64 }
	err = sdkutil.DecodeJSON(resp.Body, &b)
	return b.Cents, err
}

// ===========================================================================
// Webhook sender SDK: functional options, no Close.

type webhookOptions struct {
	timeout     time.Duration
	idleTimeout time.Duration
	secret      string
}

var defaultWebhookOptions = webhookOptions{timeout: 10 * time.Second, idleTimeout: 90 * time.Second}

// WebhookOption configures a WebhookSender.
type WebhookOption func(*webhookOptions)

func WithWebhookSecret(s string) WebhookOption { return func(o *webhookOptions) { o.secret = s } }

// WebhookSender delivers signed webhook payloads.
type WebhookSender struct {
	hc *http.Client
	o  webhookOptions
}

// ---------------------------------------------------------------------------
// SHAPE: NewWebhookSender builds a new Transport from options (idle timeout set) and the type has no Close; DeliverAll builds a sender per event inside its loop and drops it
func NewWebhookSender(opts ...WebhookOption) *WebhookSender {
	o := defaultWebhookOptions
	for _, fn := range opts {
		fn(&o)
	}
	tr := &http.Transport{ // BUG: unboundedpool
		Proxy:               http.ProxyFromEnvironment,
		IdleConnTimeout:     o.idleTimeout,
		MaxIdleConnsPerHost: 2,
	}
	return &WebhookSender{hc: &http.Client{Transport: tr, Timeout: o.timeout}, o: o}
}

// Send posts one payload to url.
func (s *WebhookSender) Send(ctx context.Context, url string, payload []byte) error {
	req, err := sdkutil.NewRequest(ctx, http.MethodPost, url, "hooks/1.0", bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("X-Signature", s.o.secret)
	resp, err := s.hc.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook %s: %s", url, resp.Status)
	}
	return err
}

// Event is one outgoing webhook event.
type Event struct {
	ID      string          `json:"id"`
	Type    string          `json:"type"`
	URL     string          `json:"url"`
	Secret  string          `json:"-"`
	Payload json.RawMessage `json:"payload"`
	Time    time.Time       `json:"time"`
}

// DeliverAll sends every pending event with the endpoint's own secret.
func DeliverAll(ctx context.Context, events []Event) error {
	var errs []error
	for _, ev := range events {
		s := NewWebhookSender(WithWebhookSecret(ev.Secret))
		if err := s.Send(ctx, ev.URL, ev.Payload); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ===========================================================================
// Instance metadata credentials: one-shot client per refresh.

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool a new Transport per token refresh, but with DisableKeepAlives: every connection is closed after its response, nothing stays idle
func metadataToken(ctx context.Context, endpoint string) (string, error) {
	hc := &http.Client{
		Transport: &http.Transport{ // NAIVE: unboundedpool
			Proxy:             nil, // the metadata service is link-local
			DisableKeepAlives: true,
		},
		Timeout: 2 * time.Second,
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, endpoint+"/latest/api/token", nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("X-Token-TTL-Seconds", "21600")
	resp, err := hc.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("metadata token: %s", resp.Status)
	}
	return string(b), nil
}
