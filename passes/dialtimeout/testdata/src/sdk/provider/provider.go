// Package provider wraps the api SDK: it chooses the http.Client the SDK
// sends its requests through.
package provider

import (
	"net"
	"net/http"
	"time"

	"sdk/api"
)

type Config struct {
	Token      string
	HTTPClient *http.Client
}

// Flagged: http.DefaultClient as the fallback, stored in the SDK's
// client, which sends requests with no deadline through it.
func NewProvider(cfg *Config) *api.Client {
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = http.DefaultClient // want `http.DefaultClient has no Timeout, and api sends requests with no context through api.Client.HTTPClient`
	}
	client := api.NewClient(cfg.Token)
	if cfg.HTTPClient != nil {
		client.HTTPClient = cfg.HTTPClient
	}
	return client
}

// Flagged: a client of its own without Timeout, in the SDK's client.
func NewDirect(token string) *api.Client {
	return &api.Client{HTTPClient: &http.Client{}} // want `client has no Timeout, and api sends requests with no context through api.Client.HTTPClient`
}

// Silent: the SDK's own default is kept.
func NewDefault(token string) *api.Client { return api.NewClient(token) }

// Silent: the caller's client.
func NewWith(token string, hc *http.Client) *api.Client {
	c := api.NewClient(token)
	c.HTTPClient = hc
	return c
}

// Silent: a client with a Timeout.
func NewBounded(token string) *api.Client {
	c := api.NewClient(token)
	c.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	return c
}

// Silent: the Timeout is set by an assignment after the literal.
func NewLater(token string) *api.Client {
	hc := &http.Client{}
	hc.Timeout = 15 * time.Second
	c := api.NewClient(token)
	c.HTTPClient = hc
	return c
}

// Silent: a Transport that bounds the dial and the response header.
func NewTransport(token string) *api.Client {
	c := api.NewClient(token)
	c.HTTPClient = &http.Client{Transport: &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		ResponseHeaderTimeout: 10 * time.Second,
	}}
	return c
}

// Silent: the SDK sends only with its caller's contexts.
func NewCtx() *api.CtxClient {
	return &api.CtxClient{HTTPClient: http.DefaultClient}
}

// Silent: the SDK replaces the client it is given.
func NewWrapped() *api.Wrapped {
	return &api.Wrapped{HTTPClient: &http.Client{}}
}
