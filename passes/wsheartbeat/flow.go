package wsheartbeat

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/httplib"
)

// The check follows connection values through the package with a small
// points-to analysis:
//
//   - a node holds connections: a variable, parameter or struct field of a
//     connection type (all values of a struct share the field's node), an
//     element or key slot of a map, slice, array or channel of them, or a
//     result of a function of the package;
//   - a label is where connections come from: one call that makes them
//     (Upgrade, Accept, Dial, an x/net Handler's parameter), or an origin
//     the check cannot see (a parameter of a function others may call, a
//     field others may set, a value from another package);
//   - edges are assignments, declarations, call arguments, returns, struct
//     literal fields, sends and ranges; each node gets the labels that
//     reach it;
//   - facts are what the package does with a node: set a read deadline,
//     ping, hand the connection to code the check does not follow. A fact
//     on a node applies to every label that reaches it, so a deadline set
//     in a helper that receives the connection, or in a pong handler that
//     reads a struct field, covers the connections that flow there.
//
// The analysis is flow-insensitive (a deadline anywhere counts) except
// for one ordering rule, and context-insensitive. Both err toward silence.

type node any

// slot is the element (or map key) slot of a container variable or field.
type slot struct {
	container *types.Var
	key       bool
}

// result is result i of a function of the package.
type result struct {
	fn *types.Func
	i  int
}

// label is an origin of connections; labels index graph.labels.
type label int

type labelInfo struct {
	pos     token.Pos     // the call that makes the connections, or the unseen origin
	unknown bool          // made by code the check cannot see
	call    *ast.CallExpr // the Dial, Upgrade or Accept call
	what    string        // how the connection is made, for related information
}

// facts are what the package does with the connections at one node.
type facts struct {
	escape    bool
	heartbeat bool
	deadlines []deadline
}

// deadline is one SetReadDeadline/SetDeadline call.
type deadline struct {
	pos  token.Pos
	fn   ast.Node // innermost enclosing *ast.FuncDecl or *ast.FuncLit
	zero bool     // time.Time{}: clears the deadline
}

// read is one read of a connection.
type read struct {
	call *ast.CallExpr
	cur  inspector.Cursor
	node node
	recv ast.Expr   // the connection expression, as written
	root *types.Var // the variable the expression starts from, if local
	lib  lib
	ctx  ast.Expr // coder/nhooyr: the context argument
	all  bool     // reads until the connection ends (io.Copy): a loop by itself
}

// funcInfo is what the package does with one of its functions.
type funcInfo struct {
	valueUse bool // used other than by calling it: callers unseen
	handler  bool // converted to x/net's websocket.Handler
}

// ctxDef is one assignment to a context variable.
type ctxDef struct {
	rhs    ast.Expr
	idx    int        // result index when rhs is a call with several results
	cancel *types.Var // the cancel function of context.WithCancel, if kept
}

type graph struct {
	pass *analysis.Pass
	info *types.Info
	insp *inspector.Inspector

	edges  map[node][]node
	direct map[node][]label
	labels []labelInfo
	facts  map[node]*facts
	seeded map[node]bool
	reads  []*read

	funcs       map[*types.Func]*funcInfo
	calls       map[*types.Func][]*ast.CallExpr // static calls of the package's functions
	decls       []*ast.FuncDecl
	lits        []inspector.Cursor
	ifaceMethod map[string]bool

	derived    map[*types.Var]node // net.Conn variables from UnderlyingConn/NetConn
	ctxDefs    map[*types.Var][]ctxDef
	cancelFree map[*types.Var]bool // cancel functions called other than deferred

	pts map[node]map[label]bool // solved: labels reaching each node
}

func newGraph(pass *analysis.Pass, insp *inspector.Inspector) *graph {
	return &graph{
		pass: pass, info: pass.TypesInfo, insp: insp,
		edges: map[node][]node{}, direct: map[node][]label{}, facts: map[node]*facts{},
		seeded: map[node]bool{}, funcs: map[*types.Func]*funcInfo{}, calls: map[*types.Func][]*ast.CallExpr{}, ifaceMethod: map[string]bool{},
		derived: map[*types.Var]node{}, ctxDefs: map[*types.Var][]ctxDef{}, cancelFree: map[*types.Var]bool{},
	}
}

