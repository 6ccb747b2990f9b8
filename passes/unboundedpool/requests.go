package unboundedpool

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/config"
	"github.com/connvet/connvet/passes/internal/httplib"
)

// poolUse is what the package shows of the requests sent through one
// http.Transport (one origin): how many, how many set req.Close = true,
// how many reach a peer in this process; unknown is set when requests may
// be sent where the package cannot see them (the transport, or a client
// holding it, escapes or is exported).
type poolUse struct {
	requests, closing, inProcess int
	unknown                      bool
}

// uses returns, per transport origin, the requests the package sends
// through it, computed once per pass.
func (c *checker) uses() map[*config.Origin]*poolUse {
	if c.poolUses != nil {
		return c.poolUses
	}
	c.poolUses = map[*config.Origin]*poolUse{}
	use := func(o *config.Origin) *poolUse {
		u, ok := c.poolUses[o]
		if !ok {
			u = &poolUse{unknown: o.Escaped || c.ix.Exposed(o)}
			c.poolUses[o] = u
		}
		return u
	}
	info := c.pass.TypesInfo
	for cur := range c.insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn, ok := typeutil.Callee(info, call).(*types.Func)
		if !ok || len(call.Args) == 0 {
			continue
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		var transports []*config.Origin
		var req ast.Expr // the request, when the call takes one
		switch {
		case httplib.IsFunc(fn, httpPath, "Client", "Do"):
			req = call.Args[0]
			fallthrough
		case httplib.IsFunc(fn, httpPath, "Client", "Get"), httplib.IsFunc(fn, httpPath, "Client", "Head"),
			httplib.IsFunc(fn, httpPath, "Client", "Post"), httplib.IsFunc(fn, httpPath, "Client", "PostForm"):
			v := c.ix.Value(sel.X)
			if v == nil {
				continue
			}
			for _, co := range v.Origins {
				tr, set := co.Fields["Transport"]
				if !set || tr == nil {
					continue // DefaultTransport, or one the package cannot see
				}
				tv := c.ix.Value(tr)
				if tv == nil {
					continue // another RoundTripper
				}
				for _, to := range tv.Origins {
					if co.Escaped || c.ix.Exposed(co) {
						use(to).unknown = true // the client may send more elsewhere
					}
					transports = append(transports, to)
				}
			}
		case httplib.IsFunc(fn, httpPath, "Transport", "RoundTrip"):
			req = call.Args[0]
			if v := c.ix.Value(sel.X); v != nil {
				transports = v.Origins
			}
		default:
			continue
		}
		closing := req != nil && c.closesConnection(cur, req)
		inProcess := c.peers.Call(call)
		for _, to := range transports {
			u := use(to)
			u.requests++
			if closing {
				u.closing++
			}
			if inProcess {
				u.inProcess++
			}
		}
	}
	return c.poolUses
}

// quiet reports why a transport (an expression whose value is the pool)
// keeps no idle connection worth reporting: every request the package
// sends through it sets req.Close = true, or every one reaches a peer in
// this process (or the transport routes there). It is "" otherwise.
func (c *checker) quiet(tr ast.Expr) string {
	v := c.ix.Value(tr)
	if v == nil || len(v.Origins) != 1 {
		return ""
	}
	if !c.reportInProcess && c.peers.Transport(tr) {
		return "in process"
	}
	u := c.uses()[v.Origins[0]]
	switch {
	case u == nil || u.unknown || u.requests == 0:
		return ""
	case u.closing == u.requests:
		return "Close"
	case !c.reportInProcess && u.inProcess == u.requests:
		return "in process"
	}
	return ""
}

// closesConnection reports whether req, the request of a call at cur, is
// a local of the enclosing function on which req.Close = true is set by a
// statement that runs before the call on every path to it (in the call's
// block or an enclosing one, earlier), or an &http.Request{Close: true}
// literal.
func (c *checker) closesConnection(cur inspector.Cursor, req ast.Expr) bool {
	info := c.pass.TypesInfo
	if lit, ok := ast.Unparen(stripAddr(req)).(*ast.CompositeLit); ok {
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok && isIdent(kv.Key, "Close") {
				return c.constTrue(kv.Value)
			}
		}
		return false
	}
	id, ok := ast.Unparen(req).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Kind() != types.LocalVar {
		return false
	}
	call := cur.Node()
	for enc := range cur.Enclosing() {
		var stmts []ast.Stmt
		switch n := enc.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return false // reached the function: no such statement
		case *ast.BlockStmt:
			stmts = n.List
		case *ast.CaseClause:
			stmts = n.Body
		case *ast.CommClause:
			stmts = n.Body
		default:
			continue
		}
		for _, s := range stmts {
			if s.Pos() >= call.Pos() {
				break
			}
			as, ok := s.(*ast.AssignStmt)
			if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
				continue
			}
			sel, ok := ast.Unparen(as.Lhs[0]).(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Close" {
				continue
			}
			if x, ok := ast.Unparen(sel.X).(*ast.Ident); ok && info.Uses[x] == v && c.constTrue(as.Rhs[0]) {
				return true
			}
		}
	}
	return false
}
