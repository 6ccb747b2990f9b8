package session5

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/valyala/fasthttp"

	"blind/server/session5/wire"
)

// ---------------------------------------------------------------------------
// SHAPE: net/http handler hijacks through wire.Hijack (other package), writes a framed 200 with no Connection: close and hands the conn to the deferred wire.Release, which closes it
func exportHandler(render func(r *http.Request) []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, bw, err := wire.Hijack(w)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer wire.Release(conn)
		body := render(r)
		fmt.Fprintf(bw, "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: %d\r\n\r\n", len(body)) // BUG: keepaliveclose
		bw.Write(body)
		bw.Flush()
	}
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose hijacking handler writes an http.Response marked by wire.MarkClose (other package: Close and Connection: close) before closing the conn
func snapshotHandler(snap func() string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, bw, err := wire.Hijack(w)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer conn.Close() // NAIVE: keepaliveclose
		s := snap()
		resp := &http.Response{
			StatusCode:    http.StatusOK,
			ProtoMajor:    1,
			ProtoMinor:    1,
			Request:       r,
			Header:        http.Header{"Content-Type": {"text/plain"}},
			ContentLength: int64(len(s)),
			Body:          io.NopCloser(strings.NewReader(s)),
		}
		wire.MarkClose(resp)
		resp.Write(bw)
		bw.Flush()
	}
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose tunnel handler answers 101 Switching Protocols through wire.Upgrade (other package), pipes the upgraded stream and then closes: after 101 the connection is no longer HTTP
func tunnelHandler(dialBackend func() (net.Conn, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !strings.EqualFold(r.Header.Get("Upgrade"), "tcp-tunnel") {
			http.Error(w, "upgrade required", http.StatusUpgradeRequired)
			return
		}
		backend, err := dialBackend()
		if err != nil {
			http.Error(w, "backend unavailable", http.StatusBadGateway)
			return
		}
		defer backend.Close()
		conn, brw, err := wire.Hijack(w)
		if err != nil {
			return
		}
		defer conn.Close() // NAIVE: keepaliveclose
		if wire.Upgrade(brw.Writer, "tcp-tunnel") != nil {
			return
		}
		pipe(conn, brw.Reader, backend)
	}
}

func pipe(client net.Conn, buffered *bufio.Reader, backend net.Conn) {
	var wg sync.WaitGroup
	wg.Go(func() { io.Copy(backend, buffered) })
	wg.Go(func() { io.Copy(client, backend) })
	wg.Wait()
}

// ---------------------------------------------------------------------------
// SHAPE: fasthttp middleware built by limiter.Wrap returns a closure; over the limit it calls the shed method, which sets a 503 and closes ctx.Conn() instead of SetConnectionClose
type limiter struct {
	mu     sync.Mutex
	tokens int
	last   time.Time
	rate   int
}

func (l *limiter) allow() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	l.tokens += int(now.Sub(l.last).Seconds()) * l.rate
	if l.tokens > l.rate {
		l.tokens = l.rate
	}
	l.last = now
	if l.tokens == 0 {
		return false
	}
	l.tokens--
	return true
}

func (l *limiter) shed(ctx *fasthttp.RequestCtx) {
	ctx.Error("over capacity", fasthttp.StatusServiceUnavailable)
	ctx.Response.Header.Set("Retry-After", "1")
	ctx.Conn().Close() // BUG: keepaliveclose
}

func (l *limiter) Wrap(next fasthttp.RequestHandler) fasthttp.RequestHandler {
	return func(ctx *fasthttp.RequestCtx) {
		if !l.allow() {
			l.shed(ctx)
			return
		}
		next(ctx)
	}
}

var (
	_ = exportHandler
	_ = snapshotHandler
	_ = tunnelHandler
)
