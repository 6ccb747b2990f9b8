package wire

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
)

// Unit is one top-level function (closures included) ready for queries:
// its Scope, whose cursor answers for the parents of its syntax.
type Unit struct {
	*Scope
	Root   ast.Node // the FuncDecl or top-level FuncLit
	writes map[*ast.CallExpr]Write
	count  map[types.Object]int // writes per connection, closures included
	// callerRead: connection parameters of a function that is handed the
	// request read from them (see CallerRead).
	callerRead []types.Object
}

// NewUnit indexes the function at decl (a *ast.FuncDecl or *ast.FuncLit).
func (m *Model) NewUnit(decl inspector.Cursor) *Unit { return m.newUnit(decl, nil) }

// newUnit is NewUnit with parameters taken to be connections.
func (m *Model) newUnit(decl inspector.Cursor, params map[*types.Var]bool) *Unit {
	scope := m.NewScope(decl)
	u := &Unit{Scope: scope, Root: decl.Node(),
		writes: map[*ast.CallExpr]Write{}, count: map[types.Object]int{}}
	if params == nil && m.Interfaces {
		params = u.adopt()
	}
	scope.params = params
	for cur := range decl.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if w, ok := u.WriteOf(call); ok {
			u.writes[call] = w
			u.count[w.Conn]++
		}
	}
	return u
}

// ParamUnit indexes fn, a function of the package with a body, with its
// parameter i taken to be a connection (a summary of what fn does with
// the connection a caller passes there). It returns nil when fn has no
// body in the package or the parameter cannot carry a connection (see
// writerType).
func (m *Model) ParamUnit(fn *types.Func, i int) (*Unit, *types.Var) {
	if fn == nil || fn.Pkg() != m.pkg {
		return nil, nil
	}
	decl, ok := m.decl(fn)
	if !ok {
		return nil, nil
	}
	d, _ := decl.Node().(*ast.FuncDecl)
	sig := fn.Signature()
	if d == nil || d.Body == nil || d.Type.TypeParams != nil || i >= sig.Params().Len() || (sig.Variadic() && i == sig.Params().Len()-1) {
		return nil, nil
	}
	p := sig.Params().At(i)
	if !m.writerType(p.Type()) {
		return nil, nil
	}
	return m.newUnit(decl, map[*types.Var]bool{p: true}), p
}

// funcType is the signature of the unit's function, nil for a unit that
// is no function.
func (u *Unit) funcType() *ast.FuncType {
	switch r := u.Root.(type) {
	case *ast.FuncDecl:
		return r.Type
	case *ast.FuncLit:
		return r.Type
	}
	return nil
}

// adopt returns the variables of interface types the unit takes for
// connections under Model.Interfaces: those a request is read from
// (http.ReadRequest(bufio.NewReader(rwc))), and the connection parameters
// of a function that is handed a request (see CallerRead).
func (u *Unit) adopt() map[*types.Var]bool {
	m := u.m
	adopted := map[*types.Var]bool{}
	// The parameters of a function handed a request and no
	// ResponseWriter: handle(req *http.Request, rwc io.ReadWriteCloser).
	ft := u.funcType()
	if ft != nil && ft.Params != nil && m.httpReq != nil {
		var conns []*types.Var
		hasReq, hasWriter := false, false
		for _, field := range ft.Params.List {
			for _, n := range field.Names {
				p, ok := m.Info.Defs[n].(*types.Var)
				if !ok || p.Name() == "_" {
					continue
				}
				t := p.Type()
				switch {
				case types.Identical(t, m.httpReq):
					hasReq = true
				case m.respWriter != nil && types.Identical(t, m.respWriter):
					hasWriter = true
				case m.IsConnType(t) || connIface(t, false):
					conns = append(conns, p)
				}
			}
		}
		if hasReq && !hasWriter {
			for _, p := range conns {
				if !m.IsConnType(p.Type()) {
					adopted[p] = true
				}
				u.callerRead = append(u.callerRead, p)
			}
		}
	}
	// Interface values a request is read from.
	ast.Inspect(u.Root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		f := m.Callee(call)
		if f == nil || (f != m.ReadRequest && !m.FastReads[f] && !m.readsRequest(f)) {
			return true
		}
		e := call.Args[0]
		for range 8 {
			e = ast.Unparen(e)
			if c, ok := e.(*ast.CallExpr); ok {
				g := m.Callee(c)
				if g == nil || (!m.newReader[g] && !m.newReadWriter[g]) || len(c.Args) == 0 {
					break
				}
				e = c.Args[0]
				continue
			}
			v := u.varOf(e)
			if v == nil {
				break
			}
			if connIface(v.Type(), true) {
				if u.assigns[v] <= 1 && !u.addr[v] {
					adopted[v] = true
				}
				break
			}
			if !m.identical(v.Type(), m.bufReader) && !m.identical(v.Type(), m.bufRW) {
				break
			}
			d, ok := u.def(v)
			if !ok || d.rhs == nil {
				break
			}
			e = d.rhs
		}
		return true
	})
	if len(adopted) == 0 {
		return nil
	}
	return adopted
}

