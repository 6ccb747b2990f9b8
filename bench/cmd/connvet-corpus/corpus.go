package main

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/connvet/connvet/analyzers"
)

//go:embed corpus.txt
var corpusList string

// Config selects what a run covers.
type Config struct {
	Out     string
	Quick   bool
	Only    string
	NoStd   bool
	NoFix   bool
	Work    string
	Timeout time.Duration
	// FixCheck runs internal/fixcheck on each module copy (before -fix
	// edits it): every suggested fix proved on its own. FixBatch is the
	// number of packages per load (0: defaultFixBatch).
	FixCheck bool
	FixBatch int
}

// Module is one pinned corpus entry.
type Module struct {
	Path    string
	Version string
	Quick   bool
}

// Corpus parses corpus.txt.
func Corpus() ([]Module, error) {
	var mods []Module
	sc := bufio.NewScanner(strings.NewReader(corpusList))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		path, version, ok := strings.Cut(fields[0], "@")
		if !ok {
			return nil, fmt.Errorf("corpus.txt: %q has no @version", line)
		}
		mods = append(mods, Module{Path: path, Version: version, Quick: slices.Contains(fields[1:], "quick")})
	}
	return mods, sc.Err()
}

// Finding is one diagnostic, located relative to the module root.
type Finding struct {
	Check    string `json:"check"`
	Pos      string `json:"pos"` // file:line:col relative to the module root
	Message  string `json:"message"`
	Fixes    int    `json:"fixes"`
	Package  string `json:"package"`
	Reviewed string `json:"-"`

	// Related are the positions (file:line:col, relative like Pos) of the
	// diagnostic's related information, when it has any.
	Related []string `json:"related,omitempty"`
}

// ModuleResult is what one module's run recorded.
type ModuleResult struct {
	Module        string         `json:"module"`
	Version       string         `json:"version"`
	Packages      int            `json:"packages"`
	Findings      map[string]int `json:"findings"` // per check
	List          []Finding      `json:"list"`
	WallSeconds   float64        `json:"wall_seconds"`
	PeakRSSMiB    float64        `json:"peak_rss_mib"`
	ExitCode      int            `json:"exit_code"`
	Crashes       []string       `json:"crashes"`
	Errors        []string       `json:"errors"` // load and type errors: not connvet's, recorded
	FixesApplied  int            `json:"fixes_applied"`
	FixCompile    string         `json:"fix_compile"` // ok, broken, n/a (no fixes), skipped
	FixBrokenPkgs []string       `json:"fix_broken_packages,omitempty"`
	AfterFix      int            `json:"findings_after_fix"` // findings left once every fix is applied
	Unformatted   []string       `json:"unformatted_after_fix,omitempty"`
	Setup         string         `json:"setup_error,omitempty"`
	// FixCheck is what -fixcheck found: each fix on its own (nil without
	// -fixcheck).
	FixCheck *FixCheck `json:"fixcheck,omitempty"`

	// PkgErrors are the analyzer errors of connvet -json that are not
	// crashes (a package that failed to load or type-check), by the
	// package's ID as -json names it ("p", "p [p.test]", "p_test [p.test]").
	PkgErrors map[string][]string `json:"-"`
}

// Report is a whole run.
type Report struct {
	Date      string          `json:"date"`
	GoVersion string          `json:"go_version"`
	Checks    []string        `json:"checks"`
	Modules   []*ModuleResult `json:"modules"`
	Packages  int             `json:"packages"`
	Findings  map[string]int  `json:"findings"`
	Crashes   int             `json:"crashes"`
	FixBroken int             `json:"fix_broken_modules"`
	FixOK     int             `json:"fix_ok_modules"`
	WallTotal float64         `json:"wall_seconds_total"`
	// FixCheckFailing counts the fixes that -fixcheck found failing (not
	// applying, not compiling, alone or together, or leaving their
	// finding); FixCheckErrors the modules where fixcheck could not run.
	FixCheckFailing int `json:"fixcheck_failing,omitempty"`
	FixCheckErrors  int `json:"fixcheck_errors,omitempty"`
}

// Failed reports whether the run fails the gate: a crash, a fix that broke
// a build, or (with -fixcheck) a fix that failed on its own or fixcheck
// could not run.
func (rep *Report) Failed() bool {
	return rep.Crashes > 0 || rep.FixBroken > 0 || rep.FixCheckFailing > 0 || rep.FixCheckErrors > 0
}

