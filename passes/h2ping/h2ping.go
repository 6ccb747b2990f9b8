package h2ping

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"go/version"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/analyzer"
	"github.com/connvet/connvet/passes/internal/config"
	"github.com/connvet/connvet/passes/internal/fix"
	"github.com/connvet/connvet/passes/internal/httplib"
	"github.com/connvet/connvet/passes/internal/report"
)

//go:embed doc.go
var doc string

// InProcess is the option that also reports transports built in test
// files that start httptest servers, whose peer is in the process.
const InProcess = "inprocess"

// The values the fixes write: a ping after 30 s without a frame read, and
// the connection closed when the ping is not answered within 15 s (the
// PingTimeout default, written out so the pair is visible).
const (
	SendPingTimeout = "30 * time.Second"
	PingTimeout     = "15 * time.Second"
)

// Analyzer reports long-lived HTTP/2 transports without a ping health
// check.
var Analyzer = newAnalyzer()

func newAnalyzer() *analysis.Analyzer {
	a := analyzer.New("h2ping", doc, run, inspect.Analyzer, config.Analyzer)
	a.Flags.Bool(InProcess, false, "also report transports in test files that start httptest servers")
	return a
}

const (
	httpPath  = "net/http"
	http2Path = "golang.org/x/net/http2"
)

// goHTTP2Config is the first Go release with http.Transport.HTTP2.
const goHTTP2Config = "go1.24"

func run(pass *analysis.Pass) (any, error) {
	if httplib.IsLibrary(pass.Pkg) || strings.HasPrefix(httplib.Unvendor(pass.Pkg.Path()), "golang.org/x/net/") {
		return nil, nil // the libraries' own implementation of the API
	}
	if !httplib.Imports(pass.Pkg, httpPath, http2Path) {
		return nil, nil // no transport of either library can be made here
	}
	c := &checker{
		pass:      pass,
		info:      pass.TypesInfo,
		ix:        pass.ResultOf[config.Analyzer].(*config.Index),
		inProcess: pass.Analyzer.Flags.Lookup(InProcess) != nil && pass.Analyzer.Flags.Lookup(InProcess).Value.String() == "true",
	}
	c.collect(pass.ResultOf[inspect.Analyzer].(*inspector.Inspector))
	for _, k := range c.made {
		c.judge(k)
	}
	return nil, nil
}

type checker struct {
	pass      *analysis.Pass
	info      *types.Info
	ix        *config.Index
	inProcess bool // the inprocess option

	made       []*construction
	clients    []inspector.Cursor // http.Client composite literals
	configures []*ast.CallExpr    // http2.ConfigureTransport(s) calls
	enables    []ast.Expr         // receivers of Protocols.SetHTTP2(true) and SetUnencryptedHTTP2(true)
	testFiles  map[string]bool    // test files that hold an httptest.Server; nil until asked
	godebug    *bool              // //go:debug http2client=0 in the package; nil until asked
	clientOrig map[*ast.CompositeLit]*config.Origin
}

// A construction is one place a transport is made.
type construction struct {
	cur    inspector.Cursor // the literal, the new or Clone call, or the zero variable's name
	node   ast.Node
	h2     bool // an x/net http2.Transport (else an http.Transport)
	clone  bool // a Clone of http.DefaultTransport
	origin *config.Origin
}

// collect walks the package once for the constructions and for what
// judging them needs.
func (c *checker) collect(insp *inspector.Inspector) {
	for cur := range insp.Root().Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil), (*ast.ValueSpec)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			t, ok := config.TypeOf(c.info.TypeOf(n))
			switch {
			case !ok:
			case t.Path == httpPath && t.Name == "Transport", t.Path == http2Path && t.Name == "Transport":
				c.add(cur, n, t.Path == http2Path, false, c.literalOrigin(n))
			case t.Path == httpPath && t.Name == "Client":
				c.clients = append(c.clients, cur)
			}
		case *ast.CallExpr:
			c.call(cur, n)
		case *ast.ValueSpec:
			if len(n.Values) > 0 {
				continue
			}
			// var t http.Transport: a zero value, configured later or never.
			for _, name := range n.Names {
				v, ok := c.info.Defs[name].(*types.Var)
				if !ok {
					continue
				}
				if t, ok := config.TypeOf(v.Type()); ok && !isPointer(v.Type()) && t.Name == "Transport" && (t.Path == httpPath || t.Path == http2Path) {
					c.add(cur, name, t.Path == http2Path, false, c.zeroOrigin(name))
				}
			}
		}
	}
}

