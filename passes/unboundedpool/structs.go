package unboundedpool

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/config"
	"github.com/connvet/connvet/passes/internal/httplib"
)

// Pools kept in a per-call struct. A pool assigned into a field of a struct
// that the function makes itself and drops,
//
//	job := &fetchJob{hc: &fasthttp.HostClient{Addr: addr}}
//	code, err := job.fetch()
//
// (or job.hc = &fasthttp.HostClient{...} on such a struct), lives exactly
// as long as the struct: it is judged like a pool bound to a local. The
// struct must be a local defined in the function by a literal of a struct
// type of this package, and every use of it must keep it inside the call:
// reads and writes of its other fields, calls on the pool field
// (CloseIdleConnections closes it), the pool field handed to a function of
// this package that only borrows it, and calls of methods of this package
// whose receiver is used in the same ways (followed a few calls deep).
// Anything else (the struct stored, returned, sent, captured by a closure,
// passed on, copied, the pool field read into another place) keeps it.

// maxMethodDepth bounds how deep calls of the struct's methods are
// followed.
const maxMethodDepth = 4

// structField is a pool kept in field of the local struct v.
type structField struct {
	v     *types.Var
	field *types.Var
}

func (s structField) name() string { return s.v.Name() + "." + s.field.Name() }

// structBinding returns the local struct and field that the construction
// at cur is assigned into: a keyed or positional element of the struct's
// defining literal, or an assignment v.f = construction to a struct the
// function made.
func (c *checker) structBinding(cur inspector.Cursor, fn ast.Node) (structField, bool) {
	info := c.pass.TypesInfo
	p := cur.Parent()
	child := cur.Node()
	if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		child, p = u, p.Parent()
	}
	switch n := p.Node().(type) {
	case *ast.KeyValueExpr, *ast.CompositeLit:
		litCur := p
		if kv, ok := n.(*ast.KeyValueExpr); ok {
			if kv.Value != child {
				return structField{}, false
			}
			litCur = p.Parent()
		}
		lit, ok := litCur.Node().(*ast.CompositeLit)
		if !ok {
			return structField{}, false
		}
		st, ok := c.localStruct(info.TypeOf(lit))
		if !ok {
			return structField{}, false
		}
		field := litField(info, st, lit, child)
		if field == nil {
			return structField{}, false
		}
		v, _, ok := c.binding(litCur)
		if !ok || v == nil {
			return structField{}, false
		}
		return structField{v, field}, true
	case *ast.AssignStmt:
		if n.Tok != token.ASSIGN || len(n.Lhs) != len(n.Rhs) {
			return structField{}, false
		}
		for i, r := range n.Rhs {
			if r != child {
				continue
			}
			sel, ok := ast.Unparen(n.Lhs[i]).(*ast.SelectorExpr)
			if !ok {
				return structField{}, false
			}
			s, ok := info.Selections[sel]
			if !ok || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
				return structField{}, false
			}
			id, ok := ast.Unparen(sel.X).(*ast.Ident)
			if !ok {
				return structField{}, false
			}
			v, ok := info.Uses[id].(*types.Var)
			if !ok || !c.madeHere(fn, v) {
				return structField{}, false
			}
			field, _ := s.Obj().(*types.Var)
			if field == nil {
				return structField{}, false
			}
			return structField{v, field}, true
		}
	}
	return structField{}, false
}

// localStruct returns the struct type of t (or *t) when it is a named
// struct type of this package that configuration does not track.
func (c *checker) localStruct(t types.Type) (*types.Struct, bool) {
	if t == nil {
		return nil, false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != c.pass.Pkg {
		return nil, false
	}
	if _, tracked := config.TypeOf(named); tracked {
		return nil, false
	}
	st, ok := named.Underlying().(*types.Struct)
	return st, ok
}

// litField returns the field of st that the element value of lit
// initializes.
func litField(info *types.Info, st *types.Struct, lit *ast.CompositeLit, value ast.Node) *types.Var {
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if kv.Value == value {
				if id, ok := kv.Key.(*ast.Ident); ok {
					f, _ := info.Uses[id].(*types.Var)
					return f
				}
			}
			continue
		}
		if elt == value && i < st.NumFields() {
			return st.Field(i)
		}
	}
	return nil
}

