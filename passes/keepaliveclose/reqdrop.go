package keepaliveclose

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/passes/internal/httplib"
)

// pathRules runs the per-path request-loop rules for the loop over conn
// after the every-path rule, which reported the writes and exits in
// reported.
func (c *checker) pathRules(loop ast.Stmt, conn types.Object, reported map[ast.Node]bool) {
	for x := range c.explicitKeepAlive(loop, conn, reported) {
		reported[x] = true
	}
	c.droppedRequests(loop, conn, reported)
}

// droppedRequests reports the requests read in the request loop loop over
// conn after which a path leaves the loop without writing any response:
// the client sent the request on a connection kept alive by the loop's
// responses, and the connection's owner closes it under the request.
// Leaving because the read failed is not a path from a request.
func (c *checker) droppedRequests(loop ast.Stmt, conn types.Object, reported map[ast.Node]bool) {
	if !c.answersKeepAlive(loop, conn) {
		return
	}
	ast.Inspect(loop, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok || !c.u.IsRequestRead(call, conn) {
			return true
		}
		st := c.statementOf(call)
		if st == nil || c.u.LoopOver(st, conn) != loop || c.u.LoopOver(call, conn) != loop {
			return true
		}
		req := c.requestVar(st, call)
		w := &loopWalk{c: c, loop: loop, conn: conn}
		w.strict = func(s ast.Stmt) bool {
			if sw, ok := s.(*ast.SwitchStmt); ok && c.mentionsVar(sw, w.errVar) {
				return true // a switch on the read's error: not followed
			}
			return !c.harmlessStmt(s, req)
		}
		// A condition on the read's error is false on the path of a
		// request read (err == nil is true): its branch is the failed read.
		w.eval = func(e ast.Expr) (bool, bool) {
			if !c.mentionsVar(e, w.errVar) {
				return false, false
			}
			if be, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && (be.Op == token.EQL || be.Op == token.NEQ) && c.isErrNil(be, w.errVar, false) {
				return be.Op == token.EQL, true
			}
			return false, true
		}
		f := c.pathsFrom(st, w)
		if w.deferKeeps() {
			return true
		}
		for _, exit := range f.exits {
			if reported[exit] {
				continue
			}
			reported[exit] = true
			how := exitHow(exit)
			c.report(analysis.Diagnostic{
				Pos: exit.Pos(),
				End: exit.End(),
				Message: fmt.Sprintf("the request loop ends here (the function %s) after reading a request from %s without writing any response to it: "+
					"the connection's owner closes it under the request the client sent on the kept-alive connection, "+
					"which fails (POST) or is silently sent twice (GET); answer it (a response with Connection: close) before leaving", how, c.u.NameOf(conn)),
				Related: []analysis.RelatedInformation{{Pos: call.Pos(), End: call.End(), Message: "the request read here"}},
			})
			break
		}
		return true
	})
}

// answersKeepAlive reports whether the loop writes to conn a response that
// does not announce the close: the loop serves requests on a kept-alive
// connection.
func (c *checker) answersKeepAlive(loop ast.Stmt, conn types.Object) bool {
	for _, body := range c.u.Bodies() {
		for _, r := range c.u.Responses(body) {
			h := r.Head
			if r.Conn == conn && c.u.LoopOver(r.Stmts[0], conn) == loop && h.Complete && !h.Upgrade() && !h.AnnouncesClose() {
				return true
			}
		}
	}
	found := false
	ast.Inspect(loop, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if found || !ok || len(call.Args) != 1 {
			return !found
		}
		if f := c.m.Callee(call); f == nil || (f != c.m.RespWrite && !c.m.FastRespWrite[f]) {
			return true
		}
		if w, ok := c.u.ConnOf(call.Args[0]); ok && w == conn && c.u.LoopOver(call, conn) == loop {
			found = true
		}
		return !found
	})
	return found
}

// requestVar returns the variable the read call in st fills: the request
// http.ReadRequest returns, or the receiver of a fasthttp Read.
func (c *checker) requestVar(st ast.Stmt, call *ast.CallExpr) *types.Var {
	if ifs, ok := st.(*ast.IfStmt); ok && ifs.Init != nil {
		st = ifs.Init
	}
	if as, ok := st.(*ast.AssignStmt); ok && len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == call && len(as.Lhs) == 2 {
		if id, ok := ast.Unparen(as.Lhs[0]).(*ast.Ident); ok {
			if v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var); ok {
				return v
			}
		}
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
				return v
			}
		}
	}
	return nil
}

