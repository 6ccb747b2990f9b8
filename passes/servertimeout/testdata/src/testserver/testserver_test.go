package testserver

import (
	"net/http"
	"testing"
)

// Silent: a server a test starts on a network address answers the test's
// own client.
func TestServeAllInterfaces(t *testing.T) {
	srv := &http.Server{Addr: ":7072", Handler: http.NotFoundHandler()}
	go srv.ListenAndServe()
	defer srv.Close()
	go http.ListenAndServe(":7073", nil)
}

// Flagged: an Example is documentation that users copy.
func Example_serve() {
	http.ListenAndServe(":8080", nil) // want `http.ListenAndServe builds a Server with no timeouts`
}
