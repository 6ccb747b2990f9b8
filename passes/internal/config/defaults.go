package config

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Defaults answers, for an unexported field of a struct type of the
// package being checked, whether the field is zero unless a caller of the
// package chooses otherwise: the functional-options shape
//
//	var defaultOptions = options{keepAlive: 30 * time.Second} // idle unset
//	func IdleTimeout(d time.Duration) Option { return func(o *options) { o.idle = d } }
//	...
//	&http.Transport{IdleConnTimeout: o.idle}
//
// Only the package can store into an unexported field, so every store is
// in sight: the field is zero by default when every store in the
// package's non-test files is a composite literal that leaves it unset (or
// sets a constant zero or less) or an assignment of a parameter of an
// exported function (an option a caller may pass). Any other store (a
// computed default, a value from a config, an address taken) makes the
// answer no. The index (the stores of every field of the package's struct
// types, and the fillers of Forgotten) is built on first use, once per
// package.
type Defaults struct {
	pass    *analysis.Pass
	built   bool
	stores  map[*types.Var][]fieldStore // every field of the package's struct types
	params  map[*types.Var]bool         // parameters of exported functions
	fillers []Filler                    // see Forgotten
}

// fieldStore is one store into a field: the literal that leaves it unset
// (Value nil, Lit set), or the value stored (Value set); Unknown when the
// store cannot be judged.
type fieldStore struct {
	Lit     *ast.CompositeLit
	Value   ast.Expr
	Unknown bool
}

// NewDefaults returns the (lazily built) defaults index of pass's package.
func NewDefaults(pass *analysis.Pass) *Defaults { return &Defaults{pass: pass} }

// Zero reports whether e reads a field that is zero by default (see
// Defaults), with the field and the composite literals that leave it unset.
func (d *Defaults) Zero(e ast.Expr) (*types.Var, []*ast.CompositeLit, bool) {
	if d == nil {
		return nil, nil, false
	}
	f, _ := d.numericField(e)
	if f == nil || f.Exported() {
		return nil, nil, false
	}
	d.build()
	var unset []*ast.CompositeLit
	for _, st := range d.stores[f] {
		switch {
		case st.Unknown:
			return nil, nil, false
		case st.Value == nil:
			unset = append(unset, st.Lit)
		case NonPositive(d.pass.TypesInfo, st.Value):
			// a constant zero or less: no timeout
		default:
			id, ok := ast.Unparen(st.Value).(*ast.Ident)
			if !ok {
				return nil, nil, false
			}
			if v, ok := d.pass.TypesInfo.Uses[id].(*types.Var); !ok || !d.params[v] {
				return nil, nil, false
			}
		}
	}
	if len(unset) == 0 {
		return nil, nil, false
	}
	return f, unset, true
}

func (d *Defaults) build() {
	if d.built {
		return
	}
	d.built = true
	d.stores = make(map[*types.Var][]fieldStore)
	d.params = make(map[*types.Var]bool)
	info := d.pass.TypesInfo
	for _, file := range d.pass.Files {
		name := d.pass.Fset.File(file.Pos()).Name()
		if strings.HasSuffix(name, "_test.go") {
			continue // tests configure; they do not make the default
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Name.IsExported() && n.Type.Params != nil {
					for _, fld := range n.Type.Params.List {
						for _, id := range fld.Names {
							if v, ok := info.Defs[id].(*types.Var); ok {
								d.params[v] = true
							}
						}
					}
				}
				if fl, ok := d.filler(n); ok {
					d.fillers = append(d.fillers, fl)
				}
			case *ast.CompositeLit:
				d.literal(n)
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					f, _ := d.selectedField(lhs)
					if f == nil {
						continue
					}
					if n.Tok != token.ASSIGN || len(n.Lhs) != len(n.Rhs) {
						d.stores[f] = append(d.stores[f], fieldStore{Unknown: true})
						continue
					}
					d.stores[f] = append(d.stores[f], fieldStore{Value: n.Rhs[i]})
				}
			case *ast.IncDecStmt:
				if f, _ := d.selectedField(n.X); f != nil {
					d.stores[f] = append(d.stores[f], fieldStore{Unknown: true})
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					if f, _ := d.selectedField(n.X); f != nil {
						d.stores[f] = append(d.stores[f], fieldStore{Unknown: true})
					}
				}
			}
			return true
		})
	}
}