// madeHere reports whether v is a local of fn (not a parameter, not a
// variable of an enclosing function) whose one definition is a literal of
// a struct type of this package, new of one, or its zero value, and which
// is never assigned again.
func (c *checker) madeHere(fn ast.Node, v *types.Var) bool {
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	if body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return false
	}
	if _, ok := c.localStruct(v.Type()); !ok {
		return false
	}
	info := c.pass.TypesInfo
	made := false
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				id, isID := ast.Unparen(l).(*ast.Ident)
				if !isID || info.ObjectOf(id) != v {
					continue
				}
				if n.Tok != token.DEFINE || len(n.Lhs) != len(n.Rhs) || !c.newStruct(n.Rhs[i]) {
					ok = false
				}
				made = true
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if info.Defs[id] != v {
					continue
				}
				switch {
				case len(n.Values) == 0:
					_, isPtr := types.Unalias(v.Type()).(*types.Pointer)
					ok = !isPtr // var job fetchJob: a zero struct
				case len(n.Values) == len(n.Names):
					ok = c.newStruct(n.Values[i])
				default:
					ok = false
				}
				made = true
			}
		}
		return true
	})
	return ok && made
}

// newStruct reports whether e makes a new struct of this package: T{...},
// &T{...} or new(T).
func (c *checker) newStruct(e ast.Expr) bool {
	e = ast.Unparen(stripAddr(e))
	switch e := e.(type) {
	case *ast.CompositeLit:
		_, ok := c.localStruct(c.pass.TypesInfo.TypeOf(e))
		return ok
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && id.Name == "new" && len(e.Args) == 1 {
			if _, builtin := c.pass.TypesInfo.Uses[id].(*types.Builtin); builtin {
				_, ok := c.localStruct(c.pass.TypesInfo.TypeOf(e))
				return ok
			}
		}
	}
	return false
}

// structUses counts the requests made through the pool field of s in fn
// (and in the methods of this package it calls on s), and whether the
// pool's idle connections are closed; ok is false when the struct or the
// pool escapes.
func (c *checker) structUses(fn ast.Node, s structField) (uses int, closed, ok bool) {
	return c.recvUses(fn, s.v, s.field, 0, map[*types.Func]bool{})
}

