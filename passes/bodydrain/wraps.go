package bodydrain

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net/http"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/httplib"
)

// This file follows a response into the value a helper wraps it in: SDKs
// return their own Response type, which embeds or holds the
// *http.Response, from the method that sent the request
// (response := newResponse(resp) ... return response, err). Returning the
// wrapper hands the response to the caller, except where a deferred Close
// of the body is pending: the caller then gets a closed body, and whether
// the function read it to EOF first decides the connection's reuse.

// wraps reports whether the function declared by decl stores p, a
// response, in the value it returns and otherwise only looks at it: every
// use of p is an element of a composite literal that is returned (as is or
// by address), directly or through a local that the function only reads,
// returns, or calls methods on that never touch a body; or a use that only
// looks (a field other than Body, a nil comparison).
func (c *checker) wraps(decl *ast.FuncDecl, p *types.Var) bool {
	if !isResponse(p.Type()) || decl.Type.Results == nil {
		return false
	}
	stored := false
	var holders []*types.Var
	ok := c.everyUse(decl.Body, p, func(stack []ast.Node, id *ast.Ident) bool {
		i := len(stack) - 2
		if kv, isKV := stack[i].(*ast.KeyValueExpr); isKV && kv.Value == ast.Expr(id) {
			i--
		}
		if _, isLit := stack[i].(*ast.CompositeLit); isLit {
			holder, returned := c.literalDest(stack[:i+1])
			if holder != nil {
				holders = append(holders, holder)
			}
			stored = stored || returned || holder != nil
			return returned || holder != nil
		}
		switch parent := stack[len(stack)-2].(type) {
		case *ast.SelectorExpr:
			return parent.Sel.Name != "Body" && parent.Sel.Name != "Write" && !assignedField(stack, parent)
		case *ast.BinaryExpr:
			return true
		}
		return false
	})
	if !ok || !stored {
		return false
	}
	for _, h := range holders {
		if !c.onlyReadOrReturned(decl.Body, h) {
			return false
		}
	}
	return true
}

// literalDest follows the composite literal at the end of stack (maybe
// behind &) to where it goes: a return statement (returned), or a local
// variable it initializes or is assigned to (holder).
func (c *checker) literalDest(stack []ast.Node) (holder *types.Var, returned bool) {
	i := len(stack) - 1
	e := stack[i].(ast.Expr)
	if i > 0 {
		if u, ok := stack[i-1].(*ast.UnaryExpr); ok && u.Op == token.AND {
			i--
			e = u
		}
	}
	if i == 0 {
		return nil, false
	}
	switch p := stack[i-1].(type) {
	case *ast.ReturnStmt:
		return nil, slices.Contains(p.Results, e)
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 && p.Rhs[0] == e {
			if id, ok := p.Lhs[0].(*ast.Ident); ok {
				if v := c.varOf(id); localVar(v) {
					return v, false
				}
			}
		}
	case *ast.ValueSpec:
		if len(p.Names) == 1 && len(p.Values) == 1 && p.Values[0] == e {
			if v, ok := c.pass.TypesInfo.Defs[p.Names[0]].(*types.Var); ok && localVar(v) {
				return v, false
			}
		}
	}
	return nil, false
}

// onlyReadOrReturned reports whether every use of v, the local holding a
// wrapped response, in body returns it (v or &v as a result), reads or
// sets one of its fields other than the response and its body, or calls a
// method of this package on it whose body never mentions a Body.
func (c *checker) onlyReadOrReturned(body *ast.BlockStmt, v *types.Var) bool {
	return c.everyUse(body, v, func(stack []ast.Node, _ *ast.Ident) bool { return c.aliasUseOK(stack) })
}

