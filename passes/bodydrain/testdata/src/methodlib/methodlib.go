// Package methodlib: an SDK's request constructor, whose method is its
// parameter.
package methodlib

import (
	"context"
	"io"
	"net/http"
)

func NewRequest(ctx context.Context, method, url, agent string, body io.Reader) (*http.Request, error) { // want NewRequest:"method\\(param=1\\)"
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", agent)
	return req, nil
}

// Not a fact: the method is chosen here.
func NewGet(ctx context.Context, url string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
}

// Not a fact: the parameter changes on the way.
func NewUpper(ctx context.Context, method, url string) (*http.Request, error) {
	if method == "" {
		method = http.MethodGet
	}
	return http.NewRequestWithContext(ctx, method, url, nil)
}