// build walks the package once.
func (g *graph) build() {
	g.interfaces()
	filter := []ast.Node{
		(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil),
		(*ast.RangeStmt)(nil), (*ast.CompositeLit)(nil), (*ast.ReturnStmt)(nil), (*ast.SendStmt)(nil),
		(*ast.CallExpr)(nil), (*ast.Ident)(nil),
	}
	for cur := range g.insp.Root().Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			g.funcDecl(n)
		case *ast.FuncLit:
			g.lits = append(g.lits, cur)
		case *ast.AssignStmt:
			g.assign(n.Lhs, n.Rhs, n.Tok == token.DEFINE)
		case *ast.ValueSpec:
			if len(n.Values) > 0 {
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				g.assign(lhs, n.Values, true)
			}
		case *ast.RangeStmt:
			g.rangeStmt(n)
		case *ast.CompositeLit:
			g.compositeLit(n)
		case *ast.ReturnStmt:
			g.returnStmt(cur, n)
		case *ast.SendStmt:
			if ch := g.nodeOf(n.Chan); ch != nil {
				if c, ok := ch.(*types.Var); ok && isContainer(c.Type()) {
					g.flowInto(slot{container: c}, n.Value, 0)
				}
			}
		case *ast.CallExpr:
			g.recordCall(n)
			g.callArgs(n)
		case *ast.Ident:
			g.ident(cur, n)
		}
	}
	g.finishFuncs()
	g.solve()
}

// interfaces collects the method names of the package's interface types:
// an unexported method with one of these names may be called through an
// interface, with arguments the check does not see.
func (g *graph) interfaces() {
	for _, obj := range g.info.Defs {
		tn, ok := obj.(*types.TypeName)
		if !ok {
			continue
		}
		if it, ok := tn.Type().Underlying().(*types.Interface); ok {
			for m := range it.Methods() {
				g.ifaceMethod[m.Name()] = true
			}
		}
	}
}

// tracked reports whether t is a connection type or a container of them.
func tracked(t types.Type) bool {
	return connLib(t) != noLib || isContainer(t)
}

func isContainer(t types.Type) bool {
	elem, key := containerOf(t)
	return elem || key
}

// trackedVar returns obj as a node when it is a variable of a tracked type.
func trackedVar(obj types.Object) *types.Var {
	v, ok := obj.(*types.Var)
	if !ok || !tracked(v.Type()) {
		return nil
	}
	return v.Origin()
}

// nodeOf returns the node e denotes: a tracked variable or field, or a
// slot of a tracked container. It returns nil for anything else.
func (g *graph) nodeOf(e ast.Expr) node {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v := trackedVar(g.info.ObjectOf(e)); v != nil {
			g.seed(v)
			return v
		}
	case *ast.SelectorExpr:
		if v := trackedVar(g.info.ObjectOf(e.Sel)); v != nil {
			g.seed(v)
			return v
		}
	case *ast.IndexExpr:
		if c, ok := g.nodeOf(e.X).(*types.Var); ok && isContainer(c.Type()) {
			return slot{container: c}
		}
	case *ast.UnaryExpr:
		if e.Op == token.ARROW {
			if c, ok := g.nodeOf(e.X).(*types.Var); ok && isContainer(c.Type()) {
				return slot{container: c}
			}
		}
	}
	return nil
}

// seed gives a variable the origins others may give it: variables of other
// packages, exported fields and variables of importable packages, and
// embedded connection fields (whose promoted methods anyone holding the
// struct may call) come from code the check cannot see.
func (g *graph) seed(v *types.Var) {
	if g.seeded[v] {
		return
	}
	g.seeded[v] = true
	pkg := g.pass.Pkg
	open := false
	switch {
	case v.Pkg() != pkg:
		open = true
	case v.Embedded():
		open = true
	case v.IsField() || v.Kind() == types.PackageVar:
		open = v.Exported() && pkg.Name() != "main"
	}
	if !open {
		return
	}
	if isContainer(v.Type()) {
		g.addLabel(slot{container: v}, labelInfo{pos: v.Pos(), unknown: true})
		g.addLabel(slot{container: v, key: true}, labelInfo{pos: v.Pos(), unknown: true})
		g.fact(slot{container: v}).escape = true
		g.fact(slot{container: v, key: true}).escape = true
		return
	}
	g.addLabel(v, labelInfo{pos: v.Pos(), unknown: true})
	g.fact(v).escape = true
}

