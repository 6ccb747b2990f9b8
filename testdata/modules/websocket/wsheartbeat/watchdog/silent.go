// Package main holds receive-driven watchdogs: no read deadline, but a
// timer that the read path renews closes the connection when the peer
// goes silent, which ends the read. Shapes from public clients and
// servers: idle timers reset by the pong handler, server-ping monitors
// fed by the message loop (centrifuge-go's waitServerPing), last-seen
// timestamps checked by a ticker, alive flags.
package main

import (
	"context"
	"log"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
	gorilla "github.com/gorilla/websocket"
	xnet "golang.org/x/net/websocket"
)

const (
	pongWait   = 60 * time.Second
	pingPeriod = pongWait * 9 / 10
)

var upgrader = gorilla.Upgrader{}

// idleReset arms time.AfterFunc to close the connection and resets it in
// the pong handler; the writer pings.
func idleReset(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	idle := time.AfterFunc(pongWait, func() { conn.Close() })
	defer idle.Stop()
	conn.SetPongHandler(func(string) error {
		idle.Reset(pongWait)
		return nil
	})
	go pingEvery(conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func pingEvery(conn *gorilla.Conn) {
	for range time.Tick(pingPeriod) {
		if err := conn.WriteControl(gorilla.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
			return
		}
	}
}

// A client whose transport reads in a goroutine and hands replies to
// Recv through a channel; the client's loop dispatches them, and a
// monitor closes the transport (through the interface) when no server
// ping arrived within the interval.
type stream interface {
	Recv() ([]byte, error)
	Close() error
}

type wsStream struct {
	conn    *gorilla.Conn
	replies chan []byte
	once    sync.Once
}

func dialStream(u string) (stream, error) {
	conn, _, err := gorilla.DefaultDialer.Dial(u, nil)
	if err != nil {
		return nil, err
	}
	s := &wsStream{conn: conn, replies: make(chan []byte)}
	go s.readLoop()
	return s, nil
}

func (s *wsStream) readLoop() {
	defer close(s.replies)
	for {
		_, data, err := s.conn.ReadMessage()
		if err != nil {
			return
		}
		s.replies <- data
	}
}

func (s *wsStream) Recv() ([]byte, error) {
	data, ok := <-s.replies
	if !ok {
		return nil, context.Canceled
	}
	return data, nil
}

func (s *wsStream) Close() error {
	var err error
	s.once.Do(func() { err = s.conn.Close() })
	return err
}

type client struct {
	mu     sync.Mutex
	stream stream
	pinged chan struct{}
	done   chan struct{}
}

func (c *client) run(u string) error {
	s, err := dialStream(u)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.stream = s
	c.mu.Unlock()
	go c.monitor(30 * time.Second)
	for {
		data, err := s.Recv()
		if err != nil {
			return err
		}
		c.dispatch(data)
	}
}

func (c *client) dispatch(data []byte) {
	if len(data) == 0 { // a server ping
		select {
		case c.pinged <- struct{}{}:
		default:
		}
		return
	}
	log.Printf("%s", data)
}

func (c *client) monitor(interval time.Duration) {
	for {
		select {
		case <-c.pinged:
		case <-time.After(interval + 5*time.Second):
			c.disconnect("no ping")
			return
		case <-c.done:
			return
		}
	}
}

func (c *client) disconnect(reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	log.Print(reason)
	if c.stream != nil {
		c.stream.Close()
		c.stream = nil
	}
}

// A market-data feed that stamps every message and a ticker that drops
// the connection when the stamp is stale.
type feed struct {
	conn     *gorilla.Conn
	lastSeen atomic.Int64
}

func subscribeFeed(u string) error {
	conn, _, err := gorilla.DefaultDialer.Dial(u, nil)
	if err != nil {
		return err
	}
	f := &feed{conn: conn}
	f.lastSeen.Store(time.Now().UnixNano())
	go f.watch(time.Minute)
	for {
		_, msg, err := f.conn.ReadMessage()
		if err != nil {
			return err
		}
		f.lastSeen.Store(time.Now().UnixNano())
		log.Printf("%s", msg)
	}
}

func (f *feed) watch(timeout time.Duration) {
	ticker := time.NewTicker(timeout / 4)
	defer ticker.Stop()
	for range ticker.C {
		if time.Since(time.Unix(0, f.lastSeen.Load())) > timeout {
			f.conn.Close()
			return
		}
	}
}

// A server session whose writer pings and, before each ping, checks when
// the last pong came (a getter under a mutex).
type session struct {
	conn     *gorilla.Conn
	mu       sync.Mutex
	lastPong time.Time
	send     chan []byte
}

func (s *session) pongAt() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastPong
}

func serveSession(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	s := &session{conn: conn, lastPong: time.Now(), send: make(chan []byte, 16)}
	s.conn.SetPongHandler(func(string) error {
		s.mu.Lock()
		s.lastPong = time.Now()
		s.mu.Unlock()
		return nil
	})
	go s.writeLoop()
	for {
		if _, _, err := s.conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (s *session) writeLoop() {
	ticker := time.NewTicker(pingPeriod)
	defer ticker.Stop()
	for {
		select {
		case msg := <-s.send:
			if err := s.conn.WriteMessage(gorilla.TextMessage, msg); err != nil {
				return
			}
		case <-ticker.C:
			if time.Since(s.pongAt()) > pongWait {
				s.conn.Close()
				return
			}
			if err := s.conn.WriteControl(gorilla.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
				return
			}
		}
	}
}

// An alive flag set by the pong handler and cleared by the pinger each
// round: a round without a pong closes the connection.
type peer struct {
	conn  *gorilla.Conn
	alive atomic.Bool
}

func servePeer(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	p := &peer{conn: conn}
	p.alive.Store(true)
	conn.SetPongHandler(p.onPong)
	go p.keepAlive()
	for {
		if _, _, err := p.conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (p *peer) onPong(string) error {
	p.alive.Store(true)
	return nil
}

func (p *peer) keepAlive() {
	for {
		time.Sleep(pingPeriod)
		if !p.alive.Swap(false) {
			p.conn.Close()
			return
		}
		if err := p.conn.WriteControl(gorilla.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
			return
		}
	}
}

// coderIdle reads with a context that never ends, and a timer that every
// message resets closes the connection.
func coderIdle(u string) error {
	c, _, err := websocket.Dial(context.Background(), u, nil)
	if err != nil {
		return err
	}
	idle := time.NewTimer(time.Minute)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-idle.C:
			c.Close(websocket.StatusGoingAway, "idle")
		case <-done:
		}
	}()
	for {
		_, msg, err := c.Read(context.Background())
		if err != nil {
			return err
		}
		idle.Reset(time.Minute)
		log.Printf("%s", msg)
	}
}

// xnetRelay receives in a goroutine and processes in a loop that closes
// the connection when nothing came for 90 s.
func xnetRelay(ws *xnet.Conn) {
	msgs := make(chan string)
	go receive(ws, msgs)
	for {
		select {
		case m, ok := <-msgs:
			if !ok {
				return
			}
			log.Print(m)
		case <-time.After(90 * time.Second):
			ws.Close()
			return
		}
	}
}

func receive(ws *xnet.Conn, out chan<- string) {
	defer close(out)
	for {
		var m string
		if err := xnet.Message.Receive(ws, &m); err != nil {
			return
		}
		out <- m
	}
}

// A gateway client (bot SDK shape): the heartbeat loop sends a heartbeat
// and drops the connection when the send fails or the last ACK, stamped
// by the event handler the reader calls, is too old.
type gateway struct {
	mu      sync.RWMutex
	conn    *gorilla.Conn
	lastAck time.Time
}

func (g *gateway) open(u string) error {
	conn, _, err := gorilla.DefaultDialer.Dial(u, nil)
	if err != nil {
		return err
	}
	g.conn = conn
	go g.heartbeat(conn, 41250*time.Millisecond)
	go g.listen(conn)
	return nil
}

func (g *gateway) listen(conn *gorilla.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			g.close()
			return
		}
		g.onEvent(msg)
	}
}

func (g *gateway) onEvent(msg []byte) {
	if string(msg) == "ack" {
		g.mu.Lock()
		g.lastAck = time.Now().UTC()
		g.mu.Unlock()
	}
}

func (g *gateway) heartbeat(conn *gorilla.Conn, interval time.Duration) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		g.mu.RLock()
		last := g.lastAck
		g.mu.RUnlock()
		err := conn.WriteJSON(map[string]int{"op": 1})
		if err != nil || time.Now().UTC().Sub(last) > 5*interval {
			g.close()
			return
		}
		<-ticker.C
	}
}

func (g *gateway) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.conn != nil {
		g.conn.Close()
		g.conn = nil
	}
}

func main() {
	c := &client{pinged: make(chan struct{}, 1), done: make(chan struct{})}
	go c.run("wss://example.com/connection/websocket")
	go subscribeFeed("wss://stream.example.com/ws")
	go coderIdle("wss://example.com/events")
	go (&gateway{}).open("wss://gateway.example.com")
	http.HandleFunc("/idle", idleReset)
	http.HandleFunc("/session", serveSession)
	http.HandleFunc("/peer", servePeer)
	http.Handle("/relay", xnet.Handler(xnetRelay))
	log.Fatal(http.ListenAndServe(":8080", nil))
}
