package keepaliveclose

import (
	"bytes"
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
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/analyzer"
	"github.com/connvet/connvet/passes/internal/fix"
	connflow "github.com/connvet/connvet/passes/internal/flow"
	"github.com/connvet/connvet/passes/internal/httplib"
	"github.com/connvet/connvet/passes/internal/inprocess"
	"github.com/connvet/connvet/passes/internal/report"
	"github.com/connvet/connvet/passes/internal/wire"
)

//go:embed doc.go
var doc string

// Analyzer reports servers that close keep-alive connections unannounced.
var Analyzer = newAnalyzer()

// InProcess is the option that also reports servers in test code, whose
// clients are the test itself (see passes/internal/inprocess).
const InProcess = inprocess.Option

func newAnalyzer() *analysis.Analyzer {
	a := analyzer.New("keepaliveclose", doc, run, inspect.Analyzer, connflow.Analyzer, factsAnalyzer)
	inprocess.AddServerFlag(a)
	return a
}

const consequence = "keep-alive clients send their next request on it, which fails (POST) or is silently sent twice (GET)"

func run(pass *analysis.Pass) (any, error) {
	// Requests are read with net/http or fasthttp; connections are hijacked
	// from net/http or taken from fasthttp's ctx. Without either there is
	// nothing to check.
	if !wire.Imports(pass.Pkg, "net/http", wire.FasthttpPath) {
		return nil, nil
	}
	m := wire.NewModel(pass.Pkg, pass.TypesInfo)
	m.Flow = pass.ResultOf[connflow.Analyzer].(*connflow.Program)
	m.Interfaces = true    // io.ReadWriteCloser and the like carry connections too
	m.EmbeddedConns = true // struct wrappers of a conn (adapters, traffic trackers) are the conn
	m.HandsNowhere = true  // a plugin that only answers keeps the connection nowhere
	facts := pass.ResultOf[factsAnalyzer].(Facts)
	facts.addTo(m) // other packages' hijack and release helpers
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	st := &state{summaries: map[sumKey]*summary{}, closers: map[sumKey]bool{}, reported: map[token.Pos]bool{}, facts: facts}
	m.Units(insp, func(u *wire.Unit) {
		c := &checker{pass: pass, u: u, m: m, insp: insp, st: st}
		c.oneShotServers()
		c.requestLoops()
		c.fasthttpHandlers()
	})
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	u    *wire.Unit
	m    *wire.Model
	insp *inspector.Inspector
	st   *state
}

