package keepaliveclose

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connvet/connvet/passes/internal/guard"
	"github.com/connvet/connvet/passes/internal/httplib"
	"github.com/connvet/connvet/passes/internal/wire"
)

// ConnFact summarizes what an exported function does with the
// connections its parameters carry, for the packages that import it: a
// reply helper (wire.WriteFramed(conn, ...)) that answers with a
// keep-alive response, a release helper that closes the connection, a
// hijack helper that returns the hijacked connection.
type ConnFact struct {
	// KeepAlive lists the parameters that get a keep-alive response (framed,
	// HTTP/1.1, no Connection: close) after which the function returns
	// without reading another request; Where gives, for each, the place
	// of the response (file:line) for the message.
	KeepAlive []int
	Where     []string
	// Closes lists the parameters the function closes on every path.
	Closes []int
	// Hijacks: the function hijacks its http.ResponseWriter parameter and
	// returns the connection and its bufio.ReadWriter as its first two
	// results, as Hijack does.
	Hijacks bool
}

// AFact marks ConnFact as an analysis fact.
func (*ConnFact) AFact() {}

func (f *ConnFact) String() string {
	return fmt.Sprintf("keepalive%v closes%v hijacks=%v", f.KeepAlive, f.Closes, f.Hijacks)
}

func (f *ConnFact) keepAlive(i int) (string, bool) {
	for k, p := range f.KeepAlive {
		if p == i {
			return f.Where[k], true
		}
	}
	return "", false
}

func (f *ConnFact) closes(i int) bool {
	for _, p := range f.Closes {
		if p == i {
			return true
		}
	}
	return false
}

// Facts are the ConnFacts of the functions the package imports, keyed by
// function; the result of factsAnalyzer.
type Facts map[*types.Func]*ConnFact

// factsAnalyzer computes the facts from syntax, in every package that
// imports net/http or fasthttp (dependencies included), and hands the
// imported ones to keepaliveclose, which declares no facts itself and so
// runs on the packages being checked only. It builds its own inspector
// after the cheap exit, so that dependencies without HTTP cost nothing.
var factsAnalyzer = &analysis.Analyzer{
	Name:       "keepaliveclosefacts",
	Doc:        "summaries of the functions that reply on, close or hijack a connection (internal to keepaliveclose)",
	Run:        guard.Run(runFacts),
	FactTypes:  []analysis.Fact{new(ConnFact)},
	ResultType: reflect.TypeFor[Facts](),
}

func runFacts(pass *analysis.Pass) (any, error) {
	facts := Facts{}
	for _, of := range pass.AllObjectFacts() {
		if f, ok := of.Object.(*types.Func); ok && f.Pkg() != pass.Pkg {
			facts[f] = of.Fact.(*ConnFact)
		}
	}
	if !wire.Imports(pass.Pkg, "net/http", wire.FasthttpPath) {
		return facts, nil
	}
	m := wire.NewModel(pass.Pkg, pass.TypesInfo)
	m.Interfaces = true
	m.EmbeddedConns = true
	facts.addTo(m)
	insp := inspector.New(pass.Files)
	m.Units(insp, func(*wire.Unit) {}) // indexes the declarations
	st := &state{summaries: map[sumKey]*summary{}, closers: map[sumKey]bool{}, reported: map[token.Pos]bool{}, facts: facts}
	c := &checker{pass: pass, m: m, insp: insp, st: st}
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || !fd.Name.IsExported() {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if f := c.factOf(fn); f != nil {
				pass.ExportObjectFact(fn, f)
			}
		}
	}
	return facts, nil
}

// addTo tells the model about the imported hijack and release helpers.
func (f Facts) addTo(m *wire.Model) {
	for fn, cf := range f {
		if cf.Hijacks {
			m.AddHijack(fn)
		}
		for _, i := range cf.Closes {
			m.AddCloser(fn, i)
		}
	}
}

// factOf computes fn's fact, nil when it has nothing to say.
func (c *checker) factOf(fn *types.Func) *ConnFact {
	f := &ConnFact{}
	sig := fn.Signature()
	for i := range sig.Params().Len() {
		key := sumKey{fn: fn, param: i}
		if s := c.summary(key); len(s.resps) > 0 {
			pos := c.pass.Fset.Position(s.resps[0].at.Pos())
			f.KeepAlive = append(f.KeepAlive, i)
			f.Where = append(f.Where, fmt.Sprintf("%s:%d", shortFile(pos.Filename), pos.Line))
		}
		if hu, p := c.m.ParamUnit(fn, i); hu != nil && c.closesOnEveryPath(hu, p) {
			f.Closes = append(f.Closes, i)
		}
	}
	f.Hijacks = c.hijacker(fn)
	if len(f.KeepAlive) == 0 && len(f.Closes) == 0 && !f.Hijacks {
		return nil
	}
	return f
}

// closesOnEveryPath reports whether the unit closes conn with a close
// deferred in its function or a statement of its body itself.
func (c *checker) closesOnEveryPath(hu *wire.Unit, conn types.Object) bool {
	d, ok := hu.Root.(*ast.FuncDecl)
	if !ok || d.Body == nil {
		return false
	}
	hc := &checker{pass: c.pass, u: hu, m: c.m, insp: c.insp, st: c.st}
	for _, cl := range hc.closes(conn) {
		if cl.deferredIn == d.Body || hc.u.Parent(hc.statementOf(cl.call)) == d.Body {
			return true
		}
	}
	return false
}

// hijacker reports whether fn takes an http.ResponseWriter, returns
// (net.Conn, *bufio.ReadWriter, error) and hijacks in its body.
func (c *checker) hijacker(fn *types.Func) bool {
	sig := fn.Signature()
	res := sig.Results()
	if res.Len() != 3 || !c.m.IsConnType(res.At(0).Type()) || !httplib.IsNamedPtr(res.At(1).Type(), "bufio", "ReadWriter") {
		return false
	}
	takesWriter := false
	for i := range sig.Params().Len() {
		if httplib.IsNamed(sig.Params().At(i).Type(), "net/http", "ResponseWriter") {
			takesWriter = true
		}
	}
	d := c.m.Decl(fn)
	if !takesWriter || d == nil || d.Body == nil {
		return false
	}
	found := false
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && c.m.IsHijack(call) {
			found = true
		}
		return !found
	})
	return found
}

// shortFile returns the last two elements of a file name.
func shortFile(name string) string {
	slash := 0
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' {
			slash++
			if slash == 2 {
				return name[i+1:]
			}
		}
	}
	return name
}