// Run runs the corpus and writes the results into cfg.Out.
func Run(cfg Config, log io.Writer) (*Report, error) {
	mods, err := Corpus()
	if err != nil {
		return nil, err
	}
	mods = slices.DeleteFunc(mods, func(m Module) bool {
		if cfg.Quick && !m.Quick {
			return true
		}
		return cfg.Only != "" && !slices.Contains(strings.Split(cfg.Only, ","), m.Path)
	})
	work, bin, cleanup, err := prepare(cfg.Work, "connvet-corpus-")
	defer cleanup()
	if err != nil {
		return nil, err
	}
	goVersion, _ := output(context.Background(), "", "go", "env", "GOVERSION")
	rep := &Report{
		Date:      time.Now().UTC().Format(time.RFC3339),
		GoVersion: strings.TrimSpace(goVersion),
		Findings:  map[string]int{},
	}
	for _, c := range analyzers.Checks() {
		rep.Checks = append(rep.Checks, c.Name())
	}
	start := time.Now()
	logFixCheck := func(r *ModuleResult) {
		if r.FixCheck != nil {
			_, _ = fmt.Fprintf(log, "   fixcheck: %s (%.1fs, %.0f MiB)\n", r.FixCheck.Summary(), r.FixCheck.Wall, r.FixCheck.PeakRSSMiB)
			for _, f := range r.FixCheck.Failures {
				_, _ = fmt.Fprintf(log, "   FIX FAILS %s: %s %s: %s\n", f.Stage, f.Pos, f.Check, firstLines(f.Detail, 1))
			}
		}
	}
	if !cfg.NoStd && !cfg.Quick && (cfg.Only == "" || slices.Contains(strings.Split(cfg.Only, ","), "std")) {
		_, _ = fmt.Fprintf(log, "== std\n")
		r := runStd(cfg, bin, work)
		_, _ = fmt.Fprintf(log, "   %d packages, %d findings, %.1fs, %.0f MiB, %d crashes, fix: %s %s\n",
			r.Packages, len(r.List), r.WallSeconds, r.PeakRSSMiB, len(r.Crashes), r.FixCompile, r.Setup)
		logFixCheck(r)
		rep.Modules = append(rep.Modules, r)
	}
	for _, m := range mods {
		_, _ = fmt.Fprintf(log, "== %s@%s\n", m.Path, m.Version)
		r := runModule(cfg, bin, work, m)
		_, _ = fmt.Fprintf(log, "   %d packages, %d findings, %.1fs, %.0f MiB, %d crashes, fix: %s %s\n",
			r.Packages, len(r.List), r.WallSeconds, r.PeakRSSMiB, len(r.Crashes), r.FixCompile, r.Setup)
		logFixCheck(r)
		rep.Modules = append(rep.Modules, r)
	}
	rep.WallTotal = time.Since(start).Seconds()
	for _, r := range rep.Modules {
		rep.Packages += r.Packages
		for c, n := range r.Findings {
			rep.Findings[c] += n
		}
		rep.Crashes += len(r.Crashes)
		switch r.FixCompile {
		case "broken":
			rep.FixBroken++
		case "ok":
			rep.FixOK++
		}
		if r.FixCheck != nil {
			rep.FixCheckFailing += r.FixCheck.Failing
			if r.FixCheck.Status == fixCheckError {
				rep.FixCheckErrors++
			}
		}
	}
	if err := writeReport(cfg.Out, rep); err != nil {
		return rep, err
	}
	return rep, nil
}

// buildConnvet builds cmd/connvet of the enclosing checkout into work:
// the bench module replaces github.com/connvet/connvet with ../.
func buildConnvet(work string) (string, error) {
	bin := filepath.Join(work, "bin", "connvet")
	if _, err := output(context.Background(), "", "go", "build", "-o", bin, "github.com/connvet/connvet/cmd/connvet"); err != nil {
		return "", fmt.Errorf("building connvet (run from the bench directory of a connvet checkout): %w", err)
	}
	return bin, nil
}

