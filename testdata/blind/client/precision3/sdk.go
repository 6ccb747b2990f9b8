// Package precision3 is a small SDK for a hosted container registry, plus the
// health checking, webhook, upload and metrics plumbing that ships with it.
package precision3

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"blind/client/precision3/internal/drain"
)

// ErrTimeout is returned when the registry does not answer in time.
var ErrTimeout = errors.New("registry: request timed out")

// Doer sends HTTP requests; *http.Client satisfies it.
type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

// Option configures a Client.
type Option func(*Client)

// WithDoer replaces the HTTP client used for every request.
func WithDoer(d Doer) Option { return func(c *Client) { c.doer = d } }

// WithBaseURL points the client at another registry.
func WithBaseURL(u string) Option {
	return func(c *Client) { c.base = strings.TrimRight(u, "/") }
}

// WithToken sets the bearer token sent with every request.
func WithToken(tok string) Option { return func(c *Client) { c.token = tok } }

// WithHeadProbes makes existence checks use HEAD instead of GET (some
// registry mirrors answer HEAD incorrectly, so it is off by default).
func WithHeadProbes(on bool) Option { return func(c *Client) { c.headProbes = on } }

var registryTransport = &http.Transport{
	Proxy:               http.ProxyFromEnvironment,
	DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
	MaxIdleConns:        64,
	MaxIdleConnsPerHost: 16,
	IdleConnTimeout:     90 * time.Second,
	TLSHandshakeTimeout: 10 * time.Second,
}

// Client talks to the registry API.
type Client struct {
	base       string
	token      string
	doer       Doer
	headProbes bool
}

