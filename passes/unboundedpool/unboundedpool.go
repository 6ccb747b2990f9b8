package unboundedpool

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/analyzer"
	"github.com/connvet/connvet/passes/internal/config"
	"github.com/connvet/connvet/passes/internal/fasthttpver"
	"github.com/connvet/connvet/passes/internal/fix"
	"github.com/connvet/connvet/passes/internal/httplib"
	"github.com/connvet/connvet/passes/internal/inprocess"
	"github.com/connvet/connvet/passes/internal/report"
)

//go:embed doc.go
var doc string

// MaxConns is the option that also requires MaxConnsPerHost on transports.
const MaxConns = "maxconns"

// InProcess is the option that also reports pools whose every request
// reaches a peer in this process (httptest servers, listeners the package
// opens) or that route to one (see passes/internal/inprocess).
const InProcess = inprocess.Option

// IdleConnTimeout is the value the fix writes: DefaultTransport's.
const IdleConnTimeout = "90 * time.Second"

// Analyzer reports connection pools without a bound.
var Analyzer = newAnalyzer()

func newAnalyzer() *analysis.Analyzer {
	a := analyzer.New("unboundedpool", doc, run, inspect.Analyzer, config.Analyzer)
	a.Flags.Bool(MaxConns, false, "also report http.Transport literals without MaxConnsPerHost")
	inprocess.AddFlag(a)
	return a
}

const httpPath = "net/http"

func run(pass *analysis.Pass) (any, error) {
	if httplib.IsLibrary(pass.Pkg) {
		return nil, nil // the library's own implementation of the API
	}
	if !httplib.Imports(pass.Pkg, httpPath, httplib.Fasthttp) {
		return nil, nil // no pool of either library can be made here
	}
	c := &checker{
		pass:            pass,
		ix:              pass.ResultOf[config.Analyzer].(*config.Index),
		insp:            pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		maxConns:        pass.Analyzer.Flags.Lookup(MaxConns) != nil && pass.Analyzer.Flags.Lookup(MaxConns).Value.String() == "true",
		reportInProcess: inprocess.Reported(pass),
		defaults:        config.NewDefaults(pass),
		holders:         map[*types.Func]holder{},
	}
	c.peers = inprocess.New(pass, c.ix)
	for cur := range c.insp.Root().Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
		c.visit(cur)
	}
	return nil, nil
}

type checker struct {
	pass     *analysis.Pass
	ix       *config.Index
	insp     *inspector.Inspector
	maxConns bool

	peers           *inprocess.Peers
	reportInProcess bool                          // the inprocess option
	poolUses        map[*config.Origin]*poolUse   // requests per transport, built on first use
	decls           map[*types.Func]*ast.FuncDecl // this package's functions, built on first use
	defaults        *config.Defaults              // option fields zero by default, built on first use
	holders         map[*types.Func]holder        // constructors whose result keeps a new pool (holders.go)
}

// poolKind names what a construction makes.
type poolKind int

const (
	notPool poolKind = iota
	transport
	clientWithTransport
	fasthttpClient
)

func (c *checker) visit(cur inspector.Cursor) {
	e := cur.Node().(ast.Expr)
	kind := c.kind(e)
	if kind == notPool {
		if call, ok := e.(*ast.CallExpr); ok {
			if idx, pool := c.ix.FreshResult(call); pool != nil && !c.isClientTransport(cur) {
				c.checkMadeByCall(cur, call, idx, pool)
			} else if fn := typeutil.StaticCallee(c.pass.TypesInfo, call); fn != nil && fn.Pkg() == c.pass.Pkg {
				if h, ok := c.holderOf(fn.Origin()); ok {
					c.checkHolderCall(cur, call, fn.Origin(), h)
				}
			}
		}
		return
	}
	if lit, ok := e.(*ast.CompositeLit); ok && kind == transport {
		if fn, _ := enclosing(cur); !fn.Valid() || !c.runOnce(fn.Node()) || !c.inTestFile(fn.Node()) {
			c.checkIdle(lit)
		}
	}
	if kind == transport && c.isClientTransport(cur) {
		return // judged as part of the client that holds it
	}
	c.checkPerRequest(cur, e, kind)
}

