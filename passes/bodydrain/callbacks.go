package bodydrain

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/httplib"
)

// CallbackFact summarizes a function, or an interface method, that hands
// a response it obtains to a callback its caller gives: bit i of Hands
// stands for parameter i (receivers excluded), a function whose parameters
// include an *http.Response, which the function calls with a response
// fresh from a Transport and then leaves alone (no read to EOF, no close,
// now or deferred, on any path after the call). The callback owns that
// response: a func literal given in that position must close its body.
// Wrappers that pass such a callback on to such a function hand it the
// same response.
//
// Success marks the callbacks among them handed only responses a status
// check found successful, where the function reads the body of the
// failures: the callback of a helper that knows the API's success carries
// no content may close the body unread (see successUnread).
type CallbackFact struct {
	Hands   uint64
	Success uint64
}

// AFact marks CallbackFact as an analysis fact.
func (*CallbackFact) AFact() {}

func (f *CallbackFact) String() string {
	if f.Success != 0 {
		return fmt.Sprintf("callback(hands=%s success=%s)", bits(f.Hands), bits(f.Success))
	}
	return fmt.Sprintf("callback(hands=%s)", bits(f.Hands))
}

var _ analysis.Fact = (*CallbackFact)(nil)

// callbackParam reports whether t is a function type with an
// *http.Response parameter: a callback that can be handed a response.
func callbackParam(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return false
	}
	for i := range sig.Params().Len() {
		if isResponse(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

// computeCallbacks summarizes this package's functions that take a
// callback (see CallbackFact), then its interface methods: an interface
// declared here whose implementations in this package all hand the same
// callbacks their responses does too, for calls through the interface.
// It runs after computeFacts, whose summaries say which calls return fresh
// responses.
func (c *checker) computeCallbacks() {
	c.callbacks = map[*types.Func]uint64{}
	c.cbSuccess = map[*types.Func]uint64{}
	if httplib.IsLibrary(c.pass.Pkg) || !httplib.Imports(c.pass.Pkg, "net/http") {
		return // no response to hand over
	}
	type candidate struct {
		fn   *types.Func
		decl *ast.FuncDecl
	}
	var cands []candidate
	c.eachFunc(func(fn *types.Func, decl *ast.FuncDecl) {
		params := fn.Signature().Params()
		for i := range min(params.Len(), 64) {
			if callbackParam(params.At(i).Type()) {
				cands = append(cands, candidate{fn, decl})
				return
			}
		}
	})
	// Until the summaries stop changing: a wrapper may be declared
	// before the function it passes its callback on to.
	for round, changed := 0, true; changed && round < 6 && len(cands) > 0; round++ {
		changed = false
		for _, h := range cands {
			hands, success := c.handsOff(h.decl, h.fn)
			if hands != c.callbacks[h.fn] || success != c.cbSuccess[h.fn] {
				changed = true
				if hands == 0 {
					delete(c.callbacks, h.fn)
					delete(c.cbSuccess, h.fn)
				} else {
					c.callbacks[h.fn], c.cbSuccess[h.fn] = hands, success
				}
			}
		}
	}
	for fn, hands := range c.callbacks {
		if fn.Exported() {
			c.pass.ExportObjectFact(fn, &CallbackFact{Hands: hands, Success: c.cbSuccess[fn]})
		}
	}
	c.interfaceCallbacks()
}

// interfaceCallbacks gives the methods of the interfaces declared in this
// package the summary their implementations in this package agree on:
// the callbacks every implementation hands its response to. An interface
// with no implementation here, or whose implementations disagree, has
// none: a call through it may reach code that closes the response.
func (c *checker) interfaceCallbacks() {
	scope := c.pass.Pkg.Scope()
	var impls []types.Type
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 || types.IsInterface(named) {
			continue
		}
		impls = append(impls, named)
	}
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 {
			continue
		}
		iface, ok := named.Underlying().(*types.Interface)
		if !ok {
			continue
		}
		for i := range iface.NumExplicitMethods() {
			m := iface.ExplicitMethod(i)
			if !c.takesCallback(m) {
				continue
			}
			var agreed, success uint64
			found := false
			for _, t := range impls {
				impl := implementation(t, iface, m)
				if impl == nil || impl == m {
					continue // not one, or one that embeds the interface: it delegates
				}
				hands, succ := c.funcCallbacks(impl)
				if !found {
					agreed, success, found = hands, succ, true
				} else {
					agreed &= hands
					success &= succ
				}
			}
			if found && agreed != 0 {
				c.callbacks[m], c.cbSuccess[m] = agreed, success&agreed
				c.pass.ExportObjectFact(m, &CallbackFact{Hands: agreed, Success: success & agreed})
			}
		}
	}
}

