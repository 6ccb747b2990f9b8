package session4

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ResponseHandler consumes a successful response. It owns the response:
// it must read and close the body.
type ResponseHandler func(*http.Response) error

// ---------------------------------------------------------------------------
// CLEAN: bodydrain doRequest hands 2xx responses to the callback without closing them: ownership passes to fn (documented on ResponseHandler); error statuses are read by CheckResponse and closed here
func (c *Client) doRequest(ctx context.Context, req *http.Request, fn ResponseHandler) error {
	resp, err := c.hc.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	if err := CheckResponse(resp); err != nil {
		resp.Body.Close()
		return err
	}
	return fn(resp) // NAIVE: bodydrain
}

// Stats are the counters of a stream.
type Stats struct {
	Events  int64     `json:"events"`
	Users   int64     `json:"users"`
	Updated time.Time `json:"updated"`
}

// ---------------------------------------------------------------------------
// SHAPE: callback given to doRequest decodes one JSON value and returns without closing the body it owns
func (c *Client) StreamStats(ctx context.Context, stream string) (*Stats, error) {
	req, err := c.NewRequest(ctx, http.MethodGet, "/streams/"+stream+"/stats", nil)
	if err != nil {
		return nil, err
	}
	var st Stats
	err = c.doRequest(ctx, req, func(resp *http.Response) error {
		return json.NewDecoder(resp.Body).Decode(&st) // BUG: bodydrain
	})
	if err != nil {
		return nil, err
	}
	return &st, nil
}

// ---------------------------------------------------------------------------
// SHAPE: callback only records a header and returns; the owned body is never closed
func (c *Client) CreateStream(ctx context.Context, name string) (string, error) {
	req, err := c.NewRequest(ctx, http.MethodPost, "/streams", map[string]string{"name": name})
	if err != nil {
		return "", err
	}
	var location string
	err = c.doRequest(ctx, req, func(resp *http.Response) error {
		location = resp.Header.Get("Location")
		return nil // BUG: bodydrain
	})
	return location, err
}

// ---------------------------------------------------------------------------
// SHAPE: fire-and-forget callback closes the owned body right away without reading it
func (c *Client) TouchStream(ctx context.Context, name string) error {
	req, err := c.NewRequest(ctx, http.MethodPost, "/streams/"+name+"/touch", nil)
	if err != nil {
		return err
	}
	return c.doRequest(ctx, req, func(resp *http.Response) error {
		return resp.Body.Close() // BUG: bodydrain
	})
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain callback owns the body, defers Close and copies it to the writer until EOF
func (c *Client) Download(ctx context.Context, stream string, w io.Writer) (int64, error) {
	req, err := c.NewRequest(ctx, http.MethodGet, "/streams/"+stream+"/raw", nil)
	if err != nil {
		return 0, err
	}
	var n int64
	err = c.doRequest(ctx, req, func(resp *http.Response) error {
		defer resp.Body.Close() // NAIVE: bodydrain
		var cerr error
		n, cerr = io.Copy(w, resp.Body)
		return cerr
	})
	return n, err
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain method value used as the callback: decodeInto decodes, drains and closes the body it is given
func (c *Client) Quota(ctx context.Context) (*Rate, error) {
	req, err := c.NewRequest(ctx, http.MethodGet, "/quota", nil)
	if err != nil {
		return nil, err
	}
	var q Rate
	d := jsonSink{v: &q}
	if err := c.doRequest(ctx, req, d.decodeInto); err != nil { // NAIVE: bodydrain
		return nil, err
	}
	return &q, nil
}

type jsonSink struct{ v any }

func (s jsonSink) decodeInto(resp *http.Response) error {
	defer resp.Body.Close()
	err := json.NewDecoder(resp.Body).Decode(s.v)
	io.Copy(io.Discard, resp.Body)
	return err
}

// withResponse is the other contract: it calls fn with the response and
// then finishes the body itself (drain and close), whatever fn did.
func withResponse(ctx context.Context, hc *http.Client, req *http.Request, fn func(*http.Response) error) error {
	resp, err := hc.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	defer func() {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	return fn(resp)
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain withResponse drains and closes after the callback, so a callback that only looks at the status is fine
func (c *Client) StreamExists(ctx context.Context, name string) (bool, error) {
	req, err := c.NewRequest(ctx, http.MethodGet, "/streams/"+name, nil)
	if err != nil {
		return false, err
	}
	var found bool
	err = withResponse(ctx, c.hc, req, func(resp *http.Response) error { // NAIVE: bodydrain
		found = resp.StatusCode == http.StatusOK
		return nil
	})
	return found, err
}

// Service posts to arbitrary webhook-style endpoints of the API. The
// callback receives the response on success and owns its body.
type Service interface {
	DoPost(ctx context.Context, url string, body io.Reader, cb func(*http.Response) error) error
}

type service struct {
	hc    *http.Client
	token string
}

// NewService returns the default Service.
func NewService(hc *http.Client, token string) Service {
	return &service{hc: hc, token: token}
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain DoPost passes 2xx responses to cb unclosed (the callback owns them); failures are read to EOF and closed here
func (s *service) DoPost(ctx context.Context, url string, body io.Reader, cb func(*http.Response) error) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.hc.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return fmt.Errorf("analytics: POST %s: %s: %s", url, resp.Status, strings.TrimSpace(string(msg)))
	}
	return cb(resp) // NAIVE: bodydrain
}

// Importer loads CSV files through the Service.
type Importer struct {
	svc     Service
	baseURL string
	lastJob string
}

// ---------------------------------------------------------------------------
// SHAPE: callback handed to Service.DoPost (interface, implemented by service) keeps the job id header and returns without closing the body
func (im *Importer) Start(ctx context.Context, table string, csvData io.Reader) (string, error) {
	u := im.baseURL + "/imports?table=" + url.QueryEscape(table)
	err := im.svc.DoPost(ctx, u, csvData, func(resp *http.Response) error {
		im.lastJob = resp.Header.Get("X-Import-Job")
		return nil // BUG: bodydrain
	})
	return im.lastJob, err
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain callback handed to Service.DoPost reads the receipt with io.ReadAll and closes it
func (im *Importer) Append(ctx context.Context, table string, rows io.Reader) (int, error) {
	u := im.baseURL + "/imports/append?table=" + url.QueryEscape(table)
	var accepted int
	err := im.svc.DoPost(ctx, u, rows, func(resp *http.Response) error { // NAIVE: bodydrain
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		var r struct {
			Accepted int `json:"accepted"`
		}
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		accepted = r.Accepted
		return nil
	})
	return accepted, err
}
