// Package config answers one question for connvet's checks: which fields of
// a configuration struct (an http.Server, an http.Transport, a fasthttp
// Client, a net.Dialer, ...) are set on a given value, anywhere that value
// flows.
//
// Reading only the composite literal's keys is what makes gosec's G112
// noisy: real code builds a value in one place and configures it in
// another. This package models, per package:
//
//   - origins: where a value is made: a composite literal (T{...} or
//     &T{...}), new(T), a zero-value declaration (var s http.Server), or,
//     for package-level variables and functions of other packages, the
//     summary those packages exported as a fact;
//   - holders: where a value is kept: local and package variables, struct
//     fields, function results and parameters;
//   - flow: assignments, declarations, returns, call arguments and struct
//     literal fields move a value from holder to holder (h1 = h2,
//     *h1 = T{...});
//   - configuration: h.F = x, on any holder, sets F on every origin that
//     reaches h;
//   - escape: a pointer to the value handed to code the package cannot see
//     (an unknown function, an interface, a map, a channel) may be
//     configured there, so its origins count as configured with anything;
//   - parameter summaries: a function of another package whose ParamFact
//     shows what it does with a pointer parameter (the fields it sets, and
//     whether it serves a server) is not an escape for that argument: its
//     fields count as set, and the call is recorded as serving it.
//
// A Value is Known only when every origin reaching it is visible and none
// escaped; checks report only Known values. Precision comes first: where
// the package shows too little, the answer is "unknown" and checks stay
// silent.
//
// The analysis is flow-insensitive (an assignment anywhere counts, before
// or after the use) and field-insensitive across struct instances (all
// values of S.f share one holder). Both err toward silence.
package config

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/connvet/connvet/passes/internal/httplib"
)

// Type names one tracked configuration struct type.
type Type struct {
	Path string // import path of the declaring package
	Name string // type name
}

func (t Type) String() string { return t.Path + "." + t.Name }

// Tracked are the struct types whose configuration is modelled. The list
// is closed and small: the analysis runs once per package for all checks.
var Tracked = []Type{
	{"net/http", "Server"},
	{"net/http", "Transport"},
	{"net/http", "Client"},
	{"net/http", "HTTP2Config"},
	{"net", "Dialer"},
	{"github.com/valyala/fasthttp", "Client"},
	{"github.com/valyala/fasthttp", "HostClient"},
	{"github.com/valyala/fasthttp", "PipelineClient"},
	{"github.com/valyala/fasthttp", "LBClient"},
	{"github.com/valyala/fasthttp", "Server"},
	{"golang.org/x/net/http2", "Transport"},
}

// libraryPaths are the packages that declare tracked types. Their code
// stores and uses configuration values but does not configure the caller's
// values, so handing a value to them is not an escape.
var libraryPaths = []string{"net/http", "net", "crypto/tls", "github.com/valyala/fasthttp", "golang.org/x/net/http2"}

// TypeOf returns the tracked type t is, or points to.
func TypeOf(t types.Type) (Type, bool) {
	if t == nil {
		return Type{}, false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return Type{}, false
	}
	tt := Type{Path: httplib.Unvendor(named.Obj().Pkg().Path()), Name: named.Obj().Name()}
	if slices.Contains(Tracked, tt) {
		return tt, true
	}
	return Type{}, false
}

// isLibrary reports whether pkg declares tracked types.
func isLibrary(pkg *types.Package) bool {
	return pkg != nil && slices.Contains(libraryPaths, httplib.Unvendor(pkg.Path()))
}

// isPointer reports whether t is a pointer (so a copy shares the value).
func isPointer(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok
}

// An OriginKind says how a value was made.
type OriginKind int

const (
	// Literal is a composite literal T{...} or &T{...}.
	Literal OriginKind = iota
	// Zero is new(T) or a zero-value declaration.
	Zero
	// Imported is a summary from another package's fact.
	Imported
	// Unknown is a value whose making cannot be seen.
	Unknown
	// Shared is a library's shared default read here (http.DefaultClient):
	// a value with none of its fields set, one origin per read, so that a
	// check can report the read that a package keeps.
	Shared
)

