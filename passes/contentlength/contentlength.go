package contentlength

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connvet/connvet/passes/internal/analyzer"
	connflow "github.com/connvet/connvet/passes/internal/flow"
	"github.com/connvet/connvet/passes/internal/inprocess"
	"github.com/connvet/connvet/passes/internal/report"
	"github.com/connvet/connvet/passes/internal/wire"
)

//go:embed doc.go
var doc string

// Analyzer reports raw keep-alive responses the client cannot frame.
var Analyzer = newAnalyzer()

// InProcess is the option that also reports servers in test code, whose
// clients are the test itself (see passes/internal/inprocess).
const InProcess = inprocess.Option

func newAnalyzer() *analysis.Analyzer {
	a := analyzer.New("contentlength", doc, run, inspect.Analyzer, connflow.Analyzer)
	inprocess.AddServerFlag(a)
	return a
}

func run(pass *analysis.Pass) (any, error) {
	// Raw responses go to connections from net, net/http (hijack) or
	// fasthttp (ctx.Conn); a package importing none of them writes none.
	if !wire.Imports(pass.Pkg, "net", "net/http", "crypto/tls", wire.FasthttpPath) {
		return nil, nil
	}
	m := wire.NewModel(pass.Pkg, pass.TypesInfo)
	m.Flow = pass.ResultOf[connflow.Analyzer].(*connflow.Program)
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	reported := map[*ast.CallExpr]bool{} // helper writes already reported
	m.Units(insp, func(u *wire.Unit) {
		head, connect := bodylessMethods(pass, u.Root)
		if head {
			return // answers to HEAD have no body, whatever their status
		}
		var responses []wire.Response
		upgraded := map[types.Object]bool{}
		for _, body := range u.Bodies() {
			for _, r := range u.Responses(body) {
				responses = append(responses, r)
				if r.Head.Upgrade() {
					upgraded[r.Conn] = true
				}
			}
		}
		for _, r := range responses {
			if upgraded[r.Conn] {
				continue // after a 101 the conn speaks another protocol
			}
			if connect && (!r.Head.StatusKnown() || r.Head.Status/100 == 2) {
				// A 2xx to CONNECT starts a tunnel (RFC 9112 section 6.3):
				// no body. Other statuses answer CONNECT with an ordinary
				// body, framed like any other.
				continue
			}
			check(pass, u, r, reported, "", nil)
		}
		// Responses written by the functions a request loop calls.
		loopCalls(u, m, pass.TypesInfo, func(call *ast.CallExpr, loop ast.Stmt, c callee) {
			check(pass, c.u, c.r, reported, "the request loop that calls "+funcName(c.u)+" goes on to read the next request from it", call)
		})
	})
	return nil, nil
}

