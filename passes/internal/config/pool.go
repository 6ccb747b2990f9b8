package config

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/httplib"
)

// Pool summaries answer a second question: does a call of a function of
// this package, or of another one (through its Fact), return a connection
// pool that the call makes anew and keeps nowhere else? A helper such as
//
//	func (g *getter) httpClient() (*http.Client, error) {
//		tr := &http.Transport{...}
//		return &http.Client{Transport: tr}, nil
//	}
//
// makes one pool per call: a caller that uses the result for a request and
// drops it leaks the pool exactly as if it had written the literal itself.
//
// The summary is an AST value flow over one function, in terms of the
// constructions it may hold (Pool):
//
//   - a construction: an http.Transport literal, new(http.Transport), a
//     Clone() of one, a fasthttp Client or HostClient literal or new;
//   - carriers: an http.Client literal whose Transport holds a pool, a
//     literal of a struct type with a RoundTrip method (a RoundTripper
//     wrapper) one of whose fields holds one, a conversion, a call of a
//     function whose result holds one of its parameters (a wrapper
//     constructor: summarized here, or through its Fact);
//   - local variables of any type (an http.RoundTripper local included):
//     the union of every value assigned to them;
//   - calls of functions whose results are summarized (here, or through
//     their Fact);
//   - dynamic calls with a decorator's shape (DecoratorArg: a function
//     value or interface method taking a sender and returning one): what
//     their sender arguments hold.
//
// A result is Fresh when every value it may hold is such a pool (nil
// aside), and none of them is also kept elsewhere: a local that holds one
// may only be used as a receiver (method calls, field reads and writes),
// compared, returned, assigned to another such local, carried into a
// carrier used the same way, handed to a decorator or to a wrapper (a
// function of this package that keeps it nowhere but in its result) whose
// result is used the same way, or handed to a library function or to a
// parameter of a function of this package that only borrows it. Anything
// else (a field, a package variable, a closure, a channel, an unknown
// function) keeps the pool, and the result is not fresh. A transport with
// DisableKeepAlives: true is no pool here.

// Pool kinds: what a fresh result is.
const (
	PoolTransport = "http.Transport" // a new http.Transport (maybe wrapped)
	PoolClient    = "http.Client"    // an http.Client holding a new Transport
	PoolFasthttp  = "fasthttp"       // a new fasthttp Client or HostClient
)

// How an imported transport pool's idle connections expire (Pool.Idle).
const (
	IdleNever   = "never"   // no IdleConnTimeout
	IdleTimeout = "timeout" // a positive IdleConnTimeout
	IdleClone   = "clone"   // a Clone() of DefaultTransport
)

// A Pool is one connection pool a value may hold.
type Pool struct {
	Kind string
	// Made is the construction in this package (a literal, a new call or a
	// Clone call); nil for an imported pool.
	Made ast.Expr
	// Idle says how an imported transport's idle connections expire; ""
	// when unknown.
	Idle string
	// param is 1 + the index of the parameter whose value this is (in
	// summaries of wrappers); 0 for a pool.
	param int
}

// srcs is what an expression may hold.
type srcs struct {
	pools   []*Pool
	other   bool // also something else: a shared, unknown or caller's value
	escaped bool // a pool here is also kept elsewhere
}

func (s *srcs) union(t srcs) {
	for _, p := range t.pools {
		if !slices.Contains(s.pools, p) {
			s.pools = append(s.pools, p)
		}
	}
	s.other = s.other || t.other
	s.escaped = s.escaped || t.escaped
}

// as returns s with its pools carried by a value of kind (an http.Client
// holding them); "" keeps each pool's kind.
func (s srcs) as(kind string) srcs {
	if kind == "" {
		return s
	}
	out := srcs{other: s.other, escaped: s.escaped}
	for _, p := range s.pools {
		q := *p
		q.Kind = kind
		out.pools = append(out.pools, &q)
	}
	return out
}

var otherSrcs = srcs{other: true}

