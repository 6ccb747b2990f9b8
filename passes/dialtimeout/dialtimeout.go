package dialtimeout

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
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

// InProcess is the option that also reports dials and requests whose peer
// is in this process: httptest servers, listeners the package opens,
// in-memory RoundTrippers (see passes/internal/inprocess).
const InProcess = inprocess.Option

// Analyzer reports dials and HTTP requests without a timeout.
var Analyzer = newAnalyzer()

func newAnalyzer() *analysis.Analyzer {
	// No inspect.Analyzer: an analyzer with facts runs on every
	// dependency, and so would everything it requires. The check builds
	// its inspector after the cheap exit instead, as bodydrain does.
	a := analyzer.New("dialtimeout", doc, run, config.Analyzer)
	a.FactTypes = []analysis.Fact{new(SendsFact)}
	inprocess.AddFlag(a)
	return a
}

// Timeout is what the suggested fixes write: the dial timeout of Go's
// DefaultTransport, long enough for a slow network, short enough that an
// unreachable peer fails in seconds instead of minutes.
const Timeout = "30 * time.Second"

func run(pass *analysis.Pass) (any, error) {
	if httplib.IsLibrary(pass.Pkg) {
		return nil, nil // the library's own implementation of the API
	}
	if !httplib.Imports(pass.Pkg, "net", "net/http", "crypto/tls") {
		return nil, nil // nothing here can dial
	}
	c := &checker{pass: pass, ix: pass.ResultOf[config.Analyzer].(*config.Index), reportInProcess: inprocess.Reported(pass), atLit: report.NewAtLiteral(pass.Files)}
	c.peers = inprocess.New(pass, c.ix)
	insp := inspector.New(pass.Files)
	c.root = insp.Root()
	c.sites = map[*config.Origin][]*ast.CallExpr{}
	c.siteSel = map[*ast.CallExpr]*ast.SelectorExpr{}
	c.made = map[*config.Origin]bool{}
	for _, o := range c.ix.Made(clientType) {
		c.made[o] = true
	}
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		c.check(cur)
	}
	c.atLit.Flush(pass)
	for _, o := range c.ix.Made(clientType) {
		if len(c.sites[o]) > 0 {
			c.construction(o)
		} else {
			c.foreignConstruction(o)
		}
	}
	c.exportSends()
	return nil, nil
}

var clientType = config.Type{Path: "net/http", Name: "Client"}

type checker struct {
	pass  *analysis.Pass
	ix    *config.Index
	atLit *report.AtLiteral // dialers reported at their literal (see checkDialerValue)

	peers           *inprocess.Peers
	reportInProcess bool // the inprocess option

	root  inspector.Cursor
	made  map[*config.Origin]bool            // clients this package builds (or keeps http.DefaultClient in)
	sites map[*config.Origin][]*ast.CallExpr // deadline-less requests through each
	// siteSel is the selector each site's method is taken with: at the
	// call, or where a method value called there was stored.
	siteSel map[*ast.CallExpr]*ast.SelectorExpr
	bare    map[*types.Func]bool // helpers that return a request without a deadline
	// assumeBare: context parameters taken to carry no deadline while a
	// helper is judged at a call that gives it one (bareHelperWith).
	assumeBare map[*types.Var]bool
	decls      map[*types.Func]*ast.FuncDecl

	fieldSites   map[*types.Var]*ast.CallExpr // requests with no deadline through exported fields
	passive      map[paramKey]bool            // request parameters only sent (see passiveParam)
	calls        map[*types.Func][]*ast.CallExpr
	valueUse     map[*types.Func]bool // functions of this package used other than by a call
	ifaceMethods []string             // method names declared by interfaces of this package

	methods *methval.Index // method values kept in variables and fields, built on first need
}

// inProcess reports whether a request-sending call reaches this process
// and the option does not ask for such calls.
func (c *checker) inProcess(call *ast.CallExpr) bool {
	return !c.reportInProcess && c.peers.Call(call)
}

func (c *checker) check(cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok {
		if fn, sel = c.clientMethodValue(call); fn == nil {
			return
		}
	}
	switch {
	case httplib.IsFunc(fn, "net", "", "Dial") && len(call.Args) == 2:
		if !c.local(call.Args[0], call.Args[1]) {
			c.reportDial(call, "net.Dial", c.dialTimeoutFix(call))
		}
	case httplib.IsFunc(fn, "crypto/tls", "", "Dial") && len(call.Args) == 3:
		if !c.local(call.Args[0], call.Args[1]) {
			c.reportDial(call, "tls.Dial", nil)
		}
	case httplib.IsFunc(fn, "net", "Dialer", "Dial") && len(call.Args) == 2:
		c.checkDialer(call, call.Args[0], call.Args[1])
	case httplib.IsFunc(fn, "net", "Dialer", "DialContext") && len(call.Args) == 3:
		if c.backgroundContext(call.Args[0], 0) {
			c.checkDialer(call, call.Args[1], call.Args[2])
		}
	case httplib.IsFunc(fn, "crypto/tls", "", "DialWithDialer") && len(call.Args) == 4:
		c.checkDialerValue(call, call.Args[0], call.Args[1], call.Args[2])
	case httplib.IsFunc(fn, "net/http", "", "Get"), httplib.IsFunc(fn, "net/http", "", "Head"),
		httplib.IsFunc(fn, "net/http", "", "Post"), httplib.IsFunc(fn, "net/http", "", "PostForm"):
		if c.inProcess(call) {
			return // a request to this process's own server
		}
		report.Reportf(c.pass, call, "http.%s uses http.DefaultClient, which has no Timeout: a server that accepts the connection and never answers blocks it forever; use a Client with Timeout or a request with a context", fn.Name())
	case httplib.IsFunc(fn, "net/http", "Client", "Get"), httplib.IsFunc(fn, "net/http", "Client", "Head"),
		httplib.IsFunc(fn, "net/http", "Client", "Post"), httplib.IsFunc(fn, "net/http", "Client", "PostForm"):
		if len(call.Args) > 0 && !c.webURL(call.Args[0]) {
			return // no network
		}
		if c.inProcess(call) {
			return // a request to this process's own server
		}
		c.checkClient(call, sel, fn)
	case httplib.IsFunc(fn, "net/http", "Client", "Do") && len(call.Args) == 1:
		if c.requestWithoutContext(cur, call.Args[0]) && !c.inProcess(call) {
			c.checkClient(call, sel, fn)
		}
	case c.senderDo(call):
		if c.requestWithoutContext(cur, call.Args[0]) && !c.inProcess(call) {
			c.checkSender(call, sel)
		}
	}
}