// check reports r when its head cannot be framed and the connection stays
// open after it; why and loopCall, when set, say so for a response written
// by a function a request loop calls (see loopCalls).
func check(pass *analysis.Pass, u *wire.Unit, r wire.Response, reported map[*ast.CallExpr]bool, why string, loopCall *ast.CallExpr) {
	h := r.Head
	switch {
	case !h.Complete, h.Unknown:
		return // the head is not all visible: it may say anything
	case h.StatusKnown() && !h.BodyAllowed():
		return // 1xx, 204, 304 have no body to frame
	case !h.StatusKnown() && bodylessStatuses(pass, u, r.Text):
		// A status from a variable or a %d is judged by the values it
		// can take: exempt only when every one is 1xx, 204 or 304.
		return
	case h.Framed(), h.ConnectionClose():
		return
	case h.Minor == 0 && !h.KeepAlive():
		return // HTTP/1.0 without keep-alive: the client expects the close
	}
	if loopCall == nil {
		why = staysOpen(u, r)
	}
	if why == "" {
		return // the connection is (or may be) closed after the response
	}
	d := analysis.Diagnostic{
		Pos: r.Writes[0].Call.Pos(),
		End: r.Writes[0].Call.End(),
		Message: fmt.Sprintf("response written to %s has no Content-Length, chunked encoding or Connection: close, "+
			"and %s: the client cannot find the end of the body and hangs until its timeout", u.NameOf(r.Conn), why),
	}
	if w := r.Writes[0]; w.Helper != nil {
		// The text is the helper's: report it once, at the helper's
		// write, where the fix goes, with this call as related
		// information.
		if reported[w.HelperWrite] {
			return
		}
		reported[w.HelperWrite] = true
		d.Pos, d.End = w.HelperWrite.Pos(), w.HelperWrite.End()
		d.Message = fmt.Sprintf("response written by %s to %s has no Content-Length, chunked encoding or Connection: close, "+
			"and %s: the client cannot find the end of the body and hangs until its timeout", w.Helper.Name(), u.NameOf(r.Conn), why)
		d.Related = []analysis.RelatedInformation{{Pos: w.Call.Pos(), End: w.Call.End(), Message: "called here"}}
	}
	if loopCall != nil {
		if reported[r.Writes[0].Call] {
			return
		}
		reported[r.Writes[0].Call] = true
		if w := r.Writes[0]; w.Helper != nil {
			reported[w.HelperWrite] = true
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: loopCall.Pos(), End: loopCall.End(), Message: "called here, in the request loop"})
	}
	if inprocess.SilentTestServer(pass, d.Pos) {
		return // a test's server: its client is the test
	}
	if fix, ok := suggest(r); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	report.Report(pass, d)
}

// bodylessStatuses reports whether the status of a response whose status
// line has a hole can only be 1xx, 204 or 304: the hole is a local whose
// every assignment is such a constant. A parameter, a field or a call may
// be any status.
func bodylessStatuses(pass *analysis.Pass, u *wire.Unit, t wire.Text) bool {
	var status ast.Expr
	for _, p := range t {
		if !p.Hole {
			if strings.Contains(p.Lit, "\n") {
				break // past the status line
			}
			continue
		}
		status = p.Expr
		break
	}
	id, ok := ast.Unparen(status).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Kind() != types.LocalVar {
		return false
	}
	bodyless := func(e ast.Expr) bool {
		tv := pass.TypesInfo.Types[e]
		if tv.Value == nil {
			return false
		}
		n, exact := constant.Int64Val(constant.ToInt(tv.Value))
		return exact && ((n >= 100 && n < 200) || n == 204 || n == 304)
	}
	all, seen := true, false
	ast.Inspect(u.Root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if lid, ok := l.(*ast.Ident); ok && pass.TypesInfo.ObjectOf(lid) == v {
					seen = true
					if len(n.Rhs) != len(n.Lhs) || n.Tok != token.ASSIGN && n.Tok != token.DEFINE || !bodyless(n.Rhs[i]) {
						all = false
					}
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if pass.TypesInfo.Defs[name] == v {
					seen = true
					if i >= len(n.Values) || !bodyless(n.Values[i]) {
						all = false
					}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if xid, ok := ast.Unparen(n.X).(*ast.Ident); ok && pass.TypesInfo.Uses[xid] == v {
					all = false
				}
			}
		case *ast.IncDecStmt:
			if xid, ok := ast.Unparen(n.X).(*ast.Ident); ok && pass.TypesInfo.Uses[xid] == v {
				all = false
			}
		}
		return all
	})
	return seen && all
}