// selectedField returns the field of a struct type of this package that
// e selects, and the type it is selected from.
func (d *Defaults) selectedField(e ast.Expr) (*types.Var, types.Type) {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil, nil
	}
	s := d.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return nil, nil
	}
	f, ok := s.Obj().(*types.Var)
	if !ok || f.Pkg() != d.pass.Pkg {
		return nil, nil
	}
	return f, s.Recv()
}

// numericField is selectedField for a field of a numeric type (a
// duration, a count).
func (d *Defaults) numericField(e ast.Expr) (*types.Var, types.Type) {
	f, recv := d.selectedField(e)
	if f == nil {
		return nil, nil
	}
	if b, ok := f.Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsNumeric == 0 {
		return nil, nil
	}
	return f, recv
}

// literal records the stores a struct literal makes: each field of this
// package it sets, and the ones it leaves unset.
func (d *Defaults) literal(lit *ast.CompositeLit) {
	tv, ok := d.pass.TypesInfo.Types[lit]
	if !ok {
		return
	}
	st, ok := tv.Type.Underlying().(*types.Struct)
	if !ok {
		return
	}
	keyed := len(lit.Elts) == 0
	set := make(map[*types.Var]ast.Expr)
	for i, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			keyed = true
			if id, ok := kv.Key.(*ast.Ident); ok {
				if f, ok := d.pass.TypesInfo.Uses[id].(*types.Var); ok {
					set[f] = kv.Value
				}
			}
		} else if i < st.NumFields() {
			set[st.Field(i)] = el
		}
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if f.Pkg() != d.pass.Pkg {
			continue
		}
		if v, ok := set[f]; ok {
			d.stores[f] = append(d.stores[f], fieldStore{Value: v})
		} else if keyed {
			d.stores[f] = append(d.stores[f], fieldStore{Lit: lit})
		}
	}
}

// A Filler is a function of the package that fills zero fields of a
// configuration struct with defaults (if c.Timeout == 0 { c.Timeout = ...
// }), and the last fill in it.
type Filler struct {
	Decl *ast.FuncDecl
	Last *ast.IfStmt
	Recv *types.Var // the struct variable it fills
}

// Forgotten reports whether e reads an exported numeric field of a struct
// type of the package that the package's own defaults forget: some
// function fills two or more other fields of the type when they are zero,
// and nothing in the package's non-test files ever stores into this one.
// A caller that does not set the field gets zero, while its neighbours get
// defaults: an oversight, not a choice left to the caller. It returns the
// fillers.
func (d *Defaults) Forgotten(e ast.Expr) (*types.Var, []Filler, bool) {
	if d == nil {
		return nil, nil, false
	}
	f, recv := d.numericField(e)
	if f == nil || !f.Exported() {
		return nil, nil, false
	}
	st := structOf(recv)
	if st == nil {
		return nil, nil, false
	}
	d.build()
	for _, st := range d.stores[f] {
		if st.Value != nil || st.Unknown {
			return nil, nil, false // stored somewhere: a default, or a choice
		}
	}
	var out []Filler
	for _, fl := range d.fillers {
		if structOf(fl.Recv.Type()) == st {
			out = append(out, fl)
		}
	}
	return f, out, len(out) > 0
}

func structOf(t types.Type) *types.Struct {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	st, _ := types.Unalias(t).Underlying().(*types.Struct)
	return st
}

// filler recognizes a function whose top-level statements fill two or more
// zero fields of one struct variable: if v.F == 0 { v.F = ... }.
func (d *Defaults) filler(decl *ast.FuncDecl) (Filler, bool) {
	if decl.Body == nil {
		return Filler{}, false
	}
	info := d.pass.TypesInfo
	var recv *types.Var
	var last *ast.IfStmt
	fills := 0
	for _, st := range decl.Body.List {
		ifs, ok := st.(*ast.IfStmt)
		if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
			continue
		}
		be, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if !ok || (be.Op != token.EQL && be.Op != token.LEQ) {
			continue
		}
		as, ok := ifs.Body.List[0].(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || as.Tok != token.ASSIGN {
			continue
		}
		f, _ := d.selectedField(be.X)
		if g, _ := d.selectedField(as.Lhs[0]); f == nil || g != f {
			continue
		}
		sel := ast.Unparen(be.X).(*ast.SelectorExpr)
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok {
			continue
		}
		v, _ := info.Uses[id].(*types.Var)
		if v == nil || (recv != nil && v != recv) {
			continue
		}
		recv, last = v, ifs
		fills++
	}
	if fills < 2 {
		return Filler{}, false
	}
	return Filler{Decl: decl, Last: last, Recv: recv}, true
}
