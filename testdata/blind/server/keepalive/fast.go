package keepalive

import (
	"bytes"
	"io"
	"net"
	"sync"
	"time"

	"github.com/valyala/fasthttp"
)

type limiter struct {
	mu   sync.Mutex
	seen map[string]time.Time
	gap  time.Duration
}

func (l *limiter) allow(ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if t, ok := l.seen[ip]; ok && now.Sub(t) < l.gap {
		return false
	}
	l.seen[ip] = now
	return true
}

// ---------------------------------------------------------------------------
// SHAPE: fasthttp rate-limit middleware sets 429 body then ctx.Conn().Close()
func rateLimited(next fasthttp.RequestHandler, lim *limiter) fasthttp.RequestHandler {
	return func(ctx *fasthttp.RequestCtx) {
		if !lim.allow(ctx.RemoteIP().String()) {
			ctx.SetStatusCode(fasthttp.StatusTooManyRequests)
			ctx.SetBodyString("slow down")
			ctx.Conn().Close() // BUG: keepaliveclose
			return
		}
		next(ctx)
	}
}

// requireToken rejects unauthenticated requests through rejectAndDrop
// (respond.go), which is where the connection gets closed.
func requireToken(token []byte, next fasthttp.RequestHandler) fasthttp.RequestHandler {
	return func(ctx *fasthttp.RequestCtx) {
		if !bytes.Equal(ctx.Request.Header.Peek("X-Token"), token) {
			rejectAndDrop(ctx, fasthttp.StatusUnauthorized, "bad token")
			return
		}
		next(ctx)
	}
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose fasthttp protocol upgrade: 101 Switching Protocols, the Hijack handler owns the conn and closes it when the stream ends
func streamUpgrade(ctx *fasthttp.RequestCtx) {
	if !bytes.EqualFold(ctx.Request.Header.Peek("Upgrade"), []byte("tcp-echo")) {
		ctx.Error("upgrade required", fasthttp.StatusUpgradeRequired)
		return
	}
	ctx.Response.Header.Set("Upgrade", "tcp-echo")
	ctx.Response.Header.Set("Connection", "Upgrade")
	ctx.SetStatusCode(fasthttp.StatusSwitchingProtocols)
	ctx.Hijack(func(c net.Conn) {
		defer c.Close() // NAIVE: keepaliveclose
		io.Copy(c, c)
	})
}
