package bodydrain

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/httplib"
)

// HelperFact summarizes a function for callers in any package: which
// parameters (an io.Reader, an io.ReadCloser, or an *http.Response, whose
// Body is meant) it reads to EOF and which it closes, bit i standing for
// parameter i (receivers excluded); and whether it returns a response
// fresh from a Transport, unread and unclosed, which its caller owns.
// Borrows marks *http.Response parameters the function only looks at
// (fields other than Body, header methods, other borrowing helpers): the
// caller still owns the response after the call.
//
// For a function whose last result is an error, NilLeaves and ErrLeaves
// mark *http.Response parameters that some path returning a nil error
// (NilLeaves), or a non-nil one (ErrLeaves), leaves alone: it only looks at
// the response, neither reading its body to EOF nor closing nor keeping it
// (a status check that reads the body of some errors only). A caller that
// branches on that error still owns the response, unread, on that branch.
type HelperFact struct {
	Drains    uint64
	Closes    uint64
	Borrows   uint64
	Fresh     bool
	NilLeaves uint64
	ErrLeaves uint64
	// Wraps marks *http.Response parameters the function stores in the
	// value it returns, doing nothing else with them but look (see wraps).
	Wraps uint64
	// FreshVia marks function parameters (retry and middleware wrappers:
	// Retry(ctx, n, func() (*http.Response, error))) whose calls give
	// every response the function returns, as fresh as they came: the
	// result is fresh when every such argument is a sender.
	FreshVia uint64
}

// AFact marks HelperFact as an analysis fact.
func (*HelperFact) AFact() {}

func (f *HelperFact) String() string {
	if f.Wraps != 0 {
		return fmt.Sprintf("helper(drains=%s closes=%s wraps=%s)", bits(f.Drains), bits(f.Closes), bits(f.Wraps))
	}
	if f.NilLeaves|f.ErrLeaves != 0 {
		return fmt.Sprintf("helper(drains=%s closes=%s nilleaves=%s errleaves=%s)", bits(f.Drains), bits(f.Closes), bits(f.NilLeaves), bits(f.ErrLeaves))
	}
	if f.Borrows != 0 {
		return fmt.Sprintf("helper(drains=%s closes=%s borrows=%s)", bits(f.Drains), bits(f.Closes), bits(f.Borrows))
	}
	if f.Fresh {
		return fmt.Sprintf("helper(drains=%s closes=%s fresh)", bits(f.Drains), bits(f.Closes))
	}
	return fmt.Sprintf("helper(drains=%s closes=%s)", bits(f.Drains), bits(f.Closes))
}

