package session5

import (
	"context"
	"crypto/tls"
	"errors"
	"log"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/valyala/fasthttp"

	"blind/server/session5/wire"
)

// Config is the daemon's listener configuration, read from flags.
type Config struct {
	Addr          string
	AdminAddr     string
	HeaderTimeout time.Duration
	CertFile      string
	KeyFile       string
}

// Frontend is one way the daemon exposes its handler. main starts every
// configured frontend in its own goroutine.
type Frontend interface {
	Name() string
	Serve(h http.Handler) error
}

// RunFrontends starts every frontend and returns the first error.
func RunFrontends(fes []Frontend, h http.Handler) error {
	errc := make(chan error, len(fes))
	for _, fe := range fes {
		go func(fe Frontend) {
			log.Printf("frontend %s starting", fe.Name())
			errc <- fe.Serve(h)
		}(fe)
	}
	return <-errc
}

// ---------------------------------------------------------------------------
// SHAPE: constructor returns an http.Server with ReadHeaderTimeout only (from config); run() serves it later on the public address: idle keep-alive connections never time out
func newAPIServer(cfg Config, h http.Handler) *http.Server {
	return &http.Server{ // BUG: servertimeout
		Addr:              cfg.Addr,
		Handler:           h,
		ReadHeaderTimeout: cfg.HeaderTimeout,
		MaxHeaderBytes:    1 << 20,
	}
}

