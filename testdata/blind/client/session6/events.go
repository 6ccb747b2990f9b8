package session6

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"blind/client/session6/sdkutil"
)

// ===========================================================================
// CI SDK: build logs and the live event feed.

// CIClient talks to the CI service.
type CIClient struct {
	hc   *http.Client
	base string
}

// NewCIClient wraps hc, which the caller owns.
func NewCIClient(hc *http.Client, base string) *CIClient { return &CIClient{hc: hc, base: base} }

// LogLine is one line of a build log.
type LogLine struct {
	Step string    `json:"step"`
	Time time.Time `json:"time"`
	Text string    `json:"text"`
}

// ---------------------------------------------------------------------------
// SHAPE: FindLogLine downloads a finished build's complete log (finite NDJSON export), returns at the first matching line, and the deferred Close drops the rest of the log
func (c *CIClient) FindLogLine(ctx context.Context, build, substr string) (*LogLine, error) {
	req, err := sdkutil.NewRequest(ctx, http.MethodGet, c.base+"/builds/"+url.PathEscape(build)+"/log?format=ndjson", "ci-go/2.3", nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close() // BUG: bodydrain
	if resp.StatusCode != http.StatusOK {
		return nil, sdkutil.ErrorFrom(resp)
	}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		var l LogLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, err
		}
		if strings.Contains(l.Text, substr) {
			return &l, nil
		}
	}
	return nil, sc.Err()
}

// FeedEvent is one event of the account's live feed.
type FeedEvent struct {
	Type  string          `json:"type"`
	Build string          `json:"build"`
	Data  json.RawMessage `json:"data"`
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain WaitFor reads the live event feed (text/event-stream that the server never ends, with keep-alive comments) until an event matches and closes it: draining an endless stream would block, closing is the only way out
func (c *CIClient) WaitFor(ctx context.Context, match func(FeedEvent) bool) (*FeedEvent, error) {
	req, err := sdkutil.NewRequest(ctx, http.MethodGet, c.base+"/events/live", "ci-go/2.3", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Cache-Control", "no-cache")
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close() // NAIVE: bodydrain
	if resp.StatusCode != http.StatusOK {
		return nil, sdkutil.ErrorFrom(resp)
	}
	r := bufio.NewReader(resp.Body)
	var data strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		switch {
		case strings.HasPrefix(line, ":"): // keep-alive comment
		case strings.HasPrefix(line, "data:"):
			data.WriteString(strings.TrimSpace(strings.TrimPrefix(line, "data:")))
		case line == "" && data.Len() > 0:
			var ev FeedEvent
			if err := json.Unmarshal([]byte(data.String()), &ev); err == nil && match(ev) {
				return &ev, nil
			}
			data.Reset()
		}
	}
}

// ===========================================================================
// Audit SDK: paged listings and exports.

// AuditClient reads the audit trail.
type AuditClient struct {
	hc   *http.Client
	base string
}

// NewAuditClient wraps hc, which the caller owns.
func NewAuditClient(hc *http.Client, base string) *AuditClient {
	return &AuditClient{hc: hc, base: base}
}

func (c *AuditClient) get(ctx context.Context, pathAndQuery string) (*http.Response, error) {
	req, err := sdkutil.NewRequest(ctx, http.MethodGet, c.base+pathAndQuery, "audit-go/1.0", nil)
	if err != nil {
		return nil, err
	}
	return c.hc.Do(req)
}

// AuditEvent is one audit record.
type AuditEvent struct {
	ID     string    `json:"id"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	Time   time.Time `json:"time"`
}

// EventPager walks the audit listing page by page.
type EventPager struct {
	c    *AuditClient
	next string
	page []AuditEvent
	err  error
}

// Events starts a listing.
func (c *AuditClient) Events(since time.Time) *EventPager {
	return &EventPager{c: c, next: "/events?since=" + url.QueryEscape(since.Format(time.RFC3339))}
}

// ---------------------------------------------------------------------------
// SHAPE: paged result: Next treats 404 (expired cursor, JSON error body) as the end of the listing and closes that response unread
func (p *EventPager) Next(ctx context.Context) bool {
	if p.next == "" || p.err != nil {
		return false
	}
	resp, err := p.c.get(ctx, p.next)
	if err != nil {
		p.err = err
		return false
	}
	if resp.StatusCode == http.StatusNotFound {
		resp.Body.Close() // BUG: bodydrain
		p.next = ""
		return false
	}
	if resp.StatusCode != http.StatusOK {
		p.err = sdkutil.ErrorFrom(resp)
		resp.Body.Close()
		return false
	}
	var pg struct {
		Events []AuditEvent `json:"events"`
		Next   string       `json:"next"`
	}
	p.err = sdkutil.DecodeJSON(resp.Body, &pg)
	resp.Body.Close()
	p.page, p.next = pg.Events, pg.Next
	return p.err == nil
}

// Page is the current page.
func (p *EventPager) Page() []AuditEvent { return p.page }

// ---------------------------------------------------------------------------
// CLEAN: bodydrain Export hands every NDJSON line to a callback but collects its errors instead of stopping, so the Scan loop runs to EOF before Close; a scanner error drains with sdkutil.DrainClose
func (c *AuditClient) Export(ctx context.Context, since time.Time, fn func(AuditEvent) error) error {
	resp, err := c.get(ctx, "/export?format=ndjson&since="+url.QueryEscape(since.Format(time.RFC3339)))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		return sdkutil.ErrorFrom(resp)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	var errs []error
	for sc.Scan() {
		var ev AuditEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := fn(ev); err != nil {
			errs = append(errs, err)
		}
	}
	if err := sc.Err(); err != nil {
		sdkutil.DrainClose(resp.Body)
		return err
	}
	resp.Body.Close() // NAIVE: bodydrain
	return errors.Join(errs...)
}
