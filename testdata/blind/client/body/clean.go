package body

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"blind/client/internal/httpx"
)

// ---------------------------------------------------------------------------
// CLEAN: bodydrain deferred httpx.DrainClose (other package) reads to EOF and closes on every path
func listTags(ctx context.Context, url string) ([]string, error) {
	resp, err := httpx.Get(ctx, hc, url) // NAIVE: bodydrain
	if err != nil {
		return nil, err
	}
	defer httpx.DrainClose(resp)
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("tags: %s", resp.Status)
	}
	var tags []string
	return tags, json.NewDecoder(resp.Body).Decode(&tags)
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain body handed to the caller as an io.ReadCloser (stream download); error path drains and closes
func openDownload(ctx context.Context, url string) (io.ReadCloser, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := hc.Do(req) // NAIVE: bodydrain
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return nil, fmt.Errorf("download: %s", resp.Status)
	}
	return resp.Body, nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain HEAD request has no body to read; closing right away is fine
func contentLength(url string) (int64, error) {
	resp, err := hc.Head(url)
	if err != nil {
		return 0, err
	}
	resp.Body.Close() // NAIVE: bodydrain
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("head: %s", resp.Status)
	}
	return resp.ContentLength, nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain *http.Response from httptest.ResponseRecorder.Result, no connection behind it
func renderStatus(h http.Handler, path string) (int, string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	resp := rec.Result() // NAIVE: bodydrain
	return resp.StatusCode, resp.Header.Get("Content-Type")
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain deferred closure copies the rest to io.Discard then closes, so the early status return is covered
func deleteItem(ctx context.Context, base, id string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, base+"/items/"+id, nil)
	if err != nil {
		return err
	}
	resp, err := hc.Do(req) // NAIVE: bodydrain
	if err != nil {
		return err
	}
	defer func() {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("delete %s: %s", id, resp.Status)
	}
	return nil
}

// APIError carries the server's error document.
type APIError struct {
	Status int
	Body   string
}

func (e *APIError) Error() string { return fmt.Sprintf("api: %d: %s", e.Status, e.Body) }

// SDK wraps the shared client.
type SDK struct {
	hc   *http.Client
	base string
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain SDK do(): success returns the response to the caller; error statuses read the body fully and close it
func (s *SDK) do(req *http.Request) (*http.Response, error) {
	resp, err := s.hc.Do(req) // NAIVE: bodydrain
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 400 {
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return nil, &APIError{Status: resp.StatusCode, Body: string(b)}
	}
	return resp, nil
}
