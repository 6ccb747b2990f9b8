// Package fixcheck proves connvet's suggested fixes: that each one, applied
// on its own, leaves a gofmt-clean file, a package that type-checks and
// code the check no longer reports, and that all the fixes of a package,
// applied together as a driver's -fix would, still type-check.
//
// Check works on packages loaded with go/packages (LoadAllSyntax: the
// dependencies' syntax feeds the analyzers' facts), so the unit tests of
// each check and the corpus harness share it. Fixed copies are never
// written to disk: each is parsed and type-checked in memory against the
// loaded dependencies, and the check reruns on it with the facts the
// first run computed for those dependencies.
package fixcheck

import (
	"bytes"
	"fmt"
	"go/format"
	"go/token"
	"os"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Counts are one analyzer's numbers.
type Counts struct {
	Diagnostics int // diagnostics reported (each once, test variants aside)
	Fixes       int // suggested fixes tried, each on its own
	Applied     int // whose edits are valid and apply
	Gofmt       int // that leave a gofmt-clean file gofmt-clean
	// GofmtSkipped counts fixes to files that were not gofmt-clean before:
	// their formatting is not judged.
	GofmtSkipped int
	Compiled     int // after which the package type-checks
	Gone         int // after which the check no longer reports the finding
	Packages     int // packages with at least one fix
	Together     int // packages whose fixes, applied together, type-check
	// Merged counts the fixes applied in the together step; Conflicts those
	// left out because they overlap a fix merged before them (a driver
	// skips those too, and a rerun applies them).
	Merged    int
	Conflicts int
}

func (c *Counts) String() string {
	return fmt.Sprintf("%d diagnostics, %d fixes: %d applied, %d gofmt-clean (%d files not clean before), %d compiled, %d finding gone; %d packages: %d compiled with all fixes together (%d merged, %d conflicts)",
		c.Diagnostics, c.Fixes, c.Applied, c.Gofmt, c.GofmtSkipped, c.Compiled, c.Gone, c.Packages, c.Together, c.Merged, c.Conflicts)
}

// A Failure is one fix (or package, for the together stage) that failed.
type Failure struct {
	Analyzer string
	Package  string
	Pos      string // the diagnostic's position (the package's, together)
	Message  string // the diagnostic's message
	Fix      string // the fix's message
	Stage    string // apply, gofmt, compile, gone or together
	Detail   string
}

func (f Failure) String() string {
	return fmt.Sprintf("%s: %s: fix %q fails %s: %s\n\tdiagnostic: %s", f.Pos, f.Analyzer, f.Fix, f.Stage, f.Detail, f.Message)
}

// Report is what Check found.
type Report struct {
	Counts   map[string]*Counts // by analyzer name
	Failures []Failure
	// Errors are the analyses that failed to run (an ill-typed package,
	// an analyzer's error): their fixes are not proved.
	Errors []string
}

// Check runs analyzers on pkgs and proves every suggested fix they offer.
// The packages must come from packages.Load with packages.LoadAllSyntax
// (see Load). An error means the analysis could not start; an analysis
// that fails on one package is listed in Report.Errors.
func Check(pkgs []*packages.Package, analyzers []*analysis.Analyzer) (*Report, error) {
	graph, err := checker.Analyze(analyzers, pkgs, &checker.Options{})
	if err != nil {
		return nil, err
	}
	// The actions run on each package, for the reruns' facts.
	byPkg := map[*packages.Package]map[*analysis.Analyzer]*checker.Action{}
	for act := range graph.All() {
		m := byPkg[act.Package]
		if m == nil {
			m = map[*analysis.Analyzer]*checker.Action{}
			byPkg[act.Package] = m
		}
		m[act.Analyzer] = act
	}
	rep := &Report{Counts: map[string]*Counts{}}
	for _, a := range analyzers {
		rep.Counts[a.Name] = new(Counts)
	}
	c := &run{rep: rep, byPkg: byPkg, clean: map[string]bool{}, all: allPackages(pkgs)}
	roots := slices.Clone(graph.Roots)
	sort.SliceStable(roots, func(i, j int) bool { return roots[i].Package.ID < roots[j].Package.ID })
	seen := map[string]bool{} // analyzer, position, message: test variants repeat diagnostics
	for _, act := range roots {
		if act.Err != nil {
			rep.Errors = append(rep.Errors, fmt.Sprintf("%s: %v", act, act.Err))
			continue
		}
		c.action(act, seen)
	}
	return rep, nil
}

type run struct {
	rep   *Report
	byPkg map[*packages.Package]map[*analysis.Analyzer]*checker.Action
	clean map[string]bool // file name -> gofmt-clean before any fix
	all   map[string]*packages.Package
}

// action proves the fixes of one analyzer on one package.
func (r *run) action(act *checker.Action, seen map[string]bool) {
	pkg := act.Package
	counts := r.rep.Counts[act.Analyzer.Name]
	var firsts []analysis.SuggestedFix // the fix a driver applies, per diagnostic
	for _, d := range act.Diagnostics {
		key := act.Analyzer.Name + "\x00" + pkg.Fset.Position(d.Pos).String() + "\x00" + d.Message
		if seen[key] {
			continue
		}
		seen[key] = true
		counts.Diagnostics++
		for i, f := range d.SuggestedFixes {
			if i == 0 {
				firsts = append(firsts, f)
			}
			r.one(act, d, f, counts)
		}
	}
	if len(firsts) > 0 {
		counts.Packages++
		r.together(act, firsts, counts)
	}
}

func (r *run) fail(act *checker.Action, d analysis.Diagnostic, f analysis.SuggestedFix, stage, detail string) {
	r.rep.Failures = append(r.rep.Failures, Failure{
		Analyzer: act.Analyzer.Name,
		Package:  act.Package.ID,
		Pos:      act.Package.Fset.Position(d.Pos).String(),
		Message:  d.Message,
		Fix:      f.Message,
		Stage:    stage,
		Detail:   detail,
	})
}

// one proves a single fix.
func (r *run) one(act *checker.Action, d analysis.Diagnostic, f analysis.SuggestedFix, counts *Counts) {
	pkg := act.Package
	counts.Fixes++
	edits, err := fileEdits(pkg.Fset, f.TextEdits)
	if err != nil {
		r.fail(act, d, f, "apply", err.Error())
		return
	}
	fixed, err := applyAll(edits)
	if err != nil {
		r.fail(act, d, f, "apply", err.Error())
		return
	}
	counts.Applied++

	skipped, bad := false, ""
	for _, name := range sortedKeys(fixed) {
		if !r.wasClean(name) {
			skipped = true
			continue
		}
		if out, err := format.Source(fixed[name]); err != nil {
			bad = fmt.Sprintf("%s does not parse: %v", name, err)
		} else if !bytes.Equal(out, fixed[name]) {
			bad = fmt.Sprintf("%s is not gofmt-clean:\n%s", name, lineDiff(fixed[name], out))
		}
	}
	switch {
	case bad != "":
		r.fail(act, d, f, "gofmt", bad)
	case skipped:
		counts.GofmtSkipped++
	default:
		counts.Gofmt++
	}

	tc, err := typecheck(pkg, fixed, r.all)
	if err != nil {
		r.fail(act, d, f, "compile", err.Error()+"\n"+showFixed(fixed))
		return
	}
	counts.Compiled++

	diags, err := rerun(tc, act.Analyzer, r.byPkg[pkg])
	if err != nil {
		r.fail(act, d, f, "gone", "rerun: "+err.Error())
		return
	}
	pos := pkg.Fset.Position(d.Pos)
	line := pos.Line
	if e, ok := edits[pos.Filename]; ok {
		line = lineAt(fixed[pos.Filename], mapOffset(e, pos.Offset))
	}
	for _, nd := range diags {
		np := tc.fset.Position(nd.Pos)
		if nd.Message == d.Message && np.Filename == pos.Filename && np.Line >= line-1 && np.Line <= line+1 {
			r.fail(act, d, f, "gone", fmt.Sprintf("reported again at %s", np))
			return
		}
	}
	counts.Gone++
}

// together merges the fixes as a driver's -fix does (identical edits
// coalesce; a fix that conflicts with those before it is left out) and
// type-checks the result.
func (r *run) together(act *checker.Action, fixes []analysis.SuggestedFix, counts *Counts) {
	pkg := act.Package
	merged := map[string][]edit{}
	for _, f := range fixes {
		edits, err := fileEdits(pkg.Fset, f.TextEdits)
		if err != nil {
			counts.Conflicts++ // already failed on its own
			continue
		}
		next := map[string][]edit{}
		ok := true
		for name, es := range edits {
			m, good := merge(merged[name], es)
			if !good {
				ok = false
				break
			}
			next[name] = m
		}
		if !ok {
			counts.Conflicts++
			continue
		}
		for name, es := range next {
			merged[name] = es
		}
		counts.Merged++
	}
	where := analysis.Diagnostic{Pos: act.Package.Syntax[0].Package, Message: fmt.Sprintf("all %d fixes of the package", len(fixes))}
	all := analysis.SuggestedFix{Message: "all fixes"}
	fixed, err := applyAll(merged)
	if err != nil {
		r.fail(act, where, all, "together", err.Error())
		return
	}
	if _, err := typecheck(pkg, fixed, r.all); err != nil {
		r.fail(act, where, all, "together", err.Error()+"\n"+showFixed(fixed))
		return
	}
	counts.Together++
}

// wasClean reports whether the file was gofmt-clean before any fix.
func (r *run) wasClean(name string) bool {
	clean, ok := r.clean[name]
	if !ok {
		src, err := os.ReadFile(name)
		if err == nil {
			out, err := format.Source(src)
			clean = err == nil && bytes.Equal(out, src)
		}
		r.clean[name] = clean
	}
	return clean
}

// showFixed renders fixed files for a failure's detail.
func showFixed(fixed map[string][]byte) string {
	var b strings.Builder
	for _, name := range sortedKeys(fixed) {
		fmt.Fprintf(&b, "-- %s --\n%s", name, fixed[name])
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// lineAt returns the 1-based line of offset in src.
func lineAt(src []byte, offset int) int {
	offset = min(max(offset, 0), len(src))
	return bytes.Count(src[:offset], []byte("\n")) + 1
}

// lineDiff shows the lines of got that want changes (a short hint, not a
// minimal diff).
func lineDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	var b strings.Builder
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			fmt.Fprintf(&b, "line %d:\n\t-%s\n\t+%s\n", i+1, gl, wl)
			if b.Len() > 2000 {
				break
			}
		}
	}
	return b.String()
}

// allPackages indexes pkgs and their dependencies by package path, for
// imports a fix adds.
func allPackages(pkgs []*packages.Package) map[string]*packages.Package {
	all := map[string]*packages.Package{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if _, ok := all[p.PkgPath]; !ok && p.Types != nil {
			all[p.PkgPath] = p
		}
	})
	return all
}

// position renders pos for messages.
func position(fset *token.FileSet, pos token.Pos) string { return fset.Position(pos).String() }
