package wire

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"iter"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connvet/connvet/passes/internal/flow"
	"github.com/connvet/connvet/passes/internal/httplib"
)

// Package paths the model knows.
const (
	netPath      = "net"
	tlsPath      = "crypto/tls"
	bufioPath    = "bufio"
	fmtPath      = "fmt"
	ioPath       = "io"
	strconvPath  = "strconv"
	httpPath     = "net/http"
	FasthttpPath = "github.com/valyala/fasthttp"
)

// Model knows the types and functions of net, bufio, fmt, io, net/http and
// fasthttp that matter for writing wire text to a connection. Build it
// once per package with NewModel; a nil *types.Func or type means the
// package does not (transitively) import that library. Its sets of
// functions are looked up with httplib.LookupFunc and LookupType, the
// counterparts of httplib.IsFunc and IsNamed, so that calls are matched
// by object.
type Model struct {
	Info *types.Info
	// Flow, when set, is the package's SSA form: it relates the fields of
	// per-connection structs to each other (a reader field built over the
	// conn field). Nil leaves such fields unknown.
	Flow *flow.Program
	// HandsNowhere, when set, takes passing a connection to a function of
	// the package that keeps, serves and closes nothing (ParamKeeps) for
	// no use that hands it on.
	HandsNowhere bool
	keeps        map[methodField]bool         // see MethodKeeps
	closers      map[*types.Func]map[int]bool // see AddCloser
	paramKeeps   map[paramKey]bool            // see ParamKeeps
	reads        int                          // 1: the package reads requests itself, -1: it does not, 0: not yet known

	// Interfaces, when set, also takes variables of interface types with a
	// Write method (io.ReadWriteCloser, io.ReadWriter, io.Writer, a
	// package's own Conn interface) for connections where the function
	// shows they carry HTTP: a request is read from them, or they are
	// parameters of a function that is handed the request read from them
	// (see Unit.CallerRead). Their interface methods Write, WriteString,
	// Read and Close are then the connection's.
	Interfaces bool
	httpReq    types.Type // *http.Request
	respWriter types.Type // http.ResponseWriter

	connTypes []types.Type // net.Conn, *net.TCPConn, *net.UnixConn, *tls.Conn
	bufWriter types.Type   // *bufio.Writer
	bufReader types.Type   // *bufio.Reader
	bufRW     types.Type   // *bufio.ReadWriter
	// In-memory buffers a response may be assembled in before it is
	// written to a connection in one go: bytes.Buffer, strings.Builder.
	buffers []types.Type
	bufOut  map[*types.Func]bool // Bytes and String of the buffer types

	writeBytes  map[*types.Func]bool // Write([]byte) methods of the writer types
	writeString map[*types.Func]bool // WriteString(string) methods
	closeMeth   map[*types.Func]bool // Close methods of the conn types
	readMeth    map[*types.Func]bool // Read methods of conns, every method of *bufio.Reader

	newWriter, newReader, newReadWriter map[*types.Func]bool
	fprintf, fprint, sprintf, sprint    *types.Func
	ioWriteString                       *types.Func
	itoa                                map[*types.Func]bool
	accept                              map[*types.Func]bool

	// net/http
	ReadRequest   *types.Func
	Hijack        map[*types.Func]bool // Hijacker.Hijack, (*ResponseController).Hijack
	HTTPResponse  *types.Named
	RespWrite     *types.Func // (*http.Response).Write
	RequestChecks map[types.Object]bool

	// fasthttp
	FastReads      map[*types.Func]bool // (*Request).Read, ReadLimitBody, ContinueReadBody...
	FastRespWrite  map[*types.Func]bool // (*Response).Write, WriteTo
	FastCtxConn    *types.Func          // (*RequestCtx).Conn
	FastCtx        types.Type           // *fasthttp.RequestCtx
	FastAnnounce   map[*types.Func]bool // SetConnectionClose on ctx, response and header
	FastCloseCheck map[*types.Func]bool // ConnectionClose getters on request and header

	known map[*types.Func]bool // every function above that writes, reads, hijacks or yields a conn

	// Helpers of the package that write a response to a parameter.
	pkg     *types.Package
	insp    *inspector.Inspector
	decls   map[*types.Func]inspector.Cursor
	helpers map[helperKey]*helperWrite

	// EmbeddedConns makes a pointer to a struct that embeds one of the
	// connection types (type trackedConn struct{ net.Conn; ... }) a
	// connection type too: its Read, Write and Close are the connection's
	// unless it overrides them, and it is the connection to its users.
	// Off by default; a check that sets it does so before Units.
	EmbeddedConns bool
}

type helperKey struct {
	fn    *types.Func
	param int
}

// helperWrite is what a call of a helper puts on the connection passed as
// one of its parameters: the text of the one response it writes there.
type helperWrite struct {
	text Text
	at   *ast.CallExpr // the helper's first write
	ok   bool
}

