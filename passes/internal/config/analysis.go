package config

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/guard"
	"github.com/connvet/connvet/passes/internal/httplib"
)

// Analyzer computes the configuration Index of a package and exports Facts
// for its package variables and functions. It reports nothing; checks
// Require it and read its Result.
var Analyzer = &analysis.Analyzer{
	Name:       "config",
	Doc:        "compute which fields of configuration structs are set (internal to connvet)",
	URL:        "https://github.com/connvet/connvet/blob/main/passes/internal/config",
	Run:        guard.Run(run),
	ResultType: reflect.TypeFor[*Index](),
	FactTypes:  []analysis.Fact{new(Fact), new(ParamFact)},
}

// A holder is a place that keeps a tracked value.
type holder struct {
	obj types.Object // *types.Var (variable, field, parameter) or *types.Func
	idx int          // result index when obj is a *types.Func
}

// callResult is result idx of one call: each call of another package's
// function makes fresh values, so each gets an origin of its own.
type callResult struct {
	call *ast.CallExpr
	idx  int
}

// An escape is a holder whose value reaches code the package cannot see;
// sendOnly when that code sees it only as a request sender (see Sender).
type escape struct {
	h        holder
	sendOnly bool
}

type fieldSet struct {
	h     holder
	field string
	value ast.Expr
}

// Index is the per-package answer. Its methods are safe to call from any
// check's Run after this Analyzer has run.
type Index struct {
	pass    *analysis.Pass
	origins map[holder][]*Origin   // origins placed directly into a holder
	edges   map[holder][]holder    // value flows from key to each element
	direct  map[ast.Expr]*Origin   // literal and new(T) origins by node
	results map[callResult]*Origin // results of calls to other packages
	pts     map[holder][]*Origin   // solved: every origin reaching a holder
	empty   bool                   // package mentions no tracked type
	pools   *pools                 // pool summaries (pool.go); nil in libraries
	// served maps a call of another package's function to the arguments
	// that function serves (its ParamFact says so).
	served map[*ast.CallExpr][]ast.Expr
}

func run(pass *analysis.Pass) (any, error) {
	ix := &Index{
		pass:    pass,
		origins: map[holder][]*Origin{},
		edges:   map[holder][]holder{},
		direct:  map[ast.Expr]*Origin{},
		results: map[callResult]*Origin{},
		served:  map[*ast.CallExpr][]ast.Expr{},
	}
	// Cheap exit: a package that imports none of the libraries declaring
	// tracked types can still mention them through other packages' exported
	// values, but then only through selectors we resolve on demand.
	if !httplib.Imports(pass.Pkg, libraryPaths...) || !mentionsTracked(pass.TypesInfo) {
		ix.empty = true
		ix.pts = map[holder][]*Origin{}
		return ix, nil
	}
	b := &builder{ix: ix, info: pass.TypesInfo, defs: map[*types.Var]ast.Expr{}, defCount: map[*types.Var]int{}, paramFacts: map[*types.Func]*ParamFact{}, calls: map[*types.Func]int{}, ifaceOut: map[*types.Var]bool{}}
	b.build(pass.Files)
	ix.solve(b.sets, b.escapes)
	if !isLibrary(pass.Pkg) {
		ix.pools = newPools(ix, pass.Files)
	}
	b.markClosed()
	if ix.pools != nil {
		ix.pools.freeze()
	}
	ix.exportFacts()
	if !isLibrary(pass.Pkg) {
		// Calls into the libraries are modelled directly; their own
		// functions need no parameter summaries.
		b.exportParamFacts()
	}
	return ix, nil
}

// mentionsTracked reports whether the package refers to a tracked type at
// all: a variable, field or parameter of one, a function returning one, or
// the type's name (literals, new). Most packages analyzed only for facts
// do not, and then the index is empty.
func mentionsTracked(info *types.Info) bool {
	for _, obj := range info.Uses {
		switch obj := obj.(type) {
		case *types.Var, *types.TypeName:
			if _, ok := TypeOf(obj.Type()); ok {
				return true
			}
		case *types.Func:
			res := obj.Signature().Results()
			for i := range res.Len() {
				if _, ok := TypeOf(res.At(i).Type()); ok {
					return true
				}
			}
		}
	}
	return false
}

// Value returns what is known of the value e denotes, or nil when e does
// not denote a tracked value. Callers must still ask Known.
func (ix *Index) Value(e ast.Expr) *Value {
	t, ok := TypeOf(ix.pass.TypesInfo.TypeOf(e))
	if !ok {
		return nil
	}
	// A frozen builder only reads: checks call Value concurrently.
	b := &builder{ix: ix, info: ix.pass.TypesInfo, frozen: true}
	h, o, ok := b.source(e)
	switch {
	case o != nil:
		return &Value{Type: t, Origins: []*Origin{o}}
	case ok:
		if pts, solved := ix.pts[h]; solved {
			return &Value{Type: t, Origins: pts}
		}
		return &Value{Type: t, Origins: ix.origins[h]}
	}
	return &Value{Type: t, Origins: []*Origin{{Kind: Unknown, Type: t, Pos: e.Pos()}}}
}

// Result returns the origin of result idx of call, a call of another
// package's function that returns a tracked type (v, err :=
// http2.ConfigureTransports(t) gives each call's result an origin of its
// own), or nil.
func (ix *Index) Result(call *ast.CallExpr, idx int) *Origin {
	return ix.results[callResult{call, idx}]
}

// Holders returns the objects that may hold o once the package has run:
// the variables (local, package, parameter) and struct fields it flows
// into, and the functions that return it (a *types.Func stands for its
// results). Checks use them to tell a value kept for the life of the
// process (a package variable, a field, a constructor's result) from one
// used inside a single call. The order is by position.
func (ix *Index) Holders(o *Origin) []types.Object {
	var out []types.Object
	for h, pts := range ix.pts {
		if h.obj != nil && slices.Contains(pts, o) && !slices.Contains(out, h.obj) {
			out = append(out, h.obj)
		}
	}
	slices.SortFunc(out, func(a, b types.Object) int { return int(a.Pos() - b.Pos()) })
	return out
}

// FieldValue returns what is known of the values kept in field, a struct
// field of a tracked type (an embedded *http.Client whose methods are
// promoted, say), or nil.
func (ix *Index) FieldValue(field *types.Var) *Value {
	t, ok := TypeOf(field.Type())
	if !ok {
		return nil
	}
	h := holder{obj: field}
	if pts, solved := ix.pts[h]; solved {
		return &Value{Type: t, Origins: pts}
	}
	return &Value{Type: t, Origins: []*Origin{{Kind: Unknown, Type: t, Pos: field.Pos()}}}
}

