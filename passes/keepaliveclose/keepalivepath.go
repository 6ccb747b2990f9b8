package keepaliveclose

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// This file holds the request-loop rules decided per path rather than for
// the response as a whole:
//
//   - explicit keep-alive (explicitKeepAlive): a response whose head the
//     code itself made say "Connection: keep-alive" on a framed path (an
//     http.Response read from upstream, whose own head is unknown, given
//     Header.Set("Connection", "keep-alive"), Close = false and a known
//     length), after which some path leaves the request loop;
//   - dropped requests (droppedRequests, reqdrop.go): a request read in a
//     request loop that answers with keep-alive responses, after which a
//     path leaves the loop without writing any response to it.

// A pathState is what the code has set on an http.Response on one path
// to its Write.
type pathState struct {
	conn   int // Connection header: 0 unknown, 1 keep-alive, 2 close
	framed int // 0 unknown, 1 a known length or chunked
	// facts are the values of side-effect-free conditions (an identifier
	// or a selector chain, keyed by its source) known on the path:
	// branch conditions taken and boolean fields assigned (resp.Close).
	facts map[string]bool
}

const (
	connUnknown = iota
	connKeepAlive
	connClose
)

func (s pathState) clone() pathState {
	f := make(map[string]bool, len(s.facts))
	for k, v := range s.facts {
		f[k] = v
	}
	s.facts = f
	return s
}

// explicitKeepAlive reports, for the request loop loop over conn, the
// paths that leave it after a response that says Connection: keep-alive
// explicitly. reported holds the writes the every-path rule already
// reported. It returns the exits it reported.
func (c *checker) explicitKeepAlive(loop ast.Stmt, conn types.Object, reported map[ast.Node]bool) map[ast.Node]bool {
	done := map[ast.Node]bool{}
	if c.m.RespWrite == nil {
		return done
	}
	type cand struct {
		write  *ast.CallExpr
		last   ast.Stmt
		states []pathState
		resp   *types.Var
	}
	var cands []cand
	// Raw text whose head says Connection: keep-alive.
	for _, body := range c.u.Bodies() {
		for _, r := range c.u.Responses(body) {
			h := r.Head
			if r.Conn != conn || c.u.LoopOver(r.Stmts[0], conn) != loop || reported[r.Writes[0].Call] {
				continue
			}
			if !h.Complete || h.Unknown || h.Informational() || h.Upgrade() || h.AnnouncesClose() || !h.KeepAlive() || !h.Framed() {
				continue
			}
			cands = append(cands, cand{write: r.Writes[0].Call, last: r.Stmts[len(r.Stmts)-1], states: []pathState{{}}})
		}
	}
	// http.Response values whose Connection header the code sets.
	ast.Inspect(loop, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || c.m.Callee(call) != c.m.RespWrite || reported[call] {
			return true
		}
		if w, ok := c.u.ConnOf(call.Args[0]); !ok || w != conn {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok {
			return true
		}
		v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
		st := c.statementOf(call)
		if v == nil || st == nil || c.u.LoopOver(st, conn) != loop {
			return true
		}
		var keep []pathState
		for _, s := range c.statesAt(st, loop, v) {
			if s.conn == connKeepAlive && s.framed == 1 {
				if cl, ok := s.facts[id.Name+".Close"]; ok && !cl {
					keep = append(keep, s)
				}
			}
		}
		if len(keep) > 0 {
			cands = append(cands, cand{write: call, last: st, states: keep, resp: v})
		}
		return true
	})
	for _, cd := range cands {
		if c.clientControlled(cd.last) || c.connectBranch(cd.last) {
			continue
		}
		for _, s := range cd.states {
			exit := c.explicitExit(cd.last, loop, conn, s)
			if exit == nil || done[exit] {
				continue
			}
			done[exit] = true
			how := exitHow(exit)
			c.report(analysis.Diagnostic{
				Pos: exit.Pos(),
				End: exit.End(),
				Message: fmt.Sprintf("the request loop ends here (the function %s) after a response on %s that says Connection: keep-alive: "+
					"the connection's owner closes it, unannounced; %s", how, c.u.NameOf(conn), consequence),
				Related: []analysis.RelatedInformation{{Pos: cd.write.Pos(), End: cd.write.End(), Message: "the response that says Connection: keep-alive"}},
			})
			break
		}
	}
	return done
}

