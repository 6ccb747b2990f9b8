package servers

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"time"
)

var mux = http.NewServeMux()

// Flagged: nothing bounds slow headers or idle connections.
func bare() {
	srv := &http.Server{Addr: ":8080", Handler: mux} // want `server srv has no ReadHeaderTimeout, IdleTimeout or ReadTimeout: a client that sends its headers slowly, and every idle keep-alive connection, holds a connection and a goroutine forever`
	log.Fatal(srv.ListenAndServe())
}

// Flagged: ReadHeaderTimeout alone leaves idle keep-alive connections open.
func headerOnly() {
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second} // want `server srv has neither IdleTimeout nor ReadTimeout: idle keep-alive connections are never closed \(ReadHeaderTimeout does not bound them\)`
	log.Fatal(srv.ListenAndServe())
}

// Flagged: IdleTimeout alone lets slow headers hang.
func idleOnly() {
	ln, _ := net.Listen("tcp", ":8080")
	srv := &http.Server{IdleTimeout: time.Minute} // want `server srv has neither ReadHeaderTimeout nor ReadTimeout`
	_ = srv.Serve(ln)
}

// Flagged: TLS variants.
func tls() {
	var srv http.Server // want `server srv has no ReadHeaderTimeout, IdleTimeout or ReadTimeout`
	srv.Addr = ":443"
	_ = srv.ListenAndServeTLS("cert.pem", "key.pem")
}

// Flagged: a zero timeout is no timeout.
func zero() {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 0, IdleTimeout: 0} // want `server srv has no ReadHeaderTimeout, IdleTimeout or ReadTimeout`
	_ = srv.ListenAndServe()
}

// Flagged: package-level functions build a Server with no timeouts.
func packageLevel() {
	ln, _ := net.Listen("tcp", "0.0.0.0:8080")
	_ = http.ListenAndServe(":8080", mux)                      // want `http.ListenAndServe builds a Server with no timeouts`
	_ = http.ListenAndServeTLS(":8443", "c.pem", "k.pem", mux) // want `http.ListenAndServeTLS builds a Server with no timeouts`
	_ = http.Serve(ln, mux)                                    // want `http.Serve builds a Server with no timeouts`
	_ = http.ServeTLS(ln, mux, "c.pem", "k.pem")               // want `http.ServeTLS builds a Server with no timeouts`
}

// Flagged: a package variable nobody configures.
var public = &http.Server{Addr: ":80"} // want `server public has no ReadHeaderTimeout`

func servePublic() {
	_ = public.ListenAndServe()
}

// Flagged: a field set by a constructor.
type app struct{ srv *http.Server }

func newApp() *app { return &app{srv: &http.Server{Addr: ":9000", ReadHeaderTimeout: time.Second}} } // want `server a.srv has neither IdleTimeout nor ReadTimeout`

func (a *app) run() error {
	return a.srv.ListenAndServe()
}

// Silent: ReadTimeout bounds both.
func readTimeout() {
	srv := &http.Server{Addr: ":8080", ReadTimeout: 30 * time.Second}
	_ = srv.ListenAndServe()
}

// Silent: both set.
func both() {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	_ = srv.ListenAndServe()
}

// Silent: fields set by later assignments.
func assignedLater() {
	srv := &http.Server{Addr: ":8080"}
	srv.ReadHeaderTimeout = 10 * time.Second
	srv.IdleTimeout = time.Minute
	_ = srv.ListenAndServe()
}

// Silent: a copy assigned through a pointer.
func starAssign(srv *http.Server) {
	*srv = http.Server{Addr: ":8080", ReadTimeout: time.Second}
	_ = srv.ListenAndServe()
}

// Silent: loopback debug listeners.
func debug() {
	go func() { _ = http.ListenAndServe("localhost:6060", nil) }()
	go func() { _ = http.ListenAndServe("127.0.0.1:6060", nil) }()
	go func() { _ = http.ListenAndServe("[::1]:6060", nil) }()
	srv := &http.Server{Addr: "127.0.0.1:9090"}
	_ = srv.ListenAndServe()
	ln, _ := net.Listen("tcp", "localhost:0")
	_ = http.Serve(ln, mux)
}

// Silent: httptest servers.
func testServer() {
	ts := httptest.NewUnstartedServer(mux)
	ts.Start()
	defer ts.Close()
	_ = ts.Config.ListenAndServe()
}

// Silent: a server from the caller.
func Serve(srv *http.Server) error {
	return srv.ListenAndServe()
}

// Silent: handed to code that may configure it.
func configured(configure func(*http.Server)) {
	srv := &http.Server{Addr: ":8080"}
	configure(srv)
	_ = srv.ListenAndServe()
}

// Silent: a server in a map.
func stored(m map[string]*http.Server) {
	srv := &http.Server{Addr: ":8080"}
	m["main"] = srv
	_ = srv.ListenAndServe()
}

// Silent: suppressed with a reason.
func suppressed() {
	//connvet:ignore servertimeout behind a proxy that enforces timeouts
	srv := &http.Server{Addr: ":8080"}
	_ = srv.ListenAndServe()
}

// Flagged: a listener from the caller may be a network listener, and
// http.Serve gives its server no timeouts at all.
func serveParam(ln net.Listener) {
	_ = http.Serve(ln, mux) // want `http.Serve builds a Server with no timeouts`
}

// Silent (corpus patterns): listeners that are in-memory, or loopback
// through an expression.

type oneConnListener struct{ net.Listener }

func serveFake(c net.Conn) {
	srv := &http.Server{}
	_ = srv.Serve(&oneConnListener{})
}

func loopbackExprs(port string) {
	_ = http.ListenAndServe("localhost:"+port, mux)
	_ = http.ListenAndServe(net.JoinHostPort("127.0.0.1", port), mux)
	_ = http.ListenAndServe(fmt.Sprintf("[::1]:%s", port), mux)
	listenAddr := "127.0.0.1:80"
	_ = http.ListenAndServe(listenAddr, mux)
	ln, _ := net.Listen("tcp", "localhost:"+port)
	_ = http.Serve(ln, mux)
}

// Flagged: a non-loopback host through an expression.
func publicExpr(port string) {
	_ = http.ListenAndServe("0.0.0.0:"+port, mux) // want `http.ListenAndServe builds a Server with no timeouts`
}
