// Package funcvalue holds responses obtained through function values that
// SDKs build at run time: a client's Do kept in a local, chosen between
// two clients, wrapped by middleware, called in a retry loop.
package funcvalue

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"
)

// Next sends one request; Middleware wraps a sender (the shape of
// openai-go's and stainless SDKs' option.Middleware).
type (
	Next       = func(*http.Request) (*http.Response, error)
	Middleware = func(*http.Request, Next) (*http.Response, error)
)

// HandlerFunc is a named sender type.
type HandlerFunc func(*http.Request) (*http.Response, error)

// Doer is what SDKs accept in place of an *http.Client.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

type Client struct {
	HTTP        *http.Client
	Proxied     *http.Client
	Custom      Doer
	Middlewares []Middleware
	MaxRetries  int
	send        Next            // set by the caller
	base        context.Context // the client's lifetime
}

var errStatus = errors.New("unexpected status")

func apply(mw Middleware, next Next) Next {
	return func(req *http.Request) (*http.Response, error) { return mw(req, next) }
}

func logging(next HandlerFunc) HandlerFunc {
	return func(req *http.Request) (*http.Response, error) { return next(req) }
}

func shouldRetry(res *http.Response) bool {
	return res == nil || res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500
}

// Flagged: a middleware chain around the client's Do, called in a retry
// loop that drops every response it retries.
func (c *Client) Execute(r *http.Request) error {
	handler := c.HTTP.Do
	if c.Custom != nil {
		handler = c.Custom.Do
	}
	for i := len(c.Middlewares) - 1; i >= 0; i-- {
		handler = apply(c.Middlewares[i], handler)
	}
	var res *http.Response
	var err error
	for retry := 0; retry <= c.MaxRetries; retry++ {
		res, err = handler(r.Clone(r.Context())) // want `response body of res is never closed before res is assigned again at line 66`
		if !shouldRetry(res) {
			break
		}
		time.Sleep(time.Second)
	}
	if err != nil {
		return err
	}
	defer res.Body.Close()
	_, err = io.Copy(io.Discard, res.Body)
	return err
}

