package h2ping

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"time"

	"golang.org/x/net/http2"

	"example.com/xnet0620/wrap"
)

// Flagged: an h2c client kept in a package variable, without pings
// (Darkness4/distributed-systems-training internal/http/client.go).
var DefaultClient = &http.Client{
	Transport: &http2.Transport{ // want `http2.Transport used by the http.Client in package variable DefaultClient has no ReadIdleTimeout: a connection that dies silently \(NAT timeout, failover\) stays in the pool and every request sent on it hangs until its own timeout, for about 15 min until the kernel gives up; set ReadIdleTimeout to ping a connection that has read nothing for that long`
		AllowHTTP: true,
		DialTLS: func(network, addr string, _ *tls.Config) (net.Conn, error) {
			return net.Dial(network, addr)
		},
	},
}

// Flagged: ReadIdleTimeout written as zero; the fix replaces it.
type streamer struct{ rt *http2.Transport }

func newStreamer() *streamer {
	return &streamer{rt: &http2.Transport{ReadIdleTimeout: 0, WriteByteTimeout: 5 * time.Second}} // want `http2.Transport in field rt has no ReadIdleTimeout`
}

// Flagged: timeouts for idle connections and writes, but none that finds
// a dead connection with requests on it.
func NewDaemonTransport() *http2.Transport {
	return &http2.Transport{ // want `http2.Transport returned by NewDaemonTransport has no ReadIdleTimeout`
		AllowHTTP: true,
		DialTLSContext: func(ctx context.Context, network, addr string, _ *tls.Config) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
		IdleConnTimeout:  5 * time.Second,
		WriteByteTimeout: 5 * time.Second,
	}
}

// Flagged: ConfigureTransport turns HTTP/2 on although the transport has
// its own TLS config; the http.Transport is where the ping goes (x/net
// reads its HTTP2 field).
var tlsTransport = &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}} // want `http.Transport in package variable tlsTransport speaks HTTP/2 \(http2.ConfigureTransport enables it\) without a ping health check`

func init() {
	if err := http2.ConfigureTransport(tlsTransport); err != nil {
		panic(err)
	}
}

// Flagged: the http2.Transport ConfigureTransports returns is dropped, so
// nothing can set ReadIdleTimeout on it.
func NewH2Transport(cfg *tls.Config) (*http.Transport, error) {
	t := &http.Transport{TLSClientConfig: cfg, IdleConnTimeout: time.Minute} // want `http.Transport returned by NewH2Transport speaks HTTP/2 \(http2.ConfigureTransports enables it\)`
	if _, err := http2.ConfigureTransports(t); err != nil {
		return nil, err
	}
	return t, nil
}

// Flagged: an http.RoundTripper package variable used as clients'
// Transport.
var h2rt http.RoundTripper = &http2.Transport{AllowHTTP: true} // want `http2.Transport in package variable h2rt has no ReadIdleTimeout`

func h2Client() *http.Client { return &http.Client{Transport: h2rt} }

// Flagged: PingTimeout alone on the returned http2.Transport starts no
// pings.
func NewPingless(cfg *tls.Config) *http.Client {
	t := &http.Transport{TLSClientConfig: cfg} // want `http.Transport used by the http.Client returned by NewPingless speaks HTTP/2 \(http2.ConfigureTransports enables it\)`
	if h2, err := http2.ConfigureTransports(t); err == nil {
		h2.PingTimeout = 5 * time.Second
	}
	return &http.Client{Transport: t}
}

// Flagged: new(http2.Transport) kept in a field. No fix: no literal.
type pool struct{ h2 *http2.Transport }

func newPool() *pool {
	p := &pool{h2: new(http2.Transport)} // want `http2.Transport in field h2 has no ReadIdleTimeout`
	p.h2.AllowHTTP = true
	return p
}

// Flagged: a zero http2.Transport package variable.
var zeroH2 http2.Transport // want `http2.Transport in package variable zeroH2 has no ReadIdleTimeout`

// Silent: ReadIdleTimeout on the http2.Transport of a Clone
// (google.golang.org/api transport/http configure_http2_go116.go).
func NewClient() *http.Client {
	trans := http.DefaultTransport.(*http.Transport).Clone()
	configureHTTP2(trans)
	return &http.Client{Transport: trans}
}

func configureHTTP2(trans *http.Transport) {
	http2Trans, err := http2.ConfigureTransports(trans)
	if err == nil {
		http2Trans.ReadIdleTimeout = time.Second * 31
	}
}

// Silent: pings configured (the shape of cortexproject's
// frontend/transport defaultTransport).
var defaultTransport http.RoundTripper = &http2.Transport{
	AllowHTTP:        true,
	ReadIdleTimeout:  30 * time.Second,
	WriteByteTimeout: 30 * time.Second,
	PingTimeout:      90 * time.Second,
	DialTLSContext: func(ctx context.Context, network, addr string, cfg *tls.Config) (net.Conn, error) {
		return net.Dial(network, addr)
	},
}

// Silent: a one-shot client in main's stead (k2wanko/go-http2-example):
// made, used once and dropped.
func getOnce(url string) error {
	hc := &http.Client{Transport: &http2.Transport{TLSClientConfig: &tls.Config{}}}
	resp, err := hc.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: the http2.Transport is returned, and the caller may set
// ReadIdleTimeout on it.
func NewPair(cfg *tls.Config) (*http.Transport, *http2.Transport, error) {
	t := &http.Transport{TLSClientConfig: cfg}
	h2, err := http2.ConfigureTransports(t)
	return t, h2, err
}

// Silent: ReadIdleTimeout set after the literal.
var later = &http2.Transport{}

func init() { later.ReadIdleTimeout = 15 * time.Second }

// Silent: SendPingTimeout on the http.Transport, which x/net's
// ConfigureTransports reads; the values come from configuration (sing-box
// shape).
var keepAlive, idle = 15 * time.Second, 30 * time.Second

func configureHTTP2Transport() (*http2.Transport, error) {
	std := &http.Transport{
		TLSClientConfig: &tls.Config{},
		HTTP2: &http.HTTP2Config{
			SendPingTimeout: keepAlive,
			PingTimeout:     idle,
		},
	}
	return http2.ConfigureTransports(std)
}

// Silent: handed to an instrumentation wrapper from another package.
var instrumented = &http.Client{Transport: wrap.Transport(&http2.Transport{AllowHTTP: true})}

// Silent: ReadIdleTimeout from configuration.
func NewWithIdle(idle time.Duration) *http2.Transport {
	return &http2.Transport{ReadIdleTimeout: idle, PingTimeout: idle / 2}
}

// Flagged: the http2.Transport that ConfigureTransports returns is kept in
// a package variable, so the http.Transport it dials through is kept too.
var h2t *http2.Transport

func setup() {
	t := &http.Transport{ForceAttemptHTTP2: true} // want `http.Transport whose http2.Transport is in package variable h2t speaks HTTP/2 \(http2.ConfigureTransports enables it\)`
	var err error
	h2t, err = http2.ConfigureTransports(t)
	if err != nil {
		panic(err)
	}
}
