// Package wsheartbeatinprocess holds wsheartbeat's in-process shapes
// (the handlers and dials of wsheartbeat/gorilla/inprocess*.go and
// wsheartbeat/xnet/inprocess_test.go), run with -wsheartbeat.inprocess:
// every read loop is reported.
package wsheartbeatinprocess

import (
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

// A command's self-check starts an in-process server and talks to it:
// both read loops' peer is this process, outside a test file too.
func selfCheck() error {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer conn.Close()
		for {
			mt, p, err := conn.ReadMessage() // want `websocket conn is read in a loop with no read deadline`
			if err != nil {
				return
			}
			conn.WriteMessage(mt, p)
		}
	}))
	defer srv.Close()
	c, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		return err
	}
	defer c.Close()
	c.WriteMessage(websocket.TextMessage, []byte("ping"))
	for {
		if _, _, err := c.ReadMessage(); err != nil { // want `websocket c is read in a loop with no read deadline`
			return nil
		}
	}
}