// fnInfo is what the summaries need of one function declaration.
type fnInfo struct {
	decl    *ast.FuncDecl
	fn      *types.Func
	parent  map[ast.Node]ast.Node
	locals  map[*types.Var]bool        // declared by the function itself (not a nested literal)
	params  map[*types.Var]int         // parameter index
	assigns map[*types.Var][]assignSrc // values assigned to locals
	uses    map[*types.Var][]*ast.Ident
	bad     map[*types.Var]bool // assigned in ways not followed
	inLit   map[*ast.Ident]bool // uses inside a nested function literal
	returns []*ast.ReturnStmt
	results []*types.Var // named results, else nil
	memo    map[*types.Var]*srcs
	safe    map[*types.Var]int // 1 in progress, 2 safe, 3 not
}

type assignSrc struct {
	rhs ast.Expr
	idx int // result index of a call on a tuple assignment, else -1
}

type resKey struct {
	fn  *types.Func
	idx int
}

// pools holds the summaries of one package.
type pools struct {
	ix       *Index
	info     *types.Info
	decls    map[*types.Func]*ast.FuncDecl
	fns      map[*ast.FuncDecl]*fnInfo
	results  map[resKey]*srcs
	borrowed map[*types.Var]int // 1 in progress, 2 yes, 3 no
	frozen   bool               // every summary is computed: read only
}

func newPools(ix *Index, files []*ast.File) *pools {
	p := &pools{ix: ix, info: ix.pass.TypesInfo, decls: map[*types.Func]*ast.FuncDecl{},
		fns: map[*ast.FuncDecl]*fnInfo{}, results: map[resKey]*srcs{}, borrowed: map[*types.Var]int{}}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := p.info.Defs[fd.Name].(*types.Func); ok {
					p.decls[fn] = fd
				}
			}
		}
	}
	return p
}

// declAt returns the function declaration around pos, or nil.
func (p *pools) declAt(pos token.Pos) *ast.FuncDecl {
	for _, d := range p.decls {
		if d.Pos() <= pos && pos < d.End() {
			return d
		}
	}
	return nil
}

func (p *pools) funcOf(decl *ast.FuncDecl) *fnInfo {
	if fi, ok := p.fns[decl]; ok {
		return fi
	}
	fi := &fnInfo{decl: decl, parent: map[ast.Node]ast.Node{}, locals: map[*types.Var]bool{},
		params: map[*types.Var]int{}, assigns: map[*types.Var][]assignSrc{}, uses: map[*types.Var][]*ast.Ident{},
		bad: map[*types.Var]bool{}, inLit: map[*ast.Ident]bool{}, memo: map[*types.Var]*srcs{}, safe: map[*types.Var]int{}}
	fi.fn, _ = p.info.Defs[decl.Name].(*types.Func)
	p.fns[decl] = fi
	if decl.Type.Params != nil {
		i := 0
		for _, f := range decl.Type.Params.List {
			for _, n := range f.Names {
				if v, ok := p.info.Defs[n].(*types.Var); ok {
					fi.locals[v], fi.params[v] = true, i
				}
				i++
			}
			if len(f.Names) == 0 {
				i++
			}
		}
	}
	if decl.Type.Results != nil {
		for _, f := range decl.Type.Results.List {
			for _, n := range f.Names {
				v, _ := p.info.Defs[n].(*types.Var)
				fi.results = append(fi.results, v)
				if v != nil {
					fi.locals[v] = true
				}
			}
		}
	}
	var stack []ast.Node
	lits := 0 // nested function literals on the stack
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if n == nil {
			if _, ok := stack[len(stack)-1].(*ast.FuncLit); ok {
				lits--
			}
			stack = stack[:len(stack)-1]
			return true
		}
		if len(stack) > 0 {
			fi.parent[n] = stack[len(stack)-1]
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.FuncLit:
			lits++
		case *ast.Ident:
			if v, ok := p.info.Defs[n].(*types.Var); ok && lits == 0 {
				fi.locals[v] = true
			}
			if v, ok := p.info.Uses[n].(*types.Var); ok {
				fi.uses[v] = append(fi.uses[v], n)
				if lits > 0 {
					fi.inLit[n] = true
				}
			}
		case *ast.ReturnStmt:
			if lits == 0 {
				fi.returns = append(fi.returns, n)
			}
		case *ast.AssignStmt:
			p.recordAssign(fi, n.Lhs, n.Rhs, lits > 0)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			if len(n.Values) > 0 {
				p.recordAssign(fi, lhs, n.Values, lits > 0)
			} else {
				for _, id := range n.Names {
					if v, ok := p.info.Defs[id].(*types.Var); ok && !isNilable(v.Type()) {
						fi.bad[v] = true // a zero struct: not followed
					}
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if v := p.varOf(e); v != nil {
					fi.bad[v] = true
				}
			}
		case *ast.TypeSwitchStmt:
			if as, ok := n.Assign.(*ast.AssignStmt); ok {
				for _, l := range as.Lhs {
					if v := p.varOf(l); v != nil {
						fi.bad[v] = true
					}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if v := p.varOf(n.X); v != nil {
					fi.bad[v] = true // its address is taken
				}
			}
		}
		return true
	})
	return fi
}