// SenderOrigins returns the clients this package stores, directly or
// through locals, parameters and results, in the Sender variable or field
// (an interface with no method but Do(*http.Request) (*http.Response,
// error)) that e reads. The list is not complete: values of other types
// and values set by other packages are not in it, so it says which of the
// package's own clients a request through e may use, never that e holds
// only those.
func (ix *Index) SenderOrigins(e ast.Expr) []*Origin {
	if t := ix.pass.TypesInfo.TypeOf(e); t == nil || !Sender(t) {
		return nil
	}
	b := &builder{ix: ix, info: ix.pass.TypesInfo, frozen: true}
	h, _, ok := b.source(e)
	if !ok {
		return nil
	}
	return ix.pts[h]
}

// Made returns the origins of type t that this package makes itself
// (composite literals, new(T) and zero-value declarations), in source order.
// A check that reports at the construction walks these.
func (ix *Index) Made(t Type) []*Origin {
	var out []*Origin
	for _, o := range ix.direct {
		if o != nil && o.Type == t {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b *Origin) int { return int(a.Pos - b.Pos) })
	return out
}

// Kept reports whether o outlives the function that makes it: it reaches a
// package variable, a struct field or a function result of this package.
// A value stored in another package's struct (httptest.Server's Config, a
// framework's options) is that package's to serve.
func (ix *Index) Kept(o *Origin) bool {
	for h, pts := range ix.pts {
		if !slices.Contains(pts, o) || h.obj.Pkg() != ix.pass.Pkg {
			continue
		}
		switch obj := h.obj.(type) {
		case *types.Func:
			return true
		case *types.Var:
			if obj.Kind() == types.PackageVar || obj.Kind() == types.FieldVar {
				return true
			}
		}
	}
	return false
}

// Exposed reports whether o reaches a holder that code outside the
// package can read and use: an exported package variable or struct field,
// or a result of an exported function or method. A package main exposes
// nothing.
func (ix *Index) Exposed(o *Origin) bool {
	pkg := ix.pass.Pkg
	if pkg.Name() == "main" {
		return false
	}
	for h, pts := range ix.pts {
		if h.obj.Pkg() != pkg || !h.obj.Exported() || !slices.Contains(pts, o) {
			continue
		}
		switch obj := h.obj.(type) {
		case *types.Var:
			if obj.Kind() == types.FieldVar || obj.Kind() == types.PackageVar {
				return true
			}
		case *types.Func:
			return true
		}
	}
	return false
}

// solve propagates origins along edges, then applies field assignments and
// escapes to every origin reaching the holder they name.
func (ix *Index) solve(sets []fieldSet, escapes []escape) {
	ix.pts = map[holder][]*Origin{}
	for h, os := range ix.origins {
		ix.pts[h] = append([]*Origin(nil), os...)
	}
	// Worklist: push each holder's origins along its out-edges until
	// nothing changes. Holders are few (only tracked-type ones), so the
	// quadratic membership test is cheap.
	work := make([]holder, 0, len(ix.origins))
	for h := range ix.origins {
		work = append(work, h)
	}
	for len(work) > 0 {
		h := work[len(work)-1]
		work = work[:len(work)-1]
		for _, dst := range ix.edges[h] {
			changed := false
			for _, o := range ix.pts[h] {
				if !slices.Contains(ix.pts[dst], o) {
					ix.pts[dst] = append(ix.pts[dst], o)
					changed = true
				}
			}
			if changed {
				work = append(work, dst)
			}
		}
	}
	for _, s := range sets {
		for _, o := range ix.pts[s.h] {
			o.assign(s.field, s.value)
		}
	}
	for _, e := range escapes {
		for _, o := range ix.pts[e.h] {
			o.escape(e.sendOnly)
		}
	}
}

// markClosed marks the origins whose idle connections are closed, and the
// transports of closed clients.
func (b *builder) markClosed() {
	var mark func(e ast.Expr, depth int)
	mark = func(e ast.Expr, depth int) {
		h, o, ok := b.source(e)
		var origins []*Origin
		switch {
		case o != nil:
			origins = []*Origin{o}
		case ok:
			origins = b.ix.pts[h]
		}
		for _, o := range origins {
			if b.manyMade(o) {
				continue // closes one of the pools a helper makes per call
			}
			o.Closed = true
			if t, ok := o.Fields["Transport"]; ok && t != nil && depth == 0 && o.Type.Path == "net/http" && o.Type.Name == "Client" {
				if _, tracked := TypeOf(b.info.TypeOf(t)); !tracked && b.ix.pools != nil {
					// An http.RoundTripper: the transports it may hold,
					// through locals, helpers and wrappers.
					b.ix.pools.closeHeld(t)
					continue
				}
				mark(t, depth+1)
			}
		}
	}
	for _, e := range b.closes {
		mark(e, 0)
	}
}

// manyMade reports whether o is made by a function of this package that
// returns it and that the package calls more than once: each call makes
// a pool of its own, and closing one of them does not close the others.
func (b *builder) manyMade(o *Origin) bool {
	for h, pts := range b.ix.pts {
		if fn, ok := h.obj.(*types.Func); ok && fn.Pkg() == b.ix.pass.Pkg && b.calls[fn] > 1 && slices.Contains(pts, o) {
			return true
		}
	}
	return false
}

// exportFacts summarizes package variables and function results of
// tracked types for importing packages.
func (ix *Index) exportFacts() {
	scope := ix.pass.Pkg.Scope()
	export := func(obj types.Object, values []FactValue) {
		if slices.ContainsFunc(values, func(v FactValue) bool { return v.Type != "" || v.Pool != "" || v.Wraps > 0 }) {
			ix.pass.ExportObjectFact(obj, &Fact{Values: values})
		}
	}
	summary := func(h holder, t Type) FactValue {
		return summarize(&Value{Type: t, Origins: ix.pts[h]})
	}
	funcFact := func(fn *types.Func) {
		res := fn.Signature().Results()
		values := make([]FactValue, res.Len())
		for i := range res.Len() {
			if t, ok := TypeOf(res.At(i).Type()); ok {
				values[i] = summary(holder{fn, i}, t)
			}
		}
		if ix.pools != nil {
			values = ix.pools.factValues(fn, values)
		}
		export(fn, values)
	}
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Var:
			if t, ok := TypeOf(obj.Type()); ok {
				export(obj, []FactValue{summary(holder{obj: obj}, t)})
			}
		case *types.Func:
			funcFact(obj)
		case *types.TypeName:
			if named, ok := types.Unalias(obj.Type()).(*types.Named); ok && !obj.IsAlias() {
				for m := range named.Methods() {
					funcFact(m)
				}
			}
		}
	}
}