// staysOpen says why the connection stays open after r, or "" when it
// may not.
func staysOpen(u *wire.Unit, r wire.Response) string {
	first, last := r.Stmts[0], r.Stmts[len(r.Stmts)-1]
	loop := u.EnclosingLoop(first)
	if v, ok := r.Conn.(*types.Var); ok && loop != nil && loop.Pos() <= v.Pos() && v.Pos() < loop.End() {
		loop = nil // each iteration has a conn of its own (accepted in the loop)
	}
	if loop == nil {
		// A request loop written with goto: a label before the read and a
		// goto back to it after the response.
		if u.GotoBack(last, r.Conn) != nil {
			return "the goto goes back to read the next request from it"
		}
	}
	if loop != nil {
		body := loopBody(loop)
		if !u.ReadsFrom(loop, r.Conn) {
			return "" // not a request loop on this connection
		}
		leaves := u.Later(last, body, func(s ast.Stmt, inSwitch bool) bool {
			return wire.Terminates(s, inSwitch) || u.IsCloseOf(s, r.Conn)
		})
		if leaves {
			return "" // the loop ends or the conn is closed after the response
		}
		return "the loop goes on to read the next request from it"
	}
	// Outside a loop: only a connection this function accepted or hijacked,
	// never closes and never hands to anyone stays open for sure.
	v, ok := r.Conn.(*types.Var)
	if !ok {
		return ""
	}
	_, call, index, ok := u.Definition(v)
	c, isCall := ast.Unparen(call).(*ast.CallExpr)
	if !ok || !isCall {
		return ""
	}
	accepted := index == 0 && u.Model().IsAccept(c)
	if !accepted && !u.Model().IsHijack(c) {
		return "" // a parameter or a conn from elsewhere: the owner may close it
	}
	if calls, _ := u.Closes(r.Conn); len(calls) > 0 {
		return ""
	}
	if u.Escapes(r.Conn) {
		return ""
	}
	return "the connection is never closed"
}

func loopBody(loop ast.Stmt) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return nil
}

// suggest inserts a Content-Length after the status line when the body is
// known: its byte length when constant, or %d with len(body) when the body
// is the one %s operand of the same format.
func suggest(r wire.Response) (analysis.SuggestedFix, bool) {
	h := r.Head
	if !r.Whole {
		return analysis.SuggestedFix{}, false // more of the body is written elsewhere
	}
	if n, ok := h.BodyLen(); ok {
		line := fmt.Sprintf("Content-Length: %d%s", n, h.EOL)
		pos, text, _, ok := wire.InsertAt(r.Text, h.StatusEnd, line)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		return analysis.SuggestedFix{
			Message:   fmt.Sprintf("Add Content-Length: %d to the response head", n),
			TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}},
		}, true
	}
	if len(h.Body) != 1 {
		return analysis.SuggestedFix{}, false
	}
	body := h.Body[0]
	if !body.Hole || body.Format == nil || (body.Verb != 's' && body.Verb != 'v') || !simple(body.Expr) {
		return analysis.SuggestedFix{}, false
	}
	pos, text, piece, ok := wire.InsertAt(r.Text, h.StatusEnd, "Content-Length: %d"+h.EOL)
	if !ok || piece.Format != body.Format {
		return analysis.SuggestedFix{}, false
	}
	call := body.Format
	arg := "len(" + types.ExprString(body.Expr) + ")"
	var argEdit analysis.TextEdit
	if piece.NextArg < len(call.Args) {
		p := call.Args[piece.NextArg].Pos()
		argEdit = analysis.TextEdit{Pos: p, End: p, NewText: []byte(arg + ", ")}
	} else {
		e := call.Args[len(call.Args)-1].End()
		argEdit = analysis.TextEdit{Pos: e, End: e, NewText: []byte(", " + arg)}
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Add Content-Length: %%d with %s to the response head", arg),
		TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}, argEdit},
	}, true
}

// simple reports whether e can be written twice without changing meaning:
// an identifier or a chain of field selections.
func simple(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return simple(e.X)
	}
	return false
}

// bodylessMethods reports whether the function uses the constant "HEAD"
// (http.MethodHead) or "CONNECT" (http.MethodConnect): its unframed
// responses may answer HEAD requests (no body for any status) or CONNECT
// requests (no body for a 2xx, which starts a tunnel).
func bodylessMethods(pass *analysis.Pass, root ast.Node) (head, connect bool) {
	ast.Inspect(root, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok {
			if tv, ok := pass.TypesInfo.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				switch constant.StringVal(tv.Value) {
				case "HEAD":
					head = true
				case "CONNECT":
					connect = true
				}
			}
		}
		return !head
	})
	return head, connect
}

// funcName names the unit's function for a message.
func funcName(u *wire.Unit) string {
	if d, ok := u.Root.(*ast.FuncDecl); ok {
		return d.Name.Name
	}
	return "the function"
}