func runStd(cfg Config, bin, work string) *ModuleResult {
	r := &ModuleResult{Module: "std", Version: strings.TrimPrefix(runtimeVersion(), "go"), Findings: map[string]int{}, FixCompile: "skipped"}
	dir := filepath.Join(work, "std")
	_ = os.MkdirAll(dir, 0o755)
	// A module of its own, so that the go command's flags mean the same here.
	_ = os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module connvetcorpus.example/std\n"), 0o644)
	list, err := output(context.Background(), dir, "go", "list", "-e", "std")
	if err != nil {
		r.Setup = err.Error()
		return r
	}
	r.Packages = len(strings.Fields(list))
	goroot, _ := output(context.Background(), dir, "go", "env", "GOROOT")
	goroot = strings.TrimSpace(goroot)
	analyze(cfg, r, bin, dir, filepath.Join(goroot, "src"), "std")
	pkgs := map[string]bool{}
	for _, f := range r.List {
		pkgs[strings.TrimSuffix(f.Package, "_test")] = true // an external test package is fixed through its package
	}
	if cfg.FixCheck && len(pkgs) > 0 {
		// Fixcheck edits copies in memory: the toolchain's own packages
		// can be proved in place.
		r.FixCheck = runFixCheck(dir, slices.Sorted(maps.Keys(pkgs)), cfg.FixBatch, cfg.Timeout, jsonFixes(r.List, nil))
	}
	if cfg.NoFix || len(r.List) == 0 {
		return r
	}
	// Apply the fixes to a private copy of the toolchain and compile the
	// packages that had findings, tests included.
	copyRoot := filepath.Join(work, "goroot")
	if err := copyTree(goroot, copyRoot); err != nil {
		r.Setup = "copying GOROOT: " + err.Error()
		return r
	}
	checkFixes(r, bin, dir, slices.Sorted(maps.Keys(pkgs)), "GOROOT="+copyRoot)
	return r
}

func runtimeVersion() string {
	v, _ := output(context.Background(), "", "go", "env", "GOVERSION")
	return strings.TrimSpace(v)
}

func runModule(cfg Config, bin, work string, m Module) *ModuleResult {
	r := &ModuleResult{Module: m.Path, Version: m.Version, Findings: map[string]int{}}
	dir, err := fetch(work, m)
	if err != nil {
		r.Setup = err.Error()
		return r
	}
	// Download everything the packages and their tests need before timing.
	ctx := context.Background()
	if _, err := output(ctx, dir, "go", "list", "-e", "-deps", "-test", "./..."); err != nil {
		r.Setup = "go list: " + err.Error()
	}
	list, _ := output(ctx, dir, "go", "list", "-e", "./...")
	r.Packages = len(strings.Fields(list))
	analyze(cfg, r, bin, dir, dir, "./...")
	if cfg.FixCheck {
		// Before -fix edits the copy.
		r.FixCheck = runFixCheck(dir, []string{"./..."}, cfg.FixBatch, cfg.Timeout, jsonFixes(r.List, nil))
	}
	if cfg.NoFix {
		r.FixCompile = "skipped"
		return r
	}
	unformatted, _ := output(ctx, dir, "gofmt", "-l", ".")
	checkFixes(r, bin, dir, []string{"./..."})
	if r.FixesApplied > 0 {
		again := &ModuleResult{Findings: map[string]int{}}
		analyze(cfg, again, bin, dir, dir, "./...")
		r.AfterFix = len(again.List)
		// Files the fixes left unformatted (some releases ship files that
		// were never gofmt-clean: those are not the fixes' doing).
		after, _ := output(ctx, dir, "gofmt", "-l", ".")
		for _, f := range strings.Fields(after) {
			if !slices.Contains(strings.Fields(unformatted), f) {
				r.Unformatted = append(r.Unformatted, f)
			}
		}
	}
	return r
}

// prepare returns the absolute work directory (a temporary one, removed by
// cleanup, when work is empty) and the connvet binary built into it from
// this checkout.
func prepare(work, prefix string) (dir, bin string, cleanup func(), err error) {
	cleanup = func() {}
	if work == "" {
		if work, err = os.MkdirTemp("", prefix); err != nil {
			return "", "", cleanup, err
		}
		tmp := work
		cleanup = func() { _ = os.RemoveAll(tmp) }
	}
	if work, err = filepath.Abs(work); err != nil {
		return "", "", cleanup, err
	}
	bin, err = buildConnvet(work)
	return work, bin, cleanup, err
}

