package keepaliveclose

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/passes/internal/wire"
)

// requestLoops checks the responses written inside request loops: a
// keep-alive response after which every path leaves the loop (return,
// break, goto out) without reading another request, continuing the loop
// or handing the connection away, is the last on a connection whose owner
// ends HTTP on it.
func (c *checker) requestLoops() {
	u := c.u
	type loopConn struct {
		loop ast.Stmt
		conn types.Object
	}
	var loops []loopConn
	seen := map[loopConn]bool{}
	ast.Inspect(u.Root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		conn, ok := u.RequestRead(call)
		if !ok {
			return true
		}
		if loop := u.LoopOver(call, conn); loop != nil && !seen[loopConn{loop, conn}] {
			seen[loopConn{loop, conn}] = true
			loops = append(loops, loopConn{loop, conn})
		}
		return true
	})
	for _, lc := range loops {
		c.checkLoop(lc.loop, lc.conn)
	}
}

// checkLoop reports the keep-alive responses to conn written directly in
// the request loop loop (not in a loop inside it) on paths that leave it.
func (c *checker) checkLoop(loop ast.Stmt, conn types.Object) {
	u := c.u
	type candidate struct {
		at   *ast.CallExpr // the write reported
		last ast.Stmt      // the statement the response ends with
		fix  *analysis.SuggestedFix
		obj  bool
	}
	var cands []candidate
	reported := map[ast.Node]bool{}
	for _, body := range u.Bodies() {
		for _, r := range u.Responses(body) {
			if r.Conn != conn {
				continue
			}
			h := r.Head
			if h.Upgrade() {
				return // a protocol upgrade: what follows is not HTTP/1.x
			}
			if u.LoopOver(r.Stmts[0], conn) != loop {
				continue
			}
			switch {
			case !h.Complete, h.Unknown, h.Informational(), h.AnnouncesClose():
				continue
			case !h.Framed() && (!h.StatusKnown() || h.BodyAllowed()):
				continue // close-delimited body: leaving ends it
			}
			if c.connectBranch(r.Stmts[0]) && (!h.StatusKnown() || h.Status/100 == 2) {
				continue // CONNECT established: a tunnel follows
			}
			cd := candidate{at: r.Writes[0].Call, last: r.Stmts[len(r.Stmts)-1]}
			if pos, text, _, ok := wire.InsertAt(r.Text, h.StatusEnd, "Connection: close"+h.EOL); ok && !h.KeepAlive() && r.Writes[0].Helper == nil {
				cd.fix = &analysis.SuggestedFix{
					Message:   "Add Connection: close to the response head",
					TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}},
				}
			}
			cands = append(cands, cd)
		}
	}
	for _, r := range c.objectResponses(conn) {
		if u.LoopOver(r.stmt, conn) != loop || c.connectBranch(r.stmt) {
			continue
		}
		cd := candidate{at: r.call, last: r.stmt, obj: true}
		if r.fix != "" {
			cd.fix = &analysis.SuggestedFix{
				Message:   "Announce the close: " + r.fix,
				TextEdits: []analysis.TextEdit{c.insertBefore(r.stmt, r.fix)},
			}
		}
		cands = append(cands, cd)
	}
	for _, cd := range cands {
		if c.clientControlled(cd.last) {
			continue
		}
		exit := c.leavesLoop(cd.last, loop, conn)
		if exit == nil {
			continue
		}
		how := exitHow(exit)
		d := analysis.Diagnostic{
			Pos: cd.at.Pos(),
			End: cd.at.End(),
			Message: fmt.Sprintf("this response on %s does not say Connection: close, but the request loop ends after it (the function %s) "+
				"without reading another request: the connection's owner closes it, unannounced; %s", c.u.NameOf(conn), how, consequence),
			Related: []analysis.RelatedInformation{{Pos: exit.Pos(), End: exit.End(), Message: "the request loop ends here"}},
		}
		if cd.fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*cd.fix}
		}
		reported[cd.at] = true
		reported[exit] = true
		c.report(d)
	}
	c.pathRules(loop, conn, reported) // keepalivepath.go
}