func (c *checker) add(cur inspector.Cursor, n ast.Node, h2, clone bool, o *config.Origin) {
	if o == nil {
		return // not modelled: nothing to judge
	}
	c.made = append(c.made, &construction{cur: cur, node: n, h2: h2, clone: clone, origin: o})
}

func (c *checker) call(cur inspector.Cursor, call *ast.CallExpr) {
	if tv, ok := c.info.Types[call.Fun]; ok && tv.IsBuiltin() {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "new" && len(call.Args) == 1 {
			if t, ok := config.TypeOf(c.info.TypeOf(call)); ok && t.Name == "Transport" && (t.Path == httpPath || t.Path == http2Path) {
				c.add(cur, call, t.Path == http2Path, false, c.literalOrigin(call))
			}
		}
		return
	}
	fn := typeutil.StaticCallee(c.info, call)
	switch {
	case fn == nil:
	case httplib.IsFunc(fn, httpPath, "Transport", "Clone"):
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && c.isDefaultTransport(sel.X) {
			c.add(cur, call, false, true, c.ix.Result(call, 0))
		}
	case httplib.IsFunc(fn, http2Path, "", "ConfigureTransport"), httplib.IsFunc(fn, http2Path, "", "ConfigureTransports"):
		if len(call.Args) == 1 {
			c.configures = append(c.configures, call)
		}
	case httplib.IsFunc(fn, httpPath, "Protocols", "SetHTTP2"), httplib.IsFunc(fn, httpPath, "Protocols", "SetUnencryptedHTTP2"):
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && len(call.Args) == 1 && c.constBool(call.Args[0], true) {
			c.enables = append(c.enables, sel.X)
		}
	}
}

// literalOrigin returns the origin a composite literal or new(T) makes.
func (c *checker) literalOrigin(e ast.Expr) *config.Origin {
	v := c.ix.Value(e)
	if v == nil || len(v.Origins) != 1 || v.Origins[0].Kind == config.Unknown {
		return nil
	}
	return v.Origins[0]
}

// zeroOrigin returns the zero-value origin of the variable declared by name.
func (c *checker) zeroOrigin(name *ast.Ident) *config.Origin {
	v := c.ix.Value(name)
	if v == nil {
		return nil
	}
	for _, o := range v.Origins {
		if o.Kind == config.Zero && o.Pos == name.Pos() {
			return o
		}
	}
	return nil
}

// isDefaultTransport reports whether e is http.DefaultTransport.(*http.Transport).
func (c *checker) isDefaultTransport(e ast.Expr) bool {
	ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr)
	if !ok {
		return false
	}
	var id *ast.Ident
	switch x := ast.Unparen(ta.X).(type) {
	case *ast.SelectorExpr:
		id = x.Sel
	case *ast.Ident:
		id = x // a dot import
	}
	v, ok := c.info.Uses[id].(*types.Var)
	return ok && v.Pkg() != nil && httplib.Unvendor(v.Pkg().Path()) == httpPath && v.Name() == "DefaultTransport"
}

