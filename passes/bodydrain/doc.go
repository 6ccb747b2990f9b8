// Package bodydrain defines an Analyzer that finds HTTP response bodies
// closed before they were read to EOF, or never closed, so that the
// Transport cannot reuse the connection.
//
// # Analyzer bodydrain
//
// bodydrain: response body closed before EOF, or never closed
//
// net/http's Transport puts a connection back in its pool only when the
// response body was read to EOF before Close. Closing it earlier makes the
// Transport close the connection; never closing it leaks the connection
// and its goroutines. Decoding JSON or XML stops at the end of the value
// and can leave the end of a chunked body, or data after the value,
// unread; such a close is reported with its own message, which
// -bodydrain.decoder=false turns off.
//
// For each response a function obtains straight from a Transport
// (Client.Do, Get, Post, http.Get, RoundTrip, a wrapper known by its
// fact to return such a response untouched, or a local function variable
// holding only such senders, middleware-wrapped or not) and owns, the
// check follows the function's control-flow graph from the call, past the
// error check, to every Close of the body and every return:
//
//   - a Close (direct or deferred) reached on a path where the body was not
//     read to EOF is reported; an early return after a status check is the
//     common case;
//   - a return reached on a path where the body is never closed is
//     reported.
//
// Reads to EOF are io.Copy and io.CopyBuffer from the body, io.ReadAll,
// ioutil.ReadAll, a bufio.Scanner or decoder over the body used in a loop,
// a loop calling Read, and helpers, in any package, known through analysis
// facts to drain their argument, and resp.Write, which copies the body to
// its end and closes it. One json.Decoder.Decode does not count, nor do
// bounded reads (io.ReadFull, one Read, one Scan, io.CopyN or a read of
// io.LimitReader below a drain cap of 2 KiB, net/http's own).
//
// The check stays silent on the paths where the response or its body
// escapes: returned, also inside the package's own wrapper type (unless a
// deferred Close of the body runs first: the caller then gets a closed
// body),
// stored, sent on a channel, or handed to a function not known to drain,
// close or only look at it; the other paths are still judged, and a
// variable assigned the next response drops the one it held. A response
// captured by a closure other than a deferred one is not judged. Responses
// from APIs that need no close (httptest.ResponseRecorder.Result,
// gorilla/websocket dials; extend with -bodydrain.noclose) and from HEAD
// requests (http.Head, or a request made with the constant method HEAD)
// are not reported, nor is the branch of a status check where the status
// is 204 or 304, whose body is empty, or where resp.ContentLength exceeds
// a drain cap (left unread on purpose, as net/http's client does). A
// function that sends a write (POST, PUT, PATCH, DELETE), reads the body
// where a status check says the request failed, and closes it unread where
// the check says it succeeded, knows the API's success carries no content
// (202 from a push gateway, the 204 of a write): that close is not
// reported either.
//
// A func literal given as a callback to a function that hands it a
// response it obtained and does not close afterwards (known by a fact,
// through wrappers that pass the callback on, and through an interface
// whose implementations in its own package all do) owns that response:
// its *http.Response parameter is judged from the literal's entry like a
// response it obtained.
//
// A function of the package started as a goroutine with a response the
// caller obtained (go c.handle(resp)) owns it and is judged the same way. A
// body handed to a consumer out of sight (a function value, an interface
// method) is unknown on the side where it succeeds; where its error is not
// nil it stopped part way, and a close there is reported. A range over an
// iterator that reads the body reaches EOF only where the loop runs out. A
// struct type of the package that keeps a response body it reads (rows,
// exports, pages) ends it in its Close: a Close that closes the body
// unread, or the body kept as the type's embedded io.Closer, is reported;
// types around text/event-stream, which may never end, are not.
//
// Responses from a peer in this process are not reported either: requests
// to an httptest.Server (its URL, its Client(), its listener's address), to
// a listener the package opens, or through a client whose Transport is in
// memory or routed to this process. The question is asked of each
// request's URL, request, client and transport, not of the file, so a
// helper in a non-test file that requests its caller's URL is still
// reported. -bodydrain.inprocess reports them too.
//
// Bad:
//
//	resp, err := client.Get(url)
//	if err != nil {
//		return err
//	}
//	defer resp.Body.Close()
//	if resp.StatusCode != http.StatusOK {
//		return fmt.Errorf("status %s", resp.Status) // body not read
//	}
//	return json.NewDecoder(resp.Body).Decode(&v)
//
// Good:
//
//	defer resp.Body.Close()
//	defer io.Copy(io.Discard, resp.Body) // runs first: drains what is left
//
// The suggested fix inserts io.Copy(io.Discard, resp.Body) before the
// Close (for a deferred Close, a deferred drain after it, which runs
// first), adding the io import.
package bodydrain
