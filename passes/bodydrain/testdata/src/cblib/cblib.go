// Package cblib is an API client that hands responses to callbacks, for
// package callbacks: some functions give the callback the response to own,
// others lend it and close it after the callback returns.
package cblib

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// ResponseHandler is called with a successful response.
type ResponseHandler func(resp *http.Response) error

// Client sends requests.
type Client struct {
	hc *http.Client
}

// Do sends req; an error status is read and closed here, any other
// response is handed to handle, which owns it.
func (c *Client) Do(req *http.Request, handle ResponseHandler) error { // want Do:`callback\(hands=\[1\]\)`
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 400 {
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	if handle != nil {
		return handle(resp)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// Post builds a request and passes the callback on to Do.
func (c *Client) Post(ctx context.Context, url string, body io.Reader, handle ResponseHandler) error { // want Post:`callback\(hands=\[3\]\)`
	return c.post(ctx, url, body, handle)
}

func (c *Client) post(ctx context.Context, url string, body io.Reader, handle ResponseHandler) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, body)
	if err != nil {
		return err
	}
	return c.Do(req, handle)
}

// Each calls fn with the response and its error, whatever they are.
func (c *Client) Each(req *http.Request, fn func(*http.Response, error)) { // want Each:`callback\(hands=\[1\]\)`
	resp, err := c.hc.Do(req)
	fn(resp, err)
}

// With lends the response to fn and closes it afterwards.
func (c *Client) With(req *http.Request, fn func(*http.Response) error) error {
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return fn(resp)
}

// Stream lends the response to fn, then drains and closes it.
func (c *Client) Stream(req *http.Request, fn func(*http.Response)) error {
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	fn(resp)
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// Inspect calls fn with a response the caller owns.
func Inspect(resp *http.Response, fn func(*http.Response)) {
	fn(resp)
}

// Wrapped replaces the callback before calling it: what the caller gave
// is not what gets the response.
func (c *Client) Wrapped(req *http.Request, fn func(*http.Response) error) error {
	if fn == nil {
		fn = func(r *http.Response) error { return r.Body.Close() }
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return fn(resp)
}

// Service sends requests; its one implementation here hands the response
// to the callback, so calls through the interface do too.
type Service interface {
	Send(req *http.Request, cb ResponseHandler) error // want Send:`callback\(hands=\[1\]\)`
	URL() string
}

type service struct {
	hc  *http.Client
	url string
}

// NewService returns the implementation.
func NewService(hc *http.Client, url string) Service { return &service{hc: hc, url: url} }

func (s *service) URL() string { return s.url }

func (s *service) Send(req *http.Request, cb ResponseHandler) error { // want Send:`callback\(hands=\[1\]\)`
	resp, err := s.hc.Do(req)
	if err != nil {
		return err
	}
	return cb(resp)
}

// logged embeds a Service and overrides URL only: its Send is the
// embedded one's, whichever that is, and does not disagree.
type logged struct {
	Service
}

func (l logged) URL() string { return "logged:" + l.Service.URL() }

// Fetcher has two implementations that disagree: one hands the response
// over, the other closes it after the callback.
type Fetcher interface {
	Fetch(url string, fn func(*http.Response) error) error
}

// Live hands the response over.
type Live struct{ HC *http.Client }

func (l Live) Fetch(url string, fn func(*http.Response) error) error { // want Fetch:`callback\(hands=\[1\]\)`
	resp, err := l.HC.Get(url)
	if err != nil {
		return err
	}
	return fn(resp)
}

// Cached lends it.
type Cached struct{ HC *http.Client }

func (c Cached) Fetch(url string, fn func(*http.Response) error) error {
	resp, err := c.HC.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return fn(resp)
}

// Hook has no implementation here: unknown.
type Hook interface {
	OnResponse(fn func(*http.Response))
}