// builder walks a package once and records origins, flows, field
// assignments and escapes.
type builder struct {
	ix      *Index
	info    *types.Info
	sets    []fieldSet
	escapes []escape
	closes  []ast.Expr // receivers of CloseIdleConnections calls
	frozen  bool       // resolve only; record nothing (used after solving)
	// serves are the holders served on an address or listener not proven
	// local: receivers of serve methods, arguments of other packages'
	// functions that serve them.
	serves []holder
	// defs and defCount give the single definition of a local variable
	// (for a tuple assignment, the call of its first result).
	defs       map[*types.Var]ast.Expr
	defCount   map[*types.Var]int
	paramFacts map[*types.Func]*ParamFact // imported, nil when absent
	calls      map[*types.Func]int        // calls of the package's functions
	// ifaceSinks are transports stored in interface-typed variables and
	// fields of this package (ifaceVar); ifaceOut are those variables
	// whose value may leave (ifaceUse).
	ifaceSinks []ifaceSink
	ifaceOut   map[*types.Var]bool
}

// build walks the files once. It does not use the shared inspector on
// purpose: this analyzer declares facts, so it runs on every dependency of
// the packages under analysis, and most of them hold no tracked value;
// building an inspector for each would cost more than this walk.
func (b *builder) build(files []*ast.File) {
	var stack []ast.Node
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			b.visit(n, stack)
			stack = append(stack, n)
			return true
		})
	}
	// A transport kept behind an interface escapes only when the
	// interface value may leave.
	for _, s := range b.ifaceSinks {
		if b.ifaceOut[s.v] {
			b.sink(s.value, s.v.Type())
		}
	}
	// Every tracked variable, field and result the package mentions gets
	// solved, so that Value can answer without writing.
	for _, obj := range b.info.Uses {
		if v, ok := obj.(*types.Var); ok && b.tracked(v.Type()) {
			b.seed(holder{obj: v})
		}
	}
}

// visit records what node n contributes; stack holds its ancestors.
func (b *builder) visit(n ast.Node, stack []ast.Node) {
	switch n := n.(type) {
	case *ast.FuncDecl:
		b.funcDecl(n)
	case *ast.FuncLit:
		// A literal called where it is written (go func(s *http.Server)
		// {...}(srv)) receives exactly the call's arguments.
		b.params(n.Type, !calledInPlace(n, stack))
	case *ast.RangeStmt:
		// Range variables hold elements of a collection we do not model.
		for _, e := range []ast.Expr{n.Key, n.Value} {
			if id, ok := e.(*ast.Ident); ok && n.Tok == token.DEFINE {
				if v, ok := b.info.Defs[id].(*types.Var); ok && b.tracked(v.Type()) {
					b.unknown(holder{obj: v}, id.Pos())
				}
			}
		}
	case *ast.AssignStmt:
		b.recordDefs(n)
		b.assign(n.Lhs, n.Rhs)
	case *ast.ValueSpec:
		b.valueSpec(n)
	case *ast.ReturnStmt:
		b.ret(enclosingFunc(stack), n)
	case *ast.CallExpr:
		b.call(n)
	case *ast.CompositeLit:
		b.compositeElems(n)
	case *ast.SendStmt:
		b.flow(n.Value, nil)
	case *ast.SelectorExpr:
		b.serveMethodValue(n, stack)
	case *ast.Ident:
		b.ifaceUse(n, stack)
	}
}

// calledInPlace reports whether lit is the function of the call that
// encloses it: func(...){...}(args), also after go or defer.
func calledInPlace(lit *ast.FuncLit, stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
			continue
		case *ast.CallExpr:
			return ast.Unparen(p.Fun) == lit
		}
		return false
	}
	return false
}

// enclosingFunc returns the innermost *ast.FuncDecl or *ast.FuncLit.
func enclosingFunc(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return stack[i]
		}
	}
	return nil
}

