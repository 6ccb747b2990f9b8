module example.com/websocket

go 1.26.0

require (
	github.com/coder/websocket v1.8.15
	github.com/gorilla/websocket v1.5.3
	golang.org/x/net v0.62.0
	nhooyr.io/websocket v1.8.17
)
