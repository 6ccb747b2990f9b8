// Package inprocess answers, per value, whether an HTTP request or a dial
// reaches a peer in the same process: an httptest.Server, a listener the
// package opens itself, or an in-memory RoundTripper.
//
// Most findings of the connection checks on real code are test code
// talking to its own server (docs/results.md: 350 of 462). The claims hold
// there, but nothing is worth fixing, so the checks that judge requests and
// dials stay silent for such peers unless their option
// -CHECK.inprocess asks for them.
//
// The question is asked of one value, never of a file: a request to
// ts.URL is in process wherever it is written; a helper in a non-test file
// that requests a URL from its caller is not. Where the answer cannot be
// proved, it is "no": the check then judges the value as usual.
//
// In process are:
//
//   - addresses built from an httptest.Server's URL, or from the Addr() of
//     a listener (a value with Accept and Addr methods; a listener is always
//     this process's), anywhere in the expression, through locals and
//     package variables whose every definition is such an address;
//   - constant addresses on loopback whose port a listener of this package
//     opens (net.Listen, tls.Listen, http.ListenAndServe, an http.Server's
//     Addr, fasthttp's ListenAndServe, with a constant address);
//   - connections a listener dials to itself (fasthttputil's in-memory
//     listener's Dial()), and dial hooks that ignore their address and
//     return one of this process (DialHook);
//   - requests made by http.NewRequest* (or httptest.NewRequest*) with such
//     an address;
//   - clients from httptest.Server.Client(), and clients whose Transport
//     is in memory or routed to this process;
//   - transports that are in memory (a type of this package whose RoundTrip
//     makes no request and opens no connection; a func adapter around such
//     a function; http.NewFileTransport), or http.Transports whose Proxy or
//     dial hooks ignore the address they are given and return one of this
//     process (ln.Addr(), one end of net.Pipe);
//   - in _test.go files outside Example functions, every peer that is not
//     visibly external (a constant URL or host:port on a host that is not
//     loopback): tests reach their fixtures through parameters, fields,
//     TestMain and helper packages.
package inprocess

import (
	"go/ast"
	"go/token"
	"go/types"
	"net"
	"net/url"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/config"
	"github.com/connvet/connvet/passes/internal/httplib"
)

// Option is the name of the analyzer flag, the same in every check that
// exempts in-process peers, that turns their findings back on.
const Option = "inprocess"

// AddFlag declares the option on a check's flag set.
func AddFlag(a *analysis.Analyzer) {
	a.Flags.Bool(Option, false, "also report requests and dials whose peer is in this process (httptest servers, listeners this package opens, in-memory RoundTrippers) or, in tests, is not visibly external")
}

// AddServerFlag declares the option on a server check's flag set.
func AddServerFlag(a *analysis.Analyzer) {
	a.Flags.Bool(Option, false, "also report servers in test code (outside Example functions), whose clients are the test itself")
}

// Reported reports whether the running check was asked to report
// in-process peers too.
func Reported(pass *analysis.Pass) bool {
	f := pass.Analyzer.Flags.Lookup(Option)
	return f != nil && f.Value.String() == "true"
}

// maxDepth bounds how many definitions are followed from one value.
const maxDepth = 4

const (
	httpPath     = "net/http"
	httptestPath = "net/http/httptest"
)

// Peers answers the questions for one package. It is not safe for
// concurrent use; each pass makes its own.
type Peers struct {
	pass *analysis.Pass
	ix   *config.Index // may be nil: then transports are judged by syntax only

	defs  map[*types.Var][]def // assignments to variables of this package, built on first use
	ports map[string]bool      // ports of loopback listeners the package opens, built on first use
	decls map[*types.Func]*ast.FuncDecl

	memory map[*types.Func]bool // RoundTrip and helper bodies judged so far
	busy   map[*types.Var]bool  // variables being resolved (cycles)
}

// def is one definition of a variable: rhs (nil when unknown) and, for a
// tuple assignment from a call, the index of the result.
type def struct {
	rhs ast.Expr
	idx int
}

// New returns the answers for pass; ix, when not nil, lets transports and
// clients configured by later assignments be followed.
func New(pass *analysis.Pass, ix *config.Index) *Peers {
	return &Peers{pass: pass, ix: ix, memory: map[*types.Func]bool{}, busy: map[*types.Var]bool{}}
}

