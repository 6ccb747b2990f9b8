package bodydrain

import (
	_ "embed"
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

	"github.com/connvet/connvet/passes/internal/analyzer"
	"github.com/connvet/connvet/passes/internal/config"
	"github.com/connvet/connvet/passes/internal/fix"
	"github.com/connvet/connvet/passes/internal/httplib"
	"github.com/connvet/connvet/passes/internal/inprocess"
	"github.com/connvet/connvet/passes/internal/methval"
	"github.com/connvet/connvet/passes/internal/report"
)

//go:embed doc.go
var doc string

// NoClose is the option listing further APIs whose responses need no
// close, as comma-separated "importpath.Func" or "importpath.Type.Method".
const NoClose = "noclose"

// Decoder is the option that reports a body closed after a json or xml
// decode (on by default); turn it off to report only bodies closed unread
// or after a bounded read.
const Decoder = "decoder"

// InProcess is the option that also reports responses from peers in this
// process: httptest servers, listeners the package opens, in-memory
// RoundTrippers (see passes/internal/inprocess).
const InProcess = inprocess.Option

// DefaultNoClose are the APIs whose responses need no close: a recorder's
// synthetic response, a response read from a connection the caller owns,
// and websocket dials, whose response body is empty
// and whose connection belongs to the websocket.
var DefaultNoClose = []string{
	"net/http/httptest.ResponseRecorder.Result",
	// Read from a raw connection, not pooled by a Transport: the caller
	// owns the connection.
	"net/http.ReadResponse",
	"github.com/gorilla/websocket.Dialer.Dial",
	"github.com/gorilla/websocket.Dialer.DialContext",
	"github.com/gorilla/websocket.DefaultDialer.Dial",
	"nhooyr.io/websocket.Dial",
	"github.com/coder/websocket.Dial",
}

// Analyzer reports response bodies closed before EOF or never closed.
var Analyzer = newAnalyzer()

func newAnalyzer() *analysis.Analyzer {
	a := analyzer.New("bodydrain", doc, run, config.Analyzer)
	a.FactTypes = []analysis.Fact{new(HelperFact), new(CallbackFact), new(MethodFact)}
	a.Flags.String(NoClose, "", "more APIs whose responses need no close (importpath.Func or importpath.Type.Method, comma-separated)")
	a.Flags.Bool(Decoder, true, "report bodies closed after a JSON or XML decode, which may stop before EOF")
	inprocess.AddFlag(a)
	return a
}

type checker struct {
	body    *ast.BlockStmt // the function body being analyzed
	pass    *analysis.Pass
	local   map[*types.Func]*HelperFact
	noClose []string
	// viaParams and viaUsed: while freshVia judges a wrapper, its function
	// parameters and the ones whose calls it returned.
	viaParams map[*types.Var]int
	viaUsed   uint64

	peers           *inprocess.Peers
	reportInProcess bool // the inprocess option
	decoder         bool // the decoder option

	resolving    map[*types.Var]bool           // requests being resolved by methodIs
	methodParams map[*types.Func]requestMethod // see methodParam
	nilPreds     map[*types.Func]bool          // see falseOnNil
	scanners     map[*types.Var]bool           // scanners of the body followed by their Scan conditions
	goJudged     map[*types.Var]bool           // goroutine parameters judged (see goroutines)
	rangeDrains  map[*ast.RangeStmt]bool       // ranges over iterators that read the body to its end (see rangeRead)
	wrappers     map[*types.Var]bool           // locals holding a wrapper of the response (see wrapUse)
	decls        map[*types.Func]*ast.FuncDecl
	callbacks    map[*types.Func]uint64 // see computeCallbacks
	cbSuccess    map[*types.Func]uint64 // the callbacks handed successes only (see CallbackFact)
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{pass: pass, local: map[*types.Func]*HelperFact{}, noClose: slices.Clone(DefaultNoClose), resolving: map[*types.Var]bool{}, methodParams: map[*types.Func]requestMethod{}, nilPreds: map[*types.Func]bool{}, scanners: map[*types.Var]bool{}, wrappers: map[*types.Var]bool{}, goJudged: map[*types.Var]bool{}, rangeDrains: map[*ast.RangeStmt]bool{}}
	c.reportInProcess = inprocess.Reported(pass)
	c.decoder = true
	if f := pass.Analyzer.Flags.Lookup(Decoder); f != nil {
		c.decoder = f.Value.String() == "true"
	}
	c.peers = inprocess.New(pass, pass.ResultOf[config.Analyzer].(*config.Index))
	if f := pass.Analyzer.Flags.Lookup(NoClose); f != nil {
		for s := range strings.SplitSeq(f.Value.String(), ",") {
			if s = strings.TrimSpace(s); s != "" {
				c.noClose = append(c.noClose, s)
			}
		}
	}
	// Helpers are summarized in every package, so callers anywhere see them.
	c.computeFacts()
	c.computeCallbacks()
	c.exportMethodFacts()
	if httplib.IsLibrary(pass.Pkg) {
		return nil, nil // the library's own implementation of the API
	}
	if !httplib.Imports(pass.Pkg, "net/http") {
		return nil, nil // no response can be obtained here
	}
	// No shared inspector (so no Cursor): bodydrain declares facts and runs on
	// every dependency, where requiring inspect would build one for each.
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body != nil {
					c.function(n.Body)
				}
			case *ast.FuncLit:
				c.function(n.Body)
			}
			return true
		})
	}
	c.checkCallbacks()
	c.checkHolders()
	return nil, nil
}

// acquisition is a response a function obtains.
type acquisition struct {
	stmt   *ast.AssignStmt
	call   *ast.CallExpr
	callee string
	resp   *types.Var // nil when discarded with _
	err    *types.Var

	// headIf, when not nil, is a flag that chose the request's method:
	// HEAD where it is headWhen (see headFlag).
	headIf   ast.Expr
	headWhen bool

	// methodVar, when not nil, is the local that holds the request's
	// method (see methodVar); req the request variable sent.
	methodVar *types.Var
	req       *types.Var
}

// function analyzes the responses obtained in one function body (not in
// nested function literals, which are functions of their own).
func (c *checker) function(body *ast.BlockStmt) {
	c.body = body
	var acqs []acquisition
	inspectShallow(body, func(n ast.Node) {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 || len(as.Lhs) < 1 {
			return
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok {
			return
		}
		if a, ok := c.acquire(as, call); ok {
			acqs = append(acqs, a)
		}
	})
	if len(acqs) == 0 {
		return
	}
	var g *cfg.CFG
	for _, a := range acqs {
		if a.resp == nil {
			report.Reportf(c.pass, a.call, "the response of %s is discarded: its body is never closed, so the connection is never reused", a.callee)
			continue
		}
		if g == nil {
			g = cfg.New(body, c.mayReturn)
		}
		c.analyze(body, g, a)
	}
	c.goroutines(body, acqs)
}

// inspectShallow visits body without entering function literals.
func inspectShallow(body ast.Node, f func(ast.Node)) {
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if n != nil {
			f(n)
		}
		return true
	})
}