// clientCheck reports whether n reads the client's close request or
// protocol version: (*http.Request).Close, ProtoAtLeast, ProtoMajor/Minor,
// fasthttp's ConnectionClose(), or a call with a constant "Connection"
// argument (Header.Get("Connection")).
func (c *checker) clientCheck(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if sel := c.pass.TypesInfo.Selections[n]; sel != nil && c.m.RequestChecks[sel.Obj()] {
				found = true
			}
		case *ast.CallExpr:
			if f := c.m.Callee(n); f != nil && c.m.FastCloseCheck[f] {
				found = true
			}
			for _, a := range n.Args {
				if tv := c.pass.TypesInfo.Types[a]; tv.Value != nil && tv.Value.Kind() == constant.String &&
					strings.EqualFold(constant.StringVal(tv.Value), "connection") {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// clientControlled reports whether the client's own close request decides
// whether n runs: n sits in a branch of an if or switch whose condition
// reads it, or follows, in an enclosing block, an if that reads it and
// leaves the function (if !req.Close { return }). Looking at the request
// elsewhere in the function decides nothing.
func (c *checker) clientControlled(n ast.Node) bool {
	for child, p := n, c.u.Parent(n); p != nil; child, p = p, c.u.Parent(p) {
		switch p := p.(type) {
		case *ast.IfStmt:
			if child != p.Cond && child != p.Init && c.clientCheck(p.Cond) {
				return true
			}
		case *ast.SwitchStmt:
			if p.Tag != nil && child == p.Body && c.clientCheck(p.Tag) {
				return true
			}
		case *ast.CaseClause:
			for _, e := range p.List {
				if c.clientCheck(e) {
					return true
				}
			}
		case *ast.BlockStmt:
			for _, st := range p.List {
				if st.Pos() >= child.Pos() {
					break
				}
				if ifs, ok := st.(*ast.IfStmt); ok && c.clientCheck(ifs.Cond) && len(ifs.Body.List) > 0 &&
					wire.Terminates(ifs.Body.List[len(ifs.Body.List)-1], false) {
					return true
				}
			}
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
	return false
}

// oneShotServers checks connections from which the function reads one
// request, or which it hijacks, and then answers and closes.
func (c *checker) oneShotServers() {
	u := c.u
	reads := map[types.Object][]*ast.CallExpr{}
	var conns []types.Object
	hijacked := map[types.Object]bool{}
	ast.Inspect(u.Root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if conn, ok := u.RequestRead(call); ok {
			if _, seen := reads[conn]; !seen && !hijacked[conn] {
				conns = append(conns, conn)
			}
			reads[conn] = append(reads[conn], call)
		}
		if c.m.IsHijack(call) {
			if conn := c.hijackedConn(call); conn != nil && !hijacked[conn] {
				if _, seen := reads[conn]; !seen {
					conns = append(conns, conn)
				}
				hijacked[conn] = true
			}
		}
		return true
	})
	// A function handed the request with its connection
	// (handleConnect(req *http.Request, rwc io.ReadWriteCloser)): the
	// caller read it, once as far as this function knows.
	for _, conn := range u.CallerRead() {
		if _, seen := reads[conn]; !seen && !hijacked[conn] {
			conns = append(conns, conn)
		}
	}
	for _, conn := range conns {
		inLoop := false
		for _, r := range reads[conn] {
			if u.LoopOver(r, conn) != nil || u.InGotoLoop(r, conn) {
				inLoop = true // also a loop written with a label and goto
			}
		}
		if inLoop {
			continue // a request loop serves the client's next request
		}
		c.checkConn(conn)
	}
}

// hijackedConn returns the conn variable that receives Hijack's first
// result.
func (c *checker) hijackedConn(call *ast.CallExpr) types.Object {
	as, ok := c.u.Parent(call).(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) != 3 {
		return nil
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	return c.pass.TypesInfo.ObjectOf(id)
}

func (c *checker) checkConn(conn types.Object) {
	kas, upgrade := c.keepAlives(conn)
	if upgrade {
		return // a protocol upgrade: what follows is not HTTP/1.x
	}
	for _, ka := range kas {
		if !c.closedAfter(ka.last, conn) {
			continue
		}
		d := c.diag(ka.at, conn)
		if ka.fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*ka.fix}
		}
		c.report(d)
	}
	c.handlerCalls(conn)
}

// A keepAlive is a response written to a connection, outside any loop
// over it, that keeps the connection alive: framed, HTTP/1.1, without
// Connection: close, not in a branch on the client's own close request,
// and with the connection handed to no other code on a path from it.
type keepAlive struct {
	at   *ast.CallExpr // the write reported
	last ast.Stmt      // the statement the response ends with
	fix  *analysis.SuggestedFix
}

// keepAlives returns the keep-alive responses written to conn in the unit;
// upgrade is set when the unit switches conn to another protocol (101).
func (c *checker) keepAlives(conn types.Object) (out []keepAlive, upgrade bool) {
	u := c.u
	var responses []wire.Response
	for _, body := range u.Bodies() {
		for _, r := range u.Responses(body) {
			if r.Conn != conn {
				continue
			}
			if r.Head.Upgrade() {
				return nil, true
			}
			responses = append(responses, r)
		}
	}
	// Raw responses.
	for _, r := range responses {
		if u.LoopOver(r.Stmts[0], conn) != nil {
			continue // answered in a loop: maybe one of many on this conn
		}
		if u.EscapeAfter(r.Stmts[0], conn) {
			continue // someone else may serve more requests on it
		}
		if c.clientControlled(r.Stmts[0]) {
			continue
		}
		h := r.Head
		switch {
		case !h.Complete, h.Unknown:
			continue // the head may say anything
		case h.Informational():
			continue // an interim response; the final one follows
		case h.AnnouncesClose():
			continue
		case !h.Framed() && (!h.StatusKnown() || h.BodyAllowed()):
			continue // close-delimited body (or maybe): the close is its end
		}
		ka := keepAlive{at: r.Writes[0].Call, last: r.Stmts[len(r.Stmts)-1]}
		// With "Connection: keep-alive" in the head a second Connection
		// line would contradict it: no fix then.
		if pos, text, _, ok := wire.InsertAt(r.Text, h.StatusEnd, "Connection: close"+h.EOL); ok && !h.KeepAlive() && r.Writes[0].Helper == nil {
			ka.fix = &analysis.SuggestedFix{
				Message:   "Add Connection: close to the response head",
				TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}},
			}
		}
		out = append(out, ka)
	}
	// http.Response.Write and fasthttp Response.Write/WriteTo.
	for _, r := range c.objectResponses(conn) {
		if u.LoopOver(r.stmt, conn) != nil || u.EscapeAfter(r.stmt, conn) || c.clientControlled(r.stmt) {
			continue
		}
		ka := keepAlive{at: r.call, last: r.stmt}
		if r.fix != "" {
			ka.fix = &analysis.SuggestedFix{
				Message:   "Announce the close: " + r.fix,
				TextEdits: []analysis.TextEdit{c.insertBefore(r.stmt, r.fix)},
			}
		}
		out = append(out, ka)
	}
	return out, false
}

// An objectResponse is a response object written to a connection: an
// http.Response with Write, a fasthttp Response with Write or WriteTo.
type objectResponse struct {
	call *ast.CallExpr
	stmt ast.Stmt // the statement holding the call
	fix  string   // the statement that announces the close, if one can be inserted
}

// objectResponses returns the response objects written to conn that keep
// the connection alive: framed, HTTP/1.1, without Connection: close.
func (c *checker) objectResponses(conn types.Object) []objectResponse {
	var out []objectResponse
	ast.Inspect(c.u.Root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return true
		}
		f := c.m.Callee(call)
		if f == nil || (f != c.m.RespWrite && !c.m.FastRespWrite[f]) {
			return true
		}
		if w, ok := c.u.ConnOf(call.Args[0]); !ok || w != conn {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		stmt := c.statementOf(call)
		if stmt == nil {
			return true
		}
		resp, isIdent := ast.Unparen(sel.X).(*ast.Ident)
		r := objectResponse{call: call, stmt: stmt}
		switch {
		case f == c.m.RespWrite && !isIdent:
			// responseWith(req, 407).Write(conn): built by a helper.
			if !c.responseKeepsAlive(sel.X) {
				return true
			}
		case f == c.m.RespWrite:
			if !c.netHTTPResponseKeepsAlive(resp) {
				return true
			}
			r.fix = resp.Name + ".Close = true"
		case isIdent:
			if !c.fastResponseKeepsAlive(resp) {
				return true
			}
			r.fix = resp.Name + ".SetConnectionClose()"
		default:
			return true
		}
		out = append(out, r)
		return true
	})
	return out
}

