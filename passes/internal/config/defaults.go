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
// answer no. The index is built on first use, once per package.
type Defaults struct {
	pass   *analysis.Pass
	built  bool
	stores map[*types.Var][]fieldStore
	params map[*types.Var]bool // parameters of exported functions
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
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil, nil, false
	}
	s := d.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return nil, nil, false
	}
	f, ok := s.Obj().(*types.Var)
	if !ok || f.Exported() || f.Pkg() != d.pass.Pkg {
		return nil, nil, false
	}
	if b, ok := f.Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsNumeric == 0 {
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
			case *ast.CompositeLit:
				d.literal(n)
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					f := d.field(lhs)
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
				if f := d.field(n.X); f != nil {
					d.stores[f] = append(d.stores[f], fieldStore{Unknown: true})
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					if f := d.field(n.X); f != nil {
						d.stores[f] = append(d.stores[f], fieldStore{Unknown: true})
					}
				}
			}
			return true
		})
	}
}

// field returns the unexported field of this package that e selects.
func (d *Defaults) field(e ast.Expr) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s := d.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return nil
	}
	f, ok := s.Obj().(*types.Var)
	if !ok || f.Exported() || f.Pkg() != d.pass.Pkg {
		return nil
	}
	return f
}

// literal records the stores a struct literal makes: each unexported field
// of this package it sets, and the ones it leaves unset.
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
		if f.Exported() || f.Pkg() != d.pass.Pkg {
			continue
		}
		if v, ok := set[f]; ok {
			d.stores[f] = append(d.stores[f], fieldStore{Value: v})
		} else if keyed {
			d.stores[f] = append(d.stores[f], fieldStore{Lit: lit})
		}
	}
}
