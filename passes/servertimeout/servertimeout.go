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

	"github.com/connvet/connvet/passes/internal/checkdoc"
	"github.com/connvet/connvet/passes/internal/config"
	"github.com/connvet/connvet/passes/internal/fasthttpver"
	"github.com/connvet/connvet/passes/internal/fix"
	"github.com/connvet/connvet/passes/internal/guard"
	"github.com/connvet/connvet/passes/internal/httplib"
	"github.com/connvet/connvet/passes/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer reports servers without read-header or idle timeouts.
var Analyzer = &analysis.Analyzer{
	Name:       "servertimeout",
	Doc:        checkdoc.MustExtract(doc, "servertimeout"),
	URL:        "https://github.com/connvet/connvet/blob/main/docs/checks/servertimeout.md",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, config.Analyzer},
	Run:        guard.Run(report.Run(run)),
	ResultType: report.UsedType,
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
	c := &checker{pass: pass, ix: pass.ResultOf[config.Analyzer].(*config.Index)}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		c.check(cur)
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	ix   *config.Index
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
		return
	}
	if c.loopback(cur, call, sc) {
		return // a local debug listener: only this machine can hold it open
	}
	if !sc.method {
		c.reportPackageLevel(call, fn, sc)
		return
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	v := c.ix.Value(sel.X)
	if !v.Known() {
		return // built out of sight: it may well be configured
	}
	if sc.fasthttp {
		c.checkFasthttp(call, sel.X, v)
		return
	}
	if c.serverAddrLoopback(cur, v) {
		return
	}
	c.checkNetHTTP(call, sel.X, v)
}

func (c *checker) checkNetHTTP(call *ast.CallExpr, recv ast.Expr, v *config.Value) {
	info := c.pass.TypesInfo
	read := v.SetPositive(info, "ReadTimeout")
	header := read || v.SetPositive(info, "ReadHeaderTimeout")
	idle := read || v.SetPositive(info, "IdleTimeout")
	name := types.ExprString(recv)
	var msg string
	switch {
	case !header && !idle:
		msg = fmt.Sprintf("server %s has no ReadHeaderTimeout, IdleTimeout or ReadTimeout: a client that sends its headers slowly, and every idle keep-alive connection, holds a connection and a goroutine forever", name)
	case !header:
		msg = fmt.Sprintf("server %s has neither ReadHeaderTimeout nor ReadTimeout: a client that sends its headers slowly holds a connection and a goroutine forever", name)
	case !idle:
		msg = fmt.Sprintf("server %s has neither IdleTimeout nor ReadTimeout: idle keep-alive connections are never closed (ReadHeaderTimeout does not bound them)", name)
	default:
		return
	}
	values := map[string]string{"ReadHeaderTimeout": ReadHeaderTimeout, "IdleTimeout": IdleTimeout}
	c.report(call, msg, v, []string{"ReadHeaderTimeout", "IdleTimeout"}, values)
}

func (c *checker) checkFasthttp(call *ast.CallExpr, recv ast.Expr, v *config.Value) {
	info := c.pass.TypesInfo
	if v.SetPositive(info, "ReadTimeout") || v.SetPositive(info, "IdleTimeout") {
		return
	}
	msg := fmt.Sprintf("fasthttp server %s has neither ReadTimeout nor IdleTimeout: slow requests and idle keep-alive connections hold their connections forever", types.ExprString(recv))
	values := map[string]string{"ReadTimeout": FasthttpReadTimeout, "IdleTimeout": IdleTimeout}
	c.report(call, msg, v, []string{"ReadTimeout", "IdleTimeout"}, values)
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

// report reports with a fix setting the missing fields on every literal
// the server comes from, when all its origins are literals of this
// package.
func (c *checker) report(call *ast.CallExpr, msg string, v *config.Value, fields []string, values map[string]string) {
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}
	if edits, written, ok := c.literalFix(v, fields, values); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Add " + strings.Join(written, " and ") + " to the server", TextEdits: edits}}
	}
	report.Report(c.pass, d)
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
	report.Report(c.pass, d)
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

// loopback reports whether the call serves only this machine, or serves a
// listener the check cannot see: an address argument whose host is
// loopback, or a listener not visibly made by a network Listen on a
// non-loopback address (test fakes, in-memory listeners, helpers' loopback
// listeners, listeners from the caller).
func (c *checker) loopback(cur inspector.Cursor, call *ast.CallExpr, sc serveCall) bool {
	if sc.addrArg >= 0 && sc.addrArg < len(call.Args) {
		host, ok := c.addrHost(cur, call.Args[sc.addrArg], 0)
		return ok && isLoopbackHost(host)
	}
	if sc.lnArg >= 0 && sc.lnArg < len(call.Args) {
		return !c.externalListener(cur, call.Args[sc.lnArg])
	}
	return false
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
		switch httplib.FuncName(info, e) {
		case "net.JoinHostPort":
			if len(e.Args) == 2 {
				return c.constString(e.Args[0])
			}
		case "fmt.Sprintf":
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
	switch httplib.FuncName(info, call) {
	case "net.Listen", "crypto/tls.Listen":
		if len(call.Args) >= 2 {
			addr = call.Args[1]
		}
	case "net.ListenTCP":
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
