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

	"github.com/connvet/connvet/passes/internal/checkdoc"
	"github.com/connvet/connvet/passes/internal/fix"
	"github.com/connvet/connvet/passes/internal/guard"
	"github.com/connvet/connvet/passes/internal/report"
	"github.com/connvet/connvet/passes/internal/wire"
)

//go:embed doc.go
var doc string

// Analyzer reports servers that close keep-alive connections unannounced.
var Analyzer = &analysis.Analyzer{
	Name:       "keepaliveclose",
	Doc:        checkdoc.MustExtract(doc, "keepaliveclose"),
	URL:        "https://github.com/connvet/connvet/blob/main/docs/checks/keepaliveclose.md",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        guard.Run(report.Run(run)),
	ResultType: report.UsedType,
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
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	m.Units(insp, func(u *wire.Unit) {
		c := &checker{pass: pass, u: u, m: m}
		if c.looksAtClientClose() {
			return // the code decides on the close from what the client asked
		}
		c.oneShotServers()
		c.fasthttpHandlers()
	})
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	u    *wire.Unit
	m    *wire.Model
}

// looksAtClientClose reports whether the function reads the client's
// Connection header or protocol version: (*http.Request).Close,
// ProtoAtLeast, ProtoMajor/Minor, fasthttp's ConnectionClose(), or any
// call with a constant "Connection" argument (Header.Get("Connection")).
func (c *checker) looksAtClientClose() bool {
	found := false
	ast.Inspect(c.u.Root, func(n ast.Node) bool {
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
	for _, conn := range conns {
		inLoop := false
		for _, r := range reads[conn] {
			if u.EnclosingLoop(r) != nil {
				inLoop = true
			}
		}
		if inLoop {
			continue // a request loop serves the client's next request
		}
		if u.Escapes(conn) {
			continue // someone else may serve more requests on it
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
	u := c.u
	var responses []wire.Response
	for _, body := range u.Bodies() {
		for _, r := range u.Responses(body) {
			if r.Conn != conn {
				continue
			}
			if r.Head.Upgrade() {
				return // a protocol upgrade: what follows is not HTTP/1.x
			}
			responses = append(responses, r)
		}
	}
	// Raw responses.
	for _, r := range responses {
		if u.EnclosingLoop(r.Stmts[0]) != nil {
			continue // answered in a loop: maybe one of many on this conn
		}
		if !c.closedAfter(r.Stmts[len(r.Stmts)-1], conn) {
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
		d := c.diag(r.Writes[0].Call, conn)
		// With "Connection: keep-alive" in the head a second Connection
		// line would contradict it: no fix then.
		if pos, text, _, ok := wire.InsertAt(r.Text, h.StatusEnd, "Connection: close"+h.EOL); ok && !h.KeepAlive() {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Add Connection: close to the response head",
				TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}},
			}}
		}
		report.Report(c.pass, d)
	}
	// http.Response.Write and fasthttp Response.Write/WriteTo.
	ast.Inspect(u.Root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return true
		}
		f := c.m.Callee(call)
		if f == nil || (f != c.m.RespWrite && !c.m.FastRespWrite[f]) {
			return true
		}
		if w, ok := u.ConnOf(call.Args[0]); !ok || w != conn {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		resp, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok {
			return true
		}
		stmt := c.statementOf(call)
		if stmt == nil || u.EnclosingLoop(stmt) != nil || !c.closedAfter(stmt, conn) {
			return true
		}
		var fixLine string
		if f == c.m.RespWrite {
			if !c.netHTTPResponseKeepsAlive(resp) {
				return true
			}
			fixLine = resp.Name + ".Close = true"
		} else {
			if !c.fastResponseKeepsAlive(resp) {
				return true
			}
			fixLine = resp.Name + ".SetConnectionClose()"
		}
		d := c.diag(call, conn)
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Announce the close: " + fixLine,
			TextEdits: []analysis.TextEdit{c.insertBefore(stmt, fixLine)},
		}}
		report.Report(c.pass, d)
		return true
	})
}

func (c *checker) diag(at ast.Node, conn types.Object) analysis.Diagnostic {
	return analysis.Diagnostic{
		Pos: at.Pos(),
		End: at.End(),
		Message: fmt.Sprintf("%s is closed after this response, which does not say Connection: close: %s",
			conn.Name(), consequence),
	}
}

