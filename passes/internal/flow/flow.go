// Package flow is connvet's value-flow layer on SSA: the SSA form of the
// package being checked, built when a check first asks for it, and the
// package-wide relations the syntax-level checks cannot see from one
// function: which struct fields always hold a reader or writer wrapped
// around the connection another field holds.
//
// Cost. SSA is built lazily and only for the package of the pass that
// asks: Analyzer declares no facts and requires nothing, so in a
// dependency it costs one allocation, and a check reaches for the SSA
// form only when its syntax-level pass found a candidate it cannot decide
// alone (a per-connection struct whose reader is a field). Summaries that
// must cross packages travel as the checks' own facts, computed from
// syntax; SSA never runs in a package that is not being checked
// (../../../docs/performance.md).
package flow

import (
	"go/ast"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Analyzer gives each pass its *Program.
var Analyzer = &analysis.Analyzer{
	Name:       "connvetflow",
	Doc:        "lazily built SSA form of the package and connection-flow relations (internal to connvet)",
	Run:        run,
	ResultType: reflect.TypeFor[*Program](),
}

func run(pass *analysis.Pass) (any, error) {
	return &Program{pass: pass}, nil
}

// Program is the SSA form of one package, built on first use.
type Program struct {
	pass *analysis.Pass
	once sync.Once
	pkg  *ssa.Package // nil when the package cannot be built

	wrapsOnce sync.Once
	wraps     map[*types.Var]*types.Var
}

// Package returns the package's SSA form, building it on the first call;
// nil when it cannot be built (a panic in the builder on odd code is
// caught: the caller then knows nothing more than its syntax told it).
func (p *Program) Package() *ssa.Package {
	if p == nil {
		return nil
	}
	p.once.Do(func() {
		defer func() {
			if recover() != nil {
				p.pkg = nil
			}
		}()
		pass := p.pass
		prog := ssa.NewProgram(pass.Fset, 0)
		for _, q := range pass.Pkg.Imports() {
			prog.CreatePackage(q, nil, nil, true)
		}
		pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
		pkg.Build()
		p.pkg = pkg
	})
	return p.pkg
}

// Functions calls f for every function of the package with a body, the
// function literals and methods included.
func (p *Program) Functions(f func(*ssa.Function)) {
	pkg := p.Package()
	if pkg == nil {
		return
	}
	var visit func(fn *ssa.Function)
	visit = func(fn *ssa.Function) {
		if fn.Blocks != nil {
			f(fn)
		}
		for _, anon := range fn.AnonFuncs {
			visit(anon)
		}
	}
	for _, file := range p.pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := p.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if fn := pkg.Prog.FuncValue(obj); fn != nil {
				visit(fn)
			}
		}
	}
}
