package keepaliveclose

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/passes/internal/wire"
)

// state is shared by the checkers of one package: the summaries of its
// functions that take a connection, and the positions already reported
// (a handler's response is reached from each of its callers).
type state struct {
	summaries map[sumKey]*summary
	closers   map[sumKey]bool // methods that close their receiver's connection field
	facts     Facts           // summaries of other packages' functions
	reported  map[token.Pos]bool
	uses      map[types.Object]int // references to each function of the package
}

// sumKey names what a summary is about: the connection a caller passes
// as parameter param of fn, or, for a method, the one its receiver holds
// in field (param is then -1).
type sumKey struct {
	fn    *types.Func
	param int
	field *types.Var
}

// summary is what a function of the package does with the connection a
// caller passes as one of its parameters: the keep-alive responses it
// writes there (framed, HTTP/1.1, without Connection: close) after which
// it returns without reading another request, looping over the
// connection or handing it on. A function that reads requests from the
// parameter, or announces the close, has none.
type summary struct {
	param *types.Var
	resps []handlerResponse
}

type handlerResponse struct {
	keepAlive
	closed ast.Node // the handler's own close after the response, if any
	where  string   // another package's helper: where it writes the response (keepAlive is then empty)
	// handled: the function returns true right after the response (a
	// plugin's "handled" result), so a caller's if on the result is the
	// path that follows it.
	handled bool
}

// summary returns the summary of what key names (see summary).
func (c *checker) summary(key sumKey) *summary {
	key.fn = key.fn.Origin()
	if s, ok := c.st.summaries[key]; ok {
		return s
	}
	s := &summary{}
	c.st.summaries[key] = s // in progress: recursion finds no responses
	if key.fn.Pkg() != c.pass.Pkg {
		// Another package's reply helper: its fact. The response is
		// reported at the call (at is nil).
		if f := c.st.facts[key.fn]; f != nil && key.field == nil {
			if where, ok := f.keepAlive(key.param); ok {
				s.resps = []handlerResponse{{keepAlive: keepAlive{}, where: where}}
			}
		}
		return s
	}
	if impls := c.m.Implementations(key.fn); impls != nil {
		// A method of an interface the package declares (a plugin or
		// route called in a loop over them): what each of the
		// package's implementations does.
		for _, impl := range impls {
			sub := c.summary(sumKey{fn: impl, param: key.param})
			if s.param == nil {
				s.param = sub.param
			}
			s.resps = append(s.resps, sub.resps...)
		}
		return s
	}
	var hu *wire.Unit
	var p *types.Var
	if key.field != nil {
		hu, p = c.m.FieldUnit(key.fn, key.field), key.field
	} else {
		hu, p = c.m.ParamUnit(key.fn, key.param)
	}
	if hu == nil {
		return s
	}
	s.param = p
	if hu.ReadsFrom(hu.Root, p) {
		return s // it reads from the connection itself: it serves more requests, or judges them
	}
	hc := &checker{pass: c.pass, u: hu, m: c.m, insp: c.insp, st: c.st}
	kas, upgrade := hc.keepAlives(p)
	if upgrade {
		return s
	}
	for _, ka := range kas {
		s.resps = append(s.resps, handlerResponse{keepAlive: ka, closed: hc.closeAfter(ka.last, p), handled: hc.returnsTrueAfter(ka.last)})
	}
	// A helper the function hands the connection to, and returns after
	// (writeError(conn, req, 502, msg); return): the helper's keep-alive
	// response is the function's, reported at the call. No fix: the
	// helper may serve other callers.
	hc.connCalls(p, func(call *ast.CallExpr, st ast.Stmt, key sumKey, onTrue bool) {
		sub := c.summary(key)
		if len(sub.resps) == 0 || (onTrue && !sub.allHandled()) {
			return
		}
		closed := hc.closeAfter(st, p)
		if closed == nil {
			closed = sub.resps[0].closed
		}
		s.resps = append(s.resps, handlerResponse{keepAlive: keepAlive{at: call, last: st}, closed: closed, handled: hc.returnsTrueAfter(st)})
	})
	return s
}

