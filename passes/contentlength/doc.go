// Package contentlength defines an Analyzer that finds raw HTTP/1.x
// responses whose end the client cannot find on a kept-alive connection.
//
// # Analyzer contentlength
//
// contentlength: raw keep-alive response without Content-Length
//
// A response whose status allows a body and whose header block has no
// Content-Length, no Transfer-Encoding: chunked and no Connection: close is
// delimited by the end of the connection: the client reads the body until
// EOF. When the server keeps the connection open (a request loop reads the
// next request from it, also a loop written with a label and a goto back to
// the read, or it is never closed), that EOF never comes and the
// client hangs until its own timeout; http.Get without a timeout hangs
// forever.
//
// The check reconstructs the response text written to a connection from
// what is constant: string constants, fmt format strings (a %d after
// "Content-Length: " counts as a length), concatenations, and successive
// Write, WriteString, io.WriteString and fmt.Fprint calls on a net.Conn, a
// bufio.Writer over one, or a connection hijacked from net/http. It stays
// silent for 1xx, 204 and 304 responses, for HTTP/1.0 responses without
// Connection: keep-alive, in functions that handle HEAD requests (their
// responses have no body), for 2xx responses (or a status it cannot see) in
// functions that handle CONNECT (a 2xx starts a tunnel; other statuses have
// an ordinary body and are checked), for heads where a non-constant part could hold a
// header line or the status code, for heads finished by code it cannot
// follow, for http.Response.Write (which adds Connection: close itself when
// the length is unknown), and when the connection is closed right after the
// response (a close-delimited body is legal HTTP/1.1).
//
// Bad:
//
//	for {
//		if _, err := http.ReadRequest(br); err != nil {
//			return
//		}
//		io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nhello")
//	}
//
// Good:
//
//	io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
//
// The suggested fix inserts Content-Length after the status line when the
// body is known: its byte length for a constant body, or a %d verb with
// len(body) for a fmt format whose body is one %s operand.
package contentlength