// CallerRead returns the connection parameters of the unit's function
// when it is handed a request (a *http.Request parameter) and no
// http.ResponseWriter, under Model.Interfaces: the request was read from
// the connection by the caller, and the function answers it
// (handleConnect(req *http.Request, rwc io.ReadWriteCloser)).
func (u *Unit) CallerRead() []types.Object { return u.callerRead }

// Parent returns the syntax node enclosing n: nil for Root and for nodes
// outside the unit.
func (u *Unit) Parent(n ast.Node) ast.Node { return u.parentOf(n) }

// Writes returns every recognized write call of the unit.
func (u *Unit) Writes() map[*ast.CallExpr]Write { return u.writes }

// Response is a response written to one connection by consecutive
// statements of one block.
type Response struct {
	Conn   types.Object
	Writes []Write
	Stmts  []ast.Stmt // the statements holding the writes, first to last
	// Text is what the writes put on the wire, from the final response on:
	// informational heads (100 Continue) written before it are skipped.
	Text Text
	Head Head
	// Whole is set when nothing after the response (up to the end of its
	// loop body or function) writes to Conn or hands it away, so its body
	// is all there is.
	Whole bool
}

// Responses returns the responses written in body (the body of the unit's
// function or of a closure inside it; nested closures are not entered).
func (u *Unit) Responses(body *ast.BlockStmt) []Response {
	var out []Response
	visit := func(list []ast.Stmt) {
		for i := 0; i < len(list); i++ {
			w, ok := u.stmtWrite(list[i])
			if !ok {
				continue
			}
			if _, ok := ParseHead(w.Text); !ok {
				continue
			}
			r := Response{Conn: w.Conn, Writes: []Write{w}, Stmts: []ast.Stmt{list[i]}, Text: w.Text}
			if u.interrupts(list[i], w.Conn, w.Call) {
				out = append(out, u.finish(r, true))
				continue
			}
			j, interrupted := i+1, false
			for ; j < len(list); j++ {
				w2, ok := u.stmtWrite(list[j])
				if ok && w2.Conn == w.Conn {
					if _, head := ParseHead(w2.Text); head {
						break
					}
					r.Writes = append(r.Writes, w2)
					r.Stmts = append(r.Stmts, list[j])
					r.Text = Concat(r.Text, w2.Text)
					if u.interrupts(list[j], w.Conn, w2.Call) {
						j++
						interrupted = true
						break
					}
					continue
				}
				if u.interrupts(list[j], w.Conn, nil) {
					interrupted = true
					break
				}
			}
			out = append(out, u.finish(r, interrupted))
			i = j - 1
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			visit(n.List)
		case *ast.CaseClause:
			visit(n.Body)
		case *ast.CommClause:
			visit(n.Body)
		}
		return true
	})
	return out
}

func (u *Unit) finish(r Response, interrupted bool) Response {
	if h, t, ok := Final(r.Text); ok {
		r.Head, r.Text = h, t
	}
	if interrupted {
		return r
	}
	// Whole when nothing after the response, up to the end of the loop
	// body or function, writes to the conn or hands it away.
	var bound ast.Node = u.EnclosingFunc(r.Stmts[0])
	if loop := u.EnclosingLoop(r.Stmts[0]); loop != nil {
		switch l := loop.(type) {
		case *ast.ForStmt:
			bound = l.Body
		case *ast.RangeStmt:
			bound = l.Body
		}
	}
	// A statement that starts by writing the head of a new response ends
	// this one: what it and later statements write belongs to the next.
	last := r.Stmts[len(r.Stmts)-1]
	next := false
	r.Whole = bound != nil && (!u.Later(last, bound, func(s ast.Stmt, _ bool) bool {
		if w, ok := u.stmtWrite(s); ok && w.Conn == r.Conn {
			if _, head := ParseHead(w.Text); head {
				next = true
				return true
			}
		}
		return u.interrupts(s, r.Conn, nil)
	}) || next)
	return r
}