func (c *checker) diag(at ast.Node, conn types.Object) analysis.Diagnostic {
	d := c.diagText(at, conn)
	if st := c.statementOf(at); st != nil {
		if cl := c.closeAfter(st, conn); cl != nil {
			d.Related = []analysis.RelatedInformation{{Pos: cl.Pos(), End: cl.End(), Message: "closed here"}}
		}
	}
	if b := c.builtBy(at); b != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: b.Pos(), End: b.End(), Message: "response built here"})
	}
	return d
}

// builtBy returns the response a function of the package builds and
// returns, when at writes it (res := build(req); res.Write(conn), or
// build(req).Write(conn)): the expression the function returns, where
// Close: true would go.
func (c *checker) builtBy(at ast.Node) ast.Node {
	call, ok := at.(*ast.CallExpr)
	if !ok {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Write" {
		return nil
	}
	recv := ast.Unparen(sel.X)
	if id, ok := recv.(*ast.Ident); ok {
		v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
		if v == nil {
			return nil
		}
		rhs, _, _, ok := c.u.Definition(v)
		if !ok || rhs == nil {
			return nil
		}
		recv = ast.Unparen(rhs)
	}
	hc, ok := recv.(*ast.CallExpr)
	if !ok {
		return nil
	}
	f := c.m.Callee(hc)
	if f == nil || f.Pkg() != c.pass.Pkg {
		return nil
	}
	d := c.m.Decl(f.Origin())
	if d == nil || d.Body == nil {
		return nil
	}
	var ret *ast.ReturnStmt
	n := 0
	ast.Inspect(d.Body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			ret = x
			n++
		}
		return true
	})
	if n != 1 || len(ret.Results) != 1 {
		return nil
	}
	return ret.Results[0]
}

