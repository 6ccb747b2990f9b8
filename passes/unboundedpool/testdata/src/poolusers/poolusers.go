// Package poolusers calls poollib's helpers (cross-package summaries).
package poolusers

import (
	"net/http"

	"poollib"
)

// Flagged: a new client per notification.
type webhook struct{ url string }

func (w *webhook) Notify(body string) (bool, error) {
	c, err := poollib.NewClient(poollib.Config{Token: "t"}) // want `an http.Client with a new Transport is made per call by poollib.NewClient and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection until its IdleConnTimeout;`
	if err != nil {
		return false, err
	}
	resp, err := c.Get(w.url)
	if err != nil {
		return true, err
	}
	return false, resp.Body.Close()
}

// Flagged: a clone per request.
func forward(w http.ResponseWriter, r *http.Request) {
	tr := poollib.NewTransport() // want `a new http.Transport is made per request by poollib.NewTransport and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection until its IdleConnTimeout \(90s in a clone of DefaultTransport\)`
	resp, err := tr.RoundTrip(r)
	if err == nil {
		_ = resp.Body.Close()
	}
}

// Flagged: a wrapped transport in a loop.
func pollAll(urls []string) {
	for _, u := range urls {
		rt, _ := poollib.NewRoundTripper(poollib.Config{}) // want `a new http.Transport is made per loop iteration by poollib.NewRoundTripper`
		req, _ := http.NewRequest("GET", u, nil)
		_, _ = rt.RoundTrip(req)
	}
}

// ---- silent ----

type notifier struct{ client *http.Client }

// Silent: made once and kept.
func newNotifier() (*notifier, error) {
	c, err := poollib.NewClient(poollib.Config{})
	if err != nil {
		return nil, err
	}
	return &notifier{client: c}, nil
}

// Silent: the process's shared client.
func shared(url string) {
	_, _ = poollib.Shared().Get(url)
}

// Silent: keep-alives disabled.
func noKeepAlive(url string) {
	c := poollib.NoKeepAlive()
	_, _ = c.Get(url)
}

// Silent: DefaultTransport.
func defaults(url string) {
	c := poollib.Default()
	_, _ = c.Get(url)
}

// Silent: closed by the caller.
func closed(w http.ResponseWriter, r *http.Request) {
	c, err := poollib.NewClient(poollib.Config{})
	if err != nil {
		return
	}
	defer c.CloseIdleConnections()
	_, _ = c.Get("http://x/")
}

// Silent: stored in a field of the receiver.
func (n *notifier) reset() {
	c, _ := poollib.NewClient(poollib.Config{})
	n.client = c
}

// Silent: made in init.
func init() {
	tr := poollib.NewTransport()
	_ = tr.Clone
	c := &http.Client{Transport: tr}
	_, _ = c.Get("http://x/")
}