// unixNetworks reports whether network ranges over a literal list of
// constant unix networks: for _, n := range []string{"unixgram", "unix"}.
func (c *checker) unixNetworks(network ast.Expr) bool {
	id, ok := ast.Unparen(network).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	file := fix.File(c.pass, v.Pos())
	if file == nil {
		return false
	}
	unix := false
	ast.Inspect(file, func(n ast.Node) bool {
		rs, ok := n.(*ast.RangeStmt)
		if !ok {
			return !unix
		}
		vid, ok := rs.Value.(*ast.Ident)
		if !ok || c.pass.TypesInfo.Defs[vid] != v {
			return true
		}
		lit, ok := ast.Unparen(rs.X).(*ast.CompositeLit)
		if !ok {
			lit = c.onlyLiteral(rs.X) // logTypes := []string{"unixgram", "unix"}
		}
		if lit == nil || len(lit.Elts) == 0 {
			return false
		}
		for _, e := range lit.Elts {
			if !strings.HasPrefix(c.constString(e), "unix") {
				return false
			}
		}
		unix = true
		return false
	})
	return unix
}

// onlyLiteral returns the composite literal a local variable is defined
// with, when that is its only assignment in the function's file.
func (c *checker) onlyLiteral(e ast.Expr) *ast.CompositeLit {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Kind() != types.LocalVar {
		return nil
	}
	file := fix.File(c.pass, v.Pos())
	if file == nil {
		return nil
	}
	var lit *ast.CompositeLit
	defs := 0
	ast.Inspect(file, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for i, l := range as.Lhs {
			lid, ok := l.(*ast.Ident)
			if !ok || (c.pass.TypesInfo.Defs[lid] != v && c.pass.TypesInfo.Uses[lid] != v) {
				continue
			}
			defs++
			if len(as.Lhs) == len(as.Rhs) {
				lit, _ = ast.Unparen(as.Rhs[i]).(*ast.CompositeLit)
			}
		}
		return true
	})
	if defs != 1 {
		return nil
	}
	return lit
}

// webURL reports whether a request URL is not a constant with a scheme
// other than http or https (file:// and other registered protocols make
// no connection).
func (c *checker) webURL(url ast.Expr) bool {
	s := c.constString(url)
	if s == "" {
		return true
	}
	scheme, _, ok := strings.Cut(s, "://")
	return !ok || scheme == "http" || scheme == "https"
}

// local reports whether a dial goes to a Unix socket, a constant loopback
// address or a listener of this process, which fail or answer at once.
func (c *checker) local(network, addr ast.Expr) bool {
	if !c.reportInProcess && (c.peers.Addr(addr) || c.testCallerAddr(addr)) {
		return true // a listener of this process, or a test's own peer
	}
	if c.unixNetworks(network) || c.datagram(network, addr) {
		return true // no handshake to wait for
	}
	return httplib.LoopbackHost(c.pass.TypesInfo, addr)
}

// testCallerAddr reports whether addr, in a _test.go file, is a parameter
// of the enclosing function or literal (or a local defined once from one):
// a test transport's Dial/DialTLS hook, or a test helper, dials where the
// test's requests go, which is the test's own server. Outside tests the
// address from a caller is anyone's, and the dial is judged.
func (c *checker) testCallerAddr(addr ast.Expr) bool {
	if !strings.HasSuffix(c.pass.Fset.Position(addr.Pos()).Filename, "_test.go") {
		return false
	}
	for depth := 0; depth < 3; depth++ {
		id, ok := ast.Unparen(addr).(*ast.Ident)
		if !ok {
			return false
		}
		v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			return false
		}
		switch v.Kind() {
		case types.ParamVar:
			return true
		case types.LocalVar:
			cur, ok := c.root.FindByPos(v.Pos(), v.Pos())
			if !ok {
				return false
			}
			as, ok := cur.Parent().Node().(*ast.AssignStmt)
			if !ok || len(as.Lhs) != len(as.Rhs) {
				return false
			}
			i := slices.IndexFunc(as.Lhs, func(e ast.Expr) bool { return e == cur.Node() })
			if i < 0 {
				return false
			}
			addr = as.Rhs[i]
		default:
			return false
		}
	}
	return false
}

// datagram reports whether the network or the address of a dial says it
// has no handshake to wait for (UDP, IP, Unix sockets):
//   - the network is a constant "udp*", "ip*" or "unix*", or a local whose
//     every definition is one;
//   - the network is the Network() of a *net.UDPAddr, *net.IPAddr or
//     *net.UnixAddr;
//   - the address is the String() of a *net.UnixAddr (a path) or a
//     *net.IPAddr (no port): a TCP dial of either fails at once;
//   - the address is the String() of a *net.UDPAddr and the network is not
//     a constant: the dial is the address's own network.
func (c *checker) datagram(network, addr ast.Expr) bool {
	addrType, _ := c.addrMethod(addr, "String")
	if addrType == "UnixAddr" || addrType == "IPAddr" {
		return true
	}
	nets, constant := c.constStrings(network, 0)
	if constant {
		for _, n := range nets {
			if !strings.HasPrefix(n, "unix") && !strings.HasPrefix(n, "udp") && !strings.HasPrefix(n, "ip") {
				return false // a stream network that may be tcp
			}
		}
		return true
	}
	if t, _ := c.addrMethod(network, "Network"); t != "" {
		return true
	}
	return addrType == "UDPAddr"
}