// Call reports whether a request-sending call reaches a peer in this
// process: http.Get/Head/Post/PostForm with such a URL; a client's
// Get/Head/Post/PostForm or Do (any Do or RoundTrip method with
// *http.Client's or http.RoundTripper's signature) with such a URL or
// request, or on such a client or transport.
func (p *Peers) Call(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(p.pass.TypesInfo, call).(*types.Func)
	if !ok || len(call.Args) == 0 {
		return false
	}
	var recv ast.Expr
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn.Signature().Recv() != nil {
		recv = sel.X
	}
	if recv != nil && p.inTestFile(call.Pos()) && !p.inExample(call.Pos()) && p.testProxy(recv) {
		return true // every request goes to the test's proxy first
	}
	switch fn.Name() {
	case "Get", "Head", "Post", "PostForm":
		if fn.Pkg() == nil || httplib.Unvendor(fn.Pkg().Path()) != httpPath {
			return false
		}
		return p.testPeer(call, call.Args[0], recv) || p.addr(call.Args[0], 0) || (recv != nil && p.Client(recv))
	case "Do":
		return p.testPeer(call, call.Args[0], recv) || p.Request(call.Args[0]) || (recv != nil && p.Client(recv))
	case "RoundTrip":
		return p.testPeer(call, call.Args[0], recv) || p.Request(call.Args[0]) || (recv != nil && p.Transport(recv))
	}
	return false
}

// Args reports whether a call hands its callee an in-process peer: an
// argument that is an httptest.Server, an in-process address, request or
// client. A helper that makes requests with what it is given reaches that
// peer.
func (p *Peers) Args(call *ast.CallExpr) bool {
	if p.testPeer(call, call.Args...) {
		return true
	}
	for _, a := range call.Args {
		if t := p.pass.TypesInfo.TypeOf(a); t != nil && (httplib.IsNamedPtr(t, httptestPath, "Server") || httplib.IsNamed(t, httptestPath, "Server")) {
			return true
		}
		if p.Addr(a) || p.Request(a) || p.Client(a) {
			return true
		}
	}
	return false
}

// Addr reports whether e, a URL or a network address (a string, a
// *url.URL, a net.Addr), is built from an address of this process.
func (p *Peers) Addr(e ast.Expr) bool { return p.testPeer(e, e) || p.addr(e, 0) }

func (p *Peers) addr(e ast.Expr, depth int) bool {
	if depth > maxDepth || e == nil {
		return false
	}
	info := p.pass.TypesInfo
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		if x, ok := n.(ast.Expr); ok {
			if s, ok := httplib.ConstString(info, x); ok {
				// An Example's peer is whatever its reader runs (a proxy
				// on localhost:8080), not a listener of the package or a
				// server of the tests.
				found = !p.inExample(x.Pos()) && (p.listened(s) || (p.inTestFile(x.Pos()) && loopbackURL(s)))
				return false
			}
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectorExpr:
			if n.Sel.Name == "URL" && isServer(info.TypeOf(n.X)) {
				found = true
				return false
			}
		case *ast.CallExpr:
			if p.listenerAddr(n) || p.selfDial(n) || httplib.IsFunc(typeutil.StaticCallee(info, n), "net", "", "Pipe") {
				found = true
				return false
			}
		case *ast.Ident:
			if v, ok := info.Uses[n].(*types.Var); ok && p.everyDef(v, depth, p.addr) {
				found = true
			}
			return false
		}
		return true
	})
	return found
}

// listenerAddr reports whether call is x.Addr() on a listener: a value
// that also Accepts. Every listener is this process's.
func (p *Peers) listenerAddr(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Addr" || len(call.Args) != 0 {
		return false
	}
	info := p.pass.TypesInfo
	t := info.TypeOf(call)
	return t != nil && httplib.IsNamed(t, "net", "Addr") && hasMethod(info.TypeOf(sel.X), "Accept")
}

// selfDial reports whether call is x.Dial() on a listener that dials
// itself: a value with Accept and Addr whose Dial takes no address
// (fasthttputil.InmemoryListener, and in-memory listeners like it). The
// connection can only reach that listener, which is this process's.
func (p *Peers) selfDial(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Dial" || len(call.Args) != 0 {
		return false
	}
	info := p.pass.TypesInfo
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return false
	}
	sig, ok := s.Type().(*types.Signature)
	if !ok || sig.Params().Len() != 0 || sig.Results().Len() == 0 || !httplib.IsNamed(sig.Results().At(0).Type(), "net", "Conn") {
		return false
	}
	recv := info.TypeOf(sel.X)
	return hasMethod(recv, "Accept") && hasMethod(recv, "Addr")
}

func hasMethod(t types.Type, name string) bool {
	if t == nil {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	_, ok := obj.(*types.Func)
	return ok
}

func isServer(t types.Type) bool {
	return t != nil && (httplib.IsNamedPtr(t, httptestPath, "Server") || httplib.IsNamed(t, httptestPath, "Server"))
}

// listened reports whether a constant URL or address names a loopback
// host on a port that a listener of this package opens.
func (p *Peers) listened(s string) bool {
	hostport := s
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return false
		}
		hostport = u.Host
	}
	host, port, err := net.SplitHostPort(hostport)
	if err != nil || !isLoopback(host) {
		return false
	}
	return p.listenPorts()[port]
}