// judge reports a construction that is long-lived, speaks HTTP/2 and has
// no ping health check.
func (c *checker) judge(k *construction) {
	o := k.origin
	kp, via, ok := c.keeper(k)
	if !ok {
		return // used within one call, or handed to code we cannot see
	}
	if c.inTestFile(k.node) && !kp.global {
		return // a test's transport lives as long as the test
	}
	if c.peerInProcess(k) {
		return // a test's transport for its own httptest server
	}
	keeper := kp.where
	if c.keepAlivesOff(k) {
		return // every request gets a connection of its own
	}
	if k.h2 {
		if c.positive(o, "ReadIdleTimeout") {
			return
		}
		d := c.diagnostic(k, fmt.Sprintf("http2.Transport %s has no ReadIdleTimeout: %s; set ReadIdleTimeout to ping a connection that has read nothing for that long", keeper, consequence))
		d.Related = via
		if edits, ok := c.fixH2(k); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Add ReadIdleTimeout and PingTimeout to the transport", TextEdits: edits}}
		}
		report.Report(c.pass, d)
		return
	}
	why, related, speaks := c.speaksHTTP2(k)
	if !speaks {
		return // HTTP/1 only, or not known to speak HTTP/2
	}
	cfg, pinged := c.pinged(o)
	if pinged {
		return
	}
	var d analysis.Diagnostic
	if fileVersion := c.goVersion(k.node); c.hasHTTP2Config(k) && (fileVersion == "" || version.Compare(fileVersion, goHTTP2Config) >= 0) {
		d = c.diagnostic(k, fmt.Sprintf("http.Transport %s speaks HTTP/2 (%s) without a ping health check: %s; set HTTP2: &http.HTTP2Config{SendPingTimeout: ...}", keeper, why, consequence))
		if edits, ok := c.fixHTTP(k, cfg); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Ping idle HTTP/2 connections: set HTTP2.SendPingTimeout", TextEdits: edits}}
		}
	} else {
		d = c.diagnostic(k, fmt.Sprintf("http.Transport %s speaks HTTP/2 (%s) without a ping health check: %s; before Go 1.24 (this file: %s), set ReadIdleTimeout on the http2.Transport that http2.ConfigureTransports returns for it", keeper, why, consequence, fileVersion))
	}
	d.Related = slices.Concat(related, via)
	report.Report(c.pass, d)
}

// consequence is what every message says happens.
const consequence = "a connection that dies silently (NAT timeout, failover) stays in the pool and every request sent on it hangs until its own timeout, for about 15 min until the kernel gives up"

func (c *checker) diagnostic(k *construction, msg string) analysis.Diagnostic {
	return analysis.Diagnostic{Pos: k.node.Pos(), End: k.node.End(), Message: msg}
}

// A keep says where a transport is kept for the life of the process.
type keep struct {
	where  string // "in package variable t", "in field tr", "returned by newTransport", ...
	global bool   // a package variable's value: shared by every caller and test
}

// keeper says where a transport is kept for the life of the process: in
// a package variable or a field, returned by a function, or the same for
// the http.Client that holds it (then via points at the client). ok is
// false when the transport is used within a call, or reaches code the
// package cannot see.
func (c *checker) keeper(k *construction) (kp keep, via []analysis.RelatedInformation, ok bool) {
	o := k.origin
	if where, ok := c.ifaceVar(k); ok {
		return keep{where, true}, nil, true
	}
	if o.Escaped {
		return keep{}, nil, false // configured, perhaps, by code we cannot see
	}
	builder := c.funcOf(enclosingFunc(k.cur))
	if kp, ok := c.kept(o, builder); ok {
		return kp, nil, true
	}
	// The http2.Transport that ConfigureTransports returns dials through
	// the http.Transport: keeping one keeps the other.
	for _, call := range c.configures {
		if v := c.ix.Value(call.Args[0]); v == nil || !slices.Contains(v.Origins, o) {
			continue
		}
		if r := c.ix.Result(call, 0); r != nil && !r.Escaped {
			if kp, ok := c.kept(r, builder); ok {
				kp.where = "whose http2.Transport is " + kp.where
				return kp, []analysis.RelatedInformation{{Pos: call.Pos(), End: call.End(), Message: "the http2.Transport made here"}}, true
			}
		}
	}
	for _, cl := range c.clients {
		lit := cl.Node().(*ast.CompositeLit)
		co := c.clientOrigin(lit)
		if co == nil || co.Fields["Transport"] == nil {
			continue
		}
		v := c.ix.Value(co.Fields["Transport"])
		if v == nil || !slices.Contains(v.Origins, o) {
			continue
		}
		kp, ok := c.kept(co, c.funcOf(enclosingFunc(cl)))
		if !ok && !inFunc(cl) {
			kp, ok = keep{"at package level", true}, true
		}
		if ok {
			kp.where = "used by the http.Client " + kp.where
			return kp, []analysis.RelatedInformation{{Pos: lit.Pos(), End: lit.End(), Message: "the client that keeps it"}}, true
		}
	}
	if !inFunc(k.cur) {
		return keep{"at package level", true}, nil, true // part of a package variable's value
	}
	return keep{}, nil, false
}

// funcOf returns the function a declaration declares, or nil.
func (c *checker) funcOf(n ast.Node) *types.Func {
	if decl, ok := n.(*ast.FuncDecl); ok {
		fn, _ := c.info.Defs[decl.Name].(*types.Func)
		return fn
	}
	return nil
}

