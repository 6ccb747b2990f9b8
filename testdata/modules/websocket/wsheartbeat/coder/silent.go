package main

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/coder/websocket"
	nhooyr "nhooyr.io/websocket"
)

// perMessageTimeout bounds each read (the coder echo example).
func perMessageTimeout(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	for {
		ctx, cancel := context.WithTimeout(r.Context(), time.Minute)
		_, _, err := c.Read(ctx)
		cancel()
		if err != nil {
			return
		}
	}
}

// pinged runs a heartbeat goroutine (coder's httpapi.Heartbeat): a ping
// that gets no pong fails, and the handler closes the connection.
func pinged(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	go heartbeat(r.Context(), c)
	for {
		if _, _, err := c.Read(r.Context()); err != nil {
			return
		}
	}
}

func heartbeat(ctx context.Context, c *websocket.Conn) {
	t := time.NewTicker(15 * time.Second)
	defer t.Stop()
	for range t.C {
		pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := c.Ping(pctx)
		cancel()
		if err != nil {
			c.Close(websocket.StatusGoingAway, "ping failed")
			return
		}
	}
}

// cancelOnPingFailure cancels the read's context from a goroutine.
func cancelOnPingFailure(u string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, _, err := websocket.Dial(ctx, u, nil)
	if err != nil {
		return
	}
	go func() {
		<-time.After(time.Minute)
		cancel()
	}()
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return
		}
	}
}

// callerCtx reads with its caller's context, trusted to end.
func callerCtx(ctx context.Context, u string) {
	c, _, err := websocket.Dial(ctx, u, nil)
	if err != nil {
		return
	}
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return
		}
	}
}

// goroutineReader reads the request context in a goroutine: it ends when
// the handler returns.
func goroutineReader(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			if _, _, err := c.Read(r.Context()); err != nil {
				return
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(time.Hour):
	}
	c.CloseNow()
}

// netConn reads through websocket.NetConn, whose deadlines the check does
// not follow.
func netConn(u string) {
	c, _, err := websocket.Dial(context.Background(), u, nil)
	if err != nil {
		return
	}
	nc := websocket.NetConn(context.Background(), c, websocket.MessageBinary)
	io.Copy(io.Discard, nc)
	for {
		if _, _, err := c.Read(context.Background()); err != nil {
			return
		}
	}
}

// nhooyrTimeout bounds each read on the old import path.
func nhooyrTimeout(u string) {
	c, _, err := nhooyr.Dial(context.Background(), u, nil)
	if err != nil {
		return
	}
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		_, _, err := c.Read(ctx)
		cancel()
		if err != nil {
			return
		}
	}
}
