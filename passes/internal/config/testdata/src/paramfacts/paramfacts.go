package paramfacts

import (
	"net"
	"net/http"
	"time"
)

func Serve(ln net.Listener, srv *http.Server) error { // want Serve:`params\(1:http.Server\{\} served\)`
	return srv.Serve(ln)
}

func Harden(srv *http.Server) { // want Harden:`params\(0:http.Server\{IdleTimeout,ReadHeaderTimeout\}\)`
	srv.ReadHeaderTimeout = 10 * time.Second
	srv.IdleTimeout = time.Minute
}

func HardenAndServe(ln net.Listener, srv *http.Server) error { // want HardenAndServe:`params\(1:http.Server\{IdleTimeout,ReadHeaderTimeout\} served\)`
	Harden(srv)
	return Serve(ln, srv)
}

func Debug(srv *http.Server) { // want Debug:`params\(0:http.Server\{\}\)`
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	go srv.Serve(ln)
}

var Kept *http.Server // want Kept:`config\(http.Server\{\} open\)`

func Keep(srv *http.Server) { Kept = srv } // no fact: it escapes

func Value(srv http.Server) {} // no fact: a copy

func Client(c *http.Client) { // want Client:`params\(0:http.Client\{Timeout\}\)`
	c.Timeout = time.Second
}