func (g *graph) addLabel(n node, li labelInfo) {
	g.labels = append(g.labels, li)
	g.direct[n] = append(g.direct[n], label(len(g.labels)-1))
}

func (g *graph) unknown(n node, pos token.Pos) {
	g.addLabel(n, labelInfo{pos: pos, unknown: true})
}

func (g *graph) edge(from, to node) {
	if from == to {
		return
	}
	g.edges[from] = append(g.edges[from], to)
}

func (g *graph) fact(n node) *facts {
	f := g.facts[n]
	if f == nil {
		f = new(facts)
		g.facts[n] = f
	}
	return f
}

// escape marks n as handed to code the check does not follow.
func (g *graph) escape(n node) {
	if c, ok := n.(*types.Var); ok && isContainer(c.Type()) {
		g.fact(slot{container: c}).escape = true
		g.fact(slot{container: c, key: true}).escape = true
		return
	}
	g.fact(n).escape = true
}

// flowInto records that the value of rhs (result idx of a call with
// several results) flows into dst.
func (g *graph) flowInto(dst node, rhs ast.Expr, idx int) {
	rhs = ast.Unparen(rhs)
	if id, ok := rhs.(*ast.Ident); ok && id.Name == "nil" && g.info.Uses[id] == types.Universe.Lookup("nil") {
		return
	}
	dstC, dstIsContainer := dst.(*types.Var)
	dstIsContainer = dstIsContainer && isContainer(dstC.Type())
	if src := g.nodeOf(rhs); src != nil {
		if srcC, ok := src.(*types.Var); ok && isContainer(srcC.Type()) {
			if dstIsContainer {
				g.shareContainers(dstC, srcC)
			}
			return
		}
		if !dstIsContainer {
			g.edge(src, dst)
		}
		return
	}
	if dstIsContainer {
		g.containerValue(dstC, rhs)
		return
	}
	call, ok := rhs.(*ast.CallExpr)
	if !ok {
		g.unknown(dst, rhs.Pos())
		return
	}
	if tv, ok := g.info.Types[call.Fun]; ok && tv.IsType() {
		g.unknown(dst, rhs.Pos()) // a conversion
		return
	}
	fn, _ := typeutil.Callee(g.info, call).(*types.Func)
	switch {
	case fn == nil:
		g.unknown(dst, rhs.Pos())
	case isSource(fn):
		g.addLabel(dst, labelInfo{pos: call.Pos(), call: call, what: sourceWhat(fn)})
	case fn.Pkg() == g.pass.Pkg && !isInterfaceMethod(fn):
		g.edge(result{fn: fn.Origin(), i: idx}, dst)
	default:
		g.unknown(dst, rhs.Pos())
	}
}

func sourceWhat(fn *types.Func) string {
	switch fn.Name() {
	case "Upgrade":
		return "connection upgraded here"
	case "Accept":
		return "connection accepted here"
	}
	return "connection dialed here"
}

func isInterfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// shareContainers records that two container variables hold the same
// map, slice or channel: what one stores, the other reads.
func (g *graph) shareContainers(a, b *types.Var) {
	for _, key := range []bool{false, true} {
		g.edge(slot{a, key}, slot{b, key})
		g.edge(slot{b, key}, slot{a, key})
	}
}

// containerValue records the value of a container expression assigned to
// dst: a literal, make, or append.
func (g *graph) containerValue(dst *types.Var, e ast.Expr) {
	switch e := e.(type) {
	case *ast.CompositeLit:
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if _, key := containerOf(dst.Type()); key {
					g.flowInto(slot{dst, true}, kv.Key, 0)
				}
				elt = kv.Value
			}
			if elem, _ := containerOf(dst.Type()); elem {
				g.flowInto(slot{container: dst}, elt, 0)
			}
		}
		return
	case *ast.CallExpr:
		if b, ok := typeutil.Callee(g.info, e).(*types.Builtin); ok {
			switch b.Name() {
			case "make":
				return
			case "append":
				if len(e.Args) > 0 {
					if src, ok := g.nodeOf(e.Args[0]).(*types.Var); ok && isContainer(src.Type()) {
						g.shareContainers(dst, src)
					}
					if !e.Ellipsis.IsValid() {
						for _, a := range e.Args[1:] {
							g.flowInto(slot{container: dst}, a, 0)
						}
					}
				}
				return
			}
		}
	}
	g.unknown(slot{container: dst}, e.Pos())
	g.unknown(slot{dst, true}, e.Pos())
}

