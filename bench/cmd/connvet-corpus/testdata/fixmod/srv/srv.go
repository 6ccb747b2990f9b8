// Package srv has findings with suggested fixes, for the -fixcheck test.
package srv

import "net/http"

func Run(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h}
	return srv.ListenAndServe()
}