// NewModel builds the model for pkg and the packages it imports.
func NewModel(pkg *types.Package, info *types.Info) *Model {
	pkgs := map[string]*types.Package{}
	for _, p := range typeutil.Dependencies(pkg) {
		pkgs[httplib.Unvendor(p.Path())] = p
	}

	m := &Model{
		Info:          info,
		writeBytes:    map[*types.Func]bool{},
		writeString:   map[*types.Func]bool{},
		closeMeth:     map[*types.Func]bool{},
		readMeth:      map[*types.Func]bool{},
		newWriter:     map[*types.Func]bool{},
		newReader:     map[*types.Func]bool{},
		newReadWriter: map[*types.Func]bool{},
		itoa:          map[*types.Func]bool{},
		accept:        map[*types.Func]bool{},
		Hijack:        map[*types.Func]bool{},
		RequestChecks: map[types.Object]bool{},
		FastReads:     map[*types.Func]bool{},
		FastRespWrite: map[*types.Func]bool{},
		FastAnnounce:  map[*types.Func]bool{},

		FastCloseCheck: map[*types.Func]bool{},
		bufOut:         map[*types.Func]bool{},
	}
	typ := func(path, name string, ptr bool) types.Type {
		tn := httplib.LookupType(pkgs[path], name)
		if tn == nil {
			return nil
		}
		if ptr {
			return types.NewPointer(tn.Type())
		}
		return tn.Type()
	}
	fn := func(path, name string) *types.Func { return httplib.LookupFunc(pkgs[path], "", name) }
	meth := func(t types.Type, name string) *types.Func {
		if t == nil {
			return nil
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		f, _ := obj.(*types.Func)
		return f
	}
	field := func(t types.Type, name string) types.Object {
		if t == nil {
			return nil
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		return obj
	}
	add := func(set map[*types.Func]bool, fs ...*types.Func) {
		for _, f := range fs {
			if f != nil {
				set[f] = true
			}
		}
	}

	for _, t := range []types.Type{
		typ(netPath, "Conn", false), typ(netPath, "TCPConn", true),
		typ(netPath, "UnixConn", true), typ(tlsPath, "Conn", true),
	} {
		if t != nil {
			m.connTypes = append(m.connTypes, t)
			add(m.writeBytes, meth(t, "Write"))
			add(m.closeMeth, meth(t, "Close"))
			add(m.readMeth, meth(t, "Read"))
		}
	}
	m.bufWriter = typ(bufioPath, "Writer", true)
	m.bufReader = typ(bufioPath, "Reader", true)
	m.bufRW = typ(bufioPath, "ReadWriter", true)
	for _, t := range []types.Type{m.bufWriter, m.bufRW} {
		add(m.writeBytes, meth(t, "Write"))
		add(m.writeString, meth(t, "WriteString"))
	}
	if m.bufReader != nil {
		ms := types.NewMethodSet(m.bufReader)
		for i := range ms.Len() {
			add(m.readMeth, ms.At(i).Obj().(*types.Func))
		}
	}
	for _, t := range []types.Type{typ("bytes", "Buffer", true), typ("strings", "Builder", true)} {
		if t == nil {
			continue
		}
		m.buffers = append(m.buffers, t, t.(*types.Pointer).Elem())
		add(m.writeBytes, meth(t, "Write"))
		add(m.writeString, meth(t, "WriteString"))
		add(m.bufOut, meth(t, "Bytes"), meth(t, "String"))
	}
	add(m.newWriter, fn(bufioPath, "NewWriter"), fn(bufioPath, "NewWriterSize"))
	add(m.newReader, fn(bufioPath, "NewReader"), fn(bufioPath, "NewReaderSize"))
	add(m.newReadWriter, fn(bufioPath, "NewReadWriter"))
	m.fprintf, m.fprint = fn(fmtPath, "Fprintf"), fn(fmtPath, "Fprint")
	m.sprintf, m.sprint = fn(fmtPath, "Sprintf"), fn(fmtPath, "Sprint")
	m.ioWriteString = fn(ioPath, "WriteString")
	add(m.itoa, fn(strconvPath, "Itoa"), fn(strconvPath, "FormatInt"), fn(strconvPath, "FormatUint"))
	for _, t := range []types.Type{typ(netPath, "Listener", false), typ(netPath, "TCPListener", true), typ(netPath, "UnixListener", true)} {
		add(m.accept, meth(t, "Accept"), meth(t, "AcceptTCP"), meth(t, "AcceptUnix"))
	}

	m.ReadRequest = fn(httpPath, "ReadRequest")
	m.httpReq = typ(httpPath, "Request", true)
	m.respWriter = typ(httpPath, "ResponseWriter", false)
	add(m.Hijack, meth(typ(httpPath, "Hijacker", false), "Hijack"), meth(typ(httpPath, "ResponseController", true), "Hijack"))
	if t, ok := typ(httpPath, "Response", false).(*types.Named); ok {
		m.HTTPResponse = t
		m.RespWrite = meth(types.NewPointer(t), "Write")
	}
	if req := typ(httpPath, "Request", true); req != nil {
		for _, name := range []string{"Close", "ProtoAtLeast", "ProtoMajor", "ProtoMinor", "Proto"} {
			if obj := field(req, name); obj != nil {
				m.RequestChecks[obj] = true
			}
		}
	}

	if freq := typ(FasthttpPath, "Request", true); freq != nil {
		add(m.FastReads, meth(freq, "Read"), meth(freq, "ReadLimitBody"), meth(freq, "ContinueReadBody"), meth(freq, "ContinueReadBodyStream"))
		add(m.FastCloseCheck, meth(freq, "ConnectionClose"))
	}
	if fh := typ(FasthttpPath, "RequestHeader", true); fh != nil {
		add(m.FastReads, meth(fh, "Read"))
		add(m.FastCloseCheck, meth(fh, "ConnectionClose"))
	}
	if fresp := typ(FasthttpPath, "Response", true); fresp != nil {
		add(m.FastRespWrite, meth(fresp, "Write"), meth(fresp, "WriteTo"))
		add(m.FastAnnounce, meth(fresp, "SetConnectionClose"))
	}
	add(m.FastAnnounce, meth(typ(FasthttpPath, "ResponseHeader", true), "SetConnectionClose"))
	if ctx := typ(FasthttpPath, "RequestCtx", true); ctx != nil {
		m.FastCtx = ctx
		m.FastCtxConn = meth(ctx, "Conn")
		add(m.FastAnnounce, meth(ctx, "SetConnectionClose"))
	}
	m.known = map[*types.Func]bool{}
	for _, set := range []map[*types.Func]bool{m.writeBytes, m.writeString, m.Hijack, m.FastReads, m.FastRespWrite} {
		for f := range set {
			m.known[f] = true
		}
	}
	add(m.known, m.fprintf, m.fprint, m.ioWriteString, m.ReadRequest, m.RespWrite, m.FastCtxConn)
	m.pkg = pkg
	m.helpers = map[helperKey]*helperWrite{}
	return m
}

// IsConnType reports whether t is a connection type: net.Conn,
// *net.TCPConn, *net.UnixConn or *tls.Conn.
func (m *Model) IsConnType(t types.Type) bool {
	for _, c := range m.connTypes {
		if types.Identical(t, c) {
			return true
		}
	}
	return m.EmbeddedConns && m.embedsConn(t)
}

// embedsConn reports whether t is a pointer to a named struct with an
// embedded field of a connection type.
func (m *Model) embedsConn(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok {
		return false
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if !f.Embedded() {
			continue
		}
		for _, c := range m.connTypes {
			if types.Identical(f.Type(), c) {
				return true
			}
		}
	}
	return false
}

func (m *Model) identical(t, u types.Type) bool { return Identical(t, u) }

// Identical is types.Identical that is false when either type is missing.
func Identical(t, u types.Type) bool { return t != nil && u != nil && types.Identical(t, u) }

// Callee returns the function or method a call invokes, or nil.
func (m *Model) Callee(call *ast.CallExpr) *types.Func {
	f, _ := typeutil.Callee(m.Info, call).(*types.Func)
	return f
}

// IsClose reports whether call closes a connection; it returns the
// expression of the connection.
func (m *Model) IsClose(call *ast.CallExpr) (ast.Expr, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !m.isClose(m.Callee(call)) || len(call.Args) != 0 {
		return nil, false
	}
	return sel.X, true
}

// ifaceMethod reports whether f is a method of an interface type named
// name with the parameters and results of want (nil: none).
func ifaceMethod(f *types.Func, name string, params, results []types.Type) bool {
	if f == nil || f.Name() != name {
		return false
	}
	sig := f.Signature()
	if sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) || sig.Params().Len() != len(params) || sig.Results().Len() != len(results) {
		return false
	}
	for i, t := range params {
		if !types.Identical(sig.Params().At(i).Type(), t) {
			return false
		}
	}
	for i, t := range results {
		if !types.Identical(sig.Results().At(i).Type(), t) {
			return false
		}
	}
	return true
}

var (
	byteSlice = types.NewSlice(types.Typ[types.Byte])
	errorType = types.Universe.Lookup("error").Type()
	intType   = types.Typ[types.Int]
	strType   = types.Typ[types.String]
)

// isWriteBytes reports whether f writes a []byte to a connection or a
// writer over one: see writeBytes, and with Interfaces an interface's
// Write([]byte) (int, error).
func (m *Model) isWriteBytes(f *types.Func) bool {
	return m.writeBytes[f] || (m.Interfaces && ifaceMethod(f, "Write", []types.Type{byteSlice}, []types.Type{intType, errorType}))
}

// isWriteString is isWriteBytes for WriteString(string) (int, error).
func (m *Model) isWriteString(f *types.Func) bool {
	return m.writeString[f] || (m.Interfaces && ifaceMethod(f, "WriteString", []types.Type{strType}, []types.Type{intType, errorType}))
}

// isRead is readMeth with, under Interfaces, an interface's Read.
func (m *Model) isRead(f *types.Func) bool {
	return m.readMeth[f] || (m.Interfaces && ifaceMethod(f, "Read", []types.Type{byteSlice}, []types.Type{intType, errorType}))
}

// isClose is closeMeth with, under Interfaces, an interface's Close() error.
func (m *Model) isClose(f *types.Func) bool {
	return m.closeMeth[f] || (m.Interfaces && ifaceMethod(f, "Close", nil, []types.Type{errorType}))
}

// connIface reports whether t is an interface type with a
// Write([]byte) (int, error) method, and with Read too when read is set:
// a type a connection can be passed as.
func connIface(t types.Type, read bool) bool {
	if t == nil || !types.IsInterface(t) {
		return false
	}
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	has := func(name string) bool {
		obj, _, _ := types.LookupFieldOrMethod(t, false, nil, name)
		f, _ := obj.(*types.Func)
		return ifaceMethod(f, name, []types.Type{byteSlice}, []types.Type{intType, errorType})
	}
	return has("Write") && (!read || has("Read"))
}

// IsAccept reports whether call accepts a connection from a listener.
func (m *Model) IsAccept(call *ast.CallExpr) bool { return m.accept[m.Callee(call)] }

// IsHijack reports whether call hijacks a net/http connection.
func (m *Model) IsHijack(call *ast.CallExpr) bool { return m.Hijack[m.Callee(call)] }

// AddCloser records that fn, another package's release helper, closes the
// connection passed as its parameter i: passing it there is a close, not
// an escape.
func (m *Model) AddCloser(fn *types.Func, i int) {
	if m.closers == nil {
		m.closers = map[*types.Func]map[int]bool{}
	}
	if m.closers[fn] == nil {
		m.closers[fn] = map[int]bool{}
	}
	m.closers[fn][i] = true
}

// AddHijack makes fn, another package's hijack helper (its summary says
// it returns the hijacked connection and ReadWriter), a hijack.
func (m *Model) AddHijack(fn *types.Func) {
	m.Hijack[fn] = true
	m.known[fn] = true
}

// defn is the single definition of a local variable.
type defn struct {
	rhs   ast.Expr   // x := rhs
	call  ast.Expr   // a, b := call(): the call
	index int        // and the position of the variable on the left
	lhs   []ast.Expr // the whole left-hand side of a tuple assignment
}

// Scope indexes the local variables of one top-level function (closures
// included): how often each is assigned, its single definition, whether
// its address is taken.
type Scope struct {
	m        *Model
	body     ast.Node                    // the function indexed
	cur      inspector.Cursor            // body's cursor
	buffered map[*types.Var]types.Object // buffers and the conn they go to
	params   map[*types.Var]bool         // parameters taken to be connections (helper summaries)
	assigns  map[*types.Var]int
	defs     map[*types.Var]defn
	addr     map[*types.Var]bool
	roots    map[types.Object]types.Object
	// fields: struct fields selected from exactly one variable in the
	// function (s.conn, s.br on the receiver s), with that variable. Such
	// a field is one value in the function and is tracked like a local.
	fields    map[*types.Var]*types.Var
	ambiguous map[*types.Var]bool // fields selected from several variables
}

// NewScope indexes the function at cur.
func (m *Model) NewScope(cur inspector.Cursor) *Scope {
	body := cur.Node()
	s := &Scope{m: m, body: body, cur: cur, buffered: map[*types.Var]types.Object{}, assigns: map[*types.Var]int{}, defs: map[*types.Var]defn{}, addr: map[*types.Var]bool{}, roots: map[types.Object]types.Object{}}
	s.fields, s.ambiguous = fieldBases(m.Info, body)
	varOf := func(e ast.Expr) *types.Var {
		if v := s.fieldVar(e); v != nil {
			return v
		}
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		v, _ := m.Info.ObjectOf(id).(*types.Var)
		return v
	}
	record := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			v := varOf(l)
			if v == nil {
				continue
			}
			s.assigns[v]++
			switch {
			case len(rhs) == len(lhs):
				s.defs[v] = defn{rhs: rhs[i]}
			case len(rhs) == 1:
				s.defs[v] = defn{call: rhs[0], index: i, lhs: lhs}
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			record(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			record(lhs, n.Values)
		case *ast.IncDecStmt:
			if v := varOf(n.X); v != nil {
				s.assigns[v] += 2
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if v := varOf(e); v != nil {
					s.assigns[v] += 2
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if v := varOf(n.X); v != nil {
					s.addr[v] = true
				}
			}
		}
		return true
	})
	for f, base := range s.fields {
		if s.assigns[base] > 1 || s.addr[base] {
			delete(s.fields, f) // the variable holds different structs
			s.ambiguous[f] = true
		}
	}
	return s
}

// fieldBases returns the struct fields selected in body from exactly one
// variable, each with that variable.
func fieldBases(info *types.Info, body ast.Node) (bases map[*types.Var]*types.Var, ambiguous map[*types.Var]bool) {
	bases = map[*types.Var]*types.Var{}
	ambiguous = map[*types.Var]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		selection := info.Selections[sel]
		if selection == nil || selection.Kind() != types.FieldVal {
			return true
		}
		f, _ := selection.Obj().(*types.Var)
		id, _ := ast.Unparen(sel.X).(*ast.Ident)
		var base *types.Var
		if id != nil {
			base, _ = info.Uses[id].(*types.Var)
		}
		switch {
		case f == nil:
		case base == nil || (bases[f] != nil && bases[f] != base):
			ambiguous[f] = true
		default:
			bases[f] = base
		}
		return true
	})
	for f := range ambiguous {
		delete(bases, f)
	}
	return bases, ambiguous
}

