package wsheartbeat

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/httplib"
)

// ident classifies one use of an identifier: a connection variable or
// field, a container of connections, a net.Conn taken from a connection, a
// function of the package, or a context's cancel function.
func (g *graph) ident(cur inspector.Cursor, id *ast.Ident) {
	switch obj := g.info.Uses[id].(type) {
	case *types.Func:
		g.funcUse(cur, obj)
	case *types.Var:
		if n, ok := g.derived[obj]; ok {
			if cur.ParentEdgeKind() != edge.AssignStmt_Lhs {
				g.netConn(cur, n)
			}
			return
		}
		if httplib.IsNamed(obj.Type(), "context", "CancelFunc") || httplib.IsNamed(obj.Type(), "context", "CancelCauseFunc") {
			g.cancelUse(cur, obj)
			return
		}
		v := trackedVar(obj)
		if v == nil {
			return
		}
		ecur := cur
		switch cur.ParentEdgeKind() {
		case edge.SelectorExpr_Sel:
			ecur = cur.Parent() // x.conn: the field selection is the value
		case edge.KeyValueExpr_Key:
			return // the field name in T{conn: c}
		}
		switch ecur.ParentEdgeKind() {
		case edge.AssignStmt_Lhs, edge.RangeStmt_Key, edge.RangeStmt_Value:
			return // stored into: assign and rangeStmt follow the value
		}
		g.seed(v)
		g.use(ecur, v)
	}
}

// use classifies what the expression at cur, whose value is node n, does
// with the connections it holds. Uses the check does not understand hand
// the connection to unseen code: an escape.
func (g *graph) use(cur inspector.Cursor, n node) {
	p := cur.Parent()
	kind, idx := cur.ParentEdge()
	container := isContainerNode(n)
	switch pn := p.Node().(type) {
	case *ast.ParenExpr:
		g.use(p, n)
		return
	case *ast.SelectorExpr:
		if !container && kind == edge.SelectorExpr_X {
			g.selected(p, pn, n)
			return
		}
	case *ast.CallExpr:
		if kind == edge.CallExpr_Args {
			g.argument(p, pn, idx, cur.Node().(ast.Expr), n)
			return
		}
	case *ast.AssignStmt:
		if kind == edge.AssignStmt_Rhs && len(pn.Lhs) == len(pn.Rhs) && g.storable(pn.Lhs[idx]) {
			return
		}
	case *ast.ValueSpec:
		if kind == edge.ValueSpec_Values && len(pn.Names) == len(pn.Values) && g.storable(pn.Names[idx]) {
			return
		}
	case *ast.KeyValueExpr:
		if kind == edge.KeyValueExpr_Value {
			if id, ok := pn.Key.(*ast.Ident); ok && trackedVar(g.info.ObjectOf(id)) != nil {
				return // a struct literal field: compositeLit follows it
			}
		}
	case *ast.CompositeLit:
		if st, ok := deref(g.info.TypeOf(pn)).Underlying().(*types.Struct); ok && idx < st.NumFields() && trackedVar(st.Field(idx)) != nil {
			return
		}
	case *ast.ReturnStmt:
		if _, ok := enclosingFunc(p).(*ast.FuncDecl); ok && !container {
			return // results of open functions escape in finishFuncs
		}
	case *ast.SendStmt:
		if kind == edge.SendStmt_Chan {
			return
		}
		if c, ok := g.nodeOf(pn.Chan).(*types.Var); ok && isContainer(c.Type()) {
			return
		}
	case *ast.IndexExpr:
		if container && kind == edge.IndexExpr_X {
			if p.ParentEdgeKind() == edge.AssignStmt_Lhs {
				return // m[k] = v: assign follows v
			}
			if elem, _ := containerOf(n.(*types.Var).Type()); elem {
				g.use(p, slot{container: n.(*types.Var)})
			}
			return
		}
		if kind == edge.IndexExpr_Index {
			// A connection as a map key: stored (assign follows it) or
			// looked up.
			if c, ok := g.nodeOf(pn.X).(*types.Var); ok && isContainer(c.Type()) {
				return
			}
			if p.ParentEdgeKind() != edge.AssignStmt_Lhs {
				return
			}
		}
	case *ast.UnaryExpr:
		if pn.Op == token.ARROW && container {
			g.use(p, slot{container: n.(*types.Var)})
			return
		}
	case *ast.RangeStmt:
		if kind == edge.RangeStmt_X {
			return
		}
	case *ast.BinaryExpr, *ast.CaseClause, *ast.SwitchStmt, *ast.ExprStmt:
		return // comparisons with nil or another connection
	}
	g.escape(n)
}

