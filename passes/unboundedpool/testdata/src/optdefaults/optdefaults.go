// Package optdefaults: transports configured from functional options,
// whose IdleConnTimeout is an option field that no default sets.
package optdefaults

import (
	"flag"
	"net"
	"net/http"
	"time"
)

// The shape yarpc fixed upstream: the package default sets other fields,
// not the idle timeout; only an option a caller may pass does.

type transportOptions struct {
	keepAlive    time.Duration
	maxIdle      int
	idleTimeout  time.Duration
	disableAlive bool
}

var defaultTransportOptions = transportOptions{ // a default that leaves idleTimeout zero
	keepAlive: 30 * time.Second,
	maxIdle:   2,
}

type TransportOption func(*transportOptions)

func IdleTimeout(d time.Duration) TransportOption {
	return func(o *transportOptions) { o.idleTimeout = d }
}

func MaxIdle(n int) TransportOption {
	return func(o *transportOptions) { o.maxIdle = n }
}

func NewClient(opts ...TransportOption) *http.Client {
	o := defaultTransportOptions
	for _, opt := range opts {
		opt(&o)
	}
	return buildClient(&o)
}

func buildClient(o *transportOptions) *http.Client {
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{ // want `http.Transport's IdleConnTimeout comes from idleTimeout, which no default sets: unless a caller passes the option, its idle connections are never closed`
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: o.keepAlive}).DialContext,
			MaxIdleConnsPerHost: o.maxIdle,
			IdleConnTimeout:     o.idleTimeout,
			DisableKeepAlives:   o.disableAlive,
		},
	}
}

// A setter method on an exported config type, and a default made inline.

type Config struct {
	idle time.Duration
	max  int
}

func (c *Config) SetIdleTimeout(d time.Duration) *Config { c.idle = d; return c }

func NewConfig() *Config { return &Config{max: 10} } // a default that leaves idle zero

func (c *Config) Transport() *http.Transport {
	return &http.Transport{MaxIdleConns: c.max, IdleConnTimeout: c.idle} // want `IdleConnTimeout comes from idle, which no default sets`
}

// Two defaults, both without the timeout: reported, no fix (which one?).

type poolOptions struct {
	idle time.Duration
	host string
}

func WithPoolIdle(d time.Duration) func(*poolOptions) {
	return func(o *poolOptions) { o.idle = d }
}

func localPool() *http.Transport {
	o := poolOptions{host: "localhost"}             // a default that leaves idle zero
	return &http.Transport{IdleConnTimeout: o.idle} // want `IdleConnTimeout comes from idle`
}

func remotePool(opts ...func(*poolOptions)) *http.Transport {
	o := poolOptions{host: "example.com"} // a default that leaves idle zero
	for _, f := range opts {
		f(&o)
	}
	return &http.Transport{IdleConnTimeout: o.idle} // want `IdleConnTimeout comes from idle`
}

// Silent: the default sets the timeout.

type setOptions struct{ idle time.Duration }

var defaultSet = setOptions{idle: 90 * time.Second}

func WithSetIdle(d time.Duration) func(*setOptions) {
	return func(o *setOptions) { o.idle = d }
}

func setTransport() *http.Transport {
	o := defaultSet
	return &http.Transport{IdleConnTimeout: o.idle}
}

// Silent: a zero timeout is replaced by a computed default before use.

const defaultIdle = 90 * time.Second

type fillOptions struct{ idle time.Duration }

func WithFillIdle(d time.Duration) func(*fillOptions) {
	return func(o *fillOptions) { o.idle = d }
}

func fillTransport(opts ...func(*fillOptions)) *http.Transport {
	o := fillOptions{}
	for _, f := range opts {
		f(&o)
	}
	if o.idle == 0 {
		o.idle = defaultIdle
	}
	return &http.Transport{IdleConnTimeout: o.idle}
}

// Silent: the value comes from the caller's configuration.

type Settings struct{ IdleTimeout time.Duration }

type cfgOptions struct{ idle time.Duration }

func fromSettings(s Settings) *http.Transport {
	o := cfgOptions{}
	o.idle = s.IdleTimeout
	return &http.Transport{IdleConnTimeout: o.idle}
}

// Silent: an unexported constructor's parameter, which this package's own
// calls may set to anything.

type innerOptions struct{ idle time.Duration }

func newInner(idle time.Duration) innerOptions { return innerOptions{idle: idle} }

func innerTransport() *http.Transport {
	o := newInner(time.Minute)
	return &http.Transport{IdleConnTimeout: o.idle}
}

// Silent: a flag may set it (its address is taken).

type flagOptions struct{ idle time.Duration }

var flagOpts = flagOptions{}

func init() {
	flag.DurationVar(&flagOpts.idle, "idle", time.Minute, "idle timeout")
}

func flagTransport() *http.Transport {
	return &http.Transport{IdleConnTimeout: flagOpts.idle}
}

// Silent: an exported field is the caller's to set.

type Options struct{ IdleConnTimeout time.Duration }

func FromOptions(o Options) *http.Transport {
	return &http.Transport{IdleConnTimeout: o.IdleConnTimeout}
}
