package precision3

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"blind/client/precision3/internal/drain"
)

// Event is a registry event delivered to subscribers.
type Event struct {
	ID     string    `json:"id"`
	Action string    `json:"action"`
	Repo   string    `json:"repository"`
	Tag    string    `json:"tag,omitempty"`
	At     time.Time `json:"timestamp"`
}

// Sender delivers signed webhooks.
type Sender struct {
	secret   []byte
	client   *http.Client
	auditURL string
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool transport cloned once from http.DefaultTransport (keeps its 90s IdleConnTimeout) and stored on the Sender
func NewSender(secret []byte, auditURL string) *Sender {
	tr := http.DefaultTransport.(*http.Transport).Clone() // NAIVE: unboundedpool
	tr.MaxIdleConnsPerHost = 8
	tr.ResponseHeaderTimeout = 10 * time.Second
	return &Sender{
		secret:   secret,
		client:   &http.Client{Transport: tr, Timeout: 20 * time.Second},
		auditURL: auditURL,
	}
}

func (s *Sender) sign(body []byte) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// ---------------------------------------------------------------------------
// SHAPE: webhook POST closes the receiver's reply right away and only looks at the status
func (s *Sender) Send(ctx context.Context, endpoint string, ev Event) error {
	body, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Hub-Signature-256", s.sign(body))
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close() // BUG: bodydrain
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook %s: %s", endpoint, resp.Status)
	}
	return nil
}

// ---------------------------------------------------------------------------
// SHAPE: fire-and-forget audit POST through http.Post (DefaultClient: no timeout, no context)
func (s *Sender) audit(ev Event) {
	go func() {
		body, _ := json.Marshal(ev)
		resp, err := http.Post(s.auditURL, "application/json", bytes.NewReader(body)) // BUG: dialtimeout
		if err != nil {
			log.Printf("audit %s: %v", ev.ID, err)
			return
		}
		drain.Close(resp)
	}()
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool a Client per call is cheap: it wraps the shared registryTransport, so the pool is reused
func (s *Sender) postWithTimeout(ctx context.Context, endpoint string, body []byte, d time.Duration) (int, error) {
	client := &http.Client{Transport: registryTransport, Timeout: d} // NAIVE: unboundedpool
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("X-Hub-Signature-256", s.sign(body))
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer drain.Close(resp)
	return resp.StatusCode, nil
}

// Notifier posts to one-off callback URLs supplied by customers. It never
// keeps connections open between callbacks.
type Notifier struct {
	client *http.Client
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool long-lived transport without IdleConnTimeout, but deliver (the only request path) sets req.Close on every request, so nothing idles
func NewNotifier() *Notifier {
	tr := &http.Transport{ // NAIVE: unboundedpool
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: 10 * time.Second,
	}
	return &Notifier{client: &http.Client{Transport: tr, Timeout: 15 * time.Second}}
}

func (n *Notifier) deliver(ctx context.Context, callbackURL string, ev Event) error {
	body, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, callbackURL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Close = true
	req.Header.Set("Content-Type", "application/json")
	resp, err := n.client.Do(req)
	if err != nil {
		return err
	}
	defer drain.Close(resp)
	if resp.StatusCode >= 300 {
		return fmt.Errorf("callback %s: %s", callbackURL, resp.Status)
	}
	return nil
}

// ---------------------------------------------------------------------------
// SHAPE: long-lived webhook transport keeps idle connections to every subscriber host forever (no IdleConnTimeout)
var hookTransport = &http.Transport{ // BUG: unboundedpool
	Proxy:               http.ProxyFromEnvironment,
	DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	MaxIdleConnsPerHost: 4,
	TLSHandshakeTimeout: 5 * time.Second,
}

var hookClient = &http.Client{Transport: hookTransport, Timeout: 10 * time.Second}

func fanOut(ctx context.Context, subscribers []string, payload []byte) []error {
	var errs []error
	for _, u := range subscribers {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(payload))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		resp, err := hookClient.Do(req)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		drain.Close(resp)
	}
	return errs
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout http.DefaultClient, but the request carries the caller's ctx (the scheduler gives every job a deadline)
func Ping(ctx context.Context, endpoint string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req) // NAIVE: dialtimeout
	if err != nil {
		return err
	}
	defer drain.Close(resp)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("ping %s: %s", endpoint, resp.Status)
	}
	return nil
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout client without Timeout, but the request context gets a 10s deadline right here
func fetchJWKS(issuer string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, issuer+"/.well-known/jwks.json", nil)
	if err != nil {
		return nil, err
	}
	client := &http.Client{Transport: registryTransport}
	resp, err := client.Do(req) // NAIVE: dialtimeout
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("jwks: %s", resp.Status)
	}
	return b, nil
}

