package main

import (
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

const (
	writeWait  = 10 * time.Second
	pongWait   = 60 * time.Second
	pingPeriod = (pongWait * 9) / 10
)

// The gorilla chat example: a read deadline renewed by the pong handler,
// and a writer that pings at a shorter period.
type chatClient struct {
	conn *websocket.Conn
	send chan []byte
}

func (c *chatClient) readPump() {
	defer c.conn.Close()
	c.conn.SetReadLimit(512)
	c.conn.SetReadDeadline(time.Now().Add(pongWait))
	c.conn.SetPongHandler(func(string) error { c.conn.SetReadDeadline(time.Now().Add(pongWait)); return nil })
	for {
		if _, _, err := c.conn.ReadMessage(); err != nil {
			break
		}
	}
}

func (c *chatClient) writePump() {
	ticker := time.NewTicker(pingPeriod)
	defer ticker.Stop()
	for range ticker.C {
		c.conn.SetWriteDeadline(time.Now().Add(writeWait))
		if err := c.conn.WriteMessage(websocket.PingMessage, nil); err != nil {
			return
		}
	}
}

func serveChat(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &chatClient{conn: conn, send: make(chan []byte, 256)}
	go c.writePump()
	go c.readPump()
}

// deadlinePerMessage renews the deadline before each read (flow-go style
// brokers, ReadPump with c.Conn.SetReadDeadline in the loop).
func deadlinePerMessage(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	for {
		conn.SetReadDeadline(time.Now().Add(pongWait))
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// netConnDeadline renews the deadline on the underlying net.Conn from the
// pong handler.
func netConnDeadline(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	nc := conn.NetConn()
	conn.SetPongHandler(func(string) error { return nc.SetDeadline(time.Now().Add(pongWait)) })
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// helperDeadline sets the deadline in a helper of the package.
func helperDeadline(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	setReadDeadline(conn, pongWait)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func setReadDeadline(conn *websocket.Conn, d time.Duration) {
	conn.SetReadDeadline(time.Now().Add(d))
	conn.SetPongHandler(func(string) error {
		conn.SetReadDeadline(time.Now().Add(d))
		return nil
	})
}

// A pong handler given as a method value (cloud-game, centered-ves).
type peer struct {
	ws *websocket.Conn
}

func (p *peer) pong(string) error { return p.ws.SetReadDeadline(time.Now().Add(pongWait)) }

func (p *peer) run() {
	p.ws.SetPongHandler(p.pong)
	for {
		if _, _, err := p.ws.ReadMessage(); err != nil {
			return
		}
	}
}

func servePeer(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	p := &peer{ws: ws}
	go p.run()
}

// onConnect is set by code the check cannot see: what it does with the
// connection (a deadline? a close on a timer?) is unknown.
var onConnect func(*websocket.Conn)

func handedAway(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	onConnect(conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// One read, not a loop: a handshake message.
func oneRead(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	if _, _, err := conn.ReadMessage(); err != nil {
		return
	}
}

// watchdog closes the connection when no message came for a while.
func watchdog(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	t := time.AfterFunc(pongWait, func() { conn.Close() })
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
		t.Reset(pongWait)
	}
}

// registry is a sync.Map: the connection is stored as an interface value,
// and who takes it out is not followed.
var registry sync.Map

func registered(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	registry.Store(r.RemoteAddr, conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// oneDeadline bounds the whole session: the loop ends at the deadline.
func oneDeadline(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	conn.SetReadDeadline(time.Now().Add(time.Hour))
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// drainAll reads one message from each connection of a collection.
func drainAll(conns []*websocket.Conn) {
	for _, c := range conns {
		c.ReadMessage()
	}
}

// A method with a connection parameter may be called through an interface
// by code the check cannot see.
type Server struct{}

func (s *Server) Serve(conn *websocket.Conn) {
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func silentHandlers(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/chat":
		serveChat(w, r)
	case "/d":
		deadlinePerMessage(w, r)
	case "/nc":
		netConnDeadline(w, r)
	case "/h":
		helperDeadline(w, r)
	case "/p":
		servePeer(w, r)
	case "/a":
		handedAway(w, r)
	case "/1":
		oneRead(w, r)
	case "/wd":
		watchdog(w, r)
	case "/reg":
		registered(w, r)
	case "/od":
		oneDeadline(w, r)
	}
}
