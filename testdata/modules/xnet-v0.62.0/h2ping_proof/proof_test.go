// Package h2ping_proof shows, with the real golang.org/x/net/http2
// Transport, what ReadIdleTimeout changes when an HTTP/2 connection dies
// silently. connvet's TestProofXNetModule (passes/h2ping) runs it here,
// where x/net is required.
package h2ping_proof

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/http2"
)

// blackhole is a TCP proxy that, on Cut, stops forwarding in both
// directions on the connections open at that moment without closing them;
// later connections forward normally (as in passes/h2ping/proof_test.go).
type blackhole struct {
	ln       net.Listener
	target   string
	accepted atomic.Int64
	mu       sync.Mutex
	dead     []*atomic.Bool
	conns    []net.Conn
}

func newBlackhole(t *testing.T, target string) *blackhole {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := &blackhole{ln: ln, target: target}
	go b.serve()
	t.Cleanup(func() {
		_ = ln.Close()
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, c := range b.conns {
			_ = c.Close()
		}
	})
	return b
}

func (b *blackhole) serve() {
	for {
		c, err := b.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", b.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		b.accepted.Add(1)
		dead := new(atomic.Bool)
		b.mu.Lock()
		b.dead = append(b.dead, dead)
		b.conns = append(b.conns, c, s)
		b.mu.Unlock()
		go forward(s, c, dead)
		go forward(c, s, dead)
	}
}

func forward(dst, src net.Conn, dead *atomic.Bool) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && !dead.Load() {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func (b *blackhole) Cut() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, d := range b.dead {
		d.Store(true)
	}
}

type outcome struct {
	took time.Duration
	err  error
}

func run(t *testing.T, readIdle time.Duration) (second, third outcome, conns int64) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") }))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	proxy := newBlackhole(t, srv.Listener.Addr().String())
	tr := &http2.Transport{
		TLSClientConfig: srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone(),
		ReadIdleTimeout: readIdle,
		PingTimeout:     500 * time.Millisecond,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 3 * time.Second}
	url := "https://" + proxy.ln.Addr().String() + "/"
	get := func() outcome {
		start := time.Now()
		resp, err := client.Get(url)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		}
		return outcome{time.Since(start), err}
	}
	if o := get(); o.err != nil {
		t.Fatal(o.err)
	}
	proxy.Cut()
	second = get()
	third = get()
	return second, third, proxy.accepted.Load()
}

func TestProofReadIdleTimeout(t *testing.T) {
	noPing2, noPing3, noPingConns := run(t, 0)
	ping2, ping3, pingConns := run(t, 500*time.Millisecond)
	t.Logf("x/net http2.Transport, no ReadIdleTimeout: request on the dead connection %v (%v); next %v (%v); TCP connections %d",
		noPing2.took.Round(10*time.Millisecond), noPing2.err, noPing3.took.Round(10*time.Millisecond), noPing3.err, noPingConns)
	t.Logf("x/net http2.Transport, ReadIdleTimeout 500ms, PingTimeout 500ms: request on the dead connection %v (%v); next %v (%v); TCP connections %d",
		ping2.took.Round(10*time.Millisecond), ping2.err, ping3.took.Round(10*time.Millisecond), ping3.err, pingConns)
	if noPing2.err == nil || noPing2.took < 2900*time.Millisecond {
		t.Errorf("without ReadIdleTimeout the request should wait out the 3 s client timeout: %v", noPing2)
	}
	if ping2.took > 2*time.Second {
		t.Errorf("with ReadIdleTimeout the dead connection should be closed within about a second: %v", ping2)
	}
	if ping3.err != nil || ping3.took > time.Second || pingConns < 2 {
		t.Errorf("with ReadIdleTimeout the next request should succeed at once on a new connection: %v, %d connections", ping3, pingConns)
	}
}
