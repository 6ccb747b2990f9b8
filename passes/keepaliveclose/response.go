package keepaliveclose

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/connvet/connvet/passes/internal/wire"
)

// netHTTPResponseKeepsAlive reports whether the local http.Response resp
// is written as a framed HTTP/1.1 response without Connection: close.
// Its fields come from the literal, or from the literal a function of the
// package returns (see helperKeepsAlive); after it, only header edits with
// a constant name other than Connection are followed.
func (c *checker) netHTTPResponseKeepsAlive(resp *ast.Ident) bool {
	v, _ := c.pass.TypesInfo.Uses[resp].(*types.Var)
	if v == nil {
		return false
	}
	rhs, call, index, ok := c.u.Definition(v)
	if ok && rhs == nil && index == 0 && c.sendsRequest(call) {
		return c.relayKeepsAlive(v) // resp, err := transport.RoundTrip(req); resp.Write(conn)
	}
	if !ok || rhs == nil {
		return false
	}
	if !c.onlyHeaderEdits(v) {
		return false // its fields are changed after the literal, or it escapes
	}
	e := ast.Unparen(rhs)
	if call, ok := e.(*ast.CallExpr); ok {
		return c.helperKeepsAlive(call) // res := badResponse(); res.Write(conn)
	}
	if un, ok := e.(*ast.UnaryExpr); ok && un.Op == token.AND {
		e = ast.Unparen(un.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return false
	}
	return c.literalKeepsAlive(lit, respEnv{c: c})
}

// responseKeepsAlive is netHTTPResponseKeepsAlive for the receiver of
// Response.Write: a local, or the call of a function of the package that
// builds the response (responseWith(req, 407).Write(conn)).
func (c *checker) responseKeepsAlive(recv ast.Expr) bool {
	switch x := ast.Unparen(recv).(type) {
	case *ast.Ident:
		return c.netHTTPResponseKeepsAlive(x)
	case *ast.CallExpr:
		return c.helperKeepsAlive(x)
	}
	return false
}

// respEnv evaluates the field values of an http.Response literal: in the
// function being checked, or in a helper of the package called from it,
// whose parameters stand for the call's arguments.
type respEnv struct {
	c      *checker
	args   map[*types.Var]ast.Expr // helper parameter → argument at the call
	vparam *types.Var              // the helper's variadic parameter
	vargs  []ast.Expr              // its arguments (spread: unknown)
	spread bool
	body   *ast.BlockStmt   // the helper's body; nil in the function itself
	cur    inspector.Cursor // the helper's body in the package's inspector
}

// parent returns the node enclosing n in the helper's body, or nil.
func (env respEnv) parent(n ast.Node) ast.Node {
	c, ok := env.cur.FindNode(n)
	if !ok || c == env.cur {
		return nil
	}
	return c.Parent().Node()
}

// resolve replaces a helper's parameter by the call's argument.
func (env respEnv) resolve(e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok && env.args != nil {
		if v, ok := env.c.pass.TypesInfo.Uses[id].(*types.Var); ok {
			if a, ok := env.args[v]; ok {
				return ast.Unparen(a)
			}
		}
	}
	return e
}

// requestProto reports whether e is req.ProtoMajor or req.ProtoMinor (the
// field name) of a request: the response answers in the client's
// protocol, HTTP/1.1 for a keep-alive client.
func (c *checker) requestProto(e ast.Expr, name string) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s := c.pass.TypesInfo.Selections[sel]
	return s != nil && s.Kind() == types.FieldVal && c.m.RequestChecks[s.Obj()] && s.Obj().Name() == name
}

