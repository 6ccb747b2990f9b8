// Package recall holds the shapes of upstream fixes that bodydrain used to
// miss (docs/checks/bodydrain.md, "Paths, not functions"), each with its
// silent counterparts.
package recall

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"
)

var client = &http.Client{}

var errAuth = errors.New("unauthorized")

// consume stands for code this package cannot see.
var consume func(*http.Response) error

func match(io.Reader) bool { return true }

// Rule: an escape stops tracking only on the paths through it.

// Flagged: returned on one path, closed unread on the other (a 401
// challenge closed before the retry).
func challenge(rt http.RoundTripper, first, second *http.Request) (*http.Response, error) { // want challenge:`fresh`
	res, err := rt.RoundTrip(first)
	if err != nil || res.StatusCode != http.StatusUnauthorized {
		return res, err
	}
	res.Body.Close() // want `response body of res is closed before it was read to EOF`
	return rt.RoundTrip(second)
}

// Flagged: the response is returned, but the deferred Close runs first and
// nothing read the body on the path that skips the decode.
func doDecode(req *http.Request, v any) (*http.Response, error) {
	resp, err := client.Do(req)
	if err != nil {
		return resp, err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF on the path that returns at line 48`
	if v != nil {
		err = consume(resp)
	}
	return resp, err
}

// Flagged: a poll loop leaves on a status mismatch before the body is
// handed to the matcher.
func poll(req *http.Request, ok func(int) bool) {
	for {
		resp, err := client.Do(req) // want `response body of resp is never closed before resp is assigned again at line 55`
		if err != nil {
			continue
		}
		if !ok(resp.StatusCode) {
			continue
		}
		if !match(resp.Body) {
			continue
		}
		resp.Body.Close()
		return
	}
}

// Silent: returned, or handed to code that owns it, on every path.
func handOff(req *http.Request) (*http.Response, error) { // want handOff:`fresh`
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusUnauthorized {
		_ = consume(resp)
		return nil, errAuth
	}
	return resp, nil
}

// Silent: the deferred close in a function literal runs on a condition
// only, so the returned response may be open.
func condClose(req *http.Request) (resp *http.Response, err error) {
	r, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			r.Body.Close()
		}
	}()
	return r, nil
}

// Silent: the matcher owns the body on the only path that keeps it.
func pollHandOff(req *http.Request) bool {
	for {
		resp, err := client.Do(req)
		if err != nil {
			continue
		}
		return match(resp.Body)
	}
}

// Rule: one variable holding successive responses is judged per assignment.

// Flagged: a retry overwrites the previous response without closing it.
func retry(req *http.Request, n int) (*http.Response, error) { // want retry:`fresh`
	var resp *http.Response
	var err error
	for i := 0; i < n; i++ {
		resp, err = client.Do(req) // want `response body of resp is never closed before resp is assigned again at line 116`
		if err != nil {
			continue
		}
		if resp.StatusCode < 500 {
			break
		}
	}
	return resp, err
}

// Flagged: a second request replaces the first response.
func rescope(req, scoped *http.Request) (*http.Response, error) { // want rescope:`fresh`
	res, err := client.Do(req) // want `never closed before res is assigned again at line 134`
	if err != nil {
		return nil, err
	}
	if res.StatusCode == http.StatusForbidden {
		res, err = client.Do(scoped)
	}
	return res, err
}

// Silent: the previous response is drained and closed before the retry.
func retryClosed(req *http.Request, n int) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := 0; i < n; i++ {
		resp, err = client.Do(req)
		if err != nil {
			continue
		}
		if resp.StatusCode < 500 {
			break
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return resp, err
}

// Silent: the variable is set to a wrapper of the response, not dropped.
func wrapped(req *http.Request, wrap func(*http.Response) *http.Response) *http.Response {
	resp, err := client.Do(req)
	if err != nil {
		return nil
	}
	resp = wrap(resp)
	return resp
}

// Rule: a helper that only looks at a response borrows it.

// retryAfter reads a header: the caller still owns the response.
func retryAfter(r *http.Response) time.Duration {
	if r == nil {
		return 0
	}
	n, _ := strconv.Atoi(r.Header.Get("Retry-After"))
	return time.Duration(n) * time.Second
}

// StatusOf is exported, so its summary is a fact other packages see.
func StatusOf(r *http.Response) int { // want StatusOf:`helper\(drains=\[\] closes=\[\] borrows=\[0\]\)`
	return r.StatusCode
}

// Flagged: a fire-and-forget send that only looks at the status.
func send(req *http.Request) time.Duration {
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	if StatusOf(resp) == http.StatusTooManyRequests {
		return retryAfter(resp) // want `response body of resp \(from Do at line 185\) is never closed on the path that returns here`
	}
	return 0
}

// Silent: borrowed, then drained and closed.
func sendDrained(req *http.Request) time.Duration {
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	d := retryAfter(resp)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return d
}

// logResponse reads the body and puts a copy back: not a borrow, and not
// a plain close either.
func logResponse(r *http.Response) {
	b, _ := io.ReadAll(r.Body)
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(b))
}

// Silent: after logResponse the body is an in-memory copy.
func logged(req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	logResponse(resp)
	return resp.Body.Close()
}

// Rule: a local closure that returns a fresh response.

// Flagged: the challenge response is dropped when the request is sent
// again.
func bearer(rt http.RoundTripper, req *http.Request, refresh func() error) (*http.Response, error) {
	sendRequest := func() (*http.Response, error) {
		req.Header.Set("Authorization", "Bearer x")
		return rt.RoundTrip(req)
	}
	res, err := sendRequest()
	if err != nil {
		return nil, err
	}
	if res.StatusCode == http.StatusUnauthorized {
		if err := refresh(); err != nil {
			return nil, err // want `response body of res \(from sendRequest at line 234\) is never closed on the path that returns here`
		}
		return sendRequest()
	}
	return res, nil
}

// Silent: the closure reads the body before returning the response.
func bearerRead(rt http.RoundTripper, req *http.Request) (int, error) {
	get := func() (*http.Response, error) {
		resp, err := rt.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp, nil
	}
	res, err := get()
	if err != nil {
		return 0, err
	}
	return res.StatusCode, nil
}

// Silent: the function variable is assigned twice; which one runs is not
// known here.
func chosen(rt http.RoundTripper, req *http.Request, alt func() (*http.Response, error)) (int, error) {
	do := func() (*http.Response, error) { return rt.RoundTrip(req) }
	if alt != nil {
		do = alt
	}
	res, err := do()
	if err != nil {
		return 0, err
	}
	return res.StatusCode, nil
}