// explicitExit returns a statement by which some path from st (the write
// of a response in state s) leaves the loop: not on the path where the
// write (or any other operation, err != nil) failed, not in a branch on
// the client's own close request, and not by a branch its facts rule out.
func (c *checker) explicitExit(st ast.Stmt, loop ast.Stmt, conn types.Object, s pathState) ast.Node {
	w := &loopWalk{c: c, loop: loop, conn: conn}
	valid := c.validFacts(st, loop, s.facts)
	w.eval = func(e ast.Expr) (bool, bool) { return c.evalCond(e, valid, w.errVar, true) }
	f := c.pathsFrom(st, w)
	if w.deferKeeps() {
		return nil
	}
	for _, x := range f.exits {
		if !c.clientControlled(x) && !c.clientVarBranch(x) {
			return x
		}
	}
	return nil
}

// pathsFrom follows every path from st (the statement that ends a response
// or reads a request) with w, as leavesLoop does, and returns them all.
func (c *checker) pathsFrom(st ast.Stmt, w *loopWalk) flow {
	return w.resolve(w.from(st))
}

// validFacts keeps the facts whose variable nothing in the loop assigns
// after st: they still hold when a later condition reads them.
func (c *checker) validFacts(st ast.Stmt, loop ast.Stmt, facts map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k, v := range facts {
		root := k
		if i := strings.IndexByte(k, '.'); i >= 0 {
			root = k[:i]
		}
		assigned := false
		ast.Inspect(loop, func(n ast.Node) bool {
			if assigned || n == nil {
				return false
			}
			if n.End() <= st.End() && (n.Pos() > st.Pos() || st.End() > n.End()) {
				return false // before the response, and not around it
			}
			switch n := n.(type) {
			case *ast.AssignStmt:
				if n.Pos() >= st.End() {
					for _, l := range n.Lhs {
						if rootName(l) == root {
							assigned = true
						}
					}
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND && n.Pos() >= st.End() && rootName(n.X) == root {
					assigned = true
				}
			}
			return !assigned
		})
		if !assigned {
			out[k] = v
		}
	}
	return out
}

// rootName is the identifier a selector chain starts from ("" for any
// other expression).
func rootName(e ast.Expr) string {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return x.Name
		case *ast.SelectorExpr:
			e = x.X
		default:
			return ""
		}
	}
}

// factKey is the key of a side-effect-free condition: an identifier or a
// selector chain of identifiers ("" for anything else).
func factKey(e ast.Expr) string {
	e = ast.Unparen(e)
	if rootName(e) == "" {
		return ""
	}
	return types.ExprString(e)
}

// evalCond evaluates cond with facts: known reports whether the value is
// decided. errVar != nil is false (the failed write is not a path from a
// response), and so is any error != nil when anyErr is set.
func (c *checker) evalCond(cond ast.Expr, facts map[string]bool, errVar *types.Var, anyErr bool) (val, known bool) {
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			v, k := c.evalCond(e.X, facts, errVar, anyErr)
			return !v, k
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LOR, token.LAND:
			x, kx := c.evalCond(e.X, facts, errVar, anyErr)
			y, ky := c.evalCond(e.Y, facts, errVar, anyErr)
			stop := e.Op == token.LOR // true decides ||, false decides &&
			switch {
			case kx && x == stop, ky && y == stop:
				return stop, true
			case kx && ky:
				return !stop, true
			}
			return false, false
		case token.NEQ, token.EQL:
			if c.isErrNil(e, errVar, anyErr) {
				return e.Op == token.EQL, true
			}
		}
	}
	if k := factKey(cond); k != "" {
		if v, ok := facts[k]; ok {
			return v, true
		}
	}
	return false, false
}

