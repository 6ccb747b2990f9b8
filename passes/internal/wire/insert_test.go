package wire_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/connvet/connvet/passes/internal/wire"
)

// fromLiteral parses src (a Go string literal) and returns it as Text
// with Src set, as TextOf would.
func fromLiteral(t *testing.T, value, src string) (wire.Text, *ast.BasicLit) {
	e, err := parser.ParseExpr(src)
	require.NoError(t, err)
	lit := e.(*ast.BasicLit)
	return wire.Text{{Lit: value, Src: lit}}, lit
}

func TestInsertAtStatusEnd(t *testing.T) {
	for name, c := range map[string]struct {
		value, src string
		insert     string
		wantOff    int // source offset inside the literal token
		wantText   string
	}{
		"interpreted": {"HTTP/1.1 200 OK\r\n\r\nhi", `"HTTP/1.1 200 OK\r\n\r\nhi"`, "Connection: close\r\n",
			len(`"HTTP/1.1 200 OK\r\n`), `Connection: close\r\n`},
		"escapes before": {"HTTP/1.1 200 \x4fK\r\n\r\n", `"HTTP/1.1 200 \x4fK\r\n\r\n"`, "X: y\r\n",
			len(`"HTTP/1.1 200 \x4fK\r\n`), `X: y\r\n`},
		"utf-8 reason": {"HTTP/1.1 200 Ökay\r\n\r\n", `"HTTP/1.1 200 Ökay\r\n\r\n"`, "X: y\r\n",
			len(`"HTTP/1.1 200 Ökay\r\n`), `X: y\r\n`},
		"unicode escape": {"HTTP/1.1 200 \u00d6kay\r\n\r\n", `"HTTP/1.1 200 \u00d6kay\r\n\r\n"`, "X: y\r\n",
			len(`"HTTP/1.1 200 \u00d6kay\r\n`), `X: y\r\n`},
		"raw": {"HTTP/1.1 200 OK\n\nhi", "`HTTP/1.1 200 OK\n\nhi`", "X: y\n",
			len("`HTTP/1.1 200 OK\n"), "X: y\n"},
	} {
		t.Run(name, func(t *testing.T) {
			text, lit := fromLiteral(t, c.value, c.src)
			head, ok := wire.ParseHead(text)
			require.True(t, ok)
			pos, got, piece, ok := wire.InsertAt(text, head.StatusEnd, c.insert)
			require.True(t, ok)
			assert.Same(t, &text[0], piece)
			assert.Equal(t, lit.Pos()+token.Pos(c.wantOff), pos)
			assert.Equal(t, c.wantText, got)
		})
	}
}

func TestInsertAtRefuses(t *testing.T) {
	// A hole, or a literal without source, cannot be edited.
	text := wire.Concat(wire.Lit("HTTP/1.1 200 OK\r\n"), wire.Hole('s'))
	head, ok := wire.ParseHead(text)
	require.True(t, ok)
	_, _, _, ok = wire.InsertAt(text, head.StatusEnd, "X: y\r\n")
	assert.False(t, ok)

	// A raw string cannot take a carriage return.
	raw, _ := fromLiteral(t, "HTTP/1.1 200 OK\n\n", "`HTTP/1.1 200 OK\n\n`")
	head, ok = wire.ParseHead(raw)
	require.True(t, ok)
	_, _, _, ok = wire.InsertAt(raw, head.StatusEnd, "X: y\r\n")
	assert.False(t, ok)
}

func TestInsertAtBoundary(t *testing.T) {
	// The status line ends exactly where the first literal ends: the end of
	// that literal serves when the next piece cannot be edited.
	first, lit := fromLiteral(t, "HTTP/1.1 200 OK\r\n", `"HTTP/1.1 200 OK\r\n"`)
	text := wire.Concat(first, wire.Hole('s'))
	head, ok := wire.ParseHead(text)
	require.True(t, ok)
	pos, got, _, ok := wire.InsertAt(text, head.StatusEnd, "X: y\r\n")
	require.True(t, ok)
	assert.Equal(t, lit.End()-1, pos)
	assert.Equal(t, `X: y\r\n`, got)
}
