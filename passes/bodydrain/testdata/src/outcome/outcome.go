// Package outcome: status helpers that read the body on some of their
// paths only. The caller still owns the unread body on the branch of the
// helper's error where some path of the helper left it alone.
package outcome

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"outcomelib"
)

var client = &http.Client{}

// checkLocal is a helper of this package: it reads the body of a 5xx
// only, and returns nil for the rest without reading.
func checkLocal(resp *http.Response) error { // want checkLocal:`helper\(drains=\[0\] closes=\[\] nilleaves=\[0\] errleaves=\[\]\)`
	if resp.StatusCode >= 500 {
		_, _ = io.Copy(io.Discard, resp.Body)
		return errors.New("server error")
	}
	return nil
}

// retryAfter returns the error of parsing a header: the body is not read.
func retryAfter(resp *http.Response) error { // want retryAfter:`helper\(drains=\[0\] closes=\[\] nilleaves=\[\] errleaves=\[0\]\)`
	if _, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil {
		return err
	}
	_, err := io.Copy(io.Discard, resp.Body)
	return err
}

// Flagged: the status check returns nil for 200 without reading, so the
// deferred Close runs on an unread body.
func postHook(req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF on the path that returns at line 45`
	return outcomelib.CheckStatus(resp)
}

// Flagged: an error other than 401 leaves the body unread, and the early
// return neither reads nor closes it.
func getBlob(req *http.Request) (io.ReadCloser, error) {
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if err := outcomelib.ToError(res); err != nil {
		return nil, err // want `response body of res \(from Do at line 51\) is never closed on the path that returns here`
	}
	return res.Body, nil
}

// Flagged: the helper reads error bodies only; on its nil error the body
// is closed unread.
func put(req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	err = outcomelib.ReadError(resp)
	if err != nil {
		return err
	}
	resp.Body.Close() // want `closed before it was read to EOF`
	return nil
}

// Flagged: the same with a helper of this package, checked with == nil.
func ping(req *http.Request) bool {
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close() // want `closed before it was read to EOF on the path that returns at line 84`
	if err := checkLocal(resp); err == nil {
		return true
	}
	return false
}

// Flagged: a header parse error leaves the body unread, and the caller
// closes it on that branch.
func throttled(req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	if err := retryAfter(resp); err != nil {
		resp.Body.Close() // want `closed before it was read to EOF`
		return err
	}
	return resp.Body.Close()
}

// Silent: the error branch is read by the helper, the nil branch here.
func putDrained(req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := outcomelib.ReadError(resp); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// Silent: a helper that reads the body on every path.
func getJSON(req *http.Request, v any) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return outcomelib.Decode(resp, v)
}

// Silent: a helper that drains unless the status is 204, whose body is empty.
func del(req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	if err := outcomelib.Consume(resp); err != nil {
		resp.Body.Close()
		return err
	}
	return resp.Body.Close()
}

// Silent: the error keeps the response for the caller; the nil branch
// is drained by the helper.
func keep(req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	if err := outcomelib.Keep(resp); err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: both branches drain before the deferred Close.
func checked(req *http.Request, v any) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	defer func() { _, _ = io.Copy(io.Discard, resp.Body) }()
	if err := outcomelib.ToError(resp); err != nil {
		return err
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// Silent: the branch the helper leaves alone hands the response to the
// caller.
func fetch(req *http.Request) (*http.Response, error) { // want fetch:`fresh`
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if err := outcomelib.CheckStatus(resp); err != nil {
		return resp, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return nil, resp.Body.Close()
}

// Silent: the header parse error branch drains before it closes.
func throttledDrained(req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	if err := retryAfter(resp); err != nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return err
	}
	return resp.Body.Close()
}