func bits(b uint64) string {
	var parts []string
	for i := range 64 {
		if b&(1<<i) != 0 {
			parts = append(parts, fmt.Sprint(i))
		}
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// isBodyParam reports whether t is a type whose argument a helper can
// drain or close.
func isBodyParam(t types.Type) bool {
	if isResponse(t) {
		return true
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "io" {
		return false
	}
	switch named.Obj().Name() {
	case "Reader", "ReadCloser", "ReadWriteCloser", "ReadSeekCloser":
		return true
	}
	return false
}

// eachFunc calls f for each function declared with a body in the
// package, in source order.
func (c *checker) eachFunc(f func(fn *types.Func, decl *ast.FuncDecl)) {
	for _, file := range c.pass.Files {
		for _, d := range file.Decls {
			if decl, ok := d.(*ast.FuncDecl); ok && decl.Body != nil {
				if fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func); ok {
					f(fn, decl)
				}
			}
		}
	}
}

// isResponse reports whether t is *http.Response.
func isResponse(t types.Type) bool { return httplib.IsNamedPtr(t, "net/http", "Response") }

// computeFacts summarizes this package's helpers and exports their facts.
// It looks only at functions with a reader or response parameter, and
// runs twice so that helpers calling later helpers are seen.
func (c *checker) computeFacts() {
	type helper struct {
		fn   *types.Func
		decl *ast.FuncDecl
		ps   []*types.Var
	}
	var helpers []helper
	c.eachFunc(func(fn *types.Func, decl *ast.FuncDecl) {
		params := fn.Signature().Params()
		var ps []*types.Var
		res := fn.Signature().Results()
		relevant := res.Len() > 0 && isResponse(res.At(0).Type())
		for i := range params.Len() {
			ps = append(ps, params.At(i))
			if i < 64 && isBodyParam(params.At(i).Type()) {
				relevant = true
			}
		}
		if relevant {
			helpers = append(helpers, helper{fn, decl, ps})
		}
	})
	// Until the summaries stop changing (a helper may call one declared
	// after it, a chain of wrappers), at most a few rounds.
	for round, changed := 0, true; changed && round < 6; round++ {
		changed = false
		for _, h := range helpers {
			var fact HelperFact
			var g *cfg.CFG // built on first use
			for i, p := range h.ps {
				if i >= 64 || !isBodyParam(p.Type()) {
					continue
				}
				if c.replacesBody(h.decl.Body, p) {
					continue // resp.Body = ...: the caller's body is no longer the one it sees
				}
				drains, closes := c.paramEffects(h.decl.Body, p)
				if drains {
					fact.Drains |= 1 << i
				}
				if closes {
					fact.Closes |= 1 << i
				}
				if !drains && !closes && isResponse(p.Type()) && c.borrows(h.decl.Body, p) {
					fact.Borrows |= 1 << i
				}
				if !drains && !closes && fact.Borrows&(1<<i) == 0 && c.wraps(h.decl, p) {
					fact.Wraps |= 1 << i
				}
				if fact.Borrows&(1<<i) == 0 && isResponse(p.Type()) && returnsError(h.fn) {
					nilLeaves, errLeaves := c.leaves(h.decl, &g, p)
					if nilLeaves {
						fact.NilLeaves |= 1 << i
					}
					if errLeaves {
						fact.ErrLeaves |= 1 << i
					}
				}
			}
			if res := h.fn.Signature().Results(); res.Len() > 0 && isResponse(res.At(0).Type()) {
				fact.Fresh = c.returnsFresh(h.decl.Body)
				if !fact.Fresh {
					fact.FreshVia = c.freshVia(h.fn, h.decl.Body)
				}
			}
			old, had := c.local[h.fn]
			if fact.Drains != 0 || fact.Closes != 0 || fact.Borrows != 0 || fact.Fresh || fact.NilLeaves != 0 || fact.ErrLeaves != 0 || fact.Wraps != 0 || fact.FreshVia != 0 {
				c.local[h.fn] = &fact
				changed = changed || !had || *old != fact
			} else if had {
				delete(c.local, h.fn)
				changed = true
			}
		}
	}
	for fn, fact := range c.local {
		if fact.Drains == 0 && fact.Closes == 0 && !fact.Fresh && fact.Wraps == 0 && fact.FreshVia == 0 && !fn.Exported() {
			continue // only borrows, and no other package can call it
		}
		c.pass.ExportObjectFact(fn, fact)
	}
}

// returnsError reports whether fn's last result is an error.
func returnsError(fn *types.Func) bool {
	res := fn.Signature().Results()
	return res.Len() > 0 && types.Identical(res.At(res.Len()-1).Type(), types.Universe.Lookup("error").Type())
}

// leaves follows decl's paths from its entry for the response parameter p,
// as the walker follows an acquisition, and reports whether a path that
// returns a nil error, or one that returns a non-nil error, leaves p
// alone: not read to EOF, not closed (now or deferred), not decoded, not
// handed to other code. g is decl's CFG, built here on first use.
func (c *checker) leaves(decl *ast.FuncDecl, g **cfg.CFG, p *types.Var) (nilLeaves, errLeaves bool) {
	saved := c.body
	c.body = decl.Body
	defer func() { c.body = saved }()
	a := acquisition{resp: p}
	evs, ok := c.events(decl.Body, a)
	if !ok {
		return false, false // captured by a closure: not followed
	}
	if *g == nil {
		*g = cfg.New(decl.Body, c.mayReturn)
	}
	if len((*g).Blocks) == 0 {
		return false, false
	}
	sum := &leavesSummary{nonNil: c.nonNilReturns(decl.Body)}
	w := newWalker(c, a, *g, evs, decl.Body.Rbrace)
	w.summary = sum
	w.walk((*g).Blocks[0], 0, state{})
	return sum.nil, sum.err
}

// leavesSummary collects, over a helper's paths, which errors it returns
// on a path that leaves its response parameter alone.
type leavesSummary struct {
	nonNil   map[*ast.ReturnStmt]bool // return err inside if err != nil
	nil, err bool
}

// add records one path's end: ret (nil at the function's end) with state s.
func (l *leavesSummary) add(c *checker, ret *ast.ReturnStmt, s state) {
	if ret == nil || s.closed || s.drained || s.deferClosed || s.deferDrained || s.decoded != "" {
		return
	}
	if len(ret.Results) == 0 {
		l.nil, l.err = true, true // named results: either
		return
	}
	e := ast.Unparen(ret.Results[len(ret.Results)-1])
	if tv, ok := c.pass.TypesInfo.Types[e]; ok && tv.IsNil() {
		l.nil = true
		return
	}
	l.err = true
	// A local error variable may hold nil, unless this return is the body
	// of its own nil check. Other values (a constructor, a composite, a
	// sentinel package variable) are taken as errors.
	if id, ok := e.(*ast.Ident); ok && !l.nonNil[ret] {
		if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && v.Pkg() != nil && v.Parent() != nil && v.Parent() != v.Pkg().Scope() {
			l.nil = true
		}
	}
}

// nonNilReturns finds the returns of an error variable inside the body of
// a check that it is not nil: if err != nil { ...; return ..., err }.
func (c *checker) nonNilReturns(body *ast.BlockStmt) map[*ast.ReturnStmt]bool {
	out := map[*ast.ReturnStmt]bool{}
	inspectShallow(body, func(n ast.Node) {
		ifs, ok := n.(*ast.IfStmt)
		if !ok {
			return
		}
		be, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if !ok || be.Op != token.NEQ {
			return
		}
		id, ok := ast.Unparen(be.X).(*ast.Ident)
		if tv, isNil := c.pass.TypesInfo.Types[be.Y]; !ok || !isNil || !tv.IsNil() {
			return
		}
		v := c.pass.TypesInfo.Uses[id]
		inspectShallow(ifs.Body, func(m ast.Node) {
			ret, ok := m.(*ast.ReturnStmt)
			if !ok || len(ret.Results) == 0 {
				return
			}
			if rid, ok := ast.Unparen(ret.Results[len(ret.Results)-1]).(*ast.Ident); ok && v != nil && c.pass.TypesInfo.Uses[rid] == v {
				out[ret] = true
			}
		})
	})
	return out
}

// replacesBody reports whether body assigns p.Body, for a response p.
func (c *checker) replacesBody(body *ast.BlockStmt, p *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok && sel.Sel.Name == "Body" && c.refersTo(sel.X, p, false) && isResponse(p.Type()) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// borrows reports whether body only looks at the response p: every use
// reads a field other than Body, calls a method that reads only headers,
// compares p with nil, or passes p to a helper that borrows it. A use in
// a function literal, or any other use, may keep or read it.
func (c *checker) borrows(body *ast.BlockStmt, p *types.Var) bool {
	return c.everyUse(body, p, func(stack []ast.Node, id *ast.Ident) bool {
		switch parent := stack[len(stack)-2].(type) {
		case *ast.SelectorExpr:
			if parent.Sel.Name == "Body" || parent.Sel.Name == "Write" {
				return false // the body itself
			}
			return !assignedField(stack, parent) // resp.Field = ...
		case *ast.BinaryExpr:
			return true // resp == nil
		case *ast.CallExpr:
			fact := c.helperFact(parent)
			i := slices.Index(parent.Args, ast.Expr(id))
			return fact != nil && i >= 0 && i < 64 && fact.Borrows&(1<<i) != 0
		}
		return false
	})
}

// assignedField reports whether sel, the parent of the identifier ending
// stack, is assigned to: v.Field = ...
func assignedField(stack []ast.Node, sel *ast.SelectorExpr) bool {
	if len(stack) < 3 {
		return false
	}
	as, ok := stack[len(stack)-3].(*ast.AssignStmt)
	return ok && slices.Contains(as.Lhs, ast.Expr(sel))
}

// everyUse reports whether use holds for every use of v in body (stack
// ends with the identifier, below at least its parent). A function literal
// that mentions v fails: it may run later, or keep v.
func (c *checker) everyUse(body *ast.BlockStmt, v *types.Var, use func(stack []ast.Node, id *ast.Ident) bool) bool {
	ok := true
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if lit, isLit := n.(*ast.FuncLit); isLit && c.mentions(lit, v) {
			ok = false
			return false
		}
		stack = append(stack, n)
		if id, isID := n.(*ast.Ident); isID && c.pass.TypesInfo.Uses[id] == v && len(stack) >= 2 {
			ok = use(stack, id)
		}
		return true
	})
	return ok
}

// returnsFresh reports whether every response the function returns is nil
// or comes straight from a Transport: a transport call, or a local assigned
// only from such calls and neither read nor closed here.
func (c *checker) returnsFresh(body *ast.BlockStmt) bool {
	fresh, other := false, false
	inspectShallow(body, func(n ast.Node) {
		ret, ok := n.(*ast.ReturnStmt)
		if !ok || len(ret.Results) == 0 {
			return
		}
		e := ast.Unparen(ret.Results[0])
		if tv, ok := c.pass.TypesInfo.Types[e]; ok && tv.IsNil() {
			return
		}
		switch e := e.(type) {
		case *ast.CallExpr:
			if c.fromTransport(e) {
				fresh = true
				return
			}
		case *ast.Ident:
			if v, ok := c.pass.TypesInfo.Uses[e].(*types.Var); ok && c.freshLocal(body, v) {
				fresh = true
				return
			}
		}
		other = true
	})
	return fresh && !other
}

// freshLocal reports whether v is assigned only from transport calls in
// body and is neither read to EOF nor closed there.
func (c *checker) freshLocal(body *ast.BlockStmt, v *types.Var) bool {
	assigned, ok := false, true
	var stmts []*ast.AssignStmt
	inspectShallow(body, func(n ast.Node) {
		as, isAssign := n.(*ast.AssignStmt)
		if !isAssign {
			return
		}
		for i, l := range as.Lhs {
			id, isID := l.(*ast.Ident)
			if !isID || c.varOf(id) != v {
				continue
			}
			call, isCall := ast.Unparen(as.Rhs[min(i, len(as.Rhs)-1)]).(*ast.CallExpr)
			if i != 0 || !isCall || !c.fromTransport(call) {
				ok = false
			}
			assigned = true
			stmts = append(stmts, as)
		}
	})
	if !ok || !assigned {
		return false
	}
	drains, closes := c.paramEffects(body, v)
	if !drains && !closes {
		return true
	}
	return c.untouchedWhenReturned(body, v, stmts)
}

// untouchedWhenReturned reports whether every path from an assignment of
// v (one of stmts) to a return of v leaves the response alone: a retry
// loop that closes the responses it retries and returns the last one as
// it came still returns a fresh response.
func (c *checker) untouchedWhenReturned(body *ast.BlockStmt, v *types.Var, stmts []*ast.AssignStmt) bool {
	saved := c.body
	c.body = body
	defer func() { c.body = saved }()
	g := cfg.New(body, c.mayReturn)
	for _, as := range stmts {
		a := acquisition{stmt: as, resp: v}
		if len(as.Lhs) > 1 {
			if id, ok := as.Lhs[1].(*ast.Ident); ok {
				a.err = c.varOf(id)
			}
		}
		evs, ok := c.events(body, a)
		if !ok {
			return false
		}
		var start *cfg.Block
		idx := -1
		for _, b := range g.Blocks {
			for i, n := range b.Nodes {
				if n == ast.Node(as) {
					start, idx = b, i
				}
			}
		}
		if start == nil {
			return false
		}
		fr := &freshSummary{fresh: true}
		w := newWalker(c, a, g, evs, body.Rbrace)
		w.fresh = fr
		w.walk(start, idx+1, state{})
		if !fr.fresh {
			return false
		}
	}
	return true
}

// freshSummary collects whether every return of a response finds it as
// it came from the Transport.
type freshSummary struct{ fresh bool }

func (f *freshSummary) add(s state) {
	if s.closed || s.drained || s.deferClosed || s.deferDrained || s.decoded != "" {
		f.fresh = false
	}
}

// fromTransport reports whether call obtains a response straight from an
// HTTP transport, which its caller must read and close: net/http's
// Client.Do/Get/Post/PostForm, http.Get/Post/PostForm, RoundTrip, or a
// function known by its fact to return such a response untouched.
// Responses from other code (test helpers that read them, in-memory
// responses) are not assumed to hold a connection.
func (c *checker) fromTransport(call *ast.CallExpr) bool {
	if k, ok := c.viaParams[c.calledParam(call)]; ok {
		c.viaUsed |= 1 << k // freshVia: a call of the sender parameter k
		return true
	}
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return false
	}
	if fn.Pkg().Path() == "net/http" {
		switch fn.Name() {
		case "Do", "Get", "Post", "PostForm", "RoundTrip":
			return true
		}
		return false
	}
	if isDoer(fn) {
		return true
	}
	fact := c.helperFact(call)
	return fact != nil && (fact.Fresh || c.freshThrough(call, fact))
}