// addrMethod reports whether e is a call x.method() and, when x is a
// *net.UDPAddr, *net.IPAddr or *net.UnixAddr (or one of those values),
// that type's name.
func (c *checker) addrMethod(e ast.Expr, method string) (string, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return "", false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != method {
		return "", false
	}
	t := c.pass.TypesInfo.TypeOf(sel.X)
	for _, name := range []string{"UDPAddr", "IPAddr", "UnixAddr"} {
		if t != nil && (httplib.IsNamedPtr(t, "net", name) || httplib.IsNamed(t, "net", name)) {
			return name, true
		}
	}
	return "", true
}

// constStrings returns the values of a constant string, or of a local
// variable whose every definition (in its scope) is a constant string.
func (c *checker) constStrings(e ast.Expr, depth int) ([]string, bool) {
	info := c.pass.TypesInfo
	if s, ok := httplib.ConstString(info, e); ok {
		return []string{s}, true
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || depth > 2 {
		return nil, false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Kind() != types.LocalVar || v.Parent() == nil {
		return nil, false
	}
	file := fix.File(c.pass, v.Pos())
	if file == nil {
		return nil, false
	}
	scope := v.Parent()
	var values []string
	defs, all := 0, true
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil || n.End() < scope.Pos() || n.Pos() > scope.End() || !all {
			return false
		}
		var lhs, rhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs, rhs = n.Lhs, n.Rhs
		case *ast.ValueSpec:
			if len(n.Values) == 0 {
				return true // var network string: an empty network fails at once
			}
			for _, name := range n.Names {
				lhs = append(lhs, name)
			}
			rhs = n.Values
		case *ast.RangeStmt:
			lhs = []ast.Expr{n.Key, n.Value}
		case *ast.UnaryExpr:
			if x, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && info.Uses[x] == v {
				all = false // its address is taken: assigned anywhere
			}
			return true
		default:
			return true
		}
		for i, l := range lhs {
			lid, ok := l.(*ast.Ident)
			if !ok || (info.Defs[lid] != v && info.Uses[lid] != v) {
				continue
			}
			defs++
			if len(lhs) != len(rhs) {
				all = false
				break
			}
			if as, ok := n.(*ast.AssignStmt); ok && as.Tok != token.ASSIGN && as.Tok != token.DEFINE {
				all = false // network += "4"
				break
			}
			vs, ok := c.constStrings(rhs[i], depth+1)
			if !ok {
				all = false
				break
			}
			values = append(values, vs...)
		}
		return true
	})
	return values, all && defs > 0
}

func (c *checker) constString(e ast.Expr) string {
	s, _ := httplib.ConstString(c.pass.TypesInfo, e)
	return s
}

func (c *checker) reportDial(call *ast.CallExpr, what string, fixes []analysis.SuggestedFix) {
	report.Report(c.pass, analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message:        what + " has no timeout: dialing an unreachable peer blocks until the operating system gives up (about two minutes on Linux)",
		SuggestedFixes: fixes,
	})
}

// dialTimeoutFix rewrites net.Dial(n, a) into net.DialTimeout(n, a, 30s).
func (c *checker) dialTimeoutFix(call *ast.CallExpr) []analysis.SuggestedFix {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || call.Ellipsis.IsValid() {
		return nil
	}
	file := fix.File(c.pass, call.Pos())
	if file == nil {
		return nil
	}
	name, imports, ok := fix.ImportName(c.pass.TypesInfo, file, call.Pos(), "time")
	if !ok {
		return nil
	}
	edits := append(slices.Clone(imports),
		analysis.TextEdit{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte("DialTimeout")},
		analysis.TextEdit{Pos: call.Rparen, End: call.Rparen, NewText: []byte(", " + strings.Replace(Timeout, "time.", name+".", 1))},
	)
	return []analysis.SuggestedFix{{Message: "Use net.DialTimeout", TextEdits: edits}}
}

func (c *checker) checkDialer(call *ast.CallExpr, network, addr ast.Expr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	c.checkDialerValue(call, sel.X, network, addr)
}

// checkDialerValue reports a dial through the dialer d (a Dialer.Dial
// receiver, tls.DialWithDialer's argument) that has neither Timeout nor
// Deadline.
func (c *checker) checkDialerValue(call *ast.CallExpr, dialer, network, addr ast.Expr) {
	if c.local(network, addr) {
		return
	}
	v := c.ix.Value(dialer)
	info := c.pass.TypesInfo
	if !v.Known() || v.SetPositive(info, "Timeout") || v.Set("Deadline") {
		return
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("dialer %s has neither Timeout nor Deadline: dialing an unreachable peer blocks until the operating system gives up (about two minutes on Linux)", types.ExprString(dialer)),
	}
	if edits, ok := c.addTimeout(v); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Add Timeout to the dialer", TextEdits: edits}}
	}
	// A dialer built in another function (a constructor whose result is
	// kept in a field, a package variable) is reported where it is built.
	if len(v.Origins) == 1 && c.atLit.Elsewhere(v.Origins[0].Lit, call.Pos()) {
		c.atLit.Add(v.Origins[0].Lit, "dialer", d, analysis.RelatedInformation{Pos: call.Pos(), End: call.End(), Message: "dialed here"})
		return
	}
	report.Report(c.pass, d)
}