func isNilable(t types.Type) bool {
	switch types.Unalias(t).Underlying().(type) {
	case *types.Pointer, *types.Interface:
		return true
	}
	return false
}

// varOf returns the variable an identifier expression names, or nil.
func (p *pools) varOf(e ast.Expr) *types.Var { return httplib.Var(p.info, e) }

func (p *pools) recordAssign(fi *fnInfo, lhs, rhs []ast.Expr, inLit bool) {
	for i, l := range lhs {
		v := p.varOf(l)
		if v == nil {
			continue
		}
		if inLit {
			fi.bad[v] = true // assigned by a closure: not followed
			continue
		}
		switch {
		case len(lhs) == len(rhs):
			fi.assigns[v] = append(fi.assigns[v], assignSrc{rhs[i], -1})
		case len(rhs) == 1:
			if _, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok {
				fi.assigns[v] = append(fi.assigns[v], assignSrc{rhs[0], i})
				continue
			}
			fi.bad[v] = true // v, ok := x.(T), m[k], <-ch
		}
	}
}

// mayHold reports whether a value of type t may hold a pool: a tracked
// pool type, or an interface that an http.Transport or Client may satisfy
// (an http.RoundTripper, a Doer, any).
func mayHold(t types.Type) bool {
	if t == nil || IsSender(t) {
		return t != nil
	}
	iface, ok := types.Unalias(t).Underlying().(*types.Interface)
	return ok && iface.NumMethods() == 0
}

func isPoolType(t Type) bool {
	switch t {
	case Type{"net/http", "Transport"}, Type{"net/http", "Client"},
		Type{"github.com/valyala/fasthttp", "Client"}, Type{"github.com/valyala/fasthttp", "HostClient"}:
		return true
	}
	return false
}

// isWrapper reports whether t (or *t) is a struct type with a RoundTrip
// method: a RoundTripper that wraps another.
func isWrapper(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, named.Obj().Pkg(), "RoundTrip")
	_, isFunc := obj.(*types.Func)
	return isFunc
}

// eval returns what e, an expression of fi's function, may hold.
func (p *pools) eval(fi *fnInfo, e ast.Expr) srcs {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.Ident:
		if _, ok := p.info.Uses[e].(*types.Nil); ok {
			return srcs{}
		}
		if v, ok := p.info.Uses[e].(*types.Var); ok && fi.locals[v] {
			return p.local(fi, v)
		}
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return p.eval(fi, e.X)
		}
	case *ast.TypeAssertExpr:
		return p.eval(fi, e.X)
	case *ast.CompositeLit:
		return p.lit(fi, e)
	case *ast.CallExpr:
		return p.call(fi, e, 0)
	}
	return otherSrcs
}

