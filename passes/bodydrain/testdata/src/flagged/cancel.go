package flagged

import (
	"bufio"
	"context"
	"net/http"
	"time"
)

// Flagged: the cancel is deferred, but the request carries another
// context: nothing ends it at return.
func pollOtherContext(ctx context.Context, c *http.Client, url string) (int, error) {
	tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_ = tctx
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil // want `response body of resp \(from Do at line 20\) is never closed on the path that returns here`
}

// Flagged: the cancel is never deferred.
func pollNoDefer(ctx context.Context, c *http.Client, url string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	_ = cancel
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil // want `response body of resp \(from Do at line 35\) is never closed on the path that returns here`
}

// Flagged: the context is replaced by one the cancel does not reach.
func pollReplaced(ctx context.Context, c *http.Client, url string) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ctx = context.Background()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil // want `response body of resp \(from Do at line 51\) is never closed on the path that returns here`
}

// Flagged: the close kept in a method value and deferred; only a header
// is used.
func lastModified(c *http.Client, url string) (string, error) {
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	closeBody := resp.Body.Close
	defer closeBody() // want `closed before it was read to EOF`
	return resp.Header.Get("Last-Modified"), nil
}

// Flagged: the same, called directly.
func etag(c *http.Client, url string) string {
	resp, err := c.Get(url)
	if err != nil {
		return ""
	}
	done := resp.Body.Close
	tag := resp.Header.Get("ETag")
	done() // want `closed before it was read to EOF`
	return tag
}

type watcher struct{ hc *http.Client }

func (w *watcher) get(ctx context.Context, url string) (*http.Response, error) { // want get:`fresh`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return w.hc.Do(req)
}

// Flagged: the loop stops on another channel; the request's context is
// not done there, so the unread body keeps its connection.
func (w *watcher) watch(ctx context.Context, url string, stop <-chan struct{}, out chan<- string) {
	resp, err := w.get(ctx, url)
	if err != nil {
		return
	}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		select {
		case out <- sc.Text():
		case <-stop:
			return // want `never closed on the path that returns here`
		}
	}
	resp.Body.Close()
}

// Flagged: the wrapper is given the caller's context; the cancelled one
// is another.
func (w *watcher) status(ctx context.Context, url string) (int, error) {
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	_ = tctx
	resp, err := w.get(ctx, url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil // want `never closed on the path that returns here`
}
