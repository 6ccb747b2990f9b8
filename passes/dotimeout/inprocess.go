package dotimeout

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/connvet/connvet/passes/internal/config"
)

// urlArg is the index of the URL argument of the calls that take one.
var urlArg = map[string]int{"Get": 1, "Post": 1, "GetTimeout": 1, "GetDeadline": 1}

// inProcess reports whether the request made by the call at cur reaches
// a peer in this process, and the inprocess option does not ask for such
// requests. v is the client's value, nil for fasthttp's package-level
// functions (the default client).
//
// In process are, per request:
//   - in a _test.go file outside Example functions, every request whose
//     URL, client Addr and request settings name no visibly external host
//     (inprocess.Peers.TestPeer): tests reach their own servers through
//     helpers, fields and TestMain;
//   - requests of a client whose every origin, built in this package,
//     dials an in-memory listener (Dial returns ln.Dial()) or, for
//     HostClient and PipelineClient, has an Addr of this process (a
//     loopback port a listener of the package opens, a listener's Addr());
//   - requests of a Client without a Dial hook, or of the default client,
//     to a URL of this process.
func (c *checker) inProcess(cur inspector.Cursor, fn *types.Func, v *config.Value) bool {
	if c.reportInProcess {
		return false
	}
	call := cur.Node().(*ast.CallExpr)
	var url ast.Expr
	if i, ok := urlArg[fn.Name()]; ok && i < len(call.Args) {
		url = call.Args[i]
	}
	named := []ast.Expr{url}
	if v != nil {
		named = append(named, clientAddrs(v)...)
	}
	if url == nil && len(call.Args) > 0 {
		named = append(named, c.requestArgs(cur, call.Args[0])...)
	}
	if c.peers.TestPeer(call, named...) {
		return true
	}
	if v == nil {
		return url != nil && c.peers.Addr(url)
	}
	return c.clientInProcess(v, url)
}

// clientInProcess reports whether every origin of client v is built in
// this package, is not handed to code that could configure it, and
// sends its requests to this process: its Dial hook ignores the address
// and returns a connection of this process; else a HostClient's or
// PipelineClient's Addr is an address of this process; else a Client's
// request URL (url, when not nil) is.
func (c *checker) clientInProcess(v *config.Value, url ast.Expr) bool {
	if v == nil || len(v.Origins) == 0 {
		return false
	}
	for _, o := range v.Origins {
		if o.Escaped || (o.Kind != config.Literal && o.Kind != config.Zero) {
			return false // configured where the check cannot see
		}
		if dial, ok := o.Fields["Dial"]; ok {
			if !c.peers.DialHook(dial) {
				return false
			}
			continue
		}
		switch v.Type.Name {
		case "HostClient", "PipelineClient":
			addr, ok := o.Fields["Addr"]
			if !ok || !c.peers.Addr(addr) {
				return false
			}
		default:
			if url == nil || !c.peers.Addr(url) {
				return false
			}
		}
	}
	return true
}

// clientAddrs returns the Addr fields the client's origins set: the host
// a HostClient or PipelineClient connects to.
func clientAddrs(v *config.Value) []ast.Expr {
	var addrs []ast.Expr
	for _, o := range v.Origins {
		if a := o.Fields["Addr"]; a != nil {
			addrs = append(addrs, a)
		}
	}
	return addrs
}

// requestArgs returns the arguments of the method calls made on req, a
// local request variable, in the function around cur (SetRequestURI,
// SetHost, URI().SetHost...): where a test may name its peer.
func (c *checker) requestArgs(cur inspector.Cursor, req ast.Expr) []ast.Expr {
	if u, ok := ast.Unparen(req).(*ast.UnaryExpr); ok {
		req = u.X
	}
	id, ok := ast.Unparen(req).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	var body ast.Node
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body = enc.Node()
		break
	}
	if body == nil {
		return nil
	}
	var args []ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if c.rootedAt(call.Fun, v) {
			args = append(args, call.Args...)
		}
		return true
	})
	return args
}

// rootedAt reports whether fun is a method selected on v or on a chain of
// calls and fields starting at v (req.URI().SetHost).
func (c *checker) rootedAt(fun ast.Expr, v *types.Var) bool {
	for depth := 0; depth < 4; depth++ {
		sel, ok := ast.Unparen(fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		switch x := ast.Unparen(sel.X).(type) {
		case *ast.Ident:
			return c.pass.TypesInfo.Uses[x] == v
		case *ast.CallExpr:
			fun = x.Fun
		case *ast.SelectorExpr:
			fun = x
		default:
			return false
		}
	}
	return false
}