// target returns the node an assignment's left-hand side stores into, and
// for a map store m[conn] = v the map whose key slot gets conn.
func (g *graph) target(lhs ast.Expr) (n node, keyOf *types.Var) {
	lhs = ast.Unparen(lhs)
	if ix, ok := lhs.(*ast.IndexExpr); ok {
		if c, ok := g.nodeOf(ix.X).(*types.Var); ok && isContainer(c.Type()) {
			if _, key := containerOf(c.Type()); key {
				keyOf = c
			}
			if elem, _ := containerOf(c.Type()); elem {
				return slot{container: c}, keyOf
			}
			return nil, keyOf
		}
		return nil, nil
	}
	return g.nodeOf(lhs), nil
}

func (g *graph) assign(lhs, rhs []ast.Expr, define bool) {
	for i, l := range lhs {
		var r ast.Expr
		idx := 0
		switch {
		case len(lhs) == len(rhs):
			r = rhs[i]
		case len(rhs) == 1:
			r, idx = rhs[0], i
		default:
			continue
		}
		g.contextDef(lhs, rhs, i, r, idx)
		dst, keyOf := g.target(l)
		if keyOf != nil {
			g.flowInto(slot{keyOf, true}, l.(*ast.IndexExpr).Index, 0)
		}
		if dst == nil {
			continue
		}
		if idx > 0 {
			if _, ok := ast.Unparen(r).(*ast.CallExpr); !ok {
				// v, ok := m[k] / <-ch / x.(T): only the first value is the element.
				g.flowInto(dst, r, 0)
				continue
			}
		}
		g.flowInto(dst, r, idx)
	}
}

// contextDef records assignments to local context variables, which decide
// whether a coder/nhooyr read can time out.
func (g *graph) contextDef(lhs, rhs []ast.Expr, i int, r ast.Expr, idx int) {
	id, ok := ast.Unparen(lhs[i]).(*ast.Ident)
	if !ok {
		return
	}
	v, ok := g.info.ObjectOf(id).(*types.Var)
	if !ok || v.Kind() != types.LocalVar || !httplib.IsNamed(v.Type(), "context", "Context") {
		return
	}
	d := ctxDef{rhs: r, idx: idx}
	if len(rhs) == 1 && len(lhs) == 2 && i == 0 {
		if c, ok := ast.Unparen(lhs[1]).(*ast.Ident); ok {
			d.cancel, _ = g.info.ObjectOf(c).(*types.Var)
		}
	}
	g.ctxDefs[v] = append(g.ctxDefs[v], d)
}

func (g *graph) rangeStmt(n *ast.RangeStmt) {
	c, ok := g.nodeOf(n.X).(*types.Var)
	if !ok || !isContainer(c.Type()) {
		// Range variables of other collections come from values the
		// check does not model.
		for _, e := range []ast.Expr{n.Key, n.Value} {
			if e != nil {
				if dst := g.nodeOf(e); dst != nil {
					g.unknown(dst, e.Pos())
				}
			}
		}
		return
	}
	t := c.Type().Underlying()
	keySlot, valSlot := slot{c, true}, slot{container: c}
	var keyFrom, valFrom node
	switch t.(type) {
	case *types.Map:
		keyFrom, valFrom = keySlot, valSlot
	case *types.Chan:
		keyFrom = valSlot
	default:
		valFrom = valSlot
	}
	if n.Key != nil && keyFrom != nil {
		if dst := g.nodeOf(n.Key); dst != nil {
			g.edge(keyFrom, dst)
		}
	}
	if n.Value != nil && valFrom != nil {
		if dst := g.nodeOf(n.Value); dst != nil {
			g.edge(valFrom, dst)
		}
	}
}