// connCalls calls f for each call in the unit that passes conn, as its
// parameter i, to a function of the package, where the call is not in a
// loop over conn, nothing after it may hand conn on, and it is not on a
// path the client's close request controls. st is the call's statement.
func (c *checker) connCalls(conn types.Object, f func(call *ast.CallExpr, st ast.Stmt, key sumKey, onTrue bool)) {
	u := c.u
	ast.Inspect(u.Root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if _, isWrite := u.Writes()[call]; isWrite {
			return true // a reply helper: its text is judged as the caller's write
		}
		fn := c.m.Callee(call)
		if fn == nil || call.Ellipsis.IsValid() {
			return true
		}
		if fn.Pkg() != c.pass.Pkg && c.st.facts[fn.Origin()] == nil {
			return true // another package's function without a summary
		}
		handed := func(key sumKey) {
			st := c.statementOf(call)
			if st == nil || c.clientControlled(st) {
				return
			}
			if u.EscapeAfter(st, conn) {
				// if p.Handle(conn, req) { return }: when the callee
				// answers only on its true result, what follows is
				// the branch, which returns.
				ret := c.returnOnTrue(call)
				if ret == nil || u.EscapeAfterCall(ret, call, conn) {
					return
				}
				f(call, ret, key, true)
				return
			}
			// In a loop that reads the connection's next request, the
			// response is not the last; a loop over something else (the
			// plugins or routes asked in turn) does not serve the client
			// again.
			if loop := u.LoopOver(st, conn); loop != nil && u.ReadsFrom(loop, conn) {
				return
			}
			f(call, st, key, false)
		}
		// A method of the struct that holds the connection in a field
		// (s.reply(200, body)): the method writes to the field.
		if m := u.FieldMethodCall(call, conn); m != nil {
			handed(sumKey{fn: m, param: -1, field: conn.(*types.Var)})
		}
		for i, arg := range call.Args {
			if w, ok := u.ConnOf(arg); ok && w == conn {
				handed(sumKey{fn: fn, param: i})
			}
		}
		return true
	})
}

// handlerCalls checks the calls that pass conn, from which the unit read
// one request, to a function of the package that answers it
// (s.deny(conn, req), handleConnect(req, conn)): a keep-alive response the
// function writes and returns after is the last on a connection that the
// caller (or the function) closes.
func (c *checker) handlerCalls(conn types.Object) {
	c.connCalls(conn, func(call *ast.CallExpr, st ast.Stmt, key sumKey, onTrue bool) {
		f := key.fn
		s := c.summary(key)
		if onTrue && !s.allHandled() {
			return
		}
		for _, r := range s.resps {
			closed := c.closeAfter(st, conn)
			if closed == nil {
				closed = r.closed
			}
			if closed == nil {
				continue
			}
			if r.at == nil {
				// Another package's reply helper: reported at the call.
				d := c.diagText(call, conn)
				d.Message = fmt.Sprintf("%s (the keep-alive response is written by %s.%s, %s)", d.Message, f.Pkg().Name(), f.Name(), r.where)
				d.Related = []analysis.RelatedInformation{{Pos: closed.Pos(), End: closed.End(), Message: "closed here"}}
				c.report(d)
				continue
			}
			d := c.diagText(r.at, s.param)
			d.Related = []analysis.RelatedInformation{{Pos: closed.Pos(), End: closed.End(), Message: "closed here"}}
			if closed != r.closed {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: call.Pos(), End: call.End(), Message: "after this call returns"})
			}
			// The fix edits the handler: only when this call is its
			// only use, so that no other caller's client is affected.
			if r.fix != nil && c.usesOf(f.Origin()) == 1 {
				d.SuggestedFixes = []analysis.SuggestedFix{*r.fix}
			}
			c.report(d)
		}
	})
}

// usesOf returns how often the package refers to fn.
func (c *checker) usesOf(fn *types.Func) int {
	if c.st.uses == nil {
		c.st.uses = map[types.Object]int{}
		for _, obj := range c.pass.TypesInfo.Uses {
			if f, ok := obj.(*types.Func); ok {
				c.st.uses[f.Origin()]++
			}
		}
	}
	return c.st.uses[fn]
}

// allHandled reports whether every response of the summary is followed by
// a return of true (see handlerResponse.handled).
func (s *summary) allHandled() bool {
	for _, r := range s.resps {
		if !r.handled {
			return false
		}
	}
	return len(s.resps) > 0
}

// returnsTrueAfter reports whether the statement after st in its block is
// return true.
func (c *checker) returnsTrueAfter(st ast.Stmt) bool {
	block, ok := c.u.Parent(st).(*ast.BlockStmt)
	if !ok {
		return false
	}
	for i, s := range block.List {
		if s != st || i+1 >= len(block.List) {
			continue
		}
		ret, ok := block.List[i+1].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			return false
		}
		tv, ok := c.pass.TypesInfo.Types[ret.Results[0]]
		return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
	}
	return false
}

// returnOnTrue returns the return statement that ends the branch taken
// when call, the condition of an if statement, is true
// (if p.Handle(conn, req) { log(...); return }), or nil.
func (c *checker) returnOnTrue(call *ast.CallExpr) *ast.ReturnStmt {
	ifs, ok := c.u.Parent(call).(*ast.IfStmt)
	if !ok || ifs.Cond != call || len(ifs.Body.List) == 0 {
		return nil
	}
	ret, _ := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt)
	return ret
}