func runAPI(cfg Config, h http.Handler) error {
	srv := newAPIServer(cfg, h)
	log.Printf("api listening on %s", srv.Addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// ---------------------------------------------------------------------------
// SHAPE: http.Server with a handler built by NewService and kept in a struct field; Start sets only Addr and WriteTimeout and serves on all interfaces
type Service struct {
	srv  *http.Server
	ln   net.Listener
	once sync.Once
}

func NewService(mux *http.ServeMux) *Service {
	return &Service{srv: &http.Server{Handler: mux, ErrorLog: log.Default()}} // BUG: servertimeout
}

func (s *Service) Start(addr string) error {
	s.srv.Addr = addr
	s.srv.WriteTimeout = 30 * time.Second
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	go func() {
		if err := s.srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			log.Printf("service: %v", err)
		}
	}()
	return nil
}

func (s *Service) Stop(ctx context.Context) error {
	var err error
	s.once.Do(func() { err = s.srv.Shutdown(ctx) })
	return err
}

// ---------------------------------------------------------------------------
// SHAPE: Frontend implementation for the public port calls package-level http.ListenAndServe with the configured address (every timeout zero); started from RunFrontends' loop
type publicFrontend struct{ addr string }

func (p publicFrontend) Name() string { return "public" }

func (p publicFrontend) Serve(h http.Handler) error {
	return http.ListenAndServe(p.addr, h) // BUG: servertimeout
}

// ---------------------------------------------------------------------------
// CLEAN: servertimeout Frontend implementation for the debug port listens on a constant loopback address only
type debugFrontend struct{}

func (debugFrontend) Name() string { return "debug" }

func (debugFrontend) Serve(h http.Handler) error {
	return http.ListenAndServe("127.0.0.1:6061", h) // NAIVE: servertimeout
}

// ---------------------------------------------------------------------------
// SHAPE: fasthttp.Server built by newEdge with name and limits but no ReadTimeout/IdleTimeout, served through wire.ServeFast (other package) on a public listener
func newEdge(h fasthttp.RequestHandler) *fasthttp.Server {
	return &fasthttp.Server{ // BUG: servertimeout
		Handler:            h,
		Name:               "edge",
		MaxRequestBodySize: 8 << 20,
		Concurrency:        4096,
		ReduceMemoryUsage:  true,
	}
}

func runEdge(addr string, h fasthttp.RequestHandler) error {
	ln, err := net.Listen("tcp4", addr)
	if err != nil {
		return err
	}
	return wire.ServeFast(newEdge(h), ln)
}

// ---------------------------------------------------------------------------
// SHAPE: TLS http.Server with IdleTimeout only (nothing bounds a slow header), started from a closure in a list of start functions run by runAll
func tlsStarters(cfg Config, h http.Handler) []func() error {
	srv := &http.Server{ // BUG: servertimeout
		Addr:        cfg.Addr,
		Handler:     h,
		IdleTimeout: 2 * time.Minute,
		TLSConfig:   &tls.Config{MinVersion: tls.VersionTLS12},
	}
	return []func() error{
		func() error { return srv.ListenAndServeTLS(cfg.CertFile, cfg.KeyFile) },
	}
}

func runAll(starters ...func() error) error {
	var wg sync.WaitGroup
	errs := make([]error, len(starters))
	for i, start := range starters {
		wg.Go(func() { errs[i] = start() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// ---------------------------------------------------------------------------
// CLEAN: servertimeout bare http.Server from a constructor; runAdmin hardens it with wire.Harden (other package: ReadHeaderTimeout, ReadTimeout, IdleTimeout) before serving
func newAdminServer(cfg Config, h http.Handler) *http.Server {
	return &http.Server{Addr: cfg.AdminAddr, Handler: h} // NAIVE: servertimeout
}

func runAdmin(cfg Config, h http.Handler) error {
	srv := newAdminServer(cfg, h)
	wire.Harden(srv)
	return srv.ListenAndServe()
}

// ---------------------------------------------------------------------------
// CLEAN: servertimeout functional options: NewServer always applies withDefaults first, whose closure sets ReadHeaderTimeout, ReadTimeout and IdleTimeout
type Option func(*http.Server)

func withDefaults(s *http.Server) {
	s.ReadHeaderTimeout = 10 * time.Second
	s.ReadTimeout = time.Minute
	s.IdleTimeout = 3 * time.Minute
}

func WithWriteTimeout(d time.Duration) Option {
	return func(s *http.Server) { s.WriteTimeout = d }
}

func NewServer(addr string, h http.Handler, opts ...Option) *http.Server {
	s := &http.Server{Addr: addr, Handler: h} // NAIVE: servertimeout
	for _, o := range append([]Option{withDefaults}, opts...) {
		o(s)
	}
	return s
}

func runWithOptions(addr string, h http.Handler) error {
	return NewServer(addr, h, WithWriteTimeout(time.Minute)).ListenAndServe()
}

// ---------------------------------------------------------------------------
// CLEAN: servertimeout fasthttp.Server kept in a struct field by NewGateway; Start assigns ReadTimeout and IdleTimeout through the field before wire.ServeFast
type Gateway struct {
	fs *fasthttp.Server
}

func NewGateway(h fasthttp.RequestHandler) *Gateway {
	return &Gateway{fs: &fasthttp.Server{Handler: h, Name: "gw"}} // NAIVE: servertimeout
}

func (g *Gateway) Start(ln net.Listener) error {
	g.fs.ReadTimeout = 15 * time.Second
	g.fs.WriteTimeout = 30 * time.Second
	g.fs.IdleTimeout = time.Minute
	return wire.ServeFast(g.fs, ln)
}

// ---------------------------------------------------------------------------
// CLEAN: servertimeout status sidecar: listenLocal binds a constant 127.0.0.1 address, and another function serves a bare http.Server on that listener for the node agent
func listenLocal() (net.Listener, error) {
	return net.Listen("tcp", "127.0.0.1:9102")
}

func serveStatus(h http.Handler) error {
	ln, err := listenLocal()
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h} // NAIVE: servertimeout
	return srv.Serve(ln)
}

// Frontends lists what main starts; keeps the unexported implementations in use.
func Frontends(cfg Config) []Frontend {
	return []Frontend{publicFrontend{addr: cfg.Addr}, debugFrontend{}}
}

var (
	_ = runAPI
	_ = runEdge
	_ = tlsStarters
	_ = runAll
	_ = runAdmin
	_ = runWithOptions
	_ = serveStatus
)