// compositeLit follows struct literal fields.
func (g *graph) compositeLit(lit *ast.CompositeLit) {
	st, ok := deref(g.info.TypeOf(lit)).Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, elt := range lit.Elts {
		var f *types.Var
		val := elt
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			f, _ = g.info.ObjectOf(id).(*types.Var)
			val = kv.Value
		} else if i < st.NumFields() {
			f = st.Field(i)
		}
		if v := trackedVar(f); v != nil {
			g.seed(v)
			g.flowInto(v, val, 0)
		}
	}
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func (g *graph) returnStmt(cur inspector.Cursor, ret *ast.ReturnStmt) {
	fn := enclosingFunc(cur)
	decl, ok := fn.(*ast.FuncDecl)
	if !ok {
		return // a function literal's results are not followed: escape (see use)
	}
	obj, _ := g.info.Defs[decl.Name].(*types.Func)
	if obj == nil {
		return
	}
	res := obj.Signature().Results()
	if len(ret.Results) == 1 && res.Len() > 1 {
		call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
		if !ok {
			return
		}
		for i := range res.Len() {
			if tracked(res.At(i).Type()) {
				g.flowInto(result{fn: obj, i: i}, call, i)
			}
		}
		return
	}
	for i, e := range ret.Results {
		if i < res.Len() && tracked(res.At(i).Type()) {
			if isContainer(res.At(i).Type()) {
				continue // containers returned are escapes (see use)
			}
			g.flowInto(result{fn: obj, i: i}, e, 0)
		}
	}
}

// callArgs moves arguments into the parameters of the package's own
// functions and of function literals called on the spot.
func (g *graph) callArgs(call *ast.CallExpr) {
	sig := g.calleeSig(call)
	if sig == nil {
		return
	}
	params := sig.Params()
	for i, a := range call.Args {
		if i >= params.Len() || (sig.Variadic() && i >= params.Len()-1) {
			break
		}
		if p := trackedVar(params.At(i)); p != nil {
			if isContainer(p.Type()) {
				if src, ok := g.nodeOf(a).(*types.Var); ok && isContainer(src.Type()) {
					g.shareContainers(p, src)
				} else {
					g.containerValue(p, ast.Unparen(a))
				}
				continue
			}
			g.flowInto(p, a, 0)
		}
	}
}

// calleeSig returns the signature whose parameters receive call's
// arguments when the package can see them: a function or method declared
// in the package (not through an interface), or a function literal called
// where it is written.
func (g *graph) calleeSig(call *ast.CallExpr) *types.Signature {
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		sig, _ := g.info.TypeOf(lit).(*types.Signature)
		return sig
	}
	fn := typeutil.StaticCallee(g.info, call)
	if fn == nil || fn.Pkg() != g.pass.Pkg {
		return nil
	}
	return fn.Origin().Signature()
}

// recordCall indexes static calls of the package's own functions.
func (g *graph) recordCall(call *ast.CallExpr) {
	if fn := typeutil.StaticCallee(g.info, call); fn != nil && fn.Pkg() == g.pass.Pkg {
		g.calls[fn.Origin()] = append(g.calls[fn.Origin()], call)
	}
}

func (g *graph) funcDecl(decl *ast.FuncDecl) {
	fn, _ := g.info.Defs[decl.Name].(*types.Func)
	if fn == nil {
		return
	}
	g.decls = append(g.decls, decl)
	if g.funcs[fn] == nil {
		g.funcs[fn] = new(funcInfo)
	}
	// Named results are what a bare return returns.
	res := fn.Signature().Results()
	for i := range res.Len() {
		if v := trackedVar(res.At(i)); v != nil && v.Name() != "" && connLib(v.Type()) != noLib {
			g.edge(v, result{fn: fn, i: i})
		}
	}
}