// An Origin is one place a value is made.
type Origin struct {
	Kind OriginKind
	Type Type
	Pos  token.Pos // position of the literal, new call or declaration
	// Lit is the composite literal for Literal origins, else nil.
	Lit *ast.CompositeLit
	// Read is the expression that reads a Shared origin, else nil.
	Read ast.Expr
	// Call is the call of another package's function whose result this
	// origin is (Imported or Unknown origins of call results), else nil.
	Call *ast.CallExpr
	// Fields maps each field set on the value to the expression that set
	// it: the literal's value or an assigned value (the one latest in
	// source order); nil when it came from a fact.
	Fields map[string]ast.Expr
	// Escaped is set when a pointer to the value reached code the package
	// cannot see, which may have configured any field.
	Escaped bool
	// SendOnly is set when the value Escaped only as a Sender (a
	// parameter, field or variable whose type is an interface with no
	// method but Do(*http.Request) (*http.Response, error)): the code it
	// reached sends requests through it but cannot configure it.
	SendOnly bool
	// configEscaped is set when it escaped in a way that may configure it.
	configEscaped bool
	// Open is set for imported summaries that were themselves not Known.
	Open bool
	// Closed is set when CloseIdleConnections is called on the value (for
	// a transport, also through an http.Client that holds it).
	Closed bool
	// Made is set for imported summaries whose every origin is a literal or
	// zero value made in the package that exported them: checks that report
	// at the construction have reported it there.
	Made bool
	// Assigned holds the fields set by an assignment (v.F = x) rather
	// than by the literal's own keys. A suggested fix that writes such a
	// field into the literal cannot know whether the assignment undoes it.
	Assigned map[string]bool
}

// escape marks o as escaped; sendOnly when the code it reached sees it
// only as a Sender.
func (o *Origin) escape(sendOnly bool) {
	o.Escaped = true
	if !sendOnly {
		o.configEscaped = true
	}
	o.SendOnly = !o.configEscaped
}

// Sender reports whether t is an interface whose only method is
// Do(*http.Request) (*http.Response, error), such as the HTTPClient or
// Doer interfaces of API SDKs: a value handed over as one can be used to
// send requests, not configured (short of a type assertion).
func Sender(t types.Type) bool {
	iface, ok := t.Underlying().(*types.Interface)
	if !ok || iface.NumMethods() != 1 {
		return false
	}
	m := iface.Method(0)
	sig, ok := m.Type().(*types.Signature)
	if !ok || m.Name() != "Do" || sig.Params().Len() != 1 || sig.Results().Len() != 2 {
		return false
	}
	return httplib.IsNamedPtr(sig.Params().At(0).Type(), "net/http", "Request") &&
		httplib.IsNamedPtr(sig.Results().At(0).Type(), "net/http", "Response") &&
		types.Identical(sig.Results().At(1).Type(), types.Universe.Lookup("error").Type())
}

// assign records field set by an assignment of value.
func (o *Origin) assign(field string, value ast.Expr) {
	if o.Assigned == nil {
		o.Assigned = map[string]bool{}
	}
	o.Assigned[field] = true
	o.set(field, value)
}

func (o *Origin) set(field string, value ast.Expr) {
	if o.Fields == nil {
		o.Fields = map[string]ast.Expr{}
	}
	if old, ok := o.Fields[field]; ok && old != nil && value != nil && old.Pos() > value.Pos() {
		return
	}
	o.Fields[field] = value
}

// A Value is what the analysis knows of the value an expression denotes.
type Value struct {
	Type    Type
	Origins []*Origin
}

// Known reports whether every origin of v is visible: v has at least one
// origin, none unknown, open or escaped.
func (v *Value) Known() bool {
	if v == nil || len(v.Origins) == 0 {
		return false
	}
	for _, o := range v.Origins {
		if o.Kind == Unknown || o.Open || o.Escaped {
			return false
		}
	}
	return true
}

// Set reports whether field is set on any origin of v.
func (v *Value) Set(field string) bool {
	if v == nil {
		return false
	}
	for _, o := range v.Origins {
		if _, ok := o.Fields[field]; ok {
			return true
		}
	}
	return false
}

// SetPositive reports whether some origin of v sets field to something
// other than a constant zero or negative number (a zero timeout means
// none). Values from facts and non-constant values count as positive.
func (v *Value) SetPositive(info *types.Info, field string) bool {
	if v == nil {
		return false
	}
	for _, o := range v.Origins {
		if o.SetPositive(info, field) {
			return true
		}
	}
	return false
}

// SetPositive reports whether o sets field to something other than a
// constant zero or negative number; see Value.SetPositive.
func (o *Origin) SetPositive(info *types.Info, field string) bool {
	e, ok := o.Fields[field]
	return ok && (e == nil || !NonPositive(info, e))
}

// NonPositive reports whether e is a numeric constant that is zero or
// negative: for a timeout or a limit, none at all.
func NonPositive(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	switch tv.Value.Kind() {
	case constant.Int, constant.Float:
		return constant.Sign(tv.Value) <= 0
	}
	return false
}

// Unset reports whether v is Known and none of fields is set on any of its
// origins: the only situation in which a check may report a missing field.
func (v *Value) Unset(fields ...string) bool {
	if !v.Known() {
		return false
	}
	for _, f := range fields {
		if v.Set(f) {
			return false
		}
	}
	return true
}

// Literals returns the composite literals among v's origins, in source
// order; a suggested fix edits them.
func (v *Value) Literals() []*ast.CompositeLit {
	var out []*ast.CompositeLit
	for _, o := range v.Origins {
		if o.Lit != nil {
			out = append(out, o.Lit)
		}
	}
	slices.SortFunc(out, func(a, b *ast.CompositeLit) int { return int(a.Pos() - b.Pos()) })
	return out
}

