package dotimeout

import (
	_ "embed"
	"fmt"
	"go/ast"
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
	"github.com/connvet/connvet/passes/internal/methval"
	"github.com/connvet/connvet/passes/internal/report"
)

//go:embed doc.go
var doc string

// InProcess is the option that also reports requests whose peer is in
// this process: a client dialing an in-memory listener, a loopback port
// this package listens on, and in tests a peer that is not visibly
// external (see passes/internal/inprocess).
const InProcess = inprocess.Option

// Analyzer reports fasthttp requests that can outlive their caller's timeout.
var Analyzer = newAnalyzer()

func newAnalyzer() *analysis.Analyzer {
	a := analyzer.New("dotimeout", doc, run, inspect.Analyzer, config.Analyzer)
	a.Flags.Bool(InProcess, false, "also report requests whose peer is in this process (a client that dials an in-memory listener, a loopback port this package listens on) or, in tests, is not visibly external")
	return a
}

// DefaultReadTimeout is the ReadTimeout the suggested fix writes when the
// call's own timeout cannot be used at the client's literal. It matches
// the dial timeout of net/http's DefaultTransport: long enough for slow
// legitimate responses, short enough that a silent peer frees its
// connection.
const DefaultReadTimeout = "30 * time.Second"

// kind classifies the fasthttp calls the check knows.
type kind int

const (
	// timeoutBefore139 is DoTimeout/DoDeadline on Client and HostClient:
	// leaky only before v1.39.0.
	timeoutBefore139 kind = iota + 1
	// getTimeout is GetTimeout/GetDeadline: leaky in every version.
	getTimeout
	// pipelineTimeout is PipelineClient.DoTimeout/DoDeadline.
	pipelineTimeout
	// noDeadline is Do/Get/Post/DoRedirects: no deadline unless the
	// client or the request sets one.
	noDeadline
	// lbTimeoutBefore139 is LBClient.DoTimeout/DoDeadline before v1.39.0.
	lbTimeoutBefore139
)

// timeoutArg is the index of the timeout argument of the *Timeout calls.
var timeoutArg = map[string]int{"DoTimeout": 2, "GetTimeout": 2}

func run(pass *analysis.Pass) (any, error) {
	fh := fasthttpver.Package(pass.Pkg)
	if fh == nil {
		return nil, nil // the package cannot call fasthttp
	}
	c := &checker{
		pass:            pass,
		ix:              pass.ResultOf[config.Analyzer].(*config.Index),
		calls:           classify(fh),
		old:             fasthttpver.Before139(fh),
		written:         map[*ast.CompositeLit]string{},
		reportInProcess: inprocess.Reported(pass),
		atLit:           report.NewAtLiteral(pass.Files),
	}
	c.peers = inprocess.New(pass, c.ix)
	if fn := httplib.LookupFunc(fh, "Request", "SetTimeout"); fn != nil {
		c.setTimeout = fn
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c.used = map[*config.Origin]bool{}
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		c.check(cur)
	}
	c.atLit.Flush(pass)
	c.keptPipelines(fh)
	return nil, nil
}

// keptPipelines reports pipeline clients this package builds without
// ReadTimeout and keeps beyond the function that builds them (a
// constructor's result, a field, a package variable) with no request in
// sight: every request the callers make through them, with or without a
// timeout, stays queued on a silent connection. Clients with a request in
// sight are reported at the request; clients whose peer is in this
// process are not reported unless the inprocess option asks for them.
func (c *checker) keptPipelines(fh *types.Package) {
	t := config.Type{Path: fh.Path(), Name: "PipelineClient"}
	for _, o := range c.ix.Made(t) {
		if o.Escaped || o.Lit == nil || c.used[o] || !c.ix.Kept(o) {
			continue
		}
		v := &config.Value{Type: t, Origins: []*config.Origin{o}}
		if v.SetPositive(c.pass.TypesInfo, "ReadTimeout") {
			continue
		}
		if !c.reportInProcess && (c.peers.TestPeer(o.Lit, o.Fields["Addr"]) || c.clientInProcess(v, nil)) {
			continue // the test's own server, or a peer of this process
		}
		d := analysis.Diagnostic{Pos: o.Lit.Pos(), End: o.Lit.End(), Message: fmt.Sprintf(
			"pipeline client built here has no ReadTimeout: a request to a server that stops answering stays queued on its connection, also after DoTimeout or DoDeadline return; once MaxPendingRequests (%s) are queued, requests fail with ErrPipelineOverflow",
			c.constField(v, "MaxPendingRequests", "1024"))}
		if edits, ok := fix.AddTimeFields(c.pass, []*ast.CompositeLit{o.Lit}, []string{"ReadTimeout"}, map[string]string{"ReadTimeout": "30 * time.Second"}); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Add ReadTimeout to the client", TextEdits: edits}}
		}
		report.Report(c.pass, d)
	}
}