// fieldVar returns the field e selects when it is one of the scope's
// tracked fields (see Scope.fields), or nil.
func (s *Scope) fieldVar(e ast.Expr) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || s.fields == nil {
		return nil
	}
	f, _ := s.m.Info.Uses[sel.Sel].(*types.Var)
	if f == nil || s.fields[f] == nil {
		return nil
	}
	if id, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || s.m.Info.Uses[id] != s.fields[f] {
		return nil
	}
	return f
}

// wrappedField returns the connection field that the tracked reader or
// writer field v is built over wherever the package sets it (from the SSA
// form's stores), held by the same variable as v.
func (s *Scope) wrappedField(v *types.Var) (types.Object, bool) {
	base := s.fields[v]
	if base == nil || !s.m.readsRequests() {
		return nil, false
	}
	g, ok := s.m.Flow.WrappedField(v)
	if !ok || base == nil || !s.m.IsConnType(g.Type()) || s.assigns[g] != 0 {
		return nil, false
	}
	switch {
	case s.fields[g] == base:
	case s.fields[g] == nil && !s.ambiguous[g]:
		s.fields[g] = base // not selected here: the same struct holds it
	default:
		return nil, false
	}
	return g, true
}

// readsRequests reports whether the package reads HTTP requests from a
// struct field (http.ReadRequest(c.br), req.Read(c.br) in fasthttp): only
// then can one of its structs hold a connection it serves, and only then
// is the SSA form built to relate the struct's fields.
func (m *Model) readsRequests() bool {
	if m.reads == 0 {
		m.reads = -1
		if m.insp != nil {
			for cur := range m.insp.Root().Preorder((*ast.CallExpr)(nil)) {
				call := cur.Node().(*ast.CallExpr)
				if f := m.Callee(call); f == nil || (f != m.ReadRequest && !m.FastReads[f]) {
					continue
				}
				for _, a := range call.Args {
					if sel, ok := ast.Unparen(a).(*ast.SelectorExpr); ok && m.Info.Selections[sel] != nil {
						m.reads = 1
					}
				}
			}
		}
	}
	return m.reads > 0
}