// testPeer reports whether n, a request or dial whose peer is named by
// exprs, is test code talking to a server of its own test run: it is in a
// _test.go file, outside an Example function (examples are documentation
// that users copy), and no expr names a visibly external host. Tests reach
// their fixtures through parameters, fields, TestMain and helper packages
// the exemption cannot follow one by one; a test that talks to a public
// host says so with a constant.
func (p *Peers) testPeer(n ast.Node, exprs ...ast.Expr) bool {
	if n == nil || !p.inTestFile(n.Pos()) || p.inExample(n.Pos()) {
		return false
	}
	for _, e := range exprs {
		if e != nil && p.external(e, 0) {
			return false
		}
	}
	return true
}

// TestPeer reports whether a request or dial n, whose peer is named by
// exprs (URLs, addresses, the clients' address fields), is test code
// talking to a server of its own test run: in a _test.go file, outside an
// Example function, with no expr naming a visibly external host. It is the
// test-file rule of Call and Addr, for checks of other libraries.
func (p *Peers) TestPeer(n ast.Node, exprs ...ast.Expr) bool { return p.testPeer(n, exprs...) }

// DialHook reports whether e, a client's dial hook that takes the address
// to dial (fasthttp's DialFunc, func(addr string) (net.Conn, error)),
// ignores that address and returns a connection of this process: a
// function literal or function of this package whose every non-nil return
// is a listener's own Dial() (fasthttputil.InmemoryListener's), one end of
// net.Pipe, or a connection dialed to a listener's Addr.
func (p *Peers) DialHook(e ast.Expr) bool { return p.dialHook(e, 0) }

func (p *Peers) dialHook(e ast.Expr, depth int) bool {
	if e == nil || depth > maxDepth {
		return false
	}
	info := p.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		return p.routedHook(e, depth+1)
	case *ast.Ident:
		switch obj := info.Uses[e].(type) {
		case *types.Func:
			if obj.Pkg() != p.pass.Pkg {
				return false
			}
			decl := p.declOf(obj)
			if decl == nil || decl.Recv != nil {
				return false
			}
			return p.routedBody(obj.Signature(), decl.Body, depth+1)
		case *types.Var:
			return p.everyDef(obj, depth, p.dialHook)
		}
	case *ast.CallExpr:
		// A conversion to a named dial type: fasthttp.DialFunc(f).
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return p.dialHook(e.Args[0], depth+1)
		}
	}
	return false
}

// TestServer reports whether pos, in a server that answers connections,
// is test code whose clients are the test itself: in a _test.go file,
// outside an Example function. The server checks stay silent there unless
// their inprocess option asks for it.
func TestServer(pass *analysis.Pass, pos token.Pos) bool {
	p := &Peers{pass: pass}
	return p.inTestFile(pos) && !p.inExample(pos)
}

// testProxy reports whether e, a client, sends every request to a proxy
// that is not visibly external: each origin's Transport sets Proxy to a
// function of the test (http.ProxyURL of a local or computed URL, a
// literal) and not to http.ProxyFromEnvironment. The proxy, not the
// request's host, is the peer: in a test, a proxy the test started.
func (p *Peers) testProxy(e ast.Expr) bool {
	if p.ix == nil {
		return false
	}
	v := p.ix.Value(e)
	if v == nil || len(v.Origins) == 0 {
		return false
	}
	for _, o := range v.Origins {
		tr, ok := o.Fields["Transport"]
		if !ok || tr == nil {
			return false
		}
		tv := p.ix.Value(tr)
		if tv == nil || len(tv.Origins) == 0 {
			return false
		}
		for _, to := range tv.Origins {
			px, ok := to.Fields["Proxy"]
			if !ok || px == nil || p.external(px, 0) {
				return false
			}
			if sel, ok := ast.Unparen(px).(*ast.SelectorExpr); ok {
				if fn, ok := p.pass.TypesInfo.Uses[sel.Sel].(*types.Func); ok && httplib.IsFunc(fn, httpPath, "", "ProxyFromEnvironment") {
					return false // the environment's proxy: anyone's
				}
			}
		}
	}
	return true
}

// SilentTestServer reports whether a check should drop a finding on a
// server or pool at pos: it is in test code (TestServer) and the check's
// inprocess option does not ask for such findings.
func SilentTestServer(pass *analysis.Pass, pos token.Pos) bool {
	return !Reported(pass) && TestServer(pass, pos)
}

// inExample reports whether pos is inside an Example function.
func (p *Peers) inExample(pos token.Pos) bool {
	for _, f := range p.pass.Files {
		if pos < f.FileStart || pos >= f.FileEnd {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos < fd.End() {
				return fd.Recv == nil && strings.HasPrefix(fd.Name.Name, "Example")
			}
		}
	}
	return false
}