func (c *checker) clientOrigin(lit *ast.CompositeLit) *config.Origin {
	if c.clientOrig == nil {
		c.clientOrig = map[*ast.CompositeLit]*config.Origin{}
	}
	o, ok := c.clientOrig[lit]
	if !ok {
		o = c.literalOrigin(lit)
		c.clientOrig[lit] = o
	}
	return o
}

// kept reports where origin o is kept beyond a call: a package variable
// first, then a field, then a function's result, builder's (the function
// that makes o) before any other.
func (c *checker) kept(o *config.Origin, builder *types.Func) (keep, bool) {
	var field, result string
	for _, h := range c.ix.Holders(o) {
		switch h := h.(type) {
		case *types.Var:
			switch h.Kind() {
			case types.PackageVar:
				return keep{"in package variable " + h.Name(), true}, true
			case types.FieldVar:
				if field == "" {
					field = "in field " + h.Name()
				}
			}
		case *types.Func:
			if result == "" || h == builder {
				result = "returned by " + h.Name()
			}
		}
	}
	switch {
	case field != "":
		return keep{field, false}, true
	case result != "":
		return keep{result, false}, true
	}
	return keep{}, false
}

func inFunc(cur inspector.Cursor) bool { return enclosingFunc(cur) != nil }

// ifaceVar handles a transport kept in plain sight behind an interface:
// the initial value of an unexported package variable of interface type
// (var rt http.RoundTripper = &http2.Transport{...}), used only as a
// client's Transport or to send requests. A type assertion, or any other
// use, could reach the transport's fields, and then the check is silent.
func (c *checker) ifaceVar(k *construction) (string, bool) {
	cur := k.cur
	p := cur.Parent()
	if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		p = p.Parent()
	}
	spec, ok := p.Node().(*ast.ValueSpec)
	if !ok || inFunc(p) || len(spec.Names) != len(spec.Values) {
		return "", false
	}
	var v *types.Var
	for i, val := range spec.Values {
		if ast.Unparen(val) == cur.Node() || (i < len(spec.Names) && isAddrOf(val, cur.Node())) {
			v, _ = c.info.Defs[spec.Names[i]].(*types.Var)
		}
	}
	if v == nil || v.Exported() && c.pass.Pkg.Name() != "main" || !types.IsInterface(v.Type()) {
		return "", false
	}
	if !c.usesBenign(v) {
		return "", false
	}
	return "in package variable " + v.Name(), true
}

func isAddrOf(e ast.Expr, n ast.Node) bool {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	return ok && u.Op == token.AND && ast.Unparen(u.X) == n
}

// usesBenign reports whether every use of v is as an http.Client's
// Transport (in a literal or an assignment) or as the receiver of a
// method call.
func (c *checker) usesBenign(v *types.Var) bool {
	insp := c.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range insp.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if c.info.Uses[id] != v {
			continue
		}
		p := cur.Parent()
		switch n := p.Node().(type) {
		case *ast.KeyValueExpr:
			if n.Value == id && isIdent(n.Key, "Transport") && c.isClient(p.Parent().Node()) {
				continue
			}
		case *ast.SelectorExpr:
			if n.X == id {
				if sel, ok := c.info.Selections[n]; ok && sel.Kind() == types.MethodVal {
					if _, isCall := p.Parent().Node().(*ast.CallExpr); isCall {
						continue
					}
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) && slices.Contains(n.Rhs, ast.Expr(id)) {
				i := slices.Index(n.Rhs, ast.Expr(id))
				if sel, ok := ast.Unparen(n.Lhs[i]).(*ast.SelectorExpr); ok && sel.Sel.Name == "Transport" && c.isClientValue(sel.X) {
					continue
				}
			}
		}
		return false
	}
	return true
}

func (c *checker) isClient(n ast.Node) bool {
	lit, ok := n.(*ast.CompositeLit)
	return ok && c.isClientValue(lit)
}

func (c *checker) isClientValue(e ast.Expr) bool {
	t, ok := config.TypeOf(c.info.TypeOf(e))
	return ok && t.Path == httpPath && t.Name == "Client"
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

func isPointer(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok
}

// field returns the expression that sets name on o, or nil. Fields known
// only from another package's summary (the fields Clone copies) carry no
// expression and are left out: a clone's configuration is judged from
// DefaultTransport's, plus what this package sets.
func field(o *config.Origin, name string) ast.Expr {
	return o.Fields[name]
}

// positive reports whether o sets name to something other than a constant
// zero or negative number.
func (c *checker) positive(o *config.Origin, name string) bool {
	e := field(o, name)
	return e != nil && !fix.NotPositive(c.info, e)
}

func (c *checker) constBool(e ast.Expr, want bool) bool {
	tv, ok := c.info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value) == want
}

