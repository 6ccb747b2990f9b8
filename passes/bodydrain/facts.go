package bodydrain

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// HelperFact summarizes a function that reads to EOF and/or closes a
// parameter: an io.Reader, an io.ReadCloser, or an *http.Response (whose
// Body is meant). Bit i stands for parameter i (receivers excluded).
type HelperFact struct {
	Drains uint64
	Closes uint64
}

// AFact marks HelperFact as an analysis fact.
func (*HelperFact) AFact() {}

func (f *HelperFact) String() string {
	return fmt.Sprintf("helper(drains=%s closes=%s)", bits(f.Drains), bits(f.Closes))
}

func bits(b uint64) string {
	var parts []string
	for i := range 64 {
		if b&(1<<i) != 0 {
			parts = append(parts, fmt.Sprint(i))
		}
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// isBodyParam reports whether t is a type whose argument a helper can
// drain or close.
func isBodyParam(t types.Type) bool {
	if isResponse(t) {
		return true
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "io" {
		return false
	}
	switch named.Obj().Name() {
	case "Reader", "ReadCloser", "ReadWriteCloser", "ReadSeekCloser":
		return true
	}
	return false
}

// isResponse reports whether t is *http.Response.
func isResponse(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "net/http" && named.Obj().Name() == "Response"
}

// computeFacts summarizes this package's helpers and exports their facts.
// It looks only at functions with a reader or response parameter, and
// runs twice so that helpers calling later helpers are seen.
func (c *checker) computeFacts() {
	type helper struct {
		fn   *types.Func
		decl *ast.FuncDecl
		ps   []*types.Var
	}
	var helpers []helper
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok || decl.Body == nil {
				continue
			}
			fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if !ok {
				continue
			}
			params := fn.Signature().Params()
			var ps []*types.Var
			relevant := false
			for i := range params.Len() {
				ps = append(ps, params.At(i))
				if i < 64 && isBodyParam(params.At(i).Type()) {
					relevant = true
				}
			}
			if relevant {
				helpers = append(helpers, helper{fn, decl, ps})
			}
		}
	}
	for range 2 {
		for _, h := range helpers {
			var fact HelperFact
			for i, p := range h.ps {
				if i >= 64 || !isBodyParam(p.Type()) {
					continue
				}
				drains, closes := c.paramEffects(h.decl.Body, p)
				if drains {
					fact.Drains |= 1 << i
				}
				if closes {
					fact.Closes |= 1 << i
				}
			}
			if fact.Drains != 0 || fact.Closes != 0 {
				c.local[h.fn] = &fact
			}
		}
	}
	for fn, fact := range c.local {
		c.pass.ExportObjectFact(fn, fact)
	}
}

// paramEffects reports whether body reads p (or p.Body) to EOF, and closes
// it, anywhere (deferred calls and closures included).
func (c *checker) paramEffects(body *ast.BlockStmt, p *types.Var) (drains, closes bool) {
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		isP := func(e ast.Expr) bool { return c.refersTo(e, p, true) }
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Close" && len(call.Args) == 0 && isP(sel.X) {
			closes = true
		}
		if i, ok := c.drainArg(call); ok && i < len(call.Args) && isP(call.Args[i]) {
			drains = true
		}
		if fact := c.helperFact(call); fact != nil {
			for i, a := range call.Args {
				if i < 64 && isP(a) {
					drains = drains || fact.Drains&(1<<i) != 0
					closes = closes || fact.Closes&(1<<i) != 0
				}
			}
		}
		return true
	})
	return drains, closes
}

// refersTo reports whether e is v, or v.Body when v is a response and
// body is set.
func (c *checker) refersTo(e ast.Expr, v *types.Var, body bool) bool {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		return c.pass.TypesInfo.Uses[id] == v
	}
	if sel, ok := e.(*ast.SelectorExpr); ok && body && sel.Sel.Name == "Body" && isResponse(v.Type()) {
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			return c.pass.TypesInfo.Uses[id] == v
		}
	}
	return false
}

// drainArg returns the index of the argument a standard function reads to
// EOF.
func (c *checker) drainArg(call *ast.CallExpr) (int, bool) {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return 0, false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "io.Copy", "io.CopyBuffer":
		return 1, true
	case "io.ReadAll", "io/ioutil.ReadAll", "bufio.NewScanner":
		return 0, true
	}
	return 0, false
}

// helperFact returns the fact of the called function, local or imported.
func (c *checker) helperFact(call *ast.CallExpr) *HelperFact {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if f, ok := c.local[fn]; ok {
		return f
	}
	if fn.Pkg() == c.pass.Pkg {
		return nil
	}
	var fact HelperFact
	if c.pass.ImportObjectFact(fn, &fact) {
		return &fact
	}
	return nil
}

var _ analysis.Fact = (*HelperFact)(nil)