func (c *checker) diagText(at ast.Node, conn types.Object) analysis.Diagnostic {
	return analysis.Diagnostic{
		Pos: at.Pos(),
		End: at.End(),
		Message: fmt.Sprintf("%s is closed after this response, which does not say Connection: close: %s",
			c.u.NameOf(conn), consequence),
	}
}

// closedAfter reports whether conn is closed once the statement st has
// run, other than at the client's request: a deferred Close (also in a
// deferred closure, or through a method value) in st's function, or a
// Close statement that follows st unconditionally.
func (c *checker) closedAfter(st ast.Node, conn types.Object) bool {
	return c.closeAfter(st, conn) != nil
}

// closeAfter returns the close closedAfter finds, or nil.
func (c *checker) closeAfter(st ast.Node, conn types.Object) ast.Node {
	fn := c.u.EnclosingFunc(st)
	if fn == nil {
		return nil
	}
	for _, cl := range c.closes(conn) {
		if cl.deferredIn == fn && !c.clientControlled(cl.call) {
			return cl.call
		}
	}
	var found ast.Node
	c.u.Later(st, fn, func(s ast.Stmt, _ bool) bool {
		if c.isCloseStmt(s, conn) {
			found = s
			return true
		}
		return false
	})
	return found
}

// A closeCall is one call that closes a connection.
type closeCall struct {
	call       *ast.CallExpr
	deferredIn *ast.BlockStmt // the function whose return runs it, if deferred
}

// closes returns the calls in the unit that close conn: conn.Close(),
// through a bufio wrapper's conn, or through a method value
// (hangup := conn.Close; hangup()). A call is deferred when it is the
// call of a defer statement, or runs in a closure that is.
func (c *checker) closes(conn types.Object) []closeCall {
	var out []closeCall
	ast.Inspect(c.u.Root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || !c.closesConn(call, conn) {
			return true
		}
		cl := closeCall{call: call}
		switch p := c.u.Parent(call).(type) {
		case *ast.DeferStmt:
			cl.deferredIn = c.u.EnclosingFunc(call)
		default:
			_ = p
			if lit := c.enclosingLit(call); lit != nil {
				if outer, ok := c.u.Parent(lit).(*ast.CallExpr); ok && outer.Fun == lit {
					if _, ok := c.u.Parent(outer).(*ast.DeferStmt); ok {
						cl.deferredIn = c.u.EnclosingFunc(outer)
					}
				}
			}
		}
		out = append(out, cl)
		return true
	})
	return out
}

// enclosingLit returns the function literal n is directly in, or nil.
func (c *checker) enclosingLit(n ast.Node) *ast.FuncLit {
	for p := c.u.Parent(n); p != nil; p = c.u.Parent(p) {
		switch p := p.(type) {
		case *ast.FuncLit:
			return p
		case *ast.FuncDecl:
			return nil
		}
	}
	return nil
}