func (p *pools) lit(fi *fnInfo, lit *ast.CompositeLit) srcs {
	t := p.info.TypeOf(lit)
	if tt, ok := TypeOf(t); ok {
		switch {
		case tt == Type{"net/http", "Client"}:
			for _, elt := range lit.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Transport" {
						return p.eval(fi, kv.Value).as(PoolClient)
					}
				}
			}
			return otherSrcs // DefaultTransport
		case tt == Type{"net/http", "Transport"}:
			return srcs{pools: []*Pool{{Kind: PoolTransport, Made: lit}}}
		case isPoolType(tt):
			return srcs{pools: []*Pool{{Kind: PoolFasthttp, Made: lit}}}
		}
		return otherSrcs
	}
	if !isWrapper(t) {
		return otherSrcs
	}
	st, _ := t.Underlying().(*types.Struct)
	var s srcs
	for i, elt := range lit.Elts {
		var field *types.Var
		value := elt
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			value = kv.Value
			if id, ok := kv.Key.(*ast.Ident); ok {
				field, _ = p.info.Uses[id].(*types.Var)
			}
		} else if st != nil && i < st.NumFields() {
			field = st.Field(i)
		}
		if field != nil && mayHold(field.Type()) {
			s.union(p.eval(fi, value))
		}
	}
	return s
}

// call returns what result idx of call may hold.
func (p *pools) call(fi *fnInfo, call *ast.CallExpr, idx int) srcs {
	if tv, ok := p.info.Types[call.Fun]; ok {
		switch {
		case tv.IsType() && len(call.Args) == 1:
			return p.eval(fi, call.Args[0]) // a conversion
		case tv.IsBuiltin():
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "new" {
				if tt, ok := TypeOf(p.info.TypeOf(call)); ok && isPoolType(tt) {
					kind := PoolFasthttp
					if tt.Path == "net/http" {
						kind = PoolTransport
						if tt.Name == "Client" {
							return otherSrcs // a client of DefaultTransport
						}
					}
					return srcs{pools: []*Pool{{Kind: kind, Made: call}}}
				}
			}
			return otherSrcs
		}
	}
	fn := typeutil.StaticCallee(p.info, call)
	if fn == nil {
		return p.decorated(fi, call, idx)
	}
	fn = fn.Origin()
	if fn.Pkg() != nil && fn.Pkg().Path() == "net/http" && fn.Name() == "Clone" && isMethod(fn) {
		if tt, ok := TypeOf(fn.Signature().Recv().Type()); ok && tt.Name == "Transport" {
			return srcs{pools: []*Pool{{Kind: PoolTransport, Made: call}}}
		}
	}
	if idx >= fn.Signature().Results().Len() {
		return otherSrcs
	}
	if t := fn.Signature().Results().At(idx).Type(); !mayHold(t) && !isWrapper(t) {
		return otherSrcs
	}
	var s srcs
	if fn.Pkg() == p.ix.pass.Pkg {
		s = p.result(fn, idx)
	} else {
		var fact Fact
		if !p.ix.pass.ImportObjectFact(fn, &fact) || idx >= len(fact.Values) {
			return otherSrcs
		}
		fv := fact.Values[idx]
		switch {
		case fv.Pool != "":
			return srcs{pools: []*Pool{{Kind: fv.Pool, Idle: fv.PoolIdle}}}
		case fv.Wraps > 0:
			s = srcs{pools: []*Pool{{Kind: fv.WrapKind, param: fv.Wraps}}}
		default:
			return otherSrcs
		}
	}
	// Substitute the arguments for the parameters a wrapper holds.
	out := srcs{other: s.other, escaped: s.escaped}
	for _, pl := range s.pools {
		if pl.param == 0 {
			out.pools = append(out.pools, pl)
			continue
		}
		j := pl.param - 1
		if call.Ellipsis.IsValid() || j >= len(call.Args) || (fn.Signature().Variadic() && j >= fn.Signature().Params().Len()-1) {
			out.other = true
			continue
		}
		out.union(p.eval(fi, call.Args[j]).as(pl.Kind))
	}
	return out
}