func (b *builder) funcDecl(n *ast.FuncDecl) {
	fn, _ := b.info.Defs[n.Name].(*types.Func)
	if fn == nil {
		return
	}
	// Parameters receive the arguments of the calls this package shows;
	// callers it cannot see exist for exported functions of importable
	// packages and for every method (interfaces).
	open := n.Recv != nil || (fn.Exported() && b.ix.pass.Pkg.Name() != "main")
	b.params(n.Type, open)
	// Named results flow to the function's results (bare returns).
	if n.Type.Results == nil {
		return
	}
	i := 0
	for _, field := range n.Type.Results.List {
		for _, name := range field.Names {
			if v, ok := b.info.Defs[name].(*types.Var); ok && b.tracked(v.Type()) {
				b.edge(holder{obj: v}, holder{fn, i})
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
}

func (b *builder) tracked(t types.Type) bool {
	_, ok := TypeOf(t)
	return ok
}

func (b *builder) edge(from, to holder) {
	if from == to {
		return
	}
	if !slices.Contains(b.ix.edges[from], to) {
		b.ix.edges[from] = append(b.ix.edges[from], to)
	}
	// Make sure both ends are solved even when they have no origins.
	b.seed(from)
	b.seed(to)
}

func (b *builder) add(h holder, o *Origin) {
	b.seed(h)
	b.ix.origins[h] = append(b.ix.origins[h], o)
}

func (b *builder) unknown(h holder, pos token.Pos) {
	t, _ := TypeOf(h.obj.Type())
	b.add(h, &Origin{Kind: Unknown, Type: t, Pos: pos})
}

// params gives open parameters of tracked types an unknown origin.
func (b *builder) params(ft *ast.FuncType, open bool) {
	if ft.Params == nil {
		return
	}
	for i, field := range ft.Params.List {
		variadic := i == len(ft.Params.List)-1 && isEllipsis(field.Type)
		for _, name := range field.Names {
			if v, ok := b.info.Defs[name].(*types.Var); ok && b.tracked(v.Type()) {
				b.seed(holder{obj: v})
				if open || variadic {
					b.unknown(holder{obj: v}, name.Pos())
				}
			}
		}
	}
}

func isEllipsis(e ast.Expr) bool {
	_, ok := e.(*ast.Ellipsis)
	return ok
}

// seed gives a holder its initial origins: imported facts for other
// packages' variables and functions, unknown for fields others may set.
func (b *builder) seed(h holder) {
	if _, ok := b.ix.origins[h]; ok || b.frozen {
		return
	}
	b.ix.origins[h] = nil
	pkg := b.ix.pass.Pkg
	obj := h.obj
	if obj.Pkg() != pkg {
		var t types.Type
		switch obj := obj.(type) {
		case *types.Func:
			if res := obj.Signature().Results(); h.idx < res.Len() {
				t = res.At(h.idx).Type()
			}
		default:
			t = obj.Type()
		}
		tt, _ := TypeOf(t)
		var fact Fact
		if (obj.Pkg().Scope().Lookup(obj.Name()) == obj || isMethod(obj)) && b.ix.pass.ImportObjectFact(obj, &fact) && h.idx < len(fact.Values) && fact.Values[h.idx].Type == tt.String() {
			b.ix.origins[h] = []*Origin{fact.Values[h.idx].origin(tt, obj.Pos())}
		} else {
			b.ix.origins[h] = []*Origin{{Kind: Unknown, Type: tt, Pos: obj.Pos()}}
		}
		return
	}
	v, ok := obj.(*types.Var)
	if !ok || v.Kind() != types.FieldVar || !b.tracked(v.Type()) {
		return // a Sender field holds only what the package stores in it
	}
	tt, _ := TypeOf(v.Type())
	switch {
	case v.Exported() && pkg.Name() != "main":
		// Exported fields in importable packages can be set by code we
		// cannot see.
		b.ix.origins[h] = []*Origin{{Kind: Unknown, Type: tt, Pos: v.Pos()}}
	case !isPointer(v.Type()):
		// A struct value field starts as the zero value in every struct
		// that holds it, and only this package can set it.
		b.ix.origins[h] = []*Origin{{Kind: Zero, Type: tt, Pos: v.Pos()}}
	}
}

func isMethod(obj types.Object) bool {
	fn, ok := obj.(*types.Func)
	return ok && fn.Signature().Recv() != nil
}

// source resolves e to the holder it reads or the origin it makes. ok is
// false when e is neither (a value from somewhere unmodelled).
func (b *builder) source(e ast.Expr) (h holder, o *Origin, ok bool) {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return b.source(e.X)
		}
	case *ast.StarExpr:
		return b.source(e.X)
	case *ast.CompositeLit:
		if t, ok := TypeOf(b.info.TypeOf(e)); ok {
			return holder{}, b.literal(e, t), false
		}
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && len(e.Args) == 1 {
			if bi, ok := b.info.Uses[id].(*types.Builtin); ok && bi.Name() == "new" {
				if t, ok := TypeOf(b.info.TypeOf(e)); ok {
					return holder{}, b.zero(e, t), false
				}
			}
		}
		if fn := typeutil.StaticCallee(b.info, e); fn != nil {
			fn = fn.Origin()
			if fn.Signature().Results().Len() == 1 {
				if fn.Pkg() != b.ix.pass.Pkg {
					return holder{}, b.result(e, fn, 0), false
				}
				return holder{fn, 0}, nil, true
			}
		}
	case *ast.Ident:
		if v, ok := b.info.Uses[e].(*types.Var); ok {
			return holder{obj: v}, nil, true
		}
		if v, ok := b.info.Defs[e].(*types.Var); ok {
			return holder{obj: v}, nil, true
		}
	case *ast.SelectorExpr:
		if sel, ok := b.info.Selections[e]; ok {
			if sel.Kind() == types.FieldVal {
				return holder{obj: sel.Obj()}, nil, true
			}
			return holder{}, nil, false
		}
		// A qualified identifier: pkg.Var.
		if v, ok := b.info.Uses[e.Sel].(*types.Var); ok {
			if t, ok := sharedDefault(v); ok {
				return holder{}, b.shared(e, t), false
			}
			return holder{obj: v}, nil, true
		}
	}
	return holder{}, nil, false
}

func (b *builder) literal(lit *ast.CompositeLit, t Type) *Origin {
	if o, ok := b.ix.direct[lit]; ok || b.frozen {
		return o
	}
	o := &Origin{Kind: Literal, Type: t, Pos: lit.Pos(), Lit: lit}
	st, _ := b.info.TypeOf(lit).Underlying().(*types.Struct)
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				o.set(id.Name, kv.Value)
			}
		} else if st != nil && i < st.NumFields() {
			o.set(st.Field(i).Name(), elt)
		}
	}
	b.ix.direct[lit] = o
	return o
}

// result returns the origin of result idx of a call to fn, a function of
// another package, made from fn's fact.
func (b *builder) result(call *ast.CallExpr, fn *types.Func, idx int) *Origin {
	key := callResult{call, idx}
	if o, ok := b.ix.results[key]; ok || b.frozen {
		return o
	}
	t, _ := TypeOf(fn.Signature().Results().At(idx).Type())
	o := &Origin{Kind: Unknown, Type: t, Pos: call.Pos()}
	var fact Fact
	if b.ix.pass.ImportObjectFact(fn, &fact) && idx < len(fact.Values) && fact.Values[idx].Type == t.String() {
		o = fact.Values[idx].origin(t, call.Pos())
	}
	o.Call = call
	b.ix.results[key] = o
	return o
}

// sharedDefault reports whether v is a library's shared default value
// whose fields the library never sets: http.DefaultClient.
func sharedDefault(v *types.Var) (Type, bool) {
	if v.Pkg() == nil || v.Pkg().Path() != "net/http" || v.Name() != "DefaultClient" || v.Kind() != types.PackageVar {
		return Type{}, false
	}
	return Type{"net/http", "Client"}, true
}

// shared returns the origin of one read of a shared default.
func (b *builder) shared(e ast.Expr, t Type) *Origin {
	if o, ok := b.ix.direct[e]; ok || b.frozen {
		return o
	}
	o := &Origin{Kind: Shared, Type: t, Pos: e.Pos(), Read: e}
	b.ix.direct[e] = o
	return o
}

func (b *builder) zero(e ast.Expr, t Type) *Origin {
	if o, ok := b.ix.direct[e]; ok || b.frozen {
		return o
	}
	o := &Origin{Kind: Zero, Type: t, Pos: e.Pos()}
	b.ix.direct[e] = o
	return o
}

// flow records that the value of src is stored in dst; a nil dst is a
// store the analysis cannot follow, which is an escape for pointers.
func (b *builder) flow(src ast.Expr, dst *holder) { b.flowTo(src, dst, false) }

// sink records that the value of src is stored where the analysis cannot
// follow it, into a place of type sinkType (a parameter of another
// package's function, a field or variable of an untracked type): an
// escape for pointers, which only sends requests when sinkType is a
// Sender interface.
func (b *builder) sink(src ast.Expr, sinkType types.Type) {
	b.flowTo(src, nil, sinkType != nil && Sender(sinkType))
}

