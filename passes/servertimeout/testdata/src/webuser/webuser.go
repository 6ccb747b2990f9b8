package webuser

import (
	"net"
	"net/http"
	"time"

	"webkit"
)

// App keeps its server in a field and serves it through the toolkit.
type App struct {
	server    *http.Server
	listeners []net.Listener
	flags     *webkit.Flags
}

func (a *App) setup(mux *http.ServeMux) {
	a.server = &http.Server{Handler: mux} // want `server a.server has no ReadHeaderTimeout, IdleTimeout or ReadTimeout`
}

func (a *App) Run() error {
	return webkit.ServeMultiple(a.listeners, a.server, a.flags)
}

func flagsServer(mux *http.ServeMux, flags *webkit.Flags) error {
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second} // want `server srv has neither IdleTimeout nor ReadTimeout: idle keep-alive connections are never closed`
	return webkit.ListenAndServe(srv, flags)
}

func onListener(ln net.Listener, mux *http.ServeMux, flags *webkit.Flags) error {
	srv := &http.Server{Handler: mux, IdleTimeout: time.Minute} // want `server srv has neither ReadHeaderTimeout nor ReadTimeout`
	return webkit.Serve(ln, srv, flags)
}

func started(mux *http.ServeMux, run func(func() error)) {
	srv := &http.Server{Addr: ":8080", Handler: mux} // want `server srv has no ReadHeaderTimeout`
	webkit.Start(srv, run)
}

// Silent: the toolkit sets the timeouts before serving.
func hardened(ln net.Listener, mux *http.ServeMux) error {
	srv := &http.Server{Handler: mux}
	return webkit.ServeHardened(ln, srv)
}

// Silent: the caller asks the toolkit for its timeouts, then serves.
func hardenedFirst(mux *http.ServeMux, flags *webkit.Flags) error {
	srv := &http.Server{Handler: mux}
	webkit.Harden(srv)
	return webkit.ListenAndServe(srv, flags)
}

// Silent: a loopback listener.
func loopbackListener(mux *http.ServeMux, flags *webkit.Flags) error {
	ln, err := net.Listen("tcp", "127.0.0.1:9090")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux}
	return webkit.Serve(ln, srv, flags)
}

// Silent: loopback listeners in a slice literal.
func loopbackListeners(mux *http.ServeMux, flags *webkit.Flags) error {
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux}
	return webkit.ServeMultiple([]net.Listener{ln}, srv, flags)
}

// Silent: the toolkit serves it on loopback only.
func debugServer(mux *http.ServeMux) (string, error) {
	srv := &http.Server{Handler: mux}
	return webkit.ServeDebug(srv)
}

// Silent: a unix socket.
func socketServer(mux *http.ServeMux) error {
	srv := &http.Server{Handler: mux}
	return webkit.ServeSocket(srv, "/run/app.sock")
}

// Silent: kept by the toolkit, where plugins may configure it.
func registered(mux *http.ServeMux) {
	srv := &http.Server{Handler: mux}
	webkit.Register(srv)
}

// Silent: stored in the toolkit's exported variable.
func adopted(mux *http.ServeMux, flags *webkit.Flags) error {
	srv := &http.Server{Handler: mux}
	webkit.Adopt(srv)
	return webkit.ListenAndServe(srv, flags)
}

// Silent: configured through an interface before it is served.
func configured(ln net.Listener, mux *http.ServeMux, c webkit.Configurer) error {
	srv := &http.Server{Handler: mux}
	return webkit.ServeConfigured(ln, srv, c)
}

// Silent: only stopped here, never served nor kept.
func stopped(mux *http.ServeMux) error {
	srv := &http.Server{Handler: mux}
	return webkit.Stop(srv)
}

// Silent: both timeouts set.
func bounded(mux *http.ServeMux, flags *webkit.Flags) error {
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	return webkit.ListenAndServe(srv, flags)
}

// memListener is an in-process listener.
type memListener struct{ conns chan net.Conn }

func (l *memListener) Accept() (net.Conn, error) { return <-l.conns, nil }
func (l *memListener) Close() error              { return nil }
func (l *memListener) Addr() net.Addr            { return nil }

// Silent: an in-memory listener.
func inMemory(mux *http.ServeMux, flags *webkit.Flags) error {
	srv := &http.Server{Handler: mux}
	return webkit.Serve(&memListener{conns: make(chan net.Conn)}, srv, flags)
}