// acquire recognizes resp, err := call(...) returning an owned response.
func (c *checker) acquire(as *ast.AssignStmt, call *ast.CallExpr) (acquisition, bool) {
	info := c.pass.TypesInfo
	tuple, ok := info.TypeOf(call).(*types.Tuple)
	var first types.Type
	if ok && tuple.Len() >= 1 {
		first = tuple.At(0).Type()
	} else {
		first = info.TypeOf(call)
	}
	if !isResponse(first) {
		return acquisition{}, false
	}
	closure := c.freshClosure(call)
	sender, bases := c.senderVar(call)
	if !c.fromTransport(call) && closure == "" && sender == "" {
		return acquisition{}, false // not known to hold a pooled connection
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	name := "the call"
	if closure != "" {
		name = closure
	}
	if sender != "" {
		name = sender
		if c.headRequest(call.Args[0], 0) {
			return acquisition{}, false // a HEAD response has no body
		}
	}
	if fn != nil {
		name = fn.Name()
		if c.needsNoClose(fn) {
			return acquisition{}, false
		}
		if fn.Name() == "Head" && fn.Pkg() != nil && fn.Pkg().Path() == "net/http" {
			return acquisition{}, false // a HEAD response has no body
		}
		if (fn.Name() == "Do" || fn.Name() == "RoundTrip") && len(call.Args) == 1 && c.headRequest(call.Args[0], 0) {
			return acquisition{}, false // a HEAD response has no body
		}
		if fn.Pkg() != nil && fn.Pkg().Path() != "net/http" && slices.ContainsFunc(call.Args, func(e ast.Expr) bool {
			m, ok := httplib.ConstString(info, e)
			return ok && m == "HEAD"
		}) {
			return acquisition{}, false // a wrapper asked for a HEAD request, whose response has no body
		}
	}
	if c.noConnection(call) {
		return acquisition{}, false // a registered non-network protocol
	}
	if !c.reportInProcess && (c.inProcess(call) || sender != "" && c.inProcessSender(call, bases)) {
		return acquisition{}, false // the peer is this process: nothing worth fixing
	}
	a := acquisition{stmt: as, call: call, callee: name}
	if (sender != "" || fn != nil && (fn.Name() == "Do" || fn.Name() == "RoundTrip")) && len(call.Args) == 1 {
		a.headIf, a.headWhen = c.headFlag(call.Args[0])
		a.methodVar = c.methodVar(call.Args[0])
		if id, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok {
			a.req = c.varOf(id)
		}
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok {
		return acquisition{}, false // stored in a field or element: not ours
	}
	if id.Name == "_" {
		return a, as.Tok == token.DEFINE || as.Tok == token.ASSIGN
	}
	a.resp = c.varOf(id)
	if a.resp != nil && (a.resp.Pos() < c.body.Pos() || a.resp.Pos() >= c.body.End()) {
		return acquisition{}, false // a variable of an enclosing function: it escapes this one
	}
	if len(as.Lhs) > 1 {
		if eid, ok := as.Lhs[1].(*ast.Ident); ok {
			a.err = c.varOf(eid)
		}
	}
	return a, a.resp != nil
}

// freshClosure returns the name of the local function variable call
// calls when that variable is defined once, by a function literal in this
// function (send := func() (*http.Response, error) { return rt.RoundTrip(req) }),
// is never assigned again, and every response the literal returns comes
// straight from a Transport.
func (c *checker) freshClosure(call *ast.CallExpr) string {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return ""
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Pos() < c.body.Pos() || v.Pos() >= c.body.End() {
		return "" // not a local of this function
	}
	var lit *ast.FuncLit
	defs := 0
	inspectShallow(c.body, func(n ast.Node) {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return
		}
		for i, l := range as.Lhs {
			if lid, ok := ast.Unparen(l).(*ast.Ident); ok && c.varOf(lid) == v {
				defs++
				if len(as.Lhs) == len(as.Rhs) {
					lit, _ = ast.Unparen(as.Rhs[i]).(*ast.FuncLit)
				}
			}
		}
	})
	if defs != 1 || lit == nil || !c.returnsFresh(lit.Body) {
		return ""
	}
	return v.Name()
}

// senderVar returns the name of the local variable call calls when its
// type is a request sender's, func(*http.Request) (*http.Response, error)
// or a named type of it, and every value this function stores in it is a
// sender (see sender): a method value of a Transport's or client's Do or
// RoundTrip kept in a local (send := c.hc.Do), the same chosen between
// two clients, or wrapped by middleware (h = mw(h)). Parameters, fields
// and variables of an enclosing function are the caller's choice and are
// not judged.
func (c *checker) senderVar(call *ast.CallExpr) (string, []ast.Expr) {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 1 {
		return "", nil
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || !c.localSender(v) {
		return "", nil
	}
	j := &senderJudge{seen: map[*types.Var]bool{}}
	if !c.senderHolder(v, j) {
		return "", nil
	}
	return v.Name(), j.bases
}

// senderJudge is the state of one judgement of a sender variable: the
// variables being judged, and the senders found at the bottom of the
// wrappers (method values, functions, function literals).
type senderJudge struct {
	seen  map[*types.Var]bool
	bases []ast.Expr
}

// inProcessSender reports whether a request sent through a sender
// variable, whose senders are bases, goes to a peer in this process: the
// request's (see inprocess.Peers.Request, and the test-file rule), or the
// receivers of every sender (srv.Client().Do, an in-memory transport's
// RoundTrip).
func (c *checker) inProcessSender(call *ast.CallExpr, bases []ast.Expr) bool {
	if c.peers.TestPeer(call, call.Args[0]) || c.peers.Request(call.Args[0]) {
		return true
	}
	for _, b := range bases {
		sel, ok := ast.Unparen(b).(*ast.SelectorExpr)
		if !ok || c.pass.TypesInfo.Selections[sel] == nil {
			return false
		}
		switch sel.Sel.Name {
		case "Do":
			if !c.peers.Client(sel.X) {
				return false
			}
		case "RoundTrip":
			if !c.peers.Transport(sel.X) {
				return false
			}
		default:
			return false
		}
	}
	return len(bases) > 0
}

// localSender reports whether v is a local variable of the function being
// analyzed (not a parameter or result) whose type is a sender's.
func (c *checker) localSender(v *types.Var) bool {
	return v != nil && v.Kind() == types.LocalVar && v.Pos() >= c.body.Pos() && v.Pos() < c.body.End() && senderSig(v.Type())
}

// senderSig reports whether t is func(*http.Request) (*http.Response, error),
// or a named type of it.
func senderSig(t types.Type) bool {
	if t == nil {
		return false
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Variadic() || sig.Params().Len() != 1 || sig.Results().Len() != 2 {
		return false
	}
	return httplib.IsNamedPtr(sig.Params().At(0).Type(), "net/http", "Request") && isResponse(sig.Results().At(0).Type()) &&
		types.Identical(sig.Results().At(1).Type(), types.Universe.Lookup("error").Type())
}

// senderHolder reports whether every value the function stores in v, a
// local of a sender's type, is a sender, and there is one. A variable
// whose address is taken, or that a range loop or a call's several
// results assign, is not judged. seen holds the variables being judged: a
// wrapper of v stored back into v (h = mw(h)) wraps what v held.
func (c *checker) senderHolder(v *types.Var, j *senderJudge) bool {
	if j.seen[v] {
		return true
	}
	j.seen[v] = true
	info := c.pass.TypesInfo
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.varOf(id) == v
	}
	defs, ok := 0, true
	ast.Inspect(c.body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if !is(l) {
					continue
				}
				defs++
				if len(n.Lhs) != len(n.Rhs) || n.Tok != token.ASSIGN && n.Tok != token.DEFINE || !c.sender(n.Rhs[i], j) {
					ok = false
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if info.Defs[name] != v || len(n.Values) == 0 {
					continue // the zero value: calling it panics
				}
				defs++
				if len(n.Values) != len(n.Names) || !c.sender(n.Values[i], j) {
					ok = false
				}
			}
		case *ast.RangeStmt:
			if n.Key != nil && is(n.Key) || n.Value != nil && is(n.Value) {
				ok = false
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && is(n.X) {
				ok = false // &h: stored through a pointer
			}
		}
		return true
	})
	return ok && defs > 0
}

// sender reports whether e, a value of a sender's type, sends requests
// through a Transport and returns its responses as they come: a method
// value or function known to return fresh responses (c.hc.Do, a Doer
// interface's Do, rt.RoundTrip, a wrapper with a fact), a function literal
// whose every returned response is fresh, a local holding only senders, a
// conversion of one, or a call that wraps senders and returns one of the
// same type (middleware: mw(next), whose every argument of a sender's type
// is a sender).
func (c *checker) sender(e ast.Expr, j *senderJudge) bool {
	info := c.pass.TypesInfo
	e = ast.Unparen(e)
	base := func(ok bool) bool {
		if ok {
			j.bases = append(j.bases, e)
		}
		return ok
	}
	switch e := e.(type) {
	case *ast.Ident:
		switch obj := info.Uses[e].(type) {
		case *types.Func:
			return base(c.sends(obj))
		case *types.Var:
			return c.localSender(obj) && c.senderHolder(obj, j)
		}
	case *ast.SelectorExpr:
		fn := methval.Func(info, e)
		return base(fn != nil && c.sends(fn))
	case *ast.FuncLit:
		return base(c.returnsFresh(e.Body))
	case *ast.CallExpr:
		if !senderSig(info.TypeOf(e)) {
			return false
		}
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() {
			return len(e.Args) == 1 && c.sender(e.Args[0], j) // a conversion
		}
		wraps := false
		for _, arg := range e.Args {
			if senderSig(info.TypeOf(arg)) {
				if !c.sender(arg, j) {
					return false
				}
				wraps = true
			}
		}
		return wraps
	}
	return false
}

// sends reports whether fn, called with a request, returns a response
// straight from a Transport (see fromTransport).
func (c *checker) sends(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	if fn.Pkg().Path() == "net/http" {
		return fn.Name() == "Do" || fn.Name() == "RoundTrip"
	}
	if isDoer(fn) {
		return true
	}
	fact := c.funcFact(fn)
	return fact != nil && fact.Fresh
}

// headRequest reports whether req, an *http.Request, is made with the
// constant method HEAD (see methodIs).
func (c *checker) headRequest(req ast.Expr, depth int) bool {
	return c.methodIs(req, depth, func(m ast.Expr) bool {
		s, ok := httplib.ConstString(c.pass.TypesInfo, m)
		return ok && s == "HEAD"
	})
}

// methodIs reports whether every method req, an *http.Request, can be
// made with satisfies pred: the method argument of http.NewRequest*,
// httptest.NewRequest* or of a wrapper of this package that passes its
// parameter on to them, the Method of an &http.Request{...} literal,
// directly or through locals of this function whose every definition is
// such a request and whose Method is only assigned values that satisfy
// pred, through conversions between request types and copies (WithContext,
// Clone).
func (c *checker) methodIs(req ast.Expr, depth int, pred func(ast.Expr) bool) bool {
	if depth > 3 {
		return false
	}
	info := c.pass.TypesInfo
	switch e := ast.Unparen(req).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return c.methodIs(e.X, depth+1, pred)
		}
	case *ast.CompositeLit:
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Method" {
					return pred(kv.Value)
				}
			}
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return c.methodIs(e.Args[0], depth+1, pred) // (*http.Request)(req), and back
		}
		fn, ok := typeutil.Callee(info, e).(*types.Func)
		if !ok {
			return false
		}
		switch {
		case httplib.IsFunc(fn, "net/http", "", "NewRequest"), httplib.IsFunc(fn, "net/http/httptest", "", "NewRequest"):
			return len(e.Args) == 3 && pred(e.Args[0])
		case httplib.IsFunc(fn, "net/http", "", "NewRequestWithContext"), httplib.IsFunc(fn, "net/http/httptest", "", "NewRequestWithContext"):
			return len(e.Args) == 4 && pred(e.Args[1])
		case httplib.IsFunc(fn, "net/http", "Request", "WithContext"), httplib.IsFunc(fn, "net/http", "Request", "Clone"):
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
				return c.methodIs(sel.X, depth+1, pred)
			}
		case fn.Pkg() == c.pass.Pkg:
			switch m := c.methodParam(fn); {
			case m.fixed != nil:
				return pred(m.fixed)
			case m.param >= 0 && m.param < len(e.Args):
				return pred(e.Args[m.param])
			}
		default:
			var f MethodFact
			if c.pass.ImportObjectFact(fn, &f) && f.Param < len(e.Args) {
				return pred(e.Args[f.Param]) // another package's NewRequest(ctx, method, ...)
			}
		}
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok || v.Pos() < c.body.Pos() || v.Pos() >= c.body.End() {
			return false // not a local of this function
		}
		if c.resolving[v] {
			return true // req = req.WithContext(ctx): the other definitions decide
		}
		c.resolving[v] = true
		defer delete(c.resolving, v)
		defs, all := 0, true
		inspectShallow(c.body, func(n ast.Node) {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok && sel.Sel.Name == "Method" && c.refersTo(sel.X, v, false) {
						all = all && len(n.Lhs) == len(n.Rhs) && pred(n.Rhs[i]) // req.Method = ...
					}
					id, ok := ast.Unparen(l).(*ast.Ident)
					if !ok || c.varOf(id) != v {
						continue
					}
					defs++
					switch {
					case len(n.Lhs) == len(n.Rhs):
						all = all && c.methodIs(n.Rhs[i], depth+1, pred)
					case i == 0 && len(n.Rhs) == 1:
						all = all && c.methodIs(n.Rhs[0], depth+1, pred)
					default:
						all = false
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if c.varOf(id) == v {
						defs++
						all = all && i < len(n.Values) && len(n.Values) == len(n.Names) && c.methodIs(n.Values[i], depth+1, pred)
					}
				}
			}
		})
		return defs > 0 && all
	}
	return false
}

// headFlag returns the flag that chose between HEAD and another method
// for req, and the value of the flag that means HEAD: every method req can
// have is a local set by one if statement on the flag (if flag { m = "HEAD" }
// else { m = "GET" }, or m := "GET" followed by if flag { m = "HEAD" }).
// The flag is a variable or a field path (s.headOnly) that this function
// never assigns, so a later branch on it takes the same side: where it
// says HEAD, the response has no body.
func (c *checker) headFlag(req ast.Expr) (ast.Expr, bool) {
	var flag ast.Expr
	var when bool
	ok := c.methodIs(req, 0, func(m ast.Expr) bool {
		f, w, ok := c.flagChoice(m)
		if !ok || (flag != nil && (!c.sameFlag(flag, f) || w != when)) {
			return false
		}
		flag, when = f, w
		return true
	})
	if !ok || flag == nil {
		return nil, false
	}
	return flag, when
}

// methodVar returns the local variable every method of req comes from
// (see methodIs), when that variable is assigned only before its first
// use: a later comparison of it with HEAD tells the request's method.
func (c *checker) methodVar(req ast.Expr) *types.Var {
	info := c.pass.TypesInfo
	var v *types.Var
	ok := c.methodIs(req, 0, func(m ast.Expr) bool {
		id, ok := ast.Unparen(m).(*ast.Ident)
		if !ok {
			return false
		}
		mv, ok := info.Uses[id].(*types.Var)
		if !ok || (v != nil && mv != v) || mv.Pos() < c.body.Pos() || mv.Pos() >= c.body.End() {
			return false
		}
		v = mv
		return true
	})
	if !ok || v == nil {
		return nil
	}
	// Every assignment to v comes before its first other use.
	firstUse, lastDef := token.NoPos, token.NoPos
	lhs := map[*ast.Ident]bool{}
	inspectShallow(c.body, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && c.varOf(id) == v {
					lhs[id] = true
					lastDef = max(lastDef, id.Pos())
				}
			}
		case *ast.Ident:
			if !lhs[n] && info.Uses[n] == v && (!firstUse.IsValid() || n.Pos() < firstUse) {
				firstUse = n.Pos()
			}
		}
	})
	if !firstUse.IsValid() || lastDef > firstUse {
		return nil
	}
	return v
}

// flagChoice reports whether m is a local of this function whose value is
// chosen between HEAD and one other constant method by one if statement
// on a stable flag (see headFlag), and that flag with its HEAD side.
func (c *checker) flagChoice(m ast.Expr) (ast.Expr, bool, bool) {
	info := c.pass.TypesInfo
	id, ok := ast.Unparen(m).(*ast.Ident)
	if !ok {
		return nil, false, false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Pos() < c.body.Pos() || v.Pos() >= c.body.End() {
		return nil, false, false
	}
	// Every definition of v, and the if statement the choice sits in.
	type def struct {
		value ast.Expr // nil: declared without a value
		pos   token.Pos
	}
	var defs []def
	var ifs *ast.IfStmt
	inBranch := map[token.Pos]int{} // definition position -> 1 then, 2 else
	inspectShallow(c.body, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if lid, ok := ast.Unparen(l).(*ast.Ident); ok && c.varOf(lid) == v {
					var val ast.Expr
					if len(n.Lhs) == len(n.Rhs) {
						val = n.Rhs[i]
					} else {
						val = l // a tuple: no constant
					}
					defs = append(defs, def{val, n.Pos()})
				}
			}
		case *ast.ValueSpec:
			for i, nid := range n.Names {
				if c.varOf(nid) == v {
					var val ast.Expr
					if i < len(n.Values) && len(n.Values) == len(n.Names) {
						val = n.Values[i]
					}
					defs = append(defs, def{val, n.Pos()})
				}
			}
		case *ast.IfStmt:
			for side, blk := range []ast.Stmt{n.Body, n.Else} {
				b, ok := blk.(*ast.BlockStmt)
				if !ok {
					continue
				}
				for _, st := range b.List {
					if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.ASSIGN && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
						if lid, ok := ast.Unparen(as.Lhs[0]).(*ast.Ident); ok && c.varOf(lid) == v {
							if ifs != nil && ifs != n {
								ifs = &ast.IfStmt{} // two if statements: not one choice
							} else {
								ifs = n
							}
							inBranch[as.Pos()] = side + 1
						}
					}
				}
			}
		}
	})
	if ifs == nil || ifs.Init != nil || ifs.Cond == nil || !c.stableFlag(ifs.Cond) {
		return nil, false, false
	}
	method := func(e ast.Expr) (string, bool) {
		if e == nil {
			return "", false
		}
		return httplib.ConstString(info, e)
	}
	var onTrue, onFalse string
	var before []def
	for _, d := range defs {
		switch inBranch[d.pos] {
		case 1:
			if onTrue != "" {
				return nil, false, false
			}
			if onTrue, ok = method(d.value); !ok {
				return nil, false, false
			}
		case 2:
			if onFalse != "" {
				return nil, false, false
			}
			if onFalse, ok = method(d.value); !ok {
				return nil, false, false
			}
		default:
			if d.pos >= ifs.Pos() {
				return nil, false, false // assigned again after the choice
			}
			before = append(before, d)
		}
	}
	if onTrue == "" {
		return nil, false, false
	}
	if onFalse == "" {
		// m := "GET"; if flag { m = "HEAD" }: the one earlier value is
		// the other side.
		if len(before) != 1 {
			return nil, false, false
		}
		if onFalse, ok = method(before[0].value); !ok {
			return nil, false, false
		}
	} else if len(before) > 1 || (len(before) == 1 && before[0].value != nil) {
		if _, isConst := method(before[0].value); !isConst {
			return nil, false, false
		}
	}
	switch {
	case onTrue == "HEAD" && onFalse != "HEAD":
		return ifs.Cond, true, true
	case onFalse == "HEAD" && onTrue != "HEAD":
		return ifs.Cond, false, true
	}
	return nil, false, false
}

