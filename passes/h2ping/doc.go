// Package h2ping defines an Analyzer that finds long-lived HTTP/2 client
// transports without a ping health check.
//
// # Analyzer h2ping
//
// h2ping: long-lived HTTP/2 transport without a ping health check
//
// On HTTP/2 many requests share one TCP connection. When the peer or a
// middlebox drops it silently (NAT timeout, failover, a pulled cable), the
// Transport keeps the connection in its pool: every request multiplexed
// onto it hangs until its own timeout, and new requests are sent to the
// same dead connection, until the kernel gives up retransmitting (about
// 15 minutes with Linux defaults) or forever when something still
// acknowledges the packets. A ping sent when nothing has been read for a
// while finds the dead connection and closes it: ReadIdleTimeout on a
// golang.org/x/net/http2 Transport, or, since Go 1.24,
// HTTP2.SendPingTimeout on an http.Transport. Zero, the default, means no
// health check.
//
// The check reports, where it is built, a transport kept for the life of
// the process (in a package variable or a struct field, returned by a
// constructor, or held by an http.Client kept that way):
//
//   - an http2.Transport (literal, new, or zero variable) without a
//     positive ReadIdleTimeout;
//   - an http.Transport that speaks HTTP/2 without a positive
//     HTTP2.SendPingTimeout (nor ReadIdleTimeout on the http2.Transport
//     that http2.ConfigureTransports returned for it). An http.Transport
//     speaks HTTP/2 when it is a Clone of http.DefaultTransport, sets
//     ForceAttemptHTTP2, enables it in Protocols, is passed to
//     http2.ConfigureTransport(s), or sets none of TLSClientConfig, Dial,
//     DialContext, DialTLS and DialTLSContext (net/http's own rule); not
//     when TLSNextProto is set or //go:debug http2client=0 is in force.
//
// Transports made and dropped within one call (unboundedpool's business),
// transports that reach code the package cannot see or have keep-alives
// disabled, transports in test files other than package variables (they
// live as long as a test), and those in test files that start httptest
// servers (their peer is in the process; -h2ping.inprocess reports them
// too) are not reported.
//
// Bad:
//
//	var client = &http.Client{Transport: &http.Transport{ForceAttemptHTTP2: true}}
//
// Good:
//
//	var client = &http.Client{Transport: &http.Transport{
//		ForceAttemptHTTP2: true,
//		HTTP2:             &http.HTTP2Config{SendPingTimeout: 30 * time.Second, PingTimeout: 15 * time.Second},
//	}}
//
// Suggested fixes: HTTP2: &http.HTTP2Config{SendPingTimeout: 30 *
// time.Second, PingTimeout: 15 * time.Second} in an http.Transport literal
// (or after a Clone bound to a variable) when the file's Go version is 1.24
// or later; ReadIdleTimeout: 30 * time.Second, PingTimeout: 15 *
// time.Second in an http2.Transport literal. A key already present with a
// zero value is replaced.
package h2ping
