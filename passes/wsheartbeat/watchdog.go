package wsheartbeat

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/httplib"
)

// A receive-driven watchdog is the application-level form of a read
// deadline: a timer closes the connection (or a value whose Close closes
// it) unless the read path renews it first. When the peer vanishes, what
// it sent stops arriving, the timer fires, and the close unblocks the
// read. The check recognises four shapes, each only when what renews the
// timer is the read path (the function of the read loop, the pong and
// ping handlers, what they call, and what consumes the messages it
// produces):
//
//   - time.AfterFunc(d, f) whose f closes, and whose timer the read path
//     Resets (or re-arms);
//   - a select in a loop with case <-time.After(d) that closes, next to a
//     case receiving from a channel the read path sends on (each message
//     starts a new time.After);
//   - a select with case <-t.C that closes, t a *time.Timer the read path
//     Resets;
//   - an if that closes when a timestamp (or a flag) the read path writes
//     is stale, in a loop that waits on a ticker, a timer or a sleep.
//
// The close must happen whenever the timer fires: a close that follows
// only a failed write or ping does not count (a frozen path accepts
// writes), nor does one in a goroutine the read path does not renew (a
// writer that pings on a ticker). A time.AfterFunc that nothing keeps or
// resets is a deadline for the whole session, as before.

// wdKind is the shape of a watchdog.
type wdKind uint8

const (
	wdAfterFunc wdKind = iota // time.AfterFunc(d, close)
	wdAfter                   // case <-time.After(d): close, in a loop
	wdTimer                   // case <-t.C: close
	wdStamp                   // if <stale timestamp> { close }, in a loop that waits on time
)

// trigger is one place where a timer closes connections.
type trigger struct {
	kind    wdKind
	fn      ast.Node     // the function that holds it
	pos     token.Pos    // where it is
	branch  ast.Node     // what runs when it fires: a function, or a key of w.sites
	direct  node         // time.AfterFunc(d, conn.Close)
	keys    []*types.Var // the timer (AfterFunc, Timer), the other channels (After), the stamps (Stamp)
	oneShot bool         // an AfterFunc timer nobody keeps or resets
	cond    ast.Expr     // Stamp: the condition
}

// site is one call in a function.
type site struct {
	targets []ast.Node // the package's functions it may call
	closes  node       // the connection it closes, if it is a Close
	guarded bool       // inside an if or switch on an error
	async   bool       // go or defer: not part of the caller's flow
}

type stampWrite struct{ timed bool }

// watchdogs indexes the package's functions for the watchdog rule. It is
// built once, when a read is otherwise reported, and does not change the
// graph.
type watchdogs struct {
	g    *graph
	info *types.Info

	funcOf  map[*types.Func]ast.Node
	results map[ast.Node]bool
	sites   map[ast.Node][]site
	callers map[ast.Node][]ast.Node
	sends   map[ast.Node][]*types.Var
	recvs   map[ast.Node][]*types.Var
	resets  map[ast.Node][]*types.Var
	stamps  map[ast.Node]map[*types.Var]stampWrite

	handlers  []ast.Node
	triggers  []*trigger
	afterVar  map[*ast.CallExpr]*types.Var // time.AfterFunc results kept in a variable or field
	localDefs map[*types.Var][]ast.Expr    // values assigned to local variables
	alias     map[*types.Var]*types.Var    // union-find over channels and timers
	closes    map[ast.Node]map[node]bool
	impls     map[*types.Func][]ast.Node
	types     []types.Type
	paths     map[ast.Node]*readPath
	errorType *types.Interface
}

// readPath is what runs because messages arrive on a connection.
type readPath struct {
	in  map[ast.Node]bool
	fed map[*types.Var]bool // channels it sends on
}

type walkCtx struct {
	fn        ast.Node
	guarded   bool
	async     bool
	loops     []ast.Node
	sitesOnly bool // a firing branch: only its calls are recorded
}