// checkClient judges a request with no deadline sent through a client.
// Clients this package builds are judged at their construction (see
// construction), where the fix goes; the rest here, at the request.
// clientMethodValue resolves a call through a variable or unexported
// field that only ever holds one *http.Client method value (do := c.Do):
// the method and the selector it was taken with.
func (c *checker) clientMethodValue(call *ast.CallExpr) (*types.Func, *ast.SelectorExpr) {
	v, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Var)
	if !ok {
		return nil, nil
	}
	if sig, ok := v.Type().Underlying().(*types.Signature); !ok || sig.Results().Len() != 2 || !isResponsePtr(sig.Results().At(0).Type()) {
		return nil, nil // not a request sender: no need to index method values
	}
	if c.methods == nil {
		c.methods = methval.New(c.pass.TypesInfo, c.pass.Files)
	}
	fn, sels := c.methods.Stored(call)
	if fn == nil || len(sels) != 1 || c.pass.TypesInfo.Selections[sels[0]] == nil {
		return nil, nil // a function, or several receivers
	}
	if recv := fn.Signature().Recv(); recv == nil || !httplib.IsNamedPtr(recv.Type(), "net/http", "Client") {
		return nil, nil
	}
	return fn, sels[0]
}

// checkClient judges a request-sending call on a client, sel being the
// selector the method is taken with (at the call, or where a method value
// was stored).
func (c *checker) checkClient(call *ast.CallExpr, sel *ast.SelectorExpr, fn *types.Func) {
	if sel == nil {
		return
	}
	if c.isDefaultClient(sel.X) {
		d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: fmt.Sprintf(
			"http.DefaultClient has no Timeout and the request no context: a server that accepts the connection and never answers blocks %s forever", fn.Name())}
		// A method value taken in another function (a constructor keeping
		// http.DefaultClient.Get in a field) is reported where it is taken.
		if c.atLit.Elsewhere(sel, call.Pos()) {
			c.atLit.Add(sel, "default", d, analysis.RelatedInformation{Pos: call.Pos(), End: call.End(), Message: "request without a deadline"})
			return
		}
		report.Report(c.pass, d)
		return
	}
	c.fieldSite(c.selectedField(sel), call)
	v := c.ix.Value(sel.X)
	if v == nil {
		v = c.promoted(sel)
	}
	if v == nil {
		return
	}
	rest := &config.Value{Type: v.Type}
	for _, o := range v.Origins {
		if c.made[o] {
			c.sites[o] = append(c.sites[o], call)
			c.siteSel[call] = sel
		} else {
			rest.Origins = append(rest.Origins, o)
		}
	}
	if len(rest.Origins) == 0 || !v.Known() {
		return // built here, or out of sight: it may well have a Timeout
	}
	info := c.pass.TypesInfo
	if rest.SetPositive(info, "Timeout") || c.transportBounded(rest) {
		return
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("client %s has no Timeout and the request no context: %s", types.ExprString(sel.X), c.consequence(rest, fn.Name())),
	}
	if edits, ok := c.addTimeout(rest); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Add Timeout to the client", TextEdits: edits}}
	}
	report.Report(c.pass, d)
}

// senderDo reports whether call is x.Do(req) on a Sender interface.
func (c *checker) senderDo(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Do" || len(call.Args) != 1 {
		return false
	}
	s, ok := c.pass.TypesInfo.Selections[sel]
	return ok && s.Kind() == types.MethodVal && config.Sender(s.Recv())
}

// checkSender records a request with no deadline sent through a Sender
// interface (c.http.Do(req), where http is a Doer) as a site of each
// client this package builds and stores there. Only those are judged, at
// their construction: what else the interface may hold (another package's
// client, a wrapper that sets a deadline) is not known here.
func (c *checker) checkSender(call *ast.CallExpr, sel *ast.SelectorExpr) {
	for _, o := range c.ix.SenderOrigins(sel.X) {
		if c.made[o] {
			c.sites[o] = append(c.sites[o], call)
			c.siteSel[call] = sel
		}
	}
}

// promoted returns the value of the embedded client whose method sel
// calls (api.Get where api embeds *http.Client), or nil.
func (c *checker) promoted(sel *ast.SelectorExpr) *config.Value {
	field := c.promotedField(sel)
	if field == nil {
		return nil
	}
	return c.ix.FieldValue(field)
}

// promotedField returns the embedded field whose method sel calls, or nil.
func (c *checker) promotedField(sel *ast.SelectorExpr) *types.Var {
	s, ok := c.pass.TypesInfo.Selections[sel]
	if !ok || len(s.Index()) < 2 {
		return nil
	}
	t := s.Recv()
	var field *types.Var
	for _, i := range s.Index()[:len(s.Index())-1] {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil
		}
		field = st.Field(i)
		t = field.Type()
	}
	return field
}

func (c *checker) consequence(v *config.Value, method string) string {
	if c.headerBounded(v) {
		return fmt.Sprintf("its Transport bounds the response header but not the dial, so an unreachable server blocks %s for minutes", method)
	}
	return fmt.Sprintf("a server that accepts the connection and never answers blocks %s forever", method)
}