// freshThrough reports whether call, of a wrapper whose responses come
// from calls of its function parameters (HelperFact.FreshVia), hands a
// sender to every one of them.
func (c *checker) freshThrough(call *ast.CallExpr, fact *HelperFact) bool {
	if fact.FreshVia == 0 {
		return false
	}
	for k, arg := range call.Args {
		if fact.FreshVia&(1<<k) != 0 && !c.sender(arg, &senderJudge{seen: map[*types.Var]bool{}}) {
			return false
		}
	}
	return true
}

// calledParam returns the variable call calls when call.Fun is one (a
// function parameter called: do()), else nil.
func (c *checker) calledParam(call *ast.CallExpr) *types.Var {
	if len(c.viaParams) == 0 {
		return nil
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	return v
}

// returnsResponse reports whether t is a function type whose results are
// (*http.Response, error): a sender, or a thunk a retry wrapper calls.
func returnsResponse(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Results().Len() != 2 {
		return false
	}
	return isResponse(sig.Results().At(0).Type()) && types.Identical(sig.Results().At(1).Type(), types.Universe.Lookup("error").Type())
}

// freshVia returns the function parameters of fn whose calls give every
// response fn returns, fresh (see HelperFact.FreshVia), or 0.
func (c *checker) freshVia(fn *types.Func, body *ast.BlockStmt) uint64 {
	params := fn.Signature().Params()
	via := map[*types.Var]int{}
	for k := range min(params.Len(), 64) {
		if returnsResponse(params.At(k).Type()) {
			via[params.At(k)] = k
		}
	}
	if len(via) == 0 {
		return 0
	}
	c.viaParams, c.viaUsed = via, 0
	defer func() { c.viaParams, c.viaUsed = nil, 0 }()
	if !c.returnsFresh(body) {
		return 0
	}
	return c.viaUsed
}

// isDoer reports whether fn is an interface method Do or RoundTrip with
// *http.Client's signature, func(*http.Request) (*http.Response, error):
// the "Doer" interfaces libraries declare so that callers can pass an
// *http.Client.
func isDoer(fn *types.Func) bool {
	if fn.Name() != "Do" && fn.Name() != "RoundTrip" {
		return false
	}
	sig := fn.Signature()
	recv := sig.Recv()
	if recv == nil || !types.IsInterface(recv.Type()) {
		return false
	}
	if sig.Params().Len() != 1 || sig.Results().Len() != 2 {
		return false
	}
	if !httplib.IsNamedPtr(sig.Params().At(0).Type(), "net/http", "Request") {
		return false
	}
	return isResponse(sig.Results().At(0).Type()) && types.Identical(sig.Results().At(1).Type(), types.Universe.Lookup("error").Type())
}

// paramEffects reports whether body reads p (or p.Body) to EOF, and closes
// it, anywhere (deferred calls and closures included).
func (c *checker) paramEffects(body *ast.BlockStmt, p *types.Var) (drains, closes bool) {
	loops := 0 // depth of enclosing for/range statements
	// A plain walk: this runs on every dependency for facts, where no inspector is built.
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			switch stack[len(stack)-1].(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				loops--
			}
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loops++
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		isP := func(e ast.Expr) bool { return c.refersTo(e, p, true) }
		if c.closesBody(call, p) {
			closes = true
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Read" && loops > 0 && isP(sel.X) {
			drains = true // a read loop
		}
		if rs := rangeOf(stack[len(stack)-2], call); rs != nil && leavesEarly(c.pass.TypesInfo, rs) {
			return true // read to the end only where the loop runs out (see rangeRead)
		}
		if i, ok := c.drainArg(call); ok && i < len(call.Args) && (isP(call.Args[i]) || c.limitedDrain(call.Args[i], isP)) {
			drains = true
		}
		if c.cappedCopy(call, isP) {
			drains = true
		}
		if fact := c.helperFact(call); fact != nil {
			for i, a := range call.Args {
				if i < 64 && isP(a) {
					drains = drains || fact.Drains&(1<<i) != 0
					closes = closes || fact.Closes&(1<<i) != 0
				}
			}
		}
		return true
	})
	return drains, closes
}