// finishFuncs gives parameters their origins once every use of every
// function has been seen, and marks results that leave the package.
func (g *graph) finishFuncs() {
	pkgMain := g.pass.Pkg.Name() == "main"
	for _, decl := range g.decls {
		fn := g.info.Defs[decl.Name].(*types.Func)
		fi := g.funcs[fn]
		var open bool
		if decl.Recv != nil {
			// Exported methods satisfy interfaces of other packages, and
			// unexported ones those of this package: callers unseen.
			open = fn.Exported() || g.ifaceMethod[fn.Name()]
		} else {
			open = fn.Exported() && !pkgMain
		}
		open = open || fi.valueUse
		g.params(fn.Signature(), open, fi.handler, decl.Pos())
		if open {
			res := fn.Signature().Results()
			for i := range res.Len() {
				if tracked(res.At(i).Type()) {
					g.escape(result{fn: fn, i: i})
				}
			}
		}
	}
	for _, cur := range g.lits {
		lit := cur.Node().(*ast.FuncLit)
		sig, _ := g.info.TypeOf(lit).(*types.Signature)
		if sig == nil {
			continue
		}
		called := false
		if call, ok := cur.Parent().Node().(*ast.CallExpr); ok && ast.Unparen(call.Fun) == lit {
			called = true
		} else if p := cur.Parent(); p.Node() != nil {
			if _, ok := p.Node().(*ast.ParenExpr); ok {
				if call, ok := p.Parent().Node().(*ast.CallExpr); ok && ast.Unparen(call.Fun) == lit {
					called = true
				}
			}
		}
		handler := isXnetHandler(g.convertedTo(cur))
		g.params(sig, !called && !handler, handler, lit.Pos())
	}
}

// params gives the parameters of a function their origins: an unknown one
// when callers are unseen, a fresh x/net server connection for handlers.
func (g *graph) params(sig *types.Signature, open, handler bool, pos token.Pos) {
	ps := sig.Params()
	for i := range ps.Len() {
		p := trackedVar(ps.At(i))
		if p == nil {
			continue
		}
		g.seed(p)
		variadic := sig.Variadic() && i == ps.Len()-1
		switch {
		case open || variadic:
			if isContainer(p.Type()) {
				g.unknown(slot{container: p}, p.Pos())
				g.unknown(slot{p, true}, p.Pos())
				continue
			}
			g.unknown(p, p.Pos())
		case handler && connLib(p.Type()) == xnet:
			g.addLabel(p, labelInfo{pos: pos, what: "x/net server connection handled here"})
		}
	}
}

// convertedTo returns the type the expression at cur is converted to by
// its context: an explicit conversion T(e), or a struct literal field.
func (g *graph) convertedTo(cur inspector.Cursor) types.Type {
	p := cur.Parent()
	switch pn := p.Node().(type) {
	case *ast.ParenExpr:
		return g.convertedTo(p)
	case *ast.CallExpr:
		if tv, ok := g.info.Types[pn.Fun]; ok && tv.IsType() && cur.ParentEdgeKind() == edge.CallExpr_Args {
			return tv.Type
		}
	case *ast.KeyValueExpr:
		if cur.ParentEdgeKind() == edge.KeyValueExpr_Value {
			if id, ok := pn.Key.(*ast.Ident); ok {
				if f, ok := g.info.ObjectOf(id).(*types.Var); ok && f.IsField() {
					return f.Type()
				}
			}
		}
	}
	return nil
}

// solve propagates labels along edges.
func (g *graph) solve() {
	g.pts = map[node]map[label]bool{}
	var work []node
	add := func(n node, l label) {
		s := g.pts[n]
		if s == nil {
			s = map[label]bool{}
			g.pts[n] = s
		}
		if !s[l] {
			s[l] = true
			work = append(work, n)
		}
	}
	for n, ls := range g.direct {
		for _, l := range ls {
			add(n, l)
		}
	}
	for len(work) > 0 {
		n := work[len(work)-1]
		work = work[:len(work)-1]
		for _, to := range g.edges[n] {
			for l := range g.pts[n] {
				add(to, l)
			}
		}
	}
}

// shares reports whether two nodes may hold the same connection.
func (g *graph) shares(a, b node) bool {
	pa, pb := g.pts[a], g.pts[b]
	if len(pa) > len(pb) {
		pa, pb = pb, pa
	}
	for l := range pa {
		if pb[l] {
			return true
		}
	}
	return false
}

// enclosingFunc returns the innermost *ast.FuncDecl or *ast.FuncLit
// around cur.
func enclosingFunc(cur inspector.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c.Node()
	}
	return nil
}

