package pools

import (
	"net/http"
	"time"
)

// Flagged: a transport per request inside a handler.
func handler(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}} // want `an http.Client with a new Transport is made per request and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection until its IdleConnTimeout; share one pool, or close client`
	resp, err := client.Get("http://backend/")
	if err == nil {
		_ = resp.Body.Close()
	}
}

// Flagged: in a loop.
func loop(urls []string) {
	for _, u := range urls {
		tr := &http.Transport{IdleConnTimeout: time.Minute} // want `a new http.Transport is made per loop iteration`
		req, _ := http.NewRequest("GET", u, nil)
		_, _ = tr.RoundTrip(req)
	}
}

// Flagged: per call, used and dropped; also no IdleConnTimeout.
func fetch(url string) {
	c := &http.Client{Transport: &http.Transport{}} // want `an http.Client with a new Transport is made per call and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection forever \(it has no IdleConnTimeout\); share one pool, or close c` `http.Transport has no IdleConnTimeout`
	_, _ = c.Get(url)
}

// Flagged: a clone of DefaultTransport per request.
func cloned(w http.ResponseWriter, r *http.Request) {
	tr := http.DefaultTransport.(*http.Transport).Clone() // want `a new http.Transport is made per request and dropped without CloseIdleConnections: each keeps its idle connections and two goroutines per connection until its IdleConnTimeout \(90s in a clone of DefaultTransport\); share one pool, or close tr`
	_, _ = tr.RoundTrip(r)
}

// Flagged: ServeHTTP method.
type proxy struct{}

func (proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	(&http.Client{Transport: &http.Transport{IdleConnTimeout: time.Second}}).Get("http://x/") // want `an http.Client with a new Transport is made per request`
}

// Flagged: literals whose idle connections never expire.
var shared = &http.Transport{MaxIdleConns: 10} // want `http.Transport has no IdleConnTimeout: its idle connections, each with two goroutines, are never closed \(DefaultTransport closes them after 90s\)`

var zeroIdle = &http.Transport{IdleConnTimeout: 0} // want `http.Transport has no IdleConnTimeout`

// Silent: shared, with IdleConnTimeout.
var good = &http.Client{Transport: &http.Transport{IdleConnTimeout: 90 * time.Second}}

// Silent: IdleConnTimeout set after the literal.
var later = &http.Transport{}

func init() { later.IdleConnTimeout = time.Minute }

// Silent: closed after use.
func closedAfter(url string) {
	c := &http.Client{Transport: &http.Transport{}}
	defer c.CloseIdleConnections()
	_, _ = c.Get(url)
}

func closedTransport(url string) {
	tr := &http.Transport{IdleConnTimeout: time.Minute}
	defer tr.CloseIdleConnections()
	c := http.Client{Transport: tr}
	_, _ = c.Get(url)
}

// Silent: keep-alives disabled.
func noKeepAlive(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	_, _ = c.Get("http://x/")
}

// Silent: stored in a field (made once, shared).
type service struct{ client *http.Client }

func newService() *service {
	return &service{client: &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}}
}

// Silent: returned by a constructor.
func newTransport() *http.Transport {
	return &http.Transport{IdleConnTimeout: time.Minute}
}

// Silent: handed to other code that owns it (and may configure it).
func wrapped(w http.ResponseWriter, r *http.Request, wrap func(http.RoundTripper) http.RoundTripper) {
	tr := &http.Transport{}
	c := &http.Client{Transport: wrap(tr)}
	_, _ = c.Get("http://x/")
}

// Silent: a client without its own Transport uses DefaultTransport.
func defaultTransport(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Timeout: time.Second}
	_, _ = c.Get("http://x/")
}

// Silent: made once in init.
func init() {
	c := &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}
	_, _ = c.Get("http://x/")
}

// Silent: a clone made once at package level.
var clone = http.DefaultTransport.(*http.Transport).Clone()

// Silent: suppressed with a reason.
func suppressed(url string) {
	//connvet:ignore unboundedpool one-shot CLI command
	c := &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}
	_, _ = c.Get(url)
}

// Flagged: a transport that feeds a local client, used and dropped.
func viaLocalClient(url string) {
	tr := &http.Transport{IdleConnTimeout: time.Second} // want `a new http.Transport is made per call`
	c := &http.Client{Transport: tr}
	_, _ = c.Get(url)
}

// Flagged: configured after the literal, still made per call.
func configuredLater(url string) {
	tr := &http.Transport{} // want `a new http.Transport is made per call`
	tr.IdleConnTimeout = time.Second
	_, _ = (&http.Client{Transport: tr}).Get(url)
}

// Silent: captured by a goroutine that may outlive the call.
func poller(url string, tick <-chan time.Time) {
	c := &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}
	go func() {
		for range tick {
			_, _ = c.Get(url)
		}
	}()
}