// stableFlag reports whether e is a boolean variable or field path
// (x, s.headOnly, s.opts.head) that this function never assigns.
func (c *checker) stableFlag(e ast.Expr) bool {
	info := c.pass.TypesInfo
	t := info.TypeOf(e)
	if t == nil || !types.Identical(t.Underlying(), types.Typ[types.Bool]) {
		return false
	}
	var last types.Object // the variable or field the path ends in
	for x := ast.Unparen(e); ; {
		switch y := x.(type) {
		case *ast.Ident:
			if last == nil {
				last = info.Uses[y]
			}
			if _, ok := info.Uses[y].(*types.Var); !ok {
				return false
			}
		case *ast.SelectorExpr:
			if last == nil {
				last = info.Uses[y.Sel]
			}
			if _, ok := info.Uses[y.Sel].(*types.Var); !ok {
				return false
			}
			x = ast.Unparen(y.X)
			continue
		default:
			return false
		}
		break
	}
	assigned := false
	inspectShallow(c.body, func(n ast.Node) {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return
		}
		for _, l := range as.Lhs {
			switch l := ast.Unparen(l).(type) {
			case *ast.Ident:
				if info.Uses[l] == last || (as.Tok == token.DEFINE && info.Defs[l] == last) {
					assigned = true
				}
			case *ast.SelectorExpr:
				if info.Uses[l.Sel] == last {
					assigned = true
				}
			}
		}
	})
	return !assigned
}

// sameFlag reports whether a and b are the same variable or field path.
func (c *checker) sameFlag(a, b ast.Expr) bool {
	info := c.pass.TypesInfo
	switch x := ast.Unparen(a).(type) {
	case *ast.Ident:
		y, ok := ast.Unparen(b).(*ast.Ident)
		return ok && info.Uses[x] != nil && info.Uses[x] == info.Uses[y]
	case *ast.SelectorExpr:
		y, ok := ast.Unparen(b).(*ast.SelectorExpr)
		return ok && info.Uses[x.Sel] != nil && info.Uses[x.Sel] == info.Uses[y.Sel] && c.sameFlag(x.X, y.X)
	}
	return false
}

// canceledAtReturn reports whether ctxVar, the context the request of a
// carries (walker.ctxVar: the request's own, or the one an API wrapper is
// given), is one this function cancels with a deferred call registered
// before the request: ctx, cancel := context.WithCancel (WithTimeout,
// WithDeadline, WithCancelCause) as a statement of the function's body,
// then defer cancel(), where every later assignment to ctx derives from it
// (a call that takes ctx and returns a context.Context: WithValue,
// middleware). net/http closes the connection of a request whose context
// is done, so a body left unclosed does not keep it open after return.
func (c *checker) canceledAtReturn(a acquisition, ctxVar *types.Var) bool {
	if ctxVar == nil {
		return false
	}
	info := c.pass.TypesInfo
	var cancelVar *types.Var
	made, deferred := token.NoPos, false
	for _, st := range c.body.List {
		if st.Pos() >= a.stmt.Pos() {
			break
		}
		switch st := st.(type) {
		case *ast.AssignStmt:
			if len(st.Lhs) != 2 || len(st.Rhs) != 1 {
				continue
			}
			call, ok := ast.Unparen(st.Rhs[0]).(*ast.CallExpr)
			if !ok {
				continue
			}
			fn := typeutil.StaticCallee(info, call)
			if !httplib.IsFunc(fn, "context", "", "WithCancel") && !httplib.IsFunc(fn, "context", "", "WithTimeout") &&
				!httplib.IsFunc(fn, "context", "", "WithDeadline") && !httplib.IsFunc(fn, "context", "", "WithCancelCause") {
				continue
			}
			if id, ok := ast.Unparen(st.Lhs[0]).(*ast.Ident); ok && c.varOf(id) == ctxVar {
				if cid, ok := ast.Unparen(st.Lhs[1]).(*ast.Ident); ok {
					cancelVar, made, deferred = c.varOf(cid), st.Pos(), false
				}
			}
		case *ast.DeferStmt:
			if id, ok := ast.Unparen(st.Call.Fun).(*ast.Ident); ok && cancelVar != nil && c.varOf(id) == cancelVar {
				deferred = true
			}
		}
	}
	if !made.IsValid() || !deferred {
		return false
	}
	derived := true
	ast.Inspect(c.body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Pos() == made {
			return derived
		}
		for i, l := range as.Lhs {
			id, ok := ast.Unparen(l).(*ast.Ident)
			if !ok || c.varOf(id) != ctxVar || as.Pos() < made {
				continue
			}
			if len(as.Lhs) != len(as.Rhs) {
				derived = false
				continue
			}
			call, ok := ast.Unparen(as.Rhs[i]).(*ast.CallExpr)
			if !ok || !slices.ContainsFunc(call.Args, func(e ast.Expr) bool {
				aid, ok := ast.Unparen(e).(*ast.Ident)
				return ok && c.varOf(aid) == ctxVar
			}) {
				derived = false // ctx = context.Background(), or a value from elsewhere
			}
		}
		return derived
	})
	return derived
}

// requestContext returns the local context variable that req, a request
// sent by Do, carries: req.WithContext(ctx), or a local defined once by
// http.NewRequestWithContext(ctx, ...) or by such a call.
func (c *checker) requestContext(req ast.Expr, depth int) *types.Var {
	if depth > 3 {
		return nil
	}
	info := c.pass.TypesInfo
	local := func(e ast.Expr) *types.Var {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		if v := c.varOf(id); localVar(v) {
			return v
		}
		return nil // a package variable: any code may replace it
	}
	switch e := ast.Unparen(req).(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(info, e).(*types.Func)
		switch {
		case httplib.IsFunc(fn, "net/http", "Request", "WithContext"), httplib.IsFunc(fn, "net/http", "Request", "Clone"):
			if len(e.Args) == 1 {
				return local(e.Args[0])
			}
		case httplib.IsFunc(fn, "net/http", "", "NewRequestWithContext"):
			if len(e.Args) == 4 {
				return local(e.Args[0])
			}
		}
	case *ast.Ident:
		v := local(e)
		if v == nil {
			return nil
		}
		var found *types.Var
		defs := 0
		inspectShallow(c.body, func(n ast.Node) {
			as, ok := n.(*ast.AssignStmt)
			if !ok {
				return
			}
			for i, l := range as.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && c.varOf(id) == v {
					defs++
					if i == 0 && len(as.Rhs) == 1 {
						found = c.requestContext(as.Rhs[0], depth+1)
					}
				}
			}
		})
		if defs == 1 {
			return found
		}
	}
	return nil
}

// falseOnNil reports whether fn, a predicate on one error, is false for a
// nil error: errors.Is and errors.As (against a target that is not nil),
// or a function of this package whose body, read with a nil error,
// returns false on every path it can take (see nilValue).
func (c *checker) falseOnNil(fn *types.Func) bool {
	sig := fn.Signature()
	if sig.Params().Len() < 1 || sig.Results().Len() != 1 ||
		!types.Identical(sig.Results().At(0).Type().Underlying(), types.Typ[types.Bool]) ||
		!types.Identical(sig.Params().At(0).Type(), types.Universe.Lookup("error").Type()) {
		return false
	}
	if httplib.IsFunc(fn, "errors", "", "Is") || httplib.IsFunc(fn, "errors", "", "As") {
		return true
	}
	if sig.Params().Len() != 1 || fn.Pkg() != c.pass.Pkg {
		return false
	}
	if v, ok := c.nilPreds[fn]; ok {
		return v
	}
	c.nilPreds[fn] = false // a recursive call proves nothing
	decl := c.declOf(fn)
	if decl == nil || decl.Body == nil {
		return false
	}
	v := c.returnsFalse(decl.Body.List, sig.Params().At(0))
	c.nilPreds[fn] = v
	return v
}

// returnsFalse reports whether the statements, run with the error
// parameter nil, return false (a false constant, or an expression that is
// false then) on every path, following only the if statements whose
// condition is decided by a nil error.
func (c *checker) returnsFalse(stmts []ast.Stmt, param *types.Var) bool {
	for _, st := range stmts {
		switch st := st.(type) {
		case *ast.ReturnStmt:
			return len(st.Results) == 1 && c.nilValue(st.Results[0], param, nil) == nilFalse
		case *ast.IfStmt:
			var ok *types.Var // v, ok := err.(T): ok is false for a nil error
			if st.Init != nil {
				as, isAssign := st.Init.(*ast.AssignStmt)
				if !isAssign || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
					return false
				}
				ta, isAssert := ast.Unparen(as.Rhs[0]).(*ast.TypeAssertExpr)
				id, isID := ast.Unparen(as.Lhs[1]).(*ast.Ident)
				if !isAssert || !isID || !c.isParam(ta.X, param) {
					return false
				}
				ok, _ = c.pass.TypesInfo.Defs[id].(*types.Var)
			}
			var rest []ast.Stmt
			switch e := st.Else.(type) {
			case *ast.BlockStmt:
				rest = e.List
			case *ast.IfStmt:
				rest = []ast.Stmt{e}
			}
			switch c.nilValue(st.Cond, param, ok) {
			case nilFalse:
				if st.Else != nil {
					return c.returnsFalse(rest, param)
				}
			case nilTrue:
				return c.returnsFalse(st.Body.List, param)
			default:
				if !c.returnsFalse(st.Body.List, param) || (st.Else != nil && !c.returnsFalse(rest, param)) {
					return false
				}
				if st.Else != nil {
					return true
				}
			}
		case *ast.DeclStmt, *ast.EmptyStmt:
		default:
			return false
		}
	}
	return false // falls off the end: not a predicate we can read
}

// nilTruth is what a boolean expression is when the error is nil.
type nilTruth int

const (
	nilUnknown nilTruth = iota
	nilFalse
	nilTrue
)

// nilValue evaluates e, a boolean, with param nil: comparisons of param
// with nil or with a package-level error variable of another declaration
// (sentinel errors are never nil), ok of a type assertion on param (okVar),
// errors.Is/As and predicates that are false on nil, constants, !, && and
// ||.
func (c *checker) nilValue(e ast.Expr, param, okVar *types.Var) nilTruth {
	info := c.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool {
		if constant.BoolVal(tv.Value) {
			return nilTrue
		}
		return nilFalse
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if okVar != nil && info.Uses[e] == okVar {
			return nilFalse
		}
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			switch c.nilValue(e.X, param, okVar) {
			case nilTrue:
				return nilFalse
			case nilFalse:
				return nilTrue
			}
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LOR, token.LAND:
			x, y := c.nilValue(e.X, param, okVar), c.nilValue(e.Y, param, okVar)
			if e.Op == token.LOR {
				switch {
				case x == nilTrue || y == nilTrue:
					return nilTrue
				case x == nilFalse && y == nilFalse:
					return nilFalse
				}
			} else {
				switch {
				case x == nilFalse || y == nilFalse:
					return nilFalse
				case x == nilTrue && y == nilTrue:
					return nilTrue
				}
			}
		case token.EQL, token.NEQ:
			x, y := e.X, e.Y
			if !c.isParam(x, param) {
				x, y = y, x
			}
			if !c.isParam(x, param) {
				return nilUnknown
			}
			var eq nilTruth
			if tv, ok := info.Types[y]; ok && tv.IsNil() {
				eq = nilTrue
			} else if c.sentinel(y) {
				eq = nilFalse
			} else {
				return nilUnknown
			}
			if e.Op == token.NEQ {
				eq = nilTrue + nilFalse - eq
			}
			return eq
		}
	case *ast.CallExpr:
		if len(e.Args) >= 1 && c.isParam(e.Args[0], param) {
			if fn, ok := typeutil.Callee(info, e).(*types.Func); ok && c.falseOnNil(fn) {
				if len(e.Args) == 1 || !c.mayBeNil(e.Args[1]) {
					return nilFalse
				}
			}
		}
	}
	return nilUnknown
}

