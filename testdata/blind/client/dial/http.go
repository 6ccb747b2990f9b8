package dial

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// APIClient is a small REST SDK.
type APIClient struct {
	baseURL string
	token   string
	http    *http.Client
}

// ---------------------------------------------------------------------------
// SHAPE: SDK constructor stores &http.Client{} without Timeout in a struct field
func NewAPIClient(baseURL, token string) *APIClient {
	return &APIClient{baseURL: baseURL, token: token, http: &http.Client{}} // BUG: dialtimeout
}

func (c *APIClient) getJSON(path string, v any) error {
	req, err := http.NewRequest(http.MethodGet, c.baseURL+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", path, resp.Status)
	}
	return json.Unmarshal(b, v)
}

// ---------------------------------------------------------------------------
// SHAPE: http.Get of a remote config URL (DefaultClient, no timeout)
func FetchRemoteConfig(url string) ([]byte, error) {
	resp, err := http.Get(url) // BUG: dialtimeout
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// ---------------------------------------------------------------------------
// SHAPE: http.DefaultClient.Do with a request built by http.NewRequest (no context)
func DeleteObject(endpoint, key, token string) error {
	req, err := http.NewRequest(http.MethodDelete, endpoint+"/objects/"+key, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", token)
	resp, err := http.DefaultClient.Do(req) // BUG: dialtimeout
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode >= 300 {
		return fmt.Errorf("delete %s: %s", key, resp.Status)
	}
	return nil
}

// ---------------------------------------------------------------------------
// SHAPE: http.Post of a webhook payload (DefaultClient, no timeout)
func NotifyWebhook(url string, event any) error {
	b, err := json.Marshal(event)
	if err != nil {
		return err
	}
	resp, err := http.Post(url, "application/json", bytes.NewReader(b)) // BUG: dialtimeout
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// ---------------------------------------------------------------------------
// SHAPE: package-level http.Client without Timeout whose Transport bounds only the dial (no TLS/response header timeout)
var registryClient = &http.Client{ // BUG: dialtimeout
	Transport: &http.Transport{
		DialContext:     (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		IdleConnTimeout: 90 * time.Second,
	},
}

func registryTags(repo string) ([]byte, error) {
	resp, err := registryClient.Get("https://registry.example.com/v2/" + repo + "/tags/list")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout request built with NewRequestWithContext from the caller's ctx, sent on http.DefaultClient
func FetchWithCtx(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req) // NAIVE: dialtimeout
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout SDK constructor sets http.Client Timeout
func NewBillingClient(baseURL string) *APIClient {
	return &APIClient{
		baseURL: baseURL,
		http:    &http.Client{Timeout: 15 * time.Second}, // NAIVE: dialtimeout
	}
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout client without Timeout but its Transport bounds dial, TLS handshake and response headers
var searchClient = &http.Client{ // NAIVE: dialtimeout
	Transport: &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 3 * time.Second}).DialContext,
		TLSHandshakeTimeout:   3 * time.Second,
		ResponseHeaderTimeout: 5 * time.Second,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       60 * time.Second,
	},
}

func search(q string) ([]byte, error) {
	resp, err := searchClient.Get("https://search.example.com/q?" + q)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout context.WithTimeout deadline on the request sent with http.DefaultClient
func CheckLicense(url string) (bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false, err
	}
	resp, err := http.DefaultClient.Do(req) // NAIVE: dialtimeout
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode == http.StatusOK, nil
}
