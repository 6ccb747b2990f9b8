// Package dialers holds dialers built in one function and dialed in
// another: reported where they are built, with the dials as related
// information.
package dialers

import (
	"net"
	"net/http"
	"time"
)

func newCacheDialer() *net.Dialer {
	return &net.Dialer{KeepAlive: 30 * time.Second} // want `dialer c.dialer has neither Timeout nor Deadline`
}

type cacheConn struct {
	dialer *net.Dialer
	addr   string
}

func newCacheConn(addr string) *cacheConn {
	return &cacheConn{dialer: newCacheDialer(), addr: addr}
}

func (c *cacheConn) connect() (net.Conn, error) {
	return c.dialer.Dial("tcp", c.addr)
}

func (c *cacheConn) reconnect() (net.Conn, error) {
	return c.dialer.Dial("tcp", c.addr)
}

// A package variable dialed in two functions: one finding, at the literal.
var upstream = &net.Dialer{KeepAlive: time.Minute} // want `dialer upstream has neither Timeout nor Deadline`

func dialA(addr string) (net.Conn, error) { return upstream.Dial("tcp", addr) }

func dialB(addr string) (net.Conn, error) { return upstream.Dial("tcp", addr) }

// Built elsewhere, its Timeout set by the constructor.
type peer struct{ d *net.Dialer }

func newPeer() *peer {
	p := &peer{d: &net.Dialer{}}
	p.d.Timeout = 5 * time.Second
	return p
}

func (p *peer) dial(addr string) (net.Conn, error) { return p.d.Dial("tcp", addr) }

// Built and dialed in one function: reported at the dial.
func local(addr string) (net.Conn, error) {
	d := &net.Dialer{KeepAlive: time.Minute}
	return d.Dial("tcp", addr) // want `dialer d has neither Timeout nor Deadline`
}

// http.DefaultClient's Get kept in a field by a constructor: reported where
// it is taken.
type poller struct {
	get func(url string) (*http.Response, error)
}

func newPoller() *poller {
	return &poller{get: http.DefaultClient.Get} // want `http.DefaultClient has no Timeout and the request no context`
}

func (p *poller) poll(url string) error {
	resp, err := p.get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