// classify maps each fasthttp function and method the check knows to its
// kind, by object. The map is built once per package, with
// httplib.LookupFunc, the lookup counterpart of httplib.IsFunc.
func classify(fh *types.Package) map[*types.Func]kind {
	m := map[*types.Func]kind{}
	add := func(fn *types.Func, k kind) {
		if fn != nil {
			m[fn] = k
		}
	}
	for _, recv := range []string{"", "Client", "HostClient"} {
		get := func(name string) *types.Func { return httplib.LookupFunc(fh, recv, name) }
		add(get("DoTimeout"), timeoutBefore139)
		add(get("DoDeadline"), timeoutBefore139)
		add(get("GetTimeout"), getTimeout)
		add(get("GetDeadline"), getTimeout)
		for _, name := range []string{"Do", "Get", "Post", "DoRedirects"} {
			add(get(name), noDeadline)
		}
	}
	add(httplib.LookupFunc(fh, "PipelineClient", "DoTimeout"), pipelineTimeout)
	add(httplib.LookupFunc(fh, "PipelineClient", "DoDeadline"), pipelineTimeout)
	add(httplib.LookupFunc(fh, "PipelineClient", "Do"), noDeadline)
	add(httplib.LookupFunc(fh, "LBClient", "DoTimeout"), lbTimeoutBefore139)
	add(httplib.LookupFunc(fh, "LBClient", "DoDeadline"), lbTimeoutBefore139)
	return m
}

type checker struct {
	pass       *analysis.Pass
	ix         *config.Index
	used       map[*config.Origin]bool // clients with a request in sight
	calls      map[*types.Func]kind
	old        bool           // fasthttp in the build is older than v1.39.0
	setTimeout *types.Func    // Request.SetTimeout, nil before v1.42.0
	methods    *methval.Index // method values kept in variables and fields, built on first need
	// written is the ReadTimeout value the fixes write into each literal:
	// a constant timeout's source, or "" for DefaultReadTimeout.
	written map[*ast.CompositeLit]string
	atLit   *report.AtLiteral // clients reported at their literal (see reportClient)

	peers           *inprocess.Peers
	reportInProcess bool // the inprocess option
}

func (c *checker) check(cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	fn, recvs := c.callee(call)
	if fn == nil {
		return
	}
	k, ok := c.calls[fn]
	if !ok {
		return
	}
	for _, recv := range recvs {
		if v := c.ix.Value(recv); v != nil {
			for _, o := range v.Origins {
				c.used[o] = true // judged at its requests
			}
		}
	}
	if (k == timeoutBefore139 || k == lbTimeoutBefore139) && !c.old {
		return // since v1.39.0 DoTimeout sets connection deadlines
	}
	if k == noDeadline && fn.Name() != "Get" && fn.Name() != "Post" && len(call.Args) > 0 && !c.requestLacksDeadline(cur, call.Args[0]) {
		return // the request carries a deadline, or we cannot tell
	}
	if fn.Signature().Recv() == nil {
		if !c.inProcess(cur, fn, nil) {
			c.reportDefaultClient(call, fn, k)
		}
		return
	}
	if len(recvs) != 1 || recvs[0] == nil {
		return // the receiver is out of sight, or one of several
	}
	recv := recvs[0]
	if k == lbTimeoutBefore139 {
		c.checkLB(cur, recv, fn)
		return
	}
	v := c.ix.Value(recv)
	if !v.Known() || v.SetPositive(c.pass.TypesInfo, "ReadTimeout") {
		return // built out of sight, or bounded by ReadTimeout
	}
	if c.inProcess(cur, fn, v) {
		return // the peer is this process (see inProcess)
	}
	c.reportClient(call, recv, fn, k, v)
}

