package session4

import (
	"bufio"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Plugin inspects a request before the gate forwards it. A plugin that
// answers the request itself returns true; the gate then hangs up.
type Plugin interface {
	Name() string
	Handle(rwc io.ReadWriteCloser, req *http.Request) (handled bool)
}

var gateTransport = &http.Transport{
	DialContext:           (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
	MaxIdleConns:          64,
	MaxIdleConnsPerHost:   16,
	MaxConnsPerHost:       128,
	IdleConnTimeout:       90 * time.Second,
	ResponseHeaderTimeout: 30 * time.Second,
}

// Gate is a raw-TCP reverse gate in front of one backend.
type Gate struct {
	Backend string
	Plugins []Plugin
	Logger  *log.Logger
}

// Serve accepts connections until ln fails.
func (g *Gate) Serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go g.handle(conn)
	}
}

func (g *Gate) handle(conn net.Conn) {
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return
	}
	conn.SetReadDeadline(time.Time{})
	for _, p := range g.Plugins {
		if p.Handle(conn, req) {
			g.Logger.Printf("gate: %s handled %s %s", p.Name(), req.Method, req.URL.Path)
			return
		}
	}
	g.forward(conn, req)
}

// ---------------------------------------------------------------------------
// SHAPE: gate forwards one request to the backend, copies the backend's response to the client with resp.Write and returns to handle's deferred close: the backend's keep-alive response goes out without Connection: close
func (g *Gate) forward(conn net.Conn, req *http.Request) {
	req.URL.Scheme = "http"
	req.URL.Host = g.Backend
	req.RequestURI = ""
	req.Header.Del("Proxy-Connection")
	resp, err := gateTransport.RoundTrip(req)
	if err != nil {
		g.Logger.Printf("gate: backend: %v", err)
		closingResponse(req, http.StatusBadGateway, "bad gateway\n").Write(conn)
		return
	}
	defer resp.Body.Close()
	if err := resp.Write(conn); err != nil { // BUG: keepaliveclose
		g.Logger.Printf("gate: write response: %v", err)
	}
}

// IPBlocklist rejects clients by address.
type IPBlocklist struct {
	mu      sync.RWMutex
	blocked map[string]bool
}

// Name implements Plugin.
func (b *IPBlocklist) Name() string { return "ip-blocklist" }

// ---------------------------------------------------------------------------
// SHAPE: plugin (called through the Plugin interface) answers 403 with errorResponse and returns handled=true; the gate's deferred conn.Close hangs up without Connection: close
func (b *IPBlocklist) Handle(rwc io.ReadWriteCloser, req *http.Request) bool {
	host, _, _ := net.SplitHostPort(req.RemoteAddr)
	if c, ok := rwc.(net.Conn); ok {
		host, _, _ = net.SplitHostPort(c.RemoteAddr().String())
	}
	b.mu.RLock()
	blocked := b.blocked[host]
	b.mu.RUnlock()
	if !blocked {
		return false
	}
	res := errorResponse(req, http.StatusForbidden, "forbidden\n")
	res.Write(rwc) // BUG: keepaliveclose
	return true
}

// Maintenance answers every request with 503 while enabled.
type Maintenance struct {
	Enabled    func() bool
	RetryAfter time.Duration
}

// Name implements Plugin.
func (m *Maintenance) Name() string { return "maintenance" }

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose plugin's 503 sets res.Close = true before Write, so the client is told the connection ends
func (m *Maintenance) Handle(rwc io.ReadWriteCloser, req *http.Request) bool {
	if !m.Enabled() {
		return false
	}
	res := errorResponse(req, http.StatusServiceUnavailable, "down for maintenance\n")
	res.Header.Set("Retry-After", itoa(int(m.RetryAfter/time.Second)))
	res.Close = true
	res.Write(rwc) // NAIVE: keepaliveclose
	return true
}

// PathFilter blocks request paths by prefix.
type PathFilter struct {
	Prefixes []string
}

// Name implements Plugin.
func (f *PathFilter) Name() string { return "path-filter" }

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose plugin's 403 carries Connection: close in its header (set through Header.Set), so hanging up afterwards is announced
func (f *PathFilter) Handle(rwc io.ReadWriteCloser, req *http.Request) bool {
	for _, p := range f.Prefixes {
		if strings.HasPrefix(req.URL.Path, p) {
			res := errorResponse(req, http.StatusForbidden, "path not allowed\n")
			res.Header.Set("Connection", "close")
			res.Write(rwc) // NAIVE: keepaliveclose
			return true
		}
	}
	return false
}

func itoa(n int) string {
	if n <= 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