// ---------------------------------------------------------------------------
// SHAPE: client literal without Timeout sends a request built without a context
func uploadReport(endpoint string, report []byte) error {
	req, err := http.NewRequest(http.MethodPut, endpoint, bytes.NewReader(report))
	if err != nil {
		return err
	}
	client := &http.Client{Transport: registryTransport} // BUG: dialtimeout
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return drain.Close(resp)
}

// uploadClient has no Timeout on purpose: layer uploads can run for minutes.
var uploadClient = &http.Client{Transport: registryTransport}

// Uploader pushes files as blobs.
type Uploader struct {
	c *Client
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout uploadClient has no Timeout (large files), but every upload runs under the caller's ctx
func (u *Uploader) Upload(ctx context.Context, repo, path string) (*Response, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	req, err := u.c.newRequest(ctx, http.MethodPut, "/"+repo+"/files/"+filepath.Base(path), f)
	if err != nil {
		return nil, err
	}
	req.ContentLength = st.Size()
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := uploadClient.Do(req) // NAIVE: dialtimeout
	if err != nil {
		return nil, err
	}
	return &Response{Response: resp, RequestID: resp.Header.Get("X-Request-Id")}, nil
}

// ---------------------------------------------------------------------------
// SHAPE: newProxyClient builds a fresh Transport, and uploadVia calls it for every upload
func newProxyClient(proxy *url.URL) *http.Client {
	return &http.Client{Transport: &http.Transport{ // BUG: unboundedpool
		Proxy:           http.ProxyURL(proxy),
		IdleConnTimeout: 60 * time.Second,
	}}
}

func uploadVia(ctx context.Context, proxy *url.URL, target string, data []byte) error {
	client := newProxyClient(proxy)
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, target, bytes.NewReader(data))
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return drain.Close(resp)
}

// ---------------------------------------------------------------------------
// SHAPE: mirror sync builds a new Transport inside the loop, one pool per file
func mirrorFiles(ctx context.Context, mirror string, files []string) error {
	for _, name := range files {
		tr := &http.Transport{MaxIdleConnsPerHost: 4, IdleConnTimeout: 30 * time.Second} // BUG: unboundedpool
		client := &http.Client{Transport: tr, Timeout: time.Minute}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPut, mirror+"/"+filepath.Base(name), bytes.NewReader(data))
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		drain.Close(resp)
	}
	return nil
}

// tenantTransports keeps one Transport per tenant egress proxy.
type tenantTransports struct {
	mu sync.Mutex
	m  map[string]*http.Transport
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool transport built once per tenant proxy and cached in the map; later calls reuse it
func (t *tenantTransports) get(proxy *url.URL) *http.Transport {
	t.mu.Lock()
	defer t.mu.Unlock()
	key := proxy.String()
	if tr, ok := t.m[key]; ok {
		return tr
	}
	if t.m == nil {
		t.m = make(map[string]*http.Transport)
	}
	tr := &http.Transport{ // NAIVE: unboundedpool
		Proxy:               http.ProxyURL(proxy),
		MaxIdleConnsPerHost: 8,
		IdleConnTimeout:     2 * time.Minute,
	}
	t.m[key] = tr
	return tr
}
