// Package body holds response handling code of several API clients.
package body

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"blind/client/internal/httpx"
)

var hc = &http.Client{Timeout: 20 * time.Second}

// Manifest is a release manifest.
type Manifest struct {
	Version string   `json:"version"`
	Files   []string `json:"files"`
}

// ---------------------------------------------------------------------------
// SHAPE: early status return before the deferred Close is registered: body never closed on that path
func fetchManifest(url string) (*Manifest, error) {
	resp, err := hc.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("manifest: unexpected status %s", resp.Status) // BUG: bodydrain
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var m Manifest
	return &m, json.Unmarshal(b, &m)
}

// Prober checks backends.
type Prober struct {
	client *http.Client
}

func NewProber() *Prober { return &Prober{client: &http.Client{Timeout: 3 * time.Second}} }

// ---------------------------------------------------------------------------
// SHAPE: health check defers Close and only looks at the status code, body never read
func (p *Prober) healthy(ctx context.Context, target string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target+"/healthz", nil)
	if err != nil {
		return false
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close() // BUG: bodydrain
	return resp.StatusCode == http.StatusOK
}

// User is an account.
type User struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ---------------------------------------------------------------------------
// SHAPE: JSON decode straight from the body, body never closed
func getUser(ctx context.Context, base, id string) (*User, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/users/"+id, nil)
	if err != nil {
		return nil, err
	}
	resp, err := hc.Do(req) // BUG: bodydrain
	if err != nil {
		return nil, err
	}
	var u User
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
		return nil, err
	}
	return &u, nil
}

// ErrNotFound is returned when the object does not exist.
var ErrNotFound = errors.New("not found")

// ---------------------------------------------------------------------------
// SHAPE: response obtained through httpx.Get (other package); 404 branch closes the body without reading it
func getObject(ctx context.Context, url string) ([]byte, error) {
	resp, err := httpx.Get(ctx, hc, url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		resp.Body.Close() // BUG: bodydrain
		return nil, ErrNotFound
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// ---------------------------------------------------------------------------
// SHAPE: response returned by helper httpx.Get; caller reads the status and never closes the body
func exists(ctx context.Context, url string) (bool, error) {
	resp, err := httpx.Get(ctx, hc, url) // BUG: bodydrain
	if err != nil {
		return false, err
	}
	return resp.StatusCode == http.StatusOK, nil
}

// ---------------------------------------------------------------------------
// SHAPE: content sniffing reads only the first 512 bytes through LimitReader, then the deferred Close
func sniffType(url string) (string, error) {
	resp, err := hc.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close() // BUG: bodydrain
	head, err := io.ReadAll(io.LimitReader(resp.Body, 512))
	if err != nil {
		return "", err
	}
	return http.DetectContentType(head), nil
}

// ---------------------------------------------------------------------------
// SHAPE: Close through a method value (closeBody := resp.Body.Close) deferred; only headers are used
func lastModified(ctx context.Context, url string) (time.Time, error) {
	resp, err := httpx.Get(ctx, hc, url)
	if err != nil {
		return time.Time{}, err
	}
	closeBody := resp.Body.Close
	defer closeBody() // BUG: bodydrain
	return http.ParseTime(resp.Header.Get("Last-Modified"))
}

// ---------------------------------------------------------------------------
// SHAPE: bufio.Scanner loop returns on the first matching line, deferred Close on an unfinished body
func remoteVersion(url string) (string, error) {
	resp, err := hc.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close() // BUG: bodydrain
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "version="); ok {
			return v, nil
		}
	}
	return "", sc.Err()
}

type result struct {
	url    string
	status int
	err    error
}

// ---------------------------------------------------------------------------
// SHAPE: fan-out with sync.WaitGroup.Go, each goroutine keeps only the status, body never closed
func checkAll(urls []string) []result {
	var wg sync.WaitGroup
	results := make(chan result, len(urls))
	for _, u := range urls {
		wg.Go(func() {
			resp, err := hc.Get(u) // BUG: bodydrain
			if err != nil {
				results <- result{url: u, err: err}
				return
			}
			results <- result{url: u, status: resp.StatusCode}
		})
	}
	wg.Wait()
	close(results)
	var out []result
	for r := range results {
		out = append(out, r)
	}
	return out
}

// ---------------------------------------------------------------------------
// SHAPE: conditional request that only reads the ETag header, body never closed
func currentETag(ctx context.Context, url, prev string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("If-None-Match", prev)
	resp, err := hc.Do(req) // BUG: bodydrain
	if err != nil {
		return "", err
	}
	if resp.StatusCode == http.StatusNotModified {
		return prev, nil
	}
	return resp.Header.Get("ETag"), nil
}