func (b *builder) flowTo(src ast.Expr, dst *holder, sendOnly bool) {
	t := b.info.TypeOf(src)
	if !b.tracked(t) {
		if t != nil && Sender(t) {
			b.flowSender(src, dst, sendOnly)
		}
		return
	}
	h, o, ok := b.source(src)
	if dst == nil {
		if !isPointer(t) && !isAddr(src) {
			return // a copy: the original cannot be configured through it
		}
		switch {
		case o != nil:
			o.escape(sendOnly)
		case ok:
			b.seed(h)
			b.escapes = append(b.escapes, escape{h, sendOnly})
		}
		return
	}
	switch {
	case o != nil:
		b.add(*dst, o)
	case ok:
		b.edge(h, *dst)
	default:
		b.unknown(*dst, src.Pos())
	}
}

// senderHolder reports whether obj is a variable or field of this package
// whose type is a Sender interface.
func (b *builder) senderHolder(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && v.Pkg() == b.ix.pass.Pkg && Sender(v.Type())
}

// keepSender records that src, a client or a Sender, is stored in dst when
// dst is a Sender variable or field of this package (type Client struct{
// http Doer }): the clients it may hold are followed there, so that a
// request sent through it finds them (SenderOrigins). The store stays an
// escape for the client's own origins (sink): it is seen only as a Sender
// from there on.
func (b *builder) keepSender(src ast.Expr, dst types.Object) {
	if dst == nil || !b.senderHolder(dst) {
		return
	}
	t := b.info.TypeOf(src)
	if t == nil || (!b.tracked(t) && !Sender(t)) {
		return
	}
	to := holder{obj: dst}
	switch h, o, ok := b.source(src); {
	case o != nil:
		b.add(to, o)
	case ok:
		b.edge(h, to)
	}
}

// flowSender moves a Sender value (an interface that only sends) from
// holder to holder; one handed to code the package cannot follow escapes,
// only as a Sender when the code takes it as one.
func (b *builder) flowSender(src ast.Expr, dst *holder, sendOnly bool) {
	h, _, ok := b.source(src)
	if !ok {
		return
	}
	if dst == nil {
		b.seed(h)
		b.escapes = append(b.escapes, escape{h, sendOnly})
		return
	}
	b.edge(h, *dst)
}

func isAddr(e ast.Expr) bool {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	return ok && u.Op == token.AND
}

// target resolves an assignment's left side to the holder it writes, or
// nil; it also records field assignments h.F = value.
func (b *builder) target(lhs, value ast.Expr) *holder {
	lhs = ast.Unparen(lhs)
	if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
		return nil
	}
	// h.F = value, possibly deeper: h.F.G = value sets F on h. This holds
	// when F is itself tracked (t.HTTP2 = &http.HTTP2Config{...} sets HTTP2
	// on t, and the config value then flows into the field's holder).
	b.fieldSets(lhs, value)
	if b.tracked(b.info.TypeOf(lhs)) {
		if h, _, ok := b.source(lhs); ok {
			return &h
		}
	}
	return nil
}

// fieldSets records h.F = value for every tracked h along the selector
// chain lhs.
func (b *builder) fieldSets(lhs, value ast.Expr) {
	for e := lhs; ; {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			break
		}
		if s, ok := b.info.Selections[sel]; ok && s.Kind() == types.FieldVal && b.tracked(b.info.TypeOf(sel.X)) {
			if h, o, ok := b.source(sel.X); o != nil {
				o.assign(sel.Sel.Name, value)
			} else if ok {
				b.seed(h)
				b.sets = append(b.sets, fieldSet{h, sel.Sel.Name, value})
			}
		}
		e = sel.X
	}
}

func (b *builder) assign(lhs, rhs []ast.Expr) {
	if len(lhs) == len(rhs) {
		for i := range lhs {
			if dst := b.target(lhs[i], rhs[i]); dst != nil {
				b.flow(rhs[i], dst)
			} else if id, ok := ast.Unparen(lhs[i]).(*ast.Ident); ok && id.Name == "_" {
				b.flow(rhs[i], nil)
			} else if v := b.ifaceHolder(lhs[i]); v != nil && b.transport(rhs[i]) {
				b.ifaceSinks = append(b.ifaceSinks, ifaceSink{rhs[i], v})
			} else {
				b.sink(rhs[i], b.info.TypeOf(lhs[i]))
				if h, _, ok := b.source(lhs[i]); ok {
					b.keepSender(rhs[i], h.obj)
				}
			}
		}
		return
	}
	// v1, v2 := f() and v, ok := x.(T), m[k], <-ch.
	var fn *types.Func
	if len(rhs) == 1 {
		if call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok {
			fn = typeutil.StaticCallee(b.info, call)
		}
	}
	for i, l := range lhs {
		dst := b.target(l, nil)
		if dst == nil {
			// d, err := newDoer(): a Sender kept from a function of
			// this package.
			if h, _, ok := b.source(l); ok && fn != nil && fn.Origin().Pkg() == b.ix.pass.Pkg && b.senderHolder(h.obj) {
				b.edge(holder{fn.Origin(), i}, h)
			}
			continue
		}
		switch {
		case fn != nil && fn.Origin().Pkg() != b.ix.pass.Pkg:
			b.add(*dst, b.result(ast.Unparen(rhs[0]).(*ast.CallExpr), fn.Origin(), i))
		case fn != nil:
			b.edge(holder{fn.Origin(), i}, *dst)
		default:
			b.unknown(*dst, l.Pos())
		}
	}
}

func (b *builder) valueSpec(spec *ast.ValueSpec) {
	if len(spec.Values) == 0 {
		// var s http.Server: a zero value, configured later or never.
		for _, name := range spec.Names {
			v, ok := b.info.Defs[name].(*types.Var)
			if !ok {
				continue
			}
			if t, ok := TypeOf(v.Type()); ok && !isPointer(v.Type()) {
				b.add(holder{obj: v}, b.zero(name, t))
			}
		}
		return
	}
	lhs := make([]ast.Expr, len(spec.Names))
	for i, n := range spec.Names {
		lhs[i] = n
	}
	b.assign(lhs, spec.Values)
}

