package wsheartbeatinprocess

import (
	"io"
	"net/http/httptest"
	"testing"

	"golang.org/x/net/websocket"
)

// A test server whose peer is the test itself.
func TestCopy(t *testing.T) {
	srv := httptest.NewServer(websocket.Handler(func(ws *websocket.Conn) {
		io.Copy(ws, ws) // want `io.Copy reads websocket ws until it closes, with no read deadline`
	}))
	defer srv.Close()
}
