// Package methval follows method values through the variables and struct
// fields that keep them, so that a call made later through one
// (get := c.GetTimeout; get(req, resp, d), or a field set to client.Do)
// is judged as a call of the method on its receiver.
//
// A holder resolves only when every value the package stores in it is a
// method value: one assignment of anything else (a function literal, a
// parameter, another function), or a holder other packages can set (an
// exported field or package variable, a parameter), leaves it unresolved,
// and the checks stay silent at calls through it.
package methval

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Index maps holders to the method values stored in them. The zero value
// is not usable; build one with New.
type Index struct {
	info   *types.Info
	stored map[types.Object][]*ast.SelectorExpr
	mixed  map[types.Object]bool // holders that also get other values
}

// New indexes the method values stored in variables and fields of files.
func New(info *types.Info, files []*ast.File) *Index {
	ix := &Index{info: info, stored: map[types.Object][]*ast.SelectorExpr{}, mixed: map[types.Object]bool{}}
	for _, f := range files {
		ast.Inspect(f, ix.visit)
	}
	return ix
}

func (ix *Index) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		if len(n.Lhs) != len(n.Rhs) {
			for _, l := range n.Lhs {
				ix.store(ix.holder(l), nil) // results of one call
			}
			return true
		}
		for i, l := range n.Lhs {
			if n.Tok == token.ASSIGN || n.Tok == token.DEFINE {
				ix.store(ix.holder(l), n.Rhs[i])
			}
		}
	case *ast.ValueSpec:
		for i, name := range n.Names {
			var v ast.Expr
			if len(n.Values) == len(n.Names) {
				v = n.Values[i]
			} else if len(n.Values) == 0 {
				continue // the zero value: calling it panics
			}
			ix.store(ix.info.Defs[name], v)
		}
	case *ast.CompositeLit:
		for _, elt := range n.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			if key, ok := kv.Key.(*ast.Ident); ok {
				if field, ok := ix.info.Uses[key].(*types.Var); ok && field.IsField() {
					ix.store(field, kv.Value)
				}
			}
		}
	}
	return true
}

// holder returns the variable or field an assignment's left side names.
func (ix *Index) holder(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if obj := ix.info.Defs[e]; obj != nil {
			return obj
		}
		return ix.info.Uses[e]
	case *ast.SelectorExpr:
		if sel := ix.info.Selections[e]; sel != nil && sel.Kind() == types.FieldVal {
			return sel.Obj()
		}
	}
	return nil
}

// store records value stored into obj; value nil means unknown.
func (ix *Index) store(obj types.Object, value ast.Expr) {
	v, ok := obj.(*types.Var)
	if !ok {
		return
	}
	if _, ok := v.Type().Underlying().(*types.Signature); !ok {
		return
	}
	if sel := ix.methodValue(value); sel != nil {
		ix.stored[v] = append(ix.stored[v], sel)
		return
	}
	ix.mixed[v] = true
}

// methodValue returns e when it is a method value x.M or a qualified
// function pkg.F, else nil.
func (ix *Index) methodValue(e ast.Expr) *ast.SelectorExpr {
	if e == nil {
		return nil
	}
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if ix.fn(sel) != nil {
		return sel
	}
	return nil
}

// fn returns the function sel denotes as a value (see Func).
func (ix *Index) fn(sel *ast.SelectorExpr) *types.Func { return Func(ix.info, sel) }

// Func returns the function e denotes when e is a method value x.M (with
// a receiver expression, not a method expression T.M) or a qualified
// function pkg.F, else nil.
func Func(info *types.Info, e ast.Expr) *types.Func {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if s := info.Selections[sel]; s != nil {
		if s.Kind() != types.MethodVal {
			return nil
		}
		fn, _ := s.Obj().(*types.Func)
		return fn
	}
	fn, _ := info.Uses[sel.Sel].(*types.Func)
	return fn
}

// Callee returns the function a call through a variable or field invokes
// and the receiver expressions of the method values stored there (one per
// store; nil for a qualified function), when every value the holder can
// take is that same method value or function. Otherwise it returns nil.
func (ix *Index) Callee(call *ast.CallExpr) (*types.Func, []ast.Expr) {
	fn, sels := ix.Stored(call)
	if fn == nil {
		return nil, nil
	}
	recvs := make([]ast.Expr, 0, len(sels))
	for _, sel := range sels {
		if ix.info.Selections[sel] != nil {
			recvs = append(recvs, sel.X)
		} else {
			recvs = append(recvs, nil)
		}
	}
	return fn, recvs
}

// Stored is Callee with the stored selector expressions themselves
// (c.Do, pkg.F), for checks that judge a call by its selector.
func (ix *Index) Stored(call *ast.CallExpr) (*types.Func, []*ast.SelectorExpr) {
	obj, ok := ix.holder(call.Fun).(*types.Var)
	if !ok || ix.mixed[obj] || open(obj) {
		return nil, nil
	}
	sels := ix.stored[obj]
	if len(sels) == 0 {
		return nil, nil
	}
	var fn *types.Func
	for _, sel := range sels {
		m := ix.fn(sel)
		if m == nil || (fn != nil && m != fn) {
			return nil, nil
		}
		fn = m
	}
	return fn, sels
}

// open reports whether code out of sight may store into v: parameters
// and results, and exported package variables and fields.
func open(v *types.Var) bool {
	switch v.Kind() {
	case types.ParamVar, types.RecvVar, types.ResultVar:
		return true
	case types.PackageVar, types.FieldVar:
		return v.Exported()
	}
	return false
}