// stmtWrite recognizes a statement that is a write: a call statement, an
// assignment of a write's results, or an if whose init is one of those.
func (u *Unit) stmtWrite(st ast.Stmt) (Write, bool) {
	if ifs, ok := st.(*ast.IfStmt); ok && ifs.Init != nil {
		st = ifs.Init
	}
	call := StmtCall(st)
	if call == nil {
		return Write{}, false
	}
	w, ok := u.writes[call]
	return w, ok
}

// Interrupts reports whether n writes to conn or uses it in a way the
// model does not follow.
func (u *Unit) Interrupts(n ast.Node, conn types.Object) bool { return u.interrupts(n, conn, nil) }

// interrupts reports whether n (other than the write call self) writes to
// conn or uses it in a way the model does not follow.
func (u *Unit) interrupts(n ast.Node, conn types.Object, self *ast.CallExpr) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if found {
			return false
		}
		switch x := x.(type) {
		case *ast.CallExpr:
			if w, ok := u.writes[x]; ok && x != self && w.Conn == conn {
				found = true
			}
		case *ast.Ident:
			if v, ok := u.m.Info.Uses[x].(*types.Var); ok && u.IsConnFamily(v, conn) && !u.benign(x) {
				found = true
			}
		}
		return !found
	})
	return found
}

// Benign reports whether the use id of a connection keeps it inside the
// model (see benign).
func (u *Unit) Benign(id *ast.Ident) bool { return u.benign(id) }

// benign reports whether the use id of a connection (or a bufio reader or
// writer over it) keeps it inside the model: the receiver of a method call,
// the argument of a bufio constructor, of a recognized write or read.
func (u *Unit) benign(ident *ast.Ident) bool {
	var id ast.Expr = ident
	if v, ok := u.m.Info.Uses[ident].(*types.Var); ok {
		if u.isFieldBase(v) {
			return u.baseUse(ident)
		}
		if v.IsField() && u.fields[v] != nil {
			if sel, ok := u.parentOf(ident).(*ast.SelectorExpr); ok && sel.Sel == ident {
				id = sel // s.conn: judge the selector as the use
			}
		}
	}
	switch p := u.parentOf(id).(type) {
	case *ast.SelectorExpr:
		if p.X != id {
			return false
		}
		if call, ok := u.parentOf(p).(*ast.CallExpr); ok && call.Fun == p {
			return true
		}
		// A Close method value (hangup := conn.Close) keeps the
		// connection where it is.
		sel := u.m.Info.Selections[p]
		return sel != nil && sel.Kind() == types.MethodVal && sel.Obj().Name() == "Close"
	case *ast.CallExpr:
		if p.Fun == id {
			return false
		}
		if _, ok := u.writes[p]; ok {
			return true
		}
		f := u.m.Callee(p)
		m := u.m
		for i, a := range p.Args {
			if a == id && m.closers[f][i] {
				return true // a release helper closes it
			}
			if a == id && m.HandsNowhere && f != nil && f.Pkg() == m.pkg && !p.Ellipsis.IsValid() && !inGoOrDefer(u, p) && !m.ParamKeeps(f, i) {
				return true // a function of the package that keeps it nowhere
			}
		}
		if f != nil && isFormatting(f) && (len(p.Args) == 0 || p.Args[0] != id || !isFprint(f)) {
			return true // printed or logged: %T, %v, RemoteAddr in a message
		}
		return f != nil && (f == m.ReadRequest || m.FastReads[f] || m.readsRequest(f) || m.newReader[f] || m.newWriter[f] ||
			m.newReadWriter[f] || f == m.RespWrite || m.FastRespWrite[f])
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == id {
				return true
			}
		}
	case *ast.ValueSpec:
		return true
	case *ast.ParenExpr:
		return false
	case *ast.TypeAssertExpr:
		return p.X == id && u.lookOnly(p)
	}
	return false
}