// literalKeepsAlive reports whether the http.Response literal lit, its
// fields evaluated in env, is written as a framed HTTP/1.1 response
// without Connection: close.
func (c *checker) literalKeepsAlive(lit *ast.CompositeLit, env respEnv) bool {
	if c.m.HTTPResponse == nil || !wire.Identical(c.pass.TypesInfo.TypeOf(lit), c.m.HTTPResponse) {
		return false
	}
	fields := map[string]ast.Expr{}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return false
		}
		if key, ok := kv.Key.(*ast.Ident); ok {
			fields[key.Name] = kv.Value
		}
	}
	intConst := func(name string) (int64, bool) {
		e, ok := fields[name]
		if !ok {
			return 0, true
		}
		tv := c.pass.TypesInfo.Types[env.resolve(e)]
		if tv.Value == nil {
			return 0, false
		}
		n, exact := constant.Int64Val(constant.ToInt(tv.Value))
		return n, exact
	}
	if e, ok := fields["Close"]; ok {
		e = env.resolve(e)
		tv := c.pass.TypesInfo.Types[e]
		switch {
		case tv.Value != nil && constant.BoolVal(tv.Value):
			return false // announced
		case tv.Value != nil:
			// Close: false
		case c.clientCheck(e):
			// Close: req.Close announces only what the client asked: a
			// keep-alive client still sees its connection closed.
		default:
			return false // decided elsewhere
		}
	}
	if h, ok := fields["Header"]; ok && !env.headerWithoutConnection(h) {
		return false // may carry Connection: close
	}
	if _, ok := fields["TransferEncoding"]; ok {
		return false
	}
	// HTTP/1.1: constant, or the request's own protocol (a keep-alive
	// client speaks 1.1 and gets a 1.1 response).
	for _, name := range []string{"ProtoMajor", "ProtoMinor"} {
		if e, ok := fields[name]; ok && c.requestProto(env.resolve(e), name) {
			continue
		}
		if n, ok := intConst(name); !ok || n != 1 {
			return false
		}
	}
	// A status from a variable may be anything but an upgrade: only a
	// constant 101 hands the connection to another protocol.
	if code, ok := intConst("StatusCode"); ok && code == 101 {
		return false
	}
	// Framing: a known length is written as Content-Length. A body with an
	// unknown length (-1, or 0 with a Body) makes Write announce the close.
	cl, clConst := intConst("ContentLength")
	_, hasBody := fields["Body"]
	switch {
	case !clConst:
		return true // a computed length: Content-Length
	case cl > 0:
		return true
	case cl == 0 && !hasBody:
		// Content-Length: 0, except in answer to a GET or HEAD request
		// set in the Request field: Write then sends no length at all
		// and the close ends the (empty) body.
		_, hasReq := fields["Request"]
		return !hasReq
	}
	return false
}

// headerWithoutConnection reports whether the Header field value e is
// known not to set Connection: a literal or make (headerWithoutConnection
// of the checker), the argument for a helper's parameter, or a local of
// the helper that is only made and given constant names other than
// Connection, or names from the helper's variadic parameter whose
// arguments are all such constants (responseWith(req, 407,
// "Proxy-Authenticate", `Basic`)).
func (env respEnv) headerWithoutConnection(e ast.Expr) bool {
	c := env.c
	e = env.resolve(e)
	id, ok := e.(*ast.Ident)
	if !ok || env.body == nil {
		return c.headerWithoutConnection(e)
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil || v.Pos() < env.body.Pos() || v.Pos() >= env.body.End() {
		return false // not a local of the helper
	}
	key := func(k ast.Expr) bool {
		k = ast.Unparen(k)
		if ix, ok := k.(*ast.IndexExpr); ok && env.vparam != nil {
			if pid, ok := ast.Unparen(ix.X).(*ast.Ident); ok && c.pass.TypesInfo.Uses[pid] == env.vparam {
				if env.spread {
					return false
				}
				for _, a := range env.vargs {
					tv := c.pass.TypesInfo.Types[a]
					if tv.Value == nil || tv.Value.Kind() != constant.String || strings.EqualFold(constant.StringVal(tv.Value), "connection") {
						return false
					}
				}
				return true
			}
		}
		return c.constNotConnection(env.resolve(k))
	}
	ok = true
	ast.Inspect(env.body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		if n, isID := n.(*ast.Ident); isID {
			if (c.pass.TypesInfo.Uses[n] != v && c.pass.TypesInfo.Defs[n] != v) || n == id {
				return true
			}
			switch p := env.parent(n).(type) {
			case *ast.ValueSpec: // var header http.Header
				for i, name := range p.Names {
					if name == n && i < len(p.Values) && !c.headerWithoutConnection(p.Values[i]) {
						ok = false
					}
				}
			case *ast.AssignStmt: // header = make(http.Header)
				for i, l := range p.Lhs {
					if l == n && (len(p.Rhs) != len(p.Lhs) || !c.headerWithoutConnection(p.Rhs[i])) {
						ok = false
					}
				}
				if p.Tok != token.ASSIGN && p.Tok != token.DEFINE {
					ok = false
				}
			case *ast.SelectorExpr: // header.Add(k, v)
				call, isCall := env.parent(p).(*ast.CallExpr)
				switch {
				case !isCall || call.Fun != p || len(call.Args) == 0:
					ok = false
				case p.Sel.Name == "Get" || p.Sel.Name == "Values" || p.Sel.Name == "Del":
				case p.Sel.Name == "Set" || p.Sel.Name == "Add":
					ok = key(call.Args[0])
				default:
					ok = false
				}
			case *ast.IndexExpr: // header["X-Name"] = []string{v}
				if as, isAs := env.parent(p).(*ast.AssignStmt); !isAs || len(as.Lhs) != 1 || as.Lhs[0] != p || p.X != n {
					ok = false
				} else {
					ok = key(p.Index)
				}
			default:
				ok = false
			}
		}
		return ok
	})
	return ok
}

