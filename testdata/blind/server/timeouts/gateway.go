package timeouts

import (
	"net/http"
	"time"
)

// Gateway embeds the http.Server it runs.
type Gateway struct {
	*http.Server
	certFile, keyFile string
}

// ---------------------------------------------------------------------------
// SHAPE: http.Server embedded in a struct, served through the promoted ListenAndServeTLS
func NewGateway(addr string, h http.Handler, cert, key string) *Gateway {
	return &Gateway{
		Server:   &http.Server{Addr: addr, Handler: h, MaxHeaderBytes: 1 << 16}, // BUG: servertimeout
		certFile: cert,
		keyFile:  key,
	}
}

func (g *Gateway) Run() error {
	return g.ListenAndServeTLS(g.certFile, g.keyFile)
}

// ---------------------------------------------------------------------------
// SHAPE: constructor returns http.Server with ReadHeaderTimeout only (no IdleTimeout/ReadTimeout); served by the caller in another function
func NewAPIServer(addr string, h http.Handler) *http.Server {
	return &http.Server{ // BUG: servertimeout
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
	}
}

func RunAPI(addr string, h http.Handler) error {
	srv := NewAPIServer(addr, h)
	return srv.ListenAndServe()
}
