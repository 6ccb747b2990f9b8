package transports

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"time"

	"wrap"
)

// Flagged: a package-level Clone configured in init and kept by a client
// (the shape of metafates/mangal network/client.go). No fix: a package
// variable's initializer cannot take a statement.
var transport = http.DefaultTransport.(*http.Transport).Clone() // want `http.Transport in package variable transport speaks HTTP/2 \(a Clone of http.DefaultTransport, which sets ForceAttemptHTTP2\) without a ping health check: a connection that dies silently \(NAT timeout, failover\) stays in the pool and every request sent on it hangs until its own timeout, for about 15 min until the kernel gives up; set HTTP2: &http.HTTP2Config\{SendPingTimeout: ...\}`

func init() {
	transport.MaxIdleConns = 100
	transport.MaxIdleConnsPerHost = 100
	transport.IdleConnTimeout = 30 * time.Second
}

var Client = &http.Client{Timeout: time.Minute, Transport: transport}

// Flagged: a constructor returning a configured Clone (kyma-project
// eventing-manager hack/e2e/common/http).
func NewTransport(maxIdleConns, maxConnsPerHost int, idleConnTimeout time.Duration) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone() // want `http.Transport returned by NewTransport speaks HTTP/2 \(a Clone of http.DefaultTransport`
	t.MaxIdleConns = maxIdleConns
	t.MaxConnsPerHost = maxConnsPerHost
	t.IdleConnTimeout = idleConnTimeout
	return t
}

// Flagged: ForceAttemptHTTP2 with a custom dialer, in a package client
// (qiniu go-sdk's DefaultTransport, held by a client here).
var dialer = &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}

var apiClient = &http.Client{Transport: &http.Transport{ // want `http.Transport used by the http.Client in package variable apiClient speaks HTTP/2 \(ForceAttemptHTTP2 is set\) without a ping health check`
	Proxy:                 http.ProxyFromEnvironment,
	DialContext:           dialer.DialContext,
	ForceAttemptHTTP2:     true,
	MaxIdleConns:          100,
	IdleConnTimeout:       90 * time.Second,
	TLSHandshakeTimeout:   10 * time.Second,
	ExpectContinueTimeout: 1 * time.Second,
}}

// Flagged: no TLS config and no dialer, so net/http turns HTTP/2 on for
// https by itself; kept in a struct field.
type API struct {
	tr   *http.Transport
	base string
}

func NewAPI(base string) *API {
	return &API{base: base, tr: &http.Transport{MaxIdleConnsPerHost: 10}} // want `http.Transport in field tr speaks HTTP/2 \(it sets no TLSClientConfig or dialer, so net/http enables HTTP/2 for https\)`
}

// Flagged: an HTTP2Config that tunes the connection but sets no
// SendPingTimeout; PingTimeout alone does not start pings.
var tuned = &http.Transport{ // want `http.Transport in package variable tuned speaks HTTP/2`
	ForceAttemptHTTP2: true,
	HTTP2: &http.HTTP2Config{
		MaxReadFrameSize: 1 << 20,
		PingTimeout:      5 * time.Second,
	},
}

// Flagged: SendPingTimeout written as zero, which means no health check.
var zeroPing = &http.Transport{ForceAttemptHTTP2: true, HTTP2: &http.HTTP2Config{SendPingTimeout: 0}} // want `http.Transport in package variable zeroPing speaks HTTP/2`

// Flagged: HTTP/2 enabled through Protocols on a transport with its own
// TLS config (Go 1.24's replacement for ConfigureTransports), returned
// inside a client.
func newPrimaryClient(cfg *tls.Config) *http.Client {
	protocols := new(http.Protocols)
	protocols.SetHTTP2(true)
	return &http.Client{
		Transport: &http.Transport{ // want `http.Transport used by the http.Client returned by newPrimaryClient speaks HTTP/2 \(Protocols enables it\)`
			TLSClientConfig: cfg,
			Protocols:       protocols,
		},
	}
}

// Flagged: unencrypted HTTP/2 (h2c) enabled on the transport's own
// Protocols field, kept in a field.
type h2cProxy struct{ upstream *http.Transport }

func newH2CProxy() *h2cProxy {
	t := &http.Transport{DialContext: (&net.Dialer{}).DialContext} // want `http.Transport in field upstream speaks HTTP/2 \(Protocols enables it\)`
	t.Protocols = new(http.Protocols)
	t.Protocols.SetUnencryptedHTTP2(true)
	return &h2cProxy{upstream: t}
}

// Flagged: kept as an http.RoundTripper in an unexported package variable
// and used only as clients' Transport.
var defaultRT http.RoundTripper = &http.Transport{ForceAttemptHTTP2: true, TLSClientConfig: &tls.Config{}} // want `http.Transport in package variable defaultRT speaks HTTP/2 \(ForceAttemptHTTP2 is set\)`

func rtClient() *http.Client { return &http.Client{Transport: defaultRT} }

// Flagged: a service whose client holds a local transport.
type Service struct{ client *http.Client }

func NewService(cfg *tls.Config) *Service {
	tr := &http.Transport{TLSClientConfig: cfg} // want `http.Transport used by the http.Client in field client speaks HTTP/2 \(ForceAttemptHTTP2 is set\)`
	tr.ForceAttemptHTTP2 = true
	return &Service{client: &http.Client{Transport: tr}}
}

// Flagged: HTTP2 assigned later, without SendPingTimeout.
func newStrict() *http.Transport {
	t := &http.Transport{} // want `http.Transport returned by newStrict speaks HTTP/2`
	t.HTTP2 = &http.HTTP2Config{StrictMaxConcurrentRequests: true}
	return t
}

