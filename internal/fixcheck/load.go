package fixcheck

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// Load loads packages as analysistest does: when dir holds a go.mod it is
// the module to work in (with GOPROXY=off: the module cache must hold its
// dependencies), otherwise it is a GOPATH tree with packages under
// dir/src. Test files are included.
func Load(dir string, patterns ...string) ([]*packages.Package, error) {
	env := []string{"GOPATH=" + dir, "GO111MODULE=off", "GOWORK=off"}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		env = []string{"GO111MODULE=on", "GOPROXY=off", "GOWORK=off"}
	}
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Dir:   dir,
		Tests: true,
		Env:   append(os.Environ(), env...),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e.Error())
		}
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("loading %s: %s", dir, strings.Join(errs, "\n"))
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("no packages match %s in %s", patterns, dir)
	}
	return pkgs, nil
}

// LoadModule loads the packages that patterns match in the module at dir,
// tests included, with the go command's environment plus env (the corpus
// harness passes GOFLAGS=-mod=mod and GOTOOLCHAIN=local; the module cache
// or the proxy must hold the module's dependencies). Unlike Load it
// tolerates code that does not load or type-check, as real modules have:
// a package with errors, or whose dependencies have errors, is left out of
// pkgs, and its errors are returned in skipped, keyed by package ID ("p",
// "p [p.test]", "p_test [p.test]"). An error means the go command could
// not list the packages at all.
func LoadModule(dir string, env []string, patterns ...string) (pkgs []*packages.Package, skipped map[string][]string, err error) {
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Dir:   dir,
		Tests: true,
		Env:   append(os.Environ(), env...),
	}
	roots, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	// bad: a package or one of its dependencies has errors (the first
	// error met, for the message).
	bad := map[*packages.Package]string{}
	var visit func(p *packages.Package) string
	visiting := map[*packages.Package]bool{}
	visit = func(p *packages.Package) string {
		if why, ok := bad[p]; ok {
			return why
		}
		if visiting[p] {
			return ""
		}
		visiting[p] = true
		why := ""
		if len(p.Errors) > 0 {
			why = p.Errors[0].Error()
		} else {
			for _, path := range sortedKeys(p.Imports) {
				if w := visit(p.Imports[path]); w != "" {
					why = "dependency " + p.Imports[path].PkgPath + ": " + w
					break
				}
			}
		}
		if why == "" && p.IllTyped {
			why = "ill-typed"
		}
		bad[p] = why
		return why
	}
	skipped = map[string][]string{}
	for _, p := range roots {
		if why := visit(p); why != "" {
			var errs []string
			for _, e := range p.Errors {
				errs = append(errs, e.Error())
			}
			if len(errs) == 0 {
				errs = []string{why}
			}
			skipped[p.ID] = errs
			continue
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, skipped, nil
}

// TestdataPackages returns the import paths of the packages of a GOPATH
// testdata tree (dir/src), leaving out library stubs: paths whose first
// element has a dot, such as github.com/valyala/fasthttp.
func TestdataPackages(dir string) ([]string, error) {
	src := filepath.Join(dir, "src")
	set := map[string]bool{}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		rel, err := filepath.Rel(src, filepath.Dir(path))
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if first, _, _ := strings.Cut(rel, "/"); !strings.Contains(first, ".") {
			set[rel] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []string
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out, nil
}

// Test proves the fixes analyzers suggest on the packages that patterns
// match in dir (see Load; no patterns means every package of a GOPATH
// testdata tree, see TestdataPackages). It logs the counts and fails t
// on any failure.
func Test(t testing.TB, dir string, analyzers []*analysis.Analyzer, patterns ...string) *Report {
	t.Helper()
	if len(patterns) == 0 {
		var err error
		if patterns, err = TestdataPackages(dir); err != nil {
			t.Fatal(err)
		}
	}
	pkgs, err := Load(dir, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Check(pkgs, analyzers)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range analyzers {
		t.Logf("%s: %s", a.Name, rep.Counts[a.Name])
	}
	for _, e := range rep.Errors {
		t.Error(e)
	}
	for _, f := range rep.Failures {
		t.Error(f)
	}
	return rep
}