// recvUses is structUses for v, a variable of fn (the struct local, or a
// method's receiver).
func (c *checker) recvUses(fn ast.Node, v, field *types.Var, depth int, active map[*types.Func]bool) (uses int, closed, ok bool) {
	info := c.pass.TypesInfo
	ok = true
	var stack []ast.Node
	ast.Inspect(fn, func(n ast.Node) bool {
		if !ok {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, isID := n.(*ast.Ident)
		if !isID || info.Uses[id] != v {
			return true
		}
		for _, a := range stack[:len(stack)-1] {
			if a != fn {
				if _, lit := a.(*ast.FuncLit); lit {
					ok = false // a closure may outlive the call
					return false
				}
			}
		}
		u, cl, uok := c.recvUse(stack, field, depth, active)
		uses, closed, ok = uses+u, closed || cl, uok
		return true
	})
	return uses, closed, ok
}

// recvUse classifies one use of the struct variable, the last node of
// stack (its ancestors before it).
func (c *checker) recvUse(stack []ast.Node, field *types.Var, depth int, active map[*types.Func]bool) (uses int, closed, ok bool) {
	info := c.pass.TypesInfo
	at := len(stack) - 1
	parent := func(i int) ast.Node {
		for i--; i >= 0; i-- {
			if _, paren := stack[i].(*ast.ParenExpr); !paren {
				return stack[i]
			}
		}
		return nil
	}
	pi := at - 1
	for pi >= 0 {
		if _, paren := stack[pi].(*ast.ParenExpr); !paren {
			break
		}
		pi--
	}
	if pi < 0 {
		return 0, false, false
	}
	switch p := stack[pi].(type) {
	case *ast.BinaryExpr:
		return 0, false, p.Op == token.EQL || p.Op == token.NEQ // job != nil
	case *ast.SelectorExpr:
		sel, found := info.Selections[p]
		if !found {
			return 0, false, false
		}
		switch sel.Kind() {
		case types.FieldVal:
			if sel.Obj() != field {
				// Another field. An embedded struct could be copied with
				// the pool's field inside it: only the pool's own field is
				// followed.
				if len(sel.Index()) != 1 {
					return 0, false, false
				}
				return 0, false, true
			}
			return c.poolFieldUse(stack[:pi+1], parent)
		case types.MethodVal:
			call, isCall := parent(pi).(*ast.CallExpr)
			if !isCall || ast.Unparen(call.Fun) != p {
				return 0, false, false // a method value: called out of sight
			}
			m, _ := sel.Obj().(*types.Func)
			return c.methodUses(m, field, depth, active)
		}
	}
	return 0, false, false
}

// poolFieldUse classifies a read of the pool field (the last node of
// stack, a selector).
func (c *checker) poolFieldUse(stack []ast.Node, parent func(int) ast.Node) (uses int, closed, ok bool) {
	info := c.pass.TypesInfo
	at := len(stack) - 1
	self := stack[at]
	switch p := parent(at).(type) {
	case *ast.SelectorExpr:
		if s, found := info.Selections[p]; found && s.Kind() == types.MethodVal {
			if s.Obj().Name() == "CloseIdleConnections" {
				return 0, true, true
			}
			return 1, false, true
		}
		return 0, false, true // a field of the pool: its configuration
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if ast.Unparen(l) == self {
				return 0, false, true // job.hc = ...: the assignment itself
			}
		}
	case *ast.BinaryExpr:
		return 0, false, p.Op == token.EQL || p.Op == token.NEQ
	case *ast.CallExpr:
		callee := typeutil.StaticCallee(info, p)
		if callee == nil || callee.Pkg() != c.pass.Pkg || p.Ellipsis.IsValid() {
			return 0, false, false
		}
		for j, a := range p.Args {
			if ast.Unparen(a) == self && c.ix.Borrowed(callee, j) {
				return 1, false, true
			}
		}
	}
	return 0, false, false
}

// methodUses follows a call of method m of this package on the struct:
// its receiver must be used as the struct local is.
func (c *checker) methodUses(m *types.Func, field *types.Var, depth int, active map[*types.Func]bool) (uses int, closed, ok bool) {
	if m == nil || m.Pkg() != c.pass.Pkg || depth >= maxMethodDepth {
		return 0, false, false
	}
	m = m.Origin()
	if active[m] {
		return 0, false, true // recursion: the outer call judges it
	}
	decl := c.funcDecl(m)
	if decl == nil || decl.Body == nil || decl.Recv == nil || len(decl.Recv.List) != 1 {
		return 0, false, false
	}
	names := decl.Recv.List[0].Names
	if len(names) == 0 || names[0].Name == "_" {
		return 0, false, true // the receiver is not used
	}
	r, _ := c.pass.TypesInfo.Defs[names[0]].(*types.Var)
	if r == nil {
		return 0, false, false
	}
	active[m] = true
	defer delete(active, m)
	return c.recvUses(decl, r, field, depth+1, active)
}

// funcDecl returns the declaration of fn in this package, or nil.
func (c *checker) funcDecl(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = httplib.FuncDecls(c.pass.TypesInfo, c.pass.Files)
	}
	return c.decls[fn]
}