// harmlessStmt reports whether the statement s (its own expressions, not
// the statements nested in it) cannot answer the request req: it calls
// only functions whose receiver and arguments are values that cannot
// reach a connection (strings, numbers, errors, the request and its
// header or URL, a logger), and does not hand req itself to anything.
func (c *checker) harmlessStmt(s ast.Stmt, req *types.Var) bool {
	switch s := s.(type) {
	case *ast.BranchStmt, *ast.BlockStmt, *ast.LabeledStmt, *ast.EmptyStmt:
		return true
	case *ast.ReturnStmt:
		for _, r := range s.Results {
			if !c.harmlessExpr(r, req) {
				return false
			}
		}
		return true
	case *ast.IfStmt:
		return (s.Init == nil || c.harmlessStmt(s.Init, req)) && c.harmlessExpr(s.Cond, req)
	case *ast.SwitchStmt:
		if s.Init != nil && !c.harmlessStmt(s.Init, req) || s.Tag != nil && !c.harmlessExpr(s.Tag, req) {
			return false
		}
		for _, cl := range s.Body.List {
			cc, ok := cl.(*ast.CaseClause)
			if !ok {
				return false
			}
			for _, e := range cc.List {
				if !c.harmlessExpr(e, req) {
					return false
				}
			}
		}
		return true
	case *ast.ExprStmt:
		return c.harmlessExpr(s.X, req)
	case *ast.IncDecStmt:
		return c.harmlessExpr(s.X, req)
	case *ast.AssignStmt:
		for _, e := range s.Rhs {
			if !c.harmlessExpr(e, req) {
				return false
			}
		}
		for _, e := range s.Lhs {
			if !c.harmlessExpr(e, req) {
				return false
			}
		}
		return true
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok {
			return false
		}
		for _, sp := range gd.Specs {
			vs, ok := sp.(*ast.ValueSpec)
			if !ok {
				continue
			}
			for _, v := range vs.Values {
				if !c.harmlessExpr(v, req) {
					return false
				}
			}
		}
		return true
	}
	return false // go, defer, send, select, loops: not followed
}

// harmlessExpr reports whether evaluating e cannot answer the request:
// see harmlessStmt.
func (c *checker) harmlessExpr(e ast.Expr, req *types.Var) bool {
	info := c.pass.TypesInfo
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.CompositeLit:
			ok = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false // a receive: waits on other code
			}
		case *ast.Ident:
			if req != nil && info.Uses[n] == req && !c.reqPart(n) {
				ok = false // the request itself handed on
			}
		case *ast.CallExpr:
			ok = c.harmlessCall(n)
		}
		return ok
	})
	return ok
}

// reqPart reports whether the use id of the request reads a part of it
// (req.Host, req.Header.Get) or is an argument of a call: harmlessCall
// then decides.
func (c *checker) reqPart(id *ast.Ident) bool {
	switch p := c.u.Parent(id).(type) {
	case *ast.SelectorExpr:
		return p.X == id
	case *ast.CallExpr:
		for _, a := range p.Args {
			if ast.Unparen(a) == id {
				return true
			}
		}
	}
	return false
}

// harmlessCall reports whether call cannot reach a connection: a
// conversion, len/cap/min/max, or a function or method whose receiver and
// arguments all have harmless types.
func (c *checker) harmlessCall(call *ast.CallExpr) bool {
	info := c.pass.TypesInfo
	if tv := info.Types[call.Fun]; tv.IsType() {
		return true
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "len", "cap", "min", "max":
				return true
			}
			return false
		}
	}
	f := c.m.Callee(call)
	if f == nil {
		return false // a function value: anything
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s != nil && !c.harmlessType(info.TypeOf(sel.X), 0) {
			return false
		}
	}
	for _, a := range call.Args {
		if !c.harmlessType(info.TypeOf(a), 0) {
			return false
		}
	}
	return true
}

// harmlessType reports whether a value of type t cannot reach a
// connection: basic values, errors, the request and its parts, a logger,
// and slices and maps of those.
func (c *checker) harmlessType(t types.Type, depth int) bool {
	if t == nil || depth > 3 {
		return false
	}
	if types.Identical(t, types.Universe.Lookup("error").Type()) {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return true
	case *types.Slice:
		return c.harmlessType(u.Elem(), depth+1)
	case *types.Map:
		return c.harmlessType(u.Key(), depth+1) && c.harmlessType(u.Elem(), depth+1)
	}
	for _, n := range [][2]string{
		{"net/http", "Request"}, {"net/http", "Header"}, {"net/url", "URL"}, {"net/url", "Values"},
		{"log", "Logger"}, {"log/slog", "Logger"}, {"time", "Time"},
		{httplib.Fasthttp, "Request"}, {httplib.Fasthttp, "RequestHeader"},
	} {
		if httplib.IsNamedPtr(t, n[0], n[1]) || httplib.IsNamed(t, n[0], n[1]) {
			return true
		}
	}
	return false
}

// mentionsVar reports whether n uses v (false for a nil v).
func (c *checker) mentionsVar(n ast.Node, v *types.Var) bool {
	if v == nil || n == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}
