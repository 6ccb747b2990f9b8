// Package bench measures what connvet's suite costs next to the floors it
// cannot go below and next to the suites users already run.
//
// A measurement loads a package set the way the standalone driver
// (multichecker) does, then runs one suite over it with the public
// golang.org/x/tools/go/analysis/checker API. The suites are:
//
//   - noop: an analyzer that does nothing: the load-and-type-check floor
//     when no analyzer declares facts (dependencies come from export data);
//   - noopfacts: the same no-op declaring a fact type: the fact-loading
//     floor, because once any analyzer declares facts every dependency is
//     parsed and type-checked from source;
//   - connvet: analyzers.All(), the registry, so every registered check is
//     measured without edits here;
//   - vet: go vet's default passes (cmd/vet's list in Go 1.26);
//   - bodyclose+noctx: the two third-party analyzers whose ground overlaps
//     connvet's (response bodies, requests without a context).
//
// The Go benchmarks in this package run the suites in process; the
// connvet-corpus command's "cost" mode runs each one in a child process to
// read its peak RSS, and publishes medians (docs/performance.md).
package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/sonatard/noctx"
	"github.com/timakin/bodyclose/passes/bodyclose"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/appends"
	"golang.org/x/tools/go/analysis/passes/asmdecl"
	"golang.org/x/tools/go/analysis/passes/assign"
	atomicpass "golang.org/x/tools/go/analysis/passes/atomic"
	"golang.org/x/tools/go/analysis/passes/bools"
	"golang.org/x/tools/go/analysis/passes/buildtag"
	"golang.org/x/tools/go/analysis/passes/cgocall"
	"golang.org/x/tools/go/analysis/passes/composite"
	"golang.org/x/tools/go/analysis/passes/copylock"
	"golang.org/x/tools/go/analysis/passes/defers"
	"golang.org/x/tools/go/analysis/passes/directive"
	"golang.org/x/tools/go/analysis/passes/errorsas"
	"golang.org/x/tools/go/analysis/passes/framepointer"
	"golang.org/x/tools/go/analysis/passes/hostport"
	"golang.org/x/tools/go/analysis/passes/httpresponse"
	"golang.org/x/tools/go/analysis/passes/ifaceassert"
	"golang.org/x/tools/go/analysis/passes/loopclosure"
	"golang.org/x/tools/go/analysis/passes/lostcancel"
	"golang.org/x/tools/go/analysis/passes/nilfunc"
	"golang.org/x/tools/go/analysis/passes/printf"
	"golang.org/x/tools/go/analysis/passes/shift"
	"golang.org/x/tools/go/analysis/passes/sigchanyzer"
	"golang.org/x/tools/go/analysis/passes/slog"
	"golang.org/x/tools/go/analysis/passes/stdmethods"
	"golang.org/x/tools/go/analysis/passes/stdversion"
	"golang.org/x/tools/go/analysis/passes/stringintconv"
	"golang.org/x/tools/go/analysis/passes/structtag"
	"golang.org/x/tools/go/analysis/passes/testinggoroutine"
	"golang.org/x/tools/go/analysis/passes/tests"
	"golang.org/x/tools/go/analysis/passes/timeformat"
	"golang.org/x/tools/go/analysis/passes/unmarshal"
	"golang.org/x/tools/go/analysis/passes/unreachable"
	"golang.org/x/tools/go/analysis/passes/unsafeptr"
	"golang.org/x/tools/go/analysis/passes/unusedresult"
	"golang.org/x/tools/go/analysis/passes/waitgroup"
	"golang.org/x/tools/go/packages"

	"github.com/connvet/connvet/analyzers"
)

