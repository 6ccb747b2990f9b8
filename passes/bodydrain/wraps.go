package bodydrain

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
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
