// Package webkit is a toolkit that serves the caller's *http.Server, in
// the shapes of real web toolkits (flags with addresses, systemd sockets,
// TLS set up from a config file).
package webkit

import (
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Flags holds the listen addresses.
type Flags struct {
	Addrs   []string
	TLSFile string
}

// ListenAndServe listens on every address and serves srv on each.
func ListenAndServe(srv *http.Server, flags *Flags) error {
	lns := make([]net.Listener, 0, len(flags.Addrs))
	for _, a := range flags.Addrs {
		ln, err := net.Listen("tcp", a)
		if err != nil {
			return err
		}
		defer ln.Close()
		lns = append(lns, ln)
	}
	return ServeMultiple(lns, srv, flags)
}

// ServeMultiple serves srv on every listener.
func ServeMultiple(lns []net.Listener, srv *http.Server, flags *Flags) error {
	var wg sync.WaitGroup
	errs := make(chan error, len(lns))
	for _, ln := range lns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- Serve(ln, srv, flags)
		}()
	}
	wg.Wait()
	return <-errs
}

// Serve serves srv on ln, with TLS when the flags name a config file.
func Serve(ln net.Listener, srv *http.Server, flags *Flags) error {
	if flags.TLSFile == "" {
		return srv.Serve(ln)
	}
	if srv.Handler == nil {
		srv.Handler = http.DefaultServeMux
	}
	return srv.ServeTLS(ln, flags.TLSFile, flags.TLSFile)
}

// Start serves srv in the background through a method value.
func Start(srv *http.Server, run func(func() error)) {
	run(srv.ListenAndServe)
}

// Harden sets the timeouts the toolkit recommends, then serves.
func Harden(srv *http.Server) {
	srv.ReadHeaderTimeout = 10 * time.Second
	srv.IdleTimeout = 2 * time.Minute
}

// ServeHardened sets the timeouts and serves.
func ServeHardened(ln net.Listener, srv *http.Server) error {
	Harden(srv)
	return srv.Serve(ln)
}

// ServeDebug serves srv on a loopback port only.
func ServeDebug(srv *http.Server) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	go srv.Serve(ln)
	return ln.Addr().String(), nil
}

// ServeSocket serves srv on a unix socket.
func ServeSocket(srv *http.Server, path string) error {
	ln, err := net.Listen("unix", path)
	if err != nil {
		return err
	}
	return srv.Serve(ln)
}

// Servers are the servers registered for later serving by plugins.
var Servers []*http.Server

// Register keeps srv for plugins, which may configure it.
func Register(srv *http.Server) {
	Servers = append(Servers, srv)
}

// Current is the server the toolkit serves; callers may set its fields.
var Current *http.Server

// Adopt makes srv the current server.
func Adopt(srv *http.Server) { Current = srv }

// Configurer configures servers out of sight.
type Configurer interface{ Configure(*http.Server) }

// ServeConfigured hands srv to c before serving it.
func ServeConfigured(ln net.Listener, srv *http.Server, c Configurer) error {
	c.Configure(srv)
	return srv.Serve(ln)
}

// Stop shuts srv down.
func Stop(srv *http.Server) error {
	if srv == nil {
		return errors.New("no server")
	}
	return srv.Close()
}