// inProcess reports whether the peer of a label's connections is this
// process: a dial to an httptest server's URL (directly, through local
// variables, or through parameters of the package's functions whose every
// call passes one), an accept in a handler given to httptest, or an x/net
// handler given to httptest, or any server-side connection in a test
// file (a test's server on localhost:8080 serves the test's clients).
// Such a peer cannot vanish behind a proxy.
func (g *graph) inProcess(li labelInfo) bool {
	if g.serverSide(li) && strings.HasSuffix(g.pass.Fset.Position(li.pos).Filename, "_test.go") {
		return true // a test's own server: its clients are the test's
	}
	if li.call == nil {
		return li.what != "" && g.inHTTPTest(li.pos)
	}
	for _, a := range li.call.Args {
		if g.fromTestServer(a, 4) {
			return true
		}
	}
	return g.inHTTPTest(li.pos)
}

// serverSide reports whether a label's connections are accepted by a
// server of the package: an Upgrade, an Accept, an x/net handler.
func (g *graph) serverSide(li labelInfo) bool {
	if li.call == nil {
		return li.what != "" && !li.unknown // x/net handler parameter
	}
	fn, _ := typeutil.Callee(g.info, li.call).(*types.Func)
	return fn != nil && (fn.Name() == "Upgrade" || fn.Name() == "Accept")
}

// fromTestServer reports whether e is made from an httptest.Server's
// fields (its URL), following variables and parameters depth steps.
func (g *graph) fromTestServer(e ast.Expr, depth int) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if httplib.IsNamedPtr(g.info.TypeOf(n.X), "net/http/httptest", "Server") {
				found = true
			}
		case *ast.Ident:
			if v, ok := g.info.Uses[n].(*types.Var); ok && depth > 0 {
				found = g.varFromTestServer(v, depth-1)
			}
		}
		return !found
	})
	return found
}

func (g *graph) varFromTestServer(v *types.Var, depth int) bool {
	def, ok := g.insp.Root().FindByPos(v.Pos(), v.Pos())
	if !ok {
		return false
	}
	switch v.Kind() {
	case types.LocalVar:
		switch p := def.Parent().Node().(type) {
		case *ast.AssignStmt:
			return slices.ContainsFunc(p.Rhs, func(r ast.Expr) bool { return g.fromTestServer(r, depth) })
		case *ast.ValueSpec:
			return slices.ContainsFunc(p.Values, func(r ast.Expr) bool { return g.fromTestServer(r, depth) })
		}
	case types.ParamVar:
		decl, ok := enclosingFunc(def).(*ast.FuncDecl)
		if !ok {
			return false
		}
		fn, _ := g.info.Defs[decl.Name].(*types.Func)
		if fn == nil || len(g.calls[fn]) == 0 {
			return false
		}
		i := slices.IndexFunc(slices.Collect(fn.Signature().Params().Variables()), func(p *types.Var) bool { return p == v })
		for _, call := range g.calls[fn] {
			if i < 0 || i >= len(call.Args) || !g.fromTestServer(call.Args[i], depth) {
				return false
			}
		}
		return true
	}
	return false
}

// inHTTPTest reports whether pos is inside a function literal handed to
// httptest.NewServer (directly or through http.HandlerFunc or
// websocket.Handler).
func (g *graph) inHTTPTest(pos token.Pos) bool {
	cur, ok := g.insp.Root().FindByPos(pos, pos)
	if !ok {
		return false
	}
	for c := range cur.Enclosing((*ast.FuncLit)(nil)) {
		p := c.Parent()
		call, ok := p.Node().(*ast.CallExpr)
		for ok {
			if tv, conv := g.info.Types[call.Fun]; !conv || !tv.IsType() {
				break
			}
			p = p.Parent() // a conversion: look at what receives it
			call, ok = p.Node().(*ast.CallExpr)
		}
		if ok {
			fn := typeutil.StaticCallee(g.info, call)
			if httplib.IsFunc(fn, "net/http/httptest", "", "NewServer") || httplib.IsFunc(fn, "net/http/httptest", "", "NewTLSServer") ||
				httplib.IsFunc(fn, "net/http/httptest", "", "NewUnstartedServer") {
				return true
			}
		}
	}
	return false
}
