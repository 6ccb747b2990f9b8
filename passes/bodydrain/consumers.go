package bodydrain

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// consumerFailed classifies the body handed to a consumer the package
// cannot see into, a function value or an interface method (err :=
// cb(path, resp.Body)), whose error the caller keeps (parent is the
// call's parent). What the consumer reads when it succeeds is unknown, so
// that side is no longer this function's to judge; but a consumer that
// failed stopped where it failed: on the side where its error is not nil
// the body is read in part at most, and a Close there loses the
// connection. (When the failure was the read itself, the connection is
// broken anyway; a drain then costs nothing.)
func (c *checker) consumerFailed(parent ast.Node, call *ast.CallExpr) (event, bool) {
	if typeutil.StaticCallee(c.pass.TypesInfo, call) != nil {
		return event{}, false // a function of some package: its fact, if any, says
	}
	if tv, ok := c.pass.TypesInfo.Types[call.Fun]; !ok || !tv.IsValue() {
		return event{}, false // a conversion or a builtin
	}
	ft := c.pass.TypesInfo.TypeOf(call.Fun)
	if ft == nil {
		return event{}, false
	}
	sig, ok := ft.Underlying().(*types.Signature)
	if !ok || sig.Results().Len() == 0 || !isError(sig.Results().At(sig.Results().Len()-1).Type()) {
		return event{}, false
	}
	v := c.lastResult(parent, call)
	if v == nil {
		return event{}, false // return cb(resp.Body): the caller's caller decides
	}
	line := c.pass.Fset.Position(call.Pos()).Line
	what := fmt.Sprintf("%s (line %d)", types.ExprString(call.Fun), line)
	o := &outcomeCall{
		v:        v,
		fallback: []event{{kind: escape, pos: call.Pos()}},
		onErr:    []event{{kind: failed, pos: call.Pos(), what: what}},
	}
	return event{kind: outcome, pos: call.Pos(), outcome: o}, true
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// failedPath names, for a report, the consumer that failed on the path.
func failedPath(s state) string {
	if s.failed == "" {
		return ""
	}
	return " after " + s.failed + " failed part way"
}

// lastResult returns the variable that err := call(...) or v, err =
// call(...) assigns the call's last result to, or nil.
func (c *checker) lastResult(parent ast.Node, call *ast.CallExpr) *types.Var {
	as, ok := parent.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || as.Rhs[0] != ast.Expr(call) || len(as.Lhs) == 0 {
		return nil
	}
	id, ok := ast.Unparen(as.Lhs[len(as.Lhs)-1]).(*ast.Ident)
	if !ok {
		return nil
	}
	return c.varOf(id)
}
