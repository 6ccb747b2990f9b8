package bodydrain

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/httplib"
	"github.com/connvet/connvet/passes/internal/report"
)

// A result type keeps a response body for its caller to read later: a
// query's rows, an export, a page of records. Its Close is where the body
// ends; a caller that stops early (the first matching row, one record, an
// error) leaves the rest unread, and a Close that closes the body as it is
// loses the connection. checkHolders judges each struct type of the
// package that stores a response body in a field:
//
//   - a Close method declared on the type that closes the field without
//     reading what is left (io.Copy to io.Discard, a read loop over the
//     field or over a reader the type built on the body, a helper known to
//     drain) is reported at that close, with a fix that drains first;
//   - a body stored as the type's embedded io.Closer (or io.ReadCloser),
//     whose promoted Close is the body's own, is reported where it is
//     stored.
//
// The type must read the body itself (a method reads the field, or a field
// holds a reader made over the body): a type that only carries a body its
// caller reads, or is itself a reader over it (a counting or progress
// reader with Read and Close), is the caller's to drain. A type whose package speaks
// text/event-stream around it is left alone: an event stream may never
// end, and closing it unread is the only way to stop.
func (c *checker) checkHolders() {
	h := &holders{c: c, byField: map[*types.Var]*bodyHolder{}, readers: map[*types.Named]map[*types.Var]bool{}, defs: map[*types.Var]ast.Expr{}}
	for _, f := range c.pass.Files {
		h.file(f)
	}
	for _, b := range h.order {
		h.judge(b)
	}
}

type holders struct {
	c       *checker
	byField map[*types.Var]*bodyHolder
	order   []*bodyHolder
	readers map[*types.Named]map[*types.Var]bool // fields holding a reader made over a body
	defs    map[*types.Var]ast.Expr              // locals defined once, to their value
}

// bodyHolder is a field of a struct type of the package that a response
// body is stored in.
type bodyHolder struct {
	named  *types.Named
	field  *types.Var
	stores []bodyStore
}

type bodyStore struct {
	node ast.Node       // the key-value element or the assignment
	body *ast.BlockStmt // the body of the function it is in
}

func (h *holders) file(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			body := bodyOf(n)
			if body == nil {
				return true // declared without a body (assembly, linkname)
			}
			// Each function's own statements; a nested literal is its own.
			ast.Inspect(body, func(m ast.Node) bool {
				switch m := m.(type) {
				case *ast.FuncLit:
					return false
				case *ast.AssignStmt:
					h.assign(m, n)
				case *ast.CompositeLit:
					h.literal(m, n)
				}
				return true
			})
		}
		return true
	})
}

func bodyOf(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Body
	case *ast.FuncLit:
		return n.Body
	}
	return nil
}

func (h *holders) assign(as *ast.AssignStmt, fn ast.Node) {
	info := h.c.pass.TypesInfo
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, l := range as.Lhs {
		r := as.Rhs[i]
		if id, ok := l.(*ast.Ident); ok && as.Tok == token.DEFINE {
			if v, ok := info.Defs[id].(*types.Var); ok {
				h.defs[v] = r
			}
			continue
		}
		sel, ok := ast.Unparen(l).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		s := info.Selections[sel]
		if s == nil || s.Kind() != types.FieldVal {
			continue
		}
		f, _ := s.Obj().(*types.Var)
		named := h.c.localStruct(s.Recv())
		if f == nil || named == nil || len(s.Index()) != 1 {
			continue
		}
		h.store(named, f, r, as, fn)
	}
}

func (h *holders) literal(lit *ast.CompositeLit, fn ast.Node) {
	info := h.c.pass.TypesInfo
	named := h.c.localStruct(info.TypeOf(lit))
	if named == nil {
		return
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if f, ok := info.Uses[id].(*types.Var); ok && f.IsField() {
			h.store(named, f, kv.Value, kv, fn)
		}
	}
}

// store records value stored in field f of named: the body itself, or a
// reader made over it.
func (h *holders) store(named *types.Named, f *types.Var, value ast.Expr, at, fn ast.Node) {
	switch {
	case h.c.isBody(value):
		b := h.byField[f]
		if b == nil {
			b = &bodyHolder{named: named, field: f}
			h.byField[f] = b
			h.order = append(h.order, b)
		}
		b.stores = append(b.stores, bodyStore{node: at, body: bodyOf(fn)})
	case h.overBody(value, 0):
		if h.readers[named] == nil {
			h.readers[named] = map[*types.Var]bool{}
		}
		h.readers[named][f] = true
	}
}