// NameOf returns how the function names the connection obj: its name, or
// base.field for a tracked field.
func (s *Scope) NameOf(obj types.Object) string {
	if f, ok := obj.(*types.Var); ok && s.fields[f] != nil {
		return s.fields[f].Name() + "." + f.Name()
	}
	return obj.Name()
}

// FieldBase returns the variable the tracked field f is selected from.
func (s *Scope) FieldBase(f *types.Var) *types.Var { return s.fields[f] }

// cursor returns the cursor of n, a node of the scope's function; ok is
// false for any other node.
func (s *Scope) cursor(n ast.Node) (inspector.Cursor, bool) {
	if n == nil {
		return inspector.Cursor{}, false
	}
	// By position first: n or a node of the same extent below it.
	if at, ok := s.cur.FindByPos(n.Pos(), n.End()); ok {
		for c := range at.Enclosing() {
			if c.Node() == n {
				return c, true
			}
			if c == s.cur {
				break
			}
		}
	}
	return s.cur.FindNode(n)
}

// parentOf returns the syntax node enclosing n in the scope's function:
// nil for the function itself and for nodes outside it.
func (s *Scope) parentOf(n ast.Node) ast.Node {
	c, ok := s.cursor(n)
	if !ok || c == s.cur {
		return nil
	}
	return c.Parent().Node()
}

// ancestors yields the nodes enclosing n in the scope's function,
// innermost first, up to the function itself.
func (s *Scope) ancestors(n ast.Node) iter.Seq[ast.Node] {
	return func(yield func(ast.Node) bool) {
		c, ok := s.cursor(n)
		for ok && c != s.cur {
			c = c.Parent()
			ok = yield(c.Node())
		}
	}
}

// Def returns the single definition of the local v, when it has exactly one
// assignment and its address is never taken.
func (s *Scope) def(v *types.Var) (defn, bool) {
	if v == nil || s.assigns[v] != 1 || s.addr[v] {
		return defn{}, false
	}
	d, ok := s.defs[v]
	return d, ok
}