// takesCallback reports whether fn has a callback parameter.
func (c *checker) takesCallback(fn *types.Func) bool {
	params := fn.Signature().Params()
	for i := range min(params.Len(), 64) {
		if callbackParam(params.At(i).Type()) {
			return true
		}
	}
	return false
}

// implementation returns t's (or *t's) method m when that type implements
// iface, or nil.
func implementation(t types.Type, iface *types.Interface, m *types.Func) *types.Func {
	for _, typ := range []types.Type{t, types.NewPointer(t)} {
		if !types.Implements(typ, iface) {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(typ, false, m.Pkg(), m.Name())
		if fn, ok := obj.(*types.Func); ok {
			return fn
		}
	}
	return nil
}

// funcCallbacks returns the callback summary of fn, local or imported:
// the callbacks it hands responses, and those handed successes only.
func (c *checker) funcCallbacks(fn *types.Func) (hands, success uint64) {
	fn = fn.Origin()
	if hands, ok := c.callbacks[fn]; ok {
		return hands, c.cbSuccess[fn]
	}
	if fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
		return 0, 0
	}
	var fact CallbackFact
	if c.pass.ImportObjectFact(fn, &fact) {
		return fact.Hands, fact.Success
	}
	return 0, 0
}

// callCallbacks returns the callback summary of the function or method
// call calls (an interface method included). A method expression
// (T.M(recv, ...)) shifts the arguments and is not followed.
func (c *checker) callCallbacks(call *ast.CallExpr) (hands, success uint64) {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return 0, 0
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.MethodExpr {
			return 0, 0
		}
	}
	return c.funcCallbacks(fn)
}

// handsOff computes the summary of fn, declared by decl: the callback
// parameters, never assigned in the body, that it calls with a fresh
// response it then leaves alone (see handsResponse), or passes on to a
// function that does.
func (c *checker) handsOff(decl *ast.FuncDecl, fn *types.Func) (hands, success uint64) {
	info := c.pass.TypesInfo
	params := fn.Signature().Params()
	cbs := map[*types.Var]int{}
	for i := range min(params.Len(), 64) {
		if p := params.At(i); callbackParam(p.Type()) {
			cbs[p] = i
		}
	}
	// A callback the function replaces (cb = wrap(cb), a default) is not
	// the one its caller gave.
	inspectShallow(decl.Body, func(n ast.Node) {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return
		}
		for _, l := range as.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				delete(cbs, c.varOf(id))
			}
		}
	})
	if len(cbs) == 0 {
		return 0, 0
	}
	param := func(e ast.Expr) (int, bool) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return 0, false
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok {
			return 0, false
		}
		i, ok := cbs[v]
		return i, ok
	}
	var g *cfg.CFG   // built on first use
	var mixed uint64 // handed a response some other way too
	mark := func(i int, succ bool) {
		if hands&(1<<i) != 0 && (success&(1<<i) != 0) != succ {
			mixed |= 1 << i
		}
		hands |= 1 << i
		if succ {
			success |= 1 << i
		}
	}
	inspectShallow(decl.Body, func(n ast.Node) {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return
		}
		// A wrapper passing its callback on.
		if passed, succ := c.callCallbacks(call); passed != 0 {
			for j, arg := range call.Args {
				if j >= 64 || passed&(1<<j) == 0 {
					continue
				}
				if i, ok := param(arg); ok {
					mark(i, succ&(1<<j) != 0)
				}
			}
		}
		// The callback called with a response.
		i, ok := param(call.Fun)
		if !ok {
			return
		}
		for _, arg := range call.Args {
			if handed, succ := c.handsResponse(decl.Body, &g, arg, call); handed {
				mark(i, succ)
				return
			}
		}
	})
	return hands, success &^ mixed
}

// handsResponse reports whether arg, an argument of the callback call cb,
// is a local response obtained in body from a Transport (resp, err :=
// c.Do(req), or a helper known to return a fresh response) that reaches
// cb on some path with its body neither read to EOF, closed nor handed
// on, and that the function leaves alone on every path after cb: it
// neither closes nor reads nor keeps it afterwards, so the callback owns
// it. A helper that closes the response after its callback returns only
// lends it.
func (c *checker) handsResponse(body *ast.BlockStmt, g **cfg.CFG, arg ast.Expr, cb *ast.CallExpr) (handed, success bool) {
	id, ok := ast.Unparen(arg).(*ast.Ident)
	if !ok {
		return false, false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || !isResponse(v.Type()) || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return false, false // not a local: the caller's response, or a field
	}
	var stmts []*ast.AssignStmt
	inspectShallow(body, func(n ast.Node) {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 || len(as.Lhs) == 0 {
			return
		}
		lid, ok := as.Lhs[0].(*ast.Ident)
		if !ok || c.varOf(lid) != v {
			return
		}
		if call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); ok && c.fromTransport(call) {
			stmts = append(stmts, as)
		}
	})
	if len(stmts) == 0 {
		return false, false
	}
	saved := c.body
	c.body = body
	defer func() { c.body = saved }()
	if *g == nil {
		*g = cfg.New(body, c.mayReturn)
	}
	for _, as := range stmts {
		a := acquisition{stmt: as, resp: v}
		if len(as.Lhs) > 1 {
			if eid, ok := as.Lhs[1].(*ast.Ident); ok {
				a.err = c.varOf(eid)
			}
		}
		if ok, succ := c.reachesCallback(*g, a, cb); ok {
			call, _ := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
			return true, succ && c.writeRequest(call)
		}
	}
	return false, false
}