func isContainerNode(n node) bool {
	v, ok := n.(*types.Var)
	return ok && isContainer(v.Type())
}

// nodeLib returns the library of the connections n holds.
func nodeLib(n node) lib {
	switch n := n.(type) {
	case *types.Var:
		return connLib(n.Type())
	case slot:
		switch u := n.container.Type().Underlying().(type) {
		case *types.Map:
			if n.key {
				return connLib(u.Key())
			}
			return connLib(u.Elem())
		case *types.Slice:
			return connLib(u.Elem())
		case *types.Array:
			return connLib(u.Elem())
		case *types.Chan:
			return connLib(u.Elem())
		}
	case result:
		return connLib(n.fn.Signature().Results().At(n.i).Type())
	}
	return noLib
}

// storable reports whether an assignment to lhs keeps the value where the
// check follows it: a tracked variable, field or container slot, or _.
func (g *graph) storable(lhs ast.Expr) bool {
	if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && id.Name == "_" {
		return true
	}
	n, _ := g.target(lhs)
	return n != nil
}

// selected classifies conn.M(...) and conn.F.
func (g *graph) selected(cur inspector.Cursor, sel *ast.SelectorExpr, n node) {
	s := g.info.Selections[sel]
	if s == nil {
		g.escape(n)
		return
	}
	if s.Kind() == types.FieldVal {
		return // x/net's PayloadType, MaxPayloadBytes
	}
	l, name := nodeLib(n), sel.Sel.Name
	if fn, ok := s.Obj().(*types.Func); !ok || fn.Pkg() == nil || libOfPath(fn.Pkg().Path()) != l {
		g.escape(n) // not a method of the library's Conn: the check does not know it
		return
	}
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok || cur.ParentEdgeKind() != edge.CallExpr_Fun {
		// A method value: conn.Close handed to time.AfterFunc is a
		// watchdog (see watchdogs); anything else may be called by
		// unseen code.
		if method(l, name) == useClose && isAfterFunc(g.info, cur.Parent().Node()) {
			return
		}
		g.escape(n)
		return
	}
	callCur := cur.Parent()
	switch method(l, name) {
	case useRead:
		var ctx ast.Expr
		if l == coder && len(call.Args) > 0 {
			ctx = call.Args[0]
		}
		g.addRead(callCur, call, n, sel.X, ctx, false)
	case useDeadline:
		g.addDeadline(callCur, call, n)
	case useNetConn:
		g.netConn(callCur, n)
	case useHeartbeat:
		g.fact(n).heartbeat = true
	}
}

// argument classifies a connection (or container) passed as argument i.
func (g *graph) argument(callCur inspector.Cursor, call *ast.CallExpr, i int, arg ast.Expr, n node) {
	if tv, ok := g.info.Types[call.Fun]; ok && tv.IsType() {
		g.escape(n) // converted to an interface
		return
	}
	callee := typeutil.Callee(g.info, call)
	if b, ok := callee.(*types.Builtin); ok {
		switch b.Name() {
		case "len", "cap", "delete", "close", "clear", "print", "println":
			return
		case "append":
			if callCur.ParentEdgeKind() == edge.AssignStmt_Rhs {
				as := callCur.Parent().Node().(*ast.AssignStmt)
				if len(as.Lhs) == len(as.Rhs) {
					if c, ok := g.nodeOf(as.Lhs[callCur.ParentEdgeIndex()]).(*types.Var); ok && isContainer(c.Type()) {
						return // s = append(s, conn): containerValue follows it
					}
				}
			}
		}
		g.escape(n)
		return
	}
	if sig := g.calleeSig(call); sig != nil {
		ps := sig.Params()
		if i < ps.Len() && (!sig.Variadic() || i < ps.Len()-1) && trackedVar(ps.At(i)) != nil {
			return // a parameter of the package's own code: callArgs follows it
		}
		g.escape(n)
		return
	}
	fn, _ := callee.(*types.Func)
	if fn == nil || isContainerNode(n) {
		g.escape(n)
		return
	}
	u, _ := libFuncUse(fn, i)
	switch u {
	case useRead, useReadAll:
		var ctx ast.Expr
		if nodeLib(n) == coder && len(call.Args) > 0 {
			ctx = call.Args[0] // wsjson.Read(ctx, c, v)
		}
		g.addRead(callCur, call, n, arg, ctx, u == useReadAll)
	case useNeutral:
	default:
		g.escape(n)
	}
}