// kind classifies a construction expression.
func (c *checker) kind(e ast.Expr) poolKind {
	info := c.pass.TypesInfo
	switch e := e.(type) {
	case *ast.CompositeLit:
		t, ok := config.TypeOf(info.TypeOf(e))
		if !ok {
			return notPool
		}
		switch {
		case t.Path == httpPath && t.Name == "Transport":
			return transport
		case t.Path == httpPath && t.Name == "Client":
			for _, elt := range e.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok && isIdent(kv.Key, "Transport") && (c.kind(ast.Unparen(stripAddr(kv.Value))) == transport || c.freshTransportCall(kv.Value)) {
					return clientWithTransport
				}
			}
		case t.Path == fasthttpver.Path && (t.Name == "Client" || t.Name == "HostClient"):
			return fasthttpClient
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsBuiltin() {
			if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && id.Name == "new" && len(e.Args) == 1 {
				if t, ok := config.TypeOf(info.TypeOf(e)); ok {
					switch {
					case t.Path == httpPath && t.Name == "Transport":
						return transport
					case t.Path == fasthttpver.Path && (t.Name == "Client" || t.Name == "HostClient"):
						return fasthttpClient
					}
				}
			}
			return notPool
		}
		if fn := typeutil.StaticCallee(info, e); fn != nil && httplib.IsFunc(fn, httpPath, "Transport", "Clone") {
			return transport
		}
	}
	return notPool
}

// freshTransportCall reports whether e calls a function whose result is a
// new http.Transport (config.FreshResult).
func (c *checker) freshTransportCall(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	_, pool := c.ix.FreshResult(call)
	return pool != nil && pool.Kind == config.PoolTransport
}

func stripAddr(e ast.Expr) ast.Expr {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		return u.X
	}
	return e
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// isClientTransport reports whether the construction is the Transport
// field of an http.Client literal.
func (c *checker) isClientTransport(cur inspector.Cursor) bool {
	p := cur.Parent()
	if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		p = p.Parent()
	}
	if _, ok := p.Node().(*ast.ParenExpr); ok {
		p = p.Parent()
	}
	kv, ok := p.Node().(*ast.KeyValueExpr)
	if !ok || !isIdent(kv.Key, "Transport") {
		return false
	}
	lit, ok := p.Parent().Node().(*ast.CompositeLit)
	return ok && c.kind(lit) == clientWithTransport
}

// checkIdle reports an http.Transport literal whose idle connections never
// expire.
func (c *checker) checkIdle(lit *ast.CompositeLit) {
	v := c.ix.Value(lit)
	if v == nil || len(v.Origins) != 1 {
		return
	}
	o := v.Origins[0]
	if o.Escaped {
		return // configured, perhaps, by code we cannot see
	}
	info := c.pass.TypesInfo
	if c.constTrue(o.Fields["DisableKeepAlives"]) || o.Closed {
		return // no idle connections are kept, or they are closed
	}
	if c.quiet(lit) != "" {
		return // every request closes its connection, or stays in this process
	}
	if !v.SetPositive(info, "IdleConnTimeout") {
		d := analysis.Diagnostic{
			Pos: lit.Pos(), End: lit.End(),
			Message: "http.Transport has no IdleConnTimeout: its idle connections, each with two goroutines, are never closed (DefaultTransport closes them after 90s)",
		}
		if edits, ok := c.addField(v, "IdleConnTimeout", IdleConnTimeout); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Add IdleConnTimeout to the transport", TextEdits: edits}}
		}
		c.report(d)
	} else if f, defaults, ok := idleFromField(c, v, c.defaults.Zero); ok {
		c.reportDefaultIdle(lit, f, defaults)
	} else if f, fillers, ok := idleFromField(c, v, c.defaults.Forgotten); ok {
		c.reportForgottenIdle(lit, f, fillers)
	}
	if c.maxConns && !v.SetPositive(info, "MaxConnsPerHost") {
		c.report(analysis.Diagnostic{Pos: lit.Pos(), End: lit.End(), Message: "http.Transport has no MaxConnsPerHost: the number of connections to a host is unbounded"})
	}
}

