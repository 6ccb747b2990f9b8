// Package ctxwrap holds SDK clients whose convenience methods call the
// context-taking ones with context.Background(): the package itself then
// sends requests with no deadline.
package ctxwrap

import (
	"context"
	"net/http"
	"time"
)

type Client struct {
	hc     *http.Client
	Emails *Emails
}

func NewClient() *Client {
	c := &Client{hc: http.DefaultClient} // want `http.DefaultClient kept here has no Timeout`
	c.Emails = &Emails{c: c}
	return c
}

func (c *Client) NewRequest(ctx context.Context, method, path string) (*http.Request, error) {
	var req *http.Request
	req, err := http.NewRequestWithContext(ctx, method, "https://api.example.com/"+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	return req, nil
}

func (c *Client) Perform(req *http.Request) error {
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

type Emails struct{ c *Client }

// Send is the convenience form: no context, so none with a deadline.
func (e *Emails) Send() error { return e.SendWithContext(context.Background()) }

func (e *Emails) SendWithContext(ctx context.Context) error {
	req, err := e.c.NewRequest(ctx, http.MethodPost, "emails")
	if err != nil {
		return err
	}
	return e.c.Perform(req)
}

// The same SDK whose convenience form bounds the call: silent.
type Bounded struct{ hc *http.Client }

func NewBounded() *Bounded { return &Bounded{hc: &http.Client{}} }

func (b *Bounded) Ping() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return b.PingWithContext(ctx)
}

func (b *Bounded) PingWithContext(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.com/ping", nil)
	if err != nil {
		return err
	}
	resp, err := b.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Only other packages call the context-taking form: their contexts are
// theirs. Silent.
type CallerOnly struct{ hc *http.Client }

func NewCallerOnly() *CallerOnly { return &CallerOnly{hc: &http.Client{}} }

func (c *CallerOnly) GetWithContext(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A sending function handed both the context and the client: each call's
// client carries that call's context.
func PostWebhook(url string) error {
	return postWebhookCustom(context.Background(), url, http.DefaultClient) // want `http.DefaultClient kept here has no Timeout`
}

func PostWebhookContext(ctx context.Context, url string) error {
	return postWebhookCustom(ctx, url, http.DefaultClient) // the caller's context: silent here
}

func postWebhookCustom(ctx context.Context, url string, hc *http.Client) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
