package session5

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"blind/client/session5/apiutil"
)

// Probe is one dependency check of the readiness endpoint; Ready runs all of
// them with the shared client.
type Probe interface {
	Name() string
	Check(ctx context.Context, hc *http.Client) error
}

// Ready runs every probe in turn and returns the first failure.
func Ready(ctx context.Context, hc *http.Client, probes []Probe) error {
	for _, p := range probes {
		if err := p.Check(ctx, hc); err != nil {
			return fmt.Errorf("%s: %w", p.Name(), err)
		}
	}
	return nil
}

// ---------------------------------------------------------------------------
// SHAPE: Probe implementation called from Ready's loop defers Close and looks only at the status code; the status page body is never read
type statusProbe struct{ url string }

func (p statusProbe) Name() string { return "status:" + p.url }

func (p statusProbe) Check(ctx context.Context, hc *http.Client) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url, nil)
	if err != nil {
		return err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // BUG: bodydrain
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("status %s", resp.Status)
	}
	return nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain Probe implementation defers apiutil.DrainClose (other package), which copies the rest to io.Discard and closes
type schemaProbe struct{ url string }

func (p schemaProbe) Name() string { return "schema:" + p.url }

func (p schemaProbe) Check(ctx context.Context, hc *http.Client) error {
	req, err := apiutil.NewJSONRequest(ctx, http.MethodGet, p.url, nil)
	if err != nil {
		return err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer apiutil.DrainClose(resp) // NAIVE: bodydrain
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	return nil
}

// Catalog is the client of the catalog service.
type Catalog struct {
	base string
	hc   *http.Client
}

func NewCatalog(base string) *Catalog {
	return &Catalog{base: base, hc: &http.Client{Timeout: 20 * time.Second, Transport: apiutil.NewTransport(nil)}}
}

func (c *Catalog) fetch(ctx context.Context, path string) (*http.Response, error) {
	req, err := apiutil.NewJSONRequest(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	return c.hc.Do(req)
}

var errRateLimited = errors.New("catalog: rate limited")

// ---------------------------------------------------------------------------
// SHAPE: response from c.fetch (another method); deferred Close, and the 429 branch returns with the rate-limit error body unread
func (c *Catalog) Item(ctx context.Context, id string) ([]byte, error) {
	resp, err := c.fetch(ctx, "/items/"+url.PathEscape(id))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close() // BUG: bodydrain
	if resp.StatusCode == http.StatusTooManyRequests {
		return nil, errRateLimited
	}
	return io.ReadAll(resp.Body)
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain open (this method) returns the response to its caller on success and drains it with apiutil.DrainClose on error; Download copies it to EOF and closes
func (c *Catalog) open(ctx context.Context, path string) (*http.Response, error) {
	resp, err := c.fetch(ctx, path) // NAIVE: bodydrain
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		apiutil.DrainClose(resp)
		return nil, fmt.Errorf("catalog: %s: %s", path, resp.Status)
	}
	return resp, nil
}

func (c *Catalog) Download(ctx context.Context, id string, dst io.Writer) error {
	resp, err := c.open(ctx, "/blobs/"+id)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(dst, resp.Body)
	return err
}

// ---------------------------------------------------------------------------
// SHAPE: goroutine per mirror reads the first line of a multi-line manifest with ReadString, then closes through apiutil.Close (other package), which only closes
func (c *Catalog) MirrorVersions(ctx context.Context, mirrors []string) map[string]string {
	var mu sync.Mutex
	out := make(map[string]string)
	var wg sync.WaitGroup
	for _, m := range mirrors {
		wg.Go(func() {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, m+"/MANIFEST", nil)
			if err != nil {
				return
			}
			resp, err := c.hc.Do(req)
			if err != nil {
				return
			}
			line, _ := bufio.NewReader(resp.Body).ReadString('\n')
			apiutil.Close(resp) // BUG: bodydrain
			mu.Lock()
			out[m] = strings.TrimSpace(strings.TrimPrefix(line, "version:"))
			mu.Unlock()
		})
	}
	wg.Wait()
	return out
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain producer sends each response on a channel; the consumer goroutine (consume) reads it to EOF and closes
func (c *Catalog) Prefetch(ctx context.Context, ids []string, sink func(string, []byte)) {
	ch := make(chan *http.Response, 4)
	done := make(chan struct{})
	go consume(ch, sink, done)
	for _, id := range ids {
		resp, err := c.fetch(ctx, "/items/"+id) // NAIVE: bodydrain
		if err != nil {
			continue
		}
		ch <- resp
	}
	close(ch)
	<-done
}

func consume(ch <-chan *http.Response, sink func(string, []byte), done chan<- struct{}) {
	defer close(done)
	for resp := range ch {
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode == http.StatusOK {
			sink(resp.Request.URL.Path, b)
		}
	}
}

// ---------------------------------------------------------------------------
// SHAPE: request wrapped in apiutil.Retry (other package) through a closure; the caller closes the final 5xx response without reading its error body
func (c *Catalog) Publish(ctx context.Context, item []byte) error {
	resp, err := apiutil.Retry(ctx, 3, func() (*http.Response, error) {
		req, err := apiutil.NewJSONRequest(ctx, http.MethodPost, c.base+"/items", bytes.NewReader(item))
		if err != nil {
			return nil, err
		}
		return c.hc.Do(req)
	})
	if err != nil {
		return err
	}
	if resp.StatusCode >= 500 {
		resp.Body.Close() // BUG: bodydrain
		return fmt.Errorf("catalog: publish: %s", resp.Status)
	}
	return apiutil.ReadJSON(resp, new(struct{ ID string }))
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain Stream keeps the response in a struct field; Next decodes from it and Close drains and closes; OpenStream only builds it
type Stream struct {
	resp *http.Response
	dec  *json.Decoder
}

func (c *Catalog) OpenStream(ctx context.Context, since time.Time) (*Stream, error) {
	resp, err := c.fetch(ctx, "/changes?since="+since.Format(time.RFC3339)) // NAIVE: bodydrain
	if err != nil {
		return nil, err
	}
	return &Stream{resp: resp, dec: json.NewDecoder(resp.Body)}, nil
}

func (s *Stream) Next(v any) error { return s.dec.Decode(v) }

func (s *Stream) Close() error {
	io.Copy(io.Discard, s.resp.Body)
	return s.resp.Body.Close()
}

// ---------------------------------------------------------------------------
// SHAPE: page loop: each page comes from c.fetch (another method), one JSON value is decoded from a large list body and the body is closed right after
func (c *Catalog) All(ctx context.Context) ([]json.RawMessage, error) {
	var all []json.RawMessage
	for page := 1; ; page++ {
		resp, err := c.fetch(ctx, fmt.Sprintf("/items?page=%d&per_page=500", page))
		if err != nil {
			return nil, err
		}
		var p struct {
			Items []json.RawMessage `json:"items"`
			Next  bool              `json:"next"`
		}
		err = json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close() // BUG: bodydrain
		if err != nil {
			return nil, err
		}
		all = append(all, p.Items...)
		if !p.Next {
			return all, nil
		}
	}
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain error statuses are drained asynchronously by go apiutil.DrainClose (other package); success goes through apiutil.ReadJSON, which drains and closes
func (c *Catalog) Stats(ctx context.Context) (map[string]int, error) {
	resp, err := c.fetch(ctx, "/stats")
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		go apiutil.DrainClose(resp)
		return nil, fmt.Errorf("catalog: stats: %s", resp.Status) // NAIVE: bodydrain
	}
	var m map[string]int
	return m, apiutil.ReadJSON(resp, &m)
}

// Notifier delivers an event to one channel; Broadcast calls every notifier.
type Notifier interface {
	Notify(ctx context.Context, event string) error
}

func Broadcast(ctx context.Context, ns []Notifier, event string) error {
	var errs []error
	for _, n := range ns {
		errs = append(errs, n.Notify(ctx, event))
	}
	return errors.Join(errs...)
}

// ---------------------------------------------------------------------------
// SHAPE: Notifier implementation (chat webhook) called from Broadcast's loop checks the status and returns on both paths without ever closing the body
type chatNotifier struct {
	hc      *http.Client
	hookURL string
}

func (n chatNotifier) Notify(ctx context.Context, event string) error {
	payload, _ := json.Marshal(map[string]string{"text": event})
	req, err := apiutil.NewJSONRequest(ctx, http.MethodPost, n.hookURL, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	resp, err := n.hc.Do(req) // BUG: bodydrain
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("chat: %s", resp.Status)
	}
	return nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain Notifier implementation reads each response through a function value (read := apiutil.ReadBody, other package), which reads to EOF and closes
type pagerNotifier struct {
	hc        *http.Client
	endpoints []string
}

func (n pagerNotifier) Notify(ctx context.Context, event string) error {
	read := apiutil.ReadBody
	for _, ep := range n.endpoints {
		req, err := apiutil.NewJSONRequest(ctx, http.MethodPost, ep, strings.NewReader(`{"summary":`+fmt.Sprintf("%q", event)+`}`))
		if err != nil {
			return err
		}
		resp, err := n.hc.Do(req) // NAIVE: bodydrain
		if err != nil {
			continue
		}
		b, err := read(resp)
		if err == nil && resp.StatusCode == http.StatusAccepted {
			return nil
		}
		_ = b
	}
	return errors.New("pager: no endpoint accepted the event")
}

var (
	_ Probe    = statusProbe{}
	_ Probe    = schemaProbe{}
	_ Notifier = chatNotifier{}
	_ Notifier = pagerNotifier{}
)