func (c *checker) constTrue(e ast.Expr) bool {
	if e == nil {
		return false
	}
	tv, ok := c.pass.TypesInfo.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
}

// addField sets key on the transport's literal (see config.Editable).
func (c *checker) addField(v *config.Value, key, value string) ([]analysis.TextEdit, bool) {
	lits, ok := v.Editable(key)
	if !ok {
		return nil, false
	}
	return fix.AddTimeFields(c.pass, lits, []string{key}, map[string]string{key: value})
}

// checkPerRequest reports a pool made per loop iteration, per request or
// per call, used and dropped.
func (c *checker) checkPerRequest(cur inspector.Cursor, e ast.Expr, kind poolKind) {
	fnCur, inLoop := enclosing(cur)
	if !fnCur.Valid() {
		return // a package-level pool: made once
	}
	fn := fnCur.Node()
	name := "the pool"
	local, stmt, ok := c.binding(cur)
	var uses int
	var closed bool
	if ok {
		uses, closed, ok = c.usesOf(fnCur, local)
		if local != nil {
			name = local.Name()
		}
	} else if s, held := c.structBinding(cur, fn); held {
		// Kept in a struct the function makes and drops (structs.go).
		uses, closed, ok = c.structUses(fn, s)
		name = s.name()
	}
	if !ok || uses == 0 || closed {
		return // escapes, unused, or its connections are closed
	}
	var tr ast.Expr // the http.Transport the construction makes or holds
	if kind == transport || kind == clientWithTransport {
		if c.keepAlivesDisabled(e) {
			return
		}
		tr = c.transportOf(e, kind)
		if tr != nil && c.quiet(tr) != "" {
			return // every request closes its connection, or stays in this process
		}
	}
	what := map[poolKind]string{
		transport:           "a new http.Transport",
		clientWithTransport: "an http.Client with a new Transport",
		fasthttpClient:      "a new fasthttp client",
	}[kind]
	where, ok := c.madePer(fn, inLoop)
	if !ok {
		return // made once per process or test
	}
	var keeps string
	if kind == fasthttpClient {
		keeps = "each keeps its idle connections open, with a goroutine that closes them, " + c.fasthttpIdle(e) + " after their last use"
	} else {
		keeps = "each keeps its idle connections and two goroutines per connection " + c.idleUntil(tr)
	}
	d := analysis.Diagnostic{
		Pos: e.Pos(), End: e.End(),
		Message: fmt.Sprintf("%s is made %s and dropped without CloseIdleConnections: %s; share one pool, or close %s", what, where, keeps, name),
	}
	if local != nil && stmt != nil && !inLoop {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Close the idle connections when the function returns",
			TextEdits: []analysis.TextEdit{c.deferClose(stmt, local.Name())},
		}}
	}
	c.report(d)
}

// madePer says how often a pool made in fn is made: per loop iteration,
// per request (a handler) or per call; ok is false for a function that
// runs once per process or test.
func (c *checker) madePer(fn ast.Node, inLoop bool) (string, bool) {
	switch {
	case inLoop:
		return "per loop iteration", true
	case c.isHandler(fn):
		return "per request", true
	case c.runOnce(fn):
		return "", false
	}
	return "per call", true
}

