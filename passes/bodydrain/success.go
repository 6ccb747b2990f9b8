package bodydrain

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net/http"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/httplib"
)

// successUnread: a function that sends a write (see writeRequest), reads
// the body where a status check says the request failed (to put the
// server's message in its error), and closes it unread where the check
// says it succeeded, knows what the API sends: a success without content
// (202 Accepted from a push gateway, the 204 of a write, the empty 200 of
// a presigned upload). Such a close is not reported. A close reached
// unread on the failure side, or on a path no status check decided, or
// after part of the body was read, still is.

// statusSide classifies e, a condition on the acquired response's status,
// by what holds where it is true: 1 when the status is then a success
// (2xx, or below 300), -1 when it is then a failure (outside 2xx), 0 when
// e is no such condition.
func (w *walker) statusSide(e ast.Expr) int8 {
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return -w.statusSide(e.X)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LOR:
			x, y := w.statusSide(e.X), w.statusSide(e.Y)
			switch {
			case x == -1 && y == -1:
				return -1 // status < 200 || status >= 300
			case x == 1 && y == 1:
				return 1 // status == 200 || status == 202: the successes the code accepts
			}
			return 0
		case token.LAND:
			x, y := w.statusSide(e.X), w.statusSide(e.Y)
			switch {
			case x == -1 && y == -1:
				return -1 // status != 200 && status != 202: none of the accepted successes
			case (x == 1 || y == 1) && x != -1 && y != -1:
				return 1 // status >= 200 && status < 300
			}
			return 0
		}
		op, c, ok := w.statusCompare(e)
		if !ok {
			return 0
		}
		switch op {
		case token.EQL:
			if c/100 == 2 {
				return 1
			}
		case token.NEQ:
			if c/100 == 2 {
				return -1
			}
		case token.GEQ:
			if c >= 300 {
				return -1
			}
		case token.GTR:
			if c >= 299 {
				return -1
			}
		case token.LSS:
			if c == 200 {
				return -1 // status < 200
			}
			if c > 200 && c <= 300 {
				return 1
			}
		case token.LEQ:
			if c >= 200 && c <= 299 {
				return 1
			}
		}
	}
	return 0
}

// statusCompare matches resp.StatusCode op c (either way round, op turned
// to read status op c), also resp.StatusCode/100 op k, read as the range
// of statuses it means (k*100 for ==/!=, so /100 == 2 is a 2xx test).
func (w *walker) statusCompare(e *ast.BinaryExpr) (token.Token, int64, bool) {
	info := w.c.pass.TypesInfo
	konst := func(x ast.Expr) (int64, bool) {
		tv, ok := info.Types[x]
		if !ok || tv.Value == nil {
			return 0, false
		}
		v, exact := constant.Int64Val(constant.ToInt(tv.Value))
		return v, exact
	}
	x, y, op := e.X, e.Y, e.Op
	if _, ok := konst(x); ok {
		x, y = y, x
		switch op {
		case token.LSS:
			op = token.GTR
		case token.GTR:
			op = token.LSS
		case token.LEQ:
			op = token.GEQ
		case token.GEQ:
			op = token.LEQ
		}
	}
	c, ok := konst(y)
	if !ok {
		return 0, 0, false
	}
	if w.isStatus(x) {
		return op, c, true
	}
	// resp.StatusCode/100 == 2
	if q, ok := ast.Unparen(x).(*ast.BinaryExpr); ok && q.Op == token.QUO && w.isStatus(q.X) {
		if d, ok := konst(q.Y); ok && d == 100 && (op == token.EQL || op == token.NEQ) {
			return op, c * 100, true
		}
	}
	return 0, 0, false
}

// writeRequest reports whether call, which obtained a response, sent a
// write: http.Post or PostForm (also a Client's), or Do or RoundTrip of a
// request whose method is POST, PUT, PATCH or DELETE (see isWriteMethod).
// The success of a read (GET) carries what was asked for; only a write's
// may be empty by design (see successUnread).
func (c *checker) writeRequest(call *ast.CallExpr) bool {
	if call == nil {
		return false
	}
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	switch {
	case fn == nil:
		return false
	case httplib.IsFunc(fn, "net/http", "", "Post"), httplib.IsFunc(fn, "net/http", "Client", "Post"),
		httplib.IsFunc(fn, "net/http", "", "PostForm"), httplib.IsFunc(fn, "net/http", "Client", "PostForm"):
		return true
	case (fn.Name() == "Do" || fn.Name() == "RoundTrip") && len(call.Args) == 1:
		return c.methodIs(call.Args[0], 0, c.isWriteMethod)
	}
	return false
}

// isWriteMethod reports whether m, a request method, is POST, PUT, PATCH
// or DELETE: a constant, or a parameter of the function being analyzed
// that every call of it in this package (at least one) passes such a
// constant.
func (c *checker) isWriteMethod(m ast.Expr) bool {
	info := c.pass.TypesInfo
	write := func(e ast.Expr) bool {
		s, ok := httplib.ConstString(info, e)
		switch {
		case !ok:
			return false
		case s == http.MethodPost, s == http.MethodPut, s == http.MethodPatch, s == http.MethodDelete:
			return true
		}
		return false
	}
	if write(m) {
		return true
	}
	id, ok := ast.Unparen(m).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	if c.decls == nil {
		c.decls = httplib.FuncDecls(info, c.pass.Files)
	}
	for fn, decl := range c.decls {
		if decl.Body != c.body {
			continue
		}
		params := fn.Signature().Params()
		idx := -1
		for i := range params.Len() {
			if params.At(i) == v {
				idx = i
			}
		}
		if idx < 0 || fn.Signature().Variadic() && idx == params.Len()-1 {
			return false
		}
		calls, all := 0, true
		for _, f := range c.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || !all {
					return all
				}
				if callee, ok := typeutil.Callee(info, call).(*types.Func); ok && callee.Origin() == fn {
					calls++
					all = idx < len(call.Args) && write(call.Args[idx])
				}
				return true
			})
		}
		return calls > 0 && all
	}
	return false
}
