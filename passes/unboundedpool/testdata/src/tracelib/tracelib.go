// Package tracelib wraps transports with the tracer the application
// registers; traceusers builds clients on it.
package tracelib

import "net/http"

// Provider instruments transports.
type Provider interface {
	Instrument(base http.RoundTripper) http.RoundTripper
}

var provider Provider

// Register sets the process's provider.
func Register(p Provider) { provider = p }

// Enabled reports whether a provider is registered.
func Enabled() bool { return provider != nil }

// Instrument wraps base with the registered provider.
func Instrument(base *http.Transport) http.RoundTripper {
	if provider == nil {
		return base
	}
	return provider.Instrument(base)
}

var tracked []http.RoundTripper

// Track keeps base, to close its connections at shutdown, and wraps it.
func Track(base *http.Transport) http.RoundTripper {
	tracked = append(tracked, base)
	return Instrument(base)
}
