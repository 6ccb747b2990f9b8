package servertimeout

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"net"
	"slices"
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

// Analyzer reports servers without read-header or idle timeouts.
var Analyzer = newAnalyzer()

// InProcess is the option that also reports servers in test code, whose
// clients are the test itself (see passes/internal/inprocess).
const InProcess = inprocess.Option

func newAnalyzer() *analysis.Analyzer {
	a := analyzer.New("servertimeout", doc, run, inspect.Analyzer, config.Analyzer)
	inprocess.AddServerFlag(a)
	return a
}

// The values the suggested fixes write, justified in the docs: headers
// arrive within a round trip or two, so 10 s only cuts off the stalled;
// idle connections outlive the 90 s IdleConnTimeout of Go's
// DefaultTransport, so clients close first and never race the server's
// close; a fasthttp ReadTimeout also bounds the body.
const (
	ReadHeaderTimeout   = "10 * time.Second"
	IdleTimeout         = "120 * time.Second"
	FasthttpReadTimeout = "30 * time.Second"
)

const httpPath = "net/http"

func run(pass *analysis.Pass) (any, error) {
	if httplib.IsLibrary(pass.Pkg) {
		return nil, nil // the library's own implementation of the API
	}
	if !httplib.Imports(pass.Pkg, httpPath, httplib.Fasthttp) {
		return nil, nil // no server of either library can be started here
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, ix: pass.ResultOf[config.Analyzer].(*config.Index), root: insp.Root(), sites: map[*config.Origin][]site{}, made: map[*config.Origin]bool{}}
	for _, t := range serverTypes {
		for _, o := range c.ix.Made(t) {
			c.made[o] = true
		}
	}
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil), (*ast.SelectorExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			c.check(cur)
		case *ast.SelectorExpr:
			c.methodValue(cur, n)
		}
	}
	// Servers this package builds are reported where they are built, the
	// place to fix, with a serve call as related information.
	for _, t := range serverTypes {
		for _, o := range c.ix.Made(t) {
			c.construction(o)
		}
	}
	return nil, nil
}

// serverTypes are the tracked server types.
var serverTypes = []config.Type{{Path: httpPath, Name: "Server"}, {Path: httplib.Fasthttp, Name: "Server"}}

type checker struct {
	pass  *analysis.Pass
	ix    *config.Index
	root  inspector.Cursor
	sites map[*config.Origin][]site // serve calls reached by each origin
	made  map[*config.Origin]bool   // servers this package builds
}

// A site is one call that starts serving a server value.
type site struct {
	call     *ast.CallExpr // nil for a method value
	pos, end token.Pos
	recv     ast.Expr
	local    bool // serves only this machine or this process
}

// serveCall describes a call that starts serving.
type serveCall struct {
	fasthttp bool
	method   bool // a method of Server (else a package-level function)
	addrArg  int  // index of the address argument, or -1
	lnArg    int  // index of the listener argument, or -1
}