// Noop does nothing: with it alone, a run costs loading and type-checking.
var Noop = &analysis.Analyzer{
	Name: "noop",
	Doc:  "do nothing (the load-and-type-check floor)",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

// noFact is a fact type nobody exports.
type noFact struct{}

func (*noFact) AFact()         {}
func (*noFact) String() string { return "noFact" }

// NoopFacts does nothing but declares a fact type, which makes the driver
// load every dependency from source: the fact-loading floor.
var NoopFacts = &analysis.Analyzer{
	Name:      "noopfacts",
	Doc:       "do nothing, but declare a fact type (the fact-loading floor)",
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	FactTypes: []analysis.Fact{new(noFact)},
}

// Vet is go vet's default suite (cmd/vet/main.go, Go 1.26).
var Vet = []*analysis.Analyzer{
	appends.Analyzer, asmdecl.Analyzer, assign.Analyzer, atomicpass.Analyzer,
	bools.Analyzer, buildtag.Analyzer, cgocall.Analyzer, composite.Analyzer,
	copylock.Analyzer, defers.Analyzer, directive.Analyzer, errorsas.Analyzer,
	framepointer.Analyzer, httpresponse.Analyzer, hostport.Analyzer,
	ifaceassert.Analyzer, loopclosure.Analyzer, lostcancel.Analyzer,
	nilfunc.Analyzer, printf.Analyzer, shift.Analyzer, sigchanyzer.Analyzer,
	slog.Analyzer, stdmethods.Analyzer, stdversion.Analyzer,
	stringintconv.Analyzer, structtag.Analyzer, tests.Analyzer,
	testinggoroutine.Analyzer, timeformat.Analyzer, unmarshal.Analyzer,
	unreachable.Analyzer, unsafeptr.Analyzer, unusedresult.Analyzer,
	waitgroup.Analyzer,
}

// Suite is a named list of analyzers.
type Suite struct {
	Name      string
	Analyzers []*analysis.Analyzer
}

// Suites returns the suites in the order they are reported. The connvet
// suite is read from the registry on each call.
func Suites() []Suite {
	return []Suite{
		{"noop", []*analysis.Analyzer{Noop}},
		{"noopfacts", []*analysis.Analyzer{NoopFacts}},
		{"connvet", analyzers.All()},
		{"vet", Vet},
		{"bodyclose+noctx", []*analysis.Analyzer{bodyclose.Analyzer, noctx.Analyzer}},
	}
}

// SuiteNamed returns the suite called name.
func SuiteNamed(name string) (Suite, error) {
	var names []string
	for _, s := range Suites() {
		if s.Name == name {
			return s, nil
		}
		names = append(names, s.Name)
	}
	return Suite{}, fmt.Errorf("unknown suite %q (have %s)", name, strings.Join(names, ", "))
}

// PackageSet is a fixed set of packages: patterns loaded from Dir.
type PackageSet struct {
	Name     string
	Dir      string // directory the go command runs in ("" = current)
	Patterns []string
	Tests    bool // also load test packages, as connvet does by default
}

// Result is one measured run.
type Result struct {
	Suite       string
	Set         string
	Packages    int           // root packages loaded (with test variants)
	Wall        time.Duration // load + analysis
	Load        time.Duration // packages.Load alone
	Diagnostics int
	Errors      int   // analyzer errors (an internal error is a connvet bug)
	LoadErrors  int   // packages with load or type errors
	PeakHeap    int64 // largest sampled live heap, bytes (in-process runs)
	ErrorText   []string
}

// NeedFacts reports whether any analyzer in as, or anything it requires,
// declares facts: then the driver loads every dependency from source.
func NeedFacts(as []*analysis.Analyzer) bool {
	seen := map[*analysis.Analyzer]bool{}
	q := slices.Clone(as)
	for len(q) > 0 {
		a := q[0]
		q = q[1:]
		if seen[a] {
			continue
		}
		seen[a] = true
		if len(a.FactTypes) > 0 {
			return true
		}
		q = append(q, a.Requires...)
	}
	return false
}

// Load loads set in the mode the standalone driver would use for as.
func Load(set PackageSet, as []*analysis.Analyzer) ([]*packages.Package, error) {
	mode := packages.LoadSyntax
	if NeedFacts(as) {
		mode = packages.LoadAllSyntax
	}
	cfg := &packages.Config{Mode: mode | packages.NeedModule, Dir: set.Dir, Tests: set.Tests}
	pkgs, err := packages.Load(cfg, set.Patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(set.Patterns, " "))
	}
	return pkgs, nil
}