// closesConn reports whether call closes conn.
func (c *checker) closesConn(call *ast.CallExpr, conn types.Object) bool {
	if x, ok := c.m.IsClose(call); ok {
		r, ok := c.u.ConnOf(x)
		return ok && r == conn
	}
	if m := c.u.FieldMethodCall(call, conn); m != nil {
		return c.methodCloses(m, conn.(*types.Var))
	}
	// Another package's release helper (wire.Release(conn)).
	if fn := c.m.Callee(call); fn != nil && fn.Pkg() != c.pass.Pkg {
		if f := c.st.facts[fn.Origin()]; f != nil {
			for i, arg := range call.Args {
				if r, ok := c.u.ConnOf(arg); ok && r == conn && f.closes(i) {
					return true
				}
			}
		}
	}
	// A method value: hangup := conn.Close; ... hangup().
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 0 {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	rhs, _, _, ok := c.u.Definition(v)
	if !ok || rhs == nil {
		return false
	}
	sel, ok := ast.Unparen(rhs).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s := c.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal || s.Obj().Name() != "Close" {
		return false
	}
	r, ok := c.u.ConnOf(sel.X)
	return ok && r == conn
}

// methodCloses reports whether the method m closes the connection its
// receiver holds in field f on every path: a close of the field deferred
// in the method, or a statement of the method's body itself (not under a
// condition). s.close() or s.finish() then closes the connection.
func (c *checker) methodCloses(m *types.Func, f *types.Var) bool {
	key := sumKey{fn: m.Origin(), param: -1, field: f}
	if v, ok := c.st.closers[key]; ok {
		return v
	}
	c.st.closers[key] = false // in progress
	hu := c.m.FieldUnit(m, f)
	if hu == nil {
		return false
	}
	closes := c.closesOnEveryPath(hu, f)
	c.st.closers[key] = closes
	return closes
}

// isCloseStmt reports whether st is a statement that closes conn.
func (c *checker) isCloseStmt(st ast.Stmt, conn types.Object) bool {
	call := wire.StmtCall(st)
	return call != nil && c.closesConn(call, conn)
}

// statementOf returns the statement (in a statement list) holding n.
func (c *checker) statementOf(n ast.Node) ast.Stmt {
	for p := n; p != nil; p = c.u.Parent(p) {
		st, ok := p.(ast.Stmt)
		if !ok {
			continue
		}
		switch c.u.Parent(p).(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			return st
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		}
	}
	return nil
}

// insertBefore inserts line as a statement of its own before st, indented
// like st.
func (c *checker) insertBefore(st ast.Stmt, line string) analysis.TextEdit {
	indent := "\t"
	if src := fix.Source(c.pass, st.Pos()); src != nil {
		off := c.pass.Fset.File(st.Pos()).Offset(st.Pos())
		start := bytes.LastIndexByte(src[:off], '\n') + 1
		indent = string(src[start:off])
	}
	return analysis.TextEdit{Pos: st.Pos(), End: st.Pos(), NewText: []byte(line + "\n" + indent)}
}

// usedOnlyThroughSelectors reports whether every use of v is x.f or
// x.m(...), each selection accepted by allow (any, when allow is nil).
func (c *checker) usedOnlyThroughSelectors(v *types.Var, allow func(*ast.SelectorExpr, *types.Selection) bool) bool {
	return c.selectorsOnly(c.u.Root, c.u.Parent, v, nil, allow)
}

// selectorsOnly is usedOnlyThroughSelectors in the syntax under root, with
// parent giving each node's parent; uses for which skip is true are not
// looked at.
func (c *checker) selectorsOnly(root ast.Node, parent func(ast.Node) ast.Node, v *types.Var, skip func(*ast.Ident) bool, allow func(*ast.SelectorExpr, *types.Selection) bool) bool {
	ok := true
	ast.Inspect(root, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID || c.pass.TypesInfo.Uses[id] != v || (skip != nil && skip(id)) {
			return ok
		}
		sel, isSel := parent(id).(*ast.SelectorExpr)
		if !isSel || sel.X != id {
			ok = false
			return false
		}
		s := c.pass.TypesInfo.Selections[sel]
		ok = s != nil && (allow == nil || allow(sel, s))
		return ok
	})
	return ok
}

// headerWithoutConnection reports whether e is a header value known not
// to set Connection: an http.Header literal (or make) whose keys are
// constants other than Connection.
func (c *checker) headerWithoutConnection(e ast.Expr) bool {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "make" {
			_, isBuiltin := c.pass.TypesInfo.Uses[id].(*types.Builtin)
			return isBuiltin
		}
		return false
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return false
		}
		if !c.constNotConnection(kv.Key) {
			return false
		}
	}
	return true
}