// connectBranch reports whether n sits in a branch of an if or switch whose
// condition compares with the constant "CONNECT": the proxy's tunnel path,
// where a 2xx is followed by the tunnel.
func (c *checker) connectBranch(n ast.Node) bool {
	isConnect := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(x ast.Node) bool {
			if ex, ok := x.(ast.Expr); ok {
				if tv := c.pass.TypesInfo.Types[ex]; tv.Value != nil && tv.Value.Kind() == constant.String &&
					strings.EqualFold(constant.StringVal(tv.Value), "CONNECT") {
					found = true
				}
			}
			return !found
		})
		return found
	}
	for child, p := n, c.u.Parent(n); p != nil; child, p = p, c.u.Parent(p) {
		switch p := p.(type) {
		case *ast.IfStmt:
			if child != p.Cond && child != p.Init && isConnect(p.Cond) {
				return true
			}
		case *ast.SwitchStmt:
			if p.Tag != nil && child == p.Body && isConnect(p.Tag) {
				return true
			}
		case *ast.CaseClause:
			for _, e := range p.List {
				if isConnect(e) {
					return true
				}
			}
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
	return false
}

// flow is what control does after a statement, over all its paths.
type flow struct {
	stays   bool       // some path reads another request, continues the loop, hands the connection away, or is not followed
	falls   bool       // some path completes the statement normally
	exits   []ast.Node // paths that leave the request loop: the return, break or goto
	resumes []ast.Node // paths that break out of these statements (a switch, a labeled statement)
}

func (f *flow) merge(g flow) {
	f.stays = f.stays || g.stays
	f.falls = f.falls || g.falls
	f.exits = append(f.exits, g.exits...)
	f.resumes = append(f.resumes, g.resumes...)
}

// A loopWalk follows the paths from a response in a request loop.
type loopWalk struct {
	c      *checker
	loop   ast.Stmt
	conn   types.Object
	errVar *types.Var // the write's error result: `if err != nil` after it is the failed write
	depth  int
	// Per-path rules (keepalivepath.go): eval decides conditions the path
	// knows; strict stops the path at a statement that may answer the
	// request.
	eval   func(ast.Expr) (val, known bool)
	strict func(ast.Stmt) bool
}

// leavesLoop returns the statement by which every path from st (the
// statement that ends a response) leaves loop without reading another
// request from conn, coming round the loop, or handing conn to other code;
// nil when some path does one of those or is not followed. The path on
// which the write itself failed (if err != nil right after it) is not
// followed.
func (c *checker) leavesLoop(st ast.Stmt, loop ast.Stmt, conn types.Object) ast.Node {
	w := &loopWalk{c: c, loop: loop, conn: conn}
	f := w.from(st)
	if f.stays || f.falls || len(f.resumes) > 0 || len(f.exits) == 0 {
		return nil
	}
	if w.deferKeeps() {
		return nil
	}
	return f.exits[0]
}

// after follows control once the statement child has completed: the
// statements after it in its list, then up through the statements
// around it, to the end of the request loop's body (which comes round
// to the next request).
func (w *loopWalk) after(child ast.Node) flow {
	w.depth++
	defer func() { w.depth-- }()
	if w.depth > 50 {
		return flow{stays: true}
	}
	u := w.c.u
	if child == w.loop {
		return flow{stays: true}
	}
	p := u.Parent(child)
	var list []ast.Stmt
	switch p := p.(type) {
	case *ast.BlockStmt:
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
	case *ast.IfStmt:
		return w.after(p) // the end of a branch (or an else if)
	case *ast.LabeledStmt:
		return w.after(p)
	default:
		return flow{stays: true}
	}
	i := 0
	for i < len(list) && list[i] != child {
		i++
	}
	f := w.seq(list[min(i+1, len(list)):])
	if !f.falls {
		return w.resolve(f)
	}
	f.falls = false
	var up ast.Node
	switch q := p.(type) {
	case *ast.BlockStmt:
		switch parent := u.Parent(q).(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if parent == w.loop {
				f.stays = true // the end of the loop's body: the next request
				return w.resolve(f)
			}
			f.stays = true // an inner loop comes round
			return w.resolve(f)
		case *ast.FuncLit, *ast.FuncDecl:
			f.stays = true // not inside the loop
			return w.resolve(f)
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			up = parent
		default:
			up = q
		}
	case *ast.CaseClause, *ast.CommClause:
		// the end of a clause: after the switch or select
		up = u.Parent(u.Parent(q))
	}
	if up == nil {
		f.stays = true
		return f
	}
	f.merge(w.after(up))
	return w.resolve(f)
}

// from follows every path from st, the statement that ends a response or
// reads a request, to where it leaves the loop, comes round, or stays. When
// st checks its own error (if err := resp.Write(conn); err != nil, or a
// later err != nil on the error st assigns), the failed operation's path
// is not followed.
func (w *loopWalk) from(st ast.Stmt) flow {
	if ifs, ok := st.(*ast.IfStmt); ok {
		// if err := resp.Write(conn); err != nil { return err }: the
		// body is the failed write; the else, or what follows, the rest.
		if ifs.Else == nil {
			return w.after(ifs)
		}
		f := w.stmt(ifs.Else)
		if f.falls {
			f.falls = false
			f.merge(w.after(ifs))
		}
		return f
	}
	// resp, err := ...: a later err != nil is the failed operation.
	if as, ok := st.(*ast.AssignStmt); ok && len(as.Lhs) > 0 {
		if id, ok := ast.Unparen(as.Lhs[len(as.Lhs)-1]).(*ast.Ident); ok {
			if v, ok := w.c.pass.TypesInfo.ObjectOf(id).(*types.Var); ok && v.Type().String() == "error" {
				w.errVar = v
			}
		}
	}
	return w.after(st)
}

// exitHow says how exit, a return or a branch out of the request loop,
// leaves it: "returns", "breaks out of it", "gotos out of it".
func exitHow(exit ast.Node) string {
	if b, ok := exit.(*ast.BranchStmt); ok {
		return b.Tok.String() + "s out of it"
	}
	return "returns"
}

// resolve follows the paths that broke out of a statement inside the loop
// from after that statement.
func (w *loopWalk) resolve(f flow) flow {
	rs := f.resumes
	f.resumes = nil
	for _, r := range rs {
		f.merge(w.after(r))
	}
	return f
}

// seq follows the statements of list in order.
func (w *loopWalk) seq(list []ast.Stmt) flow {
	var acc flow
	for _, s := range list {
		f := w.stmt(s)
		acc.stays = acc.stays || f.stays
		acc.exits = append(acc.exits, f.exits...)
		acc.resumes = append(acc.resumes, f.resumes...)
		if !f.falls {
			return acc
		}
	}
	acc.falls = true
	return acc
}

// stmt follows one statement.
func (w *loopWalk) stmt(s ast.Stmt) flow {
	c := w.c
	if s == nil {
		return flow{falls: true}
	}
	if w.strict != nil && w.strict(s) {
		return flow{stays: true}
	}
	switch s := s.(type) {
	case *ast.ReturnStmt:
		if w.keeps(s) {
			return flow{stays: true} // returns the connection to the caller
		}
		return flow{exits: []ast.Node{s}}
	case *ast.BranchStmt:
		return w.branch(s)
	case *ast.BlockStmt:
		return w.seq(s.List)
	case *ast.LabeledStmt:
		f := w.stmt(s.Stmt)
		return w.absorb(f, s)
	case *ast.IfStmt:
		if w.keeps(s.Init) || w.keeps(s.Cond) {
			return flow{stays: true}
		}
		if w.errVar != nil && w.isErrCheck(s.Cond) && s.Init == nil {
			// the write failed on the body's path: follow the else
			if s.Else == nil {
				return flow{falls: true}
			}
			return w.stmt(s.Else)
		}
		if w.eval != nil {
			if v, known := w.eval(s.Cond); known {
				if v {
					return w.seq(s.Body.List)
				}
				return w.stmt(s.Else) // nil: falls
			}
		}
		f := w.seq(s.Body.List)
		if s.Else == nil {
			f.falls = true
		} else {
			f.merge(w.stmt(s.Else))
		}
		return f
	case *ast.SwitchStmt:
		if w.keeps(s.Init) || w.keeps(s.Tag) {
			return flow{stays: true}
		}
		return w.clauses(s, s.Body)
	case *ast.TypeSwitchStmt:
		if w.keeps(s.Init) || w.keeps(s.Assign) {
			return flow{stays: true}
		}
		return w.clauses(s, s.Body)
	case *ast.SelectStmt, *ast.ForStmt, *ast.RangeStmt:
		return flow{stays: true} // not followed
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
				return flow{stays: true}
			}
		}
	case *ast.AssignStmt:
		if w.errVar != nil {
			for _, l := range s.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && c.pass.TypesInfo.ObjectOf(id) == w.errVar {
					w.errVar = nil // a new error from here on
				}
			}
		}
	}
	if w.keeps(s) {
		return flow{stays: true}
	}
	return flow{falls: true}
}

