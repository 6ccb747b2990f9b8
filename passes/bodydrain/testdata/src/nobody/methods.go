package nobody

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
)

// apiRequest is a package's own request type, converted to and from
// *http.Request, in the shape of API clients that wrap net/http.
type apiRequest http.Request

// newAPIRequest passes its method on to http.NewRequest.
func newAPIRequest(method, url string) (*apiRequest, error) {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	return (*apiRequest)(req), nil
}

// newUpperRequest changes its method parameter on the way: the argument
// does not say what the request's method is.
func newUpperRequest(method, url string) (*http.Request, error) {
	if method == "" {
		method = "GET"
	}
	return http.NewRequest(method, url, nil)
}

// Silent: HEAD through the package's own request constructor and a
// conversion back to *http.Request.
func headThroughWrapper(ctx context.Context, c *http.Client, u string) int {
	req, err := newAPIRequest("HEAD", u)
	if err != nil {
		return 0
	}
	res, err := c.Do((*http.Request)(req).WithContext(ctx))
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

// Flagged: GET through the same constructor.
func getThroughWrapper(ctx context.Context, c *http.Client, u string) int {
	req, err := newAPIRequest(http.MethodGet, u)
	if err != nil {
		return 0
	}
	res, err := c.Do((*http.Request)(req).WithContext(ctx))
	if err != nil {
		return 0
	}
	res.Body.Close() // want `closed before it was read to EOF`
	return res.StatusCode
}

// Flagged: the constructor may change the method it was given.
func headThroughChangingWrapper(c *http.Client, u string) int {
	req, err := newUpperRequest("HEAD", u)
	if err != nil {
		return 0
	}
	res, err := c.Do(req)
	if err != nil {
		return 0
	}
	res.Body.Close() // want `closed before it was read to EOF`
	return res.StatusCode
}

type pinger struct {
	client   *http.Client
	headOnly bool
}

type pingResult struct {
	Name string `json:"name"`
}

// Silent: the method is HEAD exactly where headOnly is set, and the body
// is read to EOF on the other side of the same flag.
func (p *pinger) ping(u string) (*pingResult, error) {
	var method string
	if p.headOnly {
		method = "HEAD"
	} else {
		method = "GET"
	}
	req, err := newAPIRequest(method, u)
	if err != nil {
		return nil, err
	}
	res, err := p.client.Do((*http.Request)(req))
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var ret *pingResult
	if !p.headOnly {
		ret = new(pingResult)
		b, err := io.ReadAll(res.Body)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, ret); err != nil {
			return nil, err
		}
	}
	return ret, nil
}

// Silent: the default is GET, a flag turns it into HEAD.
func (p *pinger) status(u string, head bool) (int, error) {
	method := http.MethodGet
	if head {
		method = http.MethodHead
	}
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return 0, err
	}
	res, err := p.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if head {
		return res.StatusCode, nil
	}
	_, err = io.Copy(io.Discard, res.Body)
	return res.StatusCode, err
}

// Flagged: the path that skips the read is the GET side of the flag.
func (p *pinger) wrongSide(u string) (int, error) {
	method := http.MethodGet
	if p.headOnly {
		method = http.MethodHead
	}
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return 0, err
	}
	res, err := p.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close() // want `closed before it was read to EOF`
	if !p.headOnly {
		return res.StatusCode, nil
	}
	_, err = io.Copy(io.Discard, res.Body)
	return res.StatusCode, err
}

// Flagged: the flag is changed between the choice and the branch, so the
// branch says nothing about the method.
func (p *pinger) flagChanged(u string) (int, error) {
	method := http.MethodGet
	if p.headOnly {
		method = http.MethodHead
	}
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return 0, err
	}
	p.headOnly = true
	res, err := p.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close() // want `closed before it was read to EOF`
	if p.headOnly {
		return res.StatusCode, nil
	}
	_, err = io.Copy(io.Discard, res.Body)
	return res.StatusCode, err
}

// isCanceled is false for a nil error: it compares with sentinels and
// looks inside *url.Error only when err is one.
func isCanceled(err error) bool {
	if err == context.Canceled || err == context.DeadlineExceeded {
		return true
	}
	if ue, ok := err.(*url.Error); ok {
		if ue.Timeout() {
			return true
		}
		return isCanceled(ue.Err)
	}
	return false
}

// isTimeout is false for a nil error too.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, os.ErrDeadlineExceeded)
}

// isRetryable is true for a nil error: the branch on it says nothing.
func isRetryable(err error) bool {
	if err == nil {
		return true
	}
	return isTimeout(err)
}

// Silent: a predicate that is false for a nil error holds only where the
// request failed, and then there is no response to close.
func predicateOnErr(c *http.Client, req *http.Request) ([]byte, error) {
	res, err := c.Do(req)
	if isCanceled(err) {
		return nil, err
	}
	if isTimeout(err) {
		return nil, errors.New("timed out")
	}
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	return io.ReadAll(res.Body)
}

// Flagged: a predicate that is true for a nil error: the response of a
// successful request is dropped on that branch.
func predicateTrueOnNil(c *http.Client, req *http.Request) ([]byte, error) {
	res, err := c.Do(req)
	if isRetryable(err) {
		return nil, err // want `response body of res \(from Do at line 238\) is never closed on the path that returns here`
	}
	defer res.Body.Close()
	return io.ReadAll(res.Body)
}