// lookOnly reports whether the type assertion ta is assigned to a variable
// that is only used to call methods other than Close on
// (if c, ok := rwc.(net.Conn); ok { host = c.RemoteAddr().String() }): a
// look at the connection that keeps it nowhere.
func (u *Unit) lookOnly(ta *ast.TypeAssertExpr) bool {
	as, ok := u.parentOf(ta).(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || as.Rhs[0] != ta || len(as.Lhs) == 0 {
		return false
	}
	lid, ok := as.Lhs[0].(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := u.m.Info.ObjectOf(lid).(*types.Var)
	if !ok {
		return false
	}
	if lid.Name == "_" {
		return true
	}
	look := true
	ast.Inspect(u.Root, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !look || !isID || id == lid || u.m.Info.Uses[id] != v {
			return look
		}
		sel, ok := u.parentOf(id).(*ast.SelectorExpr)
		if !ok || sel.X != id || sel.Sel.Name == "Close" {
			look = false
			return false
		}
		if call, ok := u.parentOf(sel).(*ast.CallExpr); !ok || call.Fun != sel {
			look = false
		}
		return look
	})
	return look
}

// isFieldBase reports whether v is the variable some tracked field is
// selected from.
func (u *Unit) isFieldBase(v *types.Var) bool {
	for _, b := range u.fields {
		if b == v {
			return true
		}
	}
	return false
}

// isFormatting reports whether f formats its operands into text: the fmt
// and log printing functions and *log.Logger's methods. Formatting a
// connection does not keep it.
func isFormatting(f *types.Func) bool {
	if f.Pkg() == nil {
		return false
	}
	switch f.Pkg().Path() {
	case "fmt":
		return strings.Contains(f.Name(), "print") || strings.Contains(f.Name(), "Print") || f.Name() == "Errorf"
	case "log":
		return strings.HasPrefix(f.Name(), "Print") || strings.HasPrefix(f.Name(), "Fatal") || strings.HasPrefix(f.Name(), "Panic")
	}
	return false
}

// isFprint reports whether f's first operand is the writer it prints to.
func isFprint(f *types.Func) bool {
	return f.Pkg() != nil && f.Pkg().Path() == "fmt" && strings.HasPrefix(f.Name(), "Fprint")
}

// Escapes reports whether conn (or a bufio reader or writer over it) is
// used anywhere in the unit in a way the model does not follow: passed to
// an unknown function, stored, returned, sent, converted.
func (u *Unit) Escapes(conn types.Object) bool {
	found := false
	ast.Inspect(u.Root, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok {
			if v, ok := u.m.Info.Uses[id].(*types.Var); ok && u.IsConnFamily(v, conn) && !u.benign(id) {
				found = true
			}
		}
		return !found
	})
	return found
}

// EscapeAfter reports whether conn escapes (as in Escapes) somewhere that
// can run after st: before st in the source, or on a path from st. A use
// after st that every path from st reaches only past a return (another
// branch: the success path of a proxy that splices the connection) does
// not count.
func (u *Unit) EscapeAfter(st ast.Node, conn types.Object) bool {
	return u.EscapeAfterCall(st, nil, conn)
}

// EscapeAfterCall is EscapeAfter with the uses inside call (the call that
// led to st, such as an if statement's condition) left out.
func (u *Unit) EscapeAfterCall(st ast.Node, call *ast.CallExpr, conn types.Object) bool {
	var uses []*ast.Ident
	ast.Inspect(u.Root, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok {
			if v, ok := u.m.Info.Uses[id].(*types.Var); ok && u.IsConnFamily(v, conn) && !u.benign(id) {
				uses = append(uses, id)
			}
		}
		return true
	})
	fn := u.EnclosingFunc(st)
	var later []*ast.Ident
	for _, id := range uses {
		if call != nil && call.Pos() <= id.Pos() && id.End() <= call.End() {
			continue
		}
		if u.EnclosingFunc(id) != fn {
			return true // in another function (a closure, a goroutine)
		}
		if id.Pos() < st.Pos() && !u.Exclusive(id, st) {
			return true // before it, maybe on its path
		}
		if id.Pos() >= st.End() {
			later = append(later, id)
		}
	}
	if _, isReturn := st.(*ast.ReturnStmt); len(later) == 0 || isReturn {
		return false // nothing later runs after a return
	}
	if loop := u.EnclosingLoop(st); loop != nil && !u.returnsInLoop(st, loop) {
		return true // the loop may come round to any of them
	}
	found := false
	u.Later(st, fn, func(s ast.Stmt, inSwitch bool) bool {
		for _, id := range later {
			if s.Pos() <= id.Pos() && id.End() <= s.End() {
				found = true
				return true
			}
		}
		return Terminates(s, inSwitch)
	})
	return found
}

// returnsInLoop reports whether every path from st returns before the
// loop around it comes round again: a return statement follows st (or a
// statement enclosing it) in its block inside the loop, with no break,
// continue or goto in between.
func (u *Unit) returnsInLoop(st ast.Node, loop ast.Stmt) bool {
	if _, ok := st.(*ast.ReturnStmt); ok {
		return true
	}
	n := st
	for p := range u.ancestors(st) {
		if p == loop {
			return false
		}
		block, ok := p.(*ast.BlockStmt)
		if !ok {
			n = p
			continue
		}
		after := false
		for _, s := range block.List {
			if !after {
				after = s == n
				continue
			}
			if _, ok := s.(*ast.ReturnStmt); ok {
				return true
			}
			if hasBranch(s) {
				return false
			}
		}
		n = p
	}
	return false
}