// external reports whether e, or a definition of a variable it uses
// (through locals and package variables of this package), holds a
// constant naming a host that is not loopback: "https://api.example.com/",
// "example.com:443".
func (p *Peers) external(e ast.Expr, depth int) bool {
	if e == nil || depth > maxDepth {
		return false
	}
	info := p.pass.TypesInfo
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		if x, ok := n.(ast.Expr); ok {
			if s, ok := httplib.ConstString(info, x); ok {
				found = externalHost(s)
				return false
			}
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident:
			v, ok := info.Uses[n].(*types.Var)
			if !ok || v.Pkg() != p.pass.Pkg || p.busy[v] {
				return false
			}
			p.busy[v] = true
			for _, d := range p.defsOf(v) {
				if d.rhs != nil && p.external(d.rhs, depth+1) {
					found = true
					break
				}
			}
			delete(p.busy, v)
			return false
		}
		return true
	})
	return found
}

// externalHost reports whether a constant is a URL or a host:port whose
// host is a name or address that is not loopback and not a format verb.
func externalHost(s string) bool {
	hostport := s
	if i := strings.Index(s, "://"); i >= 0 {
		u, err := url.Parse(s)
		if err != nil {
			return false
		}
		hostport = u.Host
	} else if strings.ContainsAny(s, "/ ") {
		return false
	}
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	} else if !strings.Contains(s, "://") {
		return false // a bare word: a method, a network, a name
	}
	host = strings.Trim(host, "[]")
	if host == "" || strings.Contains(host, "%") || isLoopback(host) {
		return false
	}
	if ip := net.ParseIP(host); ip != nil {
		return !ip.IsUnspecified()
	}
	if !strings.Contains(host, ".") {
		return false // a single label: a test's own name, never a public host
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	tld := host[strings.LastIndex(host, ".")+1:]
	if placeholderTLD[tld] {
		return false
	}
	for _, doc := range []string{"example.com", "example.net", "example.org"} {
		if host == doc || strings.HasSuffix(host, "."+doc) {
			return false // reserved for documentation (RFC 2606): a placeholder behind a test's proxy or hook
		}
	}
	return true
}

// placeholderTLD lists top-level names that no public host has: the
// special-use names of RFC 2606 and RFC 6761 (test, example, invalid,
// localhost), names kept for private use (internal, local, home.arpa's
// arpa), and "tld", the placeholder tests write (dummy.tld, fake.tld), not
// a delegated top-level domain.
var placeholderTLD = map[string]bool{
	"test": true, "example": true, "invalid": true, "localhost": true,
	"internal": true, "local": true, "arpa": true, "tld": true,
}

// inTestFile reports whether pos is in a _test.go file.
func (p *Peers) inTestFile(pos token.Pos) bool {
	return strings.HasSuffix(p.pass.Fset.Position(pos).Filename, "_test.go")
}

// loopbackURL reports whether a constant URL or address (or a format for
// one, "http://localhost:%d/v1") names a loopback host. In a test file such
// a peer is a server of the test run: started by the test, its TestMain or
// a helper package, on this machine.
func loopbackURL(s string) bool {
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndex(s, "@"); i >= 0 {
		s = s[i+1:]
	}
	host := s
	if h, _, err := net.SplitHostPort(s); err == nil {
		host = h
	} else if i := strings.LastIndex(s, ":"); i > 0 && !strings.Contains(s[:i], ":") {
		host = s[:i] // a port that is a format verb
	}
	return isLoopback(strings.Trim(host, "[]"))
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// listenPorts collects the ports of listeners the package opens on a
// constant address that loopback reaches (a loopback or unspecified host).
func (p *Peers) listenPorts() map[string]bool {
	if p.ports != nil {
		return p.ports
	}
	p.ports = map[string]bool{}
	info := p.pass.TypesInfo
	add := func(e ast.Expr) {
		s, ok := httplib.ConstString(info, e)
		if !ok {
			return
		}
		host, port, err := net.SplitHostPort(s)
		if err != nil || port == "" || port == "0" {
			return
		}
		if ip := net.ParseIP(host); host == "" || isLoopback(host) || (ip != nil && ip.IsUnspecified()) {
			p.ports[port] = true
		}
	}
	for _, f := range p.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				switch fn := typeutil.StaticCallee(info, n); {
				case httplib.IsFunc(fn, "net", "", "Listen"), httplib.IsFunc(fn, "crypto/tls", "", "Listen"):
					if len(n.Args) >= 2 {
						add(n.Args[1])
					}
				case httplib.IsFunc(fn, httpPath, "", "ListenAndServe"), httplib.IsFunc(fn, httpPath, "", "ListenAndServeTLS"),
					httplib.IsFunc(fn, httplib.Fasthttp, "", "ListenAndServe"), httplib.IsFunc(fn, httplib.Fasthttp, "", "ListenAndServeTLS"),
					httplib.IsFunc(fn, httplib.Fasthttp, "Server", "ListenAndServe"), httplib.IsFunc(fn, httplib.Fasthttp, "Server", "ListenAndServeTLS"):
					if len(n.Args) >= 1 {
						add(n.Args[0])
					}
				}
			case *ast.CompositeLit:
				if t := info.TypeOf(n); t != nil && httplib.IsNamed(t, httpPath, "Server") {
					for _, elt := range n.Elts {
						if kv, ok := elt.(*ast.KeyValueExpr); ok {
							if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Addr" {
								add(kv.Value)
							}
						}
					}
				}
			}
			return true
		})
	}
	return p.ports
}

