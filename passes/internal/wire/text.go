// Package wire models HTTP/1.x wire text as Go code builds it, and the
// writers that put such text on a connection.
//
// Text is what the code writes, reconstructed from what is constant:
// string constants, fmt format strings (each verb a hole), concatenations
// and successive Write calls on one connection. ParseHead reads the status
// line and header block of such text and answers the framing questions the
// checks ask: is there a Content-Length, a chunked Transfer-Encoding, a
// Connection: close or keep-alive, which version and status. Wherever a
// hole could hide a header the answer is Unknown, so callers stay silent.
//
// Model (model.go) ties Text to a type-checked package: which expressions
// are connections (net.Conn, *net.TCPConn, bufio writers over a conn,
// hijacked conns, fasthttp's ctx.Conn()), which calls write to them, and
// the responses a function writes.
package wire

import (
	"go/ast"
	"strconv"
	"strings"
)

// Piece is one run of wire text: either literal bytes or a hole whose
// content is not known statically.
type Piece struct {
	Lit  string // the bytes, when Hole is false
	Hole bool
	Verb rune     // fmt verb that produced the hole ('d', 's', 'v', ...); 0 if none
	Expr ast.Expr // the expression filling the hole or, for a literal, the expression it came from; may be nil

	// Src is the string literal whose value contains Lit at offset Off,
	// when the piece comes straight from one; fixes edit only such pieces.
	Src *ast.BasicLit
	Off int
	// Format is set for pieces of a fmt format string: the call and the
	// index (into the call's arguments) of the value of the next verb after
	// this piece. Fixes that add a verb use it.
	Format  *ast.CallExpr
	NextArg int
}

// Text is wire text as a sequence of pieces.
type Text []Piece

// Lit returns literal text s.
func Lit(s string) Text { return Text{{Lit: s}} }

// Hole returns a hole made by verb (0 for none).
func Hole(verb rune) Text { return Text{{Hole: true, Verb: verb}} }

// Concat joins texts.
func Concat(ts ...Text) Text {
	var out Text
	for _, t := range ts {
		out = append(out, t...)
	}
	return out
}

// HasHole reports whether t contains a hole.
func (t Text) HasHole() bool {
	for _, p := range t {
		if p.Hole {
			return true
		}
	}
	return false
}

// String renders t with each hole as "\x00"; for tests and debugging.
func (t Text) String() string {
	var b strings.Builder
	for _, p := range t {
		if p.Hole {
			b.WriteByte(0)
		} else {
			b.WriteString(p.Lit)
		}
	}
	return b.String()
}

// Pos is a position in a Text: piece index and byte offset inside its Lit.
type Pos struct{ Piece, Off int }

// Field is one header line.
type Field struct {
	Name      string // lower case
	Value     string // literal part of the value, trimmed
	ValueHole bool   // part of the value is a hole
}

// Head is the parsed status line and header block of a response.
type Head struct {
	Major, Minor int
	Status       int // 0 when the status code is a hole
	Fields       []Field
	// Unknown is set when a hole stands where a header name could be, or in
	// the value of a framing header (Connection, Transfer-Encoding): the
	// block may then say anything.
	Unknown bool
	// Complete is set when the blank line ending the header block is part
	// of the text.
	Complete bool
	// StatusEnd is where the line after the status line starts; EOL is the
	// status line's terminator ("\r\n" or "\n").
	StatusEnd Pos
	EOL       string
	// Body is the text after the blank line (when Complete).
	Body Text
}

// ParseHead parses the head of a response. ok is false when t does not
// start with a literal "HTTP/1.x " status line.
func ParseHead(t Text) (h Head, ok bool) {
	// Flatten into cells: one per literal byte, one per hole.
	type cell struct {
		b    byte
		hole bool
	}
	var cells []cell
	for _, p := range t {
		if p.Hole {
			cells = append(cells, cell{hole: true})
			continue
		}
		for j := 0; j < len(p.Lit); j++ {
			cells = append(cells, cell{b: p.Lit[j]})
		}
	}
	lit := func(from, to int) (string, bool) { // literal text of cells[from:to], false if a hole
		var b strings.Builder
		for _, c := range cells[from:to] {
			if c.hole {
				return "", false
			}
			b.WriteByte(c.b)
		}
		return b.String(), true
	}
	// Split into lines at '\n'.
	var lines [][2]int // [start, end) excluding the terminator
	start := 0
	blank := -1 // index in cells just after the blank line
	for i, c := range cells {
		if c.hole || c.b != '\n' {
			continue
		}
		end := i
		if end > start && !cells[end-1].hole && cells[end-1].b == '\r' {
			end--
		}
		if end == start && len(lines) > 0 {
			blank = i + 1
			break
		}
		lines = append(lines, [2]int{start, end})
		start = i + 1
	}
	if len(lines) == 0 {
		return Head{}, false
	}
	// Status line: "HTTP/1.x SSS reason".
	first := lines[0]
	if first[1]-first[0] < len("HTTP/1.x 0") {
		return Head{}, false
	}
	proto, ok := lit(first[0], first[0]+len("HTTP/1.x "))
	if !ok || !strings.HasPrefix(proto, "HTTP/1.") || proto[8] != ' ' || (proto[7] != '0' && proto[7] != '1') {
		return Head{}, false
	}
	h.Major, h.Minor = 1, int(proto[7]-'0')
	if code, ok := lit(first[0]+9, min(first[0]+12, first[1])); ok {
		n, err := strconv.Atoi(code)
		if err != nil || n < 100 || n > 999 {
			return Head{}, false
		}
		if after := first[0] + 12; after < first[1] && !cells[after].hole && cells[after].b != ' ' {
			return Head{}, false
		}
		h.Status = n
	}
	termEnd := first[1] + 1 // index after '\n'
	if !cells[first[1]].hole && cells[first[1]].b == '\r' {
		termEnd++
		h.EOL = "\r\n"
	} else {
		h.EOL = "\n"
	}
	h.StatusEnd = posAt(t, termEnd)
	for _, ln := range lines[1:] {
		h.addField(ln[0], ln[1], lit)
	}
	if blank < 0 {
		// The text ended inside the header block; the last partial line
		// (after the last '\n') may be a header name in the making.
		if start < len(cells) {
			h.addField(start, len(cells), lit)
		}
		return h, true
	}
	h.Complete = true
	bp := posAt(t, blank)
	if bp.Piece < len(t) {
		rest := t[bp.Piece:]
		if !rest[0].Hole && bp.Off > 0 {
			p := rest[0]
			p.Lit = p.Lit[bp.Off:]
			p.Off += bp.Off
			rest = append(Text{p}, rest[1:]...)
		}
		for _, p := range rest {
			if p.Hole || p.Lit != "" {
				h.Body = append(h.Body, p)
			}
		}
	}
	return h, true
}