func classify(fn *types.Func) (serveCall, bool) {
	pkg := fn.Pkg()
	if pkg == nil {
		return serveCall{}, false
	}
	fast := fasthttpver.IsFasthttp(pkg)
	if !fast && pkg.Path() != httpPath {
		return serveCall{}, false
	}
	sig := fn.Signature()
	if recv := sig.Recv(); recv != nil {
		named, ok := types.Unalias(deref(recv.Type())).(*types.Named)
		if !ok || named.Obj().Name() != "Server" {
			return serveCall{}, false
		}
		switch fn.Name() {
		case "ListenAndServe", "ListenAndServeTLS", "ListenAndServeTLSEmbed", "ListenAndServeUNIX":
			if fast {
				return serveCall{fasthttp: true, method: true, addrArg: 0, lnArg: -1}, true
			}
			return serveCall{method: true, addrArg: -1, lnArg: -1}, true
		case "Serve", "ServeTLS", "ServeTLSEmbed":
			return serveCall{fasthttp: fast, method: true, addrArg: -1, lnArg: 0}, true
		}
		return serveCall{}, false
	}
	switch fn.Name() {
	case "ListenAndServe", "ListenAndServeTLS", "ListenAndServeTLSEmbed", "ListenAndServeUNIX":
		return serveCall{fasthttp: fast, addrArg: 0, lnArg: -1}, true
	case "Serve", "ServeTLS", "ServeTLSEmbed":
		return serveCall{fasthttp: fast, addrArg: -1, lnArg: 0}, true
	}
	return serveCall{}, false
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func (c *checker) check(cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return
	}
	sc, ok := classify(fn)
	if !ok {
		c.helperServes(cur, call)
		return
	}
	local := c.loopback(cur, call, sc)
	if !sc.method {
		if !local {
			c.reportPackageLevel(call, fn, sc)
		}
		return // a local debug listener: only this machine can hold it open
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	c.serveSite(cur, call, sel.X, local)
}

// helperServes records the servers a call hands to another package's
// function that serves them (its summary says so: a toolkit's
// ListenAndServe(srv, flags), Serve(ln, srv)). The call serves only this
// machine when one of its arguments is a listener proven local or a
// loopback address; in test files, unless one is a listener visibly made
// on a network address.
func (c *checker) helperServes(cur inspector.Cursor, call *ast.CallExpr) {
	args := c.ix.ServedArgs(call)
	if len(args) == 0 {
		return
	}
	local := false
	if c.inTestFile(call.Pos()) {
		local = true
		for _, a := range call.Args {
			if c.externalListener(cur, a) {
				local = false
			}
		}
	} else {
		for _, a := range call.Args {
			if c.localArg(cur, a) {
				local = true
			}
		}
	}
	for _, a := range args {
		c.serveSite(cur, call, a, local)
	}
}

// localArg reports whether a is a listener proven local, a slice literal
// of such listeners, or a loopback address.
func (c *checker) localArg(cur inspector.Cursor, a ast.Expr) bool {
	t := c.pass.TypesInfo.TypeOf(a)
	if t == nil {
		return false
	}
	if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
		host, ok := c.addrHost(cur, a, 0)
		return ok && isLoopbackHost(host)
	}
	if lit, ok := ast.Unparen(a).(*ast.CompositeLit); ok {
		if _, ok := t.Underlying().(*types.Slice); ok && len(lit.Elts) > 0 {
			for _, e := range lit.Elts {
				if !c.localListener(cur, e) {
					return false
				}
			}
			return true
		}
	}
	if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Accept"); obj == nil {
		return false // not a listener
	}
	return c.localListener(cur, a)
}

// serveSite records a call that serves the server value recv and reports
// it there when the value was built out of sight (another package's
// constructor) and lacks a bound.
func (c *checker) serveSite(cur inspector.Cursor, call *ast.CallExpr, recv ast.Expr, local bool) {
	v := c.ix.Value(recv)
	if v == nil {
		return
	}
	for _, o := range v.Origins {
		c.sites[o] = append(c.sites[o], site{call: call, pos: call.Pos(), end: call.End(), recv: recv, local: local})
	}
	if !v.Known() {
		return // built out of sight: it may well be configured
	}
	// Origins built here, or built by another package's code that reported
	// them where they were built, are judged at their construction.
	rest := &config.Value{Type: v.Type}
	for _, o := range v.Origins {
		if !c.made[o] && !o.Made {
			rest.Origins = append(rest.Origins, o)
		}
	}
	if len(rest.Origins) == 0 || local || c.serverAddrLoopback(cur, rest) {
		return
	}
	fast := v.Type.Path != httpPath
	missing, msg := c.missing(rest, fast, types.ExprString(recv))
	if len(missing) == 0 {
		return
	}
	c.report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}, rest, missing, fast)
}

// methodValue records a serve method taken as a value (g.Go(srv.ListenAndServe),
// run(srv.Serve)) as a serve site: it is called out of sight.
func (c *checker) methodValue(cur inspector.Cursor, sel *ast.SelectorExpr) {
	if call, ok := cur.Parent().Node().(*ast.CallExpr); ok && ast.Unparen(call.Fun) == sel {
		return // a call: check sees it
	}
	s, ok := c.pass.TypesInfo.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return
	}
	fn, ok := s.Obj().(*types.Func)
	if !ok {
		return
	}
	sc, ok := classify(fn)
	if !ok || !sc.method {
		return
	}
	// ListenAndServe's address is the server's Addr, judged at the
	// construction; a listener handed in later is unseen, which test code
	// may take to be its own.
	local := strings.HasSuffix(fn.Name(), "UNIX") || (sc.lnArg >= 0 && c.inTestFile(sel.Pos()))
	v := c.ix.Value(sel.X)
	if v == nil {
		return
	}
	for _, o := range v.Origins {
		c.sites[o] = append(c.sites[o], site{call: nil, pos: sel.Pos(), end: sel.End(), recv: sel.X, local: local})
	}
}

