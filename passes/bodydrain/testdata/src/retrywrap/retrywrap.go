// Package retrywrap: wrappers that retry, closing the responses they
// retry and returning the last one as it came, still return a fresh
// response, which their callers own.
package retrywrap

import (
	"errors"
	"io"
	"net/http"
	"time"
)

type registry struct {
	client *http.Client
	base   string
}

// get is declared before the wrapper it calls.
func (r *registry) get(method, path string) (*http.Response, error) { // want get:`fresh`
	return r.retry(method, r.base+path)
}

// retry closes a 429 response before it tries again, and returns any
// other as it came.
func (r *registry) retry(method, url string) (*http.Response, error) { // want retry:`fresh`
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequest(method, url, nil)
		if err != nil {
			return nil, err
		}
		res, err := r.client.Do(req)
		if err != nil || res.StatusCode != http.StatusTooManyRequests || attempt == 3 {
			return res, err
		}
		res.Body.Close() // want `closed before it was read to EOF`
		time.Sleep(time.Second)
	}
}

// readAndReturn reads the body before it returns the response: its
// callers get a response that holds no connection.
func (r *registry) readAndReturn(url string) (*http.Response, error) {
	res, err := r.client.Get(url)
	if err != nil {
		return nil, err
	}
	if res.StatusCode == http.StatusTooManyRequests {
		res.Body.Close() // want `closed before it was read to EOF`
		return nil, errors.New("rate limited")
	}
	_, _ = io.Copy(io.Discard, res.Body)
	return res, nil
}

// closedAtReturn returns a response its deferred Close has closed.
func (r *registry) closedAtReturn(url string) (*http.Response, error) {
	res, err := r.client.Get(url)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close() // want `closed before it was read to EOF on the path that returns at line 63`
	if res.StatusCode != http.StatusOK {
		return nil, errors.New(res.Status)
	}
	return res, nil
}

// Flagged: an error status returns without closing the wrapper's response.
func (r *registry) blob(path string) (io.ReadCloser, error) {
	res, err := r.get("GET", path)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, errors.New(res.Status) // want `response body of res \(from get at line 70\) is never closed on the path that returns here`
	}
	return res.Body, nil
}

// Flagged: closed unread.
func (r *registry) ping() error {
	res, err := r.retry("GET", r.base+"/v2/")
	if err != nil {
		return err
	}
	return res.Body.Close() // want `closed before it was read to EOF`
}

// Silent: a HEAD request through the wrapper has no body.
func (r *registry) exists(path string) (bool, error) {
	res, err := r.get(http.MethodHead, path)
	if err != nil {
		return false, err
	}
	return res.StatusCode == http.StatusOK, nil
}

// Silent: drained and closed.
func (r *registry) pingDrained() error {
	res, err := r.retry("GET", r.base+"/v2/")
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, res.Body)
	return res.Body.Close()
}

// Silent: the wrapper read the body already.
func (r *registry) status(url string) int {
	res, err := r.readAndReturn(url)
	if err != nil {
		return 0
	}
	return res.StatusCode
}

// Silent: the wrapper closed it already.
func (r *registry) statusClosed(url string) int {
	res, err := r.closedAtReturn(url)
	if err != nil {
		return 0
	}
	return res.StatusCode
}
