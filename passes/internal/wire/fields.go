package wire

import (
	"go/ast"
	"go/types"
)

// Connections held in struct fields.
//
// Real servers keep the connection of one client in a struct
// (type conn struct{ rwc net.Conn; br *bufio.Reader; bw *bufio.Writer })
// and serve it in methods: serve reads the request from c.br, a method
// writes the response to c.bw, another closes c.rwc. Within one function a
// field selected from a single variable (the receiver) is one value and
// is tracked like a local (Scope.fields). Which field a reader or writer
// field wraps is a fact of the whole package, taken from the SSA form's
// stores (flow.Program.WrappedField). The struct itself is the
// connection's holder: selecting its fields is no use of the connection;
// calling one of its methods hands the connection to the method, which is
// followed (FieldUnit, MethodKeeps); any other use hands it on, and the
// connection is then no longer followed on that path.

// FieldUnit indexes the method fn, a method of the package with a body,
// with its receiver's field f taken to be the connection (a summary of
// what the method does with the connection its receiver holds). It
// returns nil when fn has no body here or does not select f from its
// receiver.
func (m *Model) FieldUnit(fn *types.Func, f *types.Var) *Unit {
	if fn == nil || fn.Pkg() != m.pkg || fn.Signature().Recv() == nil {
		return nil
	}
	decl, ok := m.decl(fn)
	if !ok {
		return nil
	}
	d, _ := decl.Node().(*ast.FuncDecl)
	if d == nil || d.Body == nil || d.Type.TypeParams != nil || d.Recv == nil {
		return nil
	}
	recv := fn.Signature().Recv()
	if !hasField(recv.Type(), f) {
		return nil
	}
	u := m.newUnit(decl, nil)
	switch {
	case u.fields[f] == recv:
	case u.fields[f] == nil && !u.ambiguous[f]:
		// The method does not select f itself (it writes through a
		// wrapper field, or hands the receiver to another method): the
		// receiver still holds it.
		u.fields[f] = recv
	default:
		return nil
	}
	return u
}

// MethodKeeps reports whether the method fn may keep the connection in
// its receiver's field f beyond the call: it hands the receiver or the
// connection on (stores, passes, returns, starts a goroutine with it) in a
// way the model does not follow. A method the package does not declare
// keeps it.
func (m *Model) MethodKeeps(fn *types.Func, f *types.Var) bool {
	key := methodField{fn.Origin(), f}
	if k, ok := m.keeps[key]; ok {
		return k
	}
	if m.keeps == nil {
		m.keeps = map[methodField]bool{}
	}
	m.keeps[key] = true // in progress: a recursive method keeps it
	u := m.FieldUnit(fn, f)
	if u == nil {
		return true
	}
	k := u.Escapes(f)
	m.keeps[key] = k
	return k
}

type methodField struct {
	fn *types.Func
	f  *types.Var
}

// FieldMethodCall returns the method of the package that call invokes on
// the struct holding the tracked field conn (s.reply(...), s.close()), or
// nil.
func (s *Scope) FieldMethodCall(call *ast.CallExpr, conn types.Object) *types.Func {
	f, ok := conn.(*types.Var)
	if !ok || s.fields[f] == nil {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || s.m.Info.Uses[id] != s.fields[f] {
		return nil
	}
	selection := s.m.Info.Selections[sel]
	if selection == nil || selection.Kind() != types.MethodVal {
		return nil
	}
	fn, _ := selection.Obj().(*types.Func)
	if fn == nil || fn.Pkg() != s.m.pkg {
		return nil
	}
	return fn
}

// baseUse judges the use id of the variable that holds tracked fields: a
// field selection is no use of the connection, a call of a method that
// does not keep the connection neither; anything else hands it on.
func (u *Unit) baseUse(id *ast.Ident) bool {
	sel, ok := u.parentOf(id).(*ast.SelectorExpr)
	if !ok || sel.X != id {
		return false
	}
	selection := u.m.Info.Selections[sel]
	if selection == nil {
		return false
	}
	switch selection.Kind() {
	case types.FieldVal:
		return true
	case types.MethodVal:
		call, ok := u.parentOf(sel).(*ast.CallExpr)
		if !ok || call.Fun != sel {
			return false // a method value keeps the receiver
		}
		fn, _ := selection.Obj().(*types.Func)
		if fn == nil || fn.Pkg() != u.m.pkg {
			return false
		}
		v, _ := u.m.Info.Uses[id].(*types.Var)
		for f, b := range u.fields {
			if b == v && u.m.IsConnType(f.Type()) && u.m.MethodKeeps(fn, f) {
				return false
			}
		}
		return true
	}
	return false
}

// hasField reports whether f is a field of the struct t or *t is.
func hasField(t types.Type, f *types.Var) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if st.Field(i).Origin() == f.Origin() {
			return true
		}
	}
	return false
}

// ParamKeeps reports whether fn may keep, serve or end the connection
// passed as its parameter i: a function the package does not declare, one
// that hands the parameter on (stores, returns, starts a goroutine with
// it), reads requests from it, closes it or defers anything. A method of
// an interface the package declares keeps it when any of the package's
// implementations does (and when it has none). Passing a connection to a
// function that does none of these (a plugin that only answers, a logger
// of its address) hands it nowhere.
func (m *Model) ParamKeeps(fn *types.Func, i int) bool {
	key := methodField{fn.Origin(), nil}
	if m.paramKeeps == nil {
		m.paramKeeps = map[paramKey]bool{}
	}
	pk := paramKey{key.fn, i}
	if k, ok := m.paramKeeps[pk]; ok {
		return k
	}
	m.paramKeeps[pk] = true // in progress: recursion keeps it
	k := m.paramKeeps1(key.fn, i)
	m.paramKeeps[pk] = k
	return k
}

type paramKey struct {
	fn *types.Func
	i  int
}

func (m *Model) paramKeeps1(fn *types.Func, i int) bool {
	if impls := m.Implementations(fn); impls != nil {
		if len(impls) == 0 {
			return true
		}
		for _, impl := range impls {
			if m.ParamKeeps(impl, i) {
				return true
			}
		}
		return false
	}
	u, p := m.ParamUnit(fn, i)
	if u == nil || p.Name() == "" || p.Name() == "_" || u.Escapes(p) || u.ReadsFrom(u.Root, p) {
		return true // unknown, or a parameter the body never names (a stub says nothing)
	}
	if calls, _ := u.Closes(p); len(calls) > 0 {
		return true
	}
	kept := false
	ast.Inspect(u.Root, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.DeferStmt, *ast.GoStmt:
			kept = true
		}
		return !kept
	})
	return kept
}

// Implementations returns the methods of the package's concrete types that
// implement fn, when fn is a method of an interface; nil otherwise.
func (m *Model) Implementations(fn *types.Func) []*types.Func {
	recv := fn.Signature().Recv()
	if recv == nil || m.pkg == nil {
		return nil
	}
	iface, ok := recv.Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	impls := []*types.Func{}
	scope := m.pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 {
			continue
		}
		for _, t := range []types.Type{named, types.NewPointer(named)} {
			if !types.Implements(t, iface) {
				continue
			}
			obj, _, _ := types.LookupFieldOrMethod(t, true, m.pkg, fn.Name())
			if f, ok := obj.(*types.Func); ok && f.Pkg() == m.pkg {
				impls = append(impls, f)
			}
			break
		}
	}
	return impls
}