// construction judges a server this package builds: it is reported at the
// literal (or new call, or declaration) when it lacks a bound and is served
// on a network listener, or, with no serve call in sight, when it outlives
// the function that builds it (a constructor's result, a field, a package
// variable), since whoever serves it serves it as built. In test files,
// only a visible serve call on a network listener counts.
func (c *checker) construction(o *config.Origin) {
	if o.Escaped {
		return // handed to code we cannot see, which may configure it
	}
	v := &config.Value{Type: o.Type, Origins: []*config.Origin{o}}
	fast := o.Type.Path != httpPath
	sites := c.sites[o]
	inTest := c.inTestFile(o.Pos)
	var external []site
	for _, s := range sites {
		// A test's server served through the package's own code is
		// served to the test.
		if !s.local && (!inTest || c.inTestFile(s.pos)) {
			external = append(external, s)
		}
	}
	if len(external) == 0 {
		if len(sites) > 0 {
			return // served only on this machine
		}
		if inTest || !c.keptForServing(o) {
			return // never served, or served out of sight by test code
		}
	}
	if c.addrLoopback(o) {
		return // a local debug server
	}
	if inTest {
		if e, ok := o.Fields["Addr"]; ok && e != nil {
			if _, isConst := c.constString(e); !isConst {
				return // a test's server on an address it computed: its own
			}
		}
	}
	name := "built here"
	if len(external) > 0 {
		name = types.ExprString(external[0].recv)
	}
	missing, msg := c.missing(v, fast, name)
	if len(missing) == 0 {
		return
	}
	d := analysis.Diagnostic{Pos: o.Pos, Message: msg}
	if o.Lit != nil {
		d.End = o.Lit.End()
	}
	if len(external) > 0 {
		d.Related = []analysis.RelatedInformation{{Pos: external[0].pos, End: external[0].end, Message: "served here"}}
	}
	c.report(d, v, missing, fast)
}

// keptForServing reports whether o, with no serve call in sight, is kept
// where code out of sight may serve it as built: a package variable, a
// struct field, or the result of an exported function or method. A result
// of an unexported function has only callers in sight, and none serves it
// (x/net's h2c builds a fallback Server only as configuration).
func (c *checker) keptForServing(o *config.Origin) bool {
	for _, h := range c.ix.Holders(o) {
		if h.Pkg() != c.pass.Pkg {
			continue
		}
		switch h := h.(type) {
		case *types.Var:
			if h.Kind() == types.PackageVar || h.Kind() == types.FieldVar {
				return true
			}
		case *types.Func:
			if h.Exported() {
				return true
			}
		}
	}
	return false
}

func (c *checker) inTestFile(pos token.Pos) bool {
	return strings.HasSuffix(c.pass.Fset.Position(pos).Filename, "_test.go")
}

// missing returns the bounds v lacks and the message that says so.
func (c *checker) missing(v *config.Value, fast bool, name string) ([]string, string) {
	info := c.pass.TypesInfo
	if fast {
		if v.SetPositive(info, "ReadTimeout") || v.SetPositive(info, "IdleTimeout") {
			return nil, ""
		}
		return []string{"ReadTimeout", "IdleTimeout"}, fmt.Sprintf("fasthttp server %s has neither ReadTimeout nor IdleTimeout: slow requests and idle keep-alive connections hold their connections forever", name)
	}
	read := v.SetPositive(info, "ReadTimeout")
	header := read || v.SetPositive(info, "ReadHeaderTimeout")
	idle := read || v.SetPositive(info, "IdleTimeout")
	switch {
	case !header && !idle:
		return []string{"ReadHeaderTimeout", "IdleTimeout"}, fmt.Sprintf("server %s has no ReadHeaderTimeout, IdleTimeout or ReadTimeout: a client that sends its headers slowly, and every idle keep-alive connection, holds a connection and a goroutine forever", name)
	case !header:
		return []string{"ReadHeaderTimeout"}, fmt.Sprintf("server %s has neither ReadHeaderTimeout nor ReadTimeout: a client that sends its headers slowly holds a connection and a goroutine forever", name)
	case !idle:
		return []string{"IdleTimeout"}, fmt.Sprintf("server %s has neither IdleTimeout nor ReadTimeout: idle keep-alive connections are never closed (ReadHeaderTimeout does not bound them)", name)
	}
	return nil, ""
}