// aliasUseOK classifies one use of a wrapper holding a response (stack ends
// with it): see onlyReadOrReturned. A use in an assignment's left-hand
// side other than a field (the holder assigned again) is not.
func (c *checker) aliasUseOK(stack []ast.Node) bool {
	id := stack[len(stack)-1].(*ast.Ident)
	i := len(stack) - 2
	if u, ok := stack[i].(*ast.UnaryExpr); ok && u.Op == token.AND && i > 0 {
		i--
		_, ret := stack[i].(*ast.ReturnStmt)
		return ret
	}
	switch p := stack[i].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.SelectorExpr:
		if p.X != ast.Expr(id) {
			return false
		}
		sel := c.pass.TypesInfo.Selections[p]
		if sel == nil {
			return false
		}
		switch sel.Kind() {
		case types.FieldVal:
			if p.Sel.Name == "Body" || isResponse(sel.Type()) || isBodyParam(sel.Type()) {
				return false
			}
			return true
		case types.MethodVal:
			call, ok := stack[i-1].(*ast.CallExpr)
			if !ok || call.Fun != ast.Expr(p) {
				return false
			}
			fn, ok := sel.Obj().(*types.Func)
			if !ok || fn.Pkg() != c.pass.Pkg {
				return false
			}
			decl := c.declOf(fn)
			return decl != nil && decl.Body != nil && !mentionsBody(decl.Body)
		}
	}
	return false
}

// mentionsBody reports whether n selects a field or method named Body.
func mentionsBody(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if sel, ok := m.(*ast.SelectorExpr); ok && sel.Sel.Name == "Body" {
			found = true
		}
		return !found
	})
	return found
}

// wrapUse classifies a call that wraps the response (stack ends with the
// response's identifier, an argument of call, whose helper's fact says it
// wraps it): return wrap(resp) returns the response; x := wrap(resp) binds
// the wrapper to x, which must only be read or returned (its returns are
// then returns of the response, see aliasReturned). Any other use is
// unknown.
func (c *checker) wrapUse(stack []ast.Node, call *ast.CallExpr) ([]event, bool) {
	i := len(stack) - 2
	for i >= 0 && stack[i] != ast.Node(call) {
		i--
	}
	if i <= 0 {
		return nil, false
	}
	switch p := stack[i-1].(type) {
	case *ast.ReturnStmt:
		return []event{{kind: returned, pos: call.Pos()}}, true
	case *ast.AssignStmt:
		if len(p.Lhs) != 1 || len(p.Rhs) != 1 || p.Rhs[0] != ast.Expr(call) {
			return nil, false
		}
		id, ok := p.Lhs[0].(*ast.Ident)
		if !ok {
			return nil, false
		}
		v := c.varOf(id)
		if !localVar(v) || c.body == nil || !c.onlyReadOrReturned(c.body, v) {
			return nil, false
		}
		c.wrappers[v] = true
		return nil, true
	}
	return nil, false
}

// aliasReturned reports whether id, a use of a wrapper bound by wrapUse,
// is a result of a return statement (stack ends with id).
func (c *checker) aliasReturned(stack []ast.Node, id *ast.Ident) bool {
	if !c.wrappers[c.varOf(id)] || len(stack) < 2 {
		return false
	}
	i := len(stack) - 2
	if u, ok := stack[i].(*ast.UnaryExpr); ok && u.Op == token.AND && i > 0 {
		i--
	}
	_, ok := stack[i].(*ast.ReturnStmt)
	return ok
}

// closesWhenDeferred reports whether lit, a deferred function literal,
// closes the body of resp (captured, or p, the parameter it is passed as)
// on every path: a Close call as one of its top-level statements, or in
// the init of a top-level if (if err := resp.Body.Close(); ...).
func (c *checker) closesWhenDeferred(lit *ast.FuncLit, v *types.Var) bool {
	isClose := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Close" && c.refersTo(sel.X, v, true)
	}
	var stmtCloses func(s ast.Stmt) bool
	stmtCloses = func(s ast.Stmt) bool {
		switch s := s.(type) {
		case *ast.ExprStmt:
			return isClose(s.X)
		case *ast.AssignStmt:
			return len(s.Rhs) == 1 && isClose(s.Rhs[0])
		case *ast.IfStmt:
			return s.Init != nil && stmtCloses(s.Init)
		}
		return false
	}
	return slices.ContainsFunc(lit.Body.List, stmtCloses)
}

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
