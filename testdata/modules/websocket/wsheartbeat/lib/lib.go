// Package lib is an importable package: code in other packages may call
// its exported functions and methods and set its exported fields.
package lib

import (
	"net/http"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

// A hub client with an unexported connection field that only this package
// sets: its read loop is judged (flagged).
type Client struct {
	conn *websocket.Conn
	send chan []byte
}

func (c *Client) readPump() {
	for {
		if _, _, err := c.conn.ReadMessage(); err != nil { // want `websocket c.conn is read in a loop with no read deadline`
			return
		}
	}
}

// ServeWs is exported, but the connection is made here.
func ServeWs(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &Client{conn: conn, send: make(chan []byte)}
	go c.readPump()
}

// ReadLoop reads a connection its callers made: they may have set a
// deadline (silent).
func ReadLoop(conn *websocket.Conn, out chan<- []byte) {
	for {
		_, p, err := conn.ReadMessage()
		if err != nil {
			return
		}
		out <- p
	}
}

// Session exposes its connection: importers may set deadlines on it
// (silent).
type Session struct {
	Conn *websocket.Conn
}

func (s *Session) pump() {
	for {
		if _, _, err := s.Conn.ReadMessage(); err != nil {
			return
		}
	}
}

func NewSession(w http.ResponseWriter, r *http.Request) *Session {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return nil
	}
	s := &Session{Conn: conn}
	go s.pump()
	return s
}

// Upgrade returns the connection it reads to its callers (silent).
func Upgrade(w http.ResponseWriter, r *http.Request) (*websocket.Conn, error) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return nil, err
	}
	go func() {
		for {
			if _, _, err := conn.ReadMessage(); err != nil {
				return
			}
		}
	}()
	return conn, nil
}

// dial is unexported: its connection goes to this package's callers only,
// and dialAndRead reads it with no deadline (flagged).
func dial(u string) (*websocket.Conn, error) {
	c, _, err := websocket.DefaultDialer.Dial(u, nil)
	return c, err
}

func DialAndRead(u string) error {
	c, err := dial(u)
	if err != nil {
		return err
	}
	for {
		if _, _, err := c.ReadMessage(); err != nil { // want `websocket c is read in a loop with no read deadline`
			return err
		}
	}
}
