// Package testserver holds servers in test code: their clients are the
// test itself, so the check is silent there unless its inprocess option
// asks for them. Servers in non-test files are judged as usual.
package testserver

import "net/http"

// A helper that ships in a non-test file is judged like any code.
func Serve(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h} // want `server srv has no ReadHeaderTimeout, IdleTimeout or ReadTimeout`
	return srv.ListenAndServe()
}