// Request reports whether e, an *http.Request, is made with an in-process
// URL: by http.NewRequest, http.NewRequestWithContext, httptest.NewRequest
// or an &http.Request{URL: ...} literal, directly or through locals, or
// derived from such a request by WithContext or Clone.
func (p *Peers) Request(e ast.Expr) bool { return p.request(e, 0) }

func (p *Peers) request(e ast.Expr, depth int) bool {
	if depth > maxDepth {
		return false
	}
	info := p.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		return ok && p.everyDef(v, depth, p.request)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return p.request(e.X, depth+1)
		}
	case *ast.CompositeLit:
		if t := info.TypeOf(e); t != nil && httplib.IsNamed(t, httpPath, "Request") {
			for _, elt := range e.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "URL" {
						return p.addr(kv.Value, depth+1)
					}
				}
			}
		}
	case *ast.CallExpr:
		fn, ok := typeutil.Callee(info, e).(*types.Func)
		if !ok {
			return false
		}
		switch {
		case httplib.IsFunc(fn, httpPath, "", "NewRequest"), httplib.IsFunc(fn, httptestPath, "", "NewRequest"):
			return len(e.Args) == 3 && p.addr(e.Args[1], depth+1)
		case httplib.IsFunc(fn, httpPath, "", "NewRequestWithContext"), httplib.IsFunc(fn, httptestPath, "", "NewRequestWithContext"):
			return len(e.Args) == 4 && p.addr(e.Args[2], depth+1)
		case derived(fn):
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
				return p.request(sel.X, depth+1)
			}
		}
	}
	return false
}

// derived reports whether fn is a method of *http.Request that returns a
// copy of its receiver (WithContext, Clone), which keeps its URL.
func derived(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	res := fn.Signature().Results()
	return recv != nil && httplib.IsNamedPtr(recv.Type(), httpPath, "Request") &&
		res.Len() == 1 && httplib.IsNamedPtr(res.At(0).Type(), httpPath, "Request")
}

// Client reports whether e, an *http.Client (or a value with its Do), only
// reaches this process: httptest.Server.Client(), or a client whose
// Transport is in memory or routed to this process.
func (p *Peers) Client(e ast.Expr) bool { return p.client(e, 0) }

func (p *Peers) client(e ast.Expr, depth int) bool {
	if depth > maxDepth {
		return false
	}
	info := p.pass.TypesInfo
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && serverClient(info, call) {
		return true
	}
	if t := info.TypeOf(e); p.ix != nil && t != nil && httplib.IsNamedPtr(t, httpPath, "Client") {
		if v := p.ix.Value(e); v != nil && len(v.Origins) > 0 {
			all := true
			for _, o := range v.Origins {
				if o.Call != nil && serverClient(info, o.Call) {
					continue
				}
				tr, set := o.Fields["Transport"]
				if o.Escaped || (o.Kind != config.Literal && o.Kind != config.Zero) || !set || tr == nil || !p.transport(tr, depth+1) {
					all = false
					break
				}
			}
			if all {
				return true
			}
		}
	}
	switch e := e.(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		return ok && p.everyDef(v, depth, p.client)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return p.client(e.X, depth+1)
		}
	case *ast.CallExpr:
		return p.givenMemoryDoer(e, depth+1)
	case *ast.CompositeLit:
		if t := info.TypeOf(e); t != nil && httplib.IsNamed(t, httpPath, "Client") {
			for _, elt := range e.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Transport" {
						return p.transport(kv.Value, depth+1)
					}
				}
			}
		}
	}
	return false
}

// givenMemoryDoer reports whether call, a constructor of another client
// type (a wrapper with its own Do), is handed a doer that serves in
// memory: an argument, or an argument of a call among its arguments
// (functional options: NewClient(WithHTTPClient(mock))), whose type is
// declared in this package and whose Do or RoundTrip makes no request
// and holds no connection (the argument's static type says which: a
// variable of such a type holds nothing else). A wrapper given a mock to
// send through sends through the mock.
func (p *Peers) givenMemoryDoer(call *ast.CallExpr, depth int) bool {
	if depth > maxDepth {
		return false
	}
	info := p.pass.TypesInfo
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return false // a conversion
	}
	if fn := typeutil.StaticCallee(info, call); fn != nil && fn.Pkg() != nil && httplib.Unvendor(fn.Pkg().Path()) == httpPath {
		return false
	}
	for _, a := range call.Args {
		if fn := p.doerOf(info.TypeOf(a)); fn != nil && p.inMemory(fn, depth) {
			return true
		}
		if inner, ok := ast.Unparen(a).(*ast.CallExpr); ok && p.givenMemoryDoer(inner, depth+1) {
			return true
		}
	}
	return false
}

