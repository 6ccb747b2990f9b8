// Package session4 is the Go SDK of a hosted analytics service (events,
// queries, exports): the API client, its response hooks and callbacks, and
// the streaming results it hands to callers.
package session4

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const defaultBaseURL = "https://api.analytics.example.com/v2"

// Client talks to the analytics API.
type Client struct {
	hc      *http.Client
	baseURL string
	apiKey  string

	// onResponse, when set, is called with every response before the SDK
	// looks at it. It is meant for metrics and logging: it may read the
	// status and headers but must leave the body alone.
	onResponse func(*http.Response)
	logf       func(format string, args ...any)
	retries    int
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient replaces the underlying HTTP client.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithBaseURL points the client at another region.
func WithBaseURL(u string) Option {
	return func(c *Client) { c.baseURL = strings.TrimRight(u, "/") }
}

// WithResponseHook registers a hook that sees every response (metrics, logs).
func WithResponseHook(fn func(*http.Response)) Option {
	return func(c *Client) { c.onResponse = fn }
}

// WithLogger sets a printf-style debug logger.
func WithLogger(logf func(string, ...any)) Option { return func(c *Client) { c.logf = logf } }

// WithRetries sets how often idempotent calls are retried on 5xx.
func WithRetries(n int) Option { return func(c *Client) { c.retries = n } }

// NewClient returns a client authenticated with apiKey.
func NewClient(apiKey string, opts ...Option) *Client {
	c := &Client{
		hc:      &http.Client{Timeout: 30 * time.Second},
		baseURL: defaultBaseURL,
		apiKey:  apiKey,
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

func (c *Client) debugf(format string, args ...any) {
	if c.logf != nil {
		c.logf(format, args...)
	}
}

// NewRequest builds an authenticated API request; body, when not nil, is
// sent as JSON.
func (c *Client) NewRequest(ctx context.Context, method, path string, body any) (*http.Request, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// Rate is the rate-limit state reported with every response.
type Rate struct {
	Limit     int
	Remaining int
	Reset     time.Time
}

// Response wraps the HTTP response with the API's paging and rate headers.
// Its Body has already been consumed and closed by the time callers see it.
type Response struct {
	*http.Response
	RequestID  string
	NextCursor string
	Rate       Rate
}

func newResponse(r *http.Response) *Response {
	resp := &Response{
		Response:   r,
		RequestID:  r.Header.Get("X-Request-Id"),
		NextCursor: r.Header.Get("X-Next-Cursor"),
	}
	resp.Rate.Limit, _ = strconv.Atoi(r.Header.Get("X-RateLimit-Limit"))
	resp.Rate.Remaining, _ = strconv.Atoi(r.Header.Get("X-RateLimit-Remaining"))
	if s, err := strconv.ParseInt(r.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
		resp.Rate.Reset = time.Unix(s, 0)
	}
	return resp
}

// ErrorResponse is the API's error document.
type ErrorResponse struct {
	Response *http.Response `json:"-"`
	Code     string         `json:"code"`
	Message  string         `json:"message"`
}

func (e *ErrorResponse) Error() string {
	return fmt.Sprintf("analytics: %s %s: %d %s: %s",
		e.Response.Request.Method, e.Response.Request.URL.Path, e.Response.StatusCode, e.Code, e.Message)
}

// ErrNotFound is returned for 404 answers.
var ErrNotFound = errors.New("analytics: not found")

// CheckResponse returns nil for 2xx responses. For anything else it reads
// the whole body (it does not close it) and returns it as an *ErrorResponse.
func CheckResponse(r *http.Response) error {
	if c := r.StatusCode; 200 <= c && c <= 299 {
		return nil
	}
	e := &ErrorResponse{Response: r}
	data, err := io.ReadAll(r.Body)
	if err == nil && len(data) > 0 {
		_ = json.Unmarshal(data, e)
	}
	return e
}

// ---------------------------------------------------------------------------
// SHAPE: API client Do wraps *http.Response in its own Response and defers Close; the v == nil path returns without reading the body, so the deferred Close throws the connection away
func (c *Client) Do(ctx context.Context, req *http.Request, v any) (*Response, error) {
	resp, err := c.hc.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()

	response := newResponse(resp)
	if err := CheckResponse(resp); err != nil {
		return response, err
	}
	if v == nil {
		return response, nil // BUG: bodydrain
	}
	if w, ok := v.(io.Writer); ok {
		_, err = io.Copy(w, resp.Body)
		return response, err
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return response, err
	}
	return response, json.Unmarshal(data, v)
}

// ---------------------------------------------------------------------------
// SHAPE: Do variant with a deferred closure that only closes (and logs the close error); success decodes a single JSON value and stops before EOF, v == nil reads nothing
func (c *Client) DoJSON(ctx context.Context, req *http.Request, v any) (*Response, error) {
	resp, err := c.hc.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := resp.Body.Close(); cerr != nil { // BUG: bodydrain
			c.debugf("analytics: closing body: %v", cerr)
		}
	}()

	response := newResponse(resp)
	if err := CheckResponse(resp); err != nil {
		return response, err
	}
	if v != nil {
		if decErr := json.NewDecoder(resp.Body).Decode(v); decErr != nil && decErr != io.EOF {
			return response, decErr
		}
	}
	return response, nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain deferred closure copies the rest of the body to io.Discard before closing, so the v == nil return and the single Decode both leave a reusable connection; the wrapper returned carries the finished response
func (c *Client) DoDrained(ctx context.Context, req *http.Request, v any) (*Response, error) {
	resp, err := c.hc.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()

	response := newResponse(resp)
	if err := CheckResponse(resp); err != nil {
		return response, err
	}
	if v == nil {
		return response, nil // NAIVE: bodydrain
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil && err != io.EOF {
		return response, err
	}
	return response, nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain every path reads the body with io.ReadAll before the deferred Close; the returned Response wraps a finished body
func (c *Client) DoBytes(ctx context.Context, req *http.Request) (*Response, []byte, error) {
	resp, err := c.hc.Do(req.WithContext(ctx))
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close() // NAIVE: bodydrain
	data, err := io.ReadAll(resp.Body)
	response := newResponse(resp)
	if err != nil {
		return response, nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		return response, nil, ErrNotFound
	}
	if resp.StatusCode >= 300 {
		e := &ErrorResponse{Response: resp}
		_ = json.Unmarshal(data, e)
		return response, nil, e
	}
	return response, data, nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain Do in the godo style: nil target drains, the io.Writer target copies to EOF, the JSON target is decoded and then the remainder is discarded
func (c *Client) DoWithRetry(ctx context.Context, req *http.Request, v any) (*Response, error) {
	var (
		resp *http.Response
		err  error
	)
	for attempt := 0; ; attempt++ {
		resp, err = c.hc.Do(req.WithContext(ctx))
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 500 || attempt >= c.retries || req.Method != http.MethodGet {
			break
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		c.debugf("analytics: %s %s: %s, retrying", req.Method, req.URL.Path, resp.Status)
		time.Sleep(time.Duration(attempt+1) * 200 * time.Millisecond)
	}
	defer resp.Body.Close() // NAIVE: bodydrain

	response := newResponse(resp)
	if err := CheckResponse(resp); err != nil {
		return response, err
	}
	switch v := v.(type) {
	case nil:
		_, err = io.Copy(io.Discard, resp.Body)
	case io.Writer:
		_, err = io.Copy(v, resp.Body)
	default:
		if err = json.NewDecoder(resp.Body).Decode(v); err == io.EOF {
			err = nil
		}
		_, _ = io.Copy(io.Discard, resp.Body)
	}
	return response, err
}
