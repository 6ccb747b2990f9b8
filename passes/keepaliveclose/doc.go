// Package keepaliveclose defines an Analyzer that finds servers that close
// a keep-alive connection after one response without telling the client.
//
// # Analyzer keepaliveclose
//
// keepaliveclose: server closes a keep-alive connection unannounced
//
// An HTTP/1.1 response that does not say "Connection: close" promises the
// client that the connection stays open for its next request. A server
// that closes it anyway races the client: a keep-alive client (Go's
// http.Transport, browsers, fasthttp) sends its next request on the
// connection and sees it die. Go's Transport then fails the request with
// "http: server closed idle connection" or EOF when it is not replayable
// (POST without GetBody), and silently sends it a second time when it is
// (GET, HEAD, a body with GetBody): the server may run it twice.
//
// The check reports:
//
//   - a function that reads one request from a connection
//     (http.ReadRequest, fasthttp Request.Read*), writes a framed response
//     (raw text with Content-Length or chunked encoding, an http.Response,
//     a fasthttp Response) and closes the connection, with no loop serving
//     further requests and no Connection: close in the response;
//   - a response like that written inside a request loop (requests read
//     in a loop from a connection defined outside it), after which every
//     path leaves the loop (return, break, goto past it) without reading
//     another request, continuing the loop or handing the connection
//     away: the function's owner of the connection closes it;
//   - the same across a function boundary: a function handed the request
//     with its connection (a *http.Request parameter and a connection
//     parameter, which may be an io.ReadWriteCloser or any interface with
//     Write) that answers and closes it, and a handler of the package that
//     answers on the connection a one-shot caller passes it, when the
//     caller or the handler closes the connection after the call;
//   - in a request loop, a response that says Connection: keep-alive
//     explicitly (raw text, or an http.Response of unknown origin on
//     which the code sets the Connection header, Close = false and a
//     known length on the path) after which some path leaves the loop;
//   - in a request loop that answers with keep-alive responses, a request
//     read successfully after which a path leaves the loop without
//     writing any response to it;
//   - a net/http handler that hijacks the connection, writes such a
//     response and closes it;
//   - a fasthttp handler that closes ctx.Conn().
//
// It stays silent for request loops that come round to the next request,
// for responses that announce the close
// (Connection: close, resp.Close = true, fasthttp SetConnectionClose),
// for HTTP/1.0 responses without keep-alive, for interim 1xx responses,
// for connections switched to another protocol by 101 Switching Protocols,
// for responses without framing (the close is their end; see
// contentlength), for code that looks at the client's own Connection
// header or protocol version before closing, and whenever the connection
// or the response value is handed to code it does not follow.
//
// Bad:
//
//	req, err := http.ReadRequest(bufio.NewReader(conn))
//	...
//	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
//	conn.Close()
//
// Good:
//
//	io.WriteString(conn, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
//	conn.Close()
//
// The suggested fix announces the close: it adds "Connection: close" after
// the status line of raw text, sets resp.Close = true before
// http.Response.Write, calls resp.SetConnectionClose() before a fasthttp
// Response is written, and replaces ctx.Conn().Close() in a fasthttp
// handler by ctx.SetConnectionClose(), which makes the server send the
// response with Connection: close and then close the connection itself.
package keepaliveclose
