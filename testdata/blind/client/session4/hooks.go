package session4

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// drainBody discards what is left of body (up to maxDrainBytes) and closes
// it, so that a small remainder does not cost the keep-alive connection.
func drainBody(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, maxDrainBytes)
	body.Close()
}

// maxDrainBytes bounds drainBody: a larger remainder is cheaper to drop with
// its connection than to read.
const maxDrainBytes = 4 << 10

// ---------------------------------------------------------------------------
// SHAPE: optional metrics hook sees the response first, then the deferred Close runs on a ping whose body is never read
func (c *Client) Ping(ctx context.Context) error {
	req, err := c.NewRequest(ctx, http.MethodGet, "/ping", nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	if c.onResponse != nil {
		c.onResponse(resp)
	}
	defer resp.Body.Close() // BUG: bodydrain
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("analytics: ping: %s", resp.Status)
	}
	return nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain optional hook, then a deferred drainBody (same package) discards up to 4 KiB before closing on every path
func (c *Client) Health(ctx context.Context) (bool, error) {
	req, err := c.NewRequest(ctx, http.MethodGet, "/health", nil)
	if err != nil {
		return false, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return false, err
	}
	if c.onResponse != nil {
		c.onResponse(resp)
	}
	defer drainBody(resp.Body) // NAIVE: bodydrain
	return resp.StatusCode == http.StatusOK, nil
}

// Event is one tracked event.
type Event struct {
	Name       string         `json:"name"`
	UserID     string         `json:"user_id"`
	Properties map[string]any `json:"properties,omitempty"`
}

// TrackResult is the ingestion receipt.
type TrackResult struct {
	Accepted int      `json:"accepted"`
	Rejected []string `json:"rejected"`
}

// ---------------------------------------------------------------------------
// SHAPE: hook and debug log, then the error branch closes the body without reading it and builds the error from the status line only
func (c *Client) Track(ctx context.Context, events []Event) (*TrackResult, error) {
	req, err := c.NewRequest(ctx, http.MethodPost, "/events", events)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if c.onResponse != nil {
		c.onResponse(resp)
	}
	c.debugf("analytics: track %d events: %s", len(events), resp.Status)
	if resp.StatusCode != http.StatusAccepted {
		resp.Body.Close() // BUG: bodydrain
		return nil, fmt.Errorf("analytics: track: unexpected status %s", resp.Status)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var out TrackResult
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain hook first; the error branch goes through CheckResponse, which reads the whole error document, before Close; success reads to EOF
func (c *Client) Identify(ctx context.Context, userID string, traits map[string]any) error {
	req, err := c.NewRequest(ctx, http.MethodPut, "/users/"+userID, traits)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	if c.onResponse != nil {
		c.onResponse(resp)
	}
	if resp.StatusCode >= 300 {
		err := CheckResponse(resp)
		resp.Body.Close() // NAIVE: bodydrain
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return err
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain redirect-style bounded drain copied from net/http: read up to 2 KiB when the body is small or of unknown length, then close (a larger body is deliberately dropped with its connection)
func (c *Client) DeleteUser(ctx context.Context, userID string) error {
	req, err := c.NewRequest(ctx, http.MethodDelete, "/users/"+userID, nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	const maxBodySlurpSize = 2 << 10
	if resp.ContentLength == -1 || resp.ContentLength <= maxBodySlurpSize {
		io.CopyN(io.Discard, resp.Body, maxBodySlurpSize)
	}
	resp.Body.Close() // NAIVE: bodydrain
	switch resp.StatusCode {
	case http.StatusNoContent, http.StatusOK:
		return nil
	case http.StatusNotFound:
		return ErrNotFound
	default:
		return fmt.Errorf("analytics: delete user %s: %s", userID, resp.Status)
	}
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain deferred closure drains through io.LimitReader with a 64 KiB cap before closing
func (c *Client) Alias(ctx context.Context, from, to string) error {
	req, err := c.NewRequest(ctx, http.MethodPost, "/alias", map[string]string{"previous_id": from, "user_id": to})
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer func() {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close() // NAIVE: bodydrain
	}()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("analytics: alias: %s", resp.Status)
	}
	return nil
}

// ---------------------------------------------------------------------------
// SHAPE: error message keeps a 512-byte snippet of the body (io.LimitReader) and then closes: a longer error page is left unread
func (c *Client) Flush(ctx context.Context, stream string) error {
	req, err := c.NewRequest(ctx, http.MethodPost, "/streams/"+stream+"/flush", nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		resp.Body.Close() // BUG: bodydrain
		return fmt.Errorf("analytics: flush %s: %s: %s", stream, resp.Status, snippet)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return err
}

// smallDrain is what the SDK's retry path discards from a failed attempt.
const smallDrain = 256

// ---------------------------------------------------------------------------
// SHAPE: retry loop "drains" each failed attempt with io.CopyN capped at 256 bytes before Close; a 5xx page longer than that costs the connection on every retry
func (c *Client) Export(ctx context.Context, stream string, w io.Writer) error {
	for attempt := 0; ; attempt++ {
		req, err := c.NewRequest(ctx, http.MethodGet, "/streams/"+stream+"/export", nil)
		if err != nil {
			return err
		}
		resp, err := c.hc.Do(req)
		if err != nil {
			return err
		}
		if resp.StatusCode >= 500 && attempt < c.retries {
			io.CopyN(io.Discard, resp.Body, smallDrain)
			resp.Body.Close() // BUG: bodydrain
			continue
		}
		if err := CheckResponse(resp); err != nil {
			resp.Body.Close()
			return err
		}
		_, err = io.Copy(w, resp.Body)
		resp.Body.Close()
		return err
	}
}
