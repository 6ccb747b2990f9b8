// Package methodvalue holds requests sent through *http.Client method
// values kept in variables and fields.
package methodvalue

import (
	"context"
	"net/http"
	"time"
)

type sender func(*http.Request) (*http.Response, error)

// A method value bound to a local and called later.
func boundLocal(url string) error {
	c := &http.Client{} // want `client c has no Timeout and the request no context`
	do := c.Do
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// An unexported field set to a method value by a constructor.
type api struct {
	send sender
}

func newAPI() *api {
	c := &http.Client{} // want `client c has no Timeout and the request no context`
	return &api{send: c.Do}
}

func (a *api) ping(url string) error {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := a.send(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: the client has a Timeout.
func bounded(url string) error {
	c := &http.Client{Timeout: 10 * time.Second}
	do := c.Do
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: the request carries the caller's context.
func callerContext(ctx context.Context, url string) error {
	c := &http.Client{}
	do := c.Do
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: an exported field may hold any sender.
type API struct {
	Send sender
}

func (a *API) Ping(url string) error {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := a.Send(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: the variable also holds a function that is not a method value.
func mixed(url string, retry bool) error {
	c := &http.Client{}
	var do sender = c.Do
	if retry {
		do = func(r *http.Request) (*http.Response, error) { return c.Do(r) }
	}
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: the client comes from the caller.
func callerClient(c *http.Client, url string) error {
	do := c.Do
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
