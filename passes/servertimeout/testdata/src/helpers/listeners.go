package helpers

import (
	"net"
	"net/http"
	"os"
)

// Listeners opened by a function of the package: a constant loopback
// address on every return proves the server local; anything else does not.

func listenLocal() (net.Listener, error) {
	return net.Listen("tcp", "127.0.0.1:9102")
}

func listenLocalChecked() (net.Listener, error) {
	ln, err := net.Listen("tcp", "localhost:9103")
	if err != nil {
		return nil, err
	}
	return ln, nil
}

func listenPublic() (net.Listener, error) {
	return net.Listen("tcp", ":9104")
}

func listenEnv() (net.Listener, error) {
	if a := os.Getenv("STATUS_ADDR"); a != "" {
		return net.Listen("tcp", a)
	}
	return net.Listen("tcp", "127.0.0.1:9105")
}

func serveStatus(h http.Handler) error {
	ln, err := listenLocal()
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h}
	return srv.Serve(ln)
}

func serveStatusChecked(h http.Handler) error {
	ln, err := listenLocalChecked()
	if err != nil {
		return err
	}
	return http.Serve(ln, h)
}

func servePublic(h http.Handler) error {
	ln, err := listenPublic()
	if err != nil {
		return err
	}
	return http.Serve(ln, h) // want `http.Serve builds a Server with no timeouts`
}

func serveEnv(h http.Handler) error {
	ln, err := listenEnv()
	if err != nil {
		return err
	}
	return http.Serve(ln, h) // want `http.Serve builds a Server with no timeouts`
}
