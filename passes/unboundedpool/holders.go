package unboundedpool

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// Client types made per call. A constructor of this package that builds a
// pool of its own into the struct it returns,
//
//	func NewLedgerClient(base string) *LedgerClient {
//		tr := &http.Transport{...}
//		return &LedgerClient{hc: &http.Client{Transport: tr}, base: base}
//	}
//
// makes one pool per call, kept by that struct alone. A caller that makes
// one per request, loop iteration or call, uses it and drops it leaks the
// pool exactly as if it had written the literal: the struct local is
// judged like a struct the caller made itself (structs.go), through the
// methods of the package it calls on it, so a Close that calls
// CloseIdleConnections on the pool releases it and a Close that only stops
// a refresher does not. The constructor must return, on every path that
// returns a value, either one literal of the struct or one local made by
// such a literal whose every other use keeps it in the call (its fields,
// its methods); the pool must be a construction (an http.Client with a new
// Transport, a Transport, a fasthttp client) made in the constructor for
// that field and kept nowhere else.

// holder is what a constructor's summary says: its result keeps the pool
// made at made, of kind, in field.
type holder struct {
	field *types.Var
	made  ast.Expr
	kind  poolKind
}

// holderOf returns the summary of fn, a function of this package.
func (c *checker) holderOf(fn *types.Func) (holder, bool) {
	if h, ok := c.holders[fn]; ok {
		return h, h.field != nil
	}
	c.holders[fn] = holder{}
	h, ok := c.summarizeHolder(fn)
	if ok {
		c.holders[fn] = h
	}
	return h, ok
}

func (c *checker) summarizeHolder(fn *types.Func) (holder, bool) {
	decl := c.funcDecl(fn)
	res := fn.Signature().Results()
	if decl == nil || decl.Body == nil || res.Len() == 0 || c.isHandler(decl) {
		return holder{}, false
	}
	if _, ptr := types.Unalias(res.At(0).Type()).(*types.Pointer); !ptr {
		return holder{}, false
	}
	if _, ok := c.localStruct(res.At(0).Type()); !ok {
		return holder{}, false
	}
	info := c.pass.TypesInfo
	var v *types.Var
	var lit *ast.CompositeLit
	ok := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				ok = false // named results: not followed
				return false
			}
			switch r := ast.Unparen(n.Results[0]).(type) {
			case *ast.Ident:
				if tv, isNil := info.Types[r]; isNil && tv.IsNil() {
					return false
				}
				rv, _ := info.Uses[r].(*types.Var)
				if rv == nil || (v != nil && rv != v) {
					ok = false
				}
				v = rv
			case *ast.UnaryExpr:
				l, isLit := ast.Unparen(r.X).(*ast.CompositeLit)
				if r.Op != token.AND || !isLit || lit != nil {
					ok = false
				}
				lit = l
			default:
				ok = false
			}
		}
		return true
	})
	if !ok || (v == nil) == (lit == nil) {
		return holder{}, false
	}
	if lit != nil {
		return c.poolInLiteral(decl, lit)
	}
	if !c.madeHere(decl, v) {
		return holder{}, false
	}
	def, _ := c.definition(decl, v).(*ast.CompositeLit)
	if def == nil {
		return holder{}, false
	}
	h, found := c.poolInLiteral(decl, def)
	if !found {
		return holder{}, false
	}
	// Every other use of the local keeps it in the constructor: its fields,
	// its methods (a refresher started as a goroutine included).
	usesOK := true
	var stack []ast.Node
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if !usesOK {
			return false
		}
		stack = append(stack, n)
		id, isID := n.(*ast.Ident)
		if !isID || info.Uses[id] != v {
			return true
		}
		if ret, isRet := stack[len(stack)-2].(*ast.ReturnStmt); isRet && len(ret.Results) > 0 && ret.Results[0] == ast.Expr(id) {
			return true
		}
		for _, a := range stack[:len(stack)-1] {
			if _, isLit := a.(*ast.FuncLit); isLit {
				usesOK = false
				return false
			}
		}
		if _, _, uok := c.recvUse(stack, h.field, 0, map[*types.Func]bool{}); !uok {
			usesOK = false
		}
		return true
	})
	if !usesOK {
		return holder{}, false
	}
	return h, true
}

// definition returns the value that defines v in decl (v := value), with
// any & taken off.
func (c *checker) definition(decl *ast.FuncDecl, v *types.Var) ast.Expr {
	var out ast.Expr
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] == v {
				out = ast.Unparen(stripAddr(as.Rhs[i]))
			}
		}
		return true
	})
	return out
}

// poolInLiteral finds, among the fields lit sets, the one set to a pool
// made in decl.
func (c *checker) poolInLiteral(decl *ast.FuncDecl, lit *ast.CompositeLit) (holder, bool) {
	st, ok := c.localStruct(c.pass.TypesInfo.TypeOf(lit))
	if !ok {
		return holder{}, false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		f := litField(c.pass.TypesInfo, st, lit, kv.Value)
		if f == nil {
			continue
		}
		if made, kind, ok := c.poolValue(decl, kv.Value); ok {
			return holder{field: f, made: made, kind: kind}, true
		}
	}
	return holder{}, false
}