func (c *checker) isParam(e ast.Expr, param *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && c.pass.TypesInfo.Uses[id] == param
}

// sentinel reports whether e is a package-level variable of type error:
// a sentinel error, which no code sets to nil.
func (c *checker) sentinel(e ast.Expr) bool {
	var id *ast.Ident
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	default:
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	return ok && !v.IsField() && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() &&
		types.Identical(v.Type(), types.Universe.Lookup("error").Type())
}

// mayBeNil reports whether e, the target of errors.Is or As, may be nil:
// it is not a sentinel error, an address or a composite literal.
func (c *checker) mayBeNil(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		return x.Op != token.AND
	case *ast.CompositeLit:
		return false
	}
	return !c.sentinel(e)
}

// requestMethod says where the method of the one request a function of
// this package makes comes from: its parameter param (>= 0), or the
// constant expression fixed (param -1); neither (param -1, fixed nil)
// when the function is not such a wrapper.
type requestMethod struct {
	param int
	fixed ast.Expr
}

// methodParam returns where the method of the one request fn, a function
// of this package, makes comes from (func NewRequest(method, url string)
// (*Request, error) around http.NewRequest, or func head(path string)
// around such a wrapper with the constant HEAD). The parameter must reach
// http.NewRequest* or the inner wrapper as it came (never assigned), and
// the body must set no request's Method.
func (c *checker) methodParam(fn *types.Func) requestMethod {
	none := requestMethod{param: -1}
	if m, ok := c.methodParams[fn]; ok {
		return m
	}
	c.methodParams[fn] = none // a recursive wrapper proves nothing
	decl := c.declOf(fn)
	if decl == nil || decl.Body == nil || fn.Signature().Variadic() {
		return none
	}
	info := c.pass.TypesInfo
	params := fn.Signature().Params()
	result, calls, ok := none, 0, true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			callee := typeutil.StaticCallee(info, n)
			var m ast.Expr
			switch {
			case len(n.Args) == 3 && httplib.IsFunc(callee, "net/http", "", "NewRequest"):
				m = n.Args[0]
			case len(n.Args) == 4 && httplib.IsFunc(callee, "net/http", "", "NewRequestWithContext"):
				m = n.Args[1]
			case callee != nil && callee != fn && callee.Pkg() == c.pass.Pkg:
				inner := c.methodParam(callee)
				switch {
				case inner.fixed != nil:
					calls++
					result = requestMethod{param: -1, fixed: inner.fixed}
					return true
				case inner.param >= 0 && inner.param < len(n.Args):
					m = n.Args[inner.param]
				default:
					return true
				}
			default:
				return true
			}
			calls++
			if _, isConst := httplib.ConstString(info, m); isConst {
				result = requestMethod{param: -1, fixed: m}
				return true
			}
			id, isID := ast.Unparen(m).(*ast.Ident)
			if !isID {
				ok = false
				return true
			}
			result = none
			for i := range params.Len() {
				if info.Uses[id] == params.At(i) {
					result.param = i
				}
			}
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				switch l := ast.Unparen(l).(type) {
				case *ast.SelectorExpr:
					if l.Sel.Name == "Method" {
						ok = false
					}
				case *ast.Ident:
					for i := range params.Len() {
						if info.Uses[l] == params.At(i) {
							ok = false // the parameter changes on the way
						}
					}
				}
			}
		}
		return true
	})
	if !ok || calls != 1 {
		return none
	}
	c.methodParams[fn] = result
	return result
}

// declOf returns the declaration of fn, a function of this package.
func (c *checker) declOf(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = httplib.FuncDecls(c.pass.TypesInfo, c.pass.Files)
	}
	return c.decls[fn.Origin()]
}

// noConnection reports whether a Get, Head, Post or PostForm requests a
// constant URL whose scheme is neither http nor https: a protocol
// registered with Transport.RegisterProtocol (file://) serves it without
// a connection, and an unregistered one fails.
func (c *checker) noConnection(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "net/http" || len(call.Args) == 0 {
		return false
	}
	switch fn.Name() {
	case "Get", "Head", "Post", "PostForm":
	default:
		return false
	}
	s, ok := httplib.ConstString(c.pass.TypesInfo, call.Args[0])
	if !ok {
		return false
	}
	scheme, _, ok := strings.Cut(s, "://")
	return ok && scheme != "http" && scheme != "https"
}

// inProcess reports whether the response comes from a peer in this
// process: the call's URL, request, client or transport is one of this
// process (an httptest server, a listener the package opens, an in-memory
// RoundTripper), or a helper that returns a fresh response is handed one.
func (c *checker) inProcess(call *ast.CallExpr) bool {
	if c.peers.Call(call) {
		return true
	}
	fact := c.helperFact(call)
	return fact != nil && fact.Fresh && c.peers.Args(call)
}

func (c *checker) varOf(id *ast.Ident) *types.Var { return httplib.Var(c.pass.TypesInfo, id) }

// needsNoClose reports whether fn is on the allow-list.
func (c *checker) needsNoClose(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	name := fn.Pkg().Path() + "." + fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		if named, ok := types.Unalias(t).(*types.Named); ok {
			name = fn.Pkg().Path() + "." + named.Obj().Name() + "." + fn.Name()
		}
	}
	return slices.Contains(c.noClose, name)
}

func (c *checker) mayReturn(call *ast.CallExpr) bool {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
			return false
		}
		return true
	}
	for _, nr := range noReturn {
		if slices.ContainsFunc(nr.names, func(name string) bool { return httplib.IsFunc(fn, nr.path, nr.recv, name) }) {
			return false
		}
	}
	return true
}

// noReturn are the functions (recv "") and methods that end the process
// or the goroutine. T, B and F have their Fatal and Skip methods from the
// testing package's common.
var noReturn = []struct {
	path, recv string
	names      []string
}{
	{"os", "", []string{"Exit"}},
	{"log", "", []string{"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"}},
	{"log", "Logger", []string{"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"}},
	{"testing", "common", []string{"Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow"}},
}

// Event kinds on one response.
type eventKind int

const (
	drain        eventKind = iota // read to EOF
	closeBody                     // Close now
	deferClose                    // Close at return
	deferDrain                    // read to EOF at return, before any deferred Close registered earlier
	deferDrainCl                  // read to EOF and Close at return
	decode                        // read by a decoder that may stop before EOF
	errAssign                     // the acquisition's err is assigned another error
	escape                        // handed to other code: this path is no longer ours
	returned                      // returned to the caller: ours only if a deferred Close runs first
	reassign                      // the variable is assigned again: the response it held is dropped
	outcome                       // handed to a helper whose error says what it did with it
	partial                       // part of the body read (a prefix, one value, a capped reader)
	failed                        // a consumer out of sight that was handed the body failed: it stopped part way
)

type event struct {
	kind eventKind
	pos  token.Pos       // of the call
	stmt ast.Stmt        // the statement holding it, for fixes
	what string          // for decode: the format, "JSON" or "XML"; for failed: the consumer and its line
	ret  *ast.ReturnStmt // for a deferred close judged at a return: that return
	by   ast.Node        // for a close by a helper of this package: the helper's close

	outcome *outcomeCall // for outcome
}

// outcomeCall is a call of a helper whose summary says, for the error it
// returns, whether some path of it leaves the response alone: err :=
// check(resp) (v is err), or return check(resp) (v is nil). fallback is
// what the call does on every path, for an outcome no path leaves alone.
type outcomeCall struct {
	v                    *types.Var
	nilLeaves, errLeaves bool
	fallback             []event
	// onErr, when set, is what the call did on the side where its error
	// is not nil, in place of errLeaves and fallback (a consumer out of
	// sight: see consumerFailed).
	onErr []event
}

// analyze follows the CFG from the acquisition of a.resp.
func (c *checker) analyze(body *ast.BlockStmt, g *cfg.CFG, a acquisition) {
	clear(c.scanners)
	clear(c.wrappers)
	events, ok := c.events(body, a)
	if !ok {
		return // the response escapes: someone else owns it
	}
	start, startIdx := nodeBlock(g, a.stmt)
	if start == nil {
		return
	}
	w := newWalker(c, a, g, events, body.Rbrace)
	w.walk(start, startIdx+1, state{})
	w.reportCloses()
}

// nodeBlock returns the block of g holding the node n, and n's index in it.
func nodeBlock(g *cfg.CFG, n ast.Node) (*cfg.Block, int) {
	for _, b := range g.Blocks {
		if i := slices.Index(b.Nodes, n); i >= 0 {
			return b, i
		}
	}
	return nil, -1
}

// eventsByNode maps each event to the innermost CFG node containing it.
func eventsByNode(g *cfg.CFG, events []event) map[ast.Node][]event {
	byNode := map[ast.Node][]event{}
	var nodes []ast.Node
	for _, b := range g.Blocks {
		nodes = append(nodes, b.Nodes...)
	}
	for _, e := range events {
		var best ast.Node
		for _, n := range nodes {
			if n.Pos() <= e.pos && e.pos < n.End() && (best == nil || n.End()-n.Pos() < best.End()-best.Pos()) {
				best = n
			}
		}
		if best != nil {
			byNode[best] = append(byNode[best], e)
		}
	}
	return byNode
}

type state struct {
	drained, closed, deferClosed, deferDrained bool
	errStale                                   bool     // err no longer holds the acquisition's error
	ctxStale                                   bool     // the request's context variable is assigned another context
	decoded                                    string   // the format of a decode that may have stopped before EOF
	deferStmt                                  ast.Stmt // the deferred Close, for reports and fixes
	pending                                    int      // 1 + the index in walker.outcomes of a helper call whose error is not yet checked
	side                                       int8     // the status check the path took: 1 success (2xx), -1 error, 0 none
	partial                                    bool     // part of the body was read (see successUnread)
	failed                                     string   // the consumer that failed part way on this path, and its line
}

// badClose is a Close reached before EOF, with the first path that shows
// it: unread, or only decoded. An unread path wins over a decoded one.
type badClose struct {
	e       event
	path    string
	decoded string // "" when some path reaches the close with the body unread
}

type walkState struct {
	b *cfg.Block
	i int
	s state
}

type walker struct {
	c        *checker
	a        acquisition
	byNode   map[ast.Node][]event
	seen     map[walkState]bool
	reported map[token.Pos]bool
	closes   map[token.Pos]*badClose
	caseTags map[ast.Expr]ast.Expr // switch case expressions to their tag, built on first use
	funcEnd  token.Pos
	outcomes []*outcomeCall
	// errRead is set when a path on the error side of a status check
	// reads the body; successCloses holds the closes reached unread on
	// the success side of one (see successUnread).
	errRead       bool
	successCloses map[token.Pos]*badClose
	write         bool       // the request is known to be a write (see writeRequest)
	canceled      *bool      // see canceledAtReturn, computed on first use
	ctx           *types.Var // the request's context (see ctxVar)
	ctxDone       bool       // ctx is computed

	// summary, when set, collects what the function's paths leave of a
	// response parameter instead of reporting (see leaves).
	summary *leavesSummary
	// fresh, when set, collects whether the response is untouched wherever
	// it is returned (see untouchedWhenReturned).
	fresh *freshSummary
}

// newWalker returns a walker of the acquisition a over the CFG g of a
// function body that ends at end, with the events evs.
func newWalker(c *checker, a acquisition, g *cfg.CFG, evs []event, end token.Pos) *walker {
	return &walker{c: c, a: a, byNode: eventsByNode(g, evs), seen: map[walkState]bool{}, reported: map[token.Pos]bool{}, closes: map[token.Pos]*badClose{}, funcEnd: end}
}

// quiet reports whether the walker summarizes instead of reporting.
func (w *walker) quiet() bool { return w.summary != nil || w.fresh != nil }