// keepAlivesOff reports whether DisableKeepAlives may be set: then no
// connection is reused, and none can be reused dead.
//
// A constructor's result is one origin for every call, so a caller that
// turns keep-alives off on its copy (go-cleanhttp's DefaultTransport does
// so on what DefaultPooledTransport returns) would silence the pooled one
// too. An assignment in another function than the one that builds a
// returned transport is therefore taken to concern only that caller's
// copy.
func (c *checker) keepAlivesOff(k *construction) bool {
	e := field(k.origin, "DisableKeepAlives")
	if e == nil || c.constBool(e, false) {
		return false
	}
	fn := enclosingFunc(k.cur)
	if fn == nil || (fn.Pos() <= e.Pos() && e.End() <= fn.End()) {
		return true
	}
	for _, h := range c.ix.Holders(k.origin) {
		if _, ok := h.(*types.Func); ok {
			return false // a caller's copy
		}
	}
	return true
}

// enclosingFunc returns the innermost function declaration or literal
// around cur, or nil at package level.
func enclosingFunc(cur inspector.Cursor) ast.Node {
	for p := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return p.Node()
	}
	return nil
}

// speaksHTTP2 decides whether an http.Transport negotiates HTTP/2, as
// net/http's Transport.onceSetNextProtoDefaults and Transport.protocols
// (transport.go) do, and says why. ok is false when it does not, or when
// the package does not show enough to tell.
func (c *checker) speaksHTTP2(k *construction) (why string, related []analysis.RelatedInformation, ok bool) {
	o := k.origin
	for _, call := range c.configures {
		if v := c.ix.Value(call.Args[0]); v != nil && slices.Contains(v.Origins, o) {
			name := typeutil.StaticCallee(c.info, call).Name()
			return "http2." + name + " enables it", []analysis.RelatedInformation{{Pos: call.Pos(), End: call.End(), Message: "HTTP/2 is enabled here"}}, true
		}
	}
	if c.http2ClientOff() {
		return "", nil, false // //go:debug http2client=0
	}
	if field(o, "TLSNextProto") != nil {
		return "", nil, false // an empty map disables HTTP/2; any other is its own implementation
	}
	if e := field(o, "Protocols"); e != nil {
		if c.protocolsEnable(o, e) {
			return "Protocols enables it", nil, true
		}
		return "", nil, false
	}
	force := field(o, "ForceAttemptHTTP2")
	switch {
	case force != nil && c.constBool(force, true):
		return "ForceAttemptHTTP2 is set", nil, true
	case force != nil && !c.constBool(force, false):
		return "", nil, false // not a constant: cannot tell
	case force == nil && k.clone:
		// Clone copies DefaultTransport's ForceAttemptHTTP2: true.
		return "a Clone of http.DefaultTransport, which sets ForceAttemptHTTP2", nil, true
	case k.clone:
		return "", nil, false // ForceAttemptHTTP2 = false, and Clone set TLSClientConfig: HTTP/1 only
	}
	for _, f := range []string{"TLSClientConfig", "Dial", "DialContext", "DialTLS", "DialTLSContext"} {
		if field(o, f) != nil {
			return "", nil, false // a custom TLS config or dialer turns the automatic HTTP/2 off
		}
	}
	return "it sets no TLSClientConfig or dialer, so net/http enables HTTP/2 for https", nil, true
}

// protocolsEnable reports whether the Protocols value e set on o has
// HTTP/2 (over TLS or unencrypted) enabled by a SetHTTP2(true) or
// SetUnencryptedHTTP2(true) call the package shows: on the same variable,
// or on o's own Protocols field.
func (c *checker) protocolsEnable(o *config.Origin, e ast.Expr) bool {
	target := c.objectOf(e)
	for _, recv := range c.enables {
		if target != nil && c.objectOf(recv) == target {
			return true
		}
		if sel, ok := ast.Unparen(recv).(*ast.SelectorExpr); ok && sel.Sel.Name == "Protocols" {
			if v := c.ix.Value(sel.X); v != nil && slices.Contains(v.Origins, o) {
				return true
			}
		}
	}
	return false
}