// isErrNil reports whether e compares with nil the write's error (or,
// with anyErr, any value of type error).
func (c *checker) isErrNil(e *ast.BinaryExpr, errVar *types.Var, anyErr bool) bool {
	x, y := ast.Unparen(e.X), ast.Unparen(e.Y)
	if id, ok := x.(*ast.Ident); ok && id.Name == "nil" {
		x, y = y, x
	}
	nilID, ok := y.(*ast.Ident)
	if !ok || nilID.Name != "nil" {
		return false
	}
	if _, isNil := c.pass.TypesInfo.Uses[nilID].(*types.Nil); !isNil {
		return false
	}
	if id, ok := x.(*ast.Ident); ok && errVar != nil && c.pass.TypesInfo.Uses[id] == errVar {
		return true
	}
	t := c.pass.TypesInfo.TypeOf(x)
	return anyErr && t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

// clientVarBranch reports whether n sits in a branch of an if whose
// condition is a local boolean every assignment of which reads the
// client's close request (closing := req.Close; if closing { break }).
func (c *checker) clientVarBranch(n ast.Node) bool {
	for child, p := n, c.u.Parent(n); p != nil; child, p = p, c.u.Parent(p) {
		switch p := p.(type) {
		case *ast.IfStmt:
			if child != p.Cond && child != p.Init && c.clientVar(p.Cond) {
				return true
			}
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
	return false
}

// clientVar reports whether cond is a (negated) local boolean whose every
// assignment reads the client's close request.
func (c *checker) clientVar(cond ast.Expr) bool {
	e := ast.Unparen(cond)
	for {
		u, ok := e.(*ast.UnaryExpr)
		if !ok || u.Op != token.NOT {
			break
		}
		e = ast.Unparen(u.X)
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil {
		return false
	}
	n, all := 0, true
	ast.Inspect(c.u.Root, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.AssignStmt:
			for i, l := range x.Lhs {
				if lid, ok := ast.Unparen(l).(*ast.Ident); ok && c.pass.TypesInfo.ObjectOf(lid) == v {
					n++
					if len(x.Rhs) != len(x.Lhs) || !c.clientCheck(x.Rhs[i]) {
						all = false
					}
				}
			}
		case *ast.ValueSpec:
			for i, name := range x.Names {
				if c.pass.TypesInfo.Defs[name] == v {
					n++
					if i >= len(x.Values) || !c.clientCheck(x.Values[i]) {
						all = false
					}
				}
			}
		}
		return true
	})
	return n > 0 && all
}

// statesAt returns the states of the http.Response resp on the paths from
// the start of the loop's body to the statement st, inside it. Nil when
// a statement on the way is not followed.
func (c *checker) statesAt(st ast.Stmt, loop ast.Stmt, resp *types.Var) []pathState {
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	}
	if body == nil {
		return nil
	}
	sim := &stateSim{c: c, resp: resp}
	states, _ := sim.reach(body.List, st, []pathState{{facts: map[string]bool{}}})
	return states
}

// reach follows list up to target (a statement in it or nested in one of
// its statements) and returns the states on the paths that reach it.
func (s *stateSim) reach(list []ast.Stmt, target ast.Stmt, states []pathState) ([]pathState, bool) {
	for _, st := range list {
		if st == target {
			return states, true
		}
		if st.Pos() <= target.Pos() && target.End() <= st.End() {
			return s.into(st, target, states)
		}
		states = s.stmt(st, states)
	}
	return nil, false
}

// into follows the statement st, which holds target, down to it.
func (s *stateSim) into(st ast.Stmt, target ast.Stmt, states []pathState) ([]pathState, bool) {
	within := func(n ast.Node) bool {
		return n != nil && n.Pos() <= target.Pos() && target.End() <= n.End()
	}
	switch st := st.(type) {
	case *ast.BlockStmt:
		return s.reach(st.List, target, states)
	case *ast.LabeledStmt:
		return s.reach([]ast.Stmt{st.Stmt}, target, states)
	case *ast.IfStmt:
		if within(st.Init) || within(st.Cond) {
			return nil, false
		}
		states = s.stmt(st.Init, states)
		if within(st.Body) {
			return s.reach(st.Body.List, target, s.assume(st.Cond, true, states))
		}
		if within(st.Else) {
			return s.reach([]ast.Stmt{st.Else}, target, s.assume(st.Cond, false, states))
		}
	case *ast.SwitchStmt:
		if within(st.Init) || within(st.Tag) {
			return nil, false
		}
		states = s.stmt(st.Init, states)
		for _, cl := range st.Body.List {
			if cc, ok := cl.(*ast.CaseClause); ok && within(cc) {
				return s.reach(cc.Body, target, s.copyStates(states))
			}
		}
	}
	return nil, false // a loop, a select, a closure: not followed
}

// A stateSim follows what statements set on an http.Response.
type stateSim struct {
	c     *checker
	resp  *types.Var
	depth int
}

// seq follows a list of statements; paths that leave it (return, break,
// continue, goto) end.
func (s *stateSim) seq(list []ast.Stmt, states []pathState) []pathState {
	for _, st := range list {
		if len(states) == 0 {
			return nil
		}
		states = s.stmt(st, states)
	}
	return states
}

func (s *stateSim) stmt(st ast.Stmt, states []pathState) []pathState {
	if st == nil || len(states) == 0 {
		return states
	}
	s.depth++
	defer func() { s.depth-- }()
	if s.depth > 30 || len(states) > 16 {
		return s.forget(states)
	}
	switch st := st.(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return nil // the path does not reach the response
	case *ast.BlockStmt:
		return s.seq(st.List, states)
	case *ast.IfStmt:
		states = s.stmt(st.Init, states)
		then := s.seq(st.Body.List, s.assume(st.Cond, true, states))
		var els []pathState
		if st.Else != nil {
			els = s.stmt(st.Else, s.assume(st.Cond, false, states))
		} else {
			els = s.assume(st.Cond, false, states)
		}
		return append(then, els...)
	case *ast.SwitchStmt:
		states = s.stmt(st.Init, states)
		var out []pathState
		hasDefault := false
		for _, cl := range st.Body.List {
			cc, ok := cl.(*ast.CaseClause)
			if !ok {
				return s.forget(states)
			}
			if cc.List == nil {
				hasDefault = true
			}
			body := cc.Body
			if n := len(body); n > 0 {
				if b, ok := body[n-1].(*ast.BranchStmt); ok && b.Tok == token.BREAK && b.Label == nil {
					body = body[:n-1]
				}
			}
			out = append(out, s.seq(body, s.copyStates(states))...)
		}
		if !hasDefault {
			out = append(out, states...)
		}
		return out
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(st.X).(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
				return nil
			}
			if s.headerCall(call, states) {
				return states
			}
		}
	case *ast.AssignStmt:
		if s.fieldAssign(st, states) {
			return states
		}
	}
	// Any other statement: assignments end the facts about what they
	// assign; a use of resp other than reading its fields ends what is
	// known about it.
	s.kill(st, states)
	if s.mentions(st) {
		return s.forget(states)
	}
	return states
}

