package timeouts

import (
	"context"
	"net"
	"net/http"
)

// App owns the public HTTP server.
type App struct {
	srv *http.Server
	ln  net.Listener
}

// ---------------------------------------------------------------------------
// SHAPE: http.Server stored in a struct field by New, served later by Start on a public listener; timeouts never set
func New(h http.Handler) *App {
	return &App{srv: &http.Server{Handler: h}} // BUG: servertimeout
}

func (a *App) Start(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	a.ln = ln
	go a.srv.Serve(ln)
	return nil
}

func (a *App) Stop(ctx context.Context) error { return a.srv.Shutdown(ctx) }
