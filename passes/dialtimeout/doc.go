// Package dialtimeout defines an Analyzer that finds outbound connections
// and HTTP requests that can block for minutes on an unreachable or silent
// peer.
//
// # Analyzer dialtimeout
//
// dialtimeout: dial or HTTP request with no timeout
//
// net.Dial, tls.Dial and Dial on a net.Dialer without Timeout or Deadline
// wait for the operating system to give up on an unreachable peer: on
// Linux, SYN retries take about two minutes. An http.Client without
// Timeout, used for a request that carries no context (Get, Head, Post,
// PostForm, or Do with a request from http.NewRequest), waits forever for
// a server that accepts the connection and never answers: the default
// Transport bounds the dial (30 s) but not the response. The package-level
// http.Get, Head, Post and PostForm use http.DefaultClient, which has no
// Timeout.
//
// Requests made with a caller's context (http.NewRequestWithContext,
// req.WithContext, DialContext) are not reported, nor are clients whose
// Transport bounds both the dial and the response header, nor values whose
// construction cannot be seen, nor dials with no handshake to wait for
// (a udp, ip or unix network, or the Network() of a *net.UDPAddr,
// *net.IPAddr or *net.UnixAddr). Dials and requests whose peer is in this
// process (an httptest.Server, a listener the package opens, a client whose
// Transport is in memory or routed to this process) are not reported
// unless -dialtimeout.inprocess is set; the question is asked of each
// value, not of the file.
//
// Bad:
//
//	conn, err := net.Dial("tcp", addr)
//	resp, err := http.Get(url)
//
// Good:
//
//	conn, err := net.DialTimeout("tcp", addr, 30*time.Second)
//	client := &http.Client{Timeout: 30 * time.Second}
//	resp, err := client.Get(url)
//
// Suggested fixes: net.Dial becomes net.DialTimeout; Timeout: 30s is added
// to a net.Dialer or http.Client literal.
package dialtimeout