// clauses follows a switch's clauses: a break out of the switch, the end
// of a clause and a missing default complete it.
func (w *loopWalk) clauses(sw ast.Stmt, body *ast.BlockStmt) flow {
	var f flow
	hasDefault := false
	for _, cl := range body.List {
		cc, ok := cl.(*ast.CaseClause)
		if !ok {
			return flow{stays: true}
		}
		if cc.List == nil {
			hasDefault = true
		}
		for _, e := range cc.List {
			if w.keeps(e) {
				return flow{stays: true}
			}
		}
		f.merge(w.seq(cc.Body))
	}
	if !hasDefault {
		f.falls = true
	}
	return w.absorb(f, sw)
}

// absorb turns the breaks out of target into completions of it.
func (w *loopWalk) absorb(f flow, target ast.Node) flow {
	var rs []ast.Node
	for _, r := range f.resumes {
		if r == target {
			f.falls = true
		} else {
			rs = append(rs, r)
		}
	}
	f.resumes = rs
	return f
}

// branch follows a break, continue, goto or fallthrough.
func (w *loopWalk) branch(b *ast.BranchStmt) flow {
	u := w.c.u
	switch b.Tok {
	case token.BREAK:
		target := w.branchTarget(b)
		switch {
		case target == nil:
			return flow{stays: true}
		case target == w.loop || w.labels(target, w.loop):
			if w.usedAfterLoop() {
				return flow{stays: true}
			}
			return flow{exits: []ast.Node{b}}
		case w.inside(target):
			return flow{resumes: []ast.Node{target}}
		}
		return flow{stays: true} // an outer loop may come round
	case token.GOTO:
		obj := w.c.pass.TypesInfo.Uses[b.Label]
		if obj == nil {
			return flow{stays: true}
		}
		fn := u.EnclosingFunc(b)
		var label *ast.LabeledStmt
		ast.Inspect(fn, func(n ast.Node) bool {
			if l, ok := n.(*ast.LabeledStmt); ok && w.c.pass.TypesInfo.Defs[l.Label] == obj {
				label = l
			}
			return label == nil
		})
		if label == nil || label.Pos() < w.loop.End() || u.LoopOver(w.loop, w.conn) != nil || u.InGotoLoop(w.loop, w.conn) {
			return flow{stays: true} // back into the loop, or before it
		}
		if w.usedAfterLoop() {
			return flow{stays: true}
		}
		return flow{exits: []ast.Node{b}}
	}
	// continue (of this loop: the next request; of another: not
	// followed), fallthrough
	return flow{stays: true}
}