// construction reports a client this package builds (a literal, new, a
// zero value, or a read of http.DefaultClient it keeps) without Timeout,
// through which the package sends requests with no deadline: at the
// construction, where the fix goes, with a request as related
// information. It is judged on its own even when the holder it is kept in
// may also receive other clients (an exported field a user may set): the
// package's own default is what most users run.
func (c *checker) construction(o *config.Origin) {
	sites := c.sites[o]
	if len(sites) == 0 || (o.Escaped && !o.SendOnly) {
		return // no request in sight, or handed to code that may configure it
	}
	if c.testRouted(o) || c.withCallersContext(o) {
		return
	}
	v := &config.Value{Type: o.Type, Origins: []*config.Origin{o}}
	info := c.pass.TypesInfo
	if v.SetPositive(info, "Timeout") || c.transportBounded(v) {
		return
	}
	first := sites[0]
	sel := c.siteSel[first]
	method := sel.Sel.Name
	related := []analysis.RelatedInformation{{Pos: first.Pos(), End: first.End(), Message: "request without a deadline"}}
	if o.Kind == config.Shared {
		d := analysis.Diagnostic{Pos: o.Read.Pos(), End: o.Read.End(), Related: related,
			Message: fmt.Sprintf("http.DefaultClient kept here has no Timeout, and %s sends requests with no context through it: a server that accepts the connection and never answers blocks %s forever", types.ExprString(sel.X), method)}
		if f, ok := c.replaceDefault(o.Read); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{f}
		}
		report.Report(c.pass, d)
		return
	}
	d := analysis.Diagnostic{Pos: o.Pos, Related: related,
		Message: fmt.Sprintf("client %s has no Timeout and the request no context: %s", types.ExprString(sel.X), c.consequence(v, method))}
	if o.Lit != nil {
		d.End = o.Lit.End()
	}
	if edits, ok := c.addTimeout(v); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Add Timeout to the client", TextEdits: edits}}
	}
	report.Report(c.pass, d)
}

// testRouted reports whether o is a client built in a _test.go file
// whose Transport's dial hooks all send connections to this process (a
// test pointing the package's code at its own server), and the inprocess
// option is off.
func (c *checker) testRouted(o *config.Origin) bool {
	if c.reportInProcess || !strings.HasSuffix(c.pass.Fset.Position(o.Pos).Filename, "_test.go") {
		return false
	}
	tr, ok := o.Fields["Transport"]
	return ok && tr != nil && c.peers.HooksRouted(tr)
}

// replaceDefault replaces a read of http.DefaultClient by a client of its
// own with a Timeout.
func (c *checker) replaceDefault(read ast.Expr) (analysis.SuggestedFix, bool) {
	sel, ok := ast.Unparen(read).(*ast.SelectorExpr)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	file := fix.File(c.pass, read.Pos())
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	timeName, imports, ok := fix.ImportName(c.pass.TypesInfo, file, read.Pos(), "time")
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	text := "&" + pkg.Name + ".Client{Timeout: " + strings.Replace(Timeout, "time.", timeName+".", 1) + "}"
	edits := append(slices.Clone(imports), analysis.TextEdit{Pos: read.Pos(), End: read.End(), NewText: []byte(text)})
	return analysis.SuggestedFix{Message: "Use a client with a Timeout", TextEdits: edits}, true
}

func (c *checker) isDefaultClient(e ast.Expr) bool {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		id = e.Sel
	case *ast.Ident:
		id = e
	default:
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Name() == "DefaultClient" && v.Kind() == types.PackageVar
}

// transportBounded reports whether the client's Transport could bound the
// dial and the response header: any Transport we cannot see counts, since
// it may; a visible http.Transport must set ResponseHeaderTimeout and a
// dialer.
func (c *checker) transportBounded(v *config.Value) bool {
	for _, o := range v.Origins {
		e, ok := o.Fields["Transport"]
		if !ok {
			continue // DefaultTransport: 30 s dial, no response-header bound
		}
		if e == nil {
			return true
		}
		if tv, ok := c.pass.TypesInfo.Types[e]; ok && tv.IsNil() {
			continue // nil means DefaultTransport
		}
		tv := c.ix.Value(e)
		if tv == nil || !tv.Known() {
			return true
		}
		info := c.pass.TypesInfo
		if tv.SetPositive(info, "ResponseHeaderTimeout") && (tv.Set("DialContext") || tv.Set("Dial")) {
			return true
		}
	}
	return false
}

// headerBounded reports whether every origin's Transport is a visible
// http.Transport with ResponseHeaderTimeout.
func (c *checker) headerBounded(v *config.Value) bool {
	for _, o := range v.Origins {
		e, ok := o.Fields["Transport"]
		if !ok || e == nil {
			return false
		}
		tv := c.ix.Value(e)
		if tv == nil || !tv.SetPositive(c.pass.TypesInfo, "ResponseHeaderTimeout") {
			return false
		}
	}
	return true
}

// addTimeout sets Timeout on every literal the value comes from, when all
// its origins are literals of this package (see config.Editable).
func (c *checker) addTimeout(v *config.Value) ([]analysis.TextEdit, bool) {
	lits, ok := v.Editable("Timeout")
	if !ok {
		return nil, false
	}
	return fix.AddTimeFields(c.pass, lits, []string{"Timeout"}, map[string]string{"Timeout": Timeout})
}

// requestWithoutContext reports whether req is a local of this function
// made with no deadline: by http.NewRequest, by http.NewRequestWithContext
// with context.Background() or TODO() (directly, through a local, or
// through a function of this package that returns one), or by a function
// of this package that returns such a request and takes no context. A
// request or context from the caller stays trusted.
func (c *checker) requestWithoutContext(cur inspector.Cursor, req ast.Expr) bool {
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
	if decl, ok := body.Node().(*ast.FuncDecl); ok && v.Kind() == types.ParamVar {
		return c.bareParam(decl, v, 0)
	}
	return c.bareLocal(body, v, 0)
}

