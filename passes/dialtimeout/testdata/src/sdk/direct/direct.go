// Package direct holds API clients whose default http.Client has no
// Timeout and whose requests carry no deadline, in shapes the first
// client rules missed: a request declared before it is made, a do(req)
// helper fed by http.NewRequest, and a client handed to a token source
// that only sends requests through it.
package direct

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"sdk/api"
)

const endpoint = "https://api.example.com"

// Flagged: the request is declared, then made in each branch.
type Client struct {
	AccessKey  string
	HTTPClient *http.Client // want HTTPClient:`sends\(Do at direct.go:46\)`
}

func New(key string) *Client {
	return &Client{AccessKey: key, HTTPClient: &http.Client{}} // want `client c.HTTPClient has no Timeout and the request no context`
}

func (c *Client) request(path string, params url.Values) error {
	var req *http.Request
	var err error
	if params != nil {
		if req, err = http.NewRequest(http.MethodPost, endpoint+"/"+path, strings.NewReader(params.Encode())); err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		if req, err = http.NewRequest(http.MethodGet, endpoint+"/"+path, nil); err != nil {
			return err
		}
	}
	req.Header.Set("Authorization", "AccessKey "+c.AccessKey)
	resp, err := c.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// Flagged: var req, err = http.NewRequest(...).
var feed = &http.Client{} // want `client feed has no Timeout and the request no context`

func pollFeed(u string) error {
	var req, err = http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := feed.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flagged: every request reaches Client.Do through the package's do
// helper, and every caller of the helper makes it with http.NewRequest.
type Records struct {
	token string
	hc    *http.Client
}

func NewRecords(token string) *Records {
	return &Records{token: token, hc: &http.Client{}} // want `client r.hc has no Timeout and the request no context`
}

func (r *Records) Create(name string) error {
	req, err := http.NewRequest(http.MethodPost, endpoint+"/records/"+name, nil)
	if err != nil {
		return err
	}
	return r.do(req)
}

func (r *Records) Delete(name string) error {
	req, err := http.NewRequest(http.MethodDelete, endpoint+"/records/"+name, nil)
	if err != nil {
		return err
	}
	return r.do(req)
}

func (r *Records) do(req *http.Request) error {
	req.Header.Set("Authorization", "token "+r.token)
	resp, err := r.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return errors.New(resp.Status)
	}
	return nil
}

var tokens = api.NewTokenSource()

// Flagged: http.DefaultClient chosen when the config has no client, then
// handed to a token source as a Sender and used for metadata requests.
type Config struct {
	HTTPClient *http.Client
	Metadata   string
}

func NewProvider(cfg *Config) (string, error) {
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = http.DefaultClient // want `http.DefaultClient kept here has no Timeout, and cfg.HTTPClient sends requests with no context through it`
	}
	tokens.SetSender(cfg.HTTPClient)
	return metadata(cfg, "subscriptionId")
}