func (s *stateSim) copyStates(states []pathState) []pathState {
	out := make([]pathState, len(states))
	for i, st := range states {
		out[i] = st.clone()
	}
	return out
}

// forget returns the states with nothing known about the response.
func (s *stateSim) forget(states []pathState) []pathState {
	out := make([]pathState, 0, len(states))
	for _, st := range states {
		n := pathState{facts: map[string]bool{}}
		for k, v := range st.facts {
			if !s.isResp(k) {
				n.facts[k] = v
			}
		}
		out = append(out, n)
	}
	return out
}

// isResp reports whether the fact key k is about the response.
func (s *stateSim) isResp(k string) bool {
	return k == s.resp.Name() || strings.HasPrefix(k, s.resp.Name()+".")
}

// kill removes the facts about the variables st assigns.
func (s *stateSim) kill(st ast.Stmt, states []pathState) {
	ast.Inspect(st, func(n ast.Node) bool {
		var targets []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			targets = n.Lhs
		case *ast.IncDecStmt:
			targets = []ast.Expr{n.X}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				targets = []ast.Expr{n.X}
			}
		case *ast.RangeStmt:
			targets = []ast.Expr{n.Key, n.Value}
		}
		for _, t := range targets {
			if t == nil {
				continue
			}
			root := rootName(t)
			for _, ps := range states {
				for k := range ps.facts {
					if k == root || strings.HasPrefix(k, root+".") {
						delete(ps.facts, k)
					}
				}
			}
		}
		return true
	})
}