// constNotConnection reports whether e is a constant string other than
// "Connection" (any case).
func (c *checker) constNotConnection(e ast.Expr) bool {
	tv := c.pass.TypesInfo.Types[e]
	return tv.Value != nil && tv.Value.Kind() == constant.String && !strings.EqualFold(constant.StringVal(tv.Value), "connection")
}

// onlyHeaderEdits reports whether every use of v is x.f or x.m(...) on a
// field other than Close, TransferEncoding, ContentLength, Body,
// ProtoMinor and StatusCode, where a use of x.Header must be
// x.Header.Set/Add/Del with a constant name other than Connection.
func (c *checker) onlyHeaderEdits(v *types.Var) bool {
	return c.onlyHeaderEditsIn(c.u.Root, c.u.Parent, v, nil)
}

// onlyHeaderEditsIn is onlyHeaderEdits in the syntax under root (see
// selectorsOnly).
func (c *checker) onlyHeaderEditsIn(root ast.Node, parent func(ast.Node) ast.Node, v *types.Var, skip func(*ast.Ident) bool) bool {
	avoid := map[string]bool{"Close": true, "TransferEncoding": true, "ContentLength": true, "Body": true, "ProtoMinor": true, "StatusCode": true}
	return c.selectorsOnly(root, parent, v, skip, func(sel *ast.SelectorExpr, s *types.Selection) bool {
		switch {
		case avoid[s.Obj().Name()]:
			return false
		case s.Obj().Name() == "Header" && s.Kind() == types.FieldVal:
			// resp.Header.Set("X-Name", v)
			m, isSel := parent(sel).(*ast.SelectorExpr)
			if !isSel {
				return false // the header itself is used: h := resp.Header
			}
			call, isCall := parent(m).(*ast.CallExpr)
			if !isCall || call.Fun != m || len(call.Args) == 0 || !c.constNotConnection(call.Args[0]) {
				return false
			}
			switch m.Sel.Name {
			case "Set", "Add", "Del", "Get", "Values":
				return true
			}
			return false
		}
		return true
	})
}

// fastResponseKeepsAlive reports whether the local fasthttp.Response resp
// is written without SetConnectionClose: fasthttp always frames it.
func (c *checker) fastResponseKeepsAlive(resp *ast.Ident) bool {
	v, _ := c.pass.TypesInfo.Uses[resp].(*types.Var)
	if v == nil {
		return false
	}
	if c.isParam(v) {
		return false // built by the caller
	}
	if !c.usedOnlyThroughSelectors(v, nil) {
		return false // handed to code that may set the header
	}
	announced := false
	ast.Inspect(c.u.Root, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if f := c.m.Callee(call); f != nil && c.m.FastAnnounce[f] {
				announced = true
			}
		}
		return !announced
	})
	return !announced
}

// isParam reports whether v is a parameter or named result of a function
// in the unit.
func (c *checker) isParam(v *types.Var) bool {
	switch v.Kind() {
	case types.ParamVar, types.ResultVar:
		return c.u.Root.Pos() <= v.Pos() && v.Pos() < c.u.Root.End()
	}
	return false
}