// decorated returns what result idx of a dynamic call (a function value
// or an interface method) may hold: the sender arguments it is given when
// it has a decorator's shape (DecoratorArg), else something unknown.
func (p *pools) decorated(fi *fnInfo, call *ast.CallExpr, idx int) srcs {
	var s srcs
	found := false
	for j, a := range call.Args {
		if DecoratorArg(p.info, call, j) && idx == 0 {
			s.union(p.eval(fi, a))
			found = true
		}
	}
	if !found {
		return otherSrcs
	}
	return s
}

// IsSender reports whether t is a connection pool type (an http.Transport
// or Client, a fasthttp client) or an interface that sends requests: one
// with a RoundTrip or a Do method (http.RoundTripper, a Doer, a Sender).
// The empty interface is not one.
func IsSender(t types.Type) bool {
	if t == nil {
		return false
	}
	if tt, ok := TypeOf(t); ok {
		return isPoolType(tt)
	}
	iface, ok := types.Unalias(t).Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for m := range iface.Methods() {
		if m.Name() == "RoundTrip" || m.Name() == "Do" {
			return true
		}
	}
	return false
}

// DecoratorArg reports whether argument j of call goes to a decorator: a
// dynamic call (a function value or an interface method, whose code is not
// known here) with one result, a sender (IsSender), whose parameter j is a
// sender too, such as func(Sender) Sender or NewTransport(*http.Transport)
// http.RoundTripper. Decorators and middleware wrap the sender they are
// given in the one they return and keep it nowhere else: the result holds
// the argument.
func DecoratorArg(info *types.Info, call *ast.CallExpr, j int) bool {
	if call == nil || j < 0 || j >= len(call.Args) || call.Ellipsis.IsValid() {
		return false
	}
	if tv, ok := info.Types[call.Fun]; !ok || tv.IsType() || tv.IsBuiltin() {
		return false
	}
	if typeutil.StaticCallee(info, call) != nil {
		return false
	}
	ft := info.TypeOf(call.Fun)
	if ft == nil {
		return false
	}
	sig, ok := ft.Underlying().(*types.Signature)
	if !ok || sig.Results().Len() != 1 || !IsSender(sig.Results().At(0).Type()) {
		return false
	}
	params := sig.Params()
	if j >= params.Len() || (sig.Variadic() && j >= params.Len()-1) {
		return false
	}
	return IsSender(params.At(j).Type())
}

// result returns what result idx of fn, a function of this package, may
// hold, in terms of its parameters.
func (p *pools) result(fn *types.Func, idx int) srcs {
	key := resKey{fn, idx}
	if s, ok := p.results[key]; ok {
		if s == nil {
			return otherSrcs // recursion: not followed
		}
		return *s
	}
	decl := p.decls[fn]
	if decl == nil || p.frozen {
		return otherSrcs
	}
	p.results[key] = nil
	fi := p.funcOf(decl)
	var s srcs
	for _, r := range fi.returns {
		switch {
		case len(r.Results) == 0:
			if idx < len(fi.results) && fi.results[idx] != nil {
				s.union(p.local(fi, fi.results[idx]))
			} else {
				s.other = true
			}
		case len(r.Results) == 1 && fn.Signature().Results().Len() > 1:
			if call, ok := ast.Unparen(r.Results[0]).(*ast.CallExpr); ok {
				s.union(p.call(fi, call, idx))
			} else {
				s.other = true
			}
		case idx < len(r.Results):
			s.union(p.eval(fi, r.Results[idx]))
		}
	}
	p.results[key] = &s
	return s
}

// local returns what v, a local or parameter of fi's function, may hold.
func (p *pools) local(fi *fnInfo, v *types.Var) srcs {
	if s, ok := fi.memo[v]; ok {
		if s == nil {
			return srcs{}
		}
		return *s
	}
	fi.memo[v] = nil
	var s srcs
	if i, ok := fi.params[v]; ok {
		s.pools = append(s.pools, &Pool{param: i + 1})
	}
	if fi.bad[v] {
		s.other = true
	}
	for _, a := range fi.assigns[v] {
		if a.idx >= 0 {
			call, _ := ast.Unparen(a.rhs).(*ast.CallExpr)
			if call == nil {
				s.other = true
				continue
			}
			s.union(p.call(fi, call, a.idx))
			continue
		}
		s.union(p.eval(fi, a.rhs))
	}
	if len(s.pools) > 0 && !p.safeVar(fi, v) {
		s.escaped = true
	}
	fi.memo[v] = &s
	return s
}