// objectOf returns the variable e names, through & and *.
func (c *checker) objectOf(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return c.objectOf(e.X)
		}
	case *ast.StarExpr:
		return c.objectOf(e.X)
	case *ast.Ident:
		if v, ok := c.info.Uses[e].(*types.Var); ok {
			return v
		}
	}
	return nil
}

// http2ClientOff reports whether a //go:debug http2client=0 directive
// turns the bundled HTTP/2 client off for the program.
func (c *checker) http2ClientOff() bool {
	if c.godebug == nil {
		off := false
		for _, f := range c.pass.Files {
			for _, g := range f.Comments {
				for _, cm := range g.List {
					if rest, ok := strings.CutPrefix(cm.Text, "//go:debug "); ok && slices.Contains(strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' }), "http2client=0") {
						off = true
					}
				}
			}
		}
		c.godebug = &off
	}
	return *c.godebug
}

// pinged reports whether an http.Transport has a ping health check, or may
// have one the package does not show. cfg is the HTTP2Config literal its
// HTTP2 field holds, if that is all it can hold.
func (c *checker) pinged(o *config.Origin) (cfg *ast.CompositeLit, ok bool) {
	for _, call := range c.configures {
		if v := c.ix.Value(call.Args[0]); v == nil || !slices.Contains(v.Origins, o) {
			continue
		}
		if r := c.ix.Result(call, 0); r != nil && c.h2Pinged(r) {
			return nil, true
		}
	}
	e := field(o, "HTTP2")
	if e == nil {
		return nil, false
	}
	if tv, ok := c.info.Types[e]; ok && tv.IsNil() {
		return nil, false
	}
	t, ok := config.TypeOf(c.info.TypeOf(e))
	if !ok || t.Name != "HTTP2Config" {
		return nil, true // set through a nested field (t.HTTP2.F = x): cannot tell which
	}
	v := c.ix.Value(e)
	if v == nil || !v.Known() {
		return nil, true // a config from elsewhere
	}
	if v.SetPositive(c.info, "SendPingTimeout") {
		return nil, true
	}
	if lits := v.Literals(); len(lits) == 1 && len(v.Origins) == 1 {
		cfg = lits[0]
	}
	return cfg, false
}

// h2Pinged reports whether the http2.Transport that ConfigureTransports
// returned has ReadIdleTimeout, or may be configured where we cannot see.
func (c *checker) h2Pinged(r *config.Origin) bool {
	if r.Escaped {
		return true
	}
	for _, h := range c.ix.Holders(r) {
		if _, ok := h.(*types.Func); ok {
			return true // its callers may set it
		}
	}
	return c.positive(r, "ReadIdleTimeout")
}

// peerInProcess reports whether the construction is in a test file that
// starts an httptest server, and the option does not ask for those.
func (c *checker) peerInProcess(k *construction) bool {
	if c.inProcess || !c.inTestFile(k.node) {
		return false
	}
	tf := c.pass.Fset.File(k.node.Pos())
	if c.testFiles == nil {
		c.testFiles = map[string]bool{}
		mark := func(obj types.Object) {
			if v, ok := obj.(*types.Var); ok && httplib.IsNamedPtr(v.Type(), "net/http/httptest", "Server") {
				if f := c.pass.Fset.File(v.Pos()); f != nil {
					c.testFiles[f.Name()] = true
				}
			}
		}
		for _, obj := range c.info.Defs {
			mark(obj)
		}
	}
	return c.testFiles[tf.Name()]
}

// inTestFile reports whether n is in a _test.go file.
func (c *checker) inTestFile(n ast.Node) bool {
	tf := c.pass.Fset.File(n.Pos())
	return tf != nil && strings.HasSuffix(tf.Name(), "_test.go")
}

// goVersion returns the Go version of the file holding n, or of the
// package, or "" when neither is known.
func (c *checker) goVersion(n ast.Node) string {
	if f := fix.File(c.pass, n.Pos()); f != nil {
		if v := c.info.FileVersions[f]; v != "" {
			return v
		}
	}
	return c.pass.Pkg.GoVersion()
}

