// Package keepaliveclose_proof measures, against real fasthttp, what the
// keepaliveclose check says about fasthttp handlers that close ctx.Conn().
// Run it by hand: cd testdata/modules/fasthttp-v1.70.0 && go test ./keepaliveclose_proof/
package keepaliveclose_proof

import (
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/valyala/fasthttp"
)

// serve runs a fasthttp server whose handler either closes ctx.Conn() (the
// flagged shape) or calls ctx.SetConnectionClose() (the fix).
func serve(t *testing.T, closeConn bool) (addr string, runs *atomic.Int64) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	runs = new(atomic.Int64)
	s := &fasthttp.Server{
		ReadTimeout:  5 * time.Second,
		WriteTimeout: 5 * time.Second,
		Logger:       quiet{},
		Handler: func(ctx *fasthttp.RequestCtx) {
			runs.Add(1)
			ctx.WriteString("bye")
			if closeConn {
				ctx.Conn().Close()
			} else {
				ctx.SetConnectionClose()
			}
		},
	}
	go func() { _ = s.Serve(ln) }()
	t.Cleanup(func() { _ = s.Shutdown() })
	return ln.Addr().String(), runs
}

type quiet struct{}

func (quiet) Printf(string, ...any) {}

// send sends n GETs and n POSTs, one after another, with keep-alive on.
func send(t *testing.T, addr string, n int) (errs int) {
	client := &http.Client{Timeout: 2 * time.Second}
	defer client.CloseIdleConnections()
	for range n {
		for _, post := range []bool{false, true} {
			var resp *http.Response
			var err error
			if post {
				resp, err = client.Post("http://"+addr+"/", "text/plain", strings.NewReader("x"))
			} else {
				resp, err = client.Get("http://" + addr + "/")
			}
			if err == nil {
				_, err = io.ReadAll(resp.Body)
				_ = resp.Body.Close() // the read error is the one that matters
			}
			if err != nil {
				errs++
			}
		}
	}
	return errs
}

// TestProofFasthttpHandlerClosingConn: closing ctx.Conn() loses every
// response; SetConnectionClose loses none.
func TestProofFasthttpHandlerClosingConn(t *testing.T) {
	const n = 20
	addr, runs := serve(t, true)
	errs := send(t, addr, n)
	t.Logf("ctx.Conn().Close(): %d of %d requests failed, handler ran %d times", errs, 2*n, runs.Load())
	assert.Equal(t, 2*n, errs, "no response reaches the client")

	addr, runs = serve(t, false)
	errs = send(t, addr, n)
	t.Logf("ctx.SetConnectionClose(): %d of %d requests failed, handler ran %d times", errs, 2*n, runs.Load())
	assert.Zero(t, errs)
	assert.Equal(t, int64(2*n), runs.Load())
}
