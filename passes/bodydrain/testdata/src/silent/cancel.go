package silent

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"time"
)

type reply struct {
	ID string `json:"id"`
}

// A deferred cancel of the request's context ends the request when the
// function returns: net/http then closes the connection, so a body that a
// streaming option leaves unclosed does not stay open.
func callStreaming(ctx context.Context, c *http.Client, url string, stream bool, before []func(context.Context, *http.Request) context.Context) (*reply, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	req, err := http.NewRequest(http.MethodPost, url, nil)
	if err != nil {
		return nil, err
	}
	ctx = context.WithValue(ctx, struct{}{}, "rpc")
	for _, f := range before {
		ctx = f(ctx, req)
	}
	resp, err := c.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	if !stream {
		defer func() { _ = resp.Body.Close() }()
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var out reply
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// The same with a timeout and NewRequestWithContext.
func pollStatus(ctx context.Context, c *http.Client, url string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Silent: the body is read to EOF before the close kept in a method value.
func readThenClose(c *http.Client, url string) ([]byte, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	closeBody := resp.Body.Close
	defer closeBody()
	return io.ReadAll(resp.Body)
}

// Silent: the method value is handed to other code: unknown.
func handedOn(c *http.Client, url string, later func(func() error)) {
	resp, err := c.Get(url)
	if err != nil {
		return
	}
	later(resp.Body.Close)
}

type notifier struct{ hc *http.Client }

func (n *notifier) get(ctx context.Context, url string) (*http.Response, error) { // want get:`fresh`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return n.hc.Do(req)
}

// Silent: the stream is left when the caller's context is done, and that
// context is the request's: the Transport closes the connection.
func (n *notifier) listen(ctx context.Context, url string, out chan<- string) {
	resp, err := n.get(ctx, url)
	if err != nil {
		return
	}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		select {
		case out <- sc.Text():
		case <-ctx.Done():
			return
		}
	}
	resp.Body.Close()
}

// Silent: a select with no default waits for one of its cases; every case
// reads the body or hands it on to the read below.
func readOrStop(c *http.Client, url string, stop <-chan struct{}, tick <-chan time.Time) ([]byte, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	select {
	case <-stop:
		_, _ = io.Copy(io.Discard, resp.Body)
		return nil, nil
	case <-tick:
	}
	return io.ReadAll(resp.Body)
}

// Silent: the wrapper is given the context this function cancels at
// return.
func (n *notifier) status(ctx context.Context, url string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	resp, err := n.get(ctx, url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