// literalFix sets, on every literal the value comes from, each of fields
// that literal does not set to a positive value itself, when all the
// value's origins are literals of this package (see config.Editable).
//
// What a literal gets depends on the literal alone, not on the value
// reported: a literal that flows into two servers gets the same edits
// from both diagnostics, so that a driver applying both merges them
// instead of adding a field twice. written lists the fields set.
func (c *checker) literalFix(v *config.Value, fields []string, values map[string]string) (edits []analysis.TextEdit, written []string, ok bool) {
	if _, ok := v.Editable(); !ok {
		return nil, nil, false
	}
	for _, o := range v.Origins {
		var set []string
		for _, f := range fields {
			if o.SetPositive(c.pass.TypesInfo, f) {
				continue
			}
			if o.Assigned[f] {
				return nil, nil, false // an assignment may undo the fix
			}
			set = append(set, f)
		}
		if len(set) == 0 {
			continue
		}
		e, ok := fix.AddTimeFields(c.pass, []*ast.CompositeLit{o.Lit}, set, values)
		if !ok {
			return nil, nil, false
		}
		edits = append(edits, e...)
		for _, f := range set {
			if !slices.Contains(written, f) {
				written = append(written, f)
			}
		}
	}
	if len(edits) == 0 {
		return nil, nil, false
	}
	return fix.Dedup(edits), written, true
}

// report reports d with a fix adding the missing fields to every literal
// the server comes from, when all its origins are literals of this package.
func (c *checker) report(d analysis.Diagnostic, v *config.Value, missing []string, fast bool) {
	values := map[string]string{"ReadHeaderTimeout": ReadHeaderTimeout, "IdleTimeout": IdleTimeout}
	if fast {
		values = map[string]string{"ReadTimeout": FasthttpReadTimeout, "IdleTimeout": IdleTimeout}
	}
	if edits, written, ok := c.literalFix(v, missing, values); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Add " + strings.Join(written, " and ") + " to the server", TextEdits: edits}}
	}
	c.emit(d)
}

func (c *checker) reportPackageLevel(call *ast.CallExpr, fn *types.Func, sc serveCall) {
	var msg string
	if sc.fasthttp {
		msg = fmt.Sprintf("fasthttp.%s builds a Server with neither ReadTimeout nor IdleTimeout: slow requests and idle keep-alive connections hold their connections forever; use a fasthttp.Server with timeouts", fn.Name())
	} else {
		msg = fmt.Sprintf("http.%s builds a Server with no timeouts: a client that sends its headers slowly, and every idle keep-alive connection, holds a connection and a goroutine forever; use an http.Server with ReadHeaderTimeout and IdleTimeout", fn.Name())
	}
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}
	if f, ok := c.rewrite(call, fn, sc); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{f}
	}
	c.emit(d)
}

