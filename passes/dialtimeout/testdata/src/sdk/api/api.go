// Package api is an SDK whose clients take the http.Client of the code
// that wraps them, and send requests through it without a deadline.
package api

import (
	"context"
	"net/http"
	"time"
)

const baseURL = "https://api.example.net"

// Sender is what a token source needs of a client.
type Sender interface {
	Do(*http.Request) (*http.Response, error)
}

type TokenSource struct{ sender Sender }

func NewTokenSource() *TokenSource { return &TokenSource{} }

func (t *TokenSource) SetSender(s Sender) { t.sender = s }

// Configurable may configure what it gets.
type Configurable interface {
	Do(*http.Request) (*http.Response, error)
	CloseIdleConnections()
}

func Keep(c Configurable) {}

// Client sends every request through HTTPClient with no deadline; its
// own default has a Timeout.
type Client struct {
	token      string
	HTTPClient *http.Client // want HTTPClient:`sends\(Do at api.go:53\)`
}

func NewClient(token string) *Client {
	return &Client{token: token, HTTPClient: &http.Client{Timeout: 10 * time.Second}}
}

func (c Client) CreateRecord(name string) error {
	req, err := http.NewRequest(http.MethodPost, baseURL+"/records/"+name, nil)
	if err != nil {
		return err
	}
	return c.do(req)
}

func (c Client) do(req *http.Request) error {
	req.Header.Set("Authorization", "token "+c.token)
	resp, err := c.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// CtxClient sends requests only with its caller's context.
type CtxClient struct {
	HTTPClient *http.Client
}

func (c *CtxClient) Get(ctx context.Context, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := c.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Wrapped replaces the client it is given with one of its own.
type Wrapped struct {
	HTTPClient *http.Client
}

func (w *Wrapped) Get(u string) error {
	w.HTTPClient = withTimeout(w.HTTPClient)
	resp, err := w.HTTPClient.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func withTimeout(c *http.Client) *http.Client {
	cc := *c
	if cc.Timeout == 0 {
		cc.Timeout = 30 * time.Second
	}
	return &cc
}
