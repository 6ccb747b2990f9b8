// Package consumers: bodies handed to consumers out of sight (callbacks,
// interface methods, function fields) whose error the caller checks.
package consumers

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

type DataCallback func(path string, r io.Reader) error

// The shape boxo fixed upstream: a CAR stream handed to the caller's
// callback, closed unread when the callback fails part way.
func Fetch(c *http.Client, url string, cb DataCallback) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	err = cb(url, resp.Body)
	if err != nil {
		resp.Body.Close() // want `response body of resp is closed before it was read to EOF after cb \(line 21\) failed part way`
		return err
	}
	return resp.Body.Close()
}

type Decoder interface {
	Decode(r io.Reader, v any) error
}

type API struct {
	c     *http.Client
	codec Decoder
	parse func(io.Reader) ([]string, error)
}

// An interface method that fails: the deferred Close runs on the unread rest.
func (a *API) Item(url string, v any) error {
	resp, err := a.c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `response body of resp is closed before it was read to EOF on the path that returns at line 47 after a.codec.Decode \(line 46\) failed part way`
	if err := a.codec.Decode(resp.Body, v); err != nil {
		return err
	}
	return nil
}

// A function field that fails.
func (a *API) Lines(url string) ([]string, error) {
	resp, err := a.c.Get(url)
	if err != nil {
		return nil, err
	}
	lines, err := a.parse(resp.Body)
	if err != nil {
		resp.Body.Close() // want `closed before it was read to EOF after a.parse \(line 58\) failed part way`
		return nil, err
	}
	resp.Body.Close()
	return lines, nil
}

// Silent: the failure side drains before it closes.
func FetchDrained(c *http.Client, url string, cb DataCallback) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	if err := cb(url, resp.Body); err != nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return err
	}
	return resp.Body.Close()
}

// Silent: a deferred drain runs before the deferred Close on every path.
func (a *API) ItemDrained(url string, v any) error {
	resp, err := a.c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	defer io.Copy(io.Discard, resp.Body)
	return a.codec.Decode(resp.Body, v)
}

// Silent: the consumer's error goes to the caller with the body closed by
// the caller's own defer; what the consumer read on success is unknown.
func FetchReturned(c *http.Client, url string, cb DataCallback) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return cb(url, resp.Body)
}

// Silent: only the success side closes, and what the consumer read there
// is unknown; the failure side hands the body on to the error.
type bodyError struct{ body io.ReadCloser }

func (e *bodyError) Error() string { return "failed" }

func FetchKeep(c *http.Client, url string, cb DataCallback) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	if err := cb(url, resp.Body); err != nil {
		return &bodyError{body: resp.Body}
	}
	return resp.Body.Close()
}

// Silent: a helper of this package reads everything before it can fail,
// and its fact says so.
func readAll(r io.Reader, v any) error { // want readAll:`helper\(drains=\[0\] closes=\[\]\)`
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

func FetchAll(c *http.Client, url string, v any) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := readAll(resp.Body, v); err != nil {
		return err
	}
	return nil
}

// Silent: the error is matched, not checked for nil: which outcome the
// path took is unknown.
var errStop = errors.New("stop")

func FetchStop(c *http.Client, url string, cb DataCallback) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	err = cb(url, resp.Body)
	if errors.Is(err, errStop) {
		return nil
	}
	io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}
