package wrapped

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"wraplib"
)

// Response wraps the HTTP response with what the API adds.
type Response struct {
	*http.Response
	NextPage int
	Rate     int
}

type Client struct {
	http       *http.Client
	onResponse func(*http.Request, *http.Response)
	autoClose  bool
	Rate       int
	tracked    []*Response
}

func newResponse(r *http.Response) *Response { // want newResponse:`helper\(drains=\[\] closes=\[\] wraps=\[0\]\)`
	response := &Response{Response: r}
	response.populatePages()
	return response
}

func (r *Response) populatePages() {
	if r.Header.Get("Link") != "" {
		r.NextPage = 2
	}
}

// readBody reads the whole body through the wrapper.
func (r *Response) readBody() ([]byte, error) {
	return io.ReadAll(r.Body)
}

func wrapValue(r *http.Response) Response { // want wrapValue:`helper\(drains=\[\] closes=\[\] wraps=\[0\]\)`
	return Response{Response: r, Rate: 1}
}

var errStatus = errors.New("unexpected status")

// Flagged: the deferred close runs before the caller sees the wrapper, and
// the path with v == nil never reads the body.
func (c *Client) Do(ctx context.Context, req *http.Request, v any) (*Response, error) {
	resp, err := c.http.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	if c.onResponse != nil {
		c.onResponse(req, resp)
	}
	defer func() { // want `closed before it was read to EOF on the path that returns at line 70`
		if cerr := resp.Body.Close(); err == nil {
			err = cerr
		}
	}()
	response := newResponse(resp)
	c.Rate = response.Rate
	if v != nil {
		_, err = io.Copy(io.Discard, resp.Body)
	}
	return response, err
}

// Flagged: one JSON value decoded, the wrapper returned over a closed body.
func (c *Client) Get(ctx context.Context, url string, v any) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close() // want `closed on the path that returns at line 86 after a JSON decode`
	response := newResponse(resp)
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return response, err
	}
	return response, nil
}

// Flagged: the wrapper returned directly, by value, over a closed body.
func (c *Client) Status(ctx context.Context, url string) (Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Response{}, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF`
	return wrapValue(resp), nil
}

// Flagged: another package's wrapper, a deferred literal closing the body
// it is passed.
func (c *Client) Head(ctx context.Context, url string) (*wraplib.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer func(b io.ReadCloser) { _ = b.Close() }(resp.Body) // want `closed before it was read to EOF`
	r := wraplib.NewResponse(resp)
	if r.Remaining == "0" {
		return r, errStatus
	}
	return r, nil
}

// Silent: no deferred close; the caller gets the open body with the
// wrapper and owns it.
func (c *Client) Stream(ctx context.Context, url string) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	return newResponse(resp), nil
}

// Silent: the deferred literal drains before it closes.
func (c *Client) Delete(ctx context.Context, url string) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}()
	response := newResponse(resp)
	if resp.StatusCode >= 300 {
		return response, errStatus
	}
	return response, nil
}

// Silent: every path reads the body to EOF before the deferred close.
func (c *Client) Fetch(ctx context.Context, url string) (*Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	response := newResponse(resp)
	data, err := io.ReadAll(resp.Body)
	return response, data, err
}

// Silent: the wrapper's own method reads the body; it is not only looked
// at, so the wrapper is handed to code this check does not follow.
func (c *Client) Text(ctx context.Context, url string) (*Response, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, "", err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	response := newResponse(resp)
	b, err := response.readBody()
	return response, string(b), err
}

// Silent: the wrapper is kept by the client.
func (c *Client) Track(ctx context.Context, url string) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	response := newResponse(resp)
	c.tracked = append(c.tracked, response)
	return response, nil
}

// Silent: the deferred literal closes only when configured to; otherwise
// the caller owns the body it gets with the wrapper.
func (c *Client) Maybe(ctx context.Context, url string) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() {
		if c.autoClose {
			resp.Body.Close()
		}
	}()
	return newResponse(resp), nil
}

// Silent: a helper that keeps the response is no wrapper.
func (c *Client) Keep(ctx context.Context, url string) (*wraplib.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return wraplib.Keep(resp), nil
}
