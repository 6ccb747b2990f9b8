// Package closeheld: transports kept behind an http.RoundTripper, closed
// (or not) through the client that holds them.
package closeheld

import (
	"crypto/tls"
	"net/http"
)

func tlsTransport(insecure bool) (http.RoundTripper, error) {
	if !insecure {
		return http.DefaultTransport, nil
	}
	t := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	return t, nil
}

func transportFor(insecure bool) (http.RoundTripper, error) {
	var rt http.RoundTripper
	rt, err := tlsTransport(insecure)
	if err != nil {
		return nil, err
	}
	return rt, nil
}

type apiClient struct{ hc *http.Client }

func newAPIClient(insecure bool) (*apiClient, error) {
	rt, err := transportFor(insecure)
	if err != nil {
		return nil, err
	}
	return &apiClient{hc: &http.Client{Transport: rt}}, nil
}

func (c *apiClient) get(url string) error {
	resp, err := c.hc.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: the owner's close path closes the transport it holds through an
// http.RoundTripper (the literal in tlsTransport).
func (c *apiClient) close() { c.hc.CloseIdleConnections() }

func uncachedTransport() (http.RoundTripper, error) {
	return &http.Transport{TLSClientConfig: &tls.Config{}}, nil // want `http.Transport has no IdleConnTimeout`
}

type leakyClient struct{ hc *http.Client }

// Flagged above: nothing closes the transport leakyClient holds.
func newLeakyClient() (*leakyClient, error) {
	rt, err := uncachedTransport()
	if err != nil {
		return nil, err
	}
	return &leakyClient{hc: &http.Client{Transport: rt}}, nil
}

func (c *leakyClient) get(url string) error {
	resp, err := c.hc.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