func newWatchdogs(g *graph) *watchdogs {
	w := &watchdogs{
		g: g, info: g.info,
		funcOf: map[*types.Func]ast.Node{}, results: map[ast.Node]bool{}, sites: map[ast.Node][]site{},
		callers: map[ast.Node][]ast.Node{}, sends: map[ast.Node][]*types.Var{}, recvs: map[ast.Node][]*types.Var{},
		resets: map[ast.Node][]*types.Var{}, stamps: map[ast.Node]map[*types.Var]stampWrite{},
		afterVar: map[*ast.CallExpr]*types.Var{}, localDefs: map[*types.Var][]ast.Expr{}, alias: map[*types.Var]*types.Var{},
		impls: map[*types.Func][]ast.Node{}, paths: map[ast.Node]*readPath{},
		errorType: types.Universe.Lookup("error").Type().Underlying().(*types.Interface),
	}
	for _, decl := range g.decls {
		if fn, ok := g.info.Defs[decl.Name].(*types.Func); ok && decl.Body != nil {
			w.funcOf[fn] = decl
		}
	}
	scope := g.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 || types.IsInterface(named) {
			continue
		}
		w.types = append(w.types, named)
	}
	for _, decl := range g.decls {
		if decl.Body != nil {
			w.results[decl] = decl.Type.Results.NumFields() > 0
			w.walk(decl.Body, walkCtx{fn: decl})
		}
	}
	for _, cur := range g.lits {
		lit := cur.Node().(*ast.FuncLit)
		w.results[lit] = lit.Type.Results.NumFields() > 0
		w.walk(lit.Body, walkCtx{fn: lit})
	}
	w.solveCloses()
	return w
}

// walk records what the statements of c.fn do: calls, sends, receives,
// timer resets, timestamp writes, and watchdog triggers.
func (w *watchdogs) walk(n ast.Node, c walkCtx) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			return false // a function of its own
		case *ast.IfStmt:
			w.walkOpt(m.Init, c)
			w.walk(m.Cond, c)
			inner := c
			inner.guarded = c.guarded || w.requiresError(m.Cond)
			if !c.sitesOnly && !inner.guarded {
				w.stampTrigger(m, c)
			}
			w.walk(m.Body, inner)
			w.walkOpt(m.Else, inner)
			return false
		case *ast.SwitchStmt:
			w.walkOpt(m.Init, c)
			w.walk(m.Tag, c)
			tagErr := w.mentionsError(m.Tag)
			for _, s := range m.Body.List {
				cc, ok := s.(*ast.CaseClause)
				if !ok {
					continue
				}
				inner := c
				// A case runs after a failure when the tag is an error, or
				// when every expression of a tagless case needs one.
				inner.guarded = c.guarded || tagErr || m.Tag == nil && len(cc.List) > 0 && !slices.ContainsFunc(cc.List, func(e ast.Expr) bool { return !w.requiresError(e) })
				for _, e := range cc.List {
					w.walk(e, c)
				}
				for _, st := range cc.Body {
					w.walk(st, inner)
				}
			}
			return false
		case *ast.TypeSwitchStmt:
			w.walkOpt(m.Init, c)
			inner := c
			inner.guarded = c.guarded || w.mentionsError(m.Assign)
			w.walk(m.Body, inner)
			return false
		case *ast.ForStmt:
			w.walkOpt(m.Init, c)
			w.walk(m.Cond, c)
			w.walkOpt(m.Post, c)
			inner := c
			inner.loops = append(slices.Clip(c.loops), m)
			w.walk(m.Body, inner)
			return false
		case *ast.RangeStmt:
			w.walk(m.X, c)
			if t := w.info.TypeOf(m.X); t != nil && isChan(t) {
				w.recv(c, m.X)
			}
			inner := c
			inner.loops = append(slices.Clip(c.loops), m)
			w.walk(m.Body, inner)
			return false
		case *ast.SelectStmt:
			for _, s := range m.Body.List {
				cc, ok := s.(*ast.CommClause)
				if !ok {
					continue
				}
				w.walkOpt(cc.Comm, c)
				for _, st := range cc.Body {
					w.walk(st, c)
				}
			}
			if !c.sitesOnly {
				w.selectTrigger(m, c)
			}
			return false
		case *ast.GoStmt:
			inner := c
			inner.async = true
			w.walk(m.Call, inner)
			return false
		case *ast.DeferStmt:
			inner := c
			inner.async = true
			w.walk(m.Call, inner)
			return false
		case *ast.CallExpr:
			w.call(m, c)
		case *ast.SendStmt:
			if v := w.varOf(m.Chan); v != nil && !c.sitesOnly {
				w.sends[c.fn] = append(w.sends[c.fn], v)
			}
		case *ast.UnaryExpr:
			if m.Op == token.ARROW {
				w.recv(c, m.X)
			}
		case *ast.AssignStmt:
			w.assign(m, c)
		case *ast.ValueSpec:
			for i, id := range m.Names {
				if i < len(m.Values) {
					w.keep(w.info.Defs[id], m.Values[i])
					w.localDef(w.info.Defs[id], m.Values[i])
				}
			}
		case *ast.IncDecStmt:
			w.stamp(c, m.X, false)
		case *ast.CompositeLit:
			t := w.info.TypeOf(m)
			if t == nil {
				break
			}
			if st, ok := deref(t).Underlying().(*types.Struct); ok {
				for i, elt := range m.Elts {
					if kv, ok := elt.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok {
							w.keep(w.info.ObjectOf(id), kv.Value)
							w.handlerField(w.info.ObjectOf(id), kv.Value)
						}
					} else if i < st.NumFields() {
						w.keep(st.Field(i), elt)
					}
				}
			}
		}
		return true
	})
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

