package contentlength

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/connvet/connvet/passes/internal/wire"
)

// Responses written by the functions a request loop calls.
//
// A device or proxy server often reads requests in one function
// (serveConn's loop) and answers them in others: a dispatcher, then a
// reply method that writes the response to the writer it is handed
// (d.dispatch(bw, req) → d.reply(bw, req)). From each request loop, the
// calls that hand the connection (or a bufio writer over it) to a function
// of the package are followed, three calls deep: a response that function
// writes to its parameter and then returns, with nothing else done to the
// connection, is followed in the loop by the client's next request when
// the loop goes on after the call. Return values count: a dispatcher that
// returns false after a response (if !d.dispatch(bw, req) { return }) ends
// the loop, and that response is not reported.

// callee is one response found below a request loop's call.
type callee struct {
	u *wire.Unit
	r wire.Response
}

// loopCalls reports, for each request loop of the unit, the responses of
// the functions its calls hand the connection to.
func loopCalls(u *wire.Unit, m *wire.Model, info *types.Info, found func(call *ast.CallExpr, loop ast.Stmt, c callee)) {
	ast.Inspect(u.Root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Ellipsis.IsValid() {
			return true
		}
		if _, isWrite := u.Writes()[call]; isWrite {
			return true // a reply helper: judged as the loop's own write
		}
		fn := m.Callee(call)
		if fn == nil || fn.Pkg() == nil || m.Decl(fn.Origin()) == nil {
			return true
		}
		st, onTrue, ok := callStmt(u, call)
		if !ok {
			return true
		}
		loop := u.EnclosingLoop(st)
		if loop == nil {
			return true
		}
		for i, arg := range call.Args {
			conn, ok := u.ConnOf(arg)
			if !ok {
				continue
			}
			if v, ok := conn.(*types.Var); ok && loop.Pos() <= v.Pos() && v.Pos() < loop.End() {
				continue // a connection of its own each time round
			}
			if !u.ReadsFrom(loop, conn) {
				continue // not a request loop on this connection
			}
			if u.Later(st, loopBody(loop), func(x ast.Stmt, inSwitch bool) bool {
				return wire.Terminates(x, inSwitch) || u.IsCloseOf(x, conn)
			}) {
				continue // the loop ends, or the connection is closed, after the call
			}
			for _, c := range responsesBelow(m, info, fn.Origin(), i, onTrue, 0) {
				found(call, loop, c)
			}
		}
		return true
	})
}

// responsesBelow returns the responses fn writes to its parameter i and
// returns after (returning true when onTrue is set), directly or through
// the functions of the package it hands the parameter to, to depth 3.
func responsesBelow(m *wire.Model, info *types.Info, fn *types.Func, i int, onTrue *bool, depth int) []callee {
	if depth > 2 {
		return nil
	}
	pu, p := m.ParamUnit(fn, i)
	if pu == nil {
		return nil
	}
	d := pu.Root.(*ast.FuncDecl)
	if kept(pu, d.Body, p) {
		return nil // stored or handed to a goroutine: its holder may frame or close it
	}
	var out []callee
	for _, body := range pu.Bodies() {
		if body != d.Body {
			continue // closures: not the function's own path
		}
		for _, r := range pu.Responses(body) {
			if r.Conn != p || len(r.Stmts) == 0 {
				continue
			}
			last := r.Stmts[len(r.Stmts)-1]
			if pu.EnclosingFunc(last) != d.Body || pu.EnclosingLoop(last) != nil {
				continue
			}
			vals, ok := returnsAfter(pu, last, d.Body, p, info)
			if ok && (onTrue == nil || allBool(vals, *onTrue)) {
				out = append(out, callee{pu, r})
			}
		}
	}
	// Calls that hand the parameter on, then return.
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if _, isLit := n.(*ast.FuncLit); isLit {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Ellipsis.IsValid() {
			return true
		}
		if _, isWrite := pu.Writes()[call]; isWrite {
			return true // a reply helper: its response is one of pu's
		}
		g := m.Callee(call)
		if g == nil || m.Decl(g.Origin()) == nil {
			return true
		}
		st, inner, ok := callStmt(pu, call)
		if !ok || inner != nil || pu.EnclosingLoop(st) != nil {
			return true
		}
		vals, ok := returnsAfter(pu, st, d.Body, p, info)
		if !ok || (onTrue != nil && !allBool(vals, *onTrue)) {
			return true
		}
		for j, arg := range call.Args {
			if c, ok := pu.ConnOf(arg); ok && c == p {
				out = append(out, responsesBelow(m, info, g.Origin(), j, nil, depth+1)...)
			}
		}
		return true
	})
	return out
}