// callee returns the function call invokes and the receiver expressions
// it is called on: the selector's operand for a direct method call, the
// receivers of the method values stored in a variable or field for a call
// through one (get := c.GetTimeout; get(...)), none for a function.
func (c *checker) callee(call *ast.CallExpr) (*types.Func, []ast.Expr) {
	switch callee := typeutil.Callee(c.pass.TypesInfo, call).(type) {
	case *types.Func:
		if callee.Signature().Recv() == nil {
			return callee, nil
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s := c.pass.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
				return callee, []ast.Expr{sel.X}
			}
		}
		return callee, []ast.Expr{nil} // a method expression: receiver out of sight
	case *types.Var:
		if c.methods == nil {
			c.methods = methval.New(c.pass.TypesInfo, c.pass.Files)
		}
		return c.methods.Callee(call)
	}
	return nil, nil
}

const noFreeConns = `requests fail with "no free connections available to host"`

func (c *checker) reportClient(call *ast.CallExpr, recv ast.Expr, fn *types.Func, k kind, v *config.Value) {
	name := types.ExprString(recv)
	var msg string
	switch k {
	case timeoutBefore139:
		msg = fmt.Sprintf("client %s has no ReadTimeout: with fasthttp before v1.39.0, %s returns ErrTimeout but the request keeps its connection until the server answers; once the pool (%s) is full, %s",
			name, fn.Name(), c.poolSize(v), noFreeConns)
	case getTimeout:
		msg = fmt.Sprintf("client %s has no ReadTimeout: %s returns at the timeout but the request keeps running on its connection; once the pool (%s) is full, %s",
			name, fn.Name(), c.poolSize(v), noFreeConns)
	case pipelineTimeout:
		msg = fmt.Sprintf("pipeline client %s has no ReadTimeout: %s returns at the timeout but the request stays queued on its connection; once MaxPendingRequests (%s) are queued, requests fail with ErrPipelineOverflow",
			name, fn.Name(), c.constField(v, "MaxPendingRequests", "1024"))
	case noDeadline:
		what := "client"
		if v.Type.Name == "PipelineClient" {
			what = "pipeline client"
		}
		msg = fmt.Sprintf("%s %s has no ReadTimeout and the request no deadline: %s waits for as long as the server stays silent, holding its connection; once the pool (%s) is full, %s",
			what, name, fn.Name(), c.poolSize(v), noFreeConns)
	}
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}
	if f, ok := c.fixReadTimeout(call, fn, v); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{f}
	}
	// A client built in another function (a constructor, a package
	// variable) is reported where it is built, the place to fix, with
	// each request as related information: once per client and kind.
	if v != nil && len(v.Origins) == 1 && c.atLit.Elsewhere(v.Origins[0].Lit, call.Pos()) {
		c.atLit.Add(v.Origins[0].Lit, k, d, analysis.RelatedInformation{Pos: call.Pos(), End: call.End(), Message: fn.Name() + " called here"})
		return
	}
	report.Report(c.pass, d)
}

func (c *checker) reportDefaultClient(call *ast.CallExpr, fn *types.Func, k kind) {
	var why string
	switch k {
	case timeoutBefore139:
		why = "with fasthttp before v1.39.0 it returns ErrTimeout but the request keeps its connection until the server answers"
	case getTimeout:
		why = "it returns at the timeout but the request keeps running on its connection"
	default:
		why = "with no deadline it waits for as long as the server stays silent, holding its connection"
	}
	report.Reportf(c.pass, call, "fasthttp.%s uses the default client, which has no ReadTimeout: %s; once the pool (512 per host) is full, %s; use a Client with ReadTimeout",
		fn.Name(), why, noFreeConns)
}

// poolSize describes the connection pool that fills up.
func (c *checker) poolSize(v *config.Value) string {
	field := "MaxConnsPerHost"
	if v.Type.Name == "HostClient" || v.Type.Name == "PipelineClient" {
		field = "MaxConns"
	}
	return c.constField(v, field, "512") + " per host"
}

// constField returns the constant value of field when every origin sets it
// to the same constant, else def (the library's default).
func (c *checker) constField(v *config.Value, field, def string) string {
	val := ""
	for _, o := range v.Origins {
		e, ok := o.Fields[field]
		if !ok || e == nil {
			return def
		}
		tv, ok := c.pass.TypesInfo.Types[e]
		if !ok || tv.Value == nil || (val != "" && val != tv.Value.String()) {
			return def
		}
		val = tv.Value.String()
	}
	if val == "" || val == "0" {
		return def
	}
	return val
}