func (w *watchdogs) walkOpt(s ast.Stmt, c walkCtx) {
	if s != nil {
		w.walk(s, c)
	}
}

func (w *watchdogs) recv(c walkCtx, ch ast.Expr) {
	if v := w.varOf(ch); v != nil && !c.sitesOnly {
		w.recvs[c.fn] = append(w.recvs[c.fn], v)
	}
}

// requiresError reports whether a condition can hold only when something
// failed: err != nil, or a conjunction with it; a disjunction needs every
// side to (err != nil || stale holds without an error).
func (w *watchdogs) requiresError(e ast.Expr) bool {
	if x, ok := ast.Unparen(e).(*ast.BinaryExpr); ok {
		switch x.Op {
		case token.LOR:
			return w.requiresError(x.X) && w.requiresError(x.Y)
		case token.LAND:
			return w.requiresError(x.X) || w.requiresError(x.Y)
		}
	}
	return w.mentionsError(e)
}

// mentionsError reports whether n uses a value of an error type: a
// branch on it runs only after something failed.
func (w *watchdogs) mentionsError(n ast.Node) bool {
	if n == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if found {
			return false
		}
		if _, ok := m.(*ast.FuncLit); ok {
			return false
		}
		if e, ok := m.(ast.Expr); ok {
			t := w.info.TypeOf(e)
			if t == nil {
				return true
			}
			if _, basic := t.Underlying().(*types.Basic); basic {
				return true
			}
			if _, sig := t.Underlying().(*types.Signature); sig {
				return true
			}
			if types.Identical(t, types.Universe.Lookup("error").Type()) || (!types.IsInterface(t) && types.Implements(t, w.errorType)) {
				found = true
			}
		}
		return !found
	})
	return found
}

// varOf returns the variable or field e denotes, if any.
func (w *watchdogs) varOf(e ast.Expr) *types.Var {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := w.info.ObjectOf(e).(*types.Var)
		if v != nil {
			return v.Origin()
		}
	case *ast.SelectorExpr:
		v, _ := w.info.ObjectOf(e.Sel).(*types.Var)
		if v != nil {
			return v.Origin()
		}
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return w.varOf(e.X)
		}
	}
	return nil
}

// aliased reports whether values of t are shared by reference and
// followed between variables: channels and timers.
func aliased(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Chan); ok {
		return true
	}
	return httplib.IsNamedPtr(t, "time", "Timer")
}

func (w *watchdogs) find(v *types.Var) *types.Var {
	for {
		p, ok := w.alias[v]
		if !ok || p == v {
			return v
		}
		v = p
	}
}

func (w *watchdogs) union(a, b *types.Var) {
	ra, rb := w.find(a), w.find(b)
	if ra != rb {
		w.alias[ra] = rb
	}
}

// keep records that the value of e is stored in obj: channels and timers
// are followed, and a time.AfterFunc result names its timer.
func (w *watchdogs) keep(obj types.Object, e ast.Expr) {
	v, ok := obj.(*types.Var)
	if !ok || !aliased(v.Type()) {
		return
	}
	v = v.Origin()
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && httplib.IsFunc(typeutil.StaticCallee(w.info, call), "time", "", "AfterFunc") {
		w.afterVar[call] = v
		return
	}
	if src := w.varOf(e); src != nil && aliased(src.Type()) {
		w.union(v, src)
	}
}