// hasBranch reports whether n holds a break, continue or goto (outside
// function literals).
func hasBranch(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		switch x.(type) {
		case *ast.BranchStmt:
			found = true
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

// Exclusive reports whether no run of their function reaches both a and
// b: they lie in different branches of one if statement, or different
// clauses of one switch or select, which no loop inside the function
// repeats; or a, before b, lies in a branch that returns (or panics)
// before the paths join.
func (u *Unit) Exclusive(a, b ast.Node) bool {
	onA := map[ast.Node]ast.Node{} // ancestor of a -> its child towards a
	for c, p := a, u.Parent(a); p != nil; c, p = p, u.Parent(p) {
		onA[p] = c
		if _, isFunc := p.(*ast.FuncDecl); isFunc {
			break
		}
	}
	for c, p := b, u.Parent(b); p != nil; c, p = p, u.Parent(p) {
		ca, ok := onA[p]
		if !ok {
			continue
		}
		// p is the nearest common ancestor, ca and c its children.
		if ca == c || u.EnclosingLoop(p) != nil {
			return false
		}
		if a.Pos() < b.Pos() && u.returnsBefore(a, p) {
			return true
		}
		switch p := p.(type) {
		case *ast.IfStmt:
			branch := func(n ast.Node) bool { return n == ast.Node(p.Body) || (p.Else != nil && n == ast.Node(p.Else)) }
			return branch(ca) && branch(c)
		case *ast.BlockStmt:
			clause := func(n ast.Node) bool {
				switch n.(type) {
				case *ast.CaseClause, *ast.CommClause:
					return true
				}
				return false
			}
			return clause(ca) && clause(c)
		}
		return false
	}
	return false
}

// returnsBefore reports whether a lies in a branch of an if statement
// below the node top whose statements end with a return or a panic: the
// path through a leaves the function before it gets past that if.
func (u *Unit) returnsBefore(a, top ast.Node) bool {
	for c, p := a, u.Parent(a); p != nil && p != top; c, p = p, u.Parent(p) {
		ifs, ok := p.(*ast.IfStmt)
		if !ok {
			continue
		}
		var branch *ast.BlockStmt
		switch c {
		case ast.Node(ifs.Body):
			branch = ifs.Body
		case ifs.Else:
			branch, _ = ifs.Else.(*ast.BlockStmt)
		}
		if branch == nil || len(branch.List) == 0 {
			continue
		}
		switch last := branch.List[len(branch.List)-1].(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.ExprStmt:
			if Terminates(last, false) {
				return true // panic
			}
		}
	}
	return false
}

// LoopOver returns the innermost for or range statement around n, inside
// n's function, that does not contain the definition of conn: a loop that
// can come round to the same connection. A loop that defines conn (an
// accept loop) makes a new connection each time round.
func (u *Unit) LoopOver(n ast.Node, conn types.Object) ast.Stmt {
	for p := range u.ancestors(n) {
		switch p.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if conn == nil || conn.Pos() < p.Pos() || conn.Pos() >= p.End() {
				return p.(ast.Stmt)
			}
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		}
	}
	return nil
}

// EnclosingLoop returns the innermost for or range statement around n
// inside the unit's function that encloses n, without crossing a closure.
func (u *Unit) EnclosingLoop(n ast.Node) ast.Stmt {
	for p := range u.ancestors(n) {
		switch p := p.(type) {
		case *ast.ForStmt:
			return p
		case *ast.RangeStmt:
			return p
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		}
	}
	return nil
}

// EnclosingFunc returns the body of the function or closure around n.
func (u *Unit) EnclosingFunc(n ast.Node) *ast.BlockStmt {
	for p := range u.ancestors(n) {
		switch p := p.(type) {
		case *ast.FuncLit:
			return p.Body
		case *ast.FuncDecl:
			return p.Body
		}
	}
	return nil
}

// Later calls pred on every statement that follows st unconditionally on
// the way out to until (a loop's or a function's body block): the later
// statements of each enclosing block. The flag tells whether a switch or
// select lies between that statement and until (so a plain break there
// does not leave until). It stops at the first pred that returns true.
//
// Control that leaves a block does not fall through to what follows it
// textually: after a return, a goto, a panic, or a break or continue
// whose target is until's loop or beyond, nothing later runs, and the walk
// ends (false) once pred has seen that statement. A break or continue
// aimed at a statement inside until resumes after that statement. (A
// continue of an inner loop is taken to leave it, an approximation.)
func (u *Unit) Later(st ast.Node, until ast.Node, pred func(s ast.Stmt, inSwitch bool) bool) bool {
	child := st
walk:
	for child != until {
		p := u.Parent(child)
		if p == nil {
			return false
		}
		var list []ast.Stmt
		switch p := p.(type) {
		case *ast.BlockStmt:
			switch u.Parent(p).(type) {
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				// clauses, not a sequence of statements
			default:
				list = p.List
			}
		case *ast.CaseClause:
			list = p.Body
		case *ast.CommClause:
			list = p.Body
		case *ast.FuncLit:
			return false
		}
		inSwitch := u.switchBetween(p, until)
		after := false
		for _, s := range list {
			if !after {
				after = s == child
				continue
			}
			if pred(s, inSwitch) {
				return true
			}
			if jumps, resume := u.jump(s, until); jumps {
				if resume == nil {
					return false // control leaves until
				}
				child = resume
				continue walk
			}
		}
		child = p
	}
	return false
}

// jump reports whether s, a statement of a list, transfers control away
// from the statements that follow it, and the statement inside until
// (strictly) after which control resumes, or nil when it leaves until.
func (u *Unit) jump(s ast.Stmt, until ast.Node) (bool, ast.Node) {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true, nil
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" && len(call.Args) == 1 {
				if _, builtin := u.m.Info.Uses[id].(*types.Builtin); builtin {
					return true, nil
				}
			}
		}
	case *ast.BranchStmt:
		switch s.Tok {
		case token.GOTO:
			return true, nil
		case token.BREAK, token.CONTINUE:
			target := u.branchTarget(s)
			if target == nil || !u.strictlyInside(target, until) {
				return true, nil
			}
			return true, target
		}
	}
	return false, nil
}