// reachesCallback follows g from the acquisition a to the callback call
// cb: true when some path reaches cb with the response untouched and no
// path after cb touches it; success when every such path took the success
// side of a status check whose failure side reads the body.
func (c *checker) reachesCallback(g *cfg.CFG, a acquisition, cb *ast.CallExpr) (reached, success bool) {
	evs, ok := c.events(c.body, a)
	if !ok {
		return false, false // captured by a closure: not followed
	}
	byNode := eventsByNode(g, evs)
	start, idx := nodeBlock(g, a.stmt)
	if start == nil {
		return false, false
	}
	sw := &walker{c: c, a: a}
	type key struct {
		b       *cfg.Block
		passed  bool
		pending *types.Var
		side    int8
	}
	seen := map[key]bool{}
	handed, touched := false, false
	otherSide, errRead := false, false
	// pending is the error of a helper that leaves the response alone
	// where it returns nil (err := check(resp)): only that branch is
	// followed.
	var walk func(b *cfg.Block, i int, passed bool, pending *types.Var, side int8)
	walk = func(b *cfg.Block, i int, passed bool, pending *types.Var, side int8) {
		if i == 0 {
			if seen[key{b, passed, pending, side}] {
				return
			}
			seen[key{b, passed, pending, side}] = true
		}
		for ; i < len(b.Nodes); i++ {
			n := b.Nodes[i]
			for _, e := range byNode[n] {
				switch {
				case e.kind == errAssign:
				case e.kind == outcome && !passed && e.outcome.v != nil && e.outcome.nilLeaves:
					pending = e.outcome.v
				case e.kind == escape && !passed && cb.Lparen < e.pos && e.pos < cb.Rparen:
					passed = true
					otherSide = otherSide || side != 1
				case side == -1 && !passed && (e.kind == drain || e.kind == decode || e.kind == partial):
					errRead = true // the failure's body read, for its message
					return
				case e.kind == reassign && passed:
					handed = true // the next response is another one
					return
				default:
					if passed {
						touched = true // closed, read or kept after the callback
					}
					return
				}
			}
			if _, ok := n.(*ast.ReturnStmt); ok {
				handed = handed || passed
				return
			}
			if i == len(b.Nodes)-1 && len(b.Succs) == 2 {
				// The branch where the call's error is not nil has no
				// response; where the pending helper's error is not nil,
				// the helper took it.
				for _, v := range []*types.Var{a.err, pending} {
					e, ok := n.(ast.Expr)
					if !ok || v == nil {
						continue
					}
					next := pending
					if v == pending {
						next = nil
					}
					switch c.nilValue(e, v, nil) {
					case nilFalse:
						walk(b.Succs[1], 0, passed, next, side)
						return
					case nilTrue:
						walk(b.Succs[0], 0, passed, next, side)
						return
					}
				}
				if e, ok := n.(ast.Expr); ok && side == 0 && !passed {
					if onTrue := sw.statusSide(e); onTrue != 0 {
						walk(b.Succs[0], 0, passed, pending, onTrue)
						walk(b.Succs[1], 0, passed, pending, -onTrue)
						return
					}
				}
			}
		}
		if len(b.Succs) == 0 {
			if b.Kind != cfg.KindSelectAfterCase {
				handed = handed || passed
			}
			return
		}
		for _, s := range b.Succs {
			walk(s, 0, passed, pending, side)
		}
	}
	walk(start, idx+1, false, nil, 0)
	return handed && !touched, handed && !touched && !otherSide && errRead
}