func (w *watchdogs) assign(as *ast.AssignStmt, c walkCtx) {
	if len(as.Lhs) != len(as.Rhs) {
		if as.Tok != token.DEFINE {
			for _, l := range as.Lhs {
				w.stamp(c, l, w.timed(as.Rhs[0]))
			}
		}
		return
	}
	for i, l := range as.Lhs {
		var obj types.Object
		switch l := ast.Unparen(l).(type) {
		case *ast.Ident:
			obj = w.info.ObjectOf(l)
		case *ast.SelectorExpr:
			obj = w.info.ObjectOf(l.Sel)
		}
		w.keep(obj, as.Rhs[i])
		w.localDef(obj, as.Rhs[i])
		if as.Tok != token.DEFINE {
			w.stamp(c, l, w.timed(as.Rhs[i]))
		}
	}
}

func (w *watchdogs) localDef(obj types.Object, e ast.Expr) {
	if v, ok := obj.(*types.Var); ok && v.Kind() == types.LocalVar {
		w.localDefs[v] = append(w.localDefs[v], e)
	}
}

// stampType reports whether a variable of type t can record when the
// peer was last heard from: a time, a number, a flag, or an atomic.
func stampType(t types.Type) bool {
	if httplib.IsNamed(t, "time", "Time") {
		return true
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		return b.Info()&(types.IsInteger|types.IsBoolean) != 0
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		return n.Obj().Pkg().Path() == "sync/atomic"
	}
	return false
}

// stamp records a write of a variable that can hold a timestamp; timed
// when the value comes from the clock.
func (w *watchdogs) stamp(c walkCtx, lhs ast.Expr, timed bool) {
	if c.sitesOnly {
		return
	}
	v := w.varOf(lhs)
	if v == nil || !stampType(v.Type()) {
		return
	}
	m := w.stamps[c.fn]
	if m == nil {
		m = map[*types.Var]stampWrite{}
		w.stamps[c.fn] = m
	}
	m[v] = stampWrite{timed: timed || m[v].timed}
}

// timed reports whether e reads the clock or holds a time.
func (w *watchdogs) timed(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if fn := typeutil.StaticCallee(w.info, m); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "time" {
				found = true
			}
		}
		if x, ok := m.(ast.Expr); ok && httplib.IsNamed(w.info.TypeOf(x), "time", "Time") {
			found = true
		}
		return !found
	})
	return found
}

// call records one call: its targets in the package, a Close of a
// connection, a timer reset, an atomic store, a pong handler, and
// time.AfterFunc.
func (w *watchdogs) call(call *ast.CallExpr, c walkCtx) {
	s := site{guarded: c.guarded, async: c.async}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		s.targets = []ast.Node{lit}
	}
	// A literal handed to a call (sync.Once.Do, a locking helper) may run
	// there: its closes count, but it is not followed as part of the
	// caller's flow.
	for _, a := range call.Args {
		if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
			w.sites[c.fn] = append(w.sites[c.fn], site{targets: []ast.Node{lit}, guarded: c.guarded, async: true})
		}
	}
	if sig := w.g.calleeSig(call); sig != nil {
		for i, a := range call.Args {
			variadic := sig.Variadic() && i >= sig.Params().Len()-1
			if i < sig.Params().Len() && !variadic {
				w.keep(sig.Params().At(i), a)
			}
		}
	}
	fn, _ := typeutil.Callee(w.info, call).(*types.Func)
	if fn != nil {
		s.targets = append(s.targets, w.targets(fn)...)
		s.closes = w.closeOf(call, fn)
		w.special(call, fn, c)
	}
	if len(s.targets) == 0 && s.closes == nil {
		return
	}
	w.sites[c.fn] = append(w.sites[c.fn], s)
	if !c.sitesOnly {
		for _, t := range s.targets {
			w.callers[t] = append(w.callers[t], c.fn)
		}
	}
}