// safeVar reports whether every use of v keeps its value inside the call
// (see the package comment on pool summaries).
func (p *pools) safeVar(fi *fnInfo, v *types.Var) bool {
	switch fi.safe[v] {
	case 1, 2:
		return true
	case 3:
		return false
	}
	fi.safe[v] = 1
	ok := true
	for _, id := range fi.uses[v] {
		if fi.inLit[id] || !p.safeUse(fi, id) {
			ok = false
			break
		}
	}
	fi.safe[v] = 2
	if !ok {
		fi.safe[v] = 3
	}
	return ok
}

// safeUse reports whether the use n (an identifier) keeps the value it
// denotes inside the call.
func (p *pools) safeUse(fi *fnInfo, n ast.Node) bool {
	bare := true // n is still the identifier itself
	for {
		parent := fi.parent[n]
		switch pn := parent.(type) {
		case *ast.ParenExpr, *ast.TypeAssertExpr, *ast.StarExpr:
			n = pn
			continue
		case *ast.UnaryExpr:
			if pn.Op != token.AND {
				return true // !x, -x: not a pool
			}
			n, bare = pn, false
			continue
		case *ast.SelectorExpr:
			return pn.X == n
		case *ast.BinaryExpr, *ast.ExprStmt, *ast.IfStmt, *ast.SwitchStmt:
			return true
		case *ast.ReturnStmt:
			return true
		case *ast.KeyValueExpr:
			lit, ok := fi.parent[pn].(*ast.CompositeLit)
			if pn.Value != n || !ok || !p.carrier(lit) {
				return false
			}
			n, bare = lit, false
			continue
		case *ast.CompositeLit:
			if !p.carrier(pn) {
				return false
			}
			n, bare = pn, false
			continue
		case *ast.CallExpr:
			if pn.Fun == n {
				return false
			}
			j := -1
			for i, a := range pn.Args {
				if a == n {
					j = i
				}
			}
			if j < 0 {
				return false
			}
			if tv, ok := p.info.Types[pn.Fun]; ok && tv.IsType() {
				n, bare = pn, false
				continue
			}
			fn := typeutil.StaticCallee(p.info, pn)
			if fn == nil {
				if DecoratorArg(p.info, pn, j) {
					n, bare = pn, false // decorate(s): the result wraps it
					continue
				}
				return false
			}
			fn = fn.Origin()
			if isLibrary(fn.Pkg()) {
				return true // the library uses it
			}
			if p.wraps(fn, j) {
				n, bare = pn, false
				continue
			}
			return fn.Pkg() == p.ix.pass.Pkg && p.Borrowed(fn, j)
		case *ast.AssignStmt:
			if slices.Contains(pn.Lhs, n.(ast.Expr)) {
				return bare // v = ...: a definition
			}
			var lhs []ast.Expr
			if len(pn.Lhs) == len(pn.Rhs) {
				i := slices.Index(pn.Rhs, n.(ast.Expr))
				if i < 0 {
					return false
				}
				lhs = pn.Lhs[i : i+1]
			} else {
				lhs = pn.Lhs
			}
			return p.intoLocals(fi, lhs)
		case *ast.ValueSpec:
			if len(pn.Names) == len(pn.Values) {
				i := slices.Index(pn.Values, n.(ast.Expr))
				if i < 0 {
					return false
				}
				return p.intoLocals(fi, []ast.Expr{pn.Names[i]})
			}
			lhs := make([]ast.Expr, len(pn.Names))
			for i, id := range pn.Names {
				lhs[i] = id
			}
			return p.intoLocals(fi, lhs)
		}
		return false
	}
}

// intoLocals reports whether every target of an assignment is _ or a
// local whose uses are safe.
func (p *pools) intoLocals(fi *fnInfo, lhs []ast.Expr) bool {
	for _, l := range lhs {
		if id, ok := ast.Unparen(l).(*ast.Ident); ok && id.Name == "_" {
			continue
		}
		v := p.varOf(l)
		if v == nil || !fi.locals[v] || !p.safeVar(fi, v) {
			return false
		}
	}
	return true
}

