// Package methodusers: requests made by another package's constructor.
package methodusers

import (
	"context"
	"net/http"

	"methodlib"
)

// Silent: a HEAD response has no body to read.
func Exists(ctx context.Context, c *http.Client, url string) (bool, error) {
	req, err := methodlib.NewRequest(ctx, http.MethodHead, url, "sdk/1", nil)
	if err != nil {
		return false, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return false, err
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK, nil
}

// Flagged: the same constructor with GET.
func Status(ctx context.Context, c *http.Client, url string) (int, error) {
	req, err := methodlib.NewRequest(ctx, http.MethodGet, url, "sdk/1", nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close() // want `response body of resp is closed before it was read to EOF`
	return resp.StatusCode, nil
}

// Flagged: a constructor that makes GET requests.
func Fetch(ctx context.Context, c *http.Client, url string) (int, error) {
	req, err := methodlib.NewGet(ctx, url)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close() // want `response body of resp is closed before it was read to EOF`
	return resp.StatusCode, nil
}
