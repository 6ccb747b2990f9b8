// Command connvet finds HTTP connection-lifecycle bugs in Go code.
//
// It runs standalone (connvet ./...) or as a vet tool
// (go vet -vettool=$(command -v connvet) ./...). Run "connvet help" for
// the list of checks and "connvet help NAME" for one check's documentation.
//
// The flags are the analysis driver's (multichecker), read from the flag
// set it registers, plus -sarif; -diff implies -fix. connvet -sarif runs
// the analysis in process (golang.org/x/tools/go/analysis/checker) and
// writes SARIF 2.1.0 (docs/sarif.md). Exit codes: docs/exit-codes.md.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/packages"

	"github.com/connvet/connvet/analyzers"
	"github.com/connvet/connvet/cmd/connvet/internal/sarif"
)

func main() {
	all := analyzers.All()
	fs := driverFlags(all)
	cl := split(fs, os.Args[1:])
	if cl.stopped {
		// The driver would reject this command line; connvet's flag set,
		// which knows -sarif too, reports it the same way.
		if code, done := reject(fs, os.Args[1:]); done {
			os.Exit(code)
		}
	}
	if cl.on("sarif") && !cl.on("flags") && len(cl.patterns()) > 0 && cl.patterns()[0] != "help" {
		os.Exit(runSARIF(fs, os.Args[1:], all))
	}
	os.Args = append([]string{os.Args[0]}, cl.forDriver()...)
	multichecker.Main(all...)
}

// reject parses a command line the flag set refuses and returns the exit
// status the driver gives: 0 for -h and -help, 2 for a bad flag, after
// the flag package has printed the error and the usage.
func reject(fs *flag.FlagSet, args []string) (code int, done bool) {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return 0, false
	case errors.Is(err, flag.ErrHelp):
		return 0, true
	default:
		return 2, true
	}
}

// runSARIF analyzes the packages named on the command line in process,
// with the analyzers and options the flags select, as the standalone
// driver would, and writes the findings as SARIF to stdout. The exit
// status is 0 when the analysis ran, whatever it found and even when some
// packages failed to load (they are reported in the log): code-scanning
// uploads should not fail on findings. It is 1 when there is nothing to
// analyze (no package matched, the go command failed) and 2 for bad flags.
func runSARIF(fs *flag.FlagSet, args []string, all []*analysis.Analyzer) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	for _, name := range []string{"json", "fix", "diff"} {
		if get(fs, name) == true {
			fmt.Fprintf(os.Stderr, "connvet: -sarif writes SARIF; it cannot be combined with -%s\n", name)
			return 2
		}
	}
	debug, _ := get(fs, "debug").(string)
	dbg := func(c byte) bool { return strings.IndexByte(debug, c) >= 0 }
	stop, err := profile(fs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "connvet:", err)
		return 1
	}
	defer stop()

	selected := enabled(fs, all)
	mode := packages.LoadSyntax
	if needFacts(selected) {
		mode = packages.LoadAllSyntax
	}
	tests, _ := get(fs, "test").(bool)
	cfg := &packages.Config{Mode: mode | packages.NeedModule, Tests: tests}
	pkgs, err := packages.Load(cfg, fs.Args()...)
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(fs.Args(), " "))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "connvet:", err)
		return 1
	}
	packages.PrintErrors(pkgs) // on stderr too, as the driver does

	opts := &checker.Options{Sequential: dbg('p'), SanityCheck: dbg('s')}
	if dbg('f') {
		opts.FactLog = os.Stderr
	}
	graph, err := checker.Analyze(selected, pkgs, opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "connvet:", err)
		return 1
	}

	var rules []sarif.Rule
	for _, c := range analyzers.Checks() {
		rules = append(rules, sarif.Rule{Name: c.Name(), Title: c.Title(), URL: c.URL(), Doc: c.Analyzer.Doc})
	}
	diags, errs := sarif.Collect(graph, pkgs)
	log := sarif.Convert(diags, errs, rules, repoRoot())
	log.Runs[0].Tool.Driver.Version = analyzers.Version
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		fmt.Fprintln(os.Stderr, "connvet:", err)
		return 1
	}
	return 0
}

// get returns the value of a flag of the set.
func get(fs *flag.FlagSet, name string) any {
	if f := fs.Lookup(name); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			return g.Get()
		}
	}
	return nil
}

// enabled returns the analyzers the -NAME flags select, as the driver
// selects them: when some -NAME is true, those; else when some -NAME is
// false, all but those; else all.
func enabled(fs *flag.FlagSet, all []*analysis.Analyzer) []*analysis.Analyzer {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var on, notOff []*analysis.Analyzer
	for _, a := range all {
		if !set[a.Name] {
			notOff = append(notOff, a)
		} else if get(fs, a.Name) == true {
			on = append(on, a)
			notOff = append(notOff, a)
		}
	}
	if len(on) > 0 {
		return on
	}
	return notOff
}

// needFacts reports whether an analyzer, or one it requires, uses facts:
// then every dependency is loaded from source, as the driver does.
func needFacts(as []*analysis.Analyzer) bool {
	seen := map[*analysis.Analyzer]bool{}
	for len(as) > 0 {
		a := as[0]
		as = as[1:]
		if seen[a] {
			continue
		}
		seen[a] = true
		if len(a.FactTypes) > 0 {
			return true
		}
		as = append(as, a.Requires...)
	}
	return false
}

// profile starts the -cpuprofile and -trace recordings and returns what
// stops them and writes -memprofile.
func profile(fs *flag.FlagSet) (stop func(), err error) {
	var stops []func()
	stop = func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
	if name, _ := get(fs, "cpuprofile").(string); name != "" {
		f, err := os.Create(name)
		if err != nil {
			return stop, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return stop, err
		}
		stops = append(stops, func() { pprof.StopCPUProfile(); _ = f.Close() })
	}
	if name, _ := get(fs, "trace").(string); name != "" {
		f, err := os.Create(name)
		if err != nil {
			return stop, err
		}
		if err := trace.Start(f); err != nil {
			return stop, err
		}
		stops = append(stops, func() { trace.Stop(); _ = f.Close() })
	}
	if name, _ := get(fs, "memprofile").(string); name != "" {
		f, err := os.Create(name)
		if err != nil {
			return stop, err
		}
		stops = append(stops, func() {
			runtime.GC()
			if err := pprof.WriteHeapProfile(f); err != nil {
				fmt.Fprintln(os.Stderr, "connvet:", err)
			}
			_ = f.Close()
		})
	}
	return stop, nil
}

// repoRoot is the root SARIF paths are relative to: the git work tree,
// else the main module's directory, else the working directory.
func repoRoot() string {
	if out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output(); err == nil {
		if root := strings.TrimSpace(string(out)); root != "" {
			return root
		}
	}
	wd, _ := os.Getwd()
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			return wd
		}
	}
}
