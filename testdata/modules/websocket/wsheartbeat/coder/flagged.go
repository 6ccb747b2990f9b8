// Package main holds github.com/coder/websocket (and nhooyr.io/websocket)
// read loops whose context never ends and that nothing pings.
package main

import (
	"context"
	"log"
	"net/http"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
	nhooyr "nhooyr.io/websocket"
	nhooyrjson "nhooyr.io/websocket/wsjson"
)

// echo reads with the request context, which ends only when this handler
// returns: never, while the read waits.
func echo(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	for {
		typ, b, err := c.Read(r.Context()) // want `websocket c is read in a loop with context r.Context\(\), which has no deadline, and nothing pings the peer: a peer that vanishes`
		if err != nil {
			return
		}
		c.Write(r.Context(), typ, b)
	}
}

// jsonHandler decodes JSON messages with a context kept in a variable.
func jsonHandler(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		return
	}
	defer c.Close(websocket.StatusInternalError, "")
	ctx := r.Context()
	for {
		var v map[string]any
		if err := wsjson.Read(ctx, c, &v); err != nil { // want `websocket c is read in a loop with context ctx, which has no deadline`
			return
		}
	}
}

// A transport whose reader uses context.Background (tunelo's ws.Read).
type transport struct {
	conn    *websocket.Conn
	handler func([]byte)
}

func (s *transport) read() {
	for {
		_, buf, err := s.conn.Read(context.Background()) // want `websocket s.conn is read in a loop with context context.Background\(\), which has no deadline`
		if err != nil {
			break
		}
		go s.handler(buf)
	}
}

func dialTransport(u string) (*transport, error) {
	// The dial context bounds the handshake only.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, u, nil)
	if err != nil {
		return nil, err
	}
	t := &transport{conn: c, handler: func([]byte) {}}
	go t.read()
	return t, nil
}

// cancelOnlyDeferred derives a cancelable context whose cancel runs only
// when the function returns: after the loop.
func cancelOnlyDeferred(u string) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, _, err := websocket.Dial(ctx, u, nil)
	if err != nil {
		return err
	}
	defer c.CloseNow()
	for {
		_, r, err := c.Reader(ctx) // want `websocket c is read in a loop with context ctx, which has no deadline`
		if err != nil {
			return err
		}
		_ = r
	}
}

// nhooyrChat is the nhooyr-era chat shape: a background context shared by
// a reader goroutine.
func nhooyrChat(w http.ResponseWriter, req *http.Request) {
	conn, err := nhooyr.Accept(w, req, &nhooyr.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		log.Println(err)
		return
	}
	ctx := context.Background()
	go func() {
		for {
			var v any
			if err := nhooyrjson.Read(ctx, conn, &v); err != nil { // want `websocket conn is read in a loop with context ctx, which has no deadline`
				return
			}
		}
	}()
	for i := 0; i < 10; i++ {
		nhooyrjson.Write(ctx, conn, i)
		time.Sleep(time.Second)
	}
}

// valueCtx adds a value to a background context.
func valueCtx(u string) {
	type key struct{}
	ctx := context.WithValue(context.TODO(), key{}, "client")
	c, _, err := nhooyr.Dial(ctx, u, nil)
	if err != nil {
		return
	}
	for {
		if _, _, err := c.Read(ctx); err != nil { // want `websocket c is read in a loop with context ctx, which has no deadline`
			return
		}
	}
}

// pongCallback only observes pongs; nothing sends pings, so nothing
// notices a silent peer.
func pongCallback(w http.ResponseWriter, r *http.Request) {
	var last time.Time
	c, err := websocket.Accept(w, r, &websocket.AcceptOptions{
		OnPongReceived: func(context.Context, []byte) { last = time.Now() },
	})
	if err != nil {
		return
	}
	defer c.CloseNow()
	for {
		if _, _, err := c.Read(context.Background()); err != nil { // want `websocket c is read in a loop with context context.Background\(\), which has no deadline`
			return
		}
		_ = last
	}
}

func main() {
	http.HandleFunc("/pongcb", pongCallback)
	http.HandleFunc("/echo", echo)
	http.HandleFunc("/json", jsonHandler)
	http.HandleFunc("/chat", nhooyrChat)
	http.HandleFunc("/timeout", perMessageTimeout)
	http.HandleFunc("/ping", pinged)
	http.HandleFunc("/closeread", goroutineReader)
	go dialTransport("ws://localhost/ws")
	go cancelOnlyDeferred("ws://localhost/ws")
	go valueCtx("ws://localhost/ws")
	go cancelOnPingFailure("ws://localhost/ws")
	go callerCtx(context.Background(), "ws://localhost/ws")
	go netConn("ws://localhost/ws")
	go nhooyrTimeout("ws://localhost/ws")
	log.Fatal(http.ListenAndServe(":8080", nil))
}