// Value returns the expression that defines the local v, if it has one.
func (s *Scope) Value(v *types.Var) ast.Expr {
	d, ok := s.def(v)
	if !ok {
		return nil
	}
	return d.rhs
}

func (s *Scope) varOf(e ast.Expr) *types.Var {
	if f := s.fieldVar(e); f != nil {
		return f
	}
	return httplib.Var(s.m.Info, e)
}

// ConnOf returns the connection that writes to e reach: e itself when it
// is a connection, the connection under a bufio.Writer or ReadWriter built
// over it, the conn returned with a hijacked ReadWriter, or the ctx behind
// fasthttp's ctx.Conn(). The result identifies the connection; ok is false
// when e is not known to be a connection.
func (s *Scope) ConnOf(e ast.Expr) (types.Object, bool) {
	return s.connOf(e, 0, false)
}

// ReaderOf is ConnOf for the reading side: bufio.Readers over a conn.
func (s *Scope) ReaderOf(e ast.Expr) (types.Object, bool) {
	return s.connOf(e, 0, true)
}

func (s *Scope) connOf(e ast.Expr, depth int, read bool) (types.Object, bool) {
	if depth > 8 || e == nil {
		return nil, false
	}
	e = ast.Unparen(e)
	t := s.m.Info.TypeOf(e)
	if t == nil {
		return nil, false
	}
	if call, ok := e.(*ast.CallExpr); ok {
		f := s.m.Callee(call)
		switch {
		case f != nil && f == s.m.FastCtxConn:
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				return nil, false
			}
			if v := s.varOf(sel.X); v != nil {
				return v, true
			}
			return nil, false
		case !read && s.m.newWriter[f] && len(call.Args) > 0:
			return s.connOf(call.Args[0], depth+1, read)
		case read && s.m.newReader[f] && len(call.Args) > 0:
			return s.connOf(call.Args[0], depth+1, read)
		case s.m.newReadWriter[f] && len(call.Args) == 2:
			if read {
				return s.connOf(call.Args[0], depth+1, read)
			}
			return s.connOf(call.Args[1], depth+1, read)
		}
		return nil, false
	}
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND && !read {
		e = ast.Unparen(u.X) // &buf
	}
	v := s.varOf(e)
	if v == nil {
		return nil, false
	}
	if s.m.IsConnType(t) || s.params[v] {
		return v, true
	}
	if !read && s.m.isBuffer(v.Type()) {
		return s.bufferConn(v, depth)
	}
	wantBuf := s.m.bufWriter
	if read {
		wantBuf = s.m.bufReader
	}
	if !s.m.identical(t, wantBuf) && !s.m.identical(t, s.m.bufRW) {
		return nil, false
	}
	if v.IsField() && s.assigns[v] == 0 {
		return s.wrappedField(v)
	}
	d, ok := s.def(v)
	if !ok {
		return nil, false
	}
	if d.rhs != nil {
		return s.connOf(d.rhs, depth+1, read)
	}
	// c, rw, err := w.(http.Hijacker).Hijack()
	if call, ok := ast.Unparen(d.call).(*ast.CallExpr); ok && s.m.IsHijack(call) && d.index == 1 {
		if c := s.varOf(d.lhs[0]); c != nil && c.Name() != "_" {
			return c, true
		}
		return v, true
	}
	return nil, false
}

func (m *Model) isBuffer(t types.Type) bool {
	for _, b := range m.buffers {
		if types.Identical(t, b) {
			return true
		}
	}
	return false
}

// bufferConn returns the connection a local buffer (bytes.Buffer,
// strings.Builder) is written to in one go, when that is all that becomes
// of it: its content is written to one connection (conn.Write(buf.Bytes()),
// io.WriteString(conn, sb.String()), buf.WriteTo(conn)), and every other
// use writes to it. The buffer then stands for the connection: what is
// written to it is what the connection gets.
func (s *Scope) bufferConn(v *types.Var, depth int) (types.Object, bool) {
	if r, ok := s.buffered[v]; ok {
		return r, r != nil
	}
	s.buffered[v] = nil // cut cycles
	if v.Kind() != types.LocalVar || s.body == nil {
		return nil, false
	}
	var conn types.Object
	ok := true
	ast.Inspect(s.body, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !ok || !isID || s.m.Info.Uses[id] != v {
			return ok
		}
		if target, isFlush := s.flushOf(id, depth); isFlush {
			if target == nil || (conn != nil && conn != target) {
				ok = false
			}
			conn = target
			return ok
		}
		if !s.bufferWriteUse(id) {
			ok = false
		}
		return ok
	})
	if !ok || conn == nil {
		return nil, false
	}
	s.buffered[v] = conn
	return conn, true
}

// flushOf recognizes a use of buffer id that writes its whole content to a
// connection, and returns that connection (nil when the destination is not
// one).
func (s *Scope) flushOf(id *ast.Ident, depth int) (types.Object, bool) {
	p := s.parentOf(id)
	sel, isSel := p.(*ast.SelectorExpr)
	if !isSel || sel.X != id {
		// io.Copy(conn, &buf)
		if u, ok := p.(*ast.UnaryExpr); ok && u.Op == token.AND {
			if call, ok := s.parentOf(u).(*ast.CallExpr); ok && len(call.Args) == 2 && call.Args[1] == u {
				if httplib.IsFunc(s.m.Callee(call), "io", "", "Copy") {
					c, _ := s.connOf(call.Args[0], depth+1, false)
					return c, true
				}
			}
		}
		return nil, false
	}
	call, isCall := s.parentOf(sel).(*ast.CallExpr)
	if !isCall || call.Fun != sel {
		return nil, false
	}
	f := s.m.Callee(call)
	switch {
	case f != nil && f.Name() == "WriteTo" && len(call.Args) == 1:
		c, _ := s.connOf(call.Args[0], depth+1, false)
		return c, true
	case f != nil && s.m.bufOut[f]:
		// conn.Write(buf.Bytes()), io.WriteString(conn, sb.String()),
		// conn.Write([]byte(sb.String()))
		var arg ast.Node = call
		outer := s.parentOf(call)
		if conv, ok := outer.(*ast.CallExpr); ok && len(conv.Args) == 1 && conv.Args[0] == call {
			if tv, ok := s.m.Info.Types[conv.Fun]; ok && tv.IsType() {
				arg, outer = conv, s.parentOf(conv)
			}
		}
		w, ok := outer.(*ast.CallExpr)
		if !ok {
			return nil, false
		}
		g := s.m.Callee(w)
		switch {
		case g != nil && (s.m.isWriteBytes(g) || s.m.isWriteString(g)) && len(w.Args) == 1 && w.Args[0] == arg:
			if ws, ok := ast.Unparen(w.Fun).(*ast.SelectorExpr); ok {
				c, _ := s.connOf(ws.X, depth+1, false)
				return c, true
			}
		case g != nil && g == s.m.ioWriteString && len(w.Args) == 2 && w.Args[1] == arg:
			c, _ := s.connOf(w.Args[0], depth+1, false)
			return c, true
		}
	}
	return nil, false
}

