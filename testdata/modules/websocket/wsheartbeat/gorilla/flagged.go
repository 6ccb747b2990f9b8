// Package main holds gorilla/websocket read loops that nothing unblocks
// when the peer vanishes. Shapes follow public code: the gorilla echo and
// chat examples and their many copies, proxies, subscribe clients,
// reconnect loops.
package main

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{ReadBufferSize: 1024, WriteBufferSize: 1024}

// echo is the gorilla echo example without a deadline (go-relaychat,
// countless tutorials).
func echo(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		log.Print("upgrade:", err)
		return
	}
	defer conn.Close()
	for {
		mt, message, err := conn.ReadMessage() // want `websocket conn is read in a loop with no read deadline: a peer that vanishes behind a proxy or load balancer blocks the read forever, leaking this goroutine and the connection`
		if err != nil {
			break
		}
		if err := conn.WriteMessage(mt, message); err != nil {
			break
		}
	}
}

// A chat hub whose writer pings but whose reader never sets a deadline:
// pings into a frozen path are buffered by the kernel and never fail.
type hub struct {
	clients    map[*client]bool
	register   chan *client
	unregister chan *client
	broadcast  chan []byte
}

type client struct {
	hub  *hub
	conn *websocket.Conn
	send chan []byte
}

func (c *client) readPump() {
	defer func() {
		c.hub.unregister <- c
		c.conn.Close()
	}()
	c.conn.SetReadLimit(512)
	for {
		_, message, err := c.conn.ReadMessage() // want `websocket c.conn is read in a loop with no read deadline`
		if err != nil {
			break
		}
		c.hub.broadcast <- message
	}
}

func (c *client) writePump() {
	ticker := time.NewTicker(54 * time.Second)
	defer func() {
		ticker.Stop()
		c.conn.Close()
	}()
	for {
		select {
		case message, ok := <-c.send:
			c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if !ok {
				c.conn.WriteMessage(websocket.CloseMessage, []byte{})
				return
			}
			if err := c.conn.WriteMessage(websocket.TextMessage, message); err != nil {
				return
			}
		case <-ticker.C:
			c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if err := c.conn.WriteMessage(websocket.PingMessage, nil); err != nil {
				return
			}
		}
	}
}

func serveWs(h *hub, w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	cl := &client{hub: h, conn: conn, send: make(chan []byte, 256)}
	cl.hub.register <- cl
	go cl.writePump()
	go cl.readPump()
}

// dialAndPrint is the gorilla client example: a reader goroutine on a
// dialed connection (websocket-gin-demo, golang_learn).
func dialAndPrint(u string) {
	c, _, err := websocket.DefaultDialer.Dial(u, nil)
	if err != nil {
		log.Fatal("dial:", err)
	}
	defer c.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			_, message, err := c.ReadMessage() // want `websocket c is read in a loop with no read deadline`
			if err != nil {
				return
			}
			log.Printf("recv: %s", message)
		}
	}()
	<-done
}

// proxy relays between a browser and a backend: both directions block
// forever on a lost peer (websocket-proxy shapes).
func proxy(w http.ResponseWriter, r *http.Request) {
	front, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer front.Close()
	back, _, err := websocket.DefaultDialer.Dial("ws://backend:8080/ws", nil)
	if err != nil {
		return
	}
	defer back.Close()
	go func() {
		for {
			mt, msg, err := front.ReadMessage() // want `websocket front is read in a loop with no read deadline`
			if err != nil {
				return
			}
			if err := back.WriteMessage(mt, msg); err != nil {
				return
			}
		}
	}()
	for {
		mt, msg, err := back.ReadMessage() // want `websocket back is read in a loop with no read deadline`
		if err != nil {
			return
		}
		if err := front.WriteMessage(mt, msg); err != nil {
			return
		}
	}
}

type wsMessage struct {
	Action string   `json:"action"`
	Topics []string `json:"topics"`
}

// subscribe sends a subscription and decodes events (pub/sub clients).
func subscribe(u string) {
	conn, _, err := websocket.DefaultDialer.Dial(u, nil)
	if err != nil {
		log.Fatal(err)
	}
	if err := conn.WriteJSON(wsMessage{Action: "subscribe", Topics: []string{"foo"}}); err != nil {
		log.Fatal(err)
	}
	for {
		var msg wsMessage
		if err := conn.ReadJSON(&msg); err != nil { // want `websocket conn is read in a loop with no read deadline`
			log.Fatal(err)
		}
	}
}

// A connection wrapper whose read loop uses NextReader.
type connection struct {
	socket *websocket.Conn
	send   chan []byte
}

func (c *connection) readLoop() {
	for {
		if _, _, err := c.socket.NextReader(); err != nil { // want `websocket c.socket is read in a loop with no read deadline`
			c.socket.Close()
			break
		}
	}
}

func newConnection(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &connection{socket: ws, send: make(chan []byte)}
	go c.readLoop()
}