// checkLB reports an LBClient whose clients, all visible in its literal,
// lack ReadTimeout.
func (c *checker) checkLB(cur inspector.Cursor, recv ast.Expr, fn *types.Func) {
	call := cur.Node().(*ast.CallExpr)
	v := c.ix.Value(recv)
	if !v.Known() {
		return
	}
	var judged []*config.Value // the LB's clients, for the inprocess rule
	for _, o := range v.Origins {
		clients, ok := o.Fields["Clients"]
		if !ok || clients == nil {
			return // Clients set out of sight
		}
		lit, ok := ast.Unparen(clients).(*ast.CompositeLit)
		if !ok || len(lit.Elts) == 0 {
			return
		}
		for _, elt := range lit.Elts {
			cv := c.ix.Value(elt)
			if cv == nil || len(cv.Origins) != 1 || cv.Origins[0].Kind != config.Literal || cv.SetPositive(c.pass.TypesInfo, "ReadTimeout") {
				return // a client we cannot see, or one with ReadTimeout
			}
			judged = append(judged, cv)
		}
	}
	if !c.reportInProcess {
		var named []ast.Expr
		all := true
		for _, cv := range judged {
			named = append(named, clientAddrs(cv)...)
			all = all && c.clientInProcess(cv, nil)
		}
		if all || c.peers.TestPeer(call, named...) {
			return // every client's peer is this process, or the test's own
		}
	}
	report.Reportf(c.pass, call, "load-balanced client %s has clients without ReadTimeout: with fasthttp before v1.39.0, %s returns ErrTimeout but the request keeps its connection until the server answers; once the pool (512 per host) is full, %s",
		types.ExprString(recv), fn.Name(), noFreeConns)
}

// requestLacksDeadline reports whether req is a request built in this
// function that nothing gives a deadline: no SetTimeout call, and never
// handed to code that could call it.
func (c *checker) requestLacksDeadline(cur inspector.Cursor, req ast.Expr) bool {
	req = ast.Unparen(req)
	if u, ok := req.(*ast.UnaryExpr); ok && u.Op == token.AND {
		req = u.X // Do(&req, ...) on a request value
	}
	id, ok := ast.Unparen(req).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	var body inspector.Cursor
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body = enc
		break
	}
	if !body.Valid() || v.Pos() < body.Node().Pos() || v.Pos() >= body.Node().End() {
		return false // a parameter, a package variable, or captured
	}
	if isParam(v) {
		return false // the caller may have set a deadline
	}
	for use := range body.Preorder((*ast.Ident)(nil)) {
		ident := use.Node().(*ast.Ident)
		if c.pass.TypesInfo.Uses[ident] != v && c.pass.TypesInfo.Defs[ident] != v {
			continue
		}
		if !c.harmlessRequestUse(use) {
			return false
		}
	}
	return true
}

// isParam reports whether v is a receiver, parameter or named result. The
// caller has checked that v is declared in the function around its use, so
// it can only be that function's own.
func isParam(v *types.Var) bool {
	switch v.Kind() {
	case types.RecvVar, types.ParamVar, types.ResultVar:
		return true
	}
	return false
}

// harmlessRequestUse reports whether a use of the request variable cannot
// give it a deadline: its definition from AcquireRequest or a literal,
// calls of its methods other than SetTimeout, and arguments to fasthttp.
func (c *checker) harmlessRequestUse(use inspector.Cursor) bool {
	info := c.pass.TypesInfo
	parent := use.Parent().Node()
	switch p := parent.(type) {
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[p]; ok && sel.Kind() == types.MethodVal {
			return sel.Obj() != c.setTimeout || c.setTimeout == nil
		}
		return true // a field read or write
	case *ast.CallExpr:
		return c.fasthttpCall(p)
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == use.Node() {
				// Defined here: only from AcquireRequest or a literal.
				return len(p.Lhs) == len(p.Rhs) && c.freshRequest(p.Rhs[slicesIndex(p.Lhs, l)])
			}
		}
		return false // copied elsewhere
	case *ast.ValueSpec:
		return len(p.Values) == 0 || (len(p.Values) == len(p.Names) && c.freshRequest(p.Values[0]))
	case *ast.UnaryExpr:
		if p.Op != token.AND {
			return false
		}
		// &req as an argument to fasthttp (Do(&req, ...)).
		if call, ok := use.Parent().Parent().Node().(*ast.CallExpr); ok {
			return c.fasthttpCall(call)
		}
	case *ast.DeferStmt, *ast.ExprStmt:
		return true
	}
	return false
}