// targets returns the package's functions a call of fn may run: fn
// itself, or for an interface method the methods of the package's types
// that implement the interface.
func (w *watchdogs) targets(fn *types.Func) []ast.Node {
	if fn.Pkg() == w.g.pass.Pkg {
		if d, ok := w.funcOf[fn.Origin()]; ok {
			return []ast.Node{d}
		}
	}
	recv := fn.Signature().Recv()
	if recv == nil || !types.IsInterface(recv.Type()) {
		return nil
	}
	if ts, ok := w.impls[fn]; ok {
		return ts
	}
	var ts []ast.Node
	if n, ok := types.Unalias(recv.Type()).(*types.Named); ok && (n.TypeParams().Len() > 0 || n.TypeArgs().Len() > 0) {
		w.impls[fn] = nil
		return nil // a generic interface: not resolved
	}
	if iface, ok := recv.Type().Underlying().(*types.Interface); ok {
		for _, t := range w.types {
			pt := types.NewPointer(t)
			if !types.Implements(t, iface) && !types.Implements(pt, iface) {
				continue
			}
			obj, _, _ := types.LookupFieldOrMethod(pt, false, w.g.pass.Pkg, fn.Name())
			if m, ok := obj.(*types.Func); ok {
				if d, ok := w.funcOf[m.Origin()]; ok {
					ts = append(ts, d)
				}
			}
		}
	}
	w.impls[fn] = ts
	return ts
}

// closeOf returns the connection a call closes: conn.Close(), a close of
// its net.Conn (conn.UnderlyingConn().Close(), nc.Close()).
func (w *watchdogs) closeOf(call *ast.CallExpr, fn *types.Func) node {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || fn.Pkg() == nil {
		return nil
	}
	if l := libOfPath(fn.Pkg().Path()); l != noLib && fn.Signature().Recv() != nil {
		if method(l, fn.Name()) == useClose {
			return w.connNode(sel.X)
		}
		return nil
	}
	if fn.Name() != "Close" {
		return nil
	}
	if v := w.varOf(sel.X); v != nil {
		if n, ok := w.g.derived[v]; ok {
			return n
		}
	}
	if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok {
		if s, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr); ok {
			if f, ok := typeutil.Callee(w.info, inner).(*types.Func); ok && f.Pkg() != nil {
				if l := libOfPath(f.Pkg().Path()); l != noLib && method(l, f.Name()) == useNetConn {
					return w.connNode(s.X)
				}
			}
		}
	}
	return nil
}

// connNode returns the node of a connection variable or field, without
// changing the graph.
func (w *watchdogs) connNode(e ast.Expr) node {
	if v := w.varOf(e); v != nil && connLib(v.Type()) != noLib {
		return v
	}
	return nil
}

// special records the calls the rule knows by name: timer resets, atomic
// stores, pong and ping handlers, time.AfterFunc.
func (w *watchdogs) special(call *ast.CallExpr, fn *types.Func, c walkCtx) {
	if fn.Pkg() == nil {
		return
	}
	path := fn.Pkg().Path()
	recv := fn.Signature().Recv()
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	switch {
	case httplib.IsFunc(fn, "time", "Timer", "Reset") && sel != nil:
		if v := w.varOf(sel.X); v != nil && !c.sitesOnly {
			w.resets[c.fn] = append(w.resets[c.fn], v)
		}
	case httplib.IsFunc(fn, "time", "", "AfterFunc"):
		if !c.sitesOnly && len(call.Args) == 2 {
			w.afterFunc(call, c)
		}
	case path == "sync/atomic" && recv != nil && sel != nil:
		switch fn.Name() {
		case "Store", "Add", "Swap", "CompareAndSwap":
			w.stamp(c, sel.X, slices.ContainsFunc(call.Args, w.timed))
		}
	case path == "sync/atomic" && recv == nil && len(call.Args) > 0:
		if _, ok := ast.Unparen(call.Args[0]).(*ast.UnaryExpr); ok {
			w.stamp(c, call.Args[0], slices.ContainsFunc(call.Args[1:], w.timed))
		}
	case libOfPath(path) == gorilla && recv != nil && (fn.Name() == "SetPongHandler" || fn.Name() == "SetPingHandler") && len(call.Args) == 1 && !c.sitesOnly:
		if h := w.funcValue(call.Args[0]); h != nil {
			w.handlers = append(w.handlers, h)
		}
	}
}

// handlerField records coder/nhooyr's OnPongReceived and OnPingReceived
// options: they run when the reader sees a control frame.
func (w *watchdogs) handlerField(obj types.Object, e ast.Expr) {
	f, ok := obj.(*types.Var)
	if !ok || !f.IsField() || f.Pkg() == nil || libOfPath(f.Pkg().Path()) != coder {
		return
	}
	if f.Name() == "OnPongReceived" || f.Name() == "OnPingReceived" {
		if h := w.funcValue(e); h != nil {
			w.handlers = append(w.handlers, h)
		}
	}
}