// bareParam reports whether the request parameter p of decl, a function
// or method of this package that other packages cannot call (unexported,
// and only ever called, never used as a value or through an interface),
// receives a request with no deadline at every call, and is only used by
// net/http (and helpers like it) in decl: the package's own do(req)
// around Client.Do, fed by requests from http.NewRequest.
func (c *checker) bareParam(decl *ast.FuncDecl, p *types.Var, depth int) bool {
	fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok || depth > 2 || !isRequestPtr(p.Type()) {
		return false
	}
	idx := paramIndex(fn, p)
	if idx < 0 || fn.Signature().Variadic() && idx == fn.Signature().Params().Len()-1 || !c.passiveParam(fn, idx) {
		return false
	}
	calls, ok := c.callsOf(fn)
	if !ok || len(calls) == 0 {
		return false
	}
	// Unexported: every call passes a request with no deadline. Exported
	// (other packages pass their own requests): the package's own calls,
	// one of which does (Send → SendWithContext(context.Background()) →
	// Perform(req)), so the package itself sends such requests.
	bare := 0
	for _, call := range calls {
		if c.bareArg(call, idx, depth) {
			bare++
		} else if !fn.Exported() {
			return false
		}
	}
	return bare > 0
}

// bareArg reports whether argument idx of call is a request with no
// deadline.
func (c *checker) bareArg(call *ast.CallExpr, idx, depth int) bool {
	if idx >= len(call.Args) {
		return false
	}
	switch arg := ast.Unparen(call.Args[idx]).(type) {
	case *ast.CallExpr:
		return c.bareRequestCall(arg, depth)
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[arg].(*types.Var)
		if !ok {
			return false
		}
		cur, ok := c.root.FindNode(call)
		if !ok {
			return false
		}
		var body inspector.Cursor
		for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			body = enc
			break
		}
		return c.bareLocal(body, v, depth+1)
	}
	return false
}

// passiveParam reports whether parameter idx of fn, a function of this
// package, is a request that fn only reads, sends and hands to net/http:
// never reassigned (req = req.WithContext(ctx)), stored or passed on.
func (c *checker) passiveParam(fn *types.Func, idx int) bool {
	key := paramKey{fn, idx}
	if r, ok := c.passive[key]; ok {
		return r
	}
	if c.passive == nil {
		c.passive = map[paramKey]bool{}
	}
	c.passive[key] = false
	decl := c.decl(fn)
	params := fn.Signature().Params()
	if decl == nil || decl.Body == nil || idx >= params.Len() {
		return false
	}
	p := params.At(idx)
	body, ok := c.root.FindNode(decl.Body)
	if !ok {
		return false
	}
	info := c.pass.TypesInfo
	for use := range body.Preorder((*ast.Ident)(nil)) {
		if info.Uses[use.Node().(*ast.Ident)] != p {
			continue
		}
		switch parent := use.Parent().Node().(type) {
		case *ast.SelectorExpr:
			// req.Header.Set, req.URL: reads and method calls.
		case *ast.CallExpr:
			if c.senderDo(parent) {
				continue // d.Do(req) on a Doer
			}
			callee := typeutil.StaticCallee(info, parent)
			if callee == nil || callee.Pkg() == nil || callee.Pkg().Path() != "net/http" {
				return false
			}
		default:
			return false
		}
	}
	c.passive[key] = true
	return true
}

type paramKey struct {
	fn  *types.Func
	idx int
}

// callsOf returns the calls of fn in this package, and false when fn is
// also used otherwise (as a value, a method value, or by an interface
// of this package that declares a method of its name).
func (c *checker) callsOf(fn *types.Func) ([]*ast.CallExpr, bool) {
	if c.calls == nil {
		c.calls = map[*types.Func][]*ast.CallExpr{}
		c.valueUse = map[*types.Func]bool{}
		info := c.pass.TypesInfo
		for cur := range c.root.Preorder((*ast.Ident)(nil)) {
			id := cur.Node().(*ast.Ident)
			f, ok := info.Uses[id].(*types.Func)
			if !ok || f.Pkg() != c.pass.Pkg {
				continue
			}
			f = f.Origin()
			fun := ast.Node(id)
			p := cur.Parent()
			if sel, ok := p.Node().(*ast.SelectorExpr); ok && sel.Sel == id {
				fun, p = sel, p.Parent()
			}
			if call, ok := p.Node().(*ast.CallExpr); ok && call.Fun == fun {
				c.calls[f] = append(c.calls[f], call)
			} else {
				c.valueUse[f] = true
			}
		}
		// Methods an interface of this package declares may be called
		// through it, out of sight.
		for _, obj := range info.Defs {
			if m, ok := obj.(*types.Func); ok {
				if recv := m.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
					c.ifaceMethods = append(c.ifaceMethods, m.Name())
				}
			}
		}
	}
	if c.valueUse[fn] || (fn.Signature().Recv() != nil && slices.Contains(c.ifaceMethods, fn.Name())) {
		return nil, false
	}
	return c.calls[fn], true
}