// doerOf returns the Do method, with *http.Client's signature, or else
// the RoundTrip method of a named type declared in this package.
func (p *Peers) doerOf(t types.Type) *types.Func {
	if t == nil {
		return nil
	}
	if ptr, ok := types.Unalias(t).(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != p.pass.Pkg {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, p.pass.Pkg, "Do")
	if fn, ok := obj.(*types.Func); ok {
		sig := fn.Signature()
		if sig.Params().Len() == 1 && httplib.IsNamedPtr(sig.Params().At(0).Type(), httpPath, "Request") && returnsResponse(sig.Results()) {
			return fn
		}
	}
	return p.roundTripOf(named)
}

// serverClient reports whether call is srv.Client() on an httptest.Server.
func serverClient(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	return ok && httplib.IsFunc(fn, httptestPath, "Server", "Client")
}

// Transport reports whether e, an http.RoundTripper, serves requests in
// memory or sends them only to this process.
func (p *Peers) Transport(e ast.Expr) bool { return p.transport(e, 0) }

func (p *Peers) transport(e ast.Expr, depth int) bool {
	if depth > maxDepth {
		return false
	}
	info := p.pass.TypesInfo
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	t := info.TypeOf(e)
	if t == nil {
		return false
	}
	if httplib.IsNamedPtr(t, httpPath, "Transport") || httplib.IsNamed(t, httpPath, "Transport") {
		return p.routedTransport(e, depth)
	}
	if call, ok := e.(*ast.CallExpr); ok {
		if fn := typeutil.StaticCallee(info, call); httplib.IsFunc(fn, httpPath, "", "NewFileTransport") || httplib.IsFunc(fn, httpPath, "", "NewFileTransportFS") {
			return true // serves files: no network
		}
		if tv, ok := info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
			return p.adapter(tv.Type, call.Args[0], depth)
		}
	}
	if fn := p.roundTripOf(t); fn != nil {
		return p.inMemory(fn, depth)
	}
	if id, ok := e.(*ast.Ident); ok {
		v, ok := info.Uses[id].(*types.Var)
		return ok && p.everyDef(v, depth, p.transport)
	}
	return false
}

// adapter reports whether T(f) is a func adapter (a func type with a
// RoundTrip method, like http.HandlerFunc for handlers) around a function
// that serves requests in memory.
func (p *Peers) adapter(t types.Type, f ast.Expr, depth int) bool {
	if _, ok := t.Underlying().(*types.Signature); !ok || !hasMethod(t, "RoundTrip") {
		return false
	}
	info := p.pass.TypesInfo
	switch f := ast.Unparen(f).(type) {
	case *ast.FuncLit:
		return p.noNetwork(f.Body, depth+1)
	case *ast.Ident:
		if fn, ok := info.Uses[f].(*types.Func); ok {
			return p.inMemory(fn, depth+1)
		}
	}
	return false
}

// roundTripOf returns the RoundTrip method of a named type (or pointer to
// one) declared in this package, other than a func type (see adapter).
func (p *Peers) roundTripOf(t types.Type) *types.Func {
	if ptr, ok := types.Unalias(t).(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != p.pass.Pkg {
		return nil
	}
	if _, ok := named.Underlying().(*types.Signature); ok {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, p.pass.Pkg, "RoundTrip")
	fn, _ := obj.(*types.Func)
	return fn
}

// inMemory reports whether fn, a function of this package, serves in
// memory: its body makes no request and touches no connection.
func (p *Peers) inMemory(fn *types.Func, depth int) bool {
	if ok, seen := p.memory[fn]; seen {
		return ok
	}
	decl := p.declOf(fn)
	if decl == nil || decl.Body == nil {
		return false
	}
	p.memory[fn] = false // a recursive call proves nothing
	ok := p.noNetwork(decl.Body, depth+1)
	p.memory[fn] = ok
	return ok
}

func (p *Peers) declOf(fn *types.Func) *ast.FuncDecl {
	if p.decls == nil {
		p.decls = httplib.FuncDecls(p.pass.TypesInfo, p.pass.Files)
	}
	return p.decls[fn.Origin()]
}

// noNetwork reports whether body neither obtains a response from anything
// but an in-memory source (an httptest.ResponseRecorder, http.ReadResponse
// from a buffer, a function of this package that is itself in memory) nor
// holds a network connection.
func (p *Peers) noNetwork(body ast.Node, depth int) bool {
	if depth > maxDepth {
		return false
	}
	info := p.pass.TypesInfo
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		e, isExpr := n.(ast.Expr)
		if !isExpr {
			return true
		}
		if isConn(info.TypeOf(e)) {
			ok = false // a connection: a network, or a pipe we do not follow
			return false
		}
		call, isCall := e.(*ast.CallExpr)
		if !isCall || !returnsResponse(info.TypeOf(call)) {
			return true
		}
		if tv, found := info.Types[call.Fun]; found && tv.IsType() {
			return true // a conversion
		}
		fn, _ := typeutil.Callee(info, call).(*types.Func)
		switch {
		case fn == nil:
			ok = false // a function value: unknown
		case httplib.IsFunc(fn, httptestPath, "ResponseRecorder", "Result"), httplib.IsFunc(fn, httpPath, "", "ReadResponse"):
		case fn.Pkg() == p.pass.Pkg && (fn.Signature().Recv() == nil || !types.IsInterface(fn.Signature().Recv().Type())):
			ok = p.inMemory(fn, depth)
		default:
			ok = false // a client, transport or other code that may use the network
		}
		return ok
	})
	return ok
}