// hasHTTP2Config reports whether the net/http in the build has
// Transport.HTTP2 (Go 1.24 and later).
func (c *checker) hasHTTP2Config(k *construction) bool {
	t := c.info.TypeOf(k.node.(ast.Expr))
	if t == nil {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "HTTP2")
	_, ok := obj.(*types.Var)
	return ok
}

// fixH2 adds ReadIdleTimeout and PingTimeout to an http2.Transport
// literal, replacing a zero ReadIdleTimeout key.
func (c *checker) fixH2(k *construction) ([]analysis.TextEdit, bool) {
	lit, ok := k.node.(*ast.CompositeLit)
	if !ok || !c.onlyIn(k.origin, "ReadIdleTimeout", lit) {
		return nil, false // not a literal, or set to zero somewhere else too
	}
	return fix.SetTimeFields(c.pass, lit, []string{"ReadIdleTimeout", "PingTimeout"}, map[string]string{"ReadIdleTimeout": SendPingTimeout, "PingTimeout": PingTimeout})
}

// onlyIn reports whether name is unset on o or set only within lit.
func (c *checker) onlyIn(o *config.Origin, name string, lit *ast.CompositeLit) bool {
	e := field(o, name)
	return e == nil || (lit.Pos() <= e.Pos() && e.End() <= lit.End())
}

// fixHTTP sets HTTP2.SendPingTimeout on an http.Transport: in the
// HTTP2Config literal it already has, in its own literal, or, for a Clone
// bound to a variable, in a statement after it.
func (c *checker) fixHTTP(k *construction, cfg *ast.CompositeLit) ([]analysis.TextEdit, bool) {
	values := map[string]string{"SendPingTimeout": SendPingTimeout, "PingTimeout": PingTimeout}
	if cfg != nil {
		v := c.ix.Value(cfg)
		if v == nil || len(v.Origins) != 1 || !c.onlyIn(v.Origins[0], "SendPingTimeout", cfg) {
			return nil, false
		}
		return fix.SetTimeFields(c.pass, cfg, []string{"SendPingTimeout", "PingTimeout"}, values)
	}
	file, src := fix.File(c.pass, k.node.Pos()), fix.Source(c.pass, k.node.Pos())
	if file == nil || src == nil {
		return nil, false
	}
	httpName, httpImport, ok := fix.ImportName(c.info, file, k.node.Pos(), httpPath)
	if !ok {
		return nil, false
	}
	timeName, timeImport, ok := fix.ImportName(c.info, file, k.node.Pos(), "time")
	if !ok {
		return nil, false
	}
	config := fix.Qualify(fix.Qualify("&http.HTTP2Config{SendPingTimeout: "+SendPingTimeout+", PingTimeout: "+PingTimeout+"}", "time", timeName), "http", httpName)
	edits := slices.Concat(httpImport, timeImport)
	e := field(k.origin, "HTTP2")
	switch lit := k.node.(type) {
	case *ast.CompositeLit:
		kv := fix.KeyValue(lit, "HTTP2")
		switch {
		case e == nil:
			return append(edits, fix.AddField(c.pass.Fset, src, lit, "HTTP2", config)), true
		case kv != nil && kv.Value == e:
			// HTTP2: nil, and set nowhere else.
			return append(edits, analysis.TextEdit{Pos: e.Pos(), End: e.End(), NewText: []byte(config)}), true
		}
	case *ast.CallExpr:
		if e != nil || !k.clone {
			return nil, false
		}
		if stmt, name, ok := c.boundTo(k.cur); ok {
			return append(edits, fix.LineAfter(c.pass, stmt, name+".HTTP2 = "+config)), true
		}
	}
	return nil, false
}

// boundTo returns the statement that binds the expression at cur to a
// variable inside a function (t := x, t = x, var t = x) and the variable's
// name.
func (c *checker) boundTo(cur inspector.Cursor) (ast.Stmt, string, bool) {
	p := cur.Parent()
	switch n := p.Node().(type) {
	case *ast.AssignStmt:
		if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
			if id, ok := n.Lhs[0].(*ast.Ident); ok && id.Name != "_" {
				return n, id.Name, true
			}
		}
	case *ast.ValueSpec:
		if len(n.Names) == 1 && len(n.Values) == 1 {
			if ds, ok := p.Parent().Parent().Node().(*ast.DeclStmt); ok {
				return ds, n.Names[0].Name, true
			}
		}
	}
	return nil, "", false
}