// checkMadeByCall reports a call of a function that makes a new pool each
// time (config.FreshResult: result idx is pool), made per loop iteration,
// per request or per call, used and dropped: the helper's pool leaks as
// its literal would in the caller.
func (c *checker) checkMadeByCall(cur inspector.Cursor, call *ast.CallExpr, idx int, pool *config.Pool) {
	fnCur, inLoop := enclosing(cur)
	if !fnCur.Valid() {
		return // a package-level pool: made once
	}
	fn := fnCur.Node()
	name := "the pool"
	local, stmt, ok := c.bindingAt(cur, idx)
	var uses int
	var closed bool
	if ok {
		uses, closed, ok = c.usesOf(fnCur, local)
		if local != nil {
			name = local.Name()
		}
	} else if s, held := c.structBinding(cur, fn); held && idx == 0 {
		uses, closed, ok = c.structUses(fn, s)
		name = s.name()
	}
	if !ok || uses == 0 || closed {
		return
	}
	if pool.Made != nil && pool.Kind != config.PoolFasthttp && c.quiet(pool.Made) != "" {
		return // every request closes its connection, or stays in this process
	}
	where, ok := c.madePer(fn, inLoop)
	if !ok {
		return // made once per process or test
	}
	what := map[string]string{
		config.PoolTransport: "a new http.Transport",
		config.PoolClient:    "an http.Client with a new Transport",
		config.PoolFasthttp:  "a new fasthttp client",
	}[pool.Kind]
	if what == "" {
		return
	}
	var keeps string
	switch {
	case pool.Kind == config.PoolFasthttp:
		keeps = "each keeps its idle connections open, with a goroutine that closes them, for MaxIdleConnDuration (10s by default) after their last use"
	case pool.Made != nil:
		keeps = "each keeps its idle connections and two goroutines per connection " + c.idleUntil(pool.Made)
	default:
		keeps = "each keeps its idle connections and two goroutines per connection " + map[string]string{
			config.IdleNever:   "forever (it has no IdleConnTimeout)",
			config.IdleTimeout: "until its IdleConnTimeout",
			config.IdleClone:   "until its IdleConnTimeout (90s in a clone of DefaultTransport)",
			"":                 "until its IdleConnTimeout, forever without one",
		}[pool.Idle]
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s is made %s by %s and dropped without CloseIdleConnections: %s; share one pool, or close %s",
			what, where, c.calleeName(call), keeps, name),
	}
	if pool.Made != nil {
		d.Related = []analysis.RelatedInformation{{Pos: pool.Made.Pos(), End: pool.Made.End(), Message: "the pool is made here"}}
	}
	if local != nil && stmt != nil && !inLoop && c.closable(call, local) {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Close the idle connections when the function returns",
			TextEdits: []analysis.TextEdit{c.deferClose(stmt, local.Name())},
		}}
	}
	c.report(d)
}

// closable reports whether "defer local.CloseIdleConnections()" may follow
// the call: it has one result (no error that leaves it nil), whose type
// has the method.
func (c *checker) closable(call *ast.CallExpr, local *types.Var) bool {
	if _, tuple := c.pass.TypesInfo.TypeOf(call).(*types.Tuple); tuple {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(local.Type(), true, c.pass.Pkg, "CloseIdleConnections")
	_, ok := obj.(*types.Func)
	return ok
}

// calleeName names the function a call calls: pkg.F for another
// package's, T.m for a method, F otherwise.
func (c *checker) calleeName(call *ast.CallExpr) string {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil {
		return types.ExprString(call.Fun)
	}
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	if fn.Pkg() != nil && fn.Pkg() != c.pass.Pkg && fn.Signature().Recv() == nil {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}

// bindingAt is binding for result idx of a call: v, err := f() binds the
// pool to v when idx is its position.
func (c *checker) bindingAt(cur inspector.Cursor, idx int) (*types.Var, ast.Stmt, bool) {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) < 2 || as.Rhs[0] != cur.Node() {
		if idx != 0 {
			return nil, nil, false
		}
		return c.binding(cur)
	}
	if as.Tok != token.DEFINE || idx >= len(as.Lhs) {
		return nil, nil, false
	}
	id, ok := as.Lhs[idx].(*ast.Ident)
	if !ok {
		return nil, nil, false
	}
	v, ok := c.pass.TypesInfo.Defs[id].(*types.Var)
	if !ok {
		return nil, nil, false // _, or a variable declared before
	}
	return v, as, true
}

// transportOf returns the http.Transport expression a construction makes
// (kind transport) or holds in its Transport field (an http.Client
// literal).
func (c *checker) transportOf(e ast.Expr, kind poolKind) ast.Expr {
	if kind == transport {
		return e
	}
	lit, ok := ast.Unparen(stripAddr(e)).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok && isIdent(kv.Key, "Transport") {
			return kv.Value
		}
	}
	return nil
}