func (b *builder) ret(enclosing ast.Node, ret *ast.ReturnStmt) {
	var fn *types.Func
	if decl, ok := enclosing.(*ast.FuncDecl); ok {
		fn, _ = b.info.Defs[decl.Name].(*types.Func)
	}
	if len(ret.Results) == 1 && fn != nil && fn.Signature().Results().Len() > 1 {
		// return f(): results flow pairwise from f's results.
		if call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr); ok {
			if callee := typeutil.StaticCallee(b.info, call); callee != nil {
				for i := range fn.Signature().Results().Len() {
					switch {
					case !b.tracked(fn.Signature().Results().At(i).Type()):
					case callee.Origin().Pkg() != b.ix.pass.Pkg:
						b.add(holder{fn, i}, b.result(call, callee.Origin(), i))
					default:
						b.edge(holder{callee.Origin(), i}, holder{fn, i})
					}
				}
			}
		}
		return
	}
	for i, r := range ret.Results {
		if fn == nil {
			b.flow(r, nil) // returned from a closure: not followed
			continue
		}
		b.flow(r, &holder{fn, i})
	}
}

// call routes arguments to parameters of functions the package declares
// and treats arguments to anything else as escapes.
func (b *builder) call(call *ast.CallExpr) {
	b.source(call) // registers new(T) origins
	b.serveCall(call)
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "CloseIdleConnections" {
		if s, ok := b.info.Selections[sel]; ok && s.Kind() == types.MethodVal && b.tracked(s.Recv()) && isLibrary(s.Obj().Pkg()) {
			b.closes = append(b.closes, sel.X)
		}
	}
	if fn := typeutil.StaticCallee(b.info, call); fn != nil {
		if fn.Origin().Pkg() == b.ix.pass.Pkg && b.calls != nil {
			b.calls[fn.Origin()]++
		}
		res := fn.Origin().Signature().Results()
		for i := range res.Len() {
			switch {
			case !b.tracked(res.At(i).Type()):
			case fn.Origin().Pkg() != b.ix.pass.Pkg:
				b.result(call, fn.Origin(), i)
			default:
				b.seed(holder{fn.Origin(), i})
			}
		}
	}
	if tv, ok := b.info.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
		if tv.IsBuiltin() {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "append" {
				for _, a := range call.Args[1:] {
					b.flow(a, nil)
				}
			}
		}
		return // conversions and builtins do not configure values
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok && call.Ellipsis == token.NoPos {
		// Arguments of a literal called in place flow to its parameters.
		for i, arg := range call.Args {
			if p := litParam(b.info, lit, i); p != nil {
				b.flow(arg, &holder{obj: p})
			} else {
				b.flow(arg, nil)
			}
		}
		return
	}
	fn := typeutil.StaticCallee(b.info, call)
	if fn != nil {
		fn = fn.Origin()
	}
	for i, arg := range call.Args {
		switch {
		case fn != nil && fn.Pkg() == b.ix.pass.Pkg && call.Ellipsis == token.NoPos:
			if p := param(fn, i); p != nil {
				b.flow(arg, &holder{obj: p})
				continue
			}
			b.flow(arg, nil)
		case fn != nil && isLibrary(fn.Pkg()):
			// The library uses values; it does not configure the caller's.
		default:
			if p, ok := b.paramSummary(fn, i, call); ok {
				b.applyParam(call, arg, p)
				continue
			}
			b.sink(arg, paramType(b.info, call, i))
		}
	}
}

// paramType returns the type of the parameter that the i'th argument of
// call is passed to, or nil.
func paramType(info *types.Info, call *ast.CallExpr, i int) types.Type {
	t := info.TypeOf(call.Fun)
	if t == nil {
		return nil
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return nil
	}
	params := sig.Params()
	if sig.Variadic() && i >= params.Len()-1 {
		if call.Ellipsis.IsValid() || params.Len() == 0 {
			return nil
		}
		s, ok := params.At(params.Len() - 1).Type().Underlying().(*types.Slice)
		if !ok {
			return nil
		}
		return s.Elem()
	}
	if i < params.Len() {
		return params.At(i).Type()
	}
	return nil
}

// litParam returns the i'th parameter of a function literal, or nil.
func litParam(info *types.Info, lit *ast.FuncLit, i int) *types.Var {
	if lit.Type.Params == nil {
		return nil
	}
	n := 0
	for _, f := range lit.Type.Params.List {
		if _, variadic := f.Type.(*ast.Ellipsis); variadic {
			return nil
		}
		for _, name := range f.Names {
			if n == i {
				v, _ := info.Defs[name].(*types.Var)
				return v
			}
			n++
		}
		if len(f.Names) == 0 {
			n++
		}
	}
	return nil
}

// param returns fn's i'th parameter, or nil for variadic positions.
func param(fn *types.Func, i int) *types.Var {
	params := fn.Signature().Params()
	if fn.Signature().Variadic() && i >= params.Len()-1 {
		return nil
	}
	if i < params.Len() {
		return params.At(i)
	}
	return nil
}

// compositeElems routes struct literal fields to field holders; elements
// of slices, maps and arrays escape.
func (b *builder) compositeElems(lit *ast.CompositeLit) {
	t := b.info.TypeOf(lit)
	if t == nil {
		return
	}
	if tt, ok := TypeOf(t); ok {
		b.literal(lit, tt)
	}
	st, isStruct := t.Underlying().(*types.Struct)
	named, _ := types.Unalias(t).(*types.Named)
	libraryStruct := named != nil && isLibrary(named.Obj().Pkg())
	for i, elt := range lit.Elts {
		if !isStruct {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				b.flow(kv.Key, nil)
				elt = kv.Value
			}
			b.flow(elt, nil)
			continue
		}
		var field *types.Var
		value := elt
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			value = kv.Value
			if id, ok := kv.Key.(*ast.Ident); ok {
				field, _ = b.info.Uses[id].(*types.Var)
			}
		} else if i < st.NumFields() {
			field = st.Field(i)
		}
		switch {
		case field != nil && b.tracked(field.Type()):
			b.flow(value, &holder{obj: field})
		case libraryStruct:
			// A library struct keeps the value; it does not configure it.
		case field != nil && b.transport(value) && b.ifaceVar(field):
			b.ifaceSinks = append(b.ifaceSinks, ifaceSink{value, field})
		case field != nil:
			b.sink(value, field.Type())
			b.keepSender(value, field)
		default:
			b.flow(value, nil)
		}
	}
}