// rewrite turns a package-level ListenAndServe/Serve call into a
// configured server: (&http.Server{Addr: a, Handler: h, ...}).ListenAndServe().
func (c *checker) rewrite(call *ast.CallExpr, fn *types.Func, sc serveCall) (analysis.SuggestedFix, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || call.Ellipsis.IsValid() {
		return analysis.SuggestedFix{}, false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	qual := id.Name // the file's name for the package
	file, src := fix.File(c.pass, call.Pos()), fix.Source(c.pass, call.Pos())
	if file == nil || src == nil {
		return analysis.SuggestedFix{}, false
	}
	text := func(e ast.Expr) string {
		tf := c.pass.Fset.File(e.Pos())
		return string(src[tf.Offset(e.Pos()):tf.Offset(e.End())])
	}
	timeName, imports, ok := fix.ImportName(c.pass.TypesInfo, file, call.Pos(), "time")
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	t := func(v string) string { return strings.Replace(v, "time.", timeName+".", 1) }
	args := call.Args
	var fields, method string
	var rest []string
	switch {
	case !sc.fasthttp && fn.Name() == "ListenAndServe" && len(args) == 2:
		fields, method = "Addr: "+text(args[0])+", Handler: "+text(args[1]), "ListenAndServe"
	case !sc.fasthttp && fn.Name() == "ListenAndServeTLS" && len(args) == 4:
		fields, method = "Addr: "+text(args[0])+", Handler: "+text(args[3]), "ListenAndServeTLS"
		rest = []string{text(args[1]), text(args[2])}
	case !sc.fasthttp && fn.Name() == "Serve" && len(args) == 2:
		fields, method = "Handler: "+text(args[1]), "Serve"
		rest = []string{text(args[0])}
	case sc.fasthttp && fn.Name() == "ListenAndServe" && len(args) == 2:
		fields, method = "Handler: "+text(args[1]), "ListenAndServe"
		rest = []string{text(args[0])}
	case sc.fasthttp && fn.Name() == "Serve" && len(args) == 2:
		fields, method = "Handler: "+text(args[1]), "Serve"
		rest = []string{text(args[0])}
	default:
		return analysis.SuggestedFix{}, false
	}
	if sc.fasthttp {
		fields += ", ReadTimeout: " + t(FasthttpReadTimeout) + ", IdleTimeout: " + t(IdleTimeout)
	} else {
		fields += ", ReadHeaderTimeout: " + t(ReadHeaderTimeout) + ", IdleTimeout: " + t(IdleTimeout)
	}
	repl := "(&" + qual + ".Server{" + fields + "})." + method + "(" + strings.Join(rest, ", ") + ")"
	edits := append(slices.Clone(imports), analysis.TextEdit{Pos: call.Pos(), End: call.End(), NewText: []byte(repl)})
	return analysis.SuggestedFix{Message: "Serve with a configured " + qual + ".Server", TextEdits: edits}, true
}

// loopback reports whether the call serves only this machine or this
// process: an address argument whose host is loopback, a unix socket, or a
// listener proven loopback or in-memory. A listener from a parameter, a
// field or another package may be a network listener, and the server it
// gets has no timeouts at all, so it counts as external. In test files the
// peer is the test itself, so there only a listener visibly made by a
// network Listen on a non-loopback address counts as external.
func (c *checker) loopback(cur inspector.Cursor, call *ast.CallExpr, sc serveCall) bool {
	if fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func); ok && strings.HasSuffix(fn.Name(), "UNIX") {
		return true // a unix socket: only this machine can connect
	}
	if sc.addrArg >= 0 && sc.addrArg < len(call.Args) {
		host, ok := c.addrHost(cur, call.Args[sc.addrArg], 0)
		return ok && isLoopbackHost(host)
	}
	if sc.lnArg >= 0 && sc.lnArg < len(call.Args) {
		ln := call.Args[sc.lnArg]
		if c.inTestFile(call.Pos()) {
			return !c.externalListener(cur, ln)
		}
		return c.localListener(cur, ln)
	}
	return false
}

// localListener reports whether ln is proven to serve only this machine or
// this process: net.Listen or tls.Listen on a loopback address or a unix
// network, or a listener of a concrete type that is not one of package
// net's network listeners (in-memory listeners, test fakes), in the call or
// through a local defined once.
func (c *checker) localListener(cur inspector.Cursor, ln ast.Expr) bool {
	return c.localListenerDepth(cur, ln, 0)
}

func (c *checker) localListenerDepth(cur inspector.Cursor, ln ast.Expr, depth int) bool {
	info := c.pass.TypesInfo
	ln = ast.Unparen(ln)
	if concreteLocal(info.TypeOf(ln)) {
		return true
	}
	if id, ok := ln.(*ast.Ident); ok {
		v, ok := info.Uses[id].(*types.Var)
		if !ok || v.Kind() != types.LocalVar {
			return false // a parameter, field or package variable: anything
		}
		rhs, ok := c.singleDef(cur, v)
		if !ok {
			if rhs, ok = c.tupleDef(cur, v); !ok {
				return false
			}
		}
		ln = ast.Unparen(rhs)
	}
	call, ok := ln.(*ast.CallExpr)
	if !ok {
		return false
	}
	if tv, ok := info.Types[call]; ok {
		t := tv.Type
		if tuple, ok := t.(*types.Tuple); ok && tuple.Len() > 0 {
			t = tuple.At(0).Type()
		}
		if concreteLocal(t) {
			return true
		}
	}
	switch fn := typeutil.StaticCallee(info, call); {
	case httplib.IsFunc(fn, "net", "", "Listen"), httplib.IsFunc(fn, "crypto/tls", "", "Listen"):
		if len(call.Args) < 2 {
			return false
		}
		if network, ok := c.constString(call.Args[0]); ok && strings.HasPrefix(network, "unix") {
			return true
		}
		host, ok := c.addrHost(cur, call.Args[1], 0)
		return ok && isLoopbackHost(host)
	case httplib.IsFunc(fn, "net", "", "ListenUnix"):
		return true
	case fn != nil && fn.Pkg() == c.pass.Pkg && depth < 3:
		return c.localListenerFunc(fn, depth+1)
	}
	return false
}

