// Package relay holds one-shot proxies that relay the backend's response
// as it came: its head is the backend's, which keeps the connection alive
// unless it said otherwise, and the proxy then closes the client's
// connection.
package relay

import (
	"bufio"
	"log"
	"net"
	"net/http"
)

var backend = &http.Transport{}

// audit only looks at the connection: passing it there hands it nowhere.
func audit(conn net.Conn, req *http.Request) {
	log.Printf("%s %s from %s", req.Method, req.URL, conn.RemoteAddr())
}

func handle(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	audit(conn, req)
	forward(conn, req)
}

func forward(conn net.Conn, req *http.Request) {
	req.RequestURI = ""
	resp, err := backend.RoundTrip(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	resp.Header.Set("Via", "relay")
	resp.Write(conn) // want `conn is closed after this response, which does not say Connection: close`
}

// The relay marks the response as the last.
func handleMarked(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	req.RequestURI = ""
	resp, err := backend.RoundTrip(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	resp.Close = true
	resp.Write(conn)
}

// The relay says Connection: close in the header.
func handleHeader(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	req.RequestURI = ""
	resp, err := backend.RoundTrip(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	resp.Header.Set("Connection", "close")
	resp.Write(conn)
}

// The response is handed to a function that may change it.
func handleRewritten(conn net.Conn, rewrite func(*http.Response)) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	req.RequestURI = ""
	resp, err := backend.RoundTrip(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	rewrite(resp)
	resp.Write(conn)
}

// The connection goes to a function that serves further requests on it.
func handleHandedOn(conn net.Conn) {
	defer conn.Close()
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	req.RequestURI = ""
	resp, err := backend.RoundTrip(req)
	if err != nil {
		return
	}
	resp.Write(conn)
	resp.Body.Close()
	more(conn)
}

func more(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
	}
}