// recordDefs counts the definitions of local variables, keeping the value
// of each: the right-hand side, or the call whose first result it is.
func (b *builder) recordDefs(as *ast.AssignStmt) {
	for i, l := range as.Lhs {
		id, ok := ast.Unparen(l).(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := b.info.ObjectOf(id).(*types.Var)
		if !ok || v.Kind() != types.LocalVar {
			continue
		}
		b.defCount[v]++
		switch {
		case len(as.Rhs) == len(as.Lhs):
			b.defs[v] = as.Rhs[i]
		case i == 0 && len(as.Rhs) == 1:
			b.defs[v] = as.Rhs[0]
		default:
			b.defs[v] = nil
		}
	}
}

// serveMethod reports whether sel selects a serve method of a tracked
// server (http.Server.ListenAndServe, fasthttp.Server.Serve, ...).
func (b *builder) serveMethod(sel *ast.SelectorExpr) (*types.Func, bool) {
	s, ok := b.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || !serveMethods[s.Obj().Name()] || !isLibrary(s.Obj().Pkg()) {
		return nil, false
	}
	t, ok := TypeOf(s.Recv())
	if !ok || t.Name != "Server" {
		return nil, false
	}
	fn, ok := s.Obj().(*types.Func)
	return fn, ok
}

// serveCall records a serve method called on a tracked server, unless it
// serves a unix socket or a listener proven local.
func (b *builder) serveCall(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	fn, ok := b.serveMethod(sel)
	if !ok || strings.HasSuffix(fn.Name(), "UNIX") {
		return
	}
	if strings.HasPrefix(fn.Name(), "Serve") && len(call.Args) > 0 && b.localListener(call.Args[0]) {
		return
	}
	b.served(sel.X)
}

// serveMethodValue records a serve method taken as a value
// (g.Go(srv.ListenAndServe)): it is called out of sight.
func (b *builder) serveMethodValue(sel *ast.SelectorExpr, stack []ast.Node) {
	if len(stack) > 0 {
		if call, ok := stack[len(stack)-1].(*ast.CallExpr); ok && ast.Unparen(call.Fun) == sel {
			return // a call: serveCall sees it
		}
	}
	if fn, ok := b.serveMethod(sel); ok && !strings.HasSuffix(fn.Name(), "UNIX") {
		b.served(sel.X)
	}
}

// served records that the value of e is served.
func (b *builder) served(e ast.Expr) {
	if h, _, ok := b.source(e); ok {
		b.serves = append(b.serves, h)
	}
}

// localListener reports whether ln is proven to serve only this machine or
// this process: a concrete listener type other than package net's TCP
// listener (in-memory listeners, test fakes, unix listeners), or
// net.Listen / tls.Listen on a unix network or a loopback address, in the
// call or through a local defined once.
func (b *builder) localListener(ln ast.Expr) bool {
	ln = ast.Unparen(ln)
	if concreteLocalListener(b.info.TypeOf(ln)) {
		return true
	}
	if id, ok := ln.(*ast.Ident); ok {
		v, ok := b.info.Uses[id].(*types.Var)
		if !ok || v.Kind() != types.LocalVar || b.defCount[v] != 1 || b.defs[v] == nil {
			return false
		}
		ln = ast.Unparen(b.defs[v])
	}
	call, ok := ln.(*ast.CallExpr)
	if !ok {
		return false
	}
	if tv, ok := b.info.Types[call]; ok {
		t := tv.Type
		if tuple, ok := t.(*types.Tuple); ok && tuple.Len() > 0 {
			t = tuple.At(0).Type()
		}
		if concreteLocalListener(t) {
			return true
		}
	}
	switch fn := typeutil.StaticCallee(b.info, call); {
	case httplib.IsFunc(fn, "net", "", "Listen"), httplib.IsFunc(fn, "crypto/tls", "", "Listen"):
		if len(call.Args) < 2 {
			return false
		}
		if network, ok := httplib.ConstString(b.info, call.Args[0]); ok && strings.HasPrefix(network, "unix") {
			return true
		}
		return httplib.LoopbackHost(b.info, call.Args[1])
	case httplib.IsFunc(fn, "net", "", "ListenUnix"):
		return true
	}
	return false
}

// concreteLocalListener reports whether t is a concrete listener type
// other than package net's TCP listener.
func concreteLocalListener(t types.Type) bool {
	if t == nil || types.IsInterface(t) {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	if obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, named.Obj().Pkg(), "Accept"); obj == nil {
		return false // not a listener
	}
	switch named.Obj().Pkg().Path() {
	case "net", "crypto/tls":
		return named.Obj().Name() == "UnixListener"
	}
	return true
}

// paramSummary returns what fn, a function of another package, does with
// its parameter i according to its ParamFact.
func (b *builder) paramSummary(fn *types.Func, i int, call *ast.CallExpr) (ParamSummary, bool) {
	if fn == nil || fn.Pkg() == nil || fn.Pkg() == b.ix.pass.Pkg || call.Ellipsis.IsValid() || b.frozen {
		return ParamSummary{}, false
	}
	f, seen := b.paramFacts[fn]
	if !seen {
		f = new(ParamFact)
		if !b.ix.pass.ImportObjectFact(fn, f) {
			f = nil
		}
		b.paramFacts[fn] = f
	}
	if f == nil {
		return ParamSummary{}, false
	}
	for _, p := range f.Params {
		if p.Index == i {
			return p, true
		}
	}
	return ParamSummary{}, false
}

// applyParam applies a callee's summary to the argument it receives: the
// fields it sets are set on the argument's value, and a served argument is
// served here.
func (b *builder) applyParam(call *ast.CallExpr, arg ast.Expr, p ParamSummary) {
	t, ok := TypeOf(b.info.TypeOf(arg))
	if !ok || t.String() != p.Type {
		b.flow(arg, nil)
		return
	}
	h, o, ok := b.source(arg)
	for _, f := range p.Fields {
		switch {
		case o != nil:
			o.assign(f, nil)
		case ok:
			b.seed(h)
			b.sets = append(b.sets, fieldSet{h, f, nil})
		}
	}
	if p.Served {
		b.ix.served[call] = append(b.ix.served[call], arg)
		if ok {
			b.serves = append(b.serves, h)
		}
	}
}

// ServedArgs returns the arguments of call, a call of another package's
// function, that the function serves (its ParamFact says so): a server
// handed to a helper such as a toolkit's ListenAndServe(srv, flags).
func (ix *Index) ServedArgs(call *ast.CallExpr) []ast.Expr {
	return ix.served[call]
}

// exportParamFacts exports a ParamFact for every function of the package
// with a pointer parameter of a tracked type that does not escape: the
// fields set on it and whether it is served, following the flow from the
// parameter to every holder it reaches.
func (b *builder) exportParamFacts() {
	ix := b.ix
	pkg := ix.pass.Pkg
	escaped := map[holder]bool{}
	for _, h := range b.escapes {
		escaped[h.h] = true
	}
	served := map[holder]bool{}
	for _, h := range b.serves {
		served[h] = true
	}
	setsOn := map[holder][]string{}
	for _, s := range b.sets {
		setsOn[s.h] = append(setsOn[s.h], s.field)
	}
	// leaks reports whether a value in h may be reached by code this
	// package does not show: a result goes back to the caller, exported
	// variables and fields are others' to use, and other packages' holders
	// are theirs.
	leaks := func(h holder) bool {
		if h.obj == nil || h.obj.Pkg() != pkg {
			return true
		}
		switch obj := h.obj.(type) {
		case *types.Func:
			return true
		case *types.Var:
			switch obj.Kind() {
			case types.PackageVar, types.FieldVar:
				return obj.Exported() && pkg.Name() != "main"
			}
		}
		return false
	}
	summarizeParam := func(v *types.Var, i int) (ParamSummary, bool) {
		if !isPointer(v.Type()) {
			return ParamSummary{}, false
		}
		t, ok := TypeOf(v.Type())
		if !ok {
			return ParamSummary{}, false
		}
		p := ParamSummary{Index: i, Type: t.String()}
		fields := map[string]bool{}
		seen := map[holder]bool{}
		work := []holder{{obj: v}}
		for len(work) > 0 {
			h := work[len(work)-1]
			work = work[:len(work)-1]
			if seen[h] {
				continue
			}
			seen[h] = true
			if escaped[h] || leaks(h) {
				return ParamSummary{}, false
			}
			for _, f := range setsOn[h] {
				fields[f] = true
			}
			if served[h] {
				p.Served = true
			}
			work = append(work, ix.edges[h]...)
		}
		p.Fields = slices.Sorted(maps.Keys(fields))
		return p, true
	}
	export := func(fn *types.Func) {
		sig := fn.Signature()
		var f ParamFact
		for i := range sig.Params().Len() {
			if sig.Variadic() && i == sig.Params().Len()-1 {
				continue
			}
			if p, ok := summarizeParam(sig.Params().At(i), i); ok {
				f.Params = append(f.Params, p)
			}
		}
		if len(f.Params) > 0 {
			ix.pass.ExportObjectFact(fn, &f)
		}
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Func:
			export(obj)
		case *types.TypeName:
			if named, ok := types.Unalias(obj.Type()).(*types.Named); ok && !obj.IsAlias() {
				for m := range named.Methods() {
					export(m)
				}
			}
		}
	}
}