// Flagged: the method value kept in a local; the body is never closed on
// the error-status path.
func (c *Client) status(req *http.Request) (int, error) {
	send := c.HTTP.Do
	resp, err := send(req)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, errStatus // want `response body of resp \(from send at line 84\) is never closed on the path that returns here`
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Flagged: the sender is chosen between two clients; either holds a
// connection, and the body is closed unread.
func (c *Client) ping(req *http.Request, viaProxy bool) error {
	do := c.HTTP.Do
	if viaProxy {
		do = c.Proxied.Do
	}
	resp, err := do(req)
	if err != nil {
		return err
	}
	resp.Body.Close() // want `response body of resp is closed before it was read to EOF`
	if resp.StatusCode >= 300 {
		return errStatus
	}
	return nil
}

// Flagged: a named sender type around a Doer interface's Do, wrapped by a
// logger; the 404 path leaves the body unclosed.
func (c *Client) exists(req *http.Request) (bool, error) {
	var h HandlerFunc = c.Custom.Do
	h = logging(h)
	resp, err := h(req)
	if err != nil {
		return false, err
	}
	if resp.StatusCode == http.StatusNotFound {
		return false, nil // want `response body of resp \(from h at line 119\) is never closed on the path that returns here`
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return true, err
}

// Flagged: a transport's RoundTrip kept in a local, its response
// discarded.
func fire(rt http.RoundTripper, req *http.Request) error {
	roundTrip := rt.RoundTrip
	_, err := roundTrip(req) // want `the response of roundTrip is discarded`
	return err
}

// Flagged: a chain built by middleware constructors (mw(next)) around a
// function literal that sends with the client; the request's context is
// checked only for not being done.
func (c *Client) retryChain(ctx context.Context, r *http.Request, mws []func(Next) Next) error {
	h := func(req *http.Request) (*http.Response, error) { return c.HTTP.Do(req) }
	for _, mw := range mws {
		h = mw(h)
	}
	req := r.WithContext(ctx)
	resp, err := h(req)
	if err != nil {
		return err
	}
	if ctx.Err() == nil && resp.StatusCode == http.StatusServiceUnavailable {
		return errStatus // want `response body of resp \(from h at line 148\) is never closed on the path that returns here`
	}
	resp.Body.Close() // want `response body of resp is closed before it was read to EOF`
	return nil
}

// Flagged: the context variable holds another context when it is
// checked; its being done says nothing about the request.
func (c *Client) rebound(r *http.Request) error {
	ctx := r.Context()
	req := r.WithContext(ctx)
	send := c.HTTP.Do
	resp, err := send(req)
	if err != nil {
		return err
	}
	ctx = c.base
	if ctx.Err() != nil {
		return ctx.Err() // want `response body of resp \(from send at line 165\) is never closed on the path that returns here`
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// Silent: the fixed retry loop drains and closes each response it
// retries; a path where the request's context is done holds no
// connection (the Transport closes it).
func (c *Client) ExecuteFixed(r *http.Request) error {
	handler := c.HTTP.Do
	for i := len(c.Middlewares) - 1; i >= 0; i-- {
		handler = apply(c.Middlewares[i], handler)
	}
	var res *http.Response
	var err error
	for retry := 0; retry <= c.MaxRetries; retry++ {
		ctx := r.Context()
		req := r.Clone(ctx)
		res, err = handler(req)
		if ctx != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		if !shouldRetry(res) || retry >= c.MaxRetries {
			break
		}
		if res != nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
	}
	if err != nil {
		return err
	}
	defer res.Body.Close()
	_, err = io.Copy(io.Discard, res.Body)
	return err
}

// Silent: the sender is the caller's; what it returns is not known.
func sendWith(send Next, req *http.Request) int {
	resp, err := send(req)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// Silent: a field the caller set.
func (c *Client) viaField(req *http.Request) int {
	resp, err := c.send(req)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// Silent: the local takes the caller's sender on one path.
func (c *Client) override(req *http.Request, custom Next) int {
	send := c.HTTP.Do
	if custom != nil {
		send = custom
	}
	resp, err := send(req)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// Silent: a wrapper of the caller's sender (next is a parameter).
func wrapped(next Next, mw Middleware, req *http.Request) int {
	h := apply(mw, next)
	resp, err := h(req)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// Silent: the sender comes from a constructor that wraps no sender; what
// it returns is not known.
func built(makeHandler func() Next, req *http.Request) int {
	h := makeHandler()
	resp, err := h(req)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// Silent: the sender's address is handed on; it may be replaced.
func (c *Client) configured(req *http.Request, configure func(*Next)) int {
	h := c.HTTP.Do
	configure(&h)
	resp, err := h(req)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// Silent: the function literal buffers the body and closes it before
// returning the response.
func (c *Client) buffered(req *http.Request) int {
	h := func(req *http.Request) (*http.Response, error) {
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return nil, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp, nil
	}
	resp, err := h(req)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// Silent: a HEAD request has no body.
func (c *Client) head(ctx context.Context, url string) (int, error) {
	send := c.HTTP.Do
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := send(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Silent: the response is returned to the caller.
func (c *Client) Do(req *http.Request) (*http.Response, error) {
	h := c.HTTP.Do
	for _, mw := range c.Middlewares {
		h = apply(mw, h)
	}
	return h(req)
}

// Silent: the path that returns is the one where the request's context
// is done; the connection is closed by the Transport.
func (c *Client) timed(parent context.Context, r *http.Request) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer func() {
		if cancel != nil {
			cancel()
		}
	}()
	req := r.WithContext(ctx)
	do := c.HTTP.Do
	resp, err := do(req)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
