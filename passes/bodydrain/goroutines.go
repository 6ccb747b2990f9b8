package bodydrain

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// goroutines judges the functions of this package that body starts as
// goroutines with a response it obtained (go c.handle(resp)): the caller
// goes on without waiting, so the goroutine owns the response, and the
// function it runs is followed from its entry for that parameter, as an
// acquisition. Each function is judged once per parameter, for the first
// such go statement.
func (c *checker) goroutines(body *ast.BlockStmt, acqs []acquisition) {
	info := c.pass.TypesInfo
	inspectShallow(body, func(n ast.Node) {
		g, ok := n.(*ast.GoStmt)
		if !ok {
			return
		}
		fn := typeutil.StaticCallee(info, g.Call)
		if fn == nil || fn.Pkg() != c.pass.Pkg {
			return
		}
		sig := fn.Signature()
		for i, arg := range g.Call.Args {
			id, ok := ast.Unparen(arg).(*ast.Ident)
			if !ok || i >= sig.Params().Len() || (sig.Variadic() && i >= sig.Params().Len()-1) {
				continue
			}
			v := c.varOf(id)
			for _, a := range acqs {
				if a.resp == nil || a.resp != v {
					continue
				}
				p := sig.Params().At(i)
				if !isResponse(p.Type()) || p.Name() == "" || p.Name() == "_" {
					continue
				}
				if c.goJudged[p] {
					continue
				}
				c.goJudged[p] = true
				c.judgeGoroutine(fn, p, a)
			}
		}
	})
}

// judgeGoroutine follows fn, started as a goroutine with the response of
// a, from its entry for its parameter p.
func (c *checker) judgeGoroutine(fn *types.Func, p *types.Var, a acquisition) {
	decl := c.declOf(fn)
	if decl == nil || decl.Body == nil {
		return
	}
	if !c.reportInProcess && c.inProcess(a.call) {
		return // the peer is this process: nothing worth fixing
	}
	c.followFromEntry(decl.Body, acquisition{call: a.call, callee: a.callee, resp: p}, nil, false, false)
}

// startsGoroutine reports whether call, whose parent is parent, starts a
// function of this package as a goroutine: go c.handle(resp). That
// function owns what it is handed and is judged on its own (see
// goroutines).
func (c *checker) startsGoroutine(parent ast.Node, call *ast.CallExpr) bool {
	g, ok := parent.(*ast.GoStmt)
	if !ok || g.Call != call {
		return false
	}
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	return fn != nil && fn.Pkg() == c.pass.Pkg
}