// Editable returns the literals v comes from when a suggested fix can
// set fields on them: every origin is a literal of this package, and none
// of fields is also assigned outside its literal (the analysis is flow
// insensitive: the fix cannot tell whether an assignment undoes it).
func (v *Value) Editable(fields ...string) ([]*ast.CompositeLit, bool) {
	if v == nil || len(v.Origins) == 0 {
		return nil, false
	}
	for _, o := range v.Origins {
		if o.Lit == nil {
			return nil, false // a zero value or an import: nothing to edit
		}
		for _, f := range fields {
			if o.Assigned[f] {
				return nil, false
			}
		}
	}
	return v.Literals(), true
}

// Fact summarizes, for importing packages, the configuration of a package
// variable (one entry) or of a function's results (one entry per result;
// untracked results have an empty Type).
type Fact struct {
	Values []FactValue
}

// FactValue is the summary of one value: the union of the fields set on
// every origin that reaches it.
type FactValue struct {
	Type   string   // tracked type, "path.Name"; empty when not tracked
	Fields []string // sorted names of fields set on some origin
	Open   bool     // not every origin is visible
	Made   bool     // every origin is a literal or zero value of the exporting package
	// Pool, for a function result, is the kind of connection pool (a
	// Pool* constant) each call makes anew and keeps nowhere else; see
	// pool.go. PoolIdle says how a transport's idle connections expire.
	Pool     string
	PoolIdle string
	// Wraps, for a function result, is 1 + the index of the parameter
	// whose value the result holds (a RoundTripper wrapper, an http.Client
	// literal around it); WrapKind is PoolClient when it is wrapped in a
	// client, else "".
	Wraps    int
	WrapKind string
}

// AFact marks Fact as an analysis fact.
func (*Fact) AFact() {}

func (f *Fact) String() string {
	var parts []string
	for _, v := range f.Values {
		if v.Type == "" {
			switch {
			case v.Pool != "":
				parts = append(parts, "-pool("+v.Pool+")")
			case v.Wraps > 0:
				parts = append(parts, "-wraps")
			default:
				parts = append(parts, "-")
			}
			continue
		}
		s := v.Type[strings.LastIndex(v.Type, "/")+1:] + "{" + strings.Join(v.Fields, ",") + "}"
		if v.Open {
			s += " open"
		}
		parts = append(parts, s)
	}
	return "config(" + strings.Join(parts, "; ") + ")"
}

// summarize turns v into a FactValue.
func summarize(v *Value) FactValue {
	set := map[string]bool{}
	for _, o := range v.Origins {
		for k := range o.Fields {
			set[k] = true
		}
	}
	made := len(v.Origins) > 0
	for _, o := range v.Origins {
		if o.Kind != Literal && o.Kind != Zero {
			made = false
		}
	}
	return FactValue{Type: v.Type.String(), Fields: slices.Sorted(maps.Keys(set)), Open: !v.Known(), Made: made}
}

// origin turns an imported summary into an origin.
func (fv FactValue) origin(t Type, pos token.Pos) *Origin {
	o := &Origin{Kind: Imported, Type: t, Pos: pos, Open: fv.Open, Made: fv.Made}
	for _, k := range fv.Fields {
		o.set(k, nil)
	}
	return o
}

// ParamFact summarizes, for callers in importing packages, what a function
// does with its pointer parameters of tracked types: the fields it (or the
// code it calls) sets on the argument, and whether it serves a server
// argument. A parameter that escapes (stored where others may reach it,
// returned, handed to code out of sight) has no entry: callers treat the
// argument as escaped, as for any function without a fact.
type ParamFact struct {
	Params []ParamSummary
}

// ParamSummary is what a function does with one parameter.
type ParamSummary struct {
	Index  int      // position of the parameter
	Type   string   // tracked type, "path.Name"
	Fields []string // sorted names of the fields set on the argument
	// Served is set when the function serves the argument (ListenAndServe,
	// Serve, ServeTLS, ... on it, in the function or in code it calls) on
	// an address or listener not proven local there.
	Served bool
}

// AFact marks ParamFact as an analysis fact.
func (*ParamFact) AFact() {}

func (f *ParamFact) String() string {
	var parts []string
	for _, p := range f.Params {
		s := fmt.Sprintf("%d:%s{%s}", p.Index, p.Type[strings.LastIndex(p.Type, "/")+1:], strings.Join(p.Fields, ","))
		if p.Served {
			s += " served"
		}
		parts = append(parts, s)
	}
	return "params(" + strings.Join(parts, "; ") + ")"
}

// serveMethods are the methods of the tracked servers (net/http and
// fasthttp) that start serving the receiver.
var serveMethods = map[string]bool{
	"ListenAndServe": true, "ListenAndServeTLS": true, "ListenAndServeTLSEmbed": true, "ListenAndServeUNIX": true,
	"Serve": true, "ServeTLS": true, "ServeTLSEmbed": true,
}
