package wsheartbeat

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/analyzer"
	"github.com/connvet/connvet/passes/internal/httplib"
	"github.com/connvet/connvet/passes/internal/inprocess"
	"github.com/connvet/connvet/passes/internal/report"
)

//go:embed doc.go
var doc string

// InProcess is the option that also reports read loops whose peer is in
// this process: handlers given to httptest servers, dials to their URLs,
// server-side connections in test files (see (*graph).inProcess).
const InProcess = inprocess.Option

// Analyzer reports WebSocket read loops that no deadline or heartbeat
// covers.
var Analyzer = newAnalyzer()

func newAnalyzer() *analysis.Analyzer {
	a := analyzer.New("wsheartbeat", doc, run, inspect.Analyzer)
	a.Flags.Bool(InProcess, false, "also report read loops whose peer is in this process: connections accepted by handlers given to httptest servers or by servers in test files, dials to an httptest server's URL")
	return a
}

const consequence = "a peer that vanishes behind a proxy or load balancer blocks the read forever, leaking this goroutine and the connection"

func run(pass *analysis.Pass) (any, error) {
	if isLibPackage(pass.Pkg) {
		return nil, nil // the libraries' own read helpers
	}
	if !importsLib(pass.Pkg) {
		return nil, nil // no connection of the three libraries is made or handled here
	}
	g := newGraph(pass, pass.ResultOf[inspect.Analyzer].(*inspector.Inspector))
	g.build()
	c := &checker{pass: pass, g: g, info: pass.TypesInfo, reportInProcess: inprocess.Reported(pass)}
	type key struct {
		loop ast.Node
		n    node
	}
	seen := map[key]bool{}
	var w *watchdogs
	for _, r := range g.reads {
		loop, ok := c.unguarded(r)
		if !ok || seen[key{loop, r.node}] {
			continue
		}
		if w == nil {
			w = newWatchdogs(g) // only for packages with a read to report
		}
		if w.watched(r, loop) {
			continue // a timer the read path renews closes the connection
		}
		seen[key{loop, r.node}] = true
		c.report(r)
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	g    *graph
	info *types.Info

	reportInProcess bool // the inprocess option
}

// unguarded reports whether read r runs in a loop (or is a loop by
// itself, like io.Copy) on connections that nothing can unblock: each
// comes from an Upgrade, Accept or Dial the package shows, none is handed
// to code the check does not follow, and no read deadline, ping or
// deadline-carrying context covers the loop.
func (c *checker) unguarded(r *read) (ast.Node, bool) {
	switch ast.Unparen(r.recv).(type) {
	case *ast.Ident, *ast.SelectorExpr:
	default:
		return nil, false // conns[i]: one read per connection of a collection
	}
	g := c.g
	pts := g.pts[r.node]
	if len(pts) == 0 {
		return nil, false // a connection the package never makes
	}
	for l := range pts {
		li := g.labels[l]
		if li.unknown {
			return nil, false // made where the check cannot see
		}
		if !c.reportInProcess && g.inProcess(li) {
			return nil, false // its peer is this process, and the option does not ask for it
		}
	}
	var ds []deadline
	for n, f := range g.facts {
		if !g.shares(n, r.node) {
			continue
		}
		if f.escape || f.heartbeat {
			return nil, false // unseen code may set a deadline or close it; or a ping fails it
		}
		ds = append(ds, f.deadlines...)
	}
	var loop ast.Node = r.call
	if !r.all {
		if loop = loopOf(r); loop == nil {
			return nil, false // one read: not a read loop
		}
	}
	if covered(ds, loop, enclosingFunc(r.cur)) {
		return nil, false
	}
	if r.lib == coder && (r.ctx == nil || !c.endless(r.ctx, r.cur, map[*types.Var]bool{})) {
		return nil, false // the read's context can end it
	}
	return loop, true
}

// loopOf returns the innermost loop of the function around r that reads
// the same connection more than once: a loop whose body declares the
// connection reads a new one each time round.
func loopOf(r *read) ast.Node {
	for cur := range r.cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		var body ast.Node
		switch n := cur.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		case *ast.ForStmt:
			body = n.Body
		case *ast.RangeStmt:
			body = n
		}
		if r.root != nil && body.Pos() <= r.root.Pos() && r.root.Pos() < body.End() {
			continue
		}
		return cur.Node()
	}
	return nil
}