// reconnect redials after every failure; each connection is read in an
// inner loop without a deadline, so a silent drop is never noticed and the
// reconnect never happens.
func reconnect(u string) {
	dialer := &websocket.Dialer{HandshakeTimeout: 10 * time.Second}
	for {
		c, _, err := dialer.Dial(u, nil)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		for {
			if _, _, err := c.ReadMessage(); err != nil { // want `websocket c is read in a loop with no read deadline`
				break
			}
		}
		c.Close()
	}
}

// authThenLoop bounds the first message with a deadline and clears it
// before the loop: the loop has none.
func authThenLoop(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, _, err := conn.ReadMessage(); err != nil {
		return
	}
	conn.SetReadDeadline(time.Time{})
	for {
		if _, _, err := conn.ReadMessage(); err != nil { // want `websocket conn is read in a loop with no read deadline`
			return
		}
	}
}

// handle hands the connection to a helper of the package that reads it.
func handle(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	go readLoop(conn, func(b []byte) {})
}

func readLoop(conn *websocket.Conn, onMessage func([]byte)) {
	defer conn.Close()
	for {
		_, p, err := conn.ReadMessage() // want `websocket conn is read in a loop with no read deadline`
		if err != nil {
			return
		}
		onMessage(p)
	}
}

// broadcastServer keeps its connections in a map for broadcasts; the map
// is the package's own, so the connections stay in view.
var (
	clients   = map[*websocket.Conn]bool{}
	broadcast = make(chan []byte)
)

func broadcastServer(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer ws.Close()
	clients[ws] = true
	for {
		var msg map[string]any
		if err := websocket.ReadJSON(ws, &msg); err != nil { // want `websocket ws is read in a loop with no read deadline`
			delete(clients, ws)
			break
		}
	}
}

func handleMessages() {
	for msg := range broadcast {
		for c := range clients {
			if err := c.WriteMessage(websocket.TextMessage, msg); err != nil {
				c.Close()
				delete(clients, c)
			}
		}
	}
}

// keepAliveOnly turns on TCP keep-alives: a proxy or load balancer answers
// them itself, so they say nothing about the peer behind it.
func keepAliveOnly(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	if tcp, ok := conn.UnderlyingConn().(*net.TCPConn); ok {
		tcp.SetKeepAlive(true)
		tcp.SetKeepAlivePeriod(15 * time.Second)
	}
	for {
		if _, _, err := conn.ReadMessage(); err != nil { // want `websocket conn is read in a loop with no read deadline`
			return
		}
	}
}

// wscat copies every message to stdout. The dial context bounds the
// handshake only: gorilla clears the connection's deadlines when it
// returns.
func wscat(u string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, _, err := websocket.DefaultDialer.DialContext(ctx, u, nil)
	if err != nil {
		return err
	}
	for {
		_, r, err := conn.NextReader() // want `websocket conn is read in a loop with no read deadline`
		if err != nil {
			return err
		}
		io.Copy(os.Stdout, r)
	}
}

func main() {
	go wscat("ws://localhost:8080/echo")
	h := &hub{clients: map[*client]bool{}, register: make(chan *client), unregister: make(chan *client), broadcast: make(chan []byte)}
	http.HandleFunc("/echo", echo)
	http.HandleFunc("/ws", func(w http.ResponseWriter, r *http.Request) { serveWs(h, w, r) })
	http.HandleFunc("/proxy", proxy)
	http.HandleFunc("/conn", newConnection)
	http.HandleFunc("/auth", authThenLoop)
	http.HandleFunc("/handle", handle)
	http.HandleFunc("/broadcast", broadcastServer)
	http.HandleFunc("/keepalive", keepAliveOnly)
	http.HandleFunc("/silent", silentHandlers)
	http.HandleFunc("/pong", pongWithoutDeadline)
	go closeAfterLoop("ws://localhost:8080/echo")
	go handleMessages()
	go dialAndPrint("ws://localhost:8080/echo")
	go subscribe("ws://localhost:4000")
	go reconnect("ws://localhost:8080/ws")
	log.Fatal(http.ListenAndServe(":8080", nil))
}

// pongWithoutDeadline answers the client's pongs but renews nothing, and
// pings from a writer goroutine (portainer's exec bridge): the reader
// still has no deadline.
func pongWithoutDeadline(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	conn.SetPongHandler(func(string) error { return nil })
	go pinger(conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil { // want `websocket conn is read in a loop with no read deadline`
			return
		}
	}
}

func pinger(conn *websocket.Conn) {
	for range time.Tick(30 * time.Second) {
		if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
			return
		}
	}
}

// closeAfterLoop sets a deadline only after the loop, to wait for the
// peer's close frame: the loop itself has none.
func closeAfterLoop(u string) {
	conn, _, err := websocket.DefaultDialer.Dial(u, nil)
	if err != nil {
		return
	}
	for {
		if _, _, err := conn.ReadMessage(); err != nil { // want `websocket conn is read in a loop with no read deadline`
			break
		}
	}
	conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
	conn.SetReadDeadline(time.Now().Add(time.Second))
	conn.ReadMessage()
	conn.Close()
}