func (w *walker) walk(b *cfg.Block, i int, s state) {
	key := walkState{b, i, s}
	if w.seen[key] {
		return
	}
	w.seen[key] = true
	if i == 0 && b.Kind == cfg.KindSelectCaseBody && !s.ctxStale {
		// The case of a select that received <-ctx.Done() on the
		// request's context: the Transport closes the connection. (go/cfg
		// evaluates every case's communication before the branch, so
		// the receive itself is no node of this block.)
		if cc, ok := b.Stmt.(*ast.CommClause); ok && cc.Comm != nil && w.ctxDoneRecv(cc.Comm) {
			s.drained = true
		}
	}
	if i == 0 && b.Kind == cfg.KindRangeDone {
		// The end of a range over an iterator that reads the body to
		// its end (see rangeRead): the body is at EOF here, not on the
		// paths that leave the loop early.
		if rs, ok := b.Stmt.(*ast.RangeStmt); ok && w.c.rangeDrains[rs] {
			s.drained = true
		}
	}
	for ; i < len(b.Nodes); i++ {
		n := b.Nodes[i]
		last := i == len(b.Nodes)-1 && len(b.Succs) == 2
		if s.pending != 0 {
			// A helper's error decides what it did with the response:
			// branch on the check of that error, or, anywhere else, fall
			// back to the helper's summary for all of its paths.
			o := w.outcomes[s.pending-1]
			s.pending = 0
			if onErr, ok := w.nilCheck(n, o.v); ok && last {
				for succ, isErr := range []bool{onErr, !onErr} {
					t := s
					if isErr && o.onErr != nil {
						if w.steps(o.onErr, &t) {
							continue
						}
					} else if (isErr && !o.errLeaves) || (!isErr && !o.nilLeaves) {
						if w.steps(o.fallback, &t) {
							continue
						}
					}
					w.walk(b.Succs[succ], 0, t)
				}
				return
			}
			if w.steps(o.fallback, &s) {
				return
			}
		}
		if w.steps(w.byNode[n], &s) {
			return
		}
		if !s.ctxStale && w.assignsCtx(n) {
			s.ctxStale = true
		}
		if ret, ok := n.(*ast.ReturnStmt); ok {
			w.exit(ret, s)
			return
		}
		if i == len(b.Nodes)-1 && len(b.Succs) == 2 {
			// After "resp, err := ...", the branch where err != nil has
			// no response to close; once err holds another error, the
			// condition says nothing about the response.
			if taken, ok := w.errBranch(n); ok && !s.errStale {
				w.walk(b.Succs[taken], 0, s)
				return
			}
			// The branch where the response or its body is nil holds
			// no connection (net/http returns a nil response with its
			// error; a nil Body is no body).
			if nonNil, ok := w.nilRespBranch(n); ok {
				none := s
				none.drained = true
				w.walk(b.Succs[nonNil], 0, s)
				w.walk(b.Succs[1-nonNil], 0, none)
				return
			}
			// The branch where the request's context is done holds no
			// connection: the Transport closes it.
			if done, ok := w.ctxDoneBranch(n); ok && !s.ctxStale {
				gone := s
				gone.drained = true
				w.walk(b.Succs[done], 0, gone)
				w.walk(b.Succs[1-done], 0, s)
				return
			}
			// The branch where the status is 204 or 304 has no body:
			// the Transport has the connection back already.
			if noBody, ok := w.noBodyBranch(n); ok {
				empty := s
				empty.drained = true
				w.walk(b.Succs[noBody], 0, empty)
				w.walk(b.Succs[1-noBody], 0, s)
				return
			}
			// The two sides of a status check (see successUnread).
			if s.side == 0 {
				if e, ok := n.(ast.Expr); ok {
					if onTrue := w.statusSide(e); onTrue != 0 {
						t, f := s, s
						t.side, f.side = onTrue, -onTrue
						w.walk(b.Succs[0], 0, t)
						w.walk(b.Succs[1], 0, f)
						return
					}
				}
			}
		}
	}
	if len(b.Succs) == 0 {
		if b.Kind == cfg.KindSelectAfterCase {
			// After the last case of a select with no default: go/cfg
			// leaves this block without successors, and no path
			// reaches it (the select waits for one of its cases).
			return
		}
		if last := lastNode(b); last != nil {
			if es, ok := last.(*ast.ExprStmt); ok {
				if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && !w.c.mayReturn(call) {
					return // the process or goroutine ends here
				}
			}
		}
		if s.pending != 0 {
			o := w.outcomes[s.pending-1]
			s.pending = 0
			if w.steps(o.fallback, &s) {
				return
			}
		}
		w.exit(nil, s)
		return
	}
	for _, succ := range b.Succs {
		w.walk(succ, 0, s)
	}
}

// steps applies events to the path's state; stop reports that the path
// is no longer this function's to judge.
func (w *walker) steps(evs []event, s *state) (stop bool) {
	for _, e := range evs {
		switch e.kind {
		case drain:
			s.drained = true
			if s.side == -1 {
				w.errRead = true
			}
		case partial:
			s.partial = true
			if s.side == -1 {
				w.errRead = true
			}
		case failed:
			if !s.drained {
				s.partial, s.failed = true, e.what
			}
		case decode:
			if !s.drained {
				s.decoded = e.what
			}
			if s.side == -1 {
				w.errRead = true
			}
		case closeBody:
			if !s.drained && !s.closed {
				w.badClose(e, failedPath(*s), s.decoded, s.side, s.partial)
			}
			s.closed = true
		case deferClose:
			if !s.deferClosed {
				s.deferClosed, s.deferStmt = true, e.stmt
			}
		case deferDrain:
			s.deferDrained = true
		case deferDrainCl:
			s.deferClosed, s.deferDrained = true, true
			s.deferStmt = nil
		case errAssign:
			s.errStale = true
		case escape:
			return true // other code owns the response on this path
		case returned:
			if w.fresh != nil {
				w.fresh.add(*s)
				return true
			}
			if !w.closesAtReturn(*s) {
				return true // the caller owns it
			}
		case reassign:
			w.dropped(e.pos, *s)
			return true // a later acquisition is judged on its own
		case outcome:
			o := e.outcome
			if o.v == nil {
				// return check(resp): the caller gets whichever error it
				// returns; a path of the helper that left the body alone
				// ends here.
				if !o.nilLeaves && !o.errLeaves && w.steps(o.fallback, s) {
					return true
				}
				continue
			}
			if !slices.Contains(w.outcomes, o) {
				w.outcomes = append(w.outcomes, o)
			}
			s.pending = slices.Index(w.outcomes, o) + 1
		}
	}
	return false
}

// nilCheck recognizes v != nil and v == nil, and returns whether the
// condition holds where v is not nil.
func (w *walker) nilCheck(n ast.Node, v *types.Var) (onErr, ok bool) {
	if v == nil {
		return false, false
	}
	return nilComparison(w.c.pass.TypesInfo, n, v)
}

// nilComparison recognizes v != nil and v == nil (either side), and
// returns whether the operator is !=.
func nilComparison(info *types.Info, n ast.Node, v types.Object) (neq, ok bool) {
	be, isBin := n.(*ast.BinaryExpr)
	if !isBin || (be.Op != token.NEQ && be.Op != token.EQL) {
		return false, false
	}
	isV := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == v
	}
	isNil := func(e ast.Expr) bool {
		tv, ok := info.Types[e]
		return ok && tv.IsNil()
	}
	if matched := (isV(be.X) && isNil(be.Y)) || (isV(be.Y) && isNil(be.X)); !matched {
		return false, false
	}
	return be.Op == token.NEQ, true
}

func lastNode(b *cfg.Block) ast.Node {
	if len(b.Nodes) == 0 {
		return nil
	}
	return b.Nodes[len(b.Nodes)-1]
}

// nilRespBranch recognizes resp == nil, resp != nil, resp.Body == nil and
// resp.Body != nil on the acquired response, and returns the successor
// where the response and its body are not nil.
func (w *walker) nilRespBranch(n ast.Node) (int, bool) {
	be, ok := n.(*ast.BinaryExpr)
	if !ok || w.a.resp == nil {
		return 0, false
	}
	if be.Op == token.LAND || be.Op == token.LOR {
		// resp != nil && resp.Body != nil, resp == nil || resp.Body == nil:
		// both sides test for nil the same way, so the branch where the
		// whole condition fails has a nil response or body.
		x, okx := w.nilRespBranch(ast.Unparen(be.X))
		y, oky := w.nilRespBranch(ast.Unparen(be.Y))
		if okx && oky && x == y && (x == 0) == (be.Op == token.LAND) {
			return x, true
		}
		return 0, false
	}
	if be.Op != token.NEQ && be.Op != token.EQL {
		return 0, false
	}
	info := w.c.pass.TypesInfo
	isResp := func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if sel, ok := e.(*ast.SelectorExpr); ok && sel.Sel.Name == "Body" {
			if s := info.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
				e = ast.Unparen(sel.X)
			}
		}
		id, ok := e.(*ast.Ident)
		return ok && info.Uses[id] == w.a.resp
	}
	isNil := func(e ast.Expr) bool {
		tv, ok := info.Types[e]
		return ok && tv.IsNil()
	}
	if matched := (isResp(be.X) && isNil(be.Y)) || (isResp(be.Y) && isNil(be.X)); !matched {
		return 0, false
	}
	if be.Op == token.NEQ {
		return 0, true // the then branch: not nil
	}
	return 1, true
}

// ctxVar returns the local context variable the request the acquisition
// sends carries (see requestContext), computed on first use. Walkers that
// summarize have none: what they judge is what the caller gets. A
// function other than Do or RoundTrip that is given exactly one context
// (c.executeMethod(ctx, ...), an API wrapper) sends its request with it.
func (w *walker) ctxVar() *types.Var {
	if !w.ctxDone {
		w.ctxDone = true
		if !w.quiet() && w.a.call != nil {
			if len(w.a.call.Args) == 1 {
				w.ctx = w.c.requestContext(w.a.call.Args[0], 0)
			}
			if w.ctx == nil && w.a.callee != "Do" && w.a.callee != "RoundTrip" {
				w.ctx = w.c.contextArg(w.a.call)
			}
		}
	}
	return w.ctx
}

// localVar reports whether v is a variable of a function (a local or a
// parameter), not a field or a package variable other code may set.
func localVar(v *types.Var) bool {
	return v != nil && !v.IsField() && v.Pkg() != nil && v.Parent() != v.Pkg().Scope()
}

// contextArg returns the one argument of call whose type is
// context.Context, when it is a variable of this function (not a
// package variable), or nil.
func (c *checker) contextArg(call *ast.CallExpr) *types.Var {
	var found *types.Var
	n := 0
	for _, a := range call.Args {
		t := c.pass.TypesInfo.TypeOf(a)
		if t == nil || !httplib.IsNamed(t, "context", "Context") {
			continue
		}
		n++
		if id, ok := ast.Unparen(a).(*ast.Ident); ok {
			if v := c.varOf(id); localVar(v) {
				found = v
			}
		}
	}
	if n != 1 {
		return nil
	}
	return found
}

// ctxDoneRecv reports whether n, a select case's communication, receives
// from the request's context's Done channel: case <-ctx.Done().
func (w *walker) ctxDoneRecv(n ast.Node) bool {
	es, ok := n.(*ast.ExprStmt)
	if !ok || w.ctxVar() == nil {
		return false
	}
	u, ok := ast.Unparen(es.X).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	call, ok := ast.Unparen(u.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 || !httplib.IsFunc(calleeFunc(w.c.pass.TypesInfo, call), "context", "Context", "Done") {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && w.c.varOf(id) == w.ctx
}

// assignsCtx reports whether n, a CFG node, assigns the request's context
// variable: a later check of it no longer tells about the request.
func (w *walker) assignsCtx(n ast.Node) bool {
	as, ok := n.(*ast.AssignStmt)
	if !ok || w.ctxVar() == nil {
		return false
	}
	return slices.ContainsFunc(as.Lhs, func(l ast.Expr) bool {
		id, ok := ast.Unparen(l).(*ast.Ident)
		return ok && w.c.varOf(id) == w.ctx
	})
}

// ctxDoneBranch recognizes ctx.Err() != nil and ctx.Err() == nil on the
// context of the request sent, and returns the successor where it is
// done: the Transport's read loop closes the connection of a request
// whose context is done (Go 1.26 net/http transport.go, persistConn.readLoop:
// alive = false on <-rc.treq.ctx.Done()), so the response holds none.
func (w *walker) ctxDoneBranch(n ast.Node) (int, bool) {
	be, ok := n.(*ast.BinaryExpr)
	if !ok || w.ctxVar() == nil {
		return 0, false
	}
	if be.Op == token.LAND || be.Op == token.LOR {
		// ctx != nil && ctx.Err() != nil holds only where it is done;
		// ctx.Err() == nil || stop fails only there.
		want := 0
		if be.Op == token.LOR {
			want = 1
		}
		for _, side := range []ast.Expr{be.X, be.Y} {
			if d, ok := w.ctxDoneBranch(ast.Unparen(side)); ok && d == want {
				return d, true
			}
		}
		return 0, false
	}
	if be.Op != token.NEQ && be.Op != token.EQL {
		return 0, false
	}
	info := w.c.pass.TypesInfo
	isErr := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Err" || !httplib.IsFunc(calleeFunc(info, call), "context", "Context", "Err") {
			return false
		}
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		return ok && w.c.varOf(id) == w.ctx
	}
	isNil := func(e ast.Expr) bool {
		tv, ok := info.Types[e]
		return ok && tv.IsNil()
	}
	if (!isErr(be.X) || !isNil(be.Y)) && (!isErr(be.Y) || !isNil(be.X)) {
		return 0, false
	}
	if be.Op == token.NEQ {
		return 0, true // the then branch: done
	}
	return 1, true
}

