package wsheartbeatinprocess

import (
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
)

// A test's own server and client: the peer is this process, it cannot
// vanish behind a proxy.
func TestEcho(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		for {
			mt, p, err := conn.ReadMessage() // want `websocket conn is read in a loop with no read deadline`
			if err != nil {
				return
			}
			conn.WriteMessage(mt, p)
		}
	}))
	defer srv.Close()
	u := "ws" + strings.TrimPrefix(srv.URL, "http")
	c, _, err := websocket.DefaultDialer.Dial(u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		c.WriteMessage(websocket.TextMessage, []byte("hi"))
		if _, _, err := c.ReadMessage(); err != nil { // want `websocket c is read in a loop with no read deadline`
			t.Fatal(err)
		}
	}
}

// The client of a test helper dials the test's server through a parameter
// (gotify's stream tests).
type testingClient struct {
	conn *websocket.Conn
	msgs chan []byte
}

func createClient(t *testing.T, url string) *testingClient {
	ws, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &testingClient{conn: ws, msgs: make(chan []byte)}
}

func startReading(c *testingClient) {
	go func() {
		for {
			_, p, err := c.conn.ReadMessage() // want `websocket c.conn is read in a loop with no read deadline`
			if err != nil {
				return
			}
			c.msgs <- p
		}
	}()
}

func wsURL(httpURL string) string { return "ws" + strings.TrimPrefix(httpURL, "http") }

func TestStream(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(wsTestHandler))
	defer server.Close()
	u := wsURL(server.URL)
	c := createClient(t, u)
	startReading(c)
}

// A test file's own server on a fixed local address, for the package's
// client tests (exchange SDKs): its peers are the tests.
func wsTestHandler(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	for {
		mt, msg, err := conn.ReadMessage() // want `websocket conn is read in a loop with no read deadline`
		if err != nil {
			log.Println("read:", err)
			return
		}
		conn.WriteMessage(mt, msg)
	}
}

func startWsTestServer(stop chan struct{}) {
	server := &http.Server{Addr: "localhost:8080"}
	http.HandleFunc("/ws", wsTestHandler)
	go server.ListenAndServe()
	<-stop
	server.Close()
}

// A live test that dials a public stream and reads it in a loop: the
// peer is remote, and a silent drop hangs the test.
func TestLiveStream(t *testing.T) {
	c, _, err := websocket.DefaultDialer.Dial("wss://stream.example.com:9443/ws/btcusdt@trade", nil)
	if err != nil {
		t.Skip(err)
	}
	defer c.Close()
	for {
		if _, _, err := c.ReadMessage(); err != nil { // want `websocket c is read in a loop with no read deadline`
			return
		}
	}
}