// callStmt returns the statement the call is, or the if statement whose
// condition is !call with a body that leaves (onTrue then points at true:
// the statements after the if run when the call returned true).
func callStmt(u *wire.Unit, call *ast.CallExpr) (st ast.Stmt, onTrue *bool, ok bool) {
	switch p := u.Parent(call).(type) {
	case *ast.ExprStmt:
		return p, nil, true
	case *ast.UnaryExpr:
		ifs, isIf := u.Parent(p).(*ast.IfStmt)
		if p.Op != token.NOT || !isIf || ifs.Cond != p || ifs.Else != nil || len(ifs.Body.List) == 0 {
			return nil, nil, false
		}
		if !wire.Terminates(ifs.Body.List[len(ifs.Body.List)-1], false) {
			return nil, nil, false
		}
		t := true
		return ifs, &t, true
	}
	return nil, nil, false
}

// returnsAfter returns the values the function returns once st has run:
// the statements after st up to a return (or the end of a function with
// no results) hold no other return, branch, defer or go statement and do
// not write to conn or hand it on. ok is false when that is not so.
func returnsAfter(u *wire.Unit, st ast.Node, body *ast.BlockStmt, conn types.Object, info *types.Info) (vals []constant.Value, ok bool) {
	ok = true
	ended := u.Later(st, body, func(s ast.Stmt, inSwitch bool) bool {
		if ret, isRet := s.(*ast.ReturnStmt); isRet {
			switch {
			case len(ret.Results) == 0:
				vals = append(vals, nil)
			case len(ret.Results) == 1:
				tv, known := info.Types[ret.Results[0]]
				if known && tv.Value != nil && tv.Value.Kind() == constant.Bool {
					vals = append(vals, tv.Value)
				} else {
					vals = append(vals, nil)
				}
			default:
				vals = append(vals, nil)
			}
			return true
		}
		if nested(s) || u.Interrupts(s, conn) {
			ok = false
			return true
		}
		return false
	})
	if !ended {
		vals = append(vals, nil) // fell off the end of the function
	}
	return vals, ok
}

// nested reports whether s holds a return, branch, defer or go statement.
func nested(s ast.Stmt) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ReturnStmt, *ast.BranchStmt, *ast.DeferStmt, *ast.GoStmt:
			found = true
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

// allBool reports whether every value is the constant b.
func allBool(vals []constant.Value, b bool) bool {
	for _, v := range vals {
		if v == nil || v.Kind() != constant.Bool || constant.BoolVal(v) != b {
			return false
		}
	}
	return len(vals) > 0
}

// kept reports whether the function stores p, returns it or hands it to a
// goroutine or a closure; passing it to a call (followed on the path
// after the response, see returnsAfter) does not count.
func kept(u *wire.Unit, body *ast.BlockStmt, p types.Object) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt, *ast.FuncLit:
			if u.ReadsFrom(n, p) || mentions(u, n, p) {
				found = true
			}
			return false
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				if mentions(u, r, p) {
					found = true
				}
			}
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if mentions(u, r, p) {
					found = true
				}
			}
		case *ast.SendStmt:
			if mentions(u, n.Value, p) {
				found = true
			}
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if mentions(u, e, p) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// mentions reports whether n refers to p (or a bufio value over it)
// other than as the argument of a call (judged on its own path).
func mentions(u *wire.Unit, n ast.Node, p types.Object) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if call, ok := x.(*ast.CallExpr); ok {
			found = found || mentions(u, call.Fun, p)
			return false
		}
		if id, ok := x.(*ast.Ident); ok {
			if v, ok := u.Model().Info.Uses[id].(*types.Var); ok && u.IsConnFamily(v, p) {
				found = true
			}
		}
		return !found
	})
	return found
}