// localListenerFunc reports whether fn, a function of the package, returns
// a listener proven local on every return (listenLocal() wrapping
// net.Listen("tcp", "127.0.0.1:9102")).
func (c *checker) localListenerFunc(fn *types.Func, depth int) bool {
	cur, ok := c.root.FindByPos(fn.Pos(), fn.Pos())
	for ok {
		if _, isDecl := cur.Node().(*ast.FuncDecl); isDecl {
			break
		}
		cur = cur.Parent()
		ok = cur.Node() != nil
	}
	if !ok {
		return false
	}
	d := cur.Node().(*ast.FuncDecl)
	if d.Body == nil || d.Type.Results == nil || d.Type.Results.NumFields() == 0 {
		return false
	}
	local, returns := true, 0
	for rc := range cur.Preorder((*ast.ReturnStmt)(nil), (*ast.FuncLit)(nil)) {
		ret, isRet := rc.Node().(*ast.ReturnStmt)
		if !isRet || !local {
			continue
		}
		if inLit(rc, cur) {
			continue
		}
		returns++
		if len(ret.Results) == 0 {
			local = false
			continue
		}
		r := ast.Unparen(ret.Results[0])
		if id, ok := r.(*ast.Ident); ok && id.Name == "nil" && len(ret.Results) > 1 {
			continue // return nil, err: no listener
		}
		if !c.localListenerDepth(rc, r, depth) {
			local = false
		}
	}
	return local && returns > 0
}

// inLit reports whether cur lies in a function literal below decl.
func inLit(cur, decl inspector.Cursor) bool {
	for p := cur.Parent(); p != decl && p.Node() != nil; p = p.Parent() {
		if _, ok := p.Node().(*ast.FuncLit); ok {
			return true
		}
	}
	return false
}

// concreteLocal reports whether t is a concrete listener type other than
// package net's TCP listener: an in-memory listener, a test fake, a unix
// listener.
func concreteLocal(t types.Type) bool {
	if t == nil || types.IsInterface(t) {
		return false
	}
	named, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	if named.Obj().Pkg().Path() == "net" || named.Obj().Pkg().Path() == "crypto/tls" {
		return named.Obj().Name() == "UnixListener"
	}
	return true
}

// addrLoopback reports whether a server origin's Addr is a constant
// loopback address.
func (c *checker) addrLoopback(o *config.Origin) bool {
	cur, ok := c.root.FindByPos(o.Pos, o.Pos)
	if !ok {
		return false
	}
	return c.serverAddrLoopback(cur, &config.Value{Type: o.Type, Origins: []*config.Origin{o}})
}

// serverAddrLoopback reports whether every origin sets Addr to a loopback
// address.
func (c *checker) serverAddrLoopback(cur inspector.Cursor, v *config.Value) bool {
	for _, o := range v.Origins {
		e, ok := o.Fields["Addr"]
		if !ok || e == nil {
			return false
		}
		if host, ok := c.addrHost(cur, e, 0); !ok || !isLoopbackHost(host) {
			return false
		}
	}
	return true
}

// addrHost returns the host of an address expression when it is constant:
// "host:port", "host:"+port, net.JoinHostPort("host", port),
// fmt.Sprintf("host:%d", port), or a local defined once from one of these.
func (c *checker) addrHost(cur inspector.Cursor, e ast.Expr, depth int) (string, bool) {
	info := c.pass.TypesInfo
	e = ast.Unparen(e)
	if s, ok := c.constString(e); ok {
		if host, _, err := net.SplitHostPort(s); err == nil {
			return host, true
		}
		return "", false
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			if prefix, ok := c.constString(e.X); ok {
				if i := strings.LastIndex(prefix, ":"); i >= 0 {
					return strings.Trim(prefix[:i], "[]"), true
				}
			}
		}
	case *ast.CallExpr:
		switch fn := typeutil.StaticCallee(info, e); {
		case httplib.IsFunc(fn, "net", "", "JoinHostPort"):
			if len(e.Args) == 2 {
				return c.constString(e.Args[0])
			}
		case httplib.IsFunc(fn, "fmt", "", "Sprintf"):
			if len(e.Args) > 0 {
				if format, ok := c.constString(e.Args[0]); ok {
					if i := strings.LastIndex(format, ":"); i >= 0 && !strings.Contains(format[:i], "%") {
						return strings.Trim(format[:i], "[]"), true
					}
				}
			}
		}
	case *ast.Ident:
		if v, ok := info.Uses[e].(*types.Var); ok && depth < 3 {
			if rhs, ok := c.singleDef(cur, v); ok {
				return c.addrHost(cur, rhs, depth+1)
			}
		}
	}
	return "", false
}

