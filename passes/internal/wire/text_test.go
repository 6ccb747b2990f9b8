package wire_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/connvet/connvet/passes/internal/wire"
)

// h builds text from parts: a string is literal, a rune is a hole made by
// that fmt verb (0 for a plain unknown expression).
func h(parts ...any) wire.Text {
	var t wire.Text
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			t = append(t, wire.Lit(p)...)
		case rune:
			t = append(t, wire.Hole(p)...)
		}
	}
	return t
}

type want struct {
	minor       int
	status      int
	complete    bool
	unknown     bool
	cl, chunked bool
	close, ka   bool
	framed      bool
	bodyOK      bool
	announces   bool
	body        string
}

func TestParseHeadShapes(t *testing.T) {
	for name, c := range map[string]struct {
		text wire.Text
		want want
	}{
		"bare 200": {h("HTTP/1.1 200 OK\r\n\r\nhello"),
			want{minor: 1, status: 200, complete: true, bodyOK: true, body: "hello"}},
		"content-length": {h("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"),
			want{minor: 1, status: 200, complete: true, cl: true, framed: true, bodyOK: true, body: "hello"}},
		"content-length lower case": {h("HTTP/1.1 200 OK\r\ncontent-length:5\r\n\r\nhello"),
			want{minor: 1, status: 200, complete: true, cl: true, framed: true, bodyOK: true, body: "hello"}},
		"content-length verb": {h("HTTP/1.1 200 OK\r\nContent-Length: ", 'd', "\r\n\r\n", 's'),
			want{minor: 1, status: 200, complete: true, cl: true, framed: true, bodyOK: true, body: "\x00"}},
		"chunked": {h("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
			want{minor: 1, status: 200, complete: true, chunked: true, framed: true, bodyOK: true}},
		"gzip, chunked": {h("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"),
			want{minor: 1, status: 200, complete: true, chunked: true, framed: true, bodyOK: true}},
		"connection close": {h("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbye"),
			want{minor: 1, status: 200, complete: true, close: true, bodyOK: true, announces: true, body: "bye"}},
		"connection Close mixed case list": {h("HTTP/1.1 200 OK\r\nConnection: Upgrade, CLOSE\r\n\r\n"),
			want{minor: 1, status: 200, complete: true, close: true, bodyOK: true, announces: true}},
		"http/1.0 plain": {h("HTTP/1.0 200 OK\r\n\r\nhi"),
			want{minor: 0, status: 200, complete: true, bodyOK: true, announces: true, body: "hi"}},
		"http/1.0 keep-alive": {h("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\nhi"),
			want{minor: 0, status: 200, complete: true, ka: true, bodyOK: true, body: "hi"}},
		"204": {h("HTTP/1.1 204 No Content\r\n\r\n"),
			want{minor: 1, status: 204, complete: true}},
		"304": {h("HTTP/1.1 304 Not Modified\r\nETag: x\r\n\r\n"),
			want{minor: 1, status: 304, complete: true}},
		"100 continue": {h("HTTP/1.1 100 Continue\r\n\r\n"),
			want{minor: 1, status: 100, complete: true}},
		"101 upgrade": {h("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"),
			want{minor: 1, status: 101, complete: true}},
		"status hole": {h("HTTP/1.1 ", 'd', " ", 's', "\r\n\r\n"),
			want{minor: 1, status: 0, complete: true}},
		"status constant status text hole": {h("HTTP/1.1 404 ", 's', "\r\n\r\n"),
			want{minor: 1, status: 404, complete: true, bodyOK: true}},
		"header value hole": {h("HTTP/1.1 200 OK\r\nContent-Type: ", 's', "\r\n\r\n"),
			want{minor: 1, status: 200, complete: true, bodyOK: true}},
		"hole where a header could be": {h("HTTP/1.1 200 OK\r\n", 's', "\r\n"),
			want{minor: 1, status: 200, unknown: true, bodyOK: true}},
		"hole line then end": {h("HTTP/1.1 200 OK\r\n", 's', "\r\n\r\nbody"),
			want{minor: 1, status: 200, complete: true, unknown: true, bodyOK: true, body: "body"}},
		"connection value hole": {h("HTTP/1.1 200 OK\r\nConnection: ", 's', "\r\n\r\n"),
			want{minor: 1, status: 200, complete: true, unknown: true, bodyOK: true}},
		"transfer-encoding hole": {h("HTTP/1.1 200 OK\r\nTransfer-Encoding: ", 's', "\r\n\r\n"),
			want{minor: 1, status: 200, complete: true, unknown: true, bodyOK: true}},
		"incomplete": {h("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"),
			want{minor: 1, status: 200, bodyOK: true}},
		"bare LF": {h("HTTP/1.1 200 OK\nServer: x\n\nhello"),
			want{minor: 1, status: 200, complete: true, bodyOK: true, body: "hello"}},
		"split across pieces": {h("HTTP/1.1 200 OK\r\n", "Content-Len", "gth: 3\r", "\n", "\r\n", "abc"),
			want{minor: 1, status: 200, complete: true, cl: true, framed: true, bodyOK: true, body: "abc"}},
		"body hole after literal end": {h("HTTP/1.1 500 Internal Server Error\r\n\r\n", 's'),
			want{minor: 1, status: 500, complete: true, bodyOK: true, body: "\x00"}},
	} {
		t.Run(name, func(t *testing.T) {
			head, ok := wire.ParseHead(c.text)
			require.True(t, ok)
			w := c.want
			assert.Equal(t, 1, head.Major)
			assert.Equal(t, w.minor, head.Minor, "minor")
			assert.Equal(t, w.status, head.Status, "status")
			assert.Equal(t, w.status != 0, head.StatusKnown())
			assert.Equal(t, w.complete, head.Complete, "complete")
			assert.Equal(t, w.unknown, head.Unknown, "unknown")
			assert.Equal(t, w.cl, head.ContentLength(), "content-length")
			assert.Equal(t, w.chunked, head.Chunked(), "chunked")
			assert.Equal(t, w.close, head.ConnectionClose(), "close")
			assert.Equal(t, w.ka, head.KeepAlive(), "keep-alive")
			assert.Equal(t, w.framed, head.Framed(), "framed")
			assert.Equal(t, w.bodyOK, head.BodyAllowed(), "body allowed")
			assert.Equal(t, w.announces, head.AnnouncesClose(), "announces close")
			assert.Equal(t, w.body, head.Body.String(), "body")
		})
	}
}

func TestParseHeadNotAResponse(t *testing.T) {
	for name, text := range map[string]wire.Text{
		"empty":           h(""),
		"request":         h("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
		"http/2":          h("HTTP/2 200\r\n\r\n"),
		"no line end":     h("HTTP/1.1 200 OK"),
		"hole first":      h('s', "\r\n\r\n"),
		"version hole":    h("HTTP/1.", 'd', " 200 OK\r\n\r\n"),
		"bad status":      h("HTTP/1.1 abc OK\r\n\r\n"),
		"plain text":      h("hello\r\n\r\n"),
		"http/1.2":        h("HTTP/1.2 200 OK\r\n\r\n"),
		"status too high": h("HTTP/1.1 1000 OK\r\n\r\n"),
	} {
		_, ok := wire.ParseHead(text)
		assert.False(t, ok, name)
	}
}

func TestStatusEndAndBodyLen(t *testing.T) {
	text := h("HTTP/1.1 200 OK\r\n", "Content-Type: text/plain\r\n\r\n", "hello", " world")
	head, ok := wire.ParseHead(text)
	require.True(t, ok)
	assert.Equal(t, wire.Pos{Piece: 1, Off: 0}, head.StatusEnd)
	assert.Equal(t, "\r\n", head.EOL)
	n, ok := head.BodyLen()
	assert.True(t, ok)
	assert.Equal(t, 11, n)

	head, ok = wire.ParseHead(h("HTTP/1.1 200 OK\nX: y\n\n", 's'))
	require.True(t, ok)
	assert.Equal(t, wire.Pos{Piece: 0, Off: len("HTTP/1.1 200 OK\n")}, head.StatusEnd)
	assert.Equal(t, "\n", head.EOL)
	_, ok = head.BodyLen()
	assert.False(t, ok)
}

func TestLookup(t *testing.T) {
	head, ok := wire.ParseHead(h("HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a: 2\r\n\r\n"))
	require.True(t, ok)
	fields := head.Lookup("X-A")
	require.Len(t, fields, 2)
	assert.Equal(t, "1", fields[0].Value)
	assert.Equal(t, "2", fields[1].Value)
}