// calleeFunc is the function or method call calls, or nil.
func calleeFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// errBranch recognizes err != nil / err == nil conditions on the
// acquisition's error and returns the successor where the response
// exists.
func (w *walker) errBranch(n ast.Node) (int, bool) {
	e, ok := n.(ast.Expr)
	if !ok || w.a.err == nil {
		return 0, false
	}
	// err != nil, err == nil, isTimeout(err), errors.Is(err, ErrX),
	// err == io.EOF, and && || ! of them: a condition that a nil error
	// decides holds its other value only where err != nil.
	switch w.c.nilValue(e, w.a.err, nil) {
	case nilFalse:
		return 1, true // the else branch: where err may be nil
	case nilTrue:
		return 0, true
	}
	return 0, false
}

// noBodyBranch recognizes a comparison of the response's StatusCode with
// 204 (No Content) or 304 (Not Modified), as an if condition or a switch
// case, and returns the successor where the status is one of them: net/http
// gives such responses an empty body (http.NoBody) and keeps the connection.
func (w *walker) noBodyBranch(n ast.Node) (int, bool) {
	info := w.c.pass.TypesInfo
	if e, ok := n.(ast.Expr); ok {
		// go/cfg keeps a condition with && and || as one node.
		switch onTrue, onFalse := w.noBodyCond(e); {
		case onTrue:
			return 0, true
		case onFalse:
			return 1, true
		}
	}
	e, ok := n.(ast.Expr)
	if !ok || !bodiless(info, e) {
		return 0, false
	}
	if w.caseTags == nil {
		w.caseTags = map[ast.Expr]ast.Expr{}
		inspectShallow(w.c.body, func(m ast.Node) {
			sw, ok := m.(*ast.SwitchStmt)
			if !ok || sw.Tag == nil {
				return
			}
			for _, cl := range sw.Body.List {
				for _, x := range cl.(*ast.CaseClause).List {
					w.caseTags[x] = sw.Tag
				}
			}
		})
	}
	if tag, ok := w.caseTags[e]; ok && w.isStatus(tag) {
		return 0, true // case 204, 304: the clause's body
	}
	return 0, false
}

// noBodyCond reports whether the response has no body wherever condition
// e holds (onTrue), or wherever it fails (onFalse): the status is 204 or
// 304, or the flag that chose HEAD for the request says HEAD. A body whose
// ContentLength exceeds a drain cap counts too: it is left unread on
// purpose.
func (w *walker) noBodyCond(e ast.Expr) (onTrue, onFalse bool) {
	info := w.c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			t, f := w.noBodyCond(e.X)
			return f, t
		}
	case *ast.Ident, *ast.SelectorExpr:
		if w.a.headIf != nil && w.c.sameFlag(e, w.a.headIf) {
			return w.a.headWhen, !w.a.headWhen // the flag that chose HEAD
		}
	case *ast.CallExpr:
		if w.c.scanCall(e) {
			return false, true // sc.Scan() is false: the body is at EOF
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.EQL, token.NEQ:
			if (w.isStatus(e.X) && bodiless(info, e.Y)) || (w.isStatus(e.Y) && bodiless(info, e.X)) {
				return e.Op == token.EQL, e.Op == token.NEQ
			}
			if (w.isMethod(e.X) && isHeadConst(info, e.Y)) || (w.isMethod(e.Y) && isHeadConst(info, e.X)) {
				return e.Op == token.EQL, e.Op == token.NEQ // method == "HEAD": no body
			}
		case token.GTR, token.GEQ, token.LSS, token.LEQ:
			// resp.ContentLength > 2<<10: a body known to be larger than
			// a drain cap is dropped on purpose (net/http's client does
			// so before a redirect); reading it would cost more than a
			// new connection.
			if w.isContentLength(e.X) && w.c.capLimit(e.Y) {
				return e.Op == token.GTR || e.Op == token.GEQ, e.Op == token.LSS || e.Op == token.LEQ
			}
			if w.isContentLength(e.Y) && w.c.capLimit(e.X) {
				return e.Op == token.LSS || e.Op == token.LEQ, e.Op == token.GTR || e.Op == token.GEQ
			}
		case token.LOR:
			xt, xf := w.noBodyCond(e.X)
			yt, yf := w.noBodyCond(e.Y)
			return xt && yt, xf || yf
		case token.LAND:
			xt, xf := w.noBodyCond(e.X)
			yt, yf := w.noBodyCond(e.Y)
			return xt || yt, xf && yf
		}
	}
	return false, false
}

// isMethod reports whether e is the method of the acquired response's
// request: resp.Request.Method, req.Method of the request variable sent,
// or the local that request's method came from (see methodVar).
func (w *walker) isMethod(e ast.Expr) bool {
	info := w.c.pass.TypesInfo
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return w.a.methodVar != nil && info.Uses[x] == w.a.methodVar
	case *ast.SelectorExpr:
		if x.Sel.Name != "Method" {
			return false
		}
		switch y := ast.Unparen(x.X).(type) {
		case *ast.Ident:
			return w.a.req != nil && info.Uses[y] == w.a.req
		case *ast.SelectorExpr:
			id, ok := ast.Unparen(y.X).(*ast.Ident)
			return ok && y.Sel.Name == "Request" && w.a.resp != nil && info.Uses[id] == w.a.resp
		}
	}
	return false
}

// isHeadConst reports whether e is the constant "HEAD".
func isHeadConst(info *types.Info, e ast.Expr) bool {
	s, ok := httplib.ConstString(info, e)
	return ok && s == "HEAD"
}

// isContentLength reports whether e is resp.ContentLength of the acquired
// response.
func (w *walker) isContentLength(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "ContentLength" {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && w.c.pass.TypesInfo.Uses[id] == w.a.resp
}

// isStatus reports whether e is resp.StatusCode of the acquired response.
func (w *walker) isStatus(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "StatusCode" {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && w.c.pass.TypesInfo.Uses[id] == w.a.resp
}

// bodiless reports whether e is the constant 204 or 304.
func bodiless(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return false
	}
	code, exact := constant.Int64Val(tv.Value)
	return exact && (code == 204 || code == 304)
}

// closesAtReturn reports whether a response returned on a path with state s
// is still closed here: a deferred resp.Body.Close() (not one in a function
// literal, which may close on some condition only) runs before the caller
// sees it.
func (w *walker) closesAtReturn(s state) bool {
	if s.closed || !s.deferClosed || s.deferStmt == nil {
		return false
	}
	d, ok := s.deferStmt.(*ast.DeferStmt)
	if !ok {
		return false
	}
	if lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok {
		// defer func() { ... resp.Body.Close() ... }(), or the body
		// passed as the literal's parameter.
		if w.c.closesWhenDeferred(lit, w.a.resp) {
			return true
		}
		for i, arg := range d.Call.Args {
			if w.c.refersTo(arg, w.a.resp, true) {
				if p := paramAt(w.c.pass.TypesInfo, lit, i); p != nil && w.c.closesWhenDeferred(lit, p) {
					return true
				}
			}
		}
		return false
	}
	sel, ok := ast.Unparen(d.Call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Close" && len(d.Call.Args) == 0 && w.c.refersTo(sel.X, w.a.resp, true)
}

// dropped judges the response when its variable is assigned again at pos
// (the next response of a retry, or the acquisition itself in a loop): a
// body neither closed nor read to EOF is never closed. A deferred Close
// still holds the old body, so that path stays silent. It is reported
// once per acquisition, apart from a return that leaks the last response
// (keyed by the call's end): a retry that drops its responses is another
// defect than a final response left unclosed.
func (w *walker) dropped(pos token.Pos, s state) {
	if w.quiet() || s.closed || s.drained || s.deferClosed || s.deferDrained || w.reported[w.a.call.End()] {
		return
	}
	w.reported[w.a.call.End()] = true
	line := w.c.pass.Fset.Position(pos).Line
	report.Reportf(w.c.pass, w.a.call, "response body of %s is never closed before %s is assigned again at line %d: the connection is not reused and stays open until the server closes it",
		w.a.resp.Name(), w.a.resp.Name(), line)
}

// exit judges one path's end at a return (or the function's end).
func (w *walker) exit(ret *ast.ReturnStmt, s state) {
	at := w.funcEnd
	if ret != nil {
		at = ret.Pos()
	}
	if w.summary != nil {
		w.summary.add(w.c, ret, s)
		return
	}
	if w.fresh != nil {
		return
	}
	switch {
	case s.closed:
	case s.deferClosed:
		if !s.drained && !s.deferDrained && s.deferStmt != nil {
			line := w.c.pass.Fset.Position(at).Line
			w.badClose(event{kind: deferClose, pos: s.deferStmt.Pos(), stmt: s.deferStmt, ret: ret}, fmt.Sprintf(" on the path that returns at line %d%s", line, failedPath(s)), s.decoded, s.side, s.partial)
		}
	case s.drained:
		// Read to EOF: the Transport has taken the connection back; an
		// unclosed body no longer holds it.
	default:
		if w.reported[w.a.call.Pos()] {
			return
		}
		if w.canceled == nil {
			w.canceled = new(bool)
			*w.canceled = w.c.canceledAtReturn(w.a, w.ctxVar())
		}
		if *w.canceled {
			// The deferred cancel of the request's context ends the
			// request at return: the Transport closes the connection.
			return
		}
		w.reported[w.a.call.Pos()] = true
		// Reported at the return that leaks it, where the close is
		// missing, with the request as related information.
		line := w.c.pass.Fset.Position(w.a.call.Pos()).Line
		d := analysis.Diagnostic{Pos: at, End: at + 1,
			Message: fmt.Sprintf("response body of %s (from %s at line %d) is never closed on the path that returns here: the connection is not reused and stays open until the server closes it",
				w.a.resp.Name(), w.a.callee, line),
			Related: []analysis.RelatedInformation{{Pos: w.a.call.Pos(), End: w.a.call.End(), Message: "response obtained here"}},
		}
		if ret != nil {
			d.End = ret.End()
		} else {
			d.Message = fmt.Sprintf("response body of %s (from %s at line %d) is never closed before the function ends: the connection is not reused and stays open until the server closes it",
				w.a.resp.Name(), w.a.callee, line)
		}
		report.Report(w.c.pass, d)
	}
}

// badClose records a Close reached before EOF on one path; decoded names
// the format of a decode on that path, if any.
func (w *walker) badClose(e event, path, decoded string, side int8, partial bool) {
	if w.quiet() {
		return
	}
	closes := w.closes
	if decoded == "" && side == 1 && !partial {
		// Unread on the success side of a status check: reported only
		// if no failure path reads the body (see successUnread), and
		// only if no other path reaches this close before EOF.
		if w.successCloses == nil {
			w.successCloses = map[token.Pos]*badClose{}
		}
		closes = w.successCloses
	}
	if old, ok := closes[e.pos]; ok && (old.decoded == "" || decoded != "") {
		return // the first path of the worst kind is reported
	}
	closes[e.pos] = &badClose{e: e, path: path, decoded: decoded}
}

// reportCloses reports the recorded closes in source order. A close
// reached only after a decode is reported with its own message, unless
// the decoder option is off.
func (w *walker) reportCloses() {
	var bad []*badClose
	for _, b := range w.closes {
		bad = append(bad, b)
	}
	if len(w.successCloses) > 0 && (!w.errRead || !w.write && !w.c.writeRequest(w.a.call)) {
		for pos, b := range w.successCloses {
			if _, other := w.closes[pos]; !other {
				bad = append(bad, b)
			}
		}
	}
	slices.SortFunc(bad, func(x, y *badClose) int { return int(x.e.pos - y.e.pos) })
	for _, b := range bad {
		if b.decoded != "" && !w.c.decoder {
			continue
		}
		if w.c.generated(b.e.pos) {
			continue // the generator reads what the API declares; nothing else
		}
		w.reportClose(b.e, b.path, b.decoded)
	}
}

// generated reports whether pos is in a generated file. Generated API
// clients read a response body exactly where the API description declares
// content, and close it unread where it declares none (204 No Content,
// the 2xx of most DELETEs): a close before EOF there follows the spec, and
// the repair belongs in the generator. Bodies never closed are still
// reported there.
func (c *checker) generated(pos token.Pos) bool {
	f := fix.File(c.pass, pos)
	return f != nil && ast.IsGenerated(f)
}

func (w *walker) reportClose(e event, path, decoded string) {
	if w.reported[e.pos] {
		return
	}
	w.reported[e.pos] = true
	name := w.a.resp.Name()
	msg := fmt.Sprintf("response body of %s is closed before it was read to EOF%s: the Transport discards the connection instead of reusing it", name, path)
	if decoded != "" {
		msg = fmt.Sprintf("response body of %s is closed%s after a %s decode that may stop before EOF: a chunked body, or one with data after the value, can lose its connection", name, path, decoded)
	}
	d := analysis.Diagnostic{
		Pos: e.pos, End: e.pos,
		Message: msg,
	}
	if e.ret != nil {
		what := "the path returns here with the body unread"
		if decoded != "" {
			what = "the path returns here after the decode"
		}
		d.Related = []analysis.RelatedInformation{{Pos: e.ret.Pos(), End: e.ret.End(), Message: what}}
	}
	if e.by != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: e.by.Pos(), End: e.by.End(), Message: "the called function closes the body here"})
	}
	if e.stmt != nil {
		if f, ok := w.c.drainFix(e, name); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{f}
		}
	}
	report.Report(w.c.pass, d)
}