// fasthttpCall reports whether call invokes fasthttp, directly or through
// a method value kept in a variable or field.
func (c *checker) fasthttpCall(call *ast.CallExpr) bool {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil {
		fn, _ = c.callee(call)
	}
	return fn != nil && fn.Pkg() != nil && fasthttpver.IsFasthttp(fn.Pkg())
}

func slicesIndex(list []ast.Expr, e ast.Expr) int {
	for i, x := range list {
		if x == e {
			return i
		}
	}
	return -1
}

// freshRequest reports whether e makes a new request without a deadline.
func (c *checker) freshRequest(e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.CallExpr:
		fn := typeutil.StaticCallee(c.pass.TypesInfo, e)
		if fn == nil || fn.Pkg() == nil || !fasthttpver.IsFasthttp(fn.Pkg()) {
			return false
		}
		return fn.Name() == "AcquireRequest" && fn.Signature().Recv() == nil
	}
	return false
}

// fixReadTimeout sets ReadTimeout on every literal the client comes from
// (see fix.SetFields).
func (c *checker) fixReadTimeout(call *ast.CallExpr, fn *types.Func, v *config.Value) (analysis.SuggestedFix, bool) {
	lits, ok := v.Editable("ReadTimeout")
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	var edits []analysis.TextEdit
	var timeout ast.Expr
	if i, ok := timeoutArg[fn.Name()]; ok && i < len(call.Args) {
		timeout = call.Args[i]
	}
	for _, lit := range lits {
		file := fix.File(c.pass, lit.Pos())
		src := fix.Source(c.pass, lit.Pos())
		if file == nil || src == nil {
			return analysis.SuggestedFix{}, false
		}
		// A literal gets the value the first fix for it chose, whichever
		// call this one is for: a driver applying the fixes of several
		// calls on one client then merges identical edits instead of
		// writing ReadTimeout twice.
		value, ok := c.written[lit]
		if !ok {
			value, ok = c.validAt(timeout, lit.Pos(), src)
			if !ok {
				value = ""
			}
			c.written[lit] = value
		}
		if value == "" { // the default, in the file's name for package time
			name, imports, ok := fix.ImportName(c.pass.TypesInfo, file, lit.Pos(), "time")
			if !ok {
				return analysis.SuggestedFix{}, false
			}
			value = strings.Replace(DefaultReadTimeout, "time.", name+".", 1)
			edits = append(edits, imports...)
		}
		set, ok := fix.SetFields(c.pass.TypesInfo, c.pass.Fset, src, lit, []fix.Field{{Key: "ReadTimeout", Value: value}})
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		edits = append(edits, set...)
	}
	return analysis.SuggestedFix{Message: "Add ReadTimeout to the client", TextEdits: fix.Dedup(edits)}, true
}

// validAt returns the source of the constant expression e when it means
// the same at pos: every identifier in it resolves there to the same
// object.
func (c *checker) validAt(e ast.Expr, pos token.Pos, src []byte) (string, bool) {
	if e == nil {
		return "", false
	}
	info := c.pass.TypesInfo
	if tv, ok := info.Types[e]; !ok || tv.Value == nil {
		return "", false
	}
	file := fix.File(c.pass, pos)
	scope := info.Scopes[file]
	if scope == nil || fix.File(c.pass, e.Pos()) != file {
		return "", false
	}
	if inner := scope.Innermost(pos); inner != nil {
		scope = inner
	}
	valid := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(n.X, func(m ast.Node) bool { return checkIdent(info, scope, pos, m, &valid) })
			return false
		case *ast.Ident:
			checkIdent(info, scope, pos, n, &valid)
		}
		return valid
	})
	if !valid {
		return "", false
	}
	tf := c.pass.Fset.File(e.Pos())
	start, end := tf.Offset(e.Pos()), tf.Offset(e.End())
	if start < 0 || end > len(src) || start > end {
		return "", false
	}
	return string(src[start:end]), true
}

func checkIdent(info *types.Info, scope *types.Scope, pos token.Pos, n ast.Node, valid *bool) bool {
	id, ok := n.(*ast.Ident)
	if !ok {
		return true
	}
	obj := info.Uses[id]
	if obj == nil {
		return true
	}
	if _, found := scope.LookupParent(id.Name, pos); found != obj {
		*valid = false
	}
	return true
}
