package bodydrain

import (
	"fmt"
	"go/ast"
	"go/types"
)

// MethodFact marks an exported function that returns a request whose
// method is its parameter Param, passed unchanged to http.NewRequest* (an
// SDK's NewRequest(ctx, method, url string, ...) wrapper): a caller that
// passes the constant HEAD gets a request whose response has no body.
type MethodFact struct {
	Param int
}

// AFact marks MethodFact as an analysis fact.
func (*MethodFact) AFact() {}

func (f *MethodFact) String() string { return fmt.Sprintf("method(param=%d)", f.Param) }

// exportMethodFacts exports a MethodFact for each exported request
// wrapper of the package (see methodParam).
func (c *checker) exportMethodFacts() {
	for _, file := range c.pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || !fd.Name.IsExported() {
				continue
			}
			fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok || !returnsRequest(fn) {
				continue
			}
			if m := c.methodParam(fn); m.param >= 0 {
				c.pass.ExportObjectFact(fn, &MethodFact{Param: m.param})
			}
		}
	}
}

// returnsRequest reports whether fn's first result is an *http.Request.
func returnsRequest(fn *types.Func) bool {
	res := fn.Signature().Results()
	if res.Len() == 0 {
		return false
	}
	p, ok := res.At(0).Type().(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := p.Elem().(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Request"
}