func (g *graph) addRead(cur inspector.Cursor, call *ast.CallExpr, n node, recv, ctx ast.Expr, all bool) {
	g.reads = append(g.reads, &read{
		call: call, cur: cur, node: n, recv: recv, root: rootVar(g.info, recv),
		lib: nodeLib(n), ctx: ctx, all: all,
	})
}

// rootVar returns the local variable or parameter an expression such as
// conn or c.conn starts from.
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			return v
		case *ast.SelectorExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil
		}
	}
}

func (g *graph) addDeadline(cur inspector.Cursor, call *ast.CallExpr, n node) {
	zero := len(call.Args) == 1 && zeroTime(g.info, call.Args[0])
	f := g.fact(n)
	f.deadlines = append(f.deadlines, deadline{pos: call.Pos(), fn: enclosingFunc(cur), zero: zero})
}

// netConn follows the net.Conn under a connection (conn.UnderlyingConn(),
// conn.NetConn(), or a variable holding it): deadlines set on it are the
// connection's; handing it elsewhere is an escape.
func (g *graph) netConn(cur inspector.Cursor, n node) {
	p := cur.Parent()
	kind, idx := cur.ParentEdge()
	switch pn := p.Node().(type) {
	case *ast.ParenExpr, *ast.TypeAssertExpr:
		g.netConn(p, n)
		return
	case *ast.SelectorExpr:
		call, ok := p.Parent().Node().(*ast.CallExpr)
		if !ok || p.ParentEdgeKind() != edge.CallExpr_Fun {
			break // a method value
		}
		fn, _ := g.info.ObjectOf(pn.Sel).(*types.Func)
		if fn == nil || fn.Pkg() == nil || (fn.Pkg().Path() != "net" && fn.Pkg().Path() != "crypto/tls") {
			break // a method of some other type: not followed
		}
		switch fn.Name() {
		case "SetReadDeadline", "SetDeadline":
			g.addDeadline(p.Parent(), call, n)
		}
		return // other methods (RemoteAddr, SetKeepAlive, Close) keep nothing
	case *ast.AssignStmt:
		if kind == edge.AssignStmt_Rhs {
			i := idx
			if len(pn.Rhs) == 1 {
				i = 0 // nc, ok := c.UnderlyingConn().(*net.TCPConn)
			}
			if id, ok := ast.Unparen(pn.Lhs[i]).(*ast.Ident); ok {
				if v, ok := g.info.ObjectOf(id).(*types.Var); ok && v.Kind() == types.LocalVar {
					g.derived[v] = n
					return
				}
				if id.Name == "_" {
					return
				}
			}
		}
	case *ast.ValueSpec:
		if kind == edge.ValueSpec_Values && idx < len(pn.Names) {
			if v, ok := g.info.Defs[pn.Names[idx]].(*types.Var); ok {
				g.derived[v] = n
				return
			}
		}
	case *ast.ExprStmt, *ast.BinaryExpr:
		return
	}
	g.escape(n)
}

// funcUse records how a function of the package is used: called, or
// handed on as a value (to x/net's websocket.Handler, or elsewhere).
func (g *graph) funcUse(cur inspector.Cursor, fn *types.Func) {
	if fn.Pkg() != g.pass.Pkg {
		return
	}
	fn = fn.Origin()
	fi := g.funcs[fn]
	if fi == nil {
		fi = new(funcInfo)
		g.funcs[fn] = fi
	}
	ecur := cur
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		ecur = cur.Parent()
	}
	for ecur.ParentEdgeKind() == edge.ParenExpr_X {
		ecur = ecur.Parent()
	}
	if ecur.ParentEdgeKind() == edge.CallExpr_Fun {
		return
	}
	if isXnetHandler(g.convertedTo(ecur)) {
		fi.handler = true
		return
	}
	fi.valueUse = true
}

// cancelUse notes cancel functions called other than by defer: someone
// may cancel the context while a read waits on it.
func (g *graph) cancelUse(cur inspector.Cursor, v *types.Var) {
	switch cur.ParentEdgeKind() {
	case edge.AssignStmt_Lhs:
		return
	case edge.CallExpr_Fun:
		if cur.Parent().ParentEdgeKind() == edge.DeferStmt_Call {
			return
		}
	}
	g.cancelFree[v] = true
}

func isAfterFunc(info *types.Info, n ast.Node) bool {
	call, ok := n.(*ast.CallExpr)
	return ok && httplib.IsFunc(typeutil.StaticCallee(info, call), "time", "", "AfterFunc")
}