// funcValue returns the package function a function value denotes: a
// literal, a function, or a method value.
func (w *watchdogs) funcValue(e ast.Expr) ast.Node {
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		return e
	case *ast.Ident:
		if fn, ok := w.info.Uses[e].(*types.Func); ok {
			return w.funcOf[fn.Origin()]
		}
	case *ast.SelectorExpr:
		if fn, ok := w.info.ObjectOf(e.Sel).(*types.Func); ok {
			if d, ok := w.funcOf[fn.Origin()]; ok {
				return d
			}
		}
	}
	return nil
}

// afterFunc records time.AfterFunc(d, f) whose f may close a connection.
func (w *watchdogs) afterFunc(call *ast.CallExpr, c walkCtx) {
	t := &trigger{kind: wdAfterFunc, fn: c.fn, pos: call.Pos()}
	arg := ast.Unparen(call.Args[1])
	if sel, ok := arg.(*ast.SelectorExpr); ok {
		if fn, ok := w.info.ObjectOf(sel.Sel).(*types.Func); ok && fn.Pkg() != nil {
			if l := libOfPath(fn.Pkg().Path()); l != noLib && method(l, fn.Name()) == useClose {
				t.direct = w.connNode(sel.X) // time.AfterFunc(d, conn.Close)
			}
		}
	}
	if t.direct == nil {
		t.branch = w.funcValue(arg)
		if t.branch == nil {
			return
		}
	}
	if v := w.afterVar[call]; v != nil {
		t.keys = []*types.Var{v}
	} else {
		t.oneShot = true
	}
	w.triggers = append(w.triggers, t)
}

// branch records the calls of a firing branch under its own key.
func (w *watchdogs) branch(key ast.Node, stmts []ast.Stmt, c walkCtx) {
	bc := walkCtx{fn: key, sitesOnly: true}
	for _, s := range stmts {
		w.walk(s, bc)
	}
}

// selectTrigger records the cases of a select that close when a timer
// fires: case <-time.After(d) in a loop, and case <-t.C.
func (w *watchdogs) selectTrigger(sel *ast.SelectStmt, c walkCtx) {
	for _, s := range sel.Body.List {
		cc, ok := s.(*ast.CommClause)
		if !ok {
			continue
		}
		ch := commChan(cc.Comm)
		if ch == nil {
			continue
		}
		var t *trigger
		switch ch := ast.Unparen(ch).(type) {
		case *ast.CallExpr:
			if !httplib.IsFunc(typeutil.StaticCallee(w.info, ch), "time", "", "After") || len(c.loops) == 0 {
				continue
			}
			t = &trigger{kind: wdAfter, fn: c.fn, pos: cc.Pos(), branch: cc}
			for _, o := range sel.Body.List {
				occ, ok := o.(*ast.CommClause)
				if !ok || o == s {
					continue
				}
				if oc := commChan(occ.Comm); oc != nil {
					if v := w.varOf(oc); v != nil {
						t.keys = append(t.keys, v)
					}
				}
			}
		case *ast.SelectorExpr:
			timer := w.varOf(ch.X)
			if timer == nil || !httplib.IsNamedPtr(timer.Type(), "time", "Timer") {
				continue
			}
			t = &trigger{kind: wdTimer, fn: c.fn, pos: cc.Pos(), branch: cc, keys: []*types.Var{timer}}
		default:
			continue
		}
		w.branch(cc, cc.Body, c)
		w.triggers = append(w.triggers, t)
	}
}