// drainFix inserts io.Copy(io.Discard, resp.Body) before a Close, or a
// deferred drain after a deferred Close (deferred calls run last-in
// first-out, so the drain runs first).
func (c *checker) drainFix(e event, name string) (analysis.SuggestedFix, bool) {
	return c.drainFixOf(e.stmt, name+".Body")
}

// drainFixOf inserts io.Copy(io.Discard, body) before stmt, a Close, or a
// deferred drain after stmt, a deferred Close.
func (c *checker) drainFixOf(stmt ast.Stmt, body string) (analysis.SuggestedFix, bool) {
	file, src := fix.File(c.pass, stmt.Pos()), fix.Source(c.pass, stmt.Pos())
	if file == nil || src == nil {
		return analysis.SuggestedFix{}, false
	}
	io, imports, ok := fix.ImportName(c.pass.TypesInfo, file, stmt.Pos(), "io")
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	tf := c.pass.Fset.File(stmt.Pos())
	lineStart := tf.LineStart(c.pass.Fset.Position(stmt.Pos()).Line)
	indent := ""
	for i := tf.Offset(lineStart); i < len(src) && (src[i] == '\t' || src[i] == ' '); i++ {
		indent += string(src[i])
	}
	drainCall := io + ".Copy(" + io + ".Discard, " + body + ")"
	var edit analysis.TextEdit
	if _, ok := stmt.(*ast.DeferStmt); ok {
		end := tf.Offset(stmt.End())
		for end < len(src) && src[end] != '\n' {
			end++
		}
		at := tf.Pos(end)
		edit = analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n" + indent + "defer func() { _, _ = " + drainCall + " }()")}
	} else {
		at := stmt.Pos()
		edit = analysis.TextEdit{Pos: at, End: at, NewText: []byte("_, _ = " + drainCall + "\n" + indent)}
	}
	return analysis.SuggestedFix{
		Message:   "Drain the body before closing it",
		TextEdits: append(slices.Clone(imports), edit),
	}, true
}

// events collects what the function does with a.resp, in source order. ok
// is false when the response or its body escapes.
func (c *checker) events(body *ast.BlockStmt, a acquisition) (evs []event, ok bool) {
	info := c.pass.TypesInfo
	ok = true
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		// A deferred call is judged as a whole.
		if d, isDefer := n.(*ast.DeferStmt); isDefer && c.mentions(d, a.resp) {
			e, dok := c.deferred(d, a.resp)
			if !dok {
				ok = false
				return false
			}
			evs = append(evs, e...)
			return false
		}
		if lit, isLit := n.(*ast.FuncLit); isLit {
			if c.mentions(lit, a.resp) {
				ok = false // captured by a closure or goroutine
			}
			return false
		}
		stack = append(stack, n)
		if as, isAssign := n.(*ast.AssignStmt); isAssign && as != a.stmt && a.err != nil {
			for _, l := range as.Lhs {
				if lid, isID := ast.Unparen(l).(*ast.Ident); isID && c.varOf(lid) == a.err {
					evs = append(evs, event{kind: errAssign, pos: as.Pos()})
				}
			}
		}
		id, isID := n.(*ast.Ident)
		if isID && c.aliasReturned(stack, id) {
			evs = append(evs, event{kind: returned, pos: id.Pos()})
			return true
		}
		if !isID || info.Uses[id] != a.resp {
			return true
		}
		e, uok := c.use(stack, a)
		if !uok {
			// Handed to other code here: only the paths through this
			// use stop being ours.
			kind := escape
			if returnedAt(stack) {
				kind = returned
			}
			evs = append(evs, event{kind: kind, pos: id.Pos()})
			return true
		}
		evs = append(evs, e...)
		return true
	})
	// Reaching the acquisition again (a loop) drops the response it made
	// on the previous iteration.
	if a.stmt != nil {
		evs = append(evs, event{kind: reassign, pos: a.stmt.Pos()})
	}
	return evs, ok
}

// returnedAt reports whether the use at the end of stack (resp, or
// resp.Body) is itself a result of a return statement.
func returnedAt(stack []ast.Node) bool {
	i := len(stack) - 2
	if i >= 0 {
		if sel, ok := stack[i].(*ast.SelectorExpr); ok && sel.Sel.Name == "Body" {
			i--
		}
	}
	if i < 0 {
		return false
	}
	_, ok := stack[i].(*ast.ReturnStmt)
	return ok
}

// mentions reports whether n refers to v.
func (c *checker) mentions(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// use classifies one use of the response variable; stack ends with it.
func (c *checker) use(stack []ast.Node, a acquisition) ([]event, bool) {
	id := stack[len(stack)-1]
	parent := func(i int) ast.Node { // i=1: the parent
		if len(stack)-1-i < 0 {
			return nil
		}
		return stack[len(stack)-1-i]
	}
	switch p := parent(1).(type) {
	case *ast.AssignStmt:
		if p == a.stmt {
			return nil, true
		}
		if slices.Contains(p.Lhs, ast.Expr(id.(*ast.Ident))) {
			for _, r := range p.Rhs {
				if c.mentions(r, a.resp) {
					return nil, false // resp = wrap(resp): handed on
				}
			}
			return []event{{kind: reassign, pos: p.Pos()}}, true // the next response, or nil
		}
		return nil, false // copied elsewhere
	case *ast.BinaryExpr:
		return nil, true // resp != nil
	case *ast.SelectorExpr:
		if p.X != id {
			return nil, false
		}
		if call, ok := parent(2).(*ast.CallExpr); ok && call.Fun == ast.Expr(p) && p.Sel.Name == "Write" && httplib.IsFunc(typeutil.StaticCallee(c.pass.TypesInfo, call), "net/http", "Response", "Write") {
			// resp.Write(w) copies the body to its end, then closes it.
			return []event{{kind: drain, pos: call.Pos()}, {kind: closeBody, pos: call.Pos()}}, true
		}
		if p.Sel.Name != "Body" {
			if as, ok := parent(2).(*ast.AssignStmt); ok && slices.Contains(as.Lhs, ast.Expr(p)) {
				return nil, true // resp.Header = ...: not about the body
			}
			return nil, true // StatusCode, Header, ...
		}
		return c.bodyUse(stack[:len(stack)-1], a)
	case *ast.CallExpr:
		if c.startsGoroutine(parent(2), p) {
			return nil, false // the goroutine owns it (see goroutines)
		}
		if fact := c.helperFact(p); fact != nil {
			i := slices.Index(p.Args, ast.Expr(id.(*ast.Ident)))
			if i >= 0 && i < 64 && fact.Borrows&(1<<i) != 0 {
				return nil, true // the helper only looks at it
			}
			if i >= 0 && i < 64 && fact.Wraps&(1<<i) != 0 {
				return c.wrapUse(stack, p) // wrapped in the helper's result
			}
			if i >= 0 && i < 64 && (fact.NilLeaves|fact.ErrLeaves)&(1<<i) != 0 {
				if v, ok := c.errResult(parent(2), p); ok {
					fallback := []event{{kind: escape, pos: p.Pos()}}
					if (fact.Drains|fact.Closes)&(1<<i) != 0 {
						fallback = c.helperEvents(p, fact, a.resp, stmtOf(stack))
					}
					o := &outcomeCall{v: v, nilLeaves: fact.NilLeaves&(1<<i) != 0, errLeaves: fact.ErrLeaves&(1<<i) != 0, fallback: fallback}
					return []event{{kind: outcome, pos: p.Pos(), outcome: o}}, true
				}
			}
			if i < 0 || i >= 64 || (fact.Drains|fact.Closes)&(1<<i) == 0 {
				return nil, false // the fact says nothing of this argument
			}
			return c.helperEvents(p, fact, a.resp, stmtOf(stack)), true
		}
		return nil, false // handed to code that may close or keep it
	}
	return nil, false
}

// errResult recognizes the two ways a caller learns which error call
// returned: return call(...) (v is nil: the caller's caller gets it), and
// err := call(...) or err = call(...), whose err a later check branches on.
func (c *checker) errResult(parent ast.Node, call *ast.CallExpr) (*types.Var, bool) {
	switch p := parent.(type) {
	case *ast.ReturnStmt:
		return nil, len(p.Results) > 0 && p.Results[len(p.Results)-1] == ast.Expr(call)
	case *ast.AssignStmt:
		if len(p.Lhs) != 1 {
			return nil, false
		}
		v := c.lastResult(p, call)
		return v, v != nil
	}
	return nil, false
}

// closeValue classifies the method value resp.Body.Close (the last node
// of stack) kept in a local defined by it and never assigned again
// (closeBody := resp.Body.Close): each call of the local closes the body,
// deferred or not. Any other use of the local is unknown.
func (c *checker) closeValue(stack []ast.Node) ([]event, bool) {
	sel, _ := stack[len(stack)-1].(*ast.SelectorExpr)
	var f *types.Var
	if as, ok := stack[len(stack)-2].(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 && as.Rhs[0] == ast.Expr(sel) {
		if id, ok := as.Lhs[0].(*ast.Ident); ok {
			f = c.varOf(id)
		}
	}
	if f == nil {
		return nil, false // kept elsewhere: unknown
	}
	info := c.pass.TypesInfo
	var evs []event
	ok := true
	var path []ast.Node
	ast.Inspect(c.body, func(n ast.Node) bool {
		if n == nil {
			path = path[:len(path)-1]
			return true
		}
		path = append(path, n)
		id, isID := n.(*ast.Ident)
		if !isID || info.Uses[id] != f {
			return true
		}
		call, isCall := path[len(path)-2].(*ast.CallExpr)
		if !isCall || call.Fun != ast.Expr(id) || len(path) < 3 {
			ok = false // assigned again, passed on, or kept
			return true
		}
		switch st := path[len(path)-3].(type) {
		case *ast.DeferStmt:
			evs = append(evs, event{kind: deferClose, pos: call.Pos(), stmt: st})
		case *ast.ExprStmt:
			evs = append(evs, event{kind: closeBody, pos: call.Pos(), stmt: fixable(path[:len(path)-2], st)})
		default:
			evs = append(evs, event{kind: closeBody, pos: call.Pos()})
		}
		return true
	})
	if !ok {
		return nil, false
	}
	return evs, true
}

// bodyUse classifies a use of resp.Body; stack ends with the selector.
func (c *checker) bodyUse(stack []ast.Node, a acquisition) ([]event, bool) {
	if len(stack) < 3 {
		return nil, false
	}
	sel := stack[len(stack)-1]
	parent := stack[len(stack)-2]
	switch p := parent.(type) {
	case *ast.BinaryExpr:
		if tv, ok := c.pass.TypesInfo.Types[p.X]; ok && tv.IsNil() {
			return nil, true // nil != resp.Body
		}
		if tv, ok := c.pass.TypesInfo.Types[p.Y]; ok && tv.IsNil() {
			return nil, true // resp.Body != nil
		}
		return nil, false
	case *ast.SelectorExpr: // resp.Body.Method
		call, ok := stack[len(stack)-3].(*ast.CallExpr)
		if !ok || call.Fun != p {
			if p.Sel.Name == "Close" {
				return c.closeValue(stack[:len(stack)-1])
			}
			return nil, false // a method value
		}
		switch p.Sel.Name {
		case "Close":
			stmt := stmtOf(stack[:len(stack)-2])
			return []event{{kind: closeBody, pos: call.Pos(), stmt: fixable(stack, stmt)}}, true
		case "Read":
			if inLoop(stack) {
				return []event{{kind: drain, pos: call.Pos()}}, true
			}
			return []event{{kind: partial, pos: call.Pos()}}, true
		}
		return nil, true
	case *ast.CallExpr:
		i := slices.Index(p.Args, sel.(ast.Expr))
		if i < 0 {
			return nil, false
		}
		switch fn := typeutil.StaticCallee(c.pass.TypesInfo, p); {
		case httplib.IsFunc(fn, "encoding/json", "", "NewDecoder"):
			return c.decoderEvents(stack[:len(stack)-1], p, a, "JSON"), true
		case httplib.IsFunc(fn, "encoding/xml", "", "NewDecoder"):
			return c.decoderEvents(stack[:len(stack)-1], p, a, "XML"), true
		case httplib.IsFunc(fn, "bufio", "", "NewScanner"):
			if sc := c.boundTo(stack[:len(stack)-1], p); sc != nil && c.scannedByConditions(sc) {
				// for sc.Scan() { ... }: the body is at EOF where Scan
				// reports false, not on a path that leaves the loop
				// early (see noBodyCond).
				c.scanners[sc] = true
				return nil, true
			}
			if c.inLoopSince(stack[:len(stack)-1], p, a) {
				return []event{{kind: drain, pos: p.Pos()}}, true // scanned to the end
			}
			return []event{{kind: partial, pos: p.Pos()}}, true // one Scan reads a prefix
		case httplib.IsFunc(fn, "io", "", "CopyN"):
			if i == 1 && len(p.Args) == 3 && c.capLimit(p.Args[2]) {
				// io.CopyN(io.Discard, resp.Body, 2<<10): a capped
				// drain, as io.LimitReader under a drain cap.
				return []event{{kind: drain, pos: p.Pos()}}, true
			}
			return []event{{kind: partial, pos: p.Pos()}}, true // io.CopyN(w, resp.Body, 512): a prefix
		case httplib.IsFunc(fn, "encoding/gob", "", "NewDecoder"),
			httplib.IsFunc(fn, "io", "", "ReadFull"), httplib.IsFunc(fn, "io", "", "ReadAtLeast"):
			return []event{{kind: partial, pos: p.Pos()}}, true // reads part of the body
		case httplib.IsFunc(fn, "io", "", "LimitReader"):
			// io.ReadAll(io.LimitReader(resp.Body, n)) reads to EOF
			// whenever the body is shorter than the limit: a drain when
			// n caps a drain, a prefix read when n is small (see
			// drainCap).
			if len(p.Args) == 2 && !c.capLimit(p.Args[1]) {
				return []event{{kind: partial, pos: p.Pos()}}, true // io.LimitReader(resp.Body, 512): a prefix
			}
			if outer, ok := stack[len(stack)-3].(*ast.CallExpr); ok {
				if j, ok := c.drainArg(outer); ok && j < len(outer.Args) && outer.Args[j] == p {
					return []event{{kind: drain, pos: outer.Pos()}}, true
				}
			}
			return []event{{kind: partial, pos: p.Pos()}}, true // read by something else, maybe in part
		}
		if rs := rangeOf(stack[len(stack)-3], p); rs != nil && c.drainsArg(p, i) && leavesEarly(c.pass.TypesInfo, rs) {
			c.rangeDrains[rs] = true
			return []event{{kind: partial, pos: p.Pos()}}, true
		}
		if j, ok := c.drainArg(p); ok && j == i {
			return []event{{kind: drain, pos: p.Pos()}}, true
		}
		if e, ok := c.consumerFailed(stack[len(stack)-3], p); ok {
			return []event{e}, true
		}
		if fact := c.helperFact(p); fact != nil && i < 64 && (fact.Drains|fact.Closes)&(1<<i) != 0 {
			var evs []event
			if i < 64 && fact.Drains&(1<<i) != 0 {
				evs = append(evs, event{kind: drain, pos: p.Pos()})
			}
			if i < 64 && fact.Closes&(1<<i) != 0 {
				evs = append(evs, event{kind: closeBody, pos: p.Pos()})
			}
			return evs, true
		}
		return nil, false // handed to code that may read, close or keep it
	}
	return nil, false
}

// decoderEvents classifies a decoder made over the body (newDec, the last
// node of stack): decoding in a loop, after the response was obtained,
// reads a stream of values to its end; a decoder used outside a loop reads
// one value and may stop before EOF.
func (c *checker) decoderEvents(stack []ast.Node, newDec *ast.CallExpr, a acquisition, what string) []event {
	if c.inLoopSince(stack, newDec, a) {
		return []event{{kind: drain, pos: newDec.Pos()}}
	}
	return []event{{kind: decode, pos: newDec.Pos(), what: what}}
}

// scanCall reports whether call is sc.Scan() on a scanner of the body
// recorded by the classification (see scannedByConditions).
func (c *checker) scanCall(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Scan" || len(call.Args) != 0 {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && c.scanners[c.varOf(id)]
}

// scannedByConditions reports whether every use of sc, a bufio.Scanner
// over the body, is sc.Scan() as the condition of a for or if statement
// (alone, negated, or in && and ||), or a method that reads what was
// scanned (Text, Bytes, Err, Buffer, Split): then the walk follows the
// scan, and the body is read to EOF exactly where Scan reports false.
func (c *checker) scannedByConditions(sc *types.Var) bool {
	info := c.pass.TypesInfo
	conds := map[ast.Expr]bool{}
	var cond func(e ast.Expr)
	cond = func(e ast.Expr) {
		switch x := ast.Unparen(e).(type) {
		case *ast.UnaryExpr:
			cond(x.X)
		case *ast.BinaryExpr:
			if x.Op == token.LAND || x.Op == token.LOR {
				cond(x.X)
				cond(x.Y)
			}
		case *ast.CallExpr:
			conds[x] = true
		}
	}
	inspectShallow(c.body, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.ForStmt:
			if n.Cond != nil {
				cond(n.Cond)
			}
		case *ast.IfStmt:
			cond(n.Cond)
		}
	})
	ok, scans := true, 0
	var stack []ast.Node
	ast.Inspect(c.body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, isID := n.(*ast.Ident)
		if !isID || info.Uses[id] != sc {
			return true
		}
		if len(stack) < 3 {
			ok = false
			return true
		}
		sel, isSel := stack[len(stack)-2].(*ast.SelectorExpr)
		call, isCall := stack[len(stack)-3].(*ast.CallExpr)
		if !isSel || !isCall || call.Fun != ast.Expr(sel) {
			ok = false
			return true
		}
		switch sel.Sel.Name {
		case "Scan":
			if !conds[call] {
				ok = false
			}
			scans++
		case "Text", "Bytes", "Err", "Buffer", "Split":
		default:
			ok = false
		}
		return true
	})
	return ok && scans > 0
}