// isBody reports whether e is resp.Body for an http.Response resp.
func (c *checker) isBody(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Body" && isResponse(c.pass.TypesInfo.TypeOf(sel.X))
}

// overBody reports whether e is a reader made over a body by a call
// (csv.NewReader(resp.Body), bufio.NewScanner(gz)), directly or through a
// local defined once.
func (h *holders) overBody(e ast.Expr, depth int) bool {
	if depth > 3 {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if tv, ok := h.c.pass.TypesInfo.Types[e.Fun]; ok && tv.IsType() {
			return false
		}
		for _, a := range e.Args {
			if h.c.isBody(a) || h.overBody(a, depth+1) {
				return true
			}
		}
	case *ast.Ident:
		if v, ok := h.c.pass.TypesInfo.Uses[e].(*types.Var); ok {
			if d, ok := h.defs[v]; ok {
				return h.overBody(d, depth+1)
			}
		}
	}
	return false
}

// localStruct returns the named struct type of this package t is, or
// points to.
func (c *checker) localStruct(t types.Type) *types.Named {
	if t == nil {
		return nil
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() != c.pass.Pkg || n.TypeParams().Len() > 0 {
		return nil
	}
	if _, ok := n.Underlying().(*types.Struct); !ok {
		return nil
	}
	return n
}

func (h *holders) judge(b *bodyHolder) {
	c := h.c
	obj, index, _ := types.LookupFieldOrMethod(types.NewPointer(b.named), false, c.pass.Pkg, "Close")
	closeFn, ok := obj.(*types.Func)
	if !ok || closeFn.Signature().Params().Len() != 0 {
		return
	}
	if hasRead(types.NewPointer(b.named)) {
		return // a reader over the body (counting, progress): its caller reads it as the body
	}
	methods := h.methods(b.named)
	if h.eventStream(b, methods) {
		return
	}
	readers := h.readers[b.named]
	if len(readers) == 0 && !h.readsField(b, methods, closeFn) {
		return // a carrier: its caller reads the body
	}
	if len(index) == 1 {
		h.judgeClose(b, methods[closeFn], readers)
		return
	}
	st, _ := b.named.Underlying().(*types.Struct)
	if st == nil || index[0] >= st.NumFields() || st.Field(index[0]) != b.field || !b.field.Embedded() || len(index) != 2 {
		return // promoted from another embedded field
	}
	for _, s := range b.stores {
		report.Report(c.pass, analysis.Diagnostic{
			Pos: s.node.Pos(), End: s.node.End(),
			Message: fmt.Sprintf("the response body is kept as %s's embedded %s, so %s.Close is the body's own Close: a caller that stops reading before the end (one row, a match, an error) loses the connection; wrap the body in a Close that drains it first",
				b.named.Obj().Name(), b.field.Name(), b.named.Obj().Name()),
		})
	}
}

// methods returns the declarations of named's methods.
func (h *holders) methods(named *types.Named) map[*types.Func]*ast.FuncDecl {
	out := map[*types.Func]*ast.FuncDecl{}
	for i := range named.NumMethods() {
		m := named.Method(i)
		if d := h.c.declOf(m); d != nil && d.Body != nil {
			out[m] = d
		}
	}
	return out
}

// eventStream reports whether the functions that store the body, or the
// type's methods, mention text/event-stream.
func (h *holders) eventStream(b *bodyHolder, methods map[*types.Func]*ast.FuncDecl) bool {
	var nodes []ast.Node
	for _, s := range b.stores {
		if s.body != nil {
			nodes = append(nodes, s.body)
		}
	}
	for _, d := range methods {
		nodes = append(nodes, d.Body)
	}
	for _, n := range nodes {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			if lit, ok := m.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, ok := httplib.ConstString(h.c.pass.TypesInfo, lit); ok && strings.Contains(s, "text/event-stream") {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// readsField reports whether a method of the type other than Close reads
// the field: calls a method of it (Read) or hands it to a call
// (json.NewDecoder(t.body)). A method that returns it gives it to the
// caller to read.
func (h *holders) readsField(b *bodyHolder, methods map[*types.Func]*ast.FuncDecl, closeFn *types.Func) bool {
	info := h.c.pass.TypesInfo
	isField := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		s := info.Selections[sel]
		return s != nil && s.Obj() == b.field
	}
	for m, d := range methods {
		if m == closeFn {
			continue
		}
		found := false
		ast.Inspect(d.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && isField(sel.X) {
					found = true
				}
				for _, a := range call.Args {
					if isField(a) {
						found = true
					}
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// judgeClose judges a Close declared on the type: each close of the body
// field is reported unless the method reads what is left first (anywhere
// in it: a drain under a condition, such as "not at EOF yet", counts) or
// hands the field to code that may.
func (h *holders) judgeClose(b *bodyHolder, d *ast.FuncDecl, readers map[*types.Var]bool) {
	c := h.c
	if d == nil || d.Recv == nil || len(d.Recv.List) != 1 || len(d.Recv.List[0].Names) != 1 {
		return
	}
	info := c.pass.TypesInfo
	recv, _ := info.Defs[d.Recv.List[0].Names[0]].(*types.Var)
	if recv == nil {
		return
	}
	// ofRecv reports whether e is recv.f for the body field or a reader
	// field, or recv itself.
	ofRecv := func(e ast.Expr, readerToo, self bool) bool {
		e = ast.Unparen(e)
		if id, ok := e.(*ast.Ident); ok {
			return self && info.Uses[id] == recv
		}
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok || info.Uses[id] != recv {
			return false
		}
		s := info.Selections[sel]
		if s == nil {
			return false
		}
		f, _ := s.Obj().(*types.Var)
		return f == b.field || (readerToo && readers[f])
	}
	type closeAt struct {
		call *ast.CallExpr
		stmt ast.Stmt
	}
	var closes []closeAt
	drained, unknown := false, false
	var stack []ast.Node
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && ofRecv(sel.X, true, true) {
			if sel.Sel.Name == "Close" && ofRecv(sel.X, false, false) {
				closes = append(closes, closeAt{call, stmtOf(stack)})
				return true
			}
			if loopSince(stack, nil) {
				drained = true // for r.Next() {}, for err == nil { _, err = r.csv.Read() }
			}
			return true
		}
		for i, a := range call.Args {
			if !ofRecv(a, true, false) {
				continue
			}
			if j, ok := c.drainArg(call); ok && j == i {
				drained = true
			} else if fact := c.helperFact(call); fact != nil && i < 64 && fact.Drains&(1<<i) != 0 {
				drained = true
			} else if fn := typeutil.StaticCallee(info, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "io" && fn.Name() == "CopyN" && len(call.Args) == 3 && c.capLimit(call.Args[2]) {
				drained = true
			} else {
				unknown = true // handed to code that may drain it
			}
		}
		return true
	})
	if drained || unknown {
		return
	}
	name := b.named.Obj().Name()
	for _, cl := range closes {
		diag := analysis.Diagnostic{
			Pos: cl.call.Pos(), End: cl.call.End(),
			Message: fmt.Sprintf("%s.Close closes the response body in %s without reading the rest: a caller that stops reading before the end (one row, a match, an error) loses the connection; drain it first",
				name, b.field.Name()),
		}
		if len(b.stores) > 0 {
			diag.Related = []analysis.RelatedInformation{{Pos: b.stores[0].node.Pos(), End: b.stores[0].node.End(), Message: "the response body is kept here"}}
		}
		if cl.stmt != nil && hasRead(b.field.Type()) {
			if sel, ok := ast.Unparen(cl.call.Fun).(*ast.SelectorExpr); ok {
				if f, ok := c.drainFixOf(cl.stmt, types.ExprString(sel.X)); ok {
					diag.SuggestedFixes = []analysis.SuggestedFix{f}
				}
			}
		}
		report.Report(c.pass, diag)
	}
}

// hasRead reports whether t has a Read([]byte) (int, error) method.
func hasRead(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Read")
	fn, ok := obj.(*types.Func)
	return ok && fn.Signature().Params().Len() == 1
}