// refersTo reports whether e is v, or v.Body when v is a response and
// body is set.
func (c *checker) refersTo(e ast.Expr, v *types.Var, body bool) bool {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		return c.pass.TypesInfo.Uses[id] == v
	}
	if sel, ok := e.(*ast.SelectorExpr); ok && body && sel.Sel.Name == "Body" && isResponse(v.Type()) {
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			return c.pass.TypesInfo.Uses[id] == v
		}
	}
	return false
}

// drainArg returns the index of the argument a standard function reads to
// EOF.
func (c *checker) drainArg(call *ast.CallExpr) (int, bool) {
	switch fn := typeutil.StaticCallee(c.pass.TypesInfo, call); {
	case httplib.IsFunc(fn, "io", "", "Copy"), httplib.IsFunc(fn, "io", "", "CopyBuffer"):
		return 1, true
	case httplib.IsFunc(fn, "io", "", "ReadAll"), httplib.IsFunc(fn, "io/ioutil", "", "ReadAll"), httplib.IsFunc(fn, "bufio", "", "NewScanner"):
		return 0, true
	}
	return 0, false
}

// drainCap is the smallest constant limit of io.LimitReader or io.CopyN
// that counts as a cap on a drain rather than a prefix read. Code that
// reads a prefix reads what it needs (512 bytes for content sniffing, a
// magic number, a first line); code that drains caps the read at kilobytes
// to megabytes so that a huge body cannot stall it (net/http's client
// drains a redirect's body with io.CopyN(io.Discard, body, 2<<10) before
// reusing the connection, go-retryablehttp caps at 4 KiB, net/http's
// server at 256 KiB). Any small body ends within such a cap, and net/http
// reports EOF with the read that takes a body's last byte.
const drainCap = 2 << 10