// carrier reports whether lit is an http.Client literal or a RoundTripper
// wrapper literal: a value that holds what its fields hold.
func (p *pools) carrier(lit *ast.CompositeLit) bool {
	t := p.info.TypeOf(lit)
	if tt, ok := TypeOf(t); ok {
		return tt == Type{"net/http", "Client"}
	}
	return isWrapper(t)
}

// wraps reports whether some result of fn holds its parameter j.
func (p *pools) wraps(fn *types.Func, j int) bool {
	res := fn.Signature().Results()
	if fn.Pkg() != p.ix.pass.Pkg {
		var fact Fact
		if !p.ix.pass.ImportObjectFact(fn, &fact) {
			return false
		}
		return slices.ContainsFunc(fact.Values, func(v FactValue) bool { return v.Wraps == j+1 })
	}
	for i := range res.Len() {
		// A RoundTripper wrapper type carries what its fields hold even
		// when it is no pool type (a client type of the package with a
		// RoundTrip method).
		if t := res.At(i).Type(); !mayHold(t) && !isWrapper(t) {
			continue
		}
		s := p.result(fn, i)
		if s.escaped {
			continue // it keeps what it holds elsewhere too: not a wrapper
		}
		for _, pl := range s.pools {
			if pl.param == j+1 {
				return true
			}
		}
	}
	return false
}

// Borrowed reports whether parameter j of fn, a function of this package,
// only borrows the value it is given: the function uses it (as a receiver,
// or handing it to the library or to other borrowers) and neither keeps
// nor returns it.
func (ix *Index) Borrowed(fn *types.Func, j int) bool {
	if ix.pools == nil || fn == nil {
		return false
	}
	return ix.pools.Borrowed(fn.Origin(), j)
}

func (p *pools) Borrowed(fn *types.Func, j int) bool {
	decl := p.decls[fn]
	sig := fn.Signature()
	if decl == nil || j >= sig.Params().Len() || (sig.Variadic() && j == sig.Params().Len()-1) {
		return false
	}
	v := sig.Params().At(j)
	switch p.borrowed[v] {
	case 2:
		return true
	case 1, 3:
		return false // recursion: not followed
	}
	if p.frozen {
		return false
	}
	p.borrowed[v] = 1
	fi := p.funcOf(decl)
	ok := !fi.bad[v] && len(fi.assigns[v]) == 0 && p.safeVar(fi, v) && !p.wraps(fn, j)
	p.borrowed[v] = 3
	if ok {
		p.borrowed[v] = 2
	}
	return ok
}

// fresh returns the pool s holds when it is a fresh one.
func (p *pools) fresh(s srcs) *Pool {
	if s.other || s.escaped || len(s.pools) == 0 {
		return nil
	}
	for _, pl := range s.pools {
		if pl.param > 0 {
			return nil
		}
		// Closed is not asked: a caller that closes its pool does not
		// close the others' (each call makes one).
		if o := p.ix.madeOrigin(pl.Made); o != nil && keepAlivesOff(p.info, o) {
			return nil
		}
	}
	return s.pools[0]
}

func keepAlivesOff(info *types.Info, o *Origin) bool {
	e := o.Fields["DisableKeepAlives"]
	if e == nil {
		return false
	}
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
}

// madeOrigin returns the origin of a construction: a literal or new call
// (direct), or a Clone call's result.
func (ix *Index) madeOrigin(e ast.Expr) *Origin {
	if e == nil {
		return nil
	}
	if o, ok := ix.direct[e]; ok {
		return o
	}
	if call, ok := e.(*ast.CallExpr); ok {
		return ix.results[callResult{call, 0}]
	}
	return nil
}

