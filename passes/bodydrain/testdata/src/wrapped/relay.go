package wrapped

import (
	"bufio"
	"net"
	"net/http"
)

// Silent: Response.Write copies the body to its end and closes it; the
// deferred Close is a no-op after it.
func relay(conn net.Conn, backend *http.Client, req *http.Request) error {
	resp, err := backend.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return resp.Write(conn)
}

// Silent: written through a bufio.Writer, which the caller flushes.
func relayBuffered(bw *bufio.Writer, backend *http.Client, req *http.Request) error {
	resp, err := backend.Do(req)
	if err != nil {
		return err
	}
	if err := resp.Write(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// Flagged: only the status line and headers are sent on; the body is
// closed unread.
func relayHeaders(conn net.Conn, backend *http.Client, req *http.Request) error {
	resp, err := backend.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF`
	if _, err := conn.Write([]byte(resp.Proto + " " + resp.Status + "\r\n")); err != nil {
		return err
	}
	return resp.Header.Write(conn)
}
