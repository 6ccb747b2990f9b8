package bodydrain

import (
	"go/ast"
	"go/types"
)

// rangeRead: a range over an iterator made over the body (for ev, err :=
// range scanEvents(resp.Body)) reads the body to its end where the loop
// runs out, and only there: a return inside the loop leaves the rest
// unread. A return on the iteration's own error (if err != nil { return
// err }) does not count: a failed read has broken the connection already.
// The walk marks the body read at the loop's exit; a summary of a function
// whose loop can return early does not count the iteration as a drain.

// rangeOf returns the range statement call is the iterated expression of,
// given call's parent.
func rangeOf(parent ast.Node, call *ast.CallExpr) *ast.RangeStmt {
	rs, ok := parent.(*ast.RangeStmt)
	if !ok || ast.Unparen(rs.X) != ast.Expr(call) {
		return nil
	}
	return rs
}

// drainsArg reports whether call reads its argument i to the end: a
// standard drain or a helper known to drain it.
func (c *checker) drainsArg(call *ast.CallExpr, i int) bool {
	if j, ok := c.drainArg(call); ok && j == i {
		return true
	}
	fact := c.helperFact(call)
	return fact != nil && i < 64 && fact.Drains&(1<<i) != 0
}

// leavesEarly reports whether the body of rs has a return that is not
// guarded by a check of the iteration's error value.
func leavesEarly(info *types.Info, rs *ast.RangeStmt) bool {
	var errVar types.Object
	for _, e := range []ast.Expr{rs.Key, rs.Value} {
		if id, ok := e.(*ast.Ident); ok {
			if obj := info.ObjectOf(id); obj != nil && isError(obj.Type()) {
				errVar = obj
			}
		}
	}
	early := false
	var walk func(n ast.Node, guarded bool)
	walk = func(n ast.Node, guarded bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if early {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				if !guarded {
					early = true
				}
			case *ast.IfStmt:
				if errVar != nil && errCheck(info, m.Cond, errVar) {
					if m.Init != nil {
						walk(m.Init, guarded)
					}
					walk(m.Body, true)
					if m.Else != nil {
						walk(m.Else, guarded)
					}
					return false
				}
			}
			return true
		})
	}
	walk(rs.Body, false)
	return early
}

// errCheck reports whether cond is v != nil.
func errCheck(info *types.Info, cond ast.Expr, v types.Object) bool {
	neq, ok := nilComparison(info, ast.Unparen(cond), v)
	return ok && neq
}
