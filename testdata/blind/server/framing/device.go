package framing

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// Device is the web UI of a small appliance.
type Device struct {
	uptime time.Time
	reboot chan struct{}
}

func (d *Device) statusText() string {
	return fmt.Sprintf("up %s", time.Since(d.uptime).Round(time.Second))
}

// serveConn keeps the connection open for as many requests as the browser
// sends; every reply goes through writeReply (write.go).
func (d *Device) serveConn(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		io.Copy(io.Discard, req.Body)
		switch req.URL.Path {
		case "/status":
			writeReply(conn, http.StatusOK, d.statusText())
		case "/reboot":
			select {
			case d.reboot <- struct{}{}:
			default:
			}
			writeReply(conn, http.StatusAccepted, "rebooting")
		default:
			writeReply(conn, http.StatusNotFound, "no such page")
		}
	}
}

// ---------------------------------------------------------------------------
// CLEAN: contentlength one-shot reply says Connection: close and the conn is closed right after
func (d *Device) serveOnce(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n%s", d.statusText()) // NAIVE: contentlength
}