// inLoopSince reports whether a reader made over the body (call, the last
// node of stack: a decoder, a scanner) is used in a loop that starts after
// the response was obtained: made in one, or bound to a local whose
// methods are called in one.
func (c *checker) inLoopSince(stack []ast.Node, call *ast.CallExpr, a acquisition) bool {
	var since ast.Stmt // nil for a parameter: every loop runs after it
	if a.stmt != nil {
		since = a.stmt
	}
	if loopSince(stack, since) {
		return true
	}
	v := c.boundTo(stack, call)
	return v != nil && c.usedInLoop(v, since)
}

// boundTo returns the local that call (the last node of stack) is
// assigned to, if any.
func (c *checker) boundTo(stack []ast.Node, call *ast.CallExpr) *types.Var {
	if len(stack) < 2 {
		return nil
	}
	switch p := stack[len(stack)-2].(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == len(p.Rhs) {
			for i, r := range p.Rhs {
				if r == ast.Expr(call) {
					if id, ok := p.Lhs[i].(*ast.Ident); ok {
						return c.varOf(id)
					}
				}
			}
		}
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == ast.Expr(call) && i < len(p.Names) {
				return c.varOf(p.Names[i])
			}
		}
	}
	return nil
}

// usedInLoop reports whether a method or field of dec is used in a loop
// that starts after the acquisition stmt.
func (c *checker) usedInLoop(dec *types.Var, acq ast.Stmt) bool {
	found := false
	var stack []ast.Node
	ast.Inspect(c.body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if sel, ok := n.(*ast.SelectorExpr); ok && !found {
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == dec && loopSince(stack, acq) {
				found = true
			}
		}
		return !found
	})
	return found
}

// loopSince reports whether the stack passes through a loop that does not
// contain stmt: one that runs after stmt on each of its iterations.
func loopSince(stack []ast.Node, stmt ast.Stmt) bool {
	for _, n := range stack {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if stmt == nil || stmt.Pos() < n.Pos() || stmt.Pos() >= n.End() {
				return true
			}
		}
	}
	return false
}

// helperEvents turns a helper's fact into events for resp passed whole.
func (c *checker) helperEvents(call *ast.CallExpr, fact *HelperFact, resp *types.Var, stmt ast.Stmt) []event {
	var evs []event
	for i, a := range call.Args {
		if i >= 64 || !c.refersTo(a, resp, true) {
			continue
		}
		if fact.Drains&(1<<i) != 0 {
			evs = append(evs, event{kind: drain, pos: call.Pos()})
		}
		if fact.Closes&(1<<i) != 0 {
			evs = append(evs, event{kind: closeBody, pos: call.Pos(), by: c.helperClose(call, i)})
		}
	}
	return evs
}

// closesBody reports whether call is v.Close() or v.Body.Close(), for v a
// response or its body.
func (c *checker) closesBody(call *ast.CallExpr, v *types.Var) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Close" && len(call.Args) == 0 && c.refersTo(sel.X, v, true)
}

// helperClose returns the close of parameter i's body in the called
// function, when it is a function of this package that closes it in one
// place: a report of the call names it as related information.
func (c *checker) helperClose(call *ast.CallExpr, i int) ast.Node {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() != c.pass.Pkg || i >= fn.Signature().Params().Len() {
		return nil
	}
	decl := c.declOf(fn)
	if decl == nil || decl.Body == nil {
		return nil
	}
	p := fn.Signature().Params().At(i)
	var found ast.Node
	n := 0
	ast.Inspect(decl.Body, func(m ast.Node) bool {
		call, ok := m.(*ast.CallExpr)
		if !ok {
			return true
		}
		if c.closesBody(call, p) {
			found = call
			n++
		}
		return true
	})
	if n != 1 {
		return nil
	}
	return found
}

// deferred classifies a defer statement that mentions resp.
func (c *checker) deferred(d *ast.DeferStmt, resp *types.Var) ([]event, bool) {
	call := d.Call
	var drains, closes bool
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		// defer resp.Body.Close()
		if c.closesBody(call, resp) {
			closes = true
			break
		}
		return c.deferredCall(d, resp)
	case *ast.FuncLit:
		// defer func() { ... }() or defer func(b io.ReadCloser) { ... }(resp.Body)
		for i, arg := range call.Args {
			if !c.mentions(arg, resp) {
				continue
			}
			if !c.refersTo(arg, resp, true) {
				return nil, false
			}
			p := paramAt(c.pass.TypesInfo, fun, i)
			if p == nil {
				return nil, false
			}
			dr, cl := c.paramEffects(fun.Body, p)
			drains, closes = drains || dr, closes || cl
		}
		if c.mentions(fun.Body, resp) {
			dr, cl := c.paramEffects(fun.Body, resp)
			drains, closes = drains || dr, closes || cl
			if !c.onlyBodyEffects(fun.Body, resp) {
				return nil, false
			}
		}
	default:
		return c.deferredCall(d, resp)
	}
	return deferEvents(d, drains, closes), true
}

// deferredCall handles defer f(args) for a helper or a standard drain.
func (c *checker) deferredCall(d *ast.DeferStmt, resp *types.Var) ([]event, bool) {
	call := d.Call
	var drains, closes bool
	if j, ok := c.drainArg(call); ok && j < len(call.Args) && c.refersTo(call.Args[j], resp, true) {
		drains = true
	} else if fact := c.helperFact(call); fact != nil {
		for _, e := range c.helperEvents(call, fact, resp, d) {
			drains = drains || e.kind == drain
			closes = closes || e.kind == closeBody
		}
	} else {
		return nil, false
	}
	return deferEvents(d, drains, closes), true
}

func deferEvents(d *ast.DeferStmt, drains, closes bool) []event {
	switch {
	case drains && closes:
		return []event{{kind: deferDrainCl, pos: d.Pos(), stmt: d}}
	case closes:
		return []event{{kind: deferClose, pos: d.Pos(), stmt: d}}
	case drains:
		return []event{{kind: deferDrain, pos: d.Pos(), stmt: d}}
	}
	return nil
}

// onlyBodyEffects reports whether every use of resp in a deferred function
// literal is harmless: reads of fields, the body's Close, reads to EOF.
func (c *checker) onlyBodyEffects(body *ast.BlockStmt, resp *types.Var) bool {
	ok := true
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if id, isID := n.(*ast.Ident); isID && c.pass.TypesInfo.Uses[id] == resp {
			evs, uok := c.use(stack, acquisition{resp: resp})
			if !uok || slices.ContainsFunc(evs, func(e event) bool { return e.kind == reassign }) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

func paramAt(info *types.Info, lit *ast.FuncLit, i int) *types.Var {
	sig, ok := info.TypeOf(lit).(*types.Signature)
	if !ok || i >= sig.Params().Len() {
		return nil
	}
	return sig.Params().At(i)
}

// stmtOf returns the innermost statement on the stack.
func stmtOf(stack []ast.Node) ast.Stmt {
	for i := len(stack) - 1; i >= 0; i-- {
		if s, ok := stack[i].(ast.Stmt); ok {
			return s
		}
	}
	return nil
}

// fixable returns stmt when a statement can be inserted before it: it
// stands directly in a block or a case body.
func fixable(stack []ast.Node, stmt ast.Stmt) ast.Stmt {
	for i := len(stack) - 1; i > 0; i-- {
		if stack[i] == stmt {
			switch stack[i-1].(type) {
			case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
				return stmt
			}
			return nil
		}
	}
	return nil
}

func inLoop(stack []ast.Node) bool {
	for _, n := range stack {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
	}
	return false
}