// flushes reports whether payload is the content of a buffer that stands
// for conn (buf.Bytes(), sb.String(), []byte(sb.String())).
func (s *Scope) flushes(payload ast.Expr, conn types.Object) bool {
	e := ast.Unparen(payload)
	if conv, ok := e.(*ast.CallExpr); ok && len(conv.Args) == 1 {
		if tv, ok := s.m.Info.Types[conv.Fun]; ok && tv.IsType() {
			e = ast.Unparen(conv.Args[0])
		}
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || !s.m.bufOut[s.m.Callee(call)] {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	c, ok := s.ConnOf(sel.X)
	return ok && c == conn
}

// bufferWriteUse reports whether the use id of a buffer writes to it (or
// only looks at it): a Write/WriteString/WriteByte/WriteRune/Reset/Len/Grow
// call, or &buf as the writer of fmt.Fprint*.
func (s *Scope) bufferWriteUse(id *ast.Ident) bool {
	switch p := s.parentOf(id).(type) {
	case *ast.SelectorExpr:
		call, ok := s.parentOf(p).(*ast.CallExpr)
		if !ok || call.Fun != p {
			return false
		}
		switch p.Sel.Name {
		case "Write", "WriteString", "WriteByte", "WriteRune", "Reset", "Len", "Grow":
			return true
		}
	case *ast.UnaryExpr:
		call, ok := s.parentOf(p).(*ast.CallExpr)
		if !ok || len(call.Args) == 0 || call.Args[0] != p {
			return false
		}
		f := s.m.Callee(call)
		return f != nil && (f == s.m.fprintf || f == s.m.fprint || f == s.m.ioWriteString)
	case *ast.ValueSpec:
		return true // var buf bytes.Buffer
	case *ast.AssignStmt:
		for i, l := range p.Lhs {
			if l == id && i < len(p.Rhs) {
				if cl, ok := ast.Unparen(p.Rhs[i]).(*ast.CompositeLit); ok && len(cl.Elts) == 0 {
					return true // buf := bytes.Buffer{}
				}
			}
		}
	}
	return false
}

// IsConnFamily reports whether the variable v is root itself or a buffered
// reader or writer over it.
func (s *Scope) IsConnFamily(v *types.Var, root types.Object) bool {
	if v == nil {
		return false
	}
	if v == root {
		return true
	}
	if f, ok := root.(*types.Var); ok && f.IsField() && s.fields[f] == v {
		return true // the struct that holds the connection
	}
	if r, ok := s.rootOfVar(v); ok {
		return r == root
	}
	return false
}

func (s *Scope) rootOfVar(v *types.Var) (types.Object, bool) {
	if r, ok := s.roots[v]; ok {
		return r, r != nil
	}
	s.roots[v] = nil // cut cycles
	var r types.Object
	t := v.Type()
	switch {
	case s.m.IsConnType(t):
		r = v
	case s.m.identical(t, s.m.bufWriter), s.m.identical(t, s.m.bufReader), s.m.identical(t, s.m.bufRW):
		if v.IsField() && s.assigns[v] == 0 && s.fields[v] != nil {
			r, _ = s.wrappedField(v)
			break
		}
		if d, ok := s.def(v); ok {
			read := s.m.identical(t, s.m.bufReader)
			if d.rhs != nil {
				r, _ = s.connOf(d.rhs, 1, read)
			} else if call, ok := ast.Unparen(d.call).(*ast.CallExpr); ok && s.m.IsHijack(call) && d.index == 1 {
				if c := s.varOf(d.lhs[0]); c != nil && c.Name() != "_" {
					r = c
				} else {
					r = v
				}
			}
		}
	}
	s.roots[v] = r
	return r, r != nil
}

// RootOf returns the connection a variable belongs to (itself for a conn,
// the conn under a bufio reader or writer).
func (s *Scope) RootOf(e ast.Expr) (types.Object, bool) {
	v := s.varOf(e)
	if v == nil {
		return nil, false
	}
	return s.rootOfVar(v)
}

// Definition returns how the local v got its single value: the right-hand
// expression, or the call of a tuple assignment and v's index in it.
func (s *Scope) Definition(v *types.Var) (rhs ast.Expr, call ast.Expr, index int, ok bool) {
	d, ok := s.def(v)
	if !ok {
		return nil, nil, 0, false
	}
	return d.rhs, d.call, d.index, true
}

// A Write is one call that puts text on a connection.
type Write struct {
	Call *ast.CallExpr
	Conn types.Object // the connection written to
	Text Text
	// Helper is set when the call is to a function of the package that
	// writes the response to the connection passed to it; Text is then
	// that function's text, and Call its call.
	Helper *types.Func
	// HelperWrite is the helper's own first write call.
	HelperWrite *ast.CallExpr
}

// WriteOf recognizes a call that writes to a connection: Write and
// WriteString on a conn or a bufio writer over one, io.WriteString,
// fmt.Fprintf and fmt.Fprint (string operands only). ok is false for any
// other call.
func (s *Scope) WriteOf(call *ast.CallExpr) (w Write, ok bool) {
	f := s.m.Callee(call)
	if f == nil {
		return Write{}, false
	}
	w.Call = call
	var dst, payload ast.Expr
	switch {
	case s.m.isWriteBytes(f) || s.m.isWriteString(f):
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || len(call.Args) != 1 {
			return Write{}, false
		}
		dst, payload = sel.X, call.Args[0]
	case f == s.m.ioWriteString && len(call.Args) == 2:
		dst, payload = call.Args[0], call.Args[1]
	case f == s.m.fprintf && len(call.Args) >= 2:
		conn, ok := s.ConnOf(call.Args[0])
		if !ok {
			return Write{}, false
		}
		w.Conn, w.Text = conn, s.formatText(call, 1, 0)
		return w, true
	case f == s.m.fprint && len(call.Args) >= 2 && !call.Ellipsis.IsValid():
		conn, ok := s.ConnOf(call.Args[0])
		if !ok {
			return Write{}, false
		}
		w.Conn, w.Text = conn, s.sprintText(call.Args[1:], 0)
		return w, true
	default:
		return s.helperWriteOf(call, f)
	}
	conn, ok := s.ConnOf(dst)
	if !ok {
		return Write{}, false
	}
	if s.flushes(payload, conn) {
		return Write{}, false // the buffer's writes were the writes
	}
	w.Conn, w.Text = conn, s.TextOf(payload)
	return w, true
}

// helperWriteOf recognizes a call of a function of the package that writes
// one response to a writer parameter, with a connection as that argument.
func (s *Scope) helperWriteOf(call *ast.CallExpr, f *types.Func) (Write, bool) {
	if f.Pkg() != s.m.pkg || call.Ellipsis.IsValid() {
		return Write{}, false
	}
	for i, arg := range call.Args {
		conn, ok := s.ConnOf(arg)
		if !ok {
			continue
		}
		if h := s.m.helper(f, i); h.ok {
			return Write{Call: call, Conn: conn, Text: h.text, Helper: f, HelperWrite: h.at}, true
		}
	}
	return Write{}, false
}

// helper summarizes what fn writes to its parameter i: the text of the one
// response written there, when fn writes exactly one and nothing else to
// it, and hands it nowhere else.
func (m *Model) helper(fn *types.Func, i int) *helperWrite {
	key := helperKey{fn, i}
	if h, ok := m.helpers[key]; ok {
		return h
	}
	h := &helperWrite{}
	m.helpers[key] = h // in progress: recursion finds no summary
	decl, ok := m.decl(fn)
	sig := fn.Signature()
	if !ok || decl.Node().(*ast.FuncDecl).Body == nil || i >= sig.Params().Len() || (sig.Variadic() && i == sig.Params().Len()-1) {
		return h
	}
	p := sig.Params().At(i)
	if !m.writerType(p.Type()) {
		return h
	}
	u := m.newUnit(decl, map[*types.Var]bool{p: true})
	var rs []Response
	for _, body := range u.Bodies() {
		for _, r := range u.Responses(body) {
			if r.Conn == p {
				rs = append(rs, r)
			}
		}
	}
	if len(rs) != 1 || !rs[0].Whole || u.count[p] != len(rs[0].Writes) || u.Escapes(p) {
		return h
	}
	h.text, h.at, h.ok = rs[0].Writes[0].Text, rs[0].Writes[0].Call, true
	for _, w := range rs[0].Writes[1:] {
		h.text = Concat(h.text, w.Text)
	}
	return h
}

// writerType reports whether t can carry a connection into a helper: a
// connection type, io.Writer, or a bufio.Writer.
func (m *Model) writerType(t types.Type) bool {
	if m.IsConnType(t) || m.identical(t, m.bufWriter) || (m.Interfaces && connIface(t, false)) {
		return true
	}
	return httplib.IsNamed(t, "io", "Writer")
}

// Decl returns the declaration of fn, a function of the package with a
// body, or nil.
func (m *Model) Decl(fn *types.Func) *ast.FuncDecl {
	if fn == nil {
		return nil
	}
	cur, ok := m.decl(fn)
	if !ok {
		return nil
	}
	d, _ := cur.Node().(*ast.FuncDecl)
	if d == nil || d.Body == nil {
		return nil
	}
	return d
}

// decl returns the cursor of fn's declaration in the package.
func (m *Model) decl(fn *types.Func) (inspector.Cursor, bool) {
	if m.decls == nil {
		m.decls = map[*types.Func]inspector.Cursor{}
		if m.insp != nil {
			for cur := range m.insp.Root().Preorder((*ast.FuncDecl)(nil)) {
				d := cur.Node().(*ast.FuncDecl)
				if f, ok := m.Info.Defs[d.Name].(*types.Func); ok {
					m.decls[f] = cur
				}
			}
		}
	}
	cur, ok := m.decls[fn.Origin()]
	return cur, ok
}

// TextOf reconstructs the text of a string or []byte expression.
func (s *Scope) TextOf(e ast.Expr) Text { return s.textOf(e, 0) }

func (s *Scope) textOf(e ast.Expr, depth int) Text {
	hole := Text{{Hole: true, Expr: e}}
	if depth > 8 {
		return hole
	}
	e = ast.Unparen(e)
	tv := s.m.Info.Types[e]
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD && isStringType(tv.Type) {
		// Before constant folding, so that each literal keeps its source.
		return Concat(s.textOf(b.X, depth+1), s.textOf(b.Y, depth+1))
	}
	if tv.Value != nil && tv.Value.Kind() == constant.String {
		p := Piece{Lit: constant.StringVal(tv.Value), Expr: e}
		if bl, ok := e.(*ast.BasicLit); ok && bl.Kind == token.STRING {
			p.Src = bl
		}
		return Text{p}
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		if ftv := s.m.Info.Types[e.Fun]; ftv.IsType() && len(e.Args) == 1 {
			if at := s.m.Info.TypeOf(e.Args[0]); at != nil && (isStringType(at) || isBytesType(at)) {
				return s.textOf(e.Args[0], depth+1) // string(b), []byte(s)
			}
			return hole
		}
		f := s.m.Callee(e)
		switch {
		case f == nil:
		case f == s.m.sprintf && len(e.Args) >= 1:
			return s.formatText(e, 0, depth+1)
		case f == s.m.sprint && !e.Ellipsis.IsValid():
			return s.sprintText(e.Args, depth+1)
		case s.m.itoa[f]:
			return Text{{Hole: true, Verb: 'd', Expr: e}}
		}
	case *ast.Ident:
		if v, ok := s.m.Info.Uses[e].(*types.Var); ok {
			if rhs := s.Value(v); rhs != nil {
				return s.textOf(rhs, depth+1)
			}
		}
	}
	return hole
}

func (s *Scope) sprintText(args []ast.Expr, depth int) Text {
	var out Text
	for _, a := range args {
		if !isStringType(s.m.Info.TypeOf(a)) {
			return Text{{Hole: true}} // Sprint puts spaces between non-string operands
		}
		out = append(out, s.textOf(a, depth)...)
	}
	return out
}

// formatText expands the fmt call's format (argument fi) with its
// arguments: constant arguments of simple verbs become text, every other
// verb a hole. A format that is not constant, or uses argument indexes or
// '*', is one hole.
func (s *Scope) formatText(call *ast.CallExpr, fi, depth int) Text {
	whole := Text{{Hole: true, Expr: call}}
	if call.Ellipsis.IsValid() {
		return whole
	}
	ftv := s.m.Info.Types[call.Args[fi]]
	if ftv.Value == nil || ftv.Value.Kind() != constant.String {
		return whole
	}
	format := constant.StringVal(ftv.Value)
	src, _ := ast.Unparen(call.Args[fi]).(*ast.BasicLit)
	arg := fi + 1
	var out Text
	lit := func(from, to int) {
		if to > from {
			out = append(out, Piece{Lit: format[from:to], Src: src, Off: from, Format: call, NextArg: arg})
		}
	}
	start := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		lit(start, i)
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			return whole
		}
		verb := format[j]
		if verb == '[' || verb == '*' {
			return whole
		}
		if verb == '%' {
			out = append(out, Piece{Lit: "%", Format: call, NextArg: arg})
			i, start = j, j+1
			continue
		}
		simple := j == i+1
		if arg >= len(call.Args) {
			out = append(out, Piece{Hole: true, Verb: rune(verb), Format: call, NextArg: arg})
		} else {
			a := call.Args[arg]
			out = append(out, s.verbText(a, rune(verb), simple, depth, call, arg)...)
		}
		arg++
		i, start = j, j+1
	}
	lit(start, len(format))
	return out
}