// posAt maps a cell index to a Pos (the end of the text when i is past it).
func posAt(t Text, i int) Pos {
	n := 0
	for pi, p := range t {
		size := len(p.Lit)
		if p.Hole {
			size = 1
		}
		if i < n+size {
			return Pos{pi, i - n}
		}
		n += size
	}
	return Pos{len(t), 0}
}

func (h *Head) addField(from, to int, lit func(int, int) (string, bool)) {
	// Find the colon in the literal prefix; a hole before it hides the name.
	whole, ok := lit(from, to)
	if ok {
		name, value, found := strings.Cut(whole, ":")
		if !found {
			return // not a header line; clients reject it, not our business
		}
		h.Fields = append(h.Fields, Field{Name: strings.ToLower(strings.TrimSpace(name)), Value: strings.TrimSpace(value)})
		return
	}
	// Some hole in the line: the name must be literal and complete.
	for i := from; i < to; i++ {
		s, ok := lit(from, i+1)
		if !ok {
			h.Unknown = true // hole before the colon
			return
		}
		if strings.HasSuffix(s, ":") {
			name := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(s, ":")))
			var value strings.Builder
			for j := i + 1; j < to; j++ {
				if v, ok := lit(j, j+1); ok {
					value.WriteString(v)
				}
			}
			h.Fields = append(h.Fields, Field{Name: name, Value: strings.TrimSpace(value.String()), ValueHole: true})
			if name == "connection" || name == "transfer-encoding" {
				h.Unknown = true
			}
			return
		}
	}
}

// Lookup returns the header fields called name (case-insensitive).
func (h Head) Lookup(name string) []Field {
	name = strings.ToLower(name)
	var out []Field
	for _, f := range h.Fields {
		if f.Name == name {
			out = append(out, f)
		}
	}
	return out
}

func (h Head) hasToken(name, token string) bool {
	for _, f := range h.Lookup(name) {
		for tok := range strings.SplitSeq(f.Value, ",") {
			if strings.EqualFold(strings.TrimSpace(tok), token) {
				return true
			}
		}
	}
	return false
}

// ContentLength reports whether the head has a Content-Length field.
func (h Head) ContentLength() bool { return len(h.Lookup("content-length")) > 0 }

// Chunked reports whether the head has Transfer-Encoding: chunked.
func (h Head) Chunked() bool { return h.hasToken("transfer-encoding", "chunked") }

// ConnectionClose reports whether the head has Connection: close.
func (h Head) ConnectionClose() bool { return h.hasToken("connection", "close") }

// KeepAlive reports whether the head has Connection: keep-alive.
func (h Head) KeepAlive() bool { return h.hasToken("connection", "keep-alive") }

// Framed reports whether the client can find the end of the body without
// the connection closing: a Content-Length or chunked encoding.
func (h Head) Framed() bool { return h.ContentLength() || h.Chunked() }

// StatusKnown reports whether the status code is a constant.
func (h Head) StatusKnown() bool { return h.Status != 0 }

// BodyAllowed reports whether the status allows a body: known and not
// 1xx, 204 or 304 (RFC 9112 section 6.3).
func (h Head) BodyAllowed() bool {
	return h.Status >= 200 && h.Status != 204 && h.Status != 304
}

// Informational reports a 1xx response other than 101: an interim
// response that a final one follows on the same connection.
func (h Head) Informational() bool { return h.Status >= 100 && h.Status < 200 && h.Status != 101 }

// Final skips the complete informational heads (100 Continue, 103 Early
// Hints...) at the start of t and returns the head of the response that
// follows them, with the text it starts. ok is false when t does not
// start with a status line.
func Final(t Text) (h Head, rest Text, ok bool) {
	for {
		h, ok = ParseHead(t)
		if !ok {
			return Head{}, nil, false
		}
		if h.Informational() && h.Complete {
			if _, next := ParseHead(h.Body); next {
				t = h.Body
				continue
			}
		}
		return h, t, true
	}
}

// Upgrade reports a 101 Switching Protocols response.
func (h Head) Upgrade() bool { return h.Status == 101 }

// AnnouncesClose reports whether the client learns from the head that the
// connection ends after this response: Connection: close, or HTTP/1.0
// without Connection: keep-alive.
func (h Head) AnnouncesClose() bool {
	if h.ConnectionClose() {
		return true
	}
	return h.Minor == 0 && !h.KeepAlive()
}

// BodyLen returns the length of the body when it is all literal.
func (h Head) BodyLen() (int, bool) {
	n := 0
	for _, p := range h.Body {
		if p.Hole {
			return 0, false
		}
		n += len(p.Lit)
	}
	return n, true
}
