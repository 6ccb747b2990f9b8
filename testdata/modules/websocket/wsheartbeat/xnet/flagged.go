// Package main holds golang.org/x/net/websocket read loops with no
// deadline: the x/net echo servers and clients found in tutorials and
// sample repositories.
package main

import (
	"fmt"
	"io"
	"log"
	"net/http"

	"golang.org/x/net/websocket"
)

// Echo is the x/net tutorial echo server (goexample, GoBasicLearning).
func Echo(ws *websocket.Conn) {
	for {
		var reply string
		if err := websocket.Message.Receive(ws, &reply); err != nil { // want `websocket ws is read in a loop with no read deadline`
			fmt.Println("Can't receive")
			break
		}
		if err := websocket.Message.Send(ws, "Received: "+reply); err != nil {
			break
		}
	}
}

// EchoServer is the x/net package example: io.Copy reads until the peer
// closes, which a lost peer never does.
func EchoServer(ws *websocket.Conn) {
	io.Copy(ws, ws) // want `io.Copy reads websocket ws until it closes, with no read deadline`
}

// bufferEcho is served by a websocket.Server literal.
var bufferEcho = websocket.Server{Handler: func(ws *websocket.Conn) {
	buf := make([]byte, 8000)
	for {
		n, err := ws.Read(buf) // want `websocket ws is read in a loop with no read deadline`
		if err != nil {
			break
		}
		ws.Write(buf[:n])
	}
}}

// timeClient prints what a server pushes (timeclient).
func timeClient() {
	ws, err := websocket.Dial("ws://localhost:8080/time", "", "http://localhost/")
	if err != nil {
		log.Fatal(err)
	}
	for {
		msg := make([]byte, 512)
		n, err := ws.Read(msg) // want `websocket ws is read in a loop with no read deadline`
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("Received: %s.\n", msg[:n])
	}
}

type message struct {
	Text string `json:"text"`
}

// chatClient receives JSON in a goroutine (go-cli-chat).
func chatClient() {
	connection, err := websocket.Dial("ws://server:5000/", "", "http://server/")
	if err != nil {
		log.Fatal(err)
	}
	defer connection.Close()
	go func() {
		for {
			m := message{}
			if err := websocket.JSON.Receive(connection, &m); err != nil { // want `websocket connection is read in a loop with no read deadline`
				return
			}
			log.Println("message:", m)
		}
	}()
	websocket.JSON.Send(connection, message{"hello"})
}

// A client whose reader is a helper of the package.
func pushClient() {
	ws, err := websocket.Dial("ws://localhost:1234/ws", "", "http://localhost:1234/")
	if err != nil {
		return
	}
	go readClientMessages(ws)
	for i := 0; ; i++ {
		if err := websocket.Message.Send(ws, "Hiya"); err != nil {
			return
		}
	}
}

func readClientMessages(ws *websocket.Conn) {
	for {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil { // want `websocket ws is read in a loop with no read deadline`
			return
		}
	}
}

// A feed client built from a Config, reading in a method.
type feedClient struct {
	ws *websocket.Conn
}

func (f *feedClient) loop() {
	for {
		var ev map[string]any
		if err := websocket.JSON.Receive(f.ws, &ev); err != nil { // want `websocket f.ws is read in a loop with no read deadline`
			return
		}
	}
}

func connectFeed() error {
	cfg, err := websocket.NewConfig("wss://feed.example.com/ws", "https://example.com")
	if err != nil {
		return err
	}
	ws, err := websocket.DialConfig(cfg)
	if err != nil {
		return err
	}
	f := &feedClient{ws: ws}
	go f.loop()
	return nil
}

func main() {
	go connectFeed()
	http.Handle("/echo", websocket.Handler(Echo))
	http.Handle("/copy", websocket.Handler(EchoServer))
	http.Handle("/buf", bufferEcho)
	http.Handle("/silent", websocket.Handler(deadlineEcho))
	http.Handle("/silent2", websocket.Handler(sessionDeadline))
	http.Handle("/once", websocket.Handler(echoOnce))
	go timeClient()
	go chatClient()
	go pushClient()
	log.Fatal(http.ListenAndServe(":1234", nil))
}
