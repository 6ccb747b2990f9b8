package fixes

import (
	"net"
	"net/http"
)

func literal() {
	srv := &http.Server{Addr: ":8080"} // want `server srv has no ReadHeaderTimeout`
	_ = srv.ListenAndServe()
}

func multiLine() {
	srv := &http.Server{ // want `server srv has neither IdleTimeout nor ReadTimeout`
		Addr:              ":8080",
		ReadHeaderTimeout: 5e9,
	}
	_ = srv.ListenAndServe()
}

func packageLevel(h http.Handler) {
	ln, _ := net.Listen("tcp", ":8080")
	_ = http.ListenAndServe(":8080", h)              // want `http.ListenAndServe builds a Server with no timeouts`
	_ = http.ListenAndServeTLS(":8443", "c", "k", h) // want `http.ListenAndServeTLS builds a Server with no timeouts`
	_ = http.Serve(ln, h)                            // want `http.Serve builds a Server with no timeouts`
}