// helperKeepsAlive reports whether call, of a function of the package
// that returns the one *http.Response it builds (a literal, or a local
// made from one and then given header edits only), writes a framed
// HTTP/1.1 response without Connection: close: the literal's fields with
// the helper's parameters replaced by the call's arguments.
func (c *checker) helperKeepsAlive(call *ast.CallExpr) bool {
	f := c.m.Callee(call)
	if f == nil || f.Pkg() != c.pass.Pkg {
		return false
	}
	f = f.Origin()
	d := c.m.Decl(f)
	if d == nil || d.Type.TypeParams != nil {
		return false
	}
	sig := f.Signature()
	if sig.Results().Len() != 1 || c.m.HTTPResponse == nil ||
		!wire.Identical(sig.Results().At(0).Type(), types.NewPointer(c.m.HTTPResponse)) {
		return false
	}
	cur, ok := c.insp.Root().FindNode(d.Body)
	if !ok {
		return false
	}
	env := respEnv{c: c, args: map[*types.Var]ast.Expr{}, body: d.Body, cur: cur}
	n := sig.Params().Len()
	for i := range n {
		p := sig.Params().At(i)
		if sig.Variadic() && i == n-1 {
			env.vparam = p
			if call.Ellipsis.IsValid() {
				env.spread = true
			} else if i <= len(call.Args) {
				env.vargs = call.Args[i:]
			}
			continue
		}
		if i < len(call.Args) {
			env.args[p] = call.Args[i]
		}
	}
	var rets []*ast.ReturnStmt
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			rets = append(rets, n)
		}
		return true
	})
	if len(rets) != 1 || len(rets[0].Results) != 1 {
		return false
	}
	e := ast.Unparen(rets[0].Results[0])
	if id, ok := e.(*ast.Ident); ok {
		// res := &http.Response{...}; res.Header.Set(...); return res
		v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
		if v == nil || v.Pos() < d.Body.Pos() || v.Pos() >= d.Body.End() {
			return false
		}
		var def ast.Expr
		defs := 0
		ast.Inspect(d.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if lid, ok := ast.Unparen(l).(*ast.Ident); ok && c.pass.TypesInfo.ObjectOf(lid) == v {
						defs++
						if len(n.Rhs) == len(n.Lhs) {
							def = n.Rhs[i]
						}
					}
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if c.pass.TypesInfo.Defs[name] == v {
						defs++
						if i < len(n.Values) {
							def = n.Values[i]
						}
					}
				}
			}
			return true
		})
		skip := func(u *ast.Ident) bool { return u == id }
		if defs != 1 || def == nil || !c.onlyHeaderEditsIn(d.Body, env.parent, v, skip) {
			return false
		}
		e = ast.Unparen(def)
	}
	if un, ok := e.(*ast.UnaryExpr); ok && un.Op == token.AND {
		e = ast.Unparen(un.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return false
	}
	return c.literalKeepsAlive(lit, env)
}

// sendsRequest reports whether call sends a request and returns the
// backend's response: Transport.RoundTrip (also through an
// http.RoundTripper), Client.Do/Get/Post/Head, http.Get/Post/Head.
func (c *checker) sendsRequest(call ast.Expr) bool {
	ce, ok := ast.Unparen(call).(*ast.CallExpr)
	if !ok {
		return false
	}
	f := c.m.Callee(ce)
	if f == nil || f.Pkg() == nil || f.Pkg().Path() != "net/http" {
		return false
	}
	switch f.Name() {
	case "RoundTrip", "Do", "Get", "Post", "Head", "PostForm":
		return true
	}
	return false
}

// relayKeepsAlive reports whether the backend's response v, relayed as it
// came (resp.Write(conn)), is written without Connection: close: nothing
// sets its Close field or a Connection header, and it is handed to no
// function. Its head is the backend's; a backend that keeps the
// connection alive (the common case) leaves Close false, and the relayed
// response then promises keep-alive to the client.
func (c *checker) relayKeepsAlive(v *types.Var) bool {
	return c.selectorsOnly(c.u.Root, c.u.Parent, v, nil, func(sel *ast.SelectorExpr, s *types.Selection) bool {
		name := s.Obj().Name()
		// An assignment to a field of the response (resp.Close = true,
		// resp.Header = h) may announce the close.
		if as, ok := c.u.Parent(sel).(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if l == sel {
					return false
				}
			}
		}
		switch {
		case name == "Close" && s.Kind() == types.FieldVal:
			return false
		case name == "Header" && s.Kind() == types.FieldVal:
			m, isSel := c.u.Parent(sel).(*ast.SelectorExpr)
			if !isSel {
				return false // the header itself is used
			}
			call, isCall := c.u.Parent(m).(*ast.CallExpr)
			if !isCall || call.Fun != m || len(call.Args) == 0 {
				return false
			}
			switch m.Sel.Name {
			case "Get", "Values":
				return true
			case "Set", "Add", "Del":
				return c.constNotConnection(call.Args[0])
			}
			return false
		}
		return true // Body (read, closed), StatusCode, Write
	})
}