// branchTarget returns the statement a break or continue refers to: the
// labeled statement's, or the innermost enclosing loop (for break, also
// switch or select).
func (u *Unit) branchTarget(b *ast.BranchStmt) ast.Node {
	for p := u.Parent(b); p != nil; p = u.Parent(p) {
		switch p := p.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		case *ast.LabeledStmt:
			if b.Label != nil && p.Label.Name == b.Label.Name {
				return p
			}
		case *ast.ForStmt, *ast.RangeStmt:
			if b.Label == nil {
				return p
			}
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if b.Label == nil && b.Tok == token.BREAK {
				return p
			}
		}
	}
	return nil
}

// strictlyInside reports whether n lies inside until and is not until.
func (u *Unit) strictlyInside(n, until ast.Node) bool {
	for p := u.Parent(n); p != nil; p = u.Parent(p) {
		if p == until {
			return true
		}
	}
	return false
}

func (u *Unit) switchBetween(n, until ast.Node) bool {
	for p := n; p != nil && p != until; p = u.Parent(p) {
		switch p.(type) {
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			return true
		}
	}
	return false
}

// StmtCall returns the call a statement consists of: a call statement, or
// an assignment of one call's results (n, err := conn.Write(b)); else nil.
func StmtCall(st ast.Stmt) *ast.CallExpr {
	var call *ast.CallExpr
	switch st := st.(type) {
	case *ast.ExprStmt:
		call, _ = ast.Unparen(st.X).(*ast.CallExpr)
	case *ast.AssignStmt:
		if len(st.Rhs) == 1 {
			call, _ = ast.Unparen(st.Rhs[0]).(*ast.CallExpr)
		}
	}
	return call
}

// IsCloseOf reports whether st is the statement conn.Close() (or a close
// of a bufio writer's conn; results may be assigned).
func (u *Unit) IsCloseOf(st ast.Stmt, conn types.Object) bool {
	call := StmtCall(st)
	if d, ok := st.(*ast.DeferStmt); ok {
		call = d.Call
	}
	if call == nil {
		return false
	}
	x, ok := u.m.IsClose(call)
	if !ok {
		return false
	}
	r, ok := u.ConnOf(x)
	return ok && r == conn
}

// Closes returns the calls in the unit that close conn, with whether each
// is deferred.
func (u *Unit) Closes(conn types.Object) (calls []*ast.CallExpr, deferred []bool) {
	ast.Inspect(u.Root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if x, ok := u.m.IsClose(call); ok {
			if r, ok := u.ConnOf(x); ok && r == conn {
				_, d := u.parentOf(call).(*ast.DeferStmt)
				calls = append(calls, call)
				deferred = append(deferred, d)
			}
		}
		return true
	})
	return calls, deferred
}

// Terminates reports whether st leaves the enclosing loop or function
// unconditionally: return, panic, goto, or break (outside a switch).
func Terminates(st ast.Stmt, inSwitch bool) bool {
	switch st := st.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		switch st.Tok {
		case token.GOTO:
			return true
		case token.BREAK:
			return !inSwitch || st.Label != nil
		}
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(st.X).(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" && len(call.Args) == 1 {
				return true
			}
		}
	}
	return false
}