func (s *Scope) verbText(a ast.Expr, verb rune, simple bool, depth int, call *ast.CallExpr, arg int) Text {
	hole := Text{{Hole: true, Verb: verb, Expr: a, Format: call, NextArg: arg + 1}}
	if !simple {
		return hole
	}
	tv := s.m.Info.Types[a]
	if tv.Value != nil {
		switch {
		case tv.Value.Kind() == constant.String && (verb == 's' || verb == 'v'):
			return Text{{Lit: constant.StringVal(tv.Value), Expr: a}}
		case tv.Value.Kind() == constant.Int && (verb == 'd' || verb == 'v'):
			return Text{{Lit: tv.Value.ExactString(), Expr: a}}
		}
		return hole
	}
	if (verb == 's' || verb == 'v') && isStringType(tv.Type) {
		t := s.textOf(a, depth+1)
		if len(t) == 1 && t[0].Hole {
			return hole
		}
		return t
	}
	return hole
}

func isStringType(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isBytesType(t types.Type) bool {
	if t == nil {
		return false
	}
	sl, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := sl.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

// IsStringOrBytes reports whether t is a string or byte slice type.
func IsStringOrBytes(t types.Type) bool { return isStringType(t) || isBytesType(t) }

// quoteInsert returns the source text that, inserted into the literal lit
// at value offset off, adds text; ok is false when no such position exists.
func quoteInsert(lit *ast.BasicLit, off int, text string) (pos token.Pos, insert string, ok bool) {
	v := lit.Value
	if len(v) < 2 {
		return token.NoPos, "", false
	}
	if v[0] == '`' {
		if strings.ContainsAny(text, "`\r") || off > len(v)-2 {
			return token.NoPos, "", false
		}
		// Raw strings drop '\r' from their value; bail if any is there.
		if strings.Contains(v, "\r") {
			return token.NoPos, "", false
		}
		return lit.Pos() + token.Pos(1+off), text, true
	}
	q := strconv.Quote(text)
	q = q[1 : len(q)-1]
	body := v[1 : len(v)-1]
	decoded, i := 0, 0
	for decoded < off {
		if i >= len(body) {
			return token.NoPos, "", false
		}
		r, mb, tail, err := strconv.UnquoteChar(body[i:], '"')
		if err != nil {
			return token.NoPos, "", false
		}
		if r < 0x80 || !mb {
			decoded++
		} else {
			decoded += len(string(r))
		}
		i = len(body) - len(tail)
	}
	if decoded != off {
		return token.NoPos, "", false
	}
	return lit.Pos() + token.Pos(1+i), q, true
}

// InsertAt returns the position and source text that insert text into t
// at p, if a string literal holds that point. When the point is at a
// boundary between pieces, the end of the previous literal also serves.
func InsertAt(t Text, p Pos, text string) (token.Pos, string, *Piece, bool) {
	try := func(i, off int) (token.Pos, string, *Piece, bool) {
		if i < 0 || i >= len(t) || t[i].Hole || t[i].Src == nil {
			return token.NoPos, "", nil, false
		}
		pos, s, ok := quoteInsert(t[i].Src, t[i].Off+off, text)
		return pos, s, &t[i], ok
	}
	if pos, s, pc, ok := try(p.Piece, p.Off); ok {
		return pos, s, pc, true
	}
	if p.Off == 0 && p.Piece > 0 {
		return try(p.Piece-1, len(t[p.Piece-1].Lit))
	}
	return token.NoPos, "", nil, false
}

// Model returns the model the scope was built with.
func (s *Scope) Model() *Model { return s.m }
