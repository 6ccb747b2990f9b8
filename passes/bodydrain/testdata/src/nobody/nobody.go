// Package nobody holds responses that have no body to drain: HEAD requests
// and the 204/304 branch of a status check (net/http gives them
// http.NoBody and keeps the connection); and paths that an err other than
// the response's own must not prune.
package nobody

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

var client = &http.Client{}

// Silent: a HEAD request from http.NewRequest, never closed.
func head(url string) (int, error) {
	req, err := http.NewRequest(http.MethodHead, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Silent: a HEAD request with a context, copied, closed unread.
func headWithContext(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, "HEAD", url, nil)
	if err != nil {
		return err
	}
	req = req.WithContext(ctx)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: Client.Head.
func clientHead(url string) error {
	resp, err := client.Head(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flagged: the method is changed after the request was made.
func headThenGet(url string) error {
	req, err := http.NewRequest(http.MethodHead, url, nil)
	if err != nil {
		return err
	}
	req.Method = http.MethodGet
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close() // want `response body of resp is closed before it was read to EOF`
}

// Flagged: a method from the caller may be anything.
func anyMethod(method, url string) error {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close() // want `closed before it was read to EOF`
}

// Silent: the 204 branch closes a body that is empty.
func noContent(url string, v any) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusNoContent {
		resp.Body.Close()
		return nil
	}
	defer resp.Body.Close()
	defer func() { _, _ = io.Copy(io.Discard, resp.Body) }()
	return json.NewDecoder(resp.Body).Decode(v)
}

// Silent: a switch case 204/304 returns without closing; the others
// drain. Flagged: the 200 case closes unread.
func switchStatus(url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	switch resp.StatusCode {
	case http.StatusNoContent, http.StatusNotModified:
		return nil, nil
	case http.StatusOK:
		return nil, resp.Body.Close() // want `closed before it was read to EOF`
	default:
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
}

// Silent: a != 204 guard; the 204 path closes unread.
func guard(url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 204 {
		return io.ReadAll(resp.Body)
	}
	return nil, nil
}

// Silent: 204 or 304, never closed.
func either(url string) (bool, error) {
	resp, err := client.Get(url)
	if err != nil {
		return false, err
	}
	if resp.StatusCode == http.StatusNoContent || resp.StatusCode == http.StatusNotModified {
		return true, nil
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return false, err
}

// Flagged: a 200 branch has a body (unlike 204); nothing here reads one.
func okOnly(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusOK {
		return resp.Body.Close() // want `closed before it was read to EOF`
	}
	resp.Body.Close() // want `closed before it was read to EOF`
	return errors.New(resp.Status)
}

// Flagged: the 204 check is about another response.
func otherResponse(url string, prev *http.Response) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	if prev.StatusCode == http.StatusNoContent {
		return resp.Body.Close() // want `closed before it was read to EOF`
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

func check(int) error { return errors.New("bad") }

// Flagged: an inner err declared in a loop does not prune the paths of
// the response's own err.
func innerLoop(url string, xs []int) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	for _, x := range xs {
		if err := check(x); err != nil {
			return err // want `response body of resp \(from Get at line 171\) is never closed on the path that returns here`
		}
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// Flagged: an inner err declared in a block.
func innerBlock(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	{
		err := check(1)
		if err != nil {
			return err // want `response body of resp \(from Get at line 186\) is never closed on the path that returns here`
		}
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// Flagged: once the response's err holds another error, its check says
// nothing about the response.
func reused(url string, xs []int) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	for _, x := range xs {
		err = check(x)
		if err != nil {
			return err // want `response body of resp \(from Get at line 203\) is never closed on the path that returns here`
		}
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// Flagged: the response is obtained in a loop with an err of the loop's
// own; an inner err declared later in the body prunes nothing.
func loopAcquire(urls []string) error {
	var err error
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			continue
		}
		if err := check(1); err != nil {
			return err // want `response body of resp \(from Get at line 222\) is never closed on the path that returns here`
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return err
}
