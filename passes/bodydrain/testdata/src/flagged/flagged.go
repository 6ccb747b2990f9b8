package flagged

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

var client = &http.Client{}

// Closed without reading.
func closeOnly(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	resp.Body.Close() // want `response body of resp is closed before it was read to EOF: the Transport discards the connection instead of reusing it`
	return nil
}

// The common bug: an early return after a status check.
func earlyReturn(url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close() // want `response body of resp is closed before it was read to EOF on the path that returns at line 31`
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %s", resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// JSON decoding alone may leave the tail of the body unread.
func decode(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `response body of resp is closed on the path that returns at line 43 after a JSON decode that may stop before EOF: a chunked body, or one with data after the value, can lose its connection`
	return json.NewDecoder(resp.Body).Decode(v)
}

// Never closed.
func neverClosed(url string) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil // want `response body of resp \(from Get at line 48\) is never closed on the path that returns here`
}

// Closed on one path only.
func closedOnOnePath(url string, quick bool) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	if quick {
		return nil // want `response body of resp \(from Get at line 57\) is never closed on the path that returns here`
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// Discarded response.
func discarded(url string) error {
	_, err := client.Get(url) // want `the response of Get is discarded: its body is never closed, so the connection is never reused`
	return err
}

// Do with a request.
func do(req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF on the path that returns at line 82`
	if resp.StatusCode >= 500 {
		return errors.New("server error")
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// RoundTrip on a transport.
func roundTrip(rt http.RoundTripper, req *http.Request) error {
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return err
	}
	return resp.Body.Close() // want `closed before it was read to EOF`
}

// Closed, error checked, not read.
func closeChecked(url string) error {
	resp, err := http.Post(url, "text/plain", nil)
	if err != nil {
		return err
	}
	if err := resp.Body.Close(); err != nil { // want `closed before it was read to EOF`
		return err
	}
	return nil
}

// Closed in a deferred function literal without reading.
func deferLitClose(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }() // want `closed before it was read to EOF on the path that returns at line 116`
	return nil
}

// Reads a little, then closes.
func partial(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	buf := make([]byte, 10)
	_, _ = resp.Body.Read(buf)
	return resp.Body.Close() // want `closed before it was read to EOF`
}

// err == nil style.
func errEqualNil(url string) {
	resp, err := client.Get(url)
	if err == nil {
		resp.Body.Close() // want `closed before it was read to EOF`
	}
}

// In a loop.
func loop(urls []string) {
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			continue
		}
		resp.Body.Close() // want `closed before it was read to EOF`
	}
}

// PostForm, and status-only use.
func status(url string) bool {
	resp, err := client.PostForm(url, nil)
	if err != nil {
		return false
	}
	return resp.StatusCode == 200 // want `response body of resp \(from PostForm at line 151\) is never closed on the path that returns here`
}

// Decoded, drained on success only: the error path closes early.
func decodeErrorPath(url string, v any) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `closed on the path that returns at line 166 after a JSON decode that may stop before EOF`
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return nil
}

// A local wrapper that returns the response untouched: its caller owns it.
func get(url string) (*http.Response, error) { // want get:`helper\(drains=\[\] closes=\[\] fresh\)`
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func viaWrapper(url string) int {
	resp, err := get(url)
	if err != nil {
		return 0
	}
	return resp.StatusCode // want `response body of resp \(from get at line 182\) is never closed on the path that returns here`
}

// A "Doer" interface with *http.Client's signature (slack, elastic).
type doer interface {
	Do(*http.Request) (*http.Response, error)
}

func viaDoer(d doer, req *http.Request) int {
	resp, err := d.Do(req)
	if err != nil {
		return 0
	}
	return resp.StatusCode // want `response body of resp \(from Do at line 195\) is never closed on the path that returns here`
}