func metadata(cfg *Config, field string) (string, error) {
	req, err := http.NewRequest(http.MethodGet, cfg.Metadata+"/metadata/"+field, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Metadata", "True")
	resp, err := cfg.HTTPClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

// Silent: the declared request gets the caller's context before it is
// sent.
type CtxClient struct{ HTTPClient *http.Client }

func NewCtxClient() *CtxClient { return &CtxClient{HTTPClient: &http.Client{}} }

func (c *CtxClient) Get(ctx context.Context, u string) error {
	var req *http.Request
	var err error
	if req, err = http.NewRequest(http.MethodGet, u, nil); err != nil {
		return err
	}
	req = req.WithContext(ctx)
	resp, err := c.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: one caller of the do helper passes on its caller's request.
type Relay struct{ hc *http.Client }

func NewRelay() *Relay { return &Relay{hc: &http.Client{}} }

func (r *Relay) Ping() error {
	req, err := http.NewRequest(http.MethodGet, endpoint+"/ping", nil)
	if err != nil {
		return err
	}
	return r.send(req)
}

func (r *Relay) Forward(req *http.Request) error { return r.send(req) }

func (r *Relay) send(req *http.Request) error {
	resp, err := r.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flagged: the helper is exported, and other packages may call it with
// their own requests, but the package's own Ping sends it a request with
// no deadline: Ping hangs on a silent server.
type Exported struct{ hc *http.Client }

func NewExported() *Exported { return &Exported{hc: &http.Client{}} } // want `client e.hc has no Timeout and the request no context`

// Silent: an exported helper that only other packages call; what they
// pass is theirs.
type ExportedOnly struct{ hc *http.Client }

func NewExportedOnly() *ExportedOnly { return &ExportedOnly{hc: &http.Client{}} }

func (e *ExportedOnly) Do(req *http.Request) error {
	resp, err := e.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (e *Exported) Ping() error {
	req, err := http.NewRequest(http.MethodGet, endpoint+"/ping", nil)
	if err != nil {
		return err
	}
	return e.Do(req)
}

func (e *Exported) Do(req *http.Request) error {
	resp, err := e.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: the helper attaches a context of its own with a deadline.
type Deadlined struct{ hc *http.Client }

func NewDeadlined() *Deadlined { return &Deadlined{hc: &http.Client{}} }

func (d *Deadlined) Ping() error {
	req, err := http.NewRequest(http.MethodGet, endpoint+"/ping", nil)
	if err != nil {
		return err
	}
	return d.do(req)
}

func (d *Deadlined) do(req *http.Request) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req = req.WithContext(ctx)
	resp, err := d.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: the helper is also used as a value, called out of sight.
type Hooked struct{ hc *http.Client }

func NewHooked() *Hooked { return &Hooked{hc: &http.Client{}} }

func (h *Hooked) Ping() error {
	req, err := http.NewRequest(http.MethodGet, endpoint+"/ping", nil)
	if err != nil {
		return err
	}
	return h.do(req)
}

func (h *Hooked) Sender() func(*http.Request) error { return h.do }

func (h *Hooked) do(req *http.Request) error {
	resp, err := h.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: the fallback client is handed to a function that takes the
// client itself, which may configure it.
type Tuned struct{ HTTPClient *http.Client }

func NewTuned(t *Tuned, tune func(*http.Client)) (string, error) {
	if t.HTTPClient == nil {
		t.HTTPClient = http.DefaultClient
	}
	tune(t.HTTPClient)
	req, err := http.NewRequest(http.MethodGet, endpoint+"/tuned", nil)
	if err != nil {
		return "", err
	}
	resp, err := t.HTTPClient.Do(req)
	if err != nil {
		return "", err
	}
	return resp.Status, resp.Body.Close()
}

// Silent: handed to another package as an interface with more than Do,
// which may configure it.
type Kept struct{ HTTPClient *http.Client }

func NewKept(k *Kept) (string, error) {
	if k.HTTPClient == nil {
		k.HTTPClient = http.DefaultClient
	}
	api.Keep(k.HTTPClient)
	req, err := http.NewRequest(http.MethodGet, endpoint+"/kept", nil)
	if err != nil {
		return "", err
	}
	resp, err := k.HTTPClient.Do(req)
	if err != nil {
		return "", err
	}
	return resp.Status, resp.Body.Close()
}

// Silent: the fallback client gets a Timeout later.
type Later struct{ HTTPClient *http.Client }

func NewLater(l *Later) (string, error) {
	if l.HTTPClient == nil {
		l.HTTPClient = &http.Client{}
		l.HTTPClient.Timeout = 20 * time.Second
	}
	tokens.SetSender(l.HTTPClient)
	req, err := http.NewRequest(http.MethodGet, endpoint+"/later", nil)
	if err != nil {
		return "", err
	}
	resp, err := l.HTTPClient.Do(req)
	if err != nil {
		return "", err
	}
	return resp.Status, resp.Body.Close()
}
