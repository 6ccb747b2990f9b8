// Package proof shows, with real gorilla/websocket connections on
// loopback, what wsheartbeat reports: a read loop with no read deadline
// stays blocked forever once the path to its peer freezes (a proxy or load
// balancer that keeps the TCP connection but no longer forwards), while
// the heartbeat pattern (a read deadline renewed by each pong, pings at a
// shorter period) fails the read within about one deadline.
package proof

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

const (
	window     = 2 * time.Second        // how long the unprotected readers are watched
	pongWait   = 500 * time.Millisecond // the heartbeat's read deadline
	pingPeriod = 200 * time.Millisecond // the heartbeat's ping period
)

// freezer is a TCP proxy that, once frozen, keeps both connections open,
// keeps accepting bytes from both sides (as a middlebox's TCP stack does)
// and forwards nothing.
type freezer struct {
	ln     net.Listener
	target string
	frozen atomic.Bool
	mu     sync.Mutex
	conns  []net.Conn
}

func newFreezer(t *testing.T, target string) *freezer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &freezer{ln: ln, target: target}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				return
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go p.pipe(s, c)
			go p.pipe(c, s)
		}
	}()
	t.Cleanup(p.close)
	return p
}

func (p *freezer) pipe(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if err != nil {
			if !p.frozen.Load() {
				dst.Close()
			}
			return
		}
		if p.frozen.Load() {
			continue // acknowledged by the middlebox, never delivered
		}
		if _, err := dst.Write(buf[:n]); err != nil {
			return
		}
	}
}

func (p *freezer) close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

// ended is when a read loop returned, and with what error.
type ended struct {
	at  time.Time
	err error
}

// session runs a gorilla server and client through a freezer, both
// reading in a loop, with or without the heartbeat pattern.
type session struct {
	proxy        *freezer
	server       *websocket.Conn
	client       *websocket.Conn
	serverEnded  chan ended
	clientEnded  chan ended
	stopPings    chan struct{}
	stopPingOnce sync.Once
	pingsSent    atomic.Int64 // pings written without error after the freeze
}

// start runs a session. With heartbeat, both sides renew a 500 ms read
// deadline on each pong (server) or ping (client); with pings, the server
// pings every 200 ms (the heartbeat always pings).
func start(t *testing.T, heartbeat, pings bool) *session {
	s := &session{serverEnded: make(chan ended, 1), clientEnded: make(chan ended, 1), stopPings: make(chan struct{})}
	upgrader := websocket.Upgrader{}
	serverConn := make(chan *websocket.Conn, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		if heartbeat {
			conn.SetReadDeadline(time.Now().Add(pongWait))
			conn.SetPongHandler(func(string) error { return conn.SetReadDeadline(time.Now().Add(pongWait)) })
		}
		if heartbeat || pings {
			go func() {
				tick := time.NewTicker(pingPeriod)
				defer tick.Stop()
				for {
					select {
					case <-tick.C:
						if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
							return
						}
						if s.proxy.frozen.Load() {
							s.pingsSent.Add(1)
						}
					case <-s.stopPings:
						return
					}
				}
			}()
		}
		serverConn <- conn
		for {
			if _, _, err := conn.ReadMessage(); err != nil {
				s.serverEnded <- ended{time.Now(), err}
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	s.proxy = newFreezer(t, strings.TrimPrefix(srv.URL, "http://"))
	c, _, err := websocket.DefaultDialer.Dial("ws://"+s.proxy.ln.Addr().String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	s.client = c
	if heartbeat {
		// The client answers pings (gorilla's default handler does) and
		// renews its own deadline on each one.
		c.SetReadDeadline(time.Now().Add(pongWait))
		c.SetPingHandler(func(data string) error {
			c.SetReadDeadline(time.Now().Add(pongWait))
			return c.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(time.Second))
		})
	}
	go func() {
		for {
			if _, _, err := c.ReadMessage(); err != nil {
				s.clientEnded <- ended{time.Now(), err}
				return
			}
		}
	}()
	s.server = <-serverConn
	t.Cleanup(func() {
		s.stopPingOnce.Do(func() { close(s.stopPings) })
		s.server.Close()
		s.client.Close()
	})
	// The connection works before the freeze: a message each way.
	if err := c.WriteMessage(websocket.TextMessage, []byte("hello")); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestProofNoDeadlineBlocksForever: no read deadline on either side; the
// server even pings, and every ping into the frozen path succeeds.
func TestProofNoDeadlineBlocksForever(t *testing.T) {
	s := start(t, false, true)
	time.Sleep(100 * time.Millisecond)
	s.proxy.frozen.Store(true)
	frozeAt := time.Now()
	timer := time.NewTimer(window)
	defer timer.Stop()
	select {
	case e := <-s.serverEnded:
		t.Fatalf("server read returned %v after the freeze: %v", e.at.Sub(frozeAt), e.err)
	case e := <-s.clientEnded:
		t.Fatalf("client read returned %v after the freeze: %v", e.at.Sub(frozeAt), e.err)
	case <-timer.C:
	}
	if s.pingsSent.Load() == 0 {
		t.Fatal("no ping was written after the freeze")
	}
	t.Logf("no read deadline: server and client reads still blocked %v after the freeze; the server wrote %d pings into the frozen path without an error",
		time.Since(frozeAt).Round(time.Millisecond), s.pingsSent.Load())
}

func TestProofHeartbeatFailsWithinDeadline(t *testing.T) {
	s := start(t, true, true)
	// Idle but healthy: pongs keep renewing the deadline well past it.
	healthy := 3 * pongWait
	select {
	case e := <-s.serverEnded:
		t.Fatalf("healthy server read ended: %v", e.err)
	case e := <-s.clientEnded:
		t.Fatalf("healthy client read ended: %v", e.err)
	case <-time.After(healthy):
	}
	s.proxy.frozen.Store(true)
	frozeAt := time.Now()
	var server, client time.Duration
	for range 2 {
		select {
		case e := <-s.serverEnded:
			server = e.at.Sub(frozeAt)
			if ne, ok := e.err.(net.Error); !ok || !ne.Timeout() {
				t.Fatalf("server read ended with %v, want a timeout", e.err)
			}
		case e := <-s.clientEnded:
			client = e.at.Sub(frozeAt)
			if ne, ok := e.err.(net.Error); !ok || !ne.Timeout() {
				t.Fatalf("client read ended with %v, want a timeout", e.err)
			}
		case <-time.After(window):
			t.Fatalf("a heartbeat read is still blocked %v after the freeze", window)
		}
	}
	if server > pongWait+pingPeriod+200*time.Millisecond || client > pongWait+pingPeriod+200*time.Millisecond {
		t.Fatalf("reads failed %v (server) and %v (client) after the freeze, want within about %v", server, client, pongWait)
	}
	t.Logf("heartbeat (deadline %v, pings every %v): idle connection alive after %v; after the freeze the server read failed in %v, the client read in %v",
		pongWait, pingPeriod, healthy, server.Round(time.Millisecond), client.Round(time.Millisecond))
}