// idleUntil says how long a dropped http.Transport keeps its idle
// connections: until IdleConnTimeout when it is set, forever when a
// literal or new(http.Transport) leaves it zero.
func (c *checker) idleUntil(tr ast.Expr) string {
	var v *config.Value
	if tr != nil {
		v = c.ix.Value(tr)
	}
	switch {
	case v == nil:
		return "until its IdleConnTimeout, forever without one"
	case len(v.Origins) == 1 && v.Origins[0].Call != nil && c.kind(v.Origins[0].Call) == transport:
		return "until its IdleConnTimeout (90s in a clone of DefaultTransport)" // Clone copies it
	case v.SetPositive(c.pass.TypesInfo, "IdleConnTimeout"):
		return "until its IdleConnTimeout"
	case v.Known():
		return "forever (it has no IdleConnTimeout)"
	}
	return "until its IdleConnTimeout, forever without one"
}

// fasthttpIdle says how long a dropped fasthttp client keeps its idle
// connections: MaxIdleConnDuration after their last use, 10s when unset
// (fasthttp.DefaultMaxIdleConnDuration, the same in v1.38.0 and v1.70.0).
func (c *checker) fasthttpIdle(e ast.Expr) string {
	v := c.ix.Value(e)
	if v != nil && len(v.Origins) == 1 {
		if x, ok := v.Origins[0].Fields["MaxIdleConnDuration"]; ok && x != nil && v.SetPositive(c.pass.TypesInfo, "MaxIdleConnDuration") {
			return "for MaxIdleConnDuration (" + types.ExprString(x) + ")"
		}
		if v.Known() && !v.Set("MaxIdleConnDuration") {
			return "for 10s (MaxIdleConnDuration's default)"
		}
	}
	return "for MaxIdleConnDuration (10s by default)"
}

// enclosing returns the innermost function around cur and whether a loop
// lies between them.
func enclosing(cur inspector.Cursor) (inspector.Cursor, bool) {
	inLoop := false
	for p := range cur.Parent().Enclosing() {
		switch p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			inLoop = true
		case *ast.FuncDecl, *ast.FuncLit:
			return p, inLoop
		}
	}
	return inspector.Cursor{}, false
}

// binding returns the local variable the construction is assigned to (nil
// when it is used directly as a receiver) and the defining statement.
func (c *checker) binding(cur inspector.Cursor) (*types.Var, ast.Stmt, bool) {
	p := cur.Parent()
	child := cur.Node()
	if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		child, p = u, p.Parent()
	}
	info := c.pass.TypesInfo
	switch n := p.Node().(type) {
	case *ast.CallExpr:
		// send(newClient(), req): handed, as it is made, to a function of
		// this package that only borrows it: used once, dropped.
		if _, tuple := info.TypeOf(child.(ast.Expr)).(*types.Tuple); !tuple && c.borrowedArg(n, child) {
			return nil, nil, true
		}
	case *ast.SelectorExpr:
		if n.X == child {
			return nil, nil, true // (&T{}).Get(...): used once, dropped
		}
	case *ast.ParenExpr:
		if sel, ok := p.Parent().Node().(*ast.SelectorExpr); ok && sel.X == n {
			return nil, nil, true
		}
	case *ast.AssignStmt:
		if n.Tok != token.DEFINE || len(n.Lhs) != len(n.Rhs) {
			return nil, nil, false
		}
		for i, r := range n.Rhs {
			if r == child {
				if id, ok := n.Lhs[i].(*ast.Ident); ok {
					if v, ok := info.Defs[id].(*types.Var); ok {
						return v, n, true
					}
				}
			}
		}
	case *ast.ValueSpec:
		for i, val := range n.Values {
			if val == child && i < len(n.Names) {
				if v, ok := info.Defs[n.Names[i]].(*types.Var); ok {
					if ds, ok := p.Parent().Parent().Node().(*ast.DeclStmt); ok {
						return v, ds, true
					}
				}
			}
		}
	}
	return nil, nil, false
}