// fetch downloads m through the module proxy and copies it, writable, into
// work, with the replacements of its go.mod that point to directories the
// module's zip does not hold dropped (see dropMissingReplaces).
func fetch(work string, m Module) (string, error) {
	out, err := output(context.Background(), "", "go", "mod", "download", "-json", m.Path+"@"+m.Version)
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal([]byte(out), &info); info.Error != "" {
		return "", fmt.Errorf("go mod download %s@%s: %s", m.Path, m.Version, info.Error)
	} else if err != nil {
		return "", err
	} else if jerr != nil {
		return "", fmt.Errorf("go mod download %s@%s: %w", m.Path, m.Version, jerr)
	}
	dst := filepath.Join(work, "mod", strings.ReplaceAll(m.Path, "/", "_")+"@"+m.Version)
	_ = os.RemoveAll(dst)
	if err := copyTree(info.Dir, dst); err != nil {
		return "", err
	}
	if err := dropMissingReplaces(dst); err != nil {
		return "", err
	}
	return dst, nil
}

// dropMissingReplaces drops the replace directives of dir's go.mod whose
// target is a local directory that dir does not hold. A module zip leaves
// out nested modules, so a repository whose go.mod replaces one of its
// nested modules by its directory (replace example.com/m/sub => ./sub)
// does not build from the zip: every package importing the nested module
// fails to load. Without the replacement, the nested module resolves to
// the version go.mod requires, through the proxy.
func dropMissingReplaces(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		return nil // no go.mod: nothing to edit
	}
	out, err := output(context.Background(), dir, "go", "mod", "edit", "-json")
	if err != nil {
		return err
	}
	var mod struct {
		Replace []struct {
			Old, New struct{ Path, Version string }
		}
	}
	if err := json.Unmarshal([]byte(out), &mod); err != nil {
		return fmt.Errorf("go mod edit -json in %s: %w", dir, err)
	}
	var args []string
	for _, r := range mod.Replace {
		if r.New.Version != "" || !isLocalPath(r.New.Path) {
			continue // a module version, not a directory
		}
		target := r.New.Path
		if !filepath.IsAbs(target) {
			target = filepath.Join(dir, target)
		}
		if _, err := os.Stat(filepath.Join(target, "go.mod")); err == nil {
			continue
		}
		old := r.Old.Path
		if r.Old.Version != "" {
			old += "@" + r.Old.Version
		}
		args = append(args, "-dropreplace="+old)
	}
	if len(args) == 0 {
		return nil
	}
	_, err = output(context.Background(), dir, "go", append([]string{"mod", "edit"}, args...)...)
	return err
}

// isLocalPath reports whether a replacement's new path is a directory
// (as the go command decides: absolute, or starting with ./ or ../).
func isLocalPath(p string) bool {
	return filepath.IsAbs(p) || p == "." || p == ".." ||
		strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") ||
		strings.HasPrefix(p, `.\`) || strings.HasPrefix(p, `..\`)
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm()|0o200) // writable: -fix edits it
	})
}

// vetJSON is the go vet -json shape: package -> analyzer -> diagnostics
// or an error.
type vetJSON map[string]map[string]json.RawMessage

type vetDiag struct {
	Posn           string `json:"posn"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
	} `json:"suggested_fixes"`
	Related []struct {
		Posn string `json:"posn"`
	} `json:"related"`
}

var crashRE = regexp.MustCompile(`internal error|panic:|goroutine \d+ \[`)

