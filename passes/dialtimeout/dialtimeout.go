package dialtimeout

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
	"github.com/connvet/connvet/passes/internal/fix"
	"github.com/connvet/connvet/passes/internal/guard"
	"github.com/connvet/connvet/passes/internal/httplib"
	"github.com/connvet/connvet/passes/internal/inprocess"
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
	a := &analysis.Analyzer{
		Name:       "dialtimeout",
		Doc:        checkdoc.MustExtract(doc, "dialtimeout"),
		URL:        "https://github.com/connvet/connvet/blob/main/docs/checks/dialtimeout.md",
		Requires:   []*analysis.Analyzer{inspect.Analyzer, config.Analyzer},
		Run:        guard.Run(report.Run(run)),
		ResultType: report.UsedType,
	}
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
	c := &checker{pass: pass, ix: pass.ResultOf[config.Analyzer].(*config.Index), reportInProcess: inprocess.Reported(pass)}
	c.peers = inprocess.New(pass, c.ix)
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		c.check(cur)
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	ix   *config.Index

	peers           *inprocess.Peers
	reportInProcess bool // the inprocess option
}

// inProcess reports whether a request-sending call reaches this process
// and the option does not ask for such calls.
func (c *checker) inProcess(call *ast.CallExpr) bool {
	return !c.reportInProcess && c.peers.Call(call)
}

func (c *checker) check(cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return
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
		c.checkClient(call, fn)
	case httplib.IsFunc(fn, "net/http", "Client", "Do") && len(call.Args) == 1:
		if c.requestWithoutContext(cur, call.Args[0]) && !c.inProcess(call) {
			c.checkClient(call, fn)
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
		if !ok || len(lit.Elts) == 0 {
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
	if !c.reportInProcess && c.peers.Addr(addr) {
		return true // a listener of this process
	}
	if c.unixNetworks(network) || c.datagram(network, addr) {
		return true // no handshake to wait for
	}
	host, _, err := net.SplitHostPort(c.constString(addr))
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
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
	if !ok || c.local(network, addr) {
		return
	}
	v := c.ix.Value(sel.X)
	info := c.pass.TypesInfo
	if !v.Known() || v.SetPositive(info, "Timeout") || v.Set("Deadline") {
		return
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("dialer %s has neither Timeout nor Deadline: dialing an unreachable peer blocks until the operating system gives up (about two minutes on Linux)", types.ExprString(sel.X)),
	}
	if edits, ok := c.addTimeout(v); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Add Timeout to the dialer", TextEdits: edits}}
	}
	report.Report(c.pass, d)
}

func (c *checker) checkClient(call *ast.CallExpr, fn *types.Func) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	if c.isDefaultClient(sel.X) {
		report.Reportf(c.pass, call, "http.DefaultClient has no Timeout and the request no context: a server that accepts the connection and never answers blocks %s forever", fn.Name())
		return
	}
	v := c.ix.Value(sel.X)
	info := c.pass.TypesInfo
	if !v.Known() || v.SetPositive(info, "Timeout") || c.transportBounded(v) {
		return
	}
	consequence := fmt.Sprintf("a server that accepts the connection and never answers blocks %s forever", fn.Name())
	if c.headerBounded(v) {
		consequence = fmt.Sprintf("its Transport bounds the response header but not the dial, so an unreachable server blocks %s for minutes", fn.Name())
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("client %s has no Timeout and the request no context: %s", types.ExprString(sel.X), consequence),
	}
	if edits, ok := c.addTimeout(v); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Add Timeout to the client", TextEdits: edits}}
	}
	report.Report(c.pass, d)
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
	return ok && v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Name() == "DefaultClient" && v.Parent() == v.Pkg().Scope()
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

// requestWithoutContext reports whether req is a local made by
// http.NewRequest in this function and never given a context.
func (c *checker) requestWithoutContext(cur inspector.Cursor, req ast.Expr) bool {
	info := c.pass.TypesInfo
	id, ok := ast.Unparen(req).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	var body inspector.Cursor
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body = enc
		break
	}
	if !body.Valid() || v.Pos() < body.Node().Pos() || v.Pos() >= body.Node().End() {
		return false // a parameter's request may carry the caller's context
	}
	fromNewRequest := false
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
			if !ok {
				return false // e.g. req = req.WithContext(ctx)
			}
			fn := typeutil.StaticCallee(info, call)
			if fn == nil || !httplib.IsFunc(fn, "net/http", "", "NewRequest") {
				return false
			}
			fromNewRequest = true
		case *ast.SelectorExpr:
			// Field reads and writes, and method calls: WithContext and
			// Clone return a new request, which is not this variable.
		case *ast.CallExpr:
			fn := typeutil.StaticCallee(info, p)
			if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "net/http" {
				return false // handed to code that may use it differently
			}
		default:
			return false
		}
	}
	return fromNewRequest
}