// poolValue reports whether e is a pool made in decl for this place: a
// construction, an http.Client literal whose Transport is one, or a local
// of decl defined by a transport construction and used only there (and
// for its own fields). made is the construction the pool's idle timeout
// and keep-alives are judged on.
func (c *checker) poolValue(decl *ast.FuncDecl, e ast.Expr) (ast.Expr, poolKind, bool) {
	e = ast.Unparen(stripAddr(e))
	switch k := c.kind(e); k {
	case transport, fasthttpClient:
		return e, k, !c.quietPool(e, k)
	case clientWithTransport:
		tr := c.transportOf(e, k)
		if tr == nil {
			return nil, notPool, false
		}
		tr = ast.Unparen(stripAddr(tr))
		return tr, k, !c.quietPool(tr, transport)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil, notPool, false
	}
	if t, ok := c.pass.TypesInfo.TypeOf(lit).(*types.Named); !ok || t.Obj().Pkg() == nil || t.Obj().Pkg().Path() != httpPath || t.Obj().Name() != "Client" {
		return nil, notPool, false
	}
	id, ok := ast.Unparen(c.transportOf(lit, clientWithTransport)).(*ast.Ident)
	if !ok {
		return nil, notPool, false
	}
	tv, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if tv == nil || !c.onlyHere(decl, tv, id) {
		return nil, notPool, false
	}
	made := c.definition(decl, tv)
	if made == nil || c.kind(made) != transport {
		return nil, notPool, false
	}
	return made, clientWithTransport, !c.quietPool(made, transport)
}

// quietPool reports whether the pool keeps no idle connection worth
// reporting: keep-alives off, or every request closes its connection.
func (c *checker) quietPool(e ast.Expr, k poolKind) bool {
	if k != transport {
		return false
	}
	return c.keepAlivesDisabled(e) || c.quiet(e) != ""
}

// onlyHere reports whether every use of tv in decl is at, or a field of
// tv (its configuration).
func (c *checker) onlyHere(decl *ast.FuncDecl, tv *types.Var, at *ast.Ident) bool {
	ok := true
	var stack []ast.Node
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, isID := n.(*ast.Ident)
		if !isID || id == at || c.pass.TypesInfo.Uses[id] != tv {
			return true
		}
		if sel, isSel := stack[len(stack)-2].(*ast.SelectorExpr); isSel && sel.X == ast.Expr(id) {
			if s := c.pass.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
				return true // tr.IdleConnTimeout = ...
			}
		}
		ok = false
		return true
	})
	return ok
}

// checkHolderCall reports a call of a constructor whose result keeps a new
// pool (holderOf), made per loop iteration, per request or per call, used
// and dropped.
func (c *checker) checkHolderCall(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func, h holder) {
	fnCur, inLoop := enclosing(cur)
	if !fnCur.Valid() {
		return // a package-level value: made once
	}
	fnNode := fnCur.Node()
	if d, ok := fnNode.(*ast.FuncDecl); ok && c.pass.TypesInfo.Defs[d.Name] == fn {
		return
	}
	local, _, ok := c.bindingAt(cur, 0)
	if !ok {
		return
	}
	uses, closed := 1, false
	if local != nil {
		uses, closed, ok = c.recvUses(fnNode, local, h.field, 0, map[*types.Func]bool{})
	}
	if !ok || uses == 0 || closed {
		return // kept, unused, or its pool is released
	}
	where, ok := c.madePer(fnNode, inLoop)
	if !ok {
		return // made once per process or test
	}
	what := map[poolKind]string{
		transport:           "a new http.Transport",
		clientWithTransport: "an http.Client with a new Transport",
		fasthttpClient:      "a new fasthttp client",
	}[h.kind]
	var keeps string
	if h.kind == fasthttpClient {
		keeps = "each keeps its idle connections open, with a goroutine that closes them, " + c.fasthttpIdle(h.made) + " after their last use"
	} else {
		keeps = "each keeps its idle connections and two goroutines per connection " + c.idleUntil(h.made)
	}
	name := "the client"
	if local != nil {
		name = local.Name()
	}
	c.report(analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s (in %s) is made %s by %s and dropped without CloseIdleConnections: %s; share one %s, or release %s's pool when done",
			what, h.field.Name(), where, c.calleeName(call), keeps, typeName(fn), name),
		Related: []analysis.RelatedInformation{{Pos: h.made.Pos(), End: h.made.End(), Message: "the pool is made here"}},
	})
}

// typeName names the struct type fn returns a pointer to.
func typeName(fn *types.Func) string {
	t := fn.Signature().Results().At(0).Type()
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return "client"
}
