package fixcheck

import (
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// checked is a fixed copy of a package, type-checked.
type checked struct {
	orig    *packages.Package
	fset    *token.FileSet
	files   []*ast.File
	pkg     *types.Package
	info    *types.Info
	content map[string][]byte // the fixed files
}

// typecheck parses the fixed files (the others keep their syntax) and
// type-checks the package against its loaded dependencies. Imports the
// package did not have (a fix may add one) resolve to any loaded package
// of that path, else to the compiler's export data.
func typecheck(pkg *packages.Package, fixed map[string][]byte, all map[string]*packages.Package) (*checked, error) {
	if pkg.Types == nil || len(pkg.Syntax) == 0 {
		return nil, errors.New("package not loaded with syntax and types")
	}
	fset := pkg.Fset
	c := &checked{orig: pkg, fset: fset, content: fixed}
	seen := map[string]bool{}
	for _, f := range pkg.Syntax {
		name := fset.File(f.FileStart).Name()
		src, ok := fixed[name]
		if !ok {
			c.files = append(c.files, f)
			continue
		}
		seen[name] = true
		nf, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		c.files = append(c.files, nf)
	}
	for name := range fixed {
		if !seen[name] {
			return nil, fmt.Errorf("the fix edits %s, which is not a file of package %s", name, pkg.ID)
		}
	}
	var fallback types.Importer
	imp := importerFunc(func(path string) (*types.Package, error) {
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		if p := pkg.Imports[path]; p != nil && p.Types != nil {
			return p.Types, nil
		}
		if p := all[path]; p != nil {
			return p.Types, nil
		}
		if fallback == nil {
			fallback = importer.ForCompiler(fset, "gc", nil)
		}
		return fallback.Import(path)
	})
	var errs []string
	conf := types.Config{
		Importer: imp,
		Sizes:    pkg.TypesSizes,
		Error: func(err error) {
			if len(errs) < 10 {
				errs = append(errs, err.Error())
			}
		},
	}
	if pkg.Module != nil && pkg.Module.GoVersion != "" {
		conf.GoVersion = "go" + pkg.Module.GoVersion
	}
	c.info = &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		Instances:    map[*ast.Ident]types.Instance{},
		FileVersions: map[*ast.File]string{},
	}
	c.pkg, _ = conf.Check(pkg.PkgPath, fset, c.files, c.info)
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	return c, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// rerun runs a (and what it requires) on the fixed copy and returns a's
// diagnostics. Facts about the dependencies come from the actions of the
// first run on the original package (acts), which inherited them.
func rerun(c *checked, a *analysis.Analyzer, acts map[*analysis.Analyzer]*checker.Action) ([]analysis.Diagnostic, error) {
	r := &rerunner{
		c:        c,
		acts:     acts,
		results:  map[*analysis.Analyzer]any{},
		objFacts: map[objKey]analysis.Fact{},
		pkgFacts: map[reflect.Type]analysis.Fact{},
		diags:    map[*analysis.Analyzer][]analysis.Diagnostic{},
	}
	if err := r.run(a); err != nil {
		return nil, err
	}
	return r.diags[a], nil
}

type objKey struct {
	obj types.Object
	typ reflect.Type
}

type rerunner struct {
	c        *checked
	acts     map[*analysis.Analyzer]*checker.Action
	results  map[*analysis.Analyzer]any
	objFacts map[objKey]analysis.Fact       // facts on the fixed package's objects
	pkgFacts map[reflect.Type]analysis.Fact // facts on the fixed package
	diags    map[*analysis.Analyzer][]analysis.Diagnostic
}

func (r *rerunner) run(a *analysis.Analyzer) error {
	if _, done := r.results[a]; done {
		return nil
	}
	inputs := map[*analysis.Analyzer]any{}
	for _, req := range a.Requires {
		if err := r.run(req); err != nil {
			return err
		}
		inputs[req] = r.results[req]
	}
	orig := r.acts[a]
	c := r.c
	module := &analysis.Module{}
	if m := c.orig.Module; m != nil {
		module = &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion}
	}
	pass := &analysis.Pass{
		Analyzer:     a,
		Fset:         c.fset,
		Files:        c.files,
		OtherFiles:   c.orig.OtherFiles,
		IgnoredFiles: c.orig.IgnoredFiles,
		Pkg:          c.pkg,
		TypesInfo:    c.info,
		TypesSizes:   c.orig.TypesSizes,
		Module:       module,
		ResultOf:     inputs,
		Report:       func(d analysis.Diagnostic) { r.diags[a] = append(r.diags[a], d) },
		ReadFile: func(name string) ([]byte, error) {
			if src, ok := c.content[name]; ok {
				return src, nil
			}
			return os.ReadFile(name)
		},
		ImportObjectFact: func(obj types.Object, ptr analysis.Fact) bool {
			if obj.Pkg() == c.pkg {
				return copyFact(r.objFacts[objKey{obj, reflect.TypeOf(ptr)}], ptr)
			}
			return orig != nil && orig.ObjectFact(obj, ptr)
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			r.objFacts[objKey{obj, reflect.TypeOf(fact)}] = fact
		},
		ImportPackageFact: func(pkg *types.Package, ptr analysis.Fact) bool {
			if pkg == c.pkg {
				return copyFact(r.pkgFacts[reflect.TypeOf(ptr)], ptr)
			}
			return orig != nil && orig.PackageFact(pkg, ptr)
		},
		ExportPackageFact: func(fact analysis.Fact) { r.pkgFacts[reflect.TypeOf(fact)] = fact },
		AllObjectFacts: func() []analysis.ObjectFact {
			var out []analysis.ObjectFact
			if orig != nil {
				for _, f := range orig.AllObjectFacts() {
					if f.Object.Pkg() != c.orig.Types {
						out = append(out, f)
					}
				}
			}
			for k, f := range r.objFacts {
				out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
			}
			return out
		},
		AllPackageFacts: func() []analysis.PackageFact {
			var out []analysis.PackageFact
			if orig != nil {
				for _, f := range orig.AllPackageFacts() {
					if f.Package != c.orig.Types {
						out = append(out, f)
					}
				}
			}
			for _, f := range r.pkgFacts {
				out = append(out, analysis.PackageFact{Package: c.pkg, Fact: f})
			}
			return out
		},
	}
	res, err := a.Run(pass)
	if err != nil {
		return fmt.Errorf("%s: %w", a.Name, err)
	}
	r.results[a] = res
	return nil
}

// copyFact copies fact into ptr, as drivers do; false when fact is nil.
func copyFact(fact, ptr analysis.Fact) bool {
	if fact == nil {
		return false
	}
	reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
	return true
}