// mentions reports whether st uses resp other than by reading one of its
// fields (resp.StatusCode, resp.Header.Get(...)).
func (s *stateSim) mentions(st ast.Stmt) bool {
	found := false
	var parents []ast.Node
	ast.Inspect(st, func(n ast.Node) bool {
		if n == nil {
			parents = parents[:len(parents)-1]
			return false
		}
		if found {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && (s.c.pass.TypesInfo.Uses[id] == s.resp || s.c.pass.TypesInfo.Defs[id] == s.resp) {
			if !s.fieldRead(id, parents) {
				found = true
			}
		}
		parents = append(parents, n)
		return true
	})
	return found
}

// fieldRead reports whether the use id of resp, under parents, reads a
// field (resp.X, not assigned) or calls Get/Values on its header.
func (s *stateSim) fieldRead(id *ast.Ident, parents []ast.Node) bool {
	if len(parents) == 0 {
		return false
	}
	sel, ok := parents[len(parents)-1].(*ast.SelectorExpr)
	if !ok || sel.X != id {
		return false
	}
	if len(parents) >= 2 {
		switch p := parents[len(parents)-2].(type) {
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				if l == sel {
					return false
				}
			}
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				return false
			}
		case *ast.CallExpr:
			for _, a := range p.Args {
				if a == sel && sel.Sel.Name == "Header" {
					return false // the header handed to other code
				}
			}
		case *ast.SelectorExpr:
			if sel.Sel.Name == "Header" {
				switch p.Sel.Name {
				case "Get", "Values":
				default:
					return false
				}
			}
		}
	}
	return true
}

// headerCall follows resp.Header.Set/Add/Del(name, value) on every state;
// false when call is not one.
func (s *stateSim) headerCall(call *ast.CallExpr, states []pathState) bool {
	m, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	h, ok := ast.Unparen(m.X).(*ast.SelectorExpr)
	if !ok || h.Sel.Name != "Header" {
		return false
	}
	id, ok := ast.Unparen(h.X).(*ast.Ident)
	if !ok || s.c.pass.TypesInfo.Uses[id] != s.resp {
		return false
	}
	switch m.Sel.Name {
	case "Set", "Add", "Del":
	default:
		return false
	}
	for _, a := range call.Args[1:] {
		if s.mentionsResp(a) {
			return false
		}
	}
	name, isConst := s.constString(call.Args[0])
	if isConst && !strings.EqualFold(name, "connection") {
		return true // another header
	}
	val, valConst := "", false
	if len(call.Args) == 2 {
		val, valConst = s.constString(call.Args[1])
	}
	for i := range states {
		switch {
		case !isConst || m.Sel.Name == "Del" || !valConst:
			states[i].conn = connUnknown
		case strings.EqualFold(strings.TrimSpace(val), "close"):
			states[i].conn = connClose
		case m.Sel.Name == "Set" && strings.EqualFold(strings.TrimSpace(val), "keep-alive"):
			states[i].conn = connKeepAlive
		case states[i].conn != connClose:
			states[i].conn = connUnknown
		}
	}
	return true
}

// fieldAssign follows resp.Close, resp.ContentLength, resp.TransferEncoding
// and resp.Header["Connection"] assignments; false when st is not one.
func (s *stateSim) fieldAssign(st *ast.AssignStmt, states []pathState) bool {
	if len(st.Lhs) != 1 || len(st.Rhs) != 1 || st.Tok != token.ASSIGN {
		return false
	}
	rhs := st.Rhs[0]
	if s.mentionsResp(rhs) {
		return false
	}
	info := s.c.pass.TypesInfo
	// resp.Header["Connection"] = []string{"keep-alive"}
	if ix, ok := ast.Unparen(st.Lhs[0]).(*ast.IndexExpr); ok {
		h, ok := ast.Unparen(ix.X).(*ast.SelectorExpr)
		if !ok || h.Sel.Name != "Header" {
			return false
		}
		if id, ok := ast.Unparen(h.X).(*ast.Ident); !ok || info.Uses[id] != s.resp {
			return false
		}
		name, ok := s.constString(ix.Index)
		if ok && !strings.EqualFold(name, "connection") {
			return true
		}
		conn := connUnknown
		if lit, ok := ast.Unparen(rhs).(*ast.CompositeLit); ok && len(lit.Elts) == 1 {
			if v, ok := s.constString(lit.Elts[0]); ok {
				switch {
				case strings.EqualFold(strings.TrimSpace(v), "keep-alive"):
					conn = connKeepAlive
				case strings.EqualFold(strings.TrimSpace(v), "close"):
					conn = connClose
				}
			}
		}
		for i := range states {
			states[i].conn = conn
		}
		return true
	}
	sel, ok := ast.Unparen(st.Lhs[0]).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if id, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || info.Uses[id] != s.resp {
		return false
	}
	key := s.resp.Name() + "." + sel.Sel.Name
	tv := info.Types[rhs]
	switch sel.Sel.Name {
	case "Close":
		for i := range states {
			delete(states[i].facts, key)
			if tv.Value != nil && tv.Value.Kind() == constant.Bool {
				states[i].facts[key] = constant.BoolVal(tv.Value)
			}
		}
	case "ContentLength":
		framed := 0
		if tv.Value != nil {
			if n, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok && n >= 0 {
				framed = 1
			}
		} else if s.lengthOf(rhs) {
			framed = 1
		}
		for i := range states {
			states[i].framed = framed
		}
	case "TransferEncoding":
		framed := 0
		if lit, ok := ast.Unparen(rhs).(*ast.CompositeLit); ok && len(lit.Elts) == 1 {
			if v, ok := s.constString(lit.Elts[0]); ok && strings.EqualFold(v, "chunked") {
				framed = 1
			}
		}
		for i := range states {
			states[i].framed = framed
		}
	case "Header":
		for i := range states {
			states[i].conn = connUnknown
		}
	default:
		return true // another field: the head's Connection and framing stay
	}
	return true
}