// commChan returns the channel a select case receives from.
func commChan(s ast.Stmt) ast.Expr {
	var e ast.Expr
	switch s := s.(type) {
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

// stampTrigger records an if that closes when a timestamp or flag is
// stale, inside a loop that waits on a ticker, a timer or a sleep.
func (w *watchdogs) stampTrigger(ifs *ast.IfStmt, c walkCtx) {
	if len(c.loops) == 0 || !slices.ContainsFunc(c.loops, w.waitsOnTime) {
		return
	}
	w.branch(ifs.Body, ifs.Body.List, c)
	w.triggers = append(w.triggers, &trigger{kind: wdStamp, fn: c.fn, pos: ifs.Pos(), branch: ifs.Body, cond: ifs.Cond})
}

// stampKeys returns the variables and fields that can hold a timestamp
// or flag which a condition reads: directly, through local variables
// assigned from them (stale := time.Since(c.last) > d), or through a
// getter of the package (c.lastSeen()).
func (w *watchdogs) stampKeys(cond ast.Expr) []*types.Var {
	var keys []*types.Var
	seen := map[*types.Var]bool{}
	add := func(v *types.Var) {
		if v != nil && stampType(v.Type()) && !slices.Contains(keys, v) {
			keys = append(keys, v)
		}
	}
	var visit func(e ast.Node)
	visit = func(e ast.Node) {
		ast.Inspect(e, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.Ident:
				v, _ := w.info.Uses[m].(*types.Var)
				if v == nil {
					break
				}
				v = v.Origin()
				add(v)
				if v.Kind() == types.LocalVar && !seen[v] {
					seen[v] = true
					for _, d := range w.localDefs[v] {
						visit(d)
					}
				}
			case *ast.CallExpr:
				if fn := typeutil.StaticCallee(w.info, m); fn != nil {
					if d, ok := w.funcOf[fn.Origin()].(*ast.FuncDecl); ok && d.Body != nil {
						ast.Inspect(d.Body, func(x ast.Node) bool {
							if id, ok := x.(*ast.Ident); ok {
								if v, ok := w.info.Uses[id].(*types.Var); ok && (v.IsField() || v.Kind() == types.PackageVar) {
									add(v.Origin())
								}
							}
							return true
						})
					}
				}
			}
			return true
		})
	}
	visit(cond)
	return keys
}

// waitsOnTime reports whether a loop waits on the clock each time round:
// a ticker or timer channel, time.Tick, time.After or time.Sleep.
func (w *watchdogs) waitsOnTime(loop ast.Node) bool {
	found := false
	ast.Inspect(loop, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			fn := typeutil.StaticCallee(w.info, m)
			for _, name := range []string{"Tick", "After", "Sleep"} {
				if httplib.IsFunc(fn, "time", "", name) {
					found = true
				}
			}
		case *ast.SelectorExpr:
			if m.Sel.Name == "C" {
				t := w.info.TypeOf(m.X)
				found = found || httplib.IsNamedPtr(t, "time", "Ticker") || httplib.IsNamedPtr(t, "time", "Timer")
			}
		}
		return !found
	})
	return found
}

// solveCloses computes, for every function and firing branch, the
// connections it closes whenever it runs: closes not behind an error
// check, directly or through the package's functions it calls.
func (w *watchdogs) solveCloses() {
	w.closes = map[ast.Node]map[node]bool{}
	for changed := true; changed; {
		changed = false
		for fn, ss := range w.sites {
			set := w.closes[fn]
			for _, s := range ss {
				if s.guarded {
					continue
				}
				var add []node
				if s.closes != nil {
					add = append(add, s.closes)
				}
				for _, t := range s.targets {
					for n := range w.closes[t] {
						add = append(add, n)
					}
				}
				for _, n := range add {
					if set == nil {
						set = map[node]bool{}
						w.closes[fn] = set
					}
					if !set[n] {
						set[n] = true
						changed = true
					}
				}
			}
		}
	}
}

// path returns the read path of a read loop in function seed: seed, the
// pong and ping handlers, what they call (not in a goroutine or a
// defer); the callers of functions that receive what it sends and return
// it (a Read method over a reader goroutine); and the functions that
// receive what it sends (a processing loop) with what they call.
func (w *watchdogs) path(seed ast.Node) *readPath {
	if p, ok := w.paths[seed]; ok {
		return p
	}
	p := &readPath{in: map[ast.Node]bool{}, fed: map[*types.Var]bool{}}
	var queue []ast.Node
	add := func(f ast.Node) {
		if f != nil && !p.in[f] {
			p.in[f] = true
			queue = append(queue, f)
		}
	}
	closure := func() {
		for len(queue) > 0 {
			f := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			for _, s := range w.sites[f] {
				if !s.async {
					for _, t := range s.targets {
						add(t)
					}
				}
			}
		}
	}
	fed := func() {
		for f := range p.in {
			for _, v := range w.sends[f] {
				p.fed[w.find(v)] = true
			}
		}
	}
	receives := func(f ast.Node) bool {
		return slices.ContainsFunc(w.recvs[f], func(v *types.Var) bool { return p.fed[w.find(v)] })
	}
	add(seed)
	for _, h := range w.handlers {
		add(h)
	}
	for {
		closure()
		fed()
		grew := false
		for f := range w.results {
			if !p.in[f] && w.results[f] && receives(f) {
				add(f)
				for _, c := range w.callers[f] {
					add(c)
				}
				grew = true
			}
		}
		if !grew {
			break
		}
	}
	for f := range w.results {
		if !p.in[f] && receives(f) {
			add(f)
		}
	}
	closure()
	fed()
	w.paths[seed] = p
	return p
}