// bareLocal reports whether the local request v of the function body is
// made with no deadline and is only used by net/http afterwards.
func (c *checker) bareLocal(body inspector.Cursor, v *types.Var, depth int) bool {
	info := c.pass.TypesInfo
	if !body.Valid() || v.Pos() < body.Node().Pos() || v.Pos() >= body.Node().End() {
		return false // a parameter's request may carry the caller's context
	}
	bare := false
	for use := range body.Preorder((*ast.Ident)(nil)) {
		ident := use.Node().(*ast.Ident)
		if info.Uses[ident] != v && info.Defs[ident] != v {
			continue
		}
		switch p := use.Parent().Node().(type) {
		case *ast.AssignStmt:
			i := slices.Index(p.Lhs, ast.Expr(ident))
			if i < 0 {
				return false // copied elsewhere
			}
			if len(p.Rhs) != 1 {
				return false
			}
			call, ok := ast.Unparen(p.Rhs[0]).(*ast.CallExpr)
			if !ok || i != 0 || !c.bareRequestCall(call, depth) {
				return false // e.g. req = req.WithContext(ctx)
			}
			bare = true
		case *ast.ValueSpec:
			// var req *http.Request, assigned below; or
			// var req, err = http.NewRequest(...).
			switch i := slices.Index(p.Names, ident); {
			case i < 0:
				return false // used as a value of another declaration
			case len(p.Values) == 0:
			case len(p.Values) != 1 || i != 0:
				return false
			default:
				call, ok := ast.Unparen(p.Values[0]).(*ast.CallExpr)
				if !ok || !c.bareRequestCall(call, depth) {
					return false
				}
				bare = true
			}
		case *ast.SelectorExpr:
			// Field reads and writes, and method calls: WithContext and
			// Clone return a new request, which is not this variable.
		case *ast.CallExpr:
			if c.senderDo(p) {
				continue // d.Do(req) on a Doer: sends it
			}
			fn := typeutil.StaticCallee(info, p)
			if fn == nil {
				fn, _ = c.clientMethodValue(p) // do(req), do := client.Do
			}
			if fn == nil || fn.Pkg() == nil {
				return false
			}
			if fn.Pkg() == c.pass.Pkg {
				// do(req): a helper of this package that only sends it.
				i := slices.Index(p.Args, ast.Expr(ident))
				if i < 0 || p.Ellipsis.IsValid() || !c.passiveParam(fn.Origin(), i) {
					return false
				}
				continue
			}
			if fn.Pkg().Path() != "net/http" {
				return false // handed to code that may use it differently
			}
		case *ast.ReturnStmt:
			// returned by a helper: judged where it is used
		default:
			return false
		}
	}
	return bare
}

// bareRequestCall reports whether call makes a request with no deadline.
func (c *checker) bareRequestCall(call *ast.CallExpr, depth int) bool {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	switch {
	case fn == nil:
		return false
	case httplib.IsFunc(fn, "net/http", "", "NewRequest"):
		return true
	case httplib.IsFunc(fn, "net/http", "", "NewRequestWithContext"):
		return len(call.Args) > 0 && c.backgroundContext(call.Args[0], depth)
	case fn.Pkg() == c.pass.Pkg && depth < 3:
		if ctxs := contextParams(fn); len(ctxs) > 0 {
			return c.bareHelperWith(fn.Origin(), call, ctxs, depth+1)
		}
		return c.bareHelper(fn.Origin(), depth+1)
	}
	return false
}

// withCallersContext reports whether the client o is built or read as an
// argument of a call that also passes a context that is not known to lack a
// deadline (PostWebhookCustomHTTPContext(ctx, url, http.DefaultClient, msg)
// in a function handed ctx): the requests made with it there carry that
// context, whatever other calls of the same function pass.
func (c *checker) withCallersContext(o *config.Origin) bool {
	pos := o.Pos
	if o.Read != nil {
		pos = o.Read.Pos()
	}
	cur, ok := c.root.FindByPos(pos, pos)
	if !ok {
		return false
	}
	for enc := range cur.Enclosing((*ast.CallExpr)(nil)) {
		call := enc.Node().(*ast.CallExpr)
		fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
		if fn == nil || fn.Pkg() != c.pass.Pkg {
			continue
		}
		for _, k := range contextParams(fn) {
			if k < len(call.Args) && !c.backgroundContext(call.Args[k], 0) {
				return true
			}
		}
		return false
	}
	return false
}

// assigned reports whether decl assigns to v (or takes its address).
func assigned(info *types.Info, decl *ast.FuncDecl, v *types.Var) bool {
	found := false
	ast.Inspect(decl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.ObjectOf(id) == v {
					found = true
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && info.Uses[id] == v {
				found = true
			}
		}
		return !found
	})
	return found
}

// paramIndex returns the index of the parameter p of fn, or -1.
func paramIndex(fn *types.Func, p *types.Var) int {
	params := fn.Signature().Params()
	for i := range params.Len() {
		if params.At(i) == p {
			return i
		}
	}
	return -1
}

// contextParams returns the indexes of fn's context.Context parameters.
func contextParams(fn *types.Func) []int {
	var out []int
	params := fn.Signature().Params()
	for i := range params.Len() {
		if isContext(params.At(i).Type()) {
			out = append(out, i)
		}
	}
	return out
}

func isContext(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "context" && named.Obj().Name() == "Context"
}

// bareHelperWith reports whether call, of fn, a function of this package
// that takes contexts, returns a request with no deadline: every context
// argument at the call has none (context.Background(), or a parameter
// that some call in the package gives one), and fn returns a request made
// with no deadline when its contexts have none (c.NewRequest(ctx, method,
// path) around http.NewRequestWithContext(ctx, ...)).
func (c *checker) bareHelperWith(fn *types.Func, call *ast.CallExpr, ctxs []int, depth int) bool {
	sig := fn.Signature()
	if sig.Variadic() {
		return false
	}
	for _, k := range ctxs {
		if k >= len(call.Args) || !c.backgroundContext(call.Args[k], depth) {
			return false
		}
	}
	if c.assumeBare == nil {
		c.assumeBare = map[*types.Var]bool{}
	}
	var set []*types.Var
	for _, k := range ctxs {
		p := sig.Params().At(k)
		if !c.assumeBare[p] {
			c.assumeBare[p] = true
			set = append(set, p)
		}
	}
	defer func() {
		for _, p := range set {
			delete(c.assumeBare, p)
		}
	}()
	saved := c.bare[fn]
	_, had := c.bare[fn]
	delete(c.bare, fn)
	b := c.bareHelperBody(fn, depth)
	delete(c.bare, fn)
	if had {
		c.bare[fn] = saved
	}
	return b
}

