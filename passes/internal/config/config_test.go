package config_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connvet/connvet/passes/internal/config"
)

// probe reports, at every call probe(x) in testdata, what the Index knows
// of x: "known" or "unknown", then the sorted fields set on it.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "report config values at probe calls",
	Requires: []*analysis.Analyzer{inspect.Analyzer, config.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		ix := pass.ResultOf[config.Analyzer].(*config.Index)
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for n := range insp.PreorderSeq((*ast.CallExpr)(nil)) {
			call := n.(*ast.CallExpr)
			id, ok := call.Fun.(*ast.Ident)
			if !ok || id.Name != "probe" || len(call.Args) != 1 {
				continue
			}
			v := ix.Value(call.Args[0])
			if v == nil {
				pass.Reportf(call.Pos(), "untracked")
				continue
			}
			var fields []string
			for _, f := range []string{"ReadTimeout", "ReadHeaderTimeout", "IdleTimeout", "WriteTimeout", "IdleConnTimeout", "Timeout", "Handler", "TLSConfig", "Transport", "HTTP2", "SendPingTimeout"} {
				if v.Set(f) {
					fields = append(fields, f)
				}
			}
			known := "unknown"
			if v.Known() {
				known = "known"
			}
			closed := ""
			for _, o := range v.Origins {
				if o.Closed {
					closed = " closed"
				}
			}
			pass.Reportf(call.Pos(), "%s %s [%s] lits=%d%s", v.Type.Name, known, strings.Join(fields, " "), len(v.Literals()), closed)
		}
		return nil, nil
	},
}

func TestFlow(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe, "flow", "user")
}

// holders reports, at every call holders(x) in testdata, the objects that
// may hold each origin of x, and at every call result(f()) the origin of
// f's first result.
var holders = &analysis.Analyzer{
	Name:     "holders",
	Doc:      "report config holders at holders calls",
	Requires: []*analysis.Analyzer{inspect.Analyzer, config.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		ix := pass.ResultOf[config.Analyzer].(*config.Index)
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for n := range insp.PreorderSeq((*ast.CallExpr)(nil)) {
			call := n.(*ast.CallExpr)
			id, ok := call.Fun.(*ast.Ident)
			if !ok || len(call.Args) != 1 {
				continue
			}
			switch id.Name {
			case "holders":
				var names []string
				for _, o := range ix.Value(call.Args[0]).Origins {
					for _, h := range ix.Holders(o) {
						name := h.Name()
						if name == "" {
							name = "_" // an unnamed parameter
						}
						names = append(names, name)
					}
				}
				pass.Reportf(call.Pos(), "held by [%s]", strings.Join(names, " "))
			case "result":
				inner, _ := call.Args[0].(*ast.CallExpr)
				o := ix.Result(inner, 0)
				if o == nil {
					pass.Reportf(call.Pos(), "no result origin")
					continue
				}
				pass.Reportf(call.Pos(), "result origin escaped=%v", o.Escaped)
			}
		}
		return nil, nil
	},
}

func TestHTTP2Config(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe, "h2config")
	analysistest.Run(t, analysistest.TestData(), holders, "holders")
}

func TestFactRoundTrip(t *testing.T) {
	in := &config.Fact{Values: []config.FactValue{
		{Type: "net/http.Server", Fields: []string{"IdleTimeout", "ReadTimeout"}},
		{},
		{Type: "net.Dialer", Open: true},
	}}
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	require.NoError(t, enc.Encode(in))
	first := buf.Len()
	require.NoError(t, enc.Encode(in))
	// The first encoding carries gob's type description; every further
	// fact costs only its field names.
	assert.Less(t, buf.Len()-first, 100, "a fact must stay small")
	dec := gob.NewDecoder(&buf)
	for range 2 {
		out := new(config.Fact)
		require.NoError(t, dec.Decode(out))
		assert.Equal(t, in, out)
	}
	assert.Equal(t, "config(http.Server{IdleTimeout,ReadTimeout}; -; net.Dialer{} open)", in.String())
}

func TestValueHelpers(t *testing.T) {
	var nilValue *config.Value
	assert.False(t, nilValue.Known())
	assert.False(t, nilValue.Set("X"))
	assert.False(t, nilValue.Unset("X"))

	lit := &ast.CompositeLit{Lbrace: 10}
	known := &config.Value{Origins: []*config.Origin{
		{Kind: config.Literal, Lit: lit, Fields: map[string]ast.Expr{"A": nil}},
		{Kind: config.Zero},
	}}
	assert.True(t, known.Known())
	assert.True(t, known.Set("A"))
	assert.False(t, known.Unset("A", "B"))
	assert.True(t, known.Unset("B"))
	assert.Equal(t, []*ast.CompositeLit{lit}, known.Literals())

	for _, o := range []*config.Origin{{Kind: config.Unknown}, {Kind: config.Imported, Open: true}, {Kind: config.Literal, Escaped: true}} {
		v := &config.Value{Origins: []*config.Origin{{Kind: config.Zero}, o}}
		assert.False(t, v.Known(), fmt.Sprint(o))
		assert.False(t, v.Unset("B"))
	}
	assert.False(t, (&config.Value{}).Known(), "no origins is not known")
}

func TestEditable(t *testing.T) {
	a, b := &ast.CompositeLit{Lbrace: 20}, &ast.CompositeLit{Lbrace: 10}
	lits := &config.Value{Origins: []*config.Origin{
		{Kind: config.Literal, Lit: a, Assigned: map[string]bool{"IdleTimeout": true}},
		{Kind: config.Literal, Lit: b},
	}}
	got, ok := lits.Editable("ReadTimeout")
	assert.True(t, ok)
	assert.Equal(t, []*ast.CompositeLit{b, a}, got, "in source order")
	_, ok = lits.Editable("ReadTimeout", "IdleTimeout")
	assert.False(t, ok, "a field assigned outside its literal")
	_, ok = (&config.Value{Origins: []*config.Origin{{Kind: config.Literal, Lit: a}, {Kind: config.Zero}}}).Editable()
	assert.False(t, ok, "a zero value has no literal to edit")
	var nilValue *config.Value
	_, ok = nilValue.Editable()
	assert.False(t, ok)
}

func TestNonPositive(t *testing.T) {
	exprs := map[string]ast.Expr{}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	for _, c := range []struct {
		src string
		val constant.Value
	}{
		{"0", constant.MakeInt64(0)},
		{"-1", constant.MakeInt64(-1)},
		{"-0.5", constant.MakeFloat64(-0.5)},
		{"5", constant.MakeInt64(5)},
		{`"x"`, constant.MakeString("x")},
		{"d", nil},
	} {
		e := &ast.BasicLit{Value: c.src}
		exprs[c.src] = e
		info.Types[e] = types.TypeAndValue{Value: c.val}
	}
	for src, want := range map[string]bool{"0": true, "-1": true, "-0.5": true, "5": false, `"x"`: false, "d": false} {
		assert.Equal(t, want, config.NonPositive(info, exprs[src]), src)
	}
	assert.False(t, config.NonPositive(info, &ast.Ident{Name: "unknown"}))
}

func TestTrackedTypesAreDistinct(t *testing.T) {
	seen := map[config.Type]bool{}
	for _, tt := range config.Tracked {
		assert.False(t, seen[tt], tt.String())
		seen[tt] = true
	}
	assert.True(t, slices.Contains(config.Tracked, config.Type{Path: "net/http", Name: "Server"}))
}

func TestParamFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), config.Analyzer, "paramfacts")
}