// closedAfter reports whether conn is closed once the statement st has
// run: a deferred Close in the same function, or a Close statement that
// follows st unconditionally.
func (c *checker) closedAfter(st ast.Node, conn types.Object) bool {
	fn := c.u.EnclosingFunc(st)
	if fn == nil {
		return false
	}
	calls, deferred := c.u.Closes(conn)
	for i, call := range calls {
		if deferred[i] && c.u.EnclosingFunc(call) == fn {
			return true
		}
	}
	return c.u.Later(st, fn, func(s ast.Stmt, _ bool) bool { return c.u.IsCloseOf(s, conn) })
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

// localLiteral returns the composite literal that is the single value of
// the local resp (&T{...} or T{...}), and whether resp is otherwise used
// only as the receiver of selections.
func (c *checker) localLiteral(resp *ast.Ident) (lit *ast.CompositeLit, v *types.Var, ok bool) {
	v, _ = c.pass.TypesInfo.Uses[resp].(*types.Var)
	if v == nil {
		return nil, nil, false
	}
	rhs, _, _, ok := c.u.Definition(v)
	if !ok || rhs == nil {
		return nil, v, false
	}
	e := ast.Unparen(rhs)
	if un, ok := e.(*ast.UnaryExpr); ok && un.Op == token.AND {
		e = ast.Unparen(un.X)
	}
	lit, ok = e.(*ast.CompositeLit)
	return lit, v, ok
}

// usedOnlyThroughSelectors reports whether every use of v is x.f or
// x.m(...) other than the fields named in avoid.
func (c *checker) usedOnlyThroughSelectors(v *types.Var, avoid map[types.Object]bool) bool {
	ok := true
	ast.Inspect(c.u.Root, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID || c.pass.TypesInfo.Uses[id] != v {
			return ok
		}
		sel, isSel := c.u.Parent(id).(*ast.SelectorExpr)
		if !isSel || sel.X != id {
			ok = false
			return false
		}
		if s := c.pass.TypesInfo.Selections[sel]; s == nil || avoid[s.Obj()] {
			ok = false
		}
		return ok
	})
	return ok
}

// netHTTPResponseKeepsAlive reports whether the local http.Response resp
// is written as a framed HTTP/1.1 response without Connection: close.
func (c *checker) netHTTPResponseKeepsAlive(resp *ast.Ident) bool {
	lit, v, ok := c.localLiteral(resp)
	if !ok || c.m.HTTPResponse == nil || !wire.Identical(c.pass.TypesInfo.TypeOf(lit), c.m.HTTPResponse) {
		return false
	}
	avoid := map[types.Object]bool{}
	for _, name := range []string{"Close", "Header", "TransferEncoding", "ContentLength", "Body", "ProtoMinor", "StatusCode"} {
		obj, _, _ := types.LookupFieldOrMethod(c.m.HTTPResponse, true, nil, name)
		if obj != nil {
			avoid[obj] = true
		}
	}
	if !c.usedOnlyThroughSelectors(v, avoid) {
		return false // its fields are changed after the literal, or it escapes
	}
	fields := map[string]ast.Expr{}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return false
		}
		if key, ok := kv.Key.(*ast.Ident); ok {
			fields[key.Name] = kv.Value
		}
	}
	intConst := func(name string) (int64, bool) {
		e, ok := fields[name]
		if !ok {
			return 0, true
		}
		tv := c.pass.TypesInfo.Types[e]
		if tv.Value == nil {
			return 0, false
		}
		n, exact := constant.Int64Val(constant.ToInt(tv.Value))
		return n, exact
	}
	if _, ok := fields["Close"]; ok {
		return false
	}
	if _, ok := fields["Header"]; ok {
		return false // may carry Connection: close
	}
	if _, ok := fields["TransferEncoding"]; ok {
		return false
	}
	if major, ok := intConst("ProtoMajor"); !ok || major != 1 {
		return false
	}
	if minor, ok := intConst("ProtoMinor"); !ok || minor != 1 {
		return false
	}
	if code, ok := intConst("StatusCode"); !ok || code == 101 {
		return false
	}
	// Framing: a known length is written as Content-Length. A body with an
	// unknown length (-1, or 0 with a Body) makes Write announce the close.
	cl, clConst := intConst("ContentLength")
	_, hasBody := fields["Body"]
	switch {
	case !clConst:
		return true // a computed length: Content-Length
	case cl > 0:
		return true
	case cl == 0 && !hasBody:
		return true // Content-Length: 0
	}
	return false
}

// fastResponseKeepsAlive reports whether the local fasthttp.Response resp
// is written without SetConnectionClose: fasthttp always frames it.
func (c *checker) fastResponseKeepsAlive(resp *ast.Ident) bool {
	v, _ := c.pass.TypesInfo.Uses[resp].(*types.Var)
	if v == nil {
		return false
	}
	if _, isParam := c.paramOf(v); isParam {
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

// paramOf reports whether v is a parameter of a function in the unit.
func (c *checker) paramOf(v *types.Var) (*ast.Field, bool) {
	var found *ast.Field
	ast.Inspect(c.u.Root, func(n ast.Node) bool {
		ft, ok := n.(*ast.FuncType)
		if !ok || found != nil {
			return found == nil
		}
		for _, list := range []*ast.FieldList{ft.Params, ft.Results} {
			if list == nil {
				continue
			}
			for _, f := range list.List {
				for _, name := range f.Names {
					if c.pass.TypesInfo.Defs[name] == v {
						found = f
					}
				}
			}
		}
		return found == nil
	})
	return found, found != nil
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
		if !ok || c.m.Callee(inner) != c.m.FastCtxConn {
			return true
		}
		ctxSel, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		d := analysis.Diagnostic{
			Pos: call.Pos(),
			End: call.End(),
			Message: fmt.Sprintf("fasthttp handler closes %s.Conn(): the server then cannot send the response and "+
				"the client's request fails; call %s.SetConnectionClose() to close after the response", types.ExprString(ctxSel.X), types.ExprString(ctxSel.X)),
		}
		switch c.u.Parent(call).(type) {
		case *ast.ExprStmt, *ast.DeferStmt:
			repl := types.ExprString(ctxSel.X) + ".SetConnectionClose()"
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Replace the close by " + repl,
				TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(repl)}},
			}}
		}
		report.Report(c.pass, d)
		return true
	})
}