// ReadsFrom reports whether n (say a loop, header included) contains a read of a request (or of any
// bytes) from conn: http.ReadRequest or a fasthttp Read over a reader on
// conn, a Read of conn itself, or a method of a bufio.Reader over conn.
func (u *Unit) ReadsFrom(n ast.Node, conn types.Object) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if u.IsRequestRead(call, conn) {
			found = true
			return false
		}
		f := u.m.Callee(call)
		if f != nil && u.m.isRead(f) {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				if r, ok := u.ReaderOf(sel.X); ok && r == conn {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// RequestRead returns the connection a call reads a request from:
// http.ReadRequest(br) or a fasthttp Request/RequestHeader Read* method
// with a bufio.Reader over a conn.
//
// A function of the package's own that reads a request from a
// bufio.Reader (func(*bufio.Reader) (*http.Request, error), a wrapper of
// http.ReadRequest) reads one too. A bufio.Reader that is a parameter of
// the unit's function, over no connection the function knows, reads the
// connection that is the function's only connection parameter: the caller
// made the reader over it (handle(conn net.Conn, br *bufio.Reader)).
func (u *Unit) RequestRead(call *ast.CallExpr) (types.Object, bool) {
	f := u.m.Callee(call)
	if f == nil || (f != u.m.ReadRequest && !u.m.FastReads[f] && !u.m.readsRequest(f)) || len(call.Args) == 0 {
		return nil, false
	}
	if conn, ok := u.ReaderOf(call.Args[0]); ok {
		return conn, true
	}
	return u.pairedConn(call.Args[0])
}

// readsRequest reports whether f is a function of the package being
// analyzed with the shape of http.ReadRequest: func(*bufio.Reader)
// (*http.Request, error).
func (m *Model) readsRequest(f *types.Func) bool {
	if f.Pkg() != m.pkg || m.HTTPResponse == nil || m.ReadRequest == nil {
		return false
	}
	sig := f.Signature()
	want := m.ReadRequest.Signature()
	return sig.Recv() == nil && types.Identical(sig.Params(), want.Params()) && types.Identical(sig.Results(), want.Results())
}

// pairedConn returns the connection a bufio.Reader parameter of the unit's
// function reads: the function's only parameter of a connection type.
func (u *Unit) pairedConn(e ast.Expr) (types.Object, bool) {
	v := u.varOf(e)
	if v == nil || v.Kind() != types.ParamVar || (!u.m.identical(v.Type(), u.m.bufReader) && !u.m.identical(v.Type(), u.m.bufRW)) {
		return nil, false
	}
	ft := u.funcType()
	if ft == nil || ft.Params == nil || v.Pos() < ft.Params.Pos() || v.Pos() >= ft.Params.End() {
		return nil, false
	}
	if u.assigns[v] > 0 {
		return nil, false // replaced by another reader
	}
	var conn types.Object
	for _, field := range ft.Params.List {
		for _, n := range field.Names {
			p, ok := u.m.Info.Defs[n].(*types.Var)
			if !ok || !u.m.IsConnType(p.Type()) {
				continue
			}
			if conn != nil {
				return nil, false // two connections: which one is unknown
			}
			conn = p
		}
	}
	return conn, conn != nil
}

// IsRequestRead reports whether call reads a request from conn.
func (u *Unit) IsRequestRead(call *ast.CallExpr, conn types.Object) bool {
	r, ok := u.RequestRead(call)
	return ok && r == conn
}

// Units calls fn for every top-level function of the package: function
// declarations and function literals outside any function.
func (m *Model) Units(insp *inspector.Inspector, fn func(*Unit)) {
	m.insp = insp
	// Not descending into a unit keeps its closures in it.
	insp.Root().Inspect([]ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)}, func(cur inspector.Cursor) bool {
		n := cur.Node()
		if d, ok := n.(*ast.FuncDecl); ok && d.Body == nil {
			return false
		}
		if !m.mentionsWire(n) {
			return false // no write, request read, hijack or ctx.Conn(): nothing to model
		}
		fn(m.NewUnit(cur))
		return false
	})
}

// Bodies returns the body of the unit's function and of every closure in it.
func (u *Unit) Bodies() []*ast.BlockStmt {
	var out []*ast.BlockStmt
	ast.Inspect(u.Root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				out = append(out, n.Body)
			}
		case *ast.FuncLit:
			out = append(out, n.Body)
		}
		return true
	})
	return out
}

// Imports reports whether pkg imports any of paths directly.
func Imports(pkg *types.Package, paths ...string) bool {
	for _, imp := range pkg.Imports() {
		for _, p := range paths {
			if imp.Path() == p {
				return true
			}
		}
	}
	return false
}

