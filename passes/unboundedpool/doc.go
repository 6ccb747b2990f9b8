// Package unboundedpool defines an Analyzer that finds connection pools
// without a bound: a pool made per request, or idle connections that never
// expire.
//
// # Analyzer unboundedpool
//
// unboundedpool: connection pool made per request or never expiring
//
// An http.Transport is a connection pool. Every kept-alive connection owns
// a read-loop and a write-loop goroutine, and with IdleConnTimeout zero (the
// zero Transport's value) an idle connection is never closed; net/http
// registers no finalizer, so a dropped Transport keeps its connections and
// goroutines. A new Transport (or an http.Client with a new Transport) made
// for each request, inside a loop, inside an HTTP handler, or in a function
// that uses it and drops it without CloseIdleConnections, leaks a socket and
// two goroutines per request. A fasthttp Client or HostClient closes its
// idle connections MaxIdleConnDuration (10s by default) after their last
// use, with a cleaner goroutine per client; made per request, it still
// holds a socket per request for that long.
//
// The check reports
//
//   - a pool constructed in a loop, in an HTTP handler (net/http or
//     fasthttp), or in a function that makes requests with it and drops it
//     without calling CloseIdleConnections;
//   - the same for a call of a helper, of this package or another, that
//     makes a new pool on every call and keeps it nowhere else (its result
//     is a new Transport, a RoundTripper wrapping one, or an http.Client
//     holding one); handing the pool, bound to a local or as it is made, to
//     a function of this package that only sends requests with it (also
//     through decorators: function values or interface methods that take
//     a sender and return one) counts as a use;
//   - the same for a call of a constructor of this package whose result is
//     a struct that keeps a pool made in the constructor (an SDK client
//     type), used through the package's methods and dropped; a method that
//     calls CloseIdleConnections on the pool releases it;
//   - an http.Transport literal without IdleConnTimeout (or with zero),
//     unless it sets DisableKeepAlives, its idle connections are closed, or
//     every request the package sends through it sets req.Close = true
//     (none of them is kept idle); also one whose IdleConnTimeout comes
//     from an unexported option field that no default of the package sets,
//     or from a configuration field that the package's defaults filler
//     leaves zero while it fills its neighbours;
//   - with -unboundedpool.maxconns, an http.Transport literal without
//     MaxConnsPerHost.
//
// Pools stored in package variables or struct fields, returned, or handed
// to other code are not reported as per-request pools, nor are those made
// in main or init, nor those whose every request sets req.Close = true.
// Pools whose every request reaches a peer in this process (an
// httptest.Server, a listener of this process) or whose dial hooks route
// there are not reported unless -unboundedpool.inprocess is set.
//
// Bad:
//
//	func handler(w http.ResponseWriter, r *http.Request) {
//		client := &http.Client{Transport: &http.Transport{}}
//		resp, err := client.Get(backend)
//		...
//	}
//
// Good:
//
//	var client = &http.Client{Transport: &http.Transport{IdleConnTimeout: 90 * time.Second}}
//
// Suggested fixes: defer x.CloseIdleConnections() after a per-call
// construction; IdleConnTimeout: 90 * time.Second (DefaultTransport's
// value) in a Transport literal.
package unboundedpool