// singleDef returns the only value assigned to local v in the enclosing
// function.
func (c *checker) singleDef(cur inspector.Cursor, v *types.Var) (ast.Expr, bool) {
	info := c.pass.TypesInfo
	var body inspector.Cursor
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body = enc
		break
	}
	if !body.Valid() || v.Pos() < body.Node().Pos() || v.Pos() >= body.Node().End() {
		return nil, false
	}
	var rhs ast.Expr
	n := 0
	for a := range body.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch s := a.Node().(type) {
		case *ast.AssignStmt:
			for i, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok && (info.Defs[id] == v || info.Uses[id] == v) {
					n++
					if len(s.Rhs) == len(s.Lhs) {
						rhs = s.Rhs[i]
					} else {
						rhs = nil
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range s.Names {
				if info.Defs[id] == v {
					n++
					if i < len(s.Values) {
						rhs = s.Values[i]
					}
				}
			}
		}
	}
	return rhs, n == 1 && rhs != nil
}

// externalListener reports whether ln visibly comes from net.Listen,
// tls.Listen or net.ListenTCP on an address that is not loopback, in the
// call or through a local defined once.
func (c *checker) externalListener(cur inspector.Cursor, ln ast.Expr) bool {
	info := c.pass.TypesInfo
	ln = ast.Unparen(ln)
	if id, ok := ln.(*ast.Ident); ok {
		v, ok := info.Uses[id].(*types.Var)
		if !ok {
			return false
		}
		rhs, ok := c.singleDef(cur, v)
		if !ok {
			// ln, err := net.Listen(...): a tuple assignment.
			rhs, ok = c.tupleDef(cur, v)
			if !ok {
				return false
			}
		}
		ln = ast.Unparen(rhs)
	}
	call, ok := ln.(*ast.CallExpr)
	if !ok {
		return false
	}
	var addr ast.Expr
	switch fn := typeutil.StaticCallee(info, call); {
	case httplib.IsFunc(fn, "net", "", "Listen"), httplib.IsFunc(fn, "crypto/tls", "", "Listen"):
		if len(call.Args) >= 2 {
			addr = call.Args[1]
		}
	case httplib.IsFunc(fn, "net", "", "ListenTCP"):
		return true // an address struct: assume a real network
	}
	if addr == nil {
		return false
	}
	host, ok := c.addrHost(cur, addr, 0)
	return !ok || !isLoopbackHost(host)
}

// tupleDef returns the call whose first result is v's only definition.
func (c *checker) tupleDef(cur inspector.Cursor, v *types.Var) (ast.Expr, bool) {
	var body inspector.Cursor
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body = enc
		break
	}
	if !body.Valid() {
		return nil, false
	}
	var found ast.Expr
	n := 0
	for a := range body.Preorder((*ast.AssignStmt)(nil)) {
		s := a.Node().(*ast.AssignStmt)
		for i, l := range s.Lhs {
			if id, ok := l.(*ast.Ident); ok && (c.pass.TypesInfo.Defs[id] == v || c.pass.TypesInfo.Uses[id] == v) {
				n++
				if i == 0 && len(s.Rhs) == 1 {
					found = s.Rhs[0]
				}
			}
		}
	}
	return found, n == 1 && found != nil
}

func (c *checker) constString(e ast.Expr) (string, bool) {
	return httplib.ConstString(c.pass.TypesInfo, e)
}

// isLoopbackHost reports whether host names this machine only.
func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// emit reports d unless it is in test code (a _test.go file, outside
// Example functions) and the inprocess option does not ask for it: a
// server a test starts answers the test's own client.
func (c *checker) emit(d analysis.Diagnostic) {
	if inprocess.SilentTestServer(c.pass, d.Pos) {
		return
	}
	report.Report(c.pass, d)
}
