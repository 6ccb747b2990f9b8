package body

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Doer is satisfied by *http.Client and by the tracing wrapper.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Queue acknowledges messages through whatever Doer it was given.
type Queue struct {
	doer Doer
	base string
}

// ---------------------------------------------------------------------------
// SHAPE: call through a Doer interface field, only the status is checked, body never closed
func (q *Queue) ack(ctx context.Context, id string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, q.base+"/ack/"+id, nil)
	if err != nil {
		return err
	}
	resp, err := q.doer.Do(req) // BUG: bodydrain
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("ack %s: %s", id, resp.Status)
	}
	return nil
}

// authClient embeds *http.Client and adds a bearer token.
type authClient struct {
	*http.Client
	token string
}

// readAllClose reads the whole body and closes it (see decodeJSON).
func readAllClose(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain promoted Do of an embedded *http.Client; body consumed by readAllClose helper, which reads to EOF and closes
func (c *authClient) decodeJSON(ctx context.Context, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(c.token))
	resp, err := c.Do(req) // NAIVE: bodydrain
	if err != nil {
		return err
	}
	b, err := readAllClose(resp)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