// backgroundContext reports whether e is a context with no deadline that
// does not come from the caller: context.Background() or TODO(), a local
// defined once from one, or a call of a function of this package that
// returns one.
func (c *checker) backgroundContext(e ast.Expr, depth int) bool {
	info := c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn := typeutil.StaticCallee(info, e)
		if fn == nil {
			return false
		}
		if httplib.IsFunc(fn, "context", "", "Background") || httplib.IsFunc(fn, "context", "", "TODO") {
			return true
		}
		if fn.Pkg() != c.pass.Pkg || depth >= 3 || fn.Signature().Params().Len() > 0 {
			return false
		}
		decl := c.decl(fn.Origin())
		if decl == nil || decl.Body == nil || len(decl.Body.List) != 1 {
			return false
		}
		ret, ok := decl.Body.List[0].(*ast.ReturnStmt)
		return ok && len(ret.Results) == 1 && c.backgroundContext(ret.Results[0], depth+1)
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if ok && v.Kind() == types.ParamVar {
			return c.assumeBare[v] || c.bareContextParam(v, depth)
		}
		if !ok || v.Kind() != types.LocalVar {
			return false
		}
		cur, ok := c.root.FindByPos(v.Pos(), v.Pos())
		if !ok {
			return false
		}
		var rhs ast.Expr
		n := 0
		for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			for a := range enc.Preorder((*ast.AssignStmt)(nil)) {
				as := a.Node().(*ast.AssignStmt)
				for i, l := range as.Lhs {
					if lid, ok := l.(*ast.Ident); ok && info.ObjectOf(lid) == v {
						n++
						if len(as.Rhs) == len(as.Lhs) {
							rhs = as.Rhs[i]
						}
					}
				}
			}
			break
		}
		return n == 1 && rhs != nil && c.backgroundContext(rhs, depth+1)
	}
	return false
}

// bareContextParam reports whether the context parameter v of a function
// of this package gets a context with no deadline at some call in the
// package (Send(params) calling SendWithContext(context.Background(),
// params)): the package itself then sends requests with none, whatever
// other callers (through an interface, or other packages) pass.
func (c *checker) bareContextParam(v *types.Var, depth int) bool {
	if depth >= 3 || !isContext(v.Type()) {
		return false
	}
	cur, ok := c.root.FindByPos(v.Pos(), v.Pos())
	if !ok {
		return false
	}
	var decl *ast.FuncDecl
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl, _ = enc.Node().(*ast.FuncDecl)
		break
	}
	if decl == nil {
		return false
	}
	fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok || fn.Signature().Variadic() || assigned(c.pass.TypesInfo, decl, v) {
		return false // ctx = context.WithTimeout(ctx, d) on some path bounds it
	}
	idx := paramIndex(fn, v)
	if idx < 0 {
		return false
	}
	c.callsOf(fn) // index the calls; a witness call counts even if fn is also a value
	for _, call := range c.calls[fn.Origin()] {
		if idx < len(call.Args) && c.backgroundContext(call.Args[idx], depth+1) {
			return true
		}
	}
	return false
}

// bareHelper reports whether fn, a function of this package that takes no
// context, returns a request made with no deadline on every return.
func (c *checker) bareHelper(fn *types.Func, depth int) bool {
	if b, ok := c.bare[fn]; ok {
		return b
	}
	if c.bare == nil {
		c.bare = map[*types.Func]bool{}
	}
	c.bare[fn] = false // in progress
	if len(contextParams(fn)) > 0 {
		return false // the caller's context (see bareHelperWith)
	}
	b := c.bareHelperBody(fn, depth)
	c.bare[fn] = b
	return b
}

// bareHelperBody reports whether fn returns a request made with no
// deadline on every return (its context parameters, if any, assumed to
// have none: see bareHelperWith).
func (c *checker) bareHelperBody(fn *types.Func, depth int) bool {
	if c.bare == nil {
		c.bare = map[*types.Func]bool{}
	}
	if _, busy := c.bare[fn]; busy && len(contextParams(fn)) > 0 {
		return false // recursion
	}
	sig := fn.Signature()
	idx := -1
	for i := range sig.Results().Len() {
		if isRequestPtr(sig.Results().At(i).Type()) {
			idx = i
		}
	}
	decl := c.decl(fn)
	if idx < 0 || decl == nil || decl.Body == nil {
		return false
	}
	body, ok := c.root.FindNode(decl)
	if !ok {
		return false
	}
	info := c.pass.TypesInfo
	bare, seen := true, false
	for r := range body.Preorder((*ast.ReturnStmt)(nil)) {
		var enc ast.Node
		for e := range r.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			enc = e.Node()
			break
		}
		if enc != decl {
			continue // a closure's return
		}
		ret := r.Node().(*ast.ReturnStmt)
		if len(ret.Results) != sig.Results().Len() {
			bare = false // a bare return or a tuple call
			break
		}
		e := ast.Unparen(ret.Results[idx])
		if tv, ok := info.Types[e]; ok && tv.IsNil() {
			continue // the error path
		}
		switch e := e.(type) {
		case *ast.CallExpr:
			if !c.bareRequestCall(e, depth) {
				bare = false
			}
		case *ast.Ident:
			v, ok := info.Uses[e].(*types.Var)
			if !ok || !c.bareLocal(body, v, depth) {
				bare = false
			}
		default:
			bare = false
		}
		seen = true
	}
	return bare && seen
}

func isRequestPtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "net/http" && named.Obj().Name() == "Request"
}

// decl returns fn's declaration in this package, or nil.
func (c *checker) decl(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = map[*types.Func]*ast.FuncDecl{}
		for cur := range c.root.Preorder((*ast.FuncDecl)(nil)) {
			d := cur.Node().(*ast.FuncDecl)
			if f, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func); ok {
				c.decls[f] = d
			}
		}
	}
	return c.decls[fn]
}

// isResponsePtr reports whether t is *http.Response.
func isResponsePtr(t types.Type) bool {
	return httplib.IsNamedPtr(t, "net/http", "Response")
}
