// Package server answers with other packages' helpers.
package server

import (
	"bufio"
	"fmt"
	"net"
	"net/http"

	"crosspkg/wire"
)

// One request, a framed keep-alive answer from another package, a close.
func handleOne(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	wire.WriteFramed(conn, 200, "ok") // want `conn is closed after this response, which does not say Connection: close.*written by wire\.WriteFramed`
}

// The helper says Connection: close.
func handleClosing(conn net.Conn) {
	defer conn.Close()
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		return
	}
	wire.WriteClosing(conn, 200, "bye")
}

// A request loop around the helper.
func handleLoop(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		wire.WriteFramed(conn, 200, "ok")
	}
}

// The connection is parked after the answer, not closed.
func handleKeep(conn net.Conn) {
	if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
		conn.Close()
		return
	}
	wire.WriteFramed(conn, 200, "ok")
	wire.Keep(conn)
}

// A hijack through another package's helper, released by another.
func exportHandler(w http.ResponseWriter, r *http.Request) {
	conn, bw, err := wire.Hijack(w)
	if err != nil {
		return
	}
	defer wire.Release(conn)
	fmt.Fprintf(bw, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response, which does not say Connection: close`
	bw.Flush()
}

// Released only sometimes: no close on every path.
func maybeHandler(w http.ResponseWriter, r *http.Request) {
	conn, bw, err := wire.Hijack(w)
	if err != nil {
		return
	}
	defer wire.MaybeRelease(conn, r.Close)
	fmt.Fprintf(bw, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	bw.Flush()
}

// A hijack announced with Connection: close.
func announcedHandler(w http.ResponseWriter, r *http.Request) {
	conn, bw, err := wire.Hijack(w)
	if err != nil {
		return
	}
	defer wire.Release(conn)
	fmt.Fprintf(bw, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
	bw.Flush()
}
