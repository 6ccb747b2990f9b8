package inprocess

import (
	"io"
	"net/http"
	"strings"
)

// A client wrapper configured with functional options, in the shape of
// retrying HTTP client libraries: its Do sends through the doer it was
// given.
type doer interface {
	Do(*http.Request) (*http.Response, error)
}

type wrapClient struct {
	d       doer
	retries int
}

type wrapOption func(*wrapClient)

func withDoer(d doer) wrapOption { return func(c *wrapClient) { c.d = d } }

func withRetries(n int) wrapOption { return func(c *wrapClient) { c.retries = n } }

func newWrapClient(opts ...wrapOption) *wrapClient {
	c := &wrapClient{d: http.DefaultClient}
	for _, o := range opts {
		o(c)
	}
	return c
}

func newWrapClientWith(d doer) *wrapClient { return &wrapClient{d: d} }

func (c *wrapClient) Do(req *http.Request) (*http.Response, error) { // want Do:`fresh`
	return c.d.Do(req)
}

// cannedDoer answers from memory: a mock.
type cannedDoer struct{ status int }

func (m *cannedDoer) Do(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: m.status, Body: io.NopCloser(strings.NewReader("ok"))}, nil
}

// forwardDoer sends on to a real client: not a mock.
type forwardDoer struct{ next *http.Client }

func (f *forwardDoer) Do(req *http.Request) (*http.Response, error) { // want Do:`fresh`
	return f.next.Do(req)
}

// Silent: the wrapper was given a mock through an option; its responses
// come from memory.
func mockThroughOption(req *http.Request) {
	c := newWrapClient(withRetries(2), withDoer(&cannedDoer{status: 200}))
	resp, err := c.Do(req)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Silent: the mock kept in a variable first.
func mockInVariable(req *http.Request) {
	m := &cannedDoer{}
	c := newWrapClient(withDoer(m))
	_, _ = c.Do(req)
}

// Silent: the mock handed to the constructor directly.
func mockDirect(req *http.Request) int {
	c := newWrapClientWith(&cannedDoer{status: 204})
	resp, err := c.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	return resp.StatusCode
}

// Flagged: the wrapper's default doer is the network.
func defaultDoer(req *http.Request) {
	c := newWrapClient(withRetries(2))
	resp, err := c.Do(req)
	if err != nil {
		return
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}

// Flagged: given a real client, not a mock.
func realDoer(req *http.Request) {
	c := newWrapClient(withDoer(http.DefaultClient))
	resp, err := c.Do(req)
	if err != nil {
		return
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}

// Flagged: a doer of this package that sends on to the network.
func forwardingDoer(req *http.Request) {
	c := newWrapClientWith(&forwardDoer{next: http.DefaultClient})
	resp, err := c.Do(req)
	if err != nil {
		return
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}