// cappedCopy reports whether call is io.CopyN(dst, body, n), body
// satisfying isBody, with n a drain cap: the same read as
// io.Copy(dst, io.LimitReader(body, n)).
func (c *checker) cappedCopy(call *ast.CallExpr, isBody func(ast.Expr) bool) bool {
	return len(call.Args) == 3 && httplib.IsFunc(typeutil.StaticCallee(c.pass.TypesInfo, call), "io", "", "CopyN") &&
		isBody(call.Args[1]) && c.capLimit(call.Args[2])
}

// limitedDrain reports whether e is io.LimitReader(body, n), body
// satisfying isBody, with n a drain cap: not a constant below drainCap.
func (c *checker) limitedDrain(e ast.Expr, isBody func(ast.Expr) bool) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 2 || !httplib.IsFunc(typeutil.StaticCallee(c.pass.TypesInfo, call), "io", "", "LimitReader") || !isBody(call.Args[0]) {
		return false
	}
	return c.capLimit(call.Args[1])
}

// capLimit reports whether n, a read limit, is a drain cap: a constant of
// at least drainCap, or a value the code computes (a configured maximum).
func (c *checker) capLimit(n ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[n]
	if !ok || tv.Value == nil {
		return true
	}
	v, exact := constant.Int64Val(constant.ToInt(tv.Value))
	return !exact || v >= drainCap
}

// helperFact returns the fact of the called function, local or imported.
// The standard readers of a bounded prefix have none: io.ReadFull loops
// over Read, but only until its buffer is full.
func (c *checker) helperFact(call *ast.CallExpr) *HelperFact {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil {
		return nil
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == "io" {
		switch fn.Name() {
		case "ReadFull", "ReadAtLeast", "CopyN":
			return nil
		}
	}
	return c.funcFact(fn)
}

// funcFact returns the fact of fn, local or imported.
func (c *checker) funcFact(fn *types.Func) *HelperFact {
	fn = fn.Origin()
	if f, ok := c.local[fn]; ok {
		return f
	}
	if fn.Pkg() == c.pass.Pkg {
		return nil
	}
	var fact HelperFact
	if c.pass.ImportObjectFact(fn, &fact) {
		return &fact
	}
	return nil
}

var _ analysis.Fact = (*HelperFact)(nil)
