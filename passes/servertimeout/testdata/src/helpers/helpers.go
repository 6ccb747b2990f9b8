package helpers

import (
	"net/http"
	"time"
)

// Silent: a helper configures the server.
func harden(s *http.Server) {
	s.ReadHeaderTimeout = 10 * time.Second
	s.IdleTimeout = 2 * time.Minute
}

func main() {
	srv := &http.Server{Addr: ":8080"}
	harden(srv)
	_ = srv.ListenAndServe()
}

// Silent: a constructor that configures.
func newServer(addr string) *http.Server {
	return &http.Server{Addr: addr, ReadTimeout: 15 * time.Second}
}

func viaConstructor() {
	_ = newServer(":8080").ListenAndServe()
}

// Flagged: a constructor that does not.
func newBareServer(addr string) *http.Server {
	return &http.Server{Addr: addr} // want `server newBareServer\(":8080"\) has no ReadHeaderTimeout`
}

func viaBareConstructor() {
	_ = newBareServer(":8080").ListenAndServe()
}