func returnsResponse(t types.Type) bool {
	if t == nil {
		return false
	}
	if tuple, ok := t.(*types.Tuple); ok {
		for i := range tuple.Len() {
			if httplib.IsNamedPtr(tuple.At(i).Type(), httpPath, "Response") {
				return true
			}
		}
		return false
	}
	return httplib.IsNamedPtr(t, httpPath, "Response")
}

// isConn reports whether t is a network connection type.
func isConn(t types.Type) bool {
	if t == nil {
		return false
	}
	if httplib.IsNamed(t, "net", "Conn") {
		return true
	}
	for _, name := range []string{"TCPConn", "UDPConn", "UnixConn", "IPConn"} {
		if httplib.IsNamedPtr(t, "net", name) {
			return true
		}
	}
	return httplib.IsNamedPtr(t, "crypto/tls", "Conn")
}

// routedTransport reports whether every origin of an http.Transport
// sends its requests to this process: its Proxy, or the dial hooks that
// the Transport uses for plain and TLS connections, ignore the address
// they are given and return one of this process.
func (p *Peers) routedTransport(e ast.Expr, depth int) bool {
	var origins []*config.Origin
	if p.ix != nil {
		if v := p.ix.Value(e); v != nil {
			origins = v.Origins
		}
	}
	if len(origins) == 0 {
		lit, ok := e.(*ast.CompositeLit)
		if !ok {
			if id, ok := e.(*ast.Ident); ok {
				v, ok := p.pass.TypesInfo.Uses[id].(*types.Var)
				return ok && p.everyDef(v, depth, p.transport)
			}
			return false
		}
		o := &config.Origin{Kind: config.Literal, Fields: map[string]ast.Expr{}}
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok {
					o.Fields[id.Name] = kv.Value
				}
			}
		}
		origins = []*config.Origin{o}
	}
	for _, o := range origins {
		if o.Escaped || (o.Kind != config.Literal && o.Kind != config.Zero) || !p.routedOrigin(o, depth) {
			return false
		}
	}
	return true
}

// HooksRouted reports whether e is an http.Transport of this package each
// origin of which sets a Proxy or dial hook (Dial, DialContext, DialTLS,
// DialTLSContext), every one of which ignores its address and returns one
// of this process. Unlike Transport it does not ask that both plain and
// TLS connections be routed: it is for a test's client, whose requests go
// where the test's hooks send them.
func (p *Peers) HooksRouted(e ast.Expr) bool {
	if p.ix == nil || e == nil {
		return false
	}
	t := p.pass.TypesInfo.TypeOf(e)
	if !httplib.IsNamedPtr(t, httpPath, "Transport") && !httplib.IsNamed(t, httpPath, "Transport") {
		return false
	}
	v := p.ix.Value(e)
	if v == nil || len(v.Origins) == 0 {
		return false
	}
	for _, o := range v.Origins {
		if o.Escaped || (o.Kind != config.Literal && o.Kind != config.Zero) {
			return false
		}
		set := 0
		for _, name := range []string{"Proxy", "DialContext", "Dial", "DialTLSContext", "DialTLS"} {
			h, ok := o.Fields[name]
			if !ok {
				continue
			}
			if h == nil || !p.routedHook(h, 1) {
				return false
			}
			set++
		}
		if set == 0 {
			return false
		}
	}
	return true
}

func (p *Peers) routedOrigin(o *config.Origin, depth int) bool {
	hook := func(names ...string) (ast.Expr, bool) {
		for _, n := range names {
			if e, ok := o.Fields[n]; ok {
				return e, e != nil
			}
		}
		return nil, false
	}
	routed := func(names ...string) (set, in bool) {
		e, ok := hook(names...)
		if !ok {
			return false, false
		}
		return true, p.routedHook(e, depth+1)
	}
	if set, in := routed("Proxy"); set && in {
		return true
	}
	setPlain, plain := routed("DialContext", "Dial")
	if !setPlain || !plain {
		return false
	}
	if setTLS, tls := routed("DialTLSContext", "DialTLS"); setTLS && !tls {
		return false
	}
	return true
}