// checkCallbacks judges the func literals this package gives in a
// callback position of a function or interface method that hands its
// callback a response it owns (see CallbackFact): each *http.Response
// parameter of the literal is followed from the literal's entry like a
// response the literal obtained. Callbacks given to other code (helpers
// that close after calling them, httputil.ReverseProxy.ModifyResponse)
// are not judged.
func (c *checker) checkCallbacks() {
	for _, f := range c.pass.Files {
		var bodies []*ast.BlockStmt // enclosing function bodies
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				switch stack[len(stack)-1].(type) {
				case *ast.FuncDecl, *ast.FuncLit:
					bodies = bodies[:len(bodies)-1]
				}
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			switch n := n.(type) {
			case *ast.FuncDecl:
				bodies = append(bodies, n.Body)
			case *ast.FuncLit:
				bodies = append(bodies, n.Body)
			case *ast.CallExpr:
				if len(bodies) > 0 && bodies[len(bodies)-1] != nil {
					c.callbackCall(bodies[len(bodies)-1], n)
				}
			}
			return true
		})
	}
}

// callbackCall judges the func literals call gives in the callback
// positions of its callee's summary; outer is the body of the function
// that makes the call.
func (c *checker) callbackCall(outer *ast.BlockStmt, call *ast.CallExpr) {
	if !slices.ContainsFunc(call.Args, func(e ast.Expr) bool {
		_, ok := ast.Unparen(e).(*ast.FuncLit)
		return ok
	}) {
		return
	}
	hands, success := c.callCallbacks(call)
	if hands == 0 {
		return
	}
	for j, arg := range call.Args {
		if j >= 64 || hands&(1<<j) == 0 {
			continue
		}
		lit, ok := ast.Unparen(arg).(*ast.FuncLit)
		if !ok {
			continue
		}
		sig, ok := c.pass.TypesInfo.TypeOf(lit).(*types.Signature)
		if !ok {
			continue
		}
		var errVar *types.Var
		nErr := 0
		for k := range sig.Params().Len() {
			if p := sig.Params().At(k); types.Identical(p.Type(), types.Universe.Lookup("error").Type()) {
				errVar = p
				nErr++
			}
		}
		if nErr != 1 {
			errVar = nil
		}
		for k := range sig.Params().Len() {
			if p := sig.Params().At(k); isResponse(p.Type()) && p.Name() != "" && p.Name() != "_" {
				c.judgeCallback(outer, call, lit, p, errVar, success&(1<<j) != 0)
			}
		}
	}
}

// judgeCallback follows lit, a callback given to call, from its entry for
// its response parameter p, as an acquisition: a return that leaves the
// body unclosed, and a close before EOF, are reported in the literal. An
// error parameter (errVar) tells, like the error of Do, where there is no
// response. The request's peer and context are those of call.
//
// success says the callback is handed only successes of a status check
// whose failures the caller reads: the literal's paths start on the
// success side (see successUnread).
func (c *checker) judgeCallback(outer *ast.BlockStmt, call *ast.CallExpr, lit *ast.FuncLit, p, errVar *types.Var, success bool) {
	saved := c.body
	defer func() { c.body = saved }()
	c.body = outer
	if !c.reportInProcess && (c.peers.Call(call) || c.peers.Args(call)) {
		return // the peer is this process: nothing worth fixing
	}
	ctx := c.contextArg(call)
	canceled := false
	if ctx != nil {
		// Canceled by the caller's deferred cancel after call returns,
		// which is after the callback returns.
		at := &ast.AssignStmt{Lhs: []ast.Expr{&ast.Ident{NamePos: call.Pos()}}}
		canceled = c.canceledAtReturn(acquisition{stmt: at}, ctx)
	}
	name := "the call"
	if fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func); ok {
		name = fn.Name()
	}
	c.followFromEntry(lit.Body, acquisition{call: call, callee: name, resp: p, err: errVar}, ctx, canceled, success)
}

// followFromEntry follows a.resp, a response parameter of a function that
// owns it (a callback, a goroutine), from the entry of its body, as an
// acquisition. ctx is the request's context and canceled whether the
// caller cancels it once the function has returned; success starts the
// paths on the success side of a status check whose failures the caller
// reads (see successUnread).
func (c *checker) followFromEntry(body *ast.BlockStmt, a acquisition, ctx *types.Var, canceled, success bool) {
	saved := c.body
	defer func() { c.body = saved }()
	c.body = body
	clear(c.scanners)
	clear(c.wrappers)
	evs, ok := c.events(body, a)
	if !ok {
		return // captured by a closure: not followed
	}
	g := cfg.New(body, c.mayReturn)
	if len(g.Blocks) == 0 {
		return
	}
	w := newWalker(c, a, g, evs, body.Rbrace)
	w.ctx, w.ctxDone, w.canceled = ctx, true, &canceled
	var st state
	if success {
		st.side, w.errRead, w.write = 1, true, true
	}
	w.walk(g.Blocks[0], 0, st)
	w.reportCloses()
}