// FreshResult returns, for a call of a function (of this package, or of
// another through its Fact), the index of the result that is a pool the
// call makes anew and keeps nowhere else, and that pool; nil when there is
// none. Constructions themselves (literals, new, Clone) are not calls of
// summarized functions and give nil.
func (ix *Index) FreshResult(call *ast.CallExpr) (int, *Pool) {
	p := ix.pools
	if p == nil {
		return 0, nil
	}
	fn := typeutil.StaticCallee(p.info, call)
	if fn == nil {
		return 0, nil
	}
	fn = fn.Origin()
	if isLibrary(fn.Pkg()) {
		return 0, nil
	}
	res := fn.Signature().Results()
	for i := range res.Len() {
		if !mayHold(res.At(i).Type()) {
			continue
		}
		var s srcs
		if fn.Pkg() == ix.pass.Pkg {
			s = p.result(fn, i)
		} else {
			var fact Fact
			if !ix.pass.ImportObjectFact(fn, &fact) || i >= len(fact.Values) || fact.Values[i].Pool == "" {
				continue
			}
			s = srcs{pools: []*Pool{{Kind: fact.Values[i].Pool, Idle: fact.Values[i].PoolIdle}}}
		}
		if pl := p.fresh(s); pl != nil {
			return i, pl
		}
	}
	return 0, nil
}

// freeze computes every summary checks may ask for, so that the Index is
// read-only when they use it.
func (p *pools) freeze() {
	for fn, decl := range p.decls {
		sig := fn.Signature()
		for i := range sig.Results().Len() {
			if t := sig.Results().At(i).Type(); mayHold(t) || isWrapper(t) {
				p.result(fn, i)
			}
		}
		for j := range sig.Params().Len() {
			if mayHold(sig.Params().At(j).Type()) {
				p.Borrowed(fn, j)
			}
		}
		_ = decl
	}
	p.frozen = true
}

// factValues adds to values, the facts of fn's results, their pool
// summaries: Pool for a fresh result, Wraps for one that holds a
// parameter.
func (p *pools) factValues(fn *types.Func, values []FactValue) []FactValue {
	res := fn.Signature().Results()
	for i := range res.Len() {
		if !mayHold(res.At(i).Type()) {
			continue
		}
		s := p.result(fn, i)
		if pl := p.fresh(s); pl != nil {
			values[i].Pool = pl.Kind
			values[i].PoolIdle = pl.Idle
			if pl.Made != nil && pl.Kind != PoolFasthttp {
				values[i].PoolIdle = p.ix.idleOf(pl.Made)
			}
			continue
		}
		if s.other || s.escaped || len(s.pools) != 1 || s.pools[0].param == 0 {
			continue
		}
		values[i].Wraps, values[i].WrapKind = s.pools[0].param, s.pools[0].Kind
	}
	return values
}

// idleOf says how the idle connections of the transport made at e expire.
// The fields set on the construction count even when the transport is
// also handed to a wrapper (which does not unset them).
func (ix *Index) idleOf(e ast.Expr) string {
	o := ix.madeOrigin(e)
	if o == nil {
		return ""
	}
	if call, ok := e.(*ast.CallExpr); ok && !o.Assigned["IdleConnTimeout"] {
		if fn := typeutil.StaticCallee(ix.pass.TypesInfo, call); fn != nil && fn.Name() == "Clone" {
			return IdleClone // it copies DefaultTransport's 90s
		}
	}
	switch {
	case o.SetPositive(ix.pass.TypesInfo, "IdleConnTimeout"):
		return IdleTimeout
	case o.Fields["IdleConnTimeout"] != nil:
		return IdleNever // an explicit zero or negative timeout
	case !o.Escaped && (o.Kind == Literal || o.Kind == Zero):
		return IdleNever
	}
	return ""
}

// closeHeld marks closed the constructions that e, an untracked
// expression (an http.RoundTripper) in the Transport field of a closed
// client, may hold.
func (p *pools) closeHeld(e ast.Expr) {
	decl := p.declAt(e.Pos())
	if decl == nil {
		return
	}
	for _, pl := range p.eval(p.funcOf(decl), e).pools {
		if o := p.ix.madeOrigin(pl.Made); o != nil {
			o.Closed = true
		}
	}
}
