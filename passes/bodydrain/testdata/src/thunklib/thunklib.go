// Package thunklib holds retry wrappers that call the function they are
// given: their result is as fresh as what that function returns.
package thunklib

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Retry calls do until it answers below 500, closing the answers it
// retries, and returns the last one as it came.
func Retry(ctx context.Context, n int, do func() (*http.Response, error)) (*http.Response, error) {
	var last error
	for i := 0; i < n; i++ {
		resp, err := do()
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if err == nil {
			if i == n-1 {
				return resp, nil
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			last = fmt.Errorf("status %s", resp.Status)
			continue
		}
		last = err
	}
	return nil, last
}

// Cached returns a canned response on a hit: not only what do returns.
func Cached(hit bool, do func() (*http.Response, error)) (*http.Response, error) {
	if hit {
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("cached"))}, nil
	}
	return do()
}
