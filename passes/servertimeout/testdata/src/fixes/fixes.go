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
	// Blank lines keep the trailing comments out of one alignment block: a
	// fix to one line would realign the others' comments, and a driver
	// applying all three would find the fixes in conflict.
	_ = http.ListenAndServe(":8080", h) // want `http.ListenAndServe builds a Server with no timeouts`

	_ = http.ListenAndServeTLS(":8443", "c", "k", h) // want `http.ListenAndServeTLS builds a Server with no timeouts`

	_ = http.Serve(ln, h) // want `http.Serve builds a Server with no timeouts`
}