// fasthttpHandlers reports ctx.Conn().Close() in fasthttp handlers.
func (c *checker) fasthttpHandlers() {
	if c.m.FastCtxConn == nil {
		return // fasthttp is not in the build
	}
	announced := false
	ast.Inspect(c.u.Root, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if f := c.m.Callee(call); f != nil && c.m.FastAnnounce[f] {
				announced = true
			}
		}
		return !announced
	})
	if announced {
		return // the handler announces the close itself
	}
	ast.Inspect(c.u.Root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		x, ok := c.m.IsClose(call)
		if !ok {
			return true
		}
		inner, ok := ast.Unparen(x).(*ast.CallExpr)
		local := false
		if id, isID := ast.Unparen(x).(*ast.Ident); isID {
			// c := ctx.Conn(); ... c.Close()
			if v, isVar := c.pass.TypesInfo.Uses[id].(*types.Var); isVar {
				if rhs, _, _, defined := c.u.Definition(v); defined && rhs != nil {
					inner, ok = ast.Unparen(rhs).(*ast.CallExpr)
					local = true
				}
			}
		}
		if !ok || c.m.Callee(inner) != c.m.FastCtxConn {
			return true
		}
		ctxSel, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if c.dropPrimitive(call, ctxSel.X) {
			return true
		}
		ctxName := types.ExprString(ctxSel.X)
		d := analysis.Diagnostic{
			Pos: call.Pos(),
			End: call.End(),
			Message: fmt.Sprintf("fasthttp handler closes %s.Conn(): the server then cannot send the response and "+
				"the client's request fails; call %s.SetConnectionClose() to close after the response", ctxName, ctxName),
		}
		written := c.writesFastResponse(call.Pos())
		if written {
			// The function wrote the response to the connection itself:
			// the client has it, framed for keep-alive.
			d.Message = fmt.Sprintf("%s's response is written to the connection without Connection: close, then %s.Conn() is closed: "+
				"a keep-alive client sends its next request on a connection the server has closed; call %s.SetConnectionClose() before writing the response",
				ctxName, ctxName, ctxName)
		}
		switch c.u.Parent(call).(type) {
		case *ast.ExprStmt, *ast.DeferStmt:
			if local || written {
				break // the local may have other uses, or the response is already out: no mechanical fix
			}
			repl := types.ExprString(ctxSel.X) + ".SetConnectionClose()"
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Replace the close by " + repl,
				TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(repl)}},
			}}
		}
		c.report(d)
		return true
	})
}

// dropPrimitive reports whether close, of ctx's connection, is all its
// function does (func (r *Res) Drop() error { return r.ctx.Conn().Close() })
// and ctx is not a parameter of that function: a framework's primitive
// that drops a connection without a response on purpose, for callers that
// ask for exactly that. A handler that closes is judged as usual.
func (c *checker) dropPrimitive(close *ast.CallExpr, ctx ast.Expr) bool {
	var body *ast.BlockStmt
	var params *ast.FieldList
	switch r := c.u.Root.(type) {
	case *ast.FuncDecl:
		body, params = r.Body, r.Type.Params
	case *ast.FuncLit:
		body, params = r.Body, r.Type.Params
	}
	if body == nil || len(body.List) != 1 {
		return false
	}
	var e ast.Expr
	switch st := body.List[0].(type) {
	case *ast.ReturnStmt:
		if len(st.Results) == 1 {
			e = st.Results[0]
		}
	case *ast.ExprStmt:
		e = st.X
	}
	if e == nil || ast.Unparen(e) != close {
		return false
	}
	// The innermost variable of ctx (r in r.c.fasthttp).
	root := ast.Unparen(ctx)
	for {
		sel, ok := root.(*ast.SelectorExpr)
		if !ok {
			break
		}
		root = ast.Unparen(sel.X)
	}
	id, ok := root.(*ast.Ident)
	if !ok {
		return false
	}
	if root == ast.Unparen(ctx) && params != nil {
		for _, f := range params.List {
			for _, n := range f.Names {
				if c.pass.TypesInfo.Defs[n] == c.pass.TypesInfo.Uses[id] {
					return false // the handler's own context
				}
			}
		}
	}
	return true
}

// writesFastResponse reports whether the unit writes a fasthttp Response
// (Write or WriteTo) before pos: the response went out by hand.
func (c *checker) writesFastResponse(pos token.Pos) bool {
	found := false
	ast.Inspect(c.u.Root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if found || !ok || call.Pos() >= pos {
			return !found
		}
		if f, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func); ok &&
			(f.Name() == "Write" || f.Name() == "WriteTo") && httplib.IsNamedPtr(recvType(f), httplib.Fasthttp, "Response") {
			found = true
		}
		return !found
	})
	return found
}

// recvType returns the receiver type of a method, nil for a function.
func recvType(f *types.Func) types.Type {
	if r := f.Signature().Recv(); r != nil {
		return r.Type()
	}
	return nil
}

// report reports d unless it is in a test's server, whose client is the
// test itself, and the inprocess option does not ask for those.
func (c *checker) report(d analysis.Diagnostic) {
	if inprocess.SilentTestServer(c.pass, d.Pos) || c.st.reported[d.Pos] {
		return
	}
	c.st.reported[d.Pos] = true
	report.Report(c.pass, d)
}