// usesOf counts the requests made with local in fn and whether its idle
// connections are closed; ok is false when the value escapes. A transport
// that only feeds the Transport field of a local client follows that
// client. A use inside a function literal escapes: the closure may outlive
// the call.
func (c *checker) usesOf(fn inspector.Cursor, local *types.Var) (uses int, closed, ok bool) {
	if local == nil {
		return 1, false, true
	}
	info := c.pass.TypesInfo
	for cur := range fn.Preorder((*ast.Ident)(nil)) {
		if info.Uses[cur.Node().(*ast.Ident)] != local {
			continue
		}
		if inFuncLit(cur, fn) {
			return uses, closed, false
		}
		u, cl, uok := c.use(fn, cur)
		uses, closed = uses+u, closed || cl
		if !uok {
			return uses, closed, false
		}
	}
	return uses, closed, true
}

// use classifies one use of the pool variable, the ident at cur.
func (c *checker) use(fn, cur inspector.Cursor) (uses int, closed, ok bool) {
	info := c.pass.TypesInfo
	id := cur.Node()
	switch p := cur.Parent().Node().(type) {
	case *ast.SelectorExpr:
		if p.X != id {
			return 0, false, false
		}
		if sel, found := info.Selections[p]; found && sel.Kind() == types.MethodVal {
			if sel.Obj().Name() == "CloseIdleConnections" {
				return 0, true, true
			}
			return 1, false, true
		}
		return 0, false, true // a field read or write
	case *ast.KeyValueExpr:
		// &http.Client{Transport: tr}: the client now holds the pool.
		if p.Value != id || !isIdent(p.Key, "Transport") {
			return 0, false, false
		}
		lit, isLit := cur.Parent().Parent().Node().(*ast.CompositeLit)
		if !isLit {
			return 0, false, false
		}
		if t, tok := config.TypeOf(info.TypeOf(lit)); !tok || t.Path != httpPath || t.Name != "Client" {
			return 0, false, false
		}
		return c.clientUses(fn, cur.Parent().Parent())
	case *ast.CallExpr:
		// post(ctx, client, ...): a function of this package that only
		// uses the pool for its requests, and neither keeps nor returns it.
		if c.borrowedArg(p, id) {
			return 1, false, true
		}
	}
	return 0, false, false
}

// borrowedArg reports whether arg, an argument of call, goes to a function
// of this package that only borrows it (config: it sends requests with it,
// directly, through functions that borrow it too, or through decorators
// whose results are used the same way, and neither keeps nor returns it),
// and no decorator written at the call keeps it (keepingDecorator).
func (c *checker) borrowedArg(call *ast.CallExpr, arg ast.Node) bool {
	callee := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if callee == nil || callee.Pkg() != c.pass.Pkg {
		return false
	}
	for j, a := range call.Args {
		if a != arg {
			continue
		}
		// With f(x, ys...), argument j is parameter j; Borrowed refuses
		// the variadic parameter.
		if !c.ix.Borrowed(callee, j) {
			return false
		}
		for i, d := range call.Args {
			if i != j && c.keepingDecorator(d) {
				return false
			}
		}
		return true
	}
	return false
}

