package main

import (
	"io"
	"net"
	"time"

	"golang.org/x/net/websocket"
)

// deadlineEcho renews the read deadline before every message.
func deadlineEcho(ws *websocket.Conn) {
	for {
		ws.SetReadDeadline(time.Now().Add(time.Minute))
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			return
		}
		websocket.Message.Send(ws, msg)
	}
}

// sessionDeadline bounds the whole session with SetDeadline.
func sessionDeadline(ws *websocket.Conn) {
	ws.SetDeadline(time.Now().Add(10 * time.Minute))
	io.Copy(ws, ws)
}

// echoOnce answers one message (golang-samples echoHandler).
func echoOnce(ws *websocket.Conn) {
	msg := make([]byte, 512)
	n, err := ws.Read(msg)
	if err != nil {
		return
	}
	ws.Write(msg[:n])
}

// routes hands its handler to a router of its own, whose callers the
// check does not follow: who makes the connection is unknown.
func routes(register func(string, func(*websocket.Conn))) {
	register("/feed", feed)
}

func feed(ws *websocket.Conn) {
	for {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			return
		}
	}
}

// overConn runs the protocol over a net.Conn whose deadlines the caller
// may have set: NewClient's connection is not one the check sees made.
func overConn(nc net.Conn) {
	cfg, _ := websocket.NewConfig("ws://example.com/ws", "http://example.com/")
	ws, err := websocket.NewClient(cfg, nc)
	if err != nil {
		return
	}
	for {
		var msg []byte
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			return
		}
	}
}
