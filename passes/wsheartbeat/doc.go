// Package wsheartbeat defines an Analyzer that finds WebSocket read loops
// that block forever when the peer vanishes.
//
// # Analyzer wsheartbeat
//
// wsheartbeat: websocket read loop with no read deadline or heartbeat
//
// A WebSocket read waits for the next message for as long as the TCP
// connection stays open. When the peer vanishes behind a proxy or a load
// balancer (a laptop closed, a phone out of coverage, a pod killed), the
// middlebox keeps the connection open and answers TCP keep-alives itself,
// so the read never fails: one goroutine and one connection leak per lost
// peer, and whatever the loop cleans up when it ends (a hub's client list,
// a subscription, a session) is never cleaned up. None of the libraries
// detects this by itself: gorilla/websocket and golang.org/x/net/websocket
// send no pings and set no read deadline (gorilla's Upgrader and Dialer
// clear the deadlines they use for the handshake, net/http clears the
// server's on Hijack), and coder/websocket (nhooyr.io/websocket) reads
// for as long as the read's context lasts and pings only when asked to.
//
// The check reports a read inside a loop (gorilla ReadMessage, NextReader,
// ReadJSON; x/net websocket.Message.Receive, JSON.Receive, Conn.Read, and
// io.Copy or io.ReadAll from the connection, which loop by themselves;
// coder/nhooyr Conn.Read, Reader and wsjson.Read) on a connection that the
// package makes (Upgrade, Accept, Dial, an x/net websocket.Handler) and
// that nothing can unblock:
//
//   - no read deadline is set on it anywhere its value flows in the
//     package: SetReadDeadline or SetDeadline on the connection or on its
//     net.Conn (UnderlyingConn, NetConn), before the loop, in it, in a pong
//     handler, in a helper that receives it; a deadline cleared with
//     time.Time{} before the loop does not count;
//   - for coder/nhooyr, the read's context has no deadline: it is
//     context.Background or TODO, the request context of the HTTP handler
//     the read is in, or derived from those without a timeout, and nothing
//     pings the connection (Conn.Ping);
//   - no receive-driven watchdog closes it: a timer that the read path
//     (the read loop, its pong and ping handlers, what they call, what
//     consumes the messages it passes on) renews, and whose firing closes
//     the connection, or a value whose Close closes it, whether or not a
//     write failed: time.AfterFunc with Reset, case <-time.After in a
//     select loop beside a channel the reader feeds, a timer Reset by the
//     reader, a ticker that compares a last-seen stamp the reader writes.
//     A close after a failed ping or write does not count (a frozen path
//     accepts writes), nor does a timer only the writer renews.
//
// It stays silent when the connection comes from code it cannot see (a
// parameter of an exported function or of a method, an exported field),
// when it is handed to such code (an unknown function, an interface value,
// a function value, websocket.NetConn), when the peer is the same process
// (a handler given to httptest.NewServer, a dial to its URL, a server in
// a test file; -wsheartbeat.inprocess reports these), for a single read,
// and when the context of a coder/nhooyr read comes from the caller or has
// a timeout.
//
// Bad:
//
//	conn, err := upgrader.Upgrade(w, r, nil)
//	...
//	for {
//		_, msg, err := conn.ReadMessage()
//		...
//	}
//
// Good (gorilla's chat example):
//
//	conn.SetReadDeadline(time.Now().Add(pongWait))
//	conn.SetPongHandler(func(string) error {
//		return conn.SetReadDeadline(time.Now().Add(pongWait))
//	})
//	go ping(conn, pingPeriod) // pingPeriod < pongWait
//	for {
//		_, msg, err := conn.ReadMessage()
//		...
//	}
//
// No fix is suggested: the repair is a liveness policy (how long a peer
// may stay silent, how often to ping, who pings) that the code does not
// state and a tool should not invent.
package wsheartbeat