// New returns a Client for the public registry.
func New(opts ...Option) *Client {
	c := &Client{
		base: "https://registry.example.com/v2",
		doer: &http.Client{Transport: registryTransport, Timeout: 30 * time.Second},
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

// newRequest builds an authenticated request against the API.
func (c *Client) newRequest(ctx context.Context, method, path string, body io.Reader) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return nil, err
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	req.Header.Set("User-Agent", "registry-go/1.4")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// headRequest builds a HEAD request for path.
func (c *Client) headRequest(ctx context.Context, path string) (*http.Request, error) {
	return c.newRequest(ctx, http.MethodHead, path, nil)
}

// Response is an API response. Callers must Close it.
type Response struct {
	*http.Response
	RequestID string
}

// Close drains and closes the body so the connection can be reused.
func (r *Response) Close() error { return drain.Close(r.Response) }

// APIError is returned for responses outside the 2xx range.
type APIError struct {
	Status    int    `json:"-"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"-"`
}

func (e *APIError) Error() string {
	if e.Code == "" {
		return fmt.Sprintf("registry: HTTP %d (request %s)", e.Status, e.RequestID)
	}
	return fmt.Sprintf("registry: %s: %s (HTTP %d, request %s)", e.Code, e.Message, e.Status, e.RequestID)
}

// decodeError reads the registry's error document, then drains and closes
// the body.
func decodeError(resp *http.Response) error {
	defer drain.Close(resp)
	e := &APIError{Status: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id")}
	_ = json.NewDecoder(resp.Body).Decode(e)
	return e
}

// Manifest is an image manifest.
type Manifest struct {
	SchemaVersion int    `json:"schemaVersion"`
	MediaType     string `json:"mediaType"`
	Layers        []struct {
		Digest string `json:"digest"`
		Size   int64  `json:"size"`
	} `json:"layers"`
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain the response is wrapped in the package's own Response type and returned; the caller closes it
func (c *Client) send(req *http.Request) (*Response, error) {
	resp, err := c.doer.Do(req) // NAIVE: bodydrain
	if err != nil {
		return nil, err
	}
	return &Response{Response: resp, RequestID: resp.Header.Get("X-Request-Id")}, nil
}

// ---------------------------------------------------------------------------
// SHAPE: wrapper constructor rejects responses without a request id and drops the open body
func (c *Client) sendStrict(req *http.Request) (*Response, error) {
	resp, err := c.doer.Do(req)
	if err != nil {
		return nil, err
	}
	id := resp.Header.Get("X-Request-Id")
	if id == "" {
		return nil, errors.New("registry: response without X-Request-Id") // BUG: bodydrain
	}
	return &Response{Response: resp, RequestID: id}, nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain deferred Response.Close (the wrapper's own method) drains through drain.Close before closing
func (c *Client) GetManifest(ctx context.Context, repo, ref string) (*Manifest, error) {
	req, err := c.newRequest(ctx, http.MethodGet, "/"+repo+"/manifests/"+ref, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/vnd.oci.image.manifest.v1+json")
	resp, err := c.send(req)
	if err != nil {
		return nil, err
	}
	defer resp.Close() // NAIVE: bodydrain
	if resp.StatusCode != http.StatusOK {
		return nil, &APIError{Status: resp.StatusCode, RequestID: resp.RequestID}
	}
	var m Manifest
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		return nil, err
	}
	return &m, nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain HEAD built by the package's own newRequest; a HEAD response has no body to read
func (c *Client) BlobExists(ctx context.Context, repo, digest string) (bool, error) {
	req, err := c.newRequest(ctx, http.MethodHead, "/"+repo+"/blobs/"+digest, nil)
	if err != nil {
		return false, err
	}
	resp, err := c.doer.Do(req)
	if err != nil {
		return false, err
	}
	resp.Body.Close() // NAIVE: bodydrain
	switch resp.StatusCode {
	case http.StatusOK:
		return true, nil
	case http.StatusNotFound:
		return false, nil
	}
	return false, &APIError{Status: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id")}
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain HEAD through headRequest (a wrapper over newRequest); the deferred Close has nothing to read
func (c *Client) BlobSize(ctx context.Context, repo, digest string) (int64, error) {
	req, err := c.headRequest(ctx, "/"+repo+"/blobs/"+digest)
	if err != nil {
		return 0, err
	}
	resp, err := c.doer.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close() // NAIVE: bodydrain
	if resp.StatusCode != http.StatusOK {
		return 0, &APIError{Status: resp.StatusCode}
	}
	return strconv.ParseInt(resp.Header.Get("Content-Length"), 10, 64)
}

// ---------------------------------------------------------------------------
// SHAPE: tag existence check uses GET (not HEAD) through newRequest and closes the manifest body unread
func (c *Client) TagExists(ctx context.Context, repo, tag string) (bool, error) {
	req, err := c.newRequest(ctx, http.MethodGet, "/"+repo+"/manifests/"+tag, nil)
	if err != nil {
		return false, err
	}
	resp, err := c.doer.Do(req)
	if err != nil {
		return false, err
	}
	resp.Body.Close() // BUG: bodydrain
	return resp.StatusCode == http.StatusOK, nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain method is HEAD exactly when c.headProbes is set, and only the branch reading that flag closes unread
func (c *Client) RepoExists(ctx context.Context, repo string) (bool, error) {
	method := http.MethodGet
	if c.headProbes {
		method = http.MethodHead
	}
	req, err := c.newRequest(ctx, method, "/"+repo+"/tags/list", nil)
	if err != nil {
		return false, err
	}
	resp, err := c.doer.Do(req)
	if err != nil {
		return false, err
	}
	if c.headProbes {
		resp.Body.Close() // NAIVE: bodydrain
	} else {
		drain.Close(resp)
	}
	return resp.StatusCode == http.StatusOK, nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain isTimeout(err) is false for a nil error, so its early return never holds a response
func (c *Client) Catalog(ctx context.Context) ([]string, error) {
	req, err := c.newRequest(ctx, http.MethodGet, "/_catalog?n=1000", nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.doer.Do(req)
	if isTimeout(err) {
		return nil, fmt.Errorf("%w: %v", ErrTimeout, err) // NAIVE: bodydrain
	}
	if err != nil {
		return nil, err
	}
	var out struct {
		Repositories []string `json:"repositories"`
	}
	if err := drain.JSON(resp, &out); err != nil {
		return nil, err
	}
	return out.Repositories, nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain errors.Is cases on err come before the nil check; they only match failed requests (nil response)
func (c *Client) PutTag(ctx context.Context, repo, tag string, m *Manifest) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	req, err := c.newRequest(ctx, http.MethodPut, "/"+repo+"/manifests/"+tag, bytes.NewReader(b))
	if err != nil {
		return err
	}
	resp, err := c.doer.Do(req)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return ErrTimeout // NAIVE: bodydrain
	case errors.Is(err, context.Canceled):
		return err
	case err != nil:
		return fmt.Errorf("registry: put %s:%s: %w", repo, tag, err)
	}
	defer drain.Close(resp)
	if resp.StatusCode != http.StatusCreated {
		return &APIError{Status: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id")}
	}
	return nil
}

// IndexCache keeps the last catalog index and its ETag.
type IndexCache struct {
	mu   sync.Mutex
	etag string
	body []byte
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain 304 Not Modified carries no body; that branch closes without reading, the 200 path reads to EOF
func (c *Client) Index(ctx context.Context, cache *IndexCache) ([]byte, error) {
	req, err := c.newRequest(ctx, http.MethodGet, "/_index", nil)
	if err != nil {
		return nil, err
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	if cache.etag != "" {
		req.Header.Set("If-None-Match", cache.etag)
	}
	resp, err := c.doer.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotModified {
		resp.Body.Close() // NAIVE: bodydrain
		return cache.body, nil
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &APIError{Status: resp.StatusCode}
	}
	cache.etag, cache.body = resp.Header.Get("ETag"), b
	return b, nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain DELETE answered 204 No Content: nothing to read on that branch; every other status goes to decodeError
func (c *Client) DeleteManifest(ctx context.Context, repo, digest string) error {
	req, err := c.newRequest(ctx, http.MethodDelete, "/"+repo+"/manifests/"+digest, nil)
	if err != nil {
		return err
	}
	resp, err := c.doer.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusNoContent {
		return resp.Body.Close() // NAIVE: bodydrain
	}
	return decodeError(resp)
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain non-201 responses are handed to decodeError (same package), which reads the document and drains+closes
func (c *Client) CreateRepo(ctx context.Context, name string, public bool) error {
	b, _ := json.Marshal(map[string]any{"name": name, "public": public})
	req, err := c.newRequest(ctx, http.MethodPost, "/_repos", bytes.NewReader(b))
	if err != nil {
		return err
	}
	resp, err := c.doer.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusCreated {
		return decodeError(resp) // NAIVE: bodydrain
	}
	return drain.Close(resp)
}

// ---------------------------------------------------------------------------
// SHAPE: upload error branch closes the body before anything read it, then builds the APIError from the status alone
func (c *Client) PushBlob(ctx context.Context, repo string, data []byte) (string, error) {
	req, err := c.newRequest(ctx, http.MethodPost, "/"+repo+"/blobs/uploads/", bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := c.doer.Do(req)
	if err != nil {
		return "", err
	}
	if resp.StatusCode >= 400 {
		resp.Body.Close() // BUG: bodydrain
		return "", &APIError{Status: resp.StatusCode}
	}
	defer drain.Close(resp)
	return resp.Header.Get("Location"), nil
}

// ---------------------------------------------------------------------------
// SHAPE: only the 204 branch closes the body; any other status returns an error with the body still open
func (c *Client) DeleteTag(ctx context.Context, repo, tag string) error {
	req, err := c.newRequest(ctx, http.MethodDelete, "/"+repo+"/tags/"+tag, nil)
	if err != nil {
		return err
	}
	resp, err := c.doer.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("registry: delete %s:%s: %s", repo, tag, resp.Status) // BUG: bodydrain
	}
	return resp.Body.Close()
}

// isTimeout reports whether err is a network timeout. It is false for nil.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// RetryDoer retries idempotent requests on 5xx answers and timeouts.
type RetryDoer struct {
	Next     Doer
	Attempts int
	Backoff  time.Duration
}

func (r *RetryDoer) attempts() int {
	if r.Attempts < 1 {
		return 1
	}
	return r.Attempts
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain every discarded 5xx response is drained by drain.Close before the next attempt; the kept one goes to the caller
func (r *RetryDoer) Do(req *http.Request) (*http.Response, error) {
	for i := 0; ; i++ {
		resp, err := r.Next.Do(req) // NAIVE: bodydrain
		if err != nil && !isTimeout(err) {
			return nil, err
		}
		last := i+1 >= r.attempts()
		if err == nil && (resp.StatusCode < 500 || last) {
			return resp, nil
		}
		if last {
			return nil, err
		}
		drain.Close(resp)
		if req.GetBody != nil {
			body, gerr := req.GetBody()
			if gerr != nil {
				return nil, gerr
			}
			req.Body = body
		}
		select {
		case <-req.Context().Done():
			return nil, req.Context().Err()
		case <-time.After(r.Backoff << i):
		}
	}
}

// ---------------------------------------------------------------------------
// SHAPE: retry loop closes each 5xx body without draining it before trying again
func doWithRetry(d Doer, req *http.Request, attempts int) (*http.Response, error) {
	for i := 0; ; i++ {
		resp, err := d.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 500 || i >= attempts-1 {
			return resp, nil
		}
		resp.Body.Close() // BUG: bodydrain
		time.Sleep(time.Duration(i+1) * 250 * time.Millisecond)
	}
}