// analyze runs connvet -json over patterns in dir and fills r. root is
// where positions are made relative to.
func analyze(cfg Config, r *ModuleResult, bin, dir, root string, patterns ...string) {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"-json"}, patterns...)...)
	cmd.Dir = dir
	cmd.Env = env()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r.WallSeconds = time.Since(start).Seconds()
	if cmd.ProcessState != nil {
		r.ExitCode = cmd.ProcessState.ExitCode()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.PeakRSSMiB = float64(ru.Maxrss) / 1024 // Linux: KiB
		}
	}
	if ctx.Err() != nil {
		r.Crashes = append(r.Crashes, fmt.Sprintf("timeout after %s", cfg.Timeout))
	}
	_ = err // exit status recorded; findings and errors come from the output
	if s := stderr.String(); crashRE.MatchString(s) {
		r.Crashes = append(r.Crashes, firstLines(s, 20))
	} else if strings.TrimSpace(s) != "" {
		r.Errors = append(r.Errors, firstLines(s, 10))
	}
	seen := map[string]bool{}
	dec := json.NewDecoder(&stdout)
	for {
		var v vetJSON
		if err := dec.Decode(&v); err != nil {
			if !errors.Is(err, io.EOF) {
				r.Errors = append(r.Errors, "decoding connvet -json: "+err.Error())
			}
			break
		}
		for pkg, byCheck := range v {
			for check, raw := range byCheck {
				var e struct{ Error string }
				if json.Unmarshal(raw, &e) == nil && e.Error != "" {
					msg := fmt.Sprintf("%s: %s: %s", pkg, check, e.Error)
					if crashRE.MatchString(e.Error) {
						r.Crashes = append(r.Crashes, firstLines(msg, 20))
					} else {
						r.Errors = append(r.Errors, firstLines(msg, 5))
						if r.PkgErrors == nil {
							r.PkgErrors = map[string][]string{}
						}
						r.PkgErrors[pkg] = append(r.PkgErrors[pkg], check+": "+firstLines(e.Error, 5))
					}
					continue
				}
				var diags []vetDiag
				if err := json.Unmarshal(raw, &diags); err != nil {
					continue
				}
				for _, d := range diags {
					pos := relPos(root, d.Posn)
					key := check + pos + d.Message
					if seen[key] { // a package and its test variant report the same line
						continue
					}
					seen[key] = true
					r.Findings[check]++
					f := Finding{Check: check, Pos: pos, Message: d.Message, Fixes: len(d.SuggestedFixes), Package: strings.Fields(pkg)[0]}
					for _, rel := range d.Related {
						f.Related = append(f.Related, relPos(root, rel.Posn))
					}
					r.List = append(r.List, f)
				}
			}
		}
	}
	sort.Slice(r.List, func(i, j int) bool { return r.List[i].Pos < r.List[j].Pos })
	r.Errors = dedupe(r.Errors)
}

// relPos makes a file:line:col position relative to root when it is under
// root.
func relPos(root, pos string) string {
	if rel, err := filepath.Rel(root, pos); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return pos
}

// checkFixes applies every suggested fix to the copy with connvet -fix and
// checks that each package (and test) that compiled before still compiles.
// patterns are the packages to fix and compile; extra is added to the
// environment (GOROOT of a private copy of the toolchain, for std).
func checkFixes(r *ModuleResult, bin, dir string, patterns []string, extra ...string) {
	for _, f := range r.List {
		r.FixesApplied += f.Fixes
	}
	if r.FixesApplied == 0 {
		r.FixCompile = "n/a"
		return
	}
	before := brokenPackages(dir, patterns, extra)
	cmd := exec.Command(bin, append([]string{"-fix"}, patterns...)...)
	cmd.Dir = dir
	cmd.Env = append(env(), extra...)
	out, err := cmd.CombinedOutput()
	if crashRE.Match(out) {
		r.Crashes = append(r.Crashes, "during -fix: "+firstLines(string(out), 20))
	} else if err != nil {
		r.Errors = append(r.Errors, fmt.Sprintf("connvet -fix: %v: %s", err, firstLines(string(out), 10)))
	}
	after := brokenPackages(dir, patterns, extra)
	for p := range after {
		if !before[p] {
			r.FixBrokenPkgs = append(r.FixBrokenPkgs, p)
		}
	}
	sort.Strings(r.FixBrokenPkgs)
	if len(r.FixBrokenPkgs) > 0 {
		r.FixCompile = "broken"
	} else {
		r.FixCompile = "ok"
	}
}

var buildFailRE = regexp.MustCompile(`(?m)^(?:# (\S+)|FAIL\t(\S+) \[(?:build|setup) failed\])`)

// brokenPackages compiles every package and test binary matched by
// patterns in dir and returns the packages that do not compile.
func brokenPackages(dir string, patterns, extra []string) map[string]bool {
	broken := map[string]bool{}
	for _, args := range [][]string{
		append([]string{"build"}, patterns...),
		append([]string{"test", "-count=1", "-run=^$", "-exec=/bin/true"}, patterns...),
	} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(env(), extra...)
		out, _ := cmd.CombinedOutput()
		for _, m := range buildFailRE.FindAllStringSubmatch(string(out), -1) {
			p := m[1] + m[2]
			broken[strings.Fields(p)[0]] = true
		}
	}
	return broken
}

func env() []string {
	return append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOWORK=off")
}

func output(ctx context.Context, dir, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = env()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, firstLines(stderr.String(), 5))
	}
	return string(out), nil
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("... (%d more lines)", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}

func dedupe(ss []string) []string {
	slices.Sort(ss)
	return slices.Compact(ss)
}