// branchTarget is the statement a break refers to (the labeled statement
// for a labeled break).
func (w *loopWalk) branchTarget(b *ast.BranchStmt) ast.Node {
	for p := w.c.u.Parent(b); p != nil; p = w.c.u.Parent(p) {
		switch p := p.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		case *ast.LabeledStmt:
			if b.Label != nil && p.Label.Name == b.Label.Name {
				return p
			}
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if b.Label == nil {
				return p
			}
		}
	}
	return nil
}

// labels reports whether target is the labeled statement of loop.
func (w *loopWalk) labels(target, loop ast.Node) bool {
	l, ok := target.(*ast.LabeledStmt)
	return ok && l.Stmt == loop
}

// inside reports whether n lies strictly inside the loop.
func (w *loopWalk) inside(n ast.Node) bool {
	return n != w.loop && w.loop.Pos() <= n.Pos() && n.End() <= w.loop.End()
}

// usedAfterLoop reports whether the function goes on with the connection
// after the loop, or the loop is itself inside a loop over it: then
// leaving the loop does not end HTTP on it.
func (w *loopWalk) usedAfterLoop() bool {
	u := w.c.u
	if u.LoopOver(w.loop, w.conn) != nil || u.InGotoLoop(w.loop, w.conn) {
		return true
	}
	fn := u.EnclosingFunc(w.loop)
	if fn == nil {
		return true
	}
	used := false
	ast.Inspect(fn, func(n ast.Node) bool {
		switch {
		case used || n == nil:
			return false
		case n.End() <= w.loop.Pos():
			return false // before the loop
		case n.Pos() < w.loop.End():
			return n != w.loop // around the loop: look inside, not into it
		}
		if st, ok := n.(ast.Stmt); ok {
			used = u.ReadsFrom(st, w.conn) || w.keeps(st)
			return false
		}
		return true
	})
	return used
}

// deferKeeps reports whether a deferred call of the function around the
// loop hands the connection to other code (defer pool.Put(conn)): it runs
// on the way out.
func (w *loopWalk) deferKeeps() bool {
	found := false
	ast.Inspect(w.c.u.EnclosingFunc(w.loop), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if w.keeps(n) {
				found = true
			}
		}
		return !found
	})
	return found
}

// keeps reports whether n (a statement or expression, nil allowed) reads
// a request from the connection or uses it in a way the model does not
// follow: passes it to other code, stores it, returns it.
func (w *loopWalk) keeps(n ast.Node) bool {
	if n == nil {
		return false
	}
	u := w.c.u
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if found {
			return false
		}
		switch x := x.(type) {
		case *ast.CallExpr:
			if u.IsRequestRead(x, w.conn) {
				found = true
			}
		case *ast.Ident:
			if v, ok := w.c.pass.TypesInfo.Uses[x].(*types.Var); ok && u.IsConnFamily(v, w.conn) && !u.Benign(x) {
				found = true
			}
		}
		return !found
	})
	return found
}

// isErrCheck reports whether cond is `errVar != nil`.
func (w *loopWalk) isErrCheck(cond ast.Expr) bool {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || be.Op != token.NEQ {
		return false
	}
	id, ok := ast.Unparen(be.X).(*ast.Ident)
	nilID, ok2 := ast.Unparen(be.Y).(*ast.Ident)
	return ok && ok2 && nilID.Name == "nil" && w.c.pass.TypesInfo.Uses[id] == w.errVar
}
