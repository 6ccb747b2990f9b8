// Package poollib exports helpers that make pools; poolusers calls them.
package poollib

import (
	"net/http"
	"sync"
	"time"
)

// Config configures a client.
type Config struct {
	Token     string
	KeepAlive bool
}

type bearer struct {
	token string
	rt    http.RoundTripper
}

func (b *bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r.Header.Set("Authorization", "Bearer "+b.token)
	return b.rt.RoundTrip(r)
}

// NewBearer wraps rt.
func NewBearer(token string, rt http.RoundTripper) http.RoundTripper {
	return &bearer{token: token, rt: rt}
}

// NewRoundTripper makes a new transport, wrapped when a token is set.
func NewRoundTripper(cfg Config) (http.RoundTripper, error) {
	var rt http.RoundTripper = &http.Transport{IdleConnTimeout: 5 * time.Minute}
	if cfg.Token != "" {
		rt = NewBearer(cfg.Token, rt)
	}
	return rt, nil
}

func newClient(rt http.RoundTripper) *http.Client {
	return &http.Client{Transport: rt}
}

// NewClient makes a new client with a new transport.
func NewClient(cfg Config) (*http.Client, error) {
	rt, err := NewRoundTripper(cfg)
	if err != nil {
		return nil, err
	}
	return newClient(rt), nil
}

// NewTransport clones DefaultTransport.
func NewTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxConnsPerHost = 8
	return t
}

// NoKeepAlive makes a client that keeps no idle connection.
func NoKeepAlive() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

var (
	shared *http.Client
	once   sync.Once
)

// Shared returns the one client of the process.
func Shared() *http.Client {
	once.Do(func() { shared = &http.Client{Transport: NewTransport()} })
	return shared
}

// Default returns a client of DefaultTransport.
func Default() *http.Client {
	return &http.Client{Timeout: time.Minute}
}