// routedHook reports whether a Proxy or dial hook ignores its request or
// address (its last parameter) and returns, wherever it returns a value,
// an address or connection of this process.
func (p *Peers) routedHook(e ast.Expr, depth int) bool {
	lit, ok := ast.Unparen(e).(*ast.FuncLit)
	if !ok {
		return false
	}
	sig, ok := p.pass.TypesInfo.TypeOf(lit).(*types.Signature)
	if !ok {
		return false
	}
	return p.routedBody(sig, lit.Body, depth)
}

// routedBody is routedHook for the body of a function literal or
// declaration with signature sig.
func (p *Peers) routedBody(sig *types.Signature, body *ast.BlockStmt, depth int) bool {
	if sig.Params().Len() == 0 || body == nil {
		return false
	}
	info := p.pass.TypesInfo
	last := sig.Params().At(sig.Params().Len() - 1)
	used, returns := false, 0
	routed := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if info.Uses[n] == last {
				used = true
			}
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				routed = false
				return false
			}
			if tv, ok := info.Types[n.Results[0]]; ok && tv.IsNil() {
				return false // an error path
			}
			returns++
			if !p.addr(n.Results[0], depth+1) {
				routed = false
			}
			return false
		}
		return true
	})
	return routed && !used && returns > 0
}

// everyDef reports whether v is a variable of this package whose every
// definition satisfies pred. Parameters, results, fields and variables of
// other packages have definitions this package cannot see.
func (p *Peers) everyDef(v *types.Var, depth int, pred func(ast.Expr, int) bool) bool {
	if v.Pkg() != p.pass.Pkg || (v.Kind() != types.LocalVar && v.Kind() != types.PackageVar) {
		return false
	}
	if p.busy[v] {
		// req = req.WithContext(ctx): a definition from the variable
		// itself adds no other peer; the others decide.
		return true
	}
	defs := p.defsOf(v)
	if len(defs) == 0 {
		return false
	}
	p.busy[v] = true
	defer delete(p.busy, v)
	for _, d := range defs {
		if d.rhs == nil {
			return false
		}
		if d.idx > 0 {
			// The second result of a call: only net.Pipe's ends are known.
			call, ok := ast.Unparen(d.rhs).(*ast.CallExpr)
			if !ok || !httplib.IsFunc(typeutil.StaticCallee(p.pass.TypesInfo, call), "net", "", "Pipe") {
				return false
			}
			continue
		}
		if !pred(d.rhs, depth+1) {
			return false
		}
	}
	return true
}

// defsOf returns the definitions of v in the package's files.
func (p *Peers) defsOf(v *types.Var) []def {
	if p.defs == nil {
		p.defs = map[*types.Var][]def{}
		info := p.pass.TypesInfo
		record := func(id *ast.Ident, d def) {
			obj := info.Defs[id]
			if obj == nil {
				obj = info.Uses[id]
			}
			if w, ok := obj.(*types.Var); ok {
				p.defs[w] = append(p.defs[w], d)
			}
		}
		assign := func(lhs []*ast.Ident, rhs []ast.Expr) {
			for i, id := range lhs {
				switch {
				case id == nil:
				case len(rhs) == len(lhs):
					record(id, def{rhs: rhs[i]})
				case len(rhs) == 1:
					record(id, def{rhs: rhs[0], idx: i})
				default:
					record(id, def{})
				}
			}
		}
		for _, f := range p.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					lhs := make([]*ast.Ident, len(n.Lhs))
					for i, l := range n.Lhs {
						lhs[i], _ = ast.Unparen(l).(*ast.Ident)
					}
					if n.Tok == token.ASSIGN || n.Tok == token.DEFINE {
						assign(lhs, n.Rhs)
					}
					// x += s keeps x's host: the base definition decides.
				case *ast.ValueSpec:
					if len(n.Values) == 0 {
						for _, id := range n.Names {
							if !unusableZero(info.TypeOf(id)) {
								record(id, def{})
							}
						}
						break
					}
					assign(n.Names, n.Values)
				case *ast.RangeStmt:
					for _, x := range []ast.Expr{n.Key, n.Value} {
						if id, ok := x.(*ast.Ident); ok {
							record(id, def{})
						}
					}
				}
				return true
			})
		}
	}
	return p.defs[v]
}

// unusableZero reports whether the zero value of t can reach no peer: an
// empty address, a nil client, request or transport. A declaration
// without a value then defines nothing; the assignments decide.
func unusableZero(t types.Type) bool {
	if t == nil {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Pointer, *types.Interface, *types.Signature:
		return true
	}
	return false
}
