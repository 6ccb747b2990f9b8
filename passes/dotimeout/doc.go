// Package dotimeout defines an Analyzer that finds fasthttp requests that
// keep a pooled connection after the caller gave up, or wait forever.
//
// # Analyzer dotimeout
//
// dotimeout: fasthttp request holds its connection past the caller's timeout
//
// A fasthttp client without a positive ReadTimeout sets no read deadline on
// its connections. Several calls then leave the request running on its
// pooled connection after the caller has stopped waiting:
//
//   - DoTimeout and DoDeadline, in fasthttp releases before v1.39.0, ran the
//     request in a goroutine and returned ErrTimeout while that goroutine
//     kept the connection;
//   - GetTimeout and GetDeadline still do so in every release;
//   - PipelineClient.DoTimeout and DoDeadline return on a timer while the
//     request stays queued;
//   - Do, Get, Post and DoRedirects with no deadline at all block for as
//     long as the server stays silent.
//
// Against a server that stops answering, every such request pins one
// connection. Once the host's pool (MaxConnsPerHost, 512 by default) is
// full, every later request fails at once with ErrNoFreeConns ("no free
// connections available to host").
//
// The check follows the client value to its construction: composite
// literals, new(T), zero-value variables, struct fields and package
// variables assigned elsewhere, constructor functions, and clients built in
// other packages (through analysis facts). A ReadTimeout set anywhere the
// value flows counts. Where the construction cannot be seen (a parameter,
// an interface, an unknown function) the check stays silent.
//
// Requests whose peer is in this process are not reported unless
// -dotimeout.inprocess is set: a client whose Dial hook ignores its
// address and dials an in-memory listener (fasthttputil's) or a pipe, a
// HostClient or PipelineClient whose Addr is a loopback port a listener of
// the package opens or a listener's Addr(), a URL of such a listener, and
// in _test.go files outside Example functions every request that names no
// visibly external host. The question is asked of each client and
// request, not of the file, so a helper in a non-test file that requests
// its caller's address is still reported.
//
// Bad:
//
//	var client = &fasthttp.Client{}
//	err := client.DoTimeout(req, resp, time.Second) // fasthttp < v1.39.0
//
// Good:
//
//	var client = &fasthttp.Client{ReadTimeout: time.Second}
//	err := client.Do(req, resp)
//
// The suggested fix adds ReadTimeout to the client's composite literal: the
// call's own timeout when that expression is valid there, otherwise
// dotimeout.DefaultReadTimeout (30 seconds), adding the time import when
// needed.
package dotimeout
