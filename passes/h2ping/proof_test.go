package h2ping_test

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// blackhole is a TCP proxy that, on command, stops forwarding in both
// directions on every connection open at that moment, without closing
// them: what a NAT table that forgot the flow, a failed-over load
// balancer or a pulled cable look like to the client, except that the
// client's kernel still sees its packets acknowledged (by the proxy), so
// TCP itself never notices. Connections accepted later forward normally.
type blackhole struct {
	ln       net.Listener
	target   string
	accepted atomic.Int64

	mu    sync.Mutex
	conns []*pipe
}

type pipe struct {
	dead           atomic.Bool
	client, server net.Conn
}

func newBlackhole(t *testing.T, target string) *blackhole {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	b := &blackhole{ln: ln, target: target}
	go b.serve()
	t.Cleanup(b.close)
	return b
}

func (b *blackhole) serve() {
	for {
		c, err := b.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.DialTimeout("tcp", b.target, 5*time.Second)
		if err != nil {
			_ = c.Close()
			continue
		}
		b.accepted.Add(1)
		p := &pipe{client: c, server: s}
		b.mu.Lock()
		b.conns = append(b.conns, p)
		b.mu.Unlock()
		go p.copy(s, c)
		go p.copy(c, s)
	}
}

// copy forwards src to dst until the pipe is cut; after that it keeps
// reading (so the sender's kernel sees its data taken) and drops it.
func (p *pipe) copy(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && !p.dead.Load() {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// Cut stops forwarding on every connection open now.
func (b *blackhole) Cut() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.conns {
		p.dead.Store(true)
	}
}

func (b *blackhole) close() {
	_ = b.ln.Close()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.conns {
		_ = p.client.Close()
		_ = p.server.Close()
	}
}

type outcome struct {
	took  time.Duration
	err   error
	proto string
}

func (o outcome) String() string {
	if o.err != nil {
		return o.took.Round(10*time.Millisecond).String() + " error: " + o.err.Error()
	}
	return o.took.Round(10*time.Millisecond).String() + " " + o.proto
}

// afterBlackhole makes one request through the proxy over HTTP/2, cuts the
// connection, and makes two more requests; it returns how each of those
// two ended, and how many TCP connections the proxy accepted in all.
func afterBlackhole(t *testing.T, h2 *http.HTTP2Config) (second, third outcome, conns int64) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") }))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	proxy := newBlackhole(t, srv.Listener.Addr().String())

	tr := &http.Transport{
		TLSClientConfig:   srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone(),
		ForceAttemptHTTP2: true,
		HTTP2:             h2,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 3 * time.Second}
	url := "https://" + proxy.ln.Addr().String() + "/"
	get := func() outcome {
		start := time.Now()
		resp, err := client.Get(url)
		if err != nil {
			return outcome{took: time.Since(start), err: err}
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		return outcome{took: time.Since(start), proto: resp.Proto}
	}

	first := get()
	require.NoError(t, first.err)
	require.Equal(t, "HTTP/2.0", first.proto)
	proxy.Cut()
	second = get()
	third = get()
	return second, third, proxy.accepted.Load()
}

// TestProofDeadHTTP2Connection shows what a ping health check changes when
// an HTTP/2 connection dies silently. Without SendPingTimeout the request
// sent on the dead connection waits for the client's whole timeout (3 s
// here; forever without one); with SendPingTimeout 500 ms and PingTimeout
// 500 ms the unanswered ping closes the connection after about a second
// and the next request goes out on a new one. Without it the next request
// is sent on the same dead connection and waits out its timeout too.
func TestProofDeadHTTP2Connection(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about 7 s")
	}
	noPing2, noPing3, noPingConns := afterBlackhole(t, nil)
	ping2, ping3, pingConns := afterBlackhole(t, &http.HTTP2Config{SendPingTimeout: 500 * time.Millisecond, PingTimeout: 500 * time.Millisecond})
	t.Logf("no ping:   request on the dead connection: %v; next request: %v; TCP connections: %d", noPing2, noPing3, noPingConns)
	t.Logf("with ping: request on the dead connection: %v; next request: %v; TCP connections: %d", ping2, ping3, pingConns)

	var timeout interface{ Timeout() bool }
	require.Error(t, noPing2.err)
	assert.True(t, errors.As(noPing2.err, &timeout) && timeout.Timeout(), "the request waits out the client's timeout")
	assert.GreaterOrEqual(t, noPing2.took, 2900*time.Millisecond)
	require.Error(t, noPing3.err, "the next request is sent on the same dead connection")
	assert.EqualValues(t, 1, noPingConns, "no new connection is made")

	assert.Less(t, ping2.took, 2*time.Second, "the lost ping closes the dead connection")
	require.NoError(t, ping3.err, "the next request gets a new connection")
	assert.Equal(t, "HTTP/2.0", ping3.proto)
	assert.Less(t, ping3.took, time.Second)
	assert.GreaterOrEqual(t, pingConns, int64(2))
}
