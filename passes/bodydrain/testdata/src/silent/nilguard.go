package silent

import (
	"io"
	"net/http"
	"strings"
)

// Silent: the close is guarded by res != nil and res.Body != nil; the
// paths where either is nil hold no connection.
func closeIfPresent(c *http.Client, req *http.Request) (int, error) {
	res, err := c.Do(req)
	if res != nil {
		if res.Body != nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
	}
	if err != nil {
		return 0, err
	}
	return res.StatusCode, nil
}

// Silent: a nil response is replaced by a synthetic one; the real one,
// when there is one, is drained and closed.
func synthesize(c *http.Client, req *http.Request) (string, error) {
	resp, err := c.Do(req)
	if resp == nil {
		resp = &http.Response{StatusCode: http.StatusBadGateway, Body: io.NopCloser(strings.NewReader(""))}
	}
	defer resp.Body.Close()
	b, rerr := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	return string(b), rerr
}

// Silent: nil body checked first.
func bodyNil(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	if resp.Body == nil {
		return nil
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// Silent: both nil tests in one condition.
func closeIfBoth(c *http.Client, req *http.Request) (int, error) {
	resp, err := c.Do(req)
	if resp != nil && resp.Body != nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Silent: the same, written as the nil case first.
func nilFirst(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if resp == nil || resp.Body == nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