// keepingDecorator reports whether e, an argument handed along with a
// pool, is a decorator written here (a function literal, or a function of
// this package, taking a sender and returning one) that may keep the
// sender it is given: its parameter is used otherwise than as a receiver
// (s.Do(r), also inside the literal it returns) or returned as it is.
func (c *checker) keepingDecorator(e ast.Expr) bool {
	info := c.pass.TypesInfo
	var ft *ast.FuncType
	var body *ast.BlockStmt
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		ft, body = e.Type, e.Body
	case *ast.Ident, *ast.SelectorExpr:
		fn, ok := typeutil.Callee(info, &ast.CallExpr{Fun: e}).(*types.Func)
		if !ok || fn.Pkg() != c.pass.Pkg || fn.Signature().Recv() != nil {
			return false
		}
		decl := c.funcDecl(fn)
		if decl == nil || decl.Body == nil {
			return false
		}
		ft, body = decl.Type, decl.Body
	default:
		return false
	}
	sig, ok := info.TypeOf(e).(*types.Signature)
	if !ok || ft == nil || ft.Params == nil || sig.Results().Len() != 1 || !config.IsSender(sig.Results().At(0).Type()) {
		return false
	}
	params := map[types.Object]bool{}
	for _, f := range ft.Params.List {
		for _, n := range f.Names {
			if v, ok := info.Defs[n].(*types.Var); ok && config.IsSender(v.Type()) {
				params[v] = true
			}
		}
	}
	if len(params) == 0 {
		return false
	}
	keeps := false
	ast.Inspect(body, func(n ast.Node) bool {
		if keeps {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && params[info.Uses[id]] {
				return false // s.Do(r): used as a receiver
			}
		case *ast.ReturnStmt:
			if len(n.Results) == 1 {
				if id, ok := ast.Unparen(n.Results[0]).(*ast.Ident); ok && params[info.Uses[id]] {
					return false // returned as it is
				}
			}
		case *ast.Ident:
			if params[info.Uses[n]] {
				keeps = true // stored, handed on, captured otherwise
			}
		}
		return true
	})
	return keeps
}

// clientUses follows a client literal (at lit) that holds the pool: used
// directly as a receiver, or bound to a local.
func (c *checker) clientUses(fn, lit inspector.Cursor) (uses int, closed, ok bool) {
	wraps := func(n ast.Node) bool { // (lit), &lit
		switch n := n.(type) {
		case *ast.ParenExpr:
			return true
		case *ast.UnaryExpr:
			return n.Op == token.AND
		}
		return false
	}
	child, p := lit.Node(), lit.Parent()
	for wraps(p.Node()) {
		child, p = p.Node(), p.Parent()
	}
	switch p := p.Node().(type) {
	case *ast.SelectorExpr:
		if p.X == child {
			return 1, false, true
		}
	case *ast.AssignStmt:
		if p.Tok == token.DEFINE && len(p.Lhs) == len(p.Rhs) {
			for j, r := range p.Rhs {
				if r != child {
					continue
				}
				if id, isID := p.Lhs[j].(*ast.Ident); isID {
					if v, isVar := c.pass.TypesInfo.Defs[id].(*types.Var); isVar {
						return c.usesOf(fn, v)
					}
				}
			}
		}
	}
	return 0, false, false
}

