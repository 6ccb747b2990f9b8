package keepalive

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"

	"blind/server/internal/wire"
)

// buildPayload renders the legacy device payload; some old firmware needs
// the exact header casing below, which is why the handler hijacks.
func buildPayload(r *http.Request) []byte {
	return []byte("device=" + r.URL.Query().Get("id") + "\n")
}

// ---------------------------------------------------------------------------
// SHAPE: w.(http.Hijacker).Hijack, hand-written reply with Content-Length on bufrw, Flush, conn.Close
func rawPassthrough(w http.ResponseWriter, r *http.Request) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "hijacking not supported", http.StatusInternalServerError)
		return
	}
	conn, bufrw, err := hj.Hijack()
	if err != nil {
		log.Printf("hijack: %v", err)
		return
	}
	payload := buildPayload(r)
	bufrw.WriteString("HTTP/1.1 200 OK\r\n")
	bufrw.WriteString("X-Device-ID: " + r.URL.Query().Get("id") + "\r\n")
	fmt.Fprintf(bufrw, "Content-Length: %d\r\n\r\n", len(payload))
	bufrw.Write(payload)
	bufrw.Flush()
	conn.Close() // BUG: keepaliveclose
}

// Proxy is a forward proxy that supports CONNECT.
type Proxy struct {
	// dial is usually (&net.Dialer{Timeout: ...}).DialContext.
	dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

func pipe(dst, src net.Conn) {
	io.Copy(dst, src)
	if tc, ok := dst.(*net.TCPConn); ok {
		tc.CloseWrite()
	}
}

// ---------------------------------------------------------------------------
// SHAPE: CONNECT proxy, http.NewResponseController(w).Hijack, upstream dial fails, 502 written by hand then conn.Close
func (p *Proxy) handleConnect(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	upstream, err := p.dial(r.Context(), "tcp", r.Host)
	if err != nil {
		conn.Write([]byte("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"))
		conn.Close() // BUG: keepaliveclose
		return
	}
	defer upstream.Close()
	defer conn.Close()
	conn.Write([]byte("HTTP/1.1 200 Connection Established\r\n\r\n"))
	go pipe(upstream, conn)
	pipe(conn, upstream)
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose CONNECT tunnel: failure answered before hijack via http.Error; after the 200 the conn is a raw tunnel, closing it ends the tunnel
func (p *Proxy) tunnel(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodConnect {
		http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
		return
	}
	upstream, err := p.dial(r.Context(), "tcp", r.Host)
	if err != nil {
		http.Error(w, "upstream unreachable", http.StatusBadGateway)
		return
	}
	defer upstream.Close()
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "hijacking not supported", http.StatusInternalServerError)
		return
	}
	client, bufrw, err := hj.Hijack()
	if err != nil {
		return
	}
	defer client.Close() // NAIVE: keepaliveclose
	bufrw.WriteString("HTTP/1.1 200 Connection Established\r\n\r\n")
	if err := bufrw.Flush(); err != nil {
		return
	}
	go pipe(upstream, client)
	pipe(client, upstream)
}

const wsGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

func acceptKey(key string) string {
	h := sha1.New()
	h.Write([]byte(key + wsGUID))
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

func headerContains(h http.Header, name, token string) bool {
	for _, v := range h.Values(name) {
		for _, t := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

func echoFrames(rw *bufio.ReadWriter) {
	buf := make([]byte, 4096)
	for {
		n, err := rw.Read(buf)
		if err != nil {
			return
		}
		rw.Write(buf[:n])
		rw.Flush()
	}
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose websocket handshake: 101 Switching Protocols, closing the conn ends the websocket session
func wsUpgrade(w http.ResponseWriter, r *http.Request) {
	if !headerContains(r.Header, "Connection", "upgrade") || !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
		http.Error(w, "expected websocket upgrade", http.StatusBadRequest)
		return
	}
	key := r.Header.Get("Sec-WebSocket-Key")
	conn, bufrw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close() // NAIVE: keepaliveclose
	bufrw.WriteString("HTTP/1.1 101 Switching Protocols\r\n" +
		"Upgrade: websocket\r\n" +
		"Connection: Upgrade\r\n" +
		"Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n\r\n")
	if err := bufrw.Flush(); err != nil {
		return
	}
	echoFrames(bufrw)
}

// ---------------------------------------------------------------------------
// CLEAN: keepaliveclose drain-mode handler hijacks and replies through wire.WriteCloseResponse (other package), which sends Connection: close
func maintenanceHandler(w http.ResponseWriter, r *http.Request) {
	conn, bufrw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	wire.WriteCloseResponse(bufrw.Writer, http.StatusServiceUnavailable, "draining, retry elsewhere")
	conn.Close() // NAIVE: keepaliveclose
}

// Broker fans out events to long-poll clients.
type Broker struct {
	events chan []byte
}

// ---------------------------------------------------------------------------
// SHAPE: long-poll handler, ResponseController.Hijack then deferred conn.Close, one event reply with Content-Length
func (b *Broker) poll(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	conn, bufrw, err := rc.Hijack()
	if err != nil {
		http.Error(w, "long poll unavailable", http.StatusInternalServerError)
		return
	}
	defer conn.Close() // BUG: keepaliveclose
	var ev []byte
	select {
	case ev = <-b.events:
	case <-r.Context().Done():
		ev = []byte(`{"events":[]}`)
	}
	fmt.Fprintf(bufrw, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", len(ev))
	bufrw.Write(ev)
	bufrw.Flush()
}