// Transports behind interfaces. An *http.Transport stored in a variable
// or field of this package whose type is an interface (an
// http.RoundTripper field, a RoundTripper local) stays configurable only
// through type assertions: it has escaped only when the interface value
// itself may leave. A use of such a variable keeps it when it is a method
// call or method value on it (RoundTrip), a write to it, a comparison,
// or the Transport of an http.Client (a library struct, which keeps the
// value and does not configure it). Any other use (returned, handed to a
// function, asserted back to a concrete type, copied) lets it leave, and
// the transports stored in it escape as before.

type ifaceSink struct {
	value ast.Expr
	v     *types.Var
}

// transport reports whether e is an *http.Transport.
func (b *builder) transport(e ast.Expr) bool {
	t, ok := TypeOf(b.info.TypeOf(e))
	return ok && t == Type{"net/http", "Transport"} && isPointer(b.info.TypeOf(e))
}

// ifaceVar reports whether v is a variable or field of this package of
// an interface type that no other package can read: a local, or an
// unexported field or package variable (any, in package main).
func (b *builder) ifaceVar(v *types.Var) bool {
	if v == nil || v.Pkg() != b.ix.pass.Pkg || !types.IsInterface(v.Type()) {
		return false
	}
	switch v.Kind() {
	case types.LocalVar:
		return true
	case types.FieldVar, types.PackageVar:
		return !v.Exported() || b.ix.pass.Pkg.Name() == "main"
	}
	return false
}

// ifaceHolder returns the variable an assignment's left side writes when
// it is an ifaceVar: v = x, or s.f = x.
func (b *builder) ifaceHolder(lhs ast.Expr) *types.Var {
	var v *types.Var
	switch l := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		v, _ = b.info.ObjectOf(l).(*types.Var)
	case *ast.SelectorExpr:
		if s, ok := b.info.Selections[l]; ok && s.Kind() == types.FieldVal {
			v, _ = s.Obj().(*types.Var)
		} else if !ok {
			v, _ = b.info.Uses[l.Sel].(*types.Var)
		}
	}
	if !b.ifaceVar(v) {
		return nil
	}
	return v
}

// ifaceUse records in ifaceOut an ifaceVar whose value may leave at the
// use id (ancestors on stack).
func (b *builder) ifaceUse(id *ast.Ident, stack []ast.Node) {
	v, ok := b.info.Uses[id].(*types.Var)
	if !ok || b.ifaceOut[v] || !b.ifaceVar(v) || len(stack) == 0 {
		return
	}
	var r ast.Node = id
	i := len(stack) - 1
	if sel, ok := stack[i].(*ast.SelectorExpr); ok && sel.Sel == id {
		r, i = sel, i-1 // s.f: the field's value is the selector
	}
	for i >= 0 {
		if _, ok := stack[i].(*ast.ParenExpr); !ok {
			break
		}
		r, i = stack[i], i-1
	}
	if i < 0 {
		b.ifaceOut[v] = true
		return
	}
	keeps := false
	switch p := stack[i].(type) {
	case *ast.SelectorExpr:
		keeps = p.X == r // a method of the interface
	case *ast.BinaryExpr:
		keeps = p.Op == token.EQL || p.Op == token.NEQ
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == r {
				keeps = true // a write
			}
		}
		if !keeps && len(p.Lhs) == len(p.Rhs) {
			for j, x := range p.Rhs {
				if x == r {
					keeps = b.clientTransport(p.Lhs[j])
				}
			}
		}
	case *ast.KeyValueExpr:
		keeps = p.Key == r // a field of a literal: a write
		if p.Value == r && i > 0 {
			if lit, ok := stack[i-1].(*ast.CompositeLit); ok {
				t, tracked := TypeOf(b.info.TypeOf(lit))
				keeps = tracked && t == Type{"net/http", "Client"}
			}
		}
	}
	if !keeps {
		b.ifaceOut[v] = true
	}
}

// clientTransport reports whether lhs is c.Transport on an http.Client.
func (b *builder) clientTransport(lhs ast.Expr) bool {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Transport" {
		return false
	}
	t, ok := TypeOf(b.info.TypeOf(sel.X))
	return ok && t == Type{"net/http", "Client"}
}