// inTestFile reports whether n is in a _test.go file.
func (c *checker) inTestFile(n ast.Node) bool {
	f := c.pass.Fset.File(n.Pos())
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// inFuncLit reports whether a function literal below fn encloses cur.
func inFuncLit(cur, fn inspector.Cursor) bool {
	for lit := range cur.Parent().Enclosing((*ast.FuncLit)(nil)) {
		return lit != fn // the innermost: fn itself, or one inside it
	}
	return false
}

// runOnce reports whether fn runs once per process or test: main and
// init, and Test, Example and Fuzz functions in test files. Benchmarks
// loop, so they are not exempt.
func (c *checker) runOnce(fn ast.Node) bool {
	decl, isDecl := fn.(*ast.FuncDecl)
	if !isDecl || decl.Recv != nil {
		return false
	}
	name := decl.Name.Name
	if name == "init" || (name == "main" && c.pass.Pkg.Name() == "main") {
		return true
	}
	file := c.pass.Fset.File(decl.Pos())
	if file == nil || !strings.HasSuffix(file.Name(), "_test.go") {
		return false
	}
	for _, prefix := range []string{"Test", "Example", "Fuzz"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// keepAlivesDisabled reports whether the transport (or the client's
// transport) sets DisableKeepAlives: true.
func (c *checker) keepAlivesDisabled(e ast.Expr) bool {
	lit, ok := ast.Unparen(stripAddr(e)).(*ast.CompositeLit)
	if !ok {
		return false
	}
	v := c.ix.Value(lit)
	if v != nil && len(v.Origins) == 1 && c.constTrue(v.Origins[0].Fields["DisableKeepAlives"]) {
		return true
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok && isIdent(kv.Key, "Transport") {
			return c.keepAlivesDisabled(kv.Value)
		}
	}
	return false
}

// isHandler reports whether fn serves HTTP requests: a net/http handler
// signature, a ServeHTTP method, or a fasthttp request handler.
func (c *checker) isHandler(fn ast.Node) bool {
	var ft *ast.FuncType
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		ft = fn.Type
		if fn.Recv != nil && fn.Name.Name == "ServeHTTP" {
			return true
		}
	case *ast.FuncLit:
		ft = fn.Type
	}
	if ft == nil || ft.Params == nil {
		return false
	}
	var params []types.Type
	for _, f := range ft.Params.List {
		t := c.pass.TypesInfo.TypeOf(f.Type)
		n := max(len(f.Names), 1)
		for range n {
			params = append(params, t)
		}
	}
	switch len(params) {
	case 1:
		return httplib.IsNamedPtr(params[0], httplib.Fasthttp, "RequestCtx")
	case 2:
		return httplib.IsNamed(params[0], httpPath, "ResponseWriter") && httplib.IsNamedPtr(params[1], httpPath, "Request")
	}
	return false
}

// deferClose inserts "defer name.CloseIdleConnections()" on a line of its
// own after stmt (after any comment that ends stmt's line).
func (c *checker) deferClose(stmt ast.Stmt, name string) analysis.TextEdit {
	at := stmt.End()
	indent := ""
	if src := fix.Source(c.pass, stmt.Pos()); src != nil {
		tf := c.pass.Fset.File(stmt.Pos())
		start := tf.Offset(tf.LineStart(c.pass.Fset.Position(stmt.Pos()).Line))
		for i := start; i < len(src) && (src[i] == '\t' || src[i] == ' '); i++ {
			indent += string(src[i])
		}
		end := tf.Offset(stmt.End())
		for end < len(src) && src[end] != '\n' {
			end++
		}
		if end < len(src) {
			// At the start of the next line, so that an edit that rewrites
			// stmt's whole line (a gofmt-tidied fix) does not contain it.
			return analysis.TextEdit{Pos: tf.Pos(end + 1), End: tf.Pos(end + 1), NewText: []byte(indent + "defer " + name + ".CloseIdleConnections()\n")}
		}
		at = tf.Pos(end)
	}
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n" + indent + "defer " + name + ".CloseIdleConnections()")}
}

// report reports d unless it is in test code (a _test.go file, outside
// Example functions) and the inprocess option does not ask for it: a pool
// built by a test lives and dies with the test binary, and its peers are
// the test run's own servers.
func (c *checker) report(d analysis.Diagnostic) {
	if inprocess.SilentTestServer(c.pass, d.Pos) {
		return
	}
	report.Report(c.pass, d)
}
