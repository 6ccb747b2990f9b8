package main

import (
	"context"
	"log"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"
	gorilla "github.com/gorilla/websocket"
)

// An echo connection whose writer pings when it has been idle and closes
// only when the ping fails: writes into a frozen path do not fail, so the
// close never comes, even though every message the reader passes on
// restarts the idle timer.
type echoConn struct {
	conn *gorilla.Conn
	out  chan []byte
}

func serveEcho(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	e := &echoConn{conn: conn, out: make(chan []byte, 8)}
	go e.writer()
	for {
		_, msg, err := e.conn.ReadMessage() // want `websocket e.conn is read in a loop with no read deadline`
		if err != nil {
			return
		}
		e.out <- msg
	}
}

func (e *echoConn) writer() {
	for {
		select {
		case msg := <-e.out:
			if err := e.conn.WriteMessage(gorilla.TextMessage, msg); err != nil {
				return
			}
		case <-time.After(pingPeriod):
			if err := e.conn.WriteControl(gorilla.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
				e.conn.Close()
				return
			}
		}
	}
}

// writeIdle closes the connection when nothing was written for a while:
// the writer resets the timer, the reader never does, so a peer that
// vanishes while the server keeps sending is never noticed.
func writeIdle(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	idle := time.AfterFunc(2*time.Minute, func() { conn.Close() })
	updates := make(chan []byte)
	go func() {
		for u := range updates {
			if err := conn.WriteMessage(gorilla.TextMessage, u); err != nil {
				return
			}
			idle.Reset(2 * time.Minute)
		}
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil { // want `websocket conn is read in a loop with no read deadline`
			return
		}
	}
}

// A notifier whose ticker closes the connection when the last write is
// stale: writes are application pushes, not news from the peer.
type notifier struct {
	mu        sync.Mutex
	conn      *gorilla.Conn
	lastWrite time.Time
}

func (n *notifier) Push(msg []byte) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.lastWrite = time.Now()
	return n.conn.WriteMessage(gorilla.TextMessage, msg)
}

func (n *notifier) reap() {
	for range time.Tick(time.Minute) {
		n.mu.Lock()
		stale := time.Since(n.lastWrite) > 10*time.Minute
		n.mu.Unlock()
		if stale {
			n.conn.Close()
			return
		}
	}
}

func serveNotifier(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	n := &notifier{conn: conn, lastWrite: time.Now()}
	go n.reap()
	for {
		if _, _, err := n.conn.ReadMessage(); err != nil { // want `websocket n.conn is read in a loop with no read deadline`
			return
		}
	}
}

// closeOnCancel closes the connection when the caller's context ends:
// that says nothing about the peer.
func closeOnCancel(ctx context.Context, u string) error {
	conn, _, err := gorilla.DefaultDialer.DialContext(ctx, u, nil)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		conn.Close()
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil { // want `websocket conn is read in a loop with no read deadline`
			return err
		}
	}
}

// A reconnecting client: a timer re-dials some time after a failure,
// closing what is left of the old connection. Nothing the reader does
// renews it, and it is armed only after a failure.
type reconnector struct {
	mu    sync.Mutex
	url   string
	conn  *gorilla.Conn
	timer *time.Timer
}

func (rc *reconnector) connect() error {
	conn, _, err := gorilla.DefaultDialer.Dial(rc.url, nil)
	if err != nil {
		rc.schedule()
		return err
	}
	rc.mu.Lock()
	rc.conn = conn
	rc.mu.Unlock()
	go rc.readLoop()
	return nil
}

func (rc *reconnector) schedule() {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.timer != nil {
		rc.timer.Stop()
	}
	rc.timer = time.AfterFunc(5*time.Second, rc.redial)
}

func (rc *reconnector) redial() {
	rc.mu.Lock()
	if rc.conn != nil {
		rc.conn.Close()
	}
	rc.mu.Unlock()
	rc.connect()
}

func (rc *reconnector) readLoop() {
	for {
		if _, _, err := rc.conn.ReadMessage(); err != nil { // want `websocket rc.conn is read in a loop with no read deadline`
			rc.schedule()
			return
		}
	}
}

// A coder client whose idle timer is reset by sends only.
type publisher struct {
	c     *websocket.Conn
	idle  *time.Timer
	queue chan []byte
}

func (p *publisher) send() {
	for msg := range p.queue {
		if err := p.c.Write(context.Background(), websocket.MessageText, msg); err != nil {
			return
		}
		p.idle.Reset(time.Minute)
	}
}

func (p *publisher) closeWhenIdle() {
	for {
		select {
		case <-p.idle.C:
			p.c.CloseNow()
			return
		}
	}
}

func publish(u string) error {
	c, _, err := websocket.Dial(context.Background(), u, nil)
	if err != nil {
		return err
	}
	p := &publisher{c: c, idle: time.NewTimer(time.Minute), queue: make(chan []byte)}
	go p.send()
	go p.closeWhenIdle()
	for {
		if _, _, err := p.c.Read(context.Background()); err != nil { // want `websocket p.c is read in a loop with context context.Background\(\), which has no deadline`
			return err
		}
	}
}

// An idle timeout in a select loop renewed by the application's own
// messages (a broadcast fed by Publish), not by the reader.
type topicConn struct {
	conn *gorilla.Conn
	pub  chan []byte
}

func (t *topicConn) Publish(msg []byte) { t.pub <- msg }

func (t *topicConn) pump() {
	for {
		select {
		case msg := <-t.pub:
			t.conn.WriteMessage(gorilla.TextMessage, msg)
		case <-time.After(5 * time.Minute):
			t.conn.Close()
			return
		}
	}
}

func serveTopic(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	t := &topicConn{conn: conn, pub: make(chan []byte)}
	go t.pump()
	for {
		if _, _, err := t.conn.ReadMessage(); err != nil { // want `websocket t.conn is read in a loop with no read deadline`
			log.Print(err)
			return
		}
	}
}

// A voice client whose heartbeat loop only sends: the server's ACKs are
// never checked, and the loop ends quietly when a send fails.
type voice struct {
	mu   sync.Mutex
	conn *gorilla.Conn
	done chan struct{}
}

func (v *voice) open(u string) error {
	conn, _, err := gorilla.DefaultDialer.Dial(u, nil)
	if err != nil {
		return err
	}
	v.conn = conn
	v.done = make(chan struct{})
	go v.heartbeat(13750 * time.Millisecond)
	go v.listen()
	return nil
}

func (v *voice) listen() {
	for {
		_, msg, err := v.conn.ReadMessage() // want `websocket v.conn is read in a loop with no read deadline`
		if err != nil {
			close(v.done)
			return
		}
		log.Printf("voice event %s", msg)
	}
}

func (v *voice) heartbeat(interval time.Duration) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		v.mu.Lock()
		err := v.conn.WriteJSON(map[string]int64{"op": 3, "d": time.Now().Unix()})
		v.mu.Unlock()
		if err != nil {
			v.conn.Close()
			return
		}
		select {
		case <-ticker.C:
		case <-v.done:
			return
		}
	}
}

func init() {
	http.HandleFunc("/echo", serveEcho)
	http.HandleFunc("/write-idle", writeIdle)
	http.HandleFunc("/notify", serveNotifier)
	http.HandleFunc("/topic", serveTopic)
	go closeOnCancel(context.Background(), "wss://example.com/ws")
	go (&reconnector{url: "wss://example.com/ws"}).connect()
	go publish("wss://example.com/pub")
	go (&voice{}).open("wss://voice.example.com")
}
