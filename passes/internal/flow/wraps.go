package flow

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// WrappedField returns the field that f wraps: when every value the
// package stores into the struct field f is a bufio reader, writer or
// ReadWriter built over the value stored into (or loaded from) another
// field g of the same struct value, it returns g. Composite literals,
// field assignments and constructors alike lower to such stores:
//
//	s := &session{conn: c, br: bufio.NewReader(c)}  // br wraps conn
//	s.bw = bufio.NewWriter(s.conn)                  // bw wraps conn
//
// A field stored in any other way, or wrapping different fields in
// different places, wraps nothing.
func (p *Program) WrappedField(f *types.Var) (*types.Var, bool) {
	if p == nil || f == nil || !f.IsField() {
		return nil, false
	}
	p.wrapsOnce.Do(p.buildWraps)
	g := p.wraps[f]
	return g, g != nil
}

// isWrapper reports whether fn builds a buffered reader or writer over its
// first argument (bufio.NewReader[Size], NewWriter[Size]) or a
// ReadWriter over its two.
func isWrapper(fn *ssa.Function) bool {
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "bufio" || fn.Signature.Recv() != nil {
		return false
	}
	switch fn.Name() {
	case "NewReader", "NewReaderSize", "NewWriter", "NewWriterSize", "NewReadWriter":
		return true
	}
	return false
}

// fieldOf returns the struct field a FieldAddr addresses.
func fieldOf(fa *ssa.FieldAddr) *types.Var {
	ptr, ok := types.Unalias(fa.X.Type()).Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return nil
	}
	return st.Field(fa.Field).Origin()
}

// strip removes the conversions that keep a value's identity.
func strip(v ssa.Value) ssa.Value {
	for range 8 {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		default:
			return v
		}
	}
	return v
}

// fieldStore is one store of val into field of the struct base points to.
type fieldStore struct {
	base  ssa.Value
	field *types.Var
	val   ssa.Value
}

func (p *Program) buildWraps() {
	p.wraps = map[*types.Var]*types.Var{}
	bad := map[*types.Var]bool{}
	p.Functions(func(fn *ssa.Function) {
		type key struct {
			base  ssa.Value
			field *types.Var
		}
		stored := map[key][]ssa.Value{}
		var wrapperStores []fieldStore
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				f := fieldOf(fa)
				if f == nil {
					continue
				}
				v := strip(st.Val)
				stored[key{fa.X, f}] = append(stored[key{fa.X, f}], v)
				if isBufioType(f.Type()) {
					wrapperStores = append(wrapperStores, fieldStore{fa.X, f, v})
				}
			}
		}
		for _, ws := range wrapperStores {
			g := wrappedBy(ws.base, ws.val, func(base ssa.Value, v ssa.Value) *types.Var {
				for k, vals := range stored {
					if k.base != base || k.field == ws.field {
						continue
					}
					for _, x := range vals {
						if x == v {
							return k.field
						}
					}
				}
				return nil
			})
			switch {
			case g == nil:
				bad[ws.field] = true
			case p.wraps[ws.field] != nil && p.wraps[ws.field] != g:
				bad[ws.field] = true
			default:
				p.wraps[ws.field] = g
			}
		}
	})
	for f := range bad {
		delete(p.wraps, f)
	}
}

// wrappedBy returns the field of base that the wrapper value v is built
// over: the argument of the bufio constructor is a value stored into
// another field of base, or loaded from one.
func wrappedBy(base, v ssa.Value, storedIn func(base, v ssa.Value) *types.Var) *types.Var {
	call, ok := v.(*ssa.Call)
	if !ok || !isWrapper(call.Call.StaticCallee()) || len(call.Call.Args) == 0 {
		return nil
	}
	arg := strip(call.Call.Args[0])
	if ld, ok := arg.(*ssa.UnOp); ok {
		if fa, ok := ld.X.(*ssa.FieldAddr); ok && fa.X == base {
			return fieldOf(fa)
		}
	}
	return storedIn(base, arg)
}

// isBufioType reports whether t is *bufio.Reader, *bufio.Writer or
// *bufio.ReadWriter.
func isBufioType(t types.Type) bool {
	ptr, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(ptr.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "bufio" {
		return false
	}
	switch n.Obj().Name() {
	case "Reader", "Writer", "ReadWriter":
		return true
	}
	return false
}