// watched reports whether a watchdog renewed by the read path of r closes
// r's connection: the peer's silence ends the read.
func (w *watchdogs) watched(r *read, loop ast.Node) bool {
	seed := enclosingFunc(r.cur)
	if seed == nil {
		return false
	}
	p := w.path(seed)
	inLoop := func(pos token.Pos) bool { return loop.Pos() <= pos && pos < loop.End() }
	for _, t := range w.triggers {
		if !w.closesConn(t, r.node) {
			continue
		}
		switch t.kind {
		case wdAfterFunc:
			if (t.oneShot || !w.resetAnywhere(t.keys[0])) && w.closesDirectly(t, r.node) {
				return true // a deadline for the whole session: the callback closes the connection itself
			}
			if w.resetIn(p, t.keys[0]) || slices.Contains(w.handlers, t.fn) || t.fn == seed && inLoop(t.pos) {
				return true // reset, or armed again, by the read path
			}
		case wdAfter:
			if slices.ContainsFunc(t.keys, func(v *types.Var) bool { return p.fed[w.find(v)] }) {
				return true // each message the read path passes on restarts time.After
			}
		case wdTimer:
			if w.resetIn(p, t.keys[0]) {
				return true
			}
		case wdStamp:
			if t.fn == seed && inLoop(t.pos) {
				continue // checked only after the read returns
			}
			if t.keys == nil {
				t.keys = w.stampKeys(t.cond)
			}
			for _, k := range t.keys {
				if w.stampedBy(p, k, t.fn) {
					return true
				}
			}
		}
	}
	return false
}

func (w *watchdogs) closesConn(t *trigger, n node) bool {
	if t.direct != nil {
		return w.g.shares(t.direct, n)
	}
	for c := range w.closes[t.branch] {
		if w.g.shares(c, n) {
			return true
		}
	}
	return false
}

// closesDirectly reports whether a time.AfterFunc callback closes n
// itself (conn.Close, or a literal that calls it), not through other
// functions that may tear down more than this connection (a reconnect).
func (w *watchdogs) closesDirectly(t *trigger, n node) bool {
	if t.direct != nil {
		return w.g.shares(t.direct, n)
	}
	if _, ok := t.branch.(*ast.FuncLit); !ok {
		return false
	}
	return slices.ContainsFunc(w.sites[t.branch], func(s site) bool { return s.closes != nil && w.g.shares(s.closes, n) })
}

func (w *watchdogs) resetAnywhere(timer *types.Var) bool {
	root := w.find(timer)
	for _, vs := range w.resets {
		if slices.ContainsFunc(vs, func(v *types.Var) bool { return w.find(v) == root }) {
			return true
		}
	}
	return false
}

func (w *watchdogs) resetIn(p *readPath, timer *types.Var) bool {
	root := w.find(timer)
	for f := range p.in {
		if slices.ContainsFunc(w.resets[f], func(v *types.Var) bool { return w.find(v) == root }) {
			return true
		}
	}
	return false
}

// stampedBy reports whether the read path, outside the watchdog's own
// function, writes stamp k: with the clock, or (a flag or counter) when
// the watchdog also writes it, clearing it each time round.
func (w *watchdogs) stampedBy(p *readPath, k *types.Var, watchdog ast.Node) bool {
	_, rearmed := w.stamps[watchdog][k]
	for f := range p.in {
		if f == watchdog {
			continue
		}
		if sw, ok := w.stamps[f][k]; ok && (sw.timed || rearmed) {
			return true
		}
	}
	return false
}
