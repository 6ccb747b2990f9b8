package session5

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"blind/client/session5/apiutil"
)

// ---------------------------------------------------------------------------
// SHAPE: net.Dialer built by newCacheDialer with KeepAlive only and kept in a struct field; cacheConn.connect dials the cache node with Dial (no timeout) in another method
func newCacheDialer() *net.Dialer {
	return &net.Dialer{KeepAlive: 30 * time.Second} // BUG: dialtimeout
}

type cacheConn struct {
	dialer *net.Dialer
	addr   string
	conn   net.Conn
	rw     *bufio.ReadWriter
}

func newCacheConn(addr string) *cacheConn {
	return &cacheConn{dialer: newCacheDialer(), addr: addr}
}

func (c *cacheConn) connect() error {
	conn, err := c.dialer.Dial("tcp", c.addr)
	if err != nil {
		return err
	}
	c.conn = conn
	c.rw = bufio.NewReadWriter(bufio.NewReader(conn), bufio.NewWriter(conn))
	return nil
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout net.Dialer without Timeout kept in a struct field, but queueConn.open only dials with DialContext under a 3-second context
type queueConn struct {
	dialer *net.Dialer
	addr   string
}

func newQueueConn(addr string) *queueConn {
	return &queueConn{dialer: &net.Dialer{KeepAlive: 15 * time.Second}, addr: addr} // NAIVE: dialtimeout
}

func (q *queueConn) open(ctx context.Context) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	return q.dialer.DialContext(ctx, "tcp", q.addr)
}

// ---------------------------------------------------------------------------
// SHAPE: http.Client with no Timeout (default transport) built by NewBilling and kept in a struct field; Invoice builds its request with http.NewRequest (no context)
type Billing struct {
	hc   *http.Client
	base string
}

func NewBilling(base string) *Billing {
	return &Billing{hc: &http.Client{CheckRedirect: noRedirects}, base: base} // BUG: dialtimeout
}

func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func (b *Billing) Invoice(id string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, b.base+"/invoices/"+id, nil)
	if err != nil {
		return nil, err
	}
	resp, err := b.hc.Do(req)
	if err != nil {
		return nil, err
	}
	return apiutil.ReadBody(resp)
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout http.Client without Timeout, but every request of Ledger is built by apiutil.NewJSONRequest (other package) with a context that Balance bounds to 10 seconds
type Ledger struct {
	hc   *http.Client
	base string
}

func NewLedger(base string) *Ledger {
	return &Ledger{hc: &http.Client{}, base: base} // NAIVE: dialtimeout
}

func (l *Ledger) Balance(ctx context.Context, account string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := apiutil.NewJSONRequest(ctx, http.MethodGet, l.base+"/balance/"+account, nil)
	if err != nil {
		return nil, err
	}
	resp, err := l.hc.Do(req)
	if err != nil {
		return nil, err
	}
	return apiutil.ReadBody(resp)
}

// Checker verifies one endpoint of the certificate monitor; Sweep runs them all.
type Checker interface {
	Check() error
}

func Sweep(cs []Checker) []error {
	var errs []error
	for _, c := range cs {
		if err := c.Check(); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// ---------------------------------------------------------------------------
// SHAPE: Checker implementation called from Sweep's loop opens the TLS connection with tls.Dial: an unreachable host stalls the whole sweep
type certChecker struct {
	addr   string
	expiry time.Duration
}

func (c certChecker) Check() error {
	conn, err := tls.Dial("tcp", c.addr, &tls.Config{MinVersion: tls.VersionTLS12}) // BUG: dialtimeout
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, cert := range conn.ConnectionState().PeerCertificates {
		if time.Until(cert.NotAfter) < c.expiry {
			return fmt.Errorf("%s: %s expires %s", c.addr, cert.Subject, cert.NotAfter)
		}
	}
	return nil
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout Checker implementation dials with a bare net.Dialer whose Timeout and Deadline are set by configureDialer (another function) before Dial
type portChecker struct{ addr string }

func configureDialer(d *net.Dialer, budget time.Duration) {
	d.Timeout = 2 * time.Second
	d.Deadline = time.Now().Add(budget)
}

func (p portChecker) Check() error {
	d := &net.Dialer{} // NAIVE: dialtimeout
	configureDialer(d, 5*time.Second)
	conn, err := d.Dial("tcp", p.addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

// ---------------------------------------------------------------------------
// SHAPE: feed poller stores the method value http.DefaultClient.Get in a struct field (constructor); poll calls it later: no timeout, no context
type feedPoller struct {
	get  func(url string) (*http.Response, error)
	feed string
}

func newFeedPoller(feed string) *feedPoller {
	return &feedPoller{get: http.DefaultClient.Get, feed: feed} // BUG: dialtimeout
}

func (f *feedPoller) poll() ([]byte, error) {
	resp, err := f.get(f.feed)
	if err != nil {
		return nil, err
	}
	return apiutil.ReadBody(resp)
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout http.Client without Timeout on apiutil.NewTransport (other package), which sets a 5 s dial timeout, TLS handshake and 15 s response-header timeouts; requests have no context
type Geo struct {
	hc   *http.Client
	base string
}

func NewGeo(base string) *Geo {
	return &Geo{hc: &http.Client{Transport: apiutil.NewTransport(nil)}, base: base} // NAIVE: dialtimeout
}

func (g *Geo) Lookup(ip string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, g.base+"/ip/"+ip, nil)
	if err != nil {
		return nil, err
	}
	resp, err := g.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

var (
	_ = newCacheConn
	_ = (*cacheConn).connect
	_ = newQueueConn
	_ = newFeedPoller
	_ = (*feedPoller).poll
	_ Checker = certChecker{}
	_ Checker = portChecker{}
)
