// Package thunks calls retry wrappers of another package with a function
// that sends the request.
package thunks

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"

	"thunklib"
)

func publish(ctx context.Context, hc *http.Client, req *http.Request) error {
	resp, err := thunklib.Retry(ctx, 3, func() (*http.Response, error) {
		return hc.Do(req)
	})
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `response body of resp is closed before it was read to EOF`
	if resp.StatusCode >= 500 {
		return errors.New(resp.Status)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// Drained on every path.
func publishDrained(ctx context.Context, hc *http.Client, req *http.Request) error {
	resp, err := thunklib.Retry(ctx, 3, func() (*http.Response, error) {
		return hc.Do(req)
	})
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// The function given answers from memory: no connection behind it.
func canned(ctx context.Context) error {
	resp, err := thunklib.Retry(ctx, 3, func() (*http.Response, error) {
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("ok"))}, nil
	})
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// A wrapper that may answer from its cache is not known to be fresh.
func cached(hc *http.Client, req *http.Request, hit bool) error {
	resp, err := thunklib.Cached(hit, func() (*http.Response, error) {
		return hc.Do(req)
	})
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}