// covered reports whether a read deadline set by one of ds can end a read
// of the loop. A deadline set in another function (a pong handler, a
// helper, a goroutine) or inside the loop counts; one set before the loop
// in the same function counts unless a zero deadline clears it before the
// loop (the common handshake pattern); one set after the loop does not.
func covered(ds []deadline, loop, fn ast.Node) bool {
	for _, d := range ds {
		if d.zero {
			continue
		}
		limit := token.NoPos
		if d.fn == fn {
			if loop.Pos() <= d.pos && d.pos < loop.End() {
				return true
			}
			if d.pos >= loop.End() {
				continue
			}
			limit = loop.Pos()
		}
		cleared := slices.ContainsFunc(ds, func(z deadline) bool {
			return z.zero && z.fn == d.fn && z.pos > d.pos && (limit == token.NoPos || z.pos < limit)
		})
		if !cleared {
			return true
		}
	}
	return false
}

// endless reports whether ctx, the context of a coder/nhooyr read at cur,
// never ends while the read waits: context.Background or TODO,
// WithoutCancel, the request context of the HTTP handler the read is in
// (canceled only when the handler returns), and contexts derived from
// those with WithValue, or WithCancel when the cancel function is only
// deferred. A context from the caller, from a field, or from any other
// call is trusted.
func (c *checker) endless(e ast.Expr, cur inspector.Cursor, seen map[*types.Var]bool) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok || v.Kind() != types.LocalVar || seen[v] {
			return false
		}
		seen[v] = true
		defs := c.g.ctxDefs[v]
		if len(defs) == 0 {
			return false
		}
		for _, d := range defs {
			call, ok := ast.Unparen(d.rhs).(*ast.CallExpr)
			if !ok {
				if d.idx != 0 || !c.endless(d.rhs, cur, seen) {
					return false
				}
				continue
			}
			if !c.endlessCall(call, d.idx, d.cancel, cur, seen) {
				return false
			}
		}
		return true
	case *ast.CallExpr:
		return c.endlessCall(e, 0, nil, cur, seen)
	}
	return false
}

func (c *checker) endlessCall(call *ast.CallExpr, idx int, cancel *types.Var, cur inspector.Cursor, seen map[*types.Var]bool) bool {
	if idx != 0 {
		return false
	}
	callee := typeutil.StaticCallee(c.info, call)
	ctxFunc := func(names ...string) bool {
		for _, n := range names {
			if httplib.IsFunc(callee, "context", "", n) {
				return true
			}
		}
		return false
	}
	switch {
	case ctxFunc("Background", "TODO", "WithoutCancel"):
		return true
	case ctxFunc("WithValue"):
		return len(call.Args) > 0 && c.endless(call.Args[0], cur, seen)
	case ctxFunc("WithCancel", "WithCancelCause"):
		if cancel != nil && c.g.cancelFree[cancel] {
			return false // canceled by something other than a deferred call
		}
		return len(call.Args) > 0 && c.endless(call.Args[0], cur, seen)
	}
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if !httplib.IsFunc(fn, "net/http", "Request", "Context") {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	r, _ := c.info.Uses[id].(*types.Var)
	return r != nil && r.Kind() == types.ParamVar && declares(c.info, enclosingFunc(cur), r)
}

// declares reports whether fn (a FuncDecl or FuncLit) has parameter v.
func declares(info *types.Info, fn ast.Node, v *types.Var) bool {
	var ft *ast.FuncType
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		ft = fn.Type
	case *ast.FuncLit:
		ft = fn.Type
	default:
		return false
	}
	for _, f := range ft.Params.List {
		for _, name := range f.Names {
			if info.Defs[name] == v {
				return true
			}
		}
	}
	return false
}

func (c *checker) report(r *read) {
	name := types.ExprString(r.recv)
	var msg string
	switch {
	case r.all:
		msg = fmt.Sprintf("%s reads websocket %s until it closes, with no read deadline: %s", calleeName(c.info, r.call), name, consequence)
	case r.lib == coder:
		msg = fmt.Sprintf("websocket %s is read in a loop with context %s, which has no deadline, and nothing pings the peer: %s", name, types.ExprString(r.ctx), consequence)
	default:
		msg = fmt.Sprintf("websocket %s is read in a loop with no read deadline: %s", name, consequence)
	}
	d := analysis.Diagnostic{Pos: r.call.Pos(), End: r.call.End(), Message: msg}
	var first *labelInfo
	for l := range c.g.pts[r.node] {
		if li := &c.g.labels[l]; first == nil || li.pos < first.pos {
			first = li
		}
	}
	if first != nil && first.what != "" {
		d.Related = []analysis.RelatedInformation{{Pos: first.pos, Message: first.what}}
	}
	report.Report(c.pass, d)
}

func calleeName(info *types.Info, call *ast.CallExpr) string {
	if fn, ok := typeutil.Callee(info, call).(*types.Func); ok && fn.Pkg() != nil {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	return types.ExprString(call.Fun)
}