// mentionsWire reports whether n calls any function the model knows:
// the cheap test that spares indexing most functions.
func (m *Model) mentionsWire(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if call, ok := x.(*ast.CallExpr); ok {
			if f := m.Callee(call); f != nil && (m.known[f] || (m.Interfaces && (m.isWriteBytes(f) || m.isWriteString(f)))) {
				found = true
			}
		}
		return !found
	})
	return found
}

// gotoLoop is a loop written with a label and a goto back to it: control
// runs from Label down to Goto and jumps back.
type gotoLoop struct {
	Label *ast.LabeledStmt
	Goto  *ast.BranchStmt
}

// gotoLoops returns the backward gotos of the function body fn (closures
// not entered) with the labeled statements they jump to.
func (u *Unit) gotoLoops(fn *ast.BlockStmt) []gotoLoop {
	if fn == nil {
		return nil
	}
	labels := map[types.Object]*ast.LabeledStmt{}
	var gotos []*ast.BranchStmt
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.LabeledStmt:
			if obj := u.m.Info.Defs[n.Label]; obj != nil {
				labels[obj] = n
			}
		case *ast.BranchStmt:
			if n.Tok == token.GOTO && n.Label != nil {
				gotos = append(gotos, n)
			}
		}
		return true
	})
	var out []gotoLoop
	for _, g := range gotos {
		if l := labels[u.m.Info.Uses[g.Label]]; l != nil && l.Pos() < g.Pos() {
			out = append(out, gotoLoop{Label: l, Goto: g})
		}
	}
	return out
}

// readsInGotoLoop reports whether the loop l reads from conn between its
// label and its goto, and conn is defined before the label (the same
// connection comes round again, not a new one each time).
func (u *Unit) readsInGotoLoop(l gotoLoop, conn types.Object) bool {
	if conn == nil || conn.Pos() >= l.Label.Pos() {
		return false
	}
	var list []ast.Stmt
	switch p := u.Parent(l.Label).(type) {
	case *ast.BlockStmt:
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
	}
	in := false
	for _, s := range list {
		if s == l.Label {
			in = true
		}
		if !in || s.Pos() >= l.Goto.Pos() {
			continue
		}
		if u.ReadsFrom(s, conn) {
			return true
		}
	}
	return false
}

// InGotoLoop reports whether n lies in a request loop written with goto:
// between a label and a later goto back to it, where the code from the
// label on reads from conn and conn is defined before the label.
func (u *Unit) InGotoLoop(n ast.Node, conn types.Object) bool {
	for _, l := range u.gotoLoops(u.EnclosingFunc(n)) {
		if l.Label.Pos() <= n.Pos() && n.End() <= l.Goto.Pos() && u.readsInGotoLoop(l, conn) {
			return true
		}
	}
	return false
}

// GotoBack returns a goto that can run after st, before conn is closed and
// before the function is left, and that jumps back to a label before st
// from which the function reads the next request from conn (a request loop
// written with goto, like `keepAlive: req, err := http.ReadRequest(br)`);
// nil when there is none.
func (u *Unit) GotoBack(st ast.Node, conn types.Object) *ast.BranchStmt {
	fn := u.EnclosingFunc(st)
	loops := u.gotoLoops(fn)
	back := map[*ast.BranchStmt]bool{}
	for _, l := range loops {
		if l.Label.Pos() <= st.Pos() && st.End() <= l.Goto.Pos() && u.readsInGotoLoop(l, conn) {
			back[l.Goto] = true
		}
	}
	if len(back) == 0 {
		return nil
	}
	var found *ast.BranchStmt
	u.Later(st, fn, func(s ast.Stmt, _ bool) bool {
		if u.IsCloseOf(s, conn) {
			return true // closed on every path from here: stop
		}
		closed := token.NoPos // the first close of conn inside s
		ast.Inspect(s, func(n ast.Node) bool {
			if found != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if x, ok := u.m.IsClose(n); ok && !closed.IsValid() {
					if r, ok := u.ConnOf(x); ok && r == conn {
						closed = n.Pos()
					}
				}
			case *ast.BranchStmt:
				if back[n] && !closed.IsValid() {
					found = n
				}
			}
			return true
		})
		return found != nil
	})
	return found
}

// inGoOrDefer reports whether call is the call of a go or defer statement.
func inGoOrDefer(u *Unit, call *ast.CallExpr) bool {
	switch u.parentOf(call).(type) {
	case *ast.GoStmt, *ast.DeferStmt:
		return true
	}
	return false
}