// lengthOf reports whether e is a length: int64(len(x)), len(x), or a
// conversion of one.
func (s *stateSim) lengthOf(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	if tv := s.c.pass.TypesInfo.Types[call.Fun]; tv.IsType() {
		return s.lengthOf(call.Args[0])
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Name != "len" {
		return false
	}
	_, builtin := s.c.pass.TypesInfo.Uses[id].(*types.Builtin)
	return builtin
}

// assume returns copies of the states with cond known to be val: its
// fact, and a known length when it compares resp.ContentLength with 0.
func (s *stateSim) assume(cond ast.Expr, val bool, states []pathState) []pathState {
	out := s.copyStates(states)
	var add func(e ast.Expr, v bool)
	add = func(e ast.Expr, v bool) {
		e = ast.Unparen(e)
		switch x := e.(type) {
		case *ast.UnaryExpr:
			if x.Op == token.NOT {
				add(x.X, !v)
			}
			return
		case *ast.BinaryExpr:
			switch {
			case x.Op == token.LAND && v, x.Op == token.LOR && !v:
				add(x.X, v)
				add(x.Y, v)
			case v && s.knownLength(x):
				for i := range out {
					out[i].framed = 1
				}
			}
			return
		}
		if k := factKey(e); k != "" {
			for i := range out {
				out[i].facts[k] = v
			}
		}
	}
	add(cond, val)
	return out
}

// knownLength reports whether the comparison be holds only for a known
// ContentLength of resp: >= 0, > 0, != -1 (either side).
func (s *stateSim) knownLength(be *ast.BinaryExpr) bool {
	isCL := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "ContentLength" {
			return false
		}
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		return ok && s.c.pass.TypesInfo.Uses[id] == s.resp
	}
	num := func(e ast.Expr) (int64, bool) {
		tv := s.c.pass.TypesInfo.Types[e]
		if tv.Value == nil {
			return 0, false
		}
		return constant.Int64Val(constant.ToInt(tv.Value))
	}
	op := be.Op
	x, y := be.X, be.Y
	if !isCL(x) {
		x, y = y, x
		switch op { // mirror: 0 <= cl is cl >= 0
		case token.LSS:
			op = token.GTR
		case token.LEQ:
			op = token.GEQ
		case token.GTR:
			op = token.LSS
		case token.GEQ:
			op = token.LEQ
		}
	}
	if !isCL(x) {
		return false
	}
	n, ok := num(y)
	if !ok {
		return false
	}
	switch op {
	case token.GEQ:
		return n >= 0
	case token.GTR:
		return n >= -1
	case token.NEQ:
		return n == -1
	}
	return false
}

func (s *stateSim) constString(e ast.Expr) (string, bool) {
	tv := s.c.pass.TypesInfo.Types[e]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

func (s *stateSim) mentionsResp(e ast.Node) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && s.c.pass.TypesInfo.Uses[id] == s.resp {
			found = true
		}
		return !found
	})
	return found
}
