package generated

import (
	"context"
	"errors"
	"net/http"
)

// The same shape written by hand is reported: nothing tells the check the
// server sends no body.
func (c *Client) Purge(ctx context.Context, id string) error {
	req, err := http.NewRequestWithContext(ctx, "DELETE", c.Endpoint+"/items/"+id+"/purge", nil)
	if err != nil {
		return err
	}
	rsp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer rsp.Body.Close() // want `response body of rsp is closed before it was read to EOF`
	if rsp.StatusCode > 299 {
		return errors.New(rsp.Status)
	}
	return nil
}

// Silent: generated-file rule aside, a body the caller reads is not ours.
func (c *Client) Raw(ctx context.Context, id string) (*http.Response, error) { // want Raw:`fresh`
	req, err := http.NewRequestWithContext(ctx, "GET", c.Endpoint+"/items/"+id, nil)
	if err != nil {
		return nil, err
	}
	return c.HTTP.Do(req)
}