// Measure loads set and runs suite over it once.
func Measure(suite Suite, set PackageSet) (Result, error) {
	r := Result{Suite: suite.Name, Set: set.Name}
	stop := samplePeakHeap(&r.PeakHeap)
	defer stop()
	start := time.Now()
	pkgs, err := Load(set, suite.Analyzers)
	if err != nil {
		return r, err
	}
	r.Load = time.Since(start)
	r.Packages = len(pkgs)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 {
			r.LoadErrors++
		}
	})
	graph, err := checker.Analyze(suite.Analyzers, pkgs, nil)
	if err != nil {
		return r, err
	}
	r.Wall = time.Since(start)
	for act := range graph.All() {
		if act.Err != nil && act.IsRoot {
			r.Errors++
			r.ErrorText = append(r.ErrorText, act.String()+": "+act.Err.Error())
		}
		if act.IsRoot {
			r.Diagnostics += len(act.Diagnostics)
		}
	}
	return r, nil
}

// samplePeakHeap records the largest live heap seen every few milliseconds
// into *peak until the returned function is called.
func samplePeakHeap(peak *int64) (stop func()) {
	const name = "/memory/classes/heap/objects:bytes"
	sample := []metrics.Sample{{Name: name}}
	var done atomic.Bool
	finished := make(chan struct{})
	read := func() {
		metrics.Read(sample)
		if v := int64(sample[0].Value.Uint64()); v > *peak {
			*peak = v
		}
	}
	go func() {
		defer close(finished)
		for !done.Load() {
			read()
			time.Sleep(5 * time.Millisecond)
		}
	}()
	return func() {
		done.Store(true)
		<-finished
		read()
	}
}

// analyzerNames lists the names of as, for reports.
func analyzerNames(as []*analysis.Analyzer) string {
	names := make([]string, len(as))
	for i, a := range as {
		names[i] = a.Name
	}
	return strings.Join(names, ",")
}

// Describe names a suite's analyzers.
func (s Suite) Describe() string { return analyzerNames(s.Analyzers) }

// Fixture returns a private copy of a module-mode fixture under
// testdata/modules of this checkout (e.g. "fasthttp-v1.70.0"), with its
// go.sum completed for every package of github.com/valyala/fasthttp/... and
// those
// downloaded through the module proxy. The copy lives in the temporary
// directory, so loading whole dependency trees never edits the checkout.
func Fixture(name string) (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", fmt.Errorf("bench: cannot locate the repository")
	}
	src := filepath.Join(filepath.Dir(file), "..", "testdata", "modules", name)
	dir := filepath.Join(os.TempDir(), "connvet-bench-"+name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for _, f := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			return "", err
		}
	}
	cmd := exec.Command("go", "list", "-mod=mod", "-e", "-deps", "-test", "github.com/valyala/fasthttp/...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go list in %s: %w\n%s", dir, err, out)
	}
	return dir, nil
}

// DefaultSets are the benchmark's fixed package sets: net/http and its
// subpackages from the toolchain (with tests, as connvet loads them by
// default), and real fasthttp v1.70.0 through the fixture that requires it.
func DefaultSets() ([]PackageSet, error) {
	dir, err := Fixture("fasthttp-v1.70.0")
	if err != nil {
		return nil, err
	}
	return []PackageSet{
		{Name: "net/http", Patterns: []string{"net/http/..."}, Tests: true},
		{Name: "fasthttp", Dir: dir, Patterns: []string{"github.com/valyala/fasthttp/..."}},
	}, nil
}