// Flagged: a zero-value package variable. No fix: there is no literal.
var zeroTransport http.Transport // want `http.Transport in package variable zeroTransport speaks HTTP/2 \(it sets no TLSClientConfig or dialer`

var zeroClient = &http.Client{Transport: &zeroTransport}

// Flagged: HTTP2: nil.
var nilConfig = &http.Transport{ForceAttemptHTTP2: true, HTTP2: nil} // want `http.Transport in package variable nilConfig speaks HTTP/2`

// Silent: made, used and dropped within one call (unboundedpool judges
// per-call transports).
func fetch(ctx context.Context, url string) error {
	t := http.DefaultTransport.(*http.Transport).Clone()
	c := &http.Client{Transport: t}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: a custom TLS config without ForceAttemptHTTP2 keeps net/http on
// HTTP/1.1 (transport.go, Transport.protocols).
var insecure = &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}

// Silent: a custom dialer, likewise (frozzare/go http2/client-1.7.go).
var pooled = &http.Transport{
	DialContext:         (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
	TLSHandshakeTimeout: 10 * time.Second,
	IdleConnTimeout:     60 * time.Second,
	MaxIdleConnsPerHost: 5,
}

// Silent: pings configured.
var pinging = &http.Client{Transport: &http.Transport{
	ForceAttemptHTTP2: true,
	HTTP2:             &http.HTTP2Config{SendPingTimeout: 15 * time.Second, PingTimeout: 5 * time.Second},
}}

// Silent: pings configured on a Clone after the fact.
func newPinged() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.HTTP2 = &http.HTTP2Config{SendPingTimeout: 15 * time.Second, PingTimeout: 5 * time.Second}
	return t
}

// Silent: an empty TLSNextProto disables HTTP/2.
var h1Only = &http.Transport{ForceAttemptHTTP2: true, TLSNextProto: map[string]func(string, *tls.Conn) http.RoundTripper{}}

// Silent: keep-alives off: no connection is reused, so none is reused dead
// (stremthru core/http.go).
var DefaultHTTPTransport = newNoKeepAlive()

func newNoKeepAlive() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DisableKeepAlives = true
	return t
}

// Silent: handed to another package, which owns it from then on.
var wrapped = &http.Client{Transport: wrap.Transport(&http.Transport{ForceAttemptHTTP2: true})}

// Silent: Protocols with HTTP/1 only.
func newH1(cfg *tls.Config) *http.Transport {
	var p http.Protocols
	p.SetHTTP1(true)
	return &http.Transport{TLSClientConfig: cfg, Protocols: &p, ForceAttemptHTTP2: true}
}

// Silent: the HTTP/2 config comes from the caller.
func NewWithConfig(h2 *http.HTTP2Config) *http.Transport {
	return &http.Transport{ForceAttemptHTTP2: true, HTTP2: h2}
}

// Silent: SendPingTimeout from configuration, not a constant.
func newFromSettings(ping time.Duration) *http.Transport {
	return &http.Transport{HTTP2: &http.HTTP2Config{SendPingTimeout: ping}}
}

// Silent: whether HTTP/2 is attempted is decided at run time.
func newMaybeH2(useH2 bool, cfg *tls.Config) *http.Transport {
	return &http.Transport{TLSClientConfig: cfg, ForceAttemptHTTP2: useH2}
}

// Silent: a Clone whose ForceAttemptHTTP2 is turned off again: the clone
// has DefaultTransport's TLSClientConfig, so HTTP/2 stays off.
func newClonedH1() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ForceAttemptHTTP2 = false
	return t
}

// Silent: an exported RoundTripper variable may be type-asserted and
// configured by importers.
var SharedRT http.RoundTripper = &http.Transport{ForceAttemptHTTP2: true}

// Silent: an interface variable that is type-asserted.
var assertedRT http.RoundTripper = &http.Transport{ForceAttemptHTTP2: true}

func tune() { assertedRT.(*http.Transport).HTTP2 = &http.HTTP2Config{SendPingTimeout: time.Second} }

// Silent: a Clone of a transport other than DefaultTransport.
func derive(base *http.Transport) *http.Transport { return base.Clone() }

// Flagged: a pooled transport from a constructor; another constructor
// turns keep-alives off on its own copy, which does not make the pooled
// one safe (hashicorp/go-cleanhttp's DefaultPooledTransport and
// DefaultTransport).
func DefaultNonPooledTransport() *http.Transport {
	transport := DefaultPooledTransport()
	transport.DisableKeepAlives = true
	transport.MaxIdleConnsPerHost = -1
	return transport
}

func DefaultPooledTransport() *http.Transport {
	transport := &http.Transport{ // want `http.Transport returned by DefaultPooledTransport speaks HTTP/2 \(ForceAttemptHTTP2 is set\)`
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        100,
		IdleConnTimeout:     90 * time.Second,
		ForceAttemptHTTP2:   true,
		MaxIdleConnsPerHost: 3,
	}
	return transport
}

// Silent: the protocols come from the caller, who may or may not enable
// HTTP/2.
func NewWithProtocols(p *http.Protocols) *http.Transport {
	return &http.Transport{Protocols: p}
}

// Flagged: new(http.Transport) in a package variable, configured in init.
// No fix: there is no literal.
var newed = new(http.Transport) // want `http.Transport in package variable newed speaks HTTP/2 \(ForceAttemptHTTP2 is set\)`

func init() {
	newed.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS13}
	newed.ForceAttemptHTTP2 = true
}

// Silent: suppressed, with a reason.
//
//connvet:ignore h2ping the peer is a sidecar on the same host
var sidecar = &http.Transport{ForceAttemptHTTP2: true}
