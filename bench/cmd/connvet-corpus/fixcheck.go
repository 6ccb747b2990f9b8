package main

// The -fixcheck mode: internal/fixcheck on each module copy. Where the
// -fix compile check applies every fix at once with the connvet binary and
// compiles the module, fixcheck proves each suggested fix on its own: it
// applies, leaves a gofmt-clean file, type-checks, and the check no longer
// reports the finding; then the fixes of each package together
// type-check. It runs in a child process (connvet-corpus fixcheck-child),
// one module at a time, so that its memory is returned after each module,
// its peak RSS is its own, and a timeout or a panic is the child's.

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/analyzers"
	"github.com/connvet/connvet/internal/fixcheck"
)

// defaultFixBatch is how many packages (of go list) one load of fixcheck
// covers: a module with more is checked in batches, to bound memory.
const defaultFixBatch = 40

// fixTimeoutFactor: a fixcheck run may take this many times the limit of
// a connvet run (it loads like connvet, then type-checks and reruns the
// check once per fix).
const fixTimeoutFactor = 3

// maxFixFailures is how many failures a FixCheck keeps (all are counted);
// maxFixFailuresMD how many of them the markdown lists, per run.
const (
	maxFixFailures   = 200
	maxFixFailuresMD = 10
)

// Fix check statuses.
const (
	fixCheckOK     = "ok"     // every fix proved
	fixCheckFailed = "failed" // a fix failed to apply, compile or remove its finding
	fixCheckNone   = "n/a"    // no suggested fix in the packages checked
	fixCheckError  = "error"  // fixcheck could not run (the child failed or timed out)
)

// FixCounts are fixcheck.Counts, as recorded in results.json.
type FixCounts struct {
	Diagnostics  int `json:"diagnostics"`
	Fixes        int `json:"fixes"` // suggested fixes tried, each on its own
	Applied      int `json:"applied"`
	Gofmt        int `json:"gofmt_clean"`
	GofmtSkipped int `json:"gofmt_skipped"` // files not gofmt-clean before the fix: not judged
	Compiled     int `json:"compiled"`
	Gone         int `json:"finding_gone"`
	Packages     int `json:"packages"` // packages with at least one fix
	Together     int `json:"together"` // packages whose fixes, applied together, type-check
	Merged       int `json:"merged"`
	Conflicts    int `json:"conflicts"`
}

func (c *FixCounts) add(o FixCounts) {
	c.Diagnostics += o.Diagnostics
	c.Fixes += o.Fixes
	c.Applied += o.Applied
	c.Gofmt += o.Gofmt
	c.GofmtSkipped += o.GofmtSkipped
	c.Compiled += o.Compiled
	c.Gone += o.Gone
	c.Packages += o.Packages
	c.Together += o.Together
	c.Merged += o.Merged
	c.Conflicts += o.Conflicts
}

func fromCounts(c *fixcheck.Counts) FixCounts {
	return FixCounts{
		Diagnostics: c.Diagnostics, Fixes: c.Fixes, Applied: c.Applied, Gofmt: c.Gofmt, GofmtSkipped: c.GofmtSkipped,
		Compiled: c.Compiled, Gone: c.Gone, Packages: c.Packages, Together: c.Together, Merged: c.Merged, Conflicts: c.Conflicts,
	}
}

// FixFailure is one fix (or, at stage together, one package's fixes) that
// failed.
type FixFailure struct {
	Check   string `json:"check"`
	Package string `json:"package"`
	Pos     string `json:"pos"`   // the diagnostic's, relative to the module root
	Stage   string `json:"stage"` // apply, gofmt, compile, gone or together
	Fix     string `json:"fix"`
	Message string `json:"message"`
	Detail  string `json:"detail"` // the first lines of the reason
}

// gates reports whether a failure at stage fails the run: a fix that does
// not apply, does not compile (alone or with the package's other fixes) or
// leaves its finding. A gofmt failure is recorded, not gated, as the -fix
// check records files left unformatted.
func gates(stage string) bool { return stage != "gofmt" }

// FixCheck is what fixcheck found on one module copy (or one bugs run).
type FixCheck struct {
	Status   string               `json:"status"`
	Batches  int                  `json:"batches"`
	Packages int                  `json:"packages"` // packages checked (IDs: test variants count)
	Counts   map[string]FixCounts `json:"counts"`   // per check, checks with diagnostics
	Total    FixCounts            `json:"total"`
	// Failing counts the failures that gate (every stage but gofmt);
	// FailureCount all of them; Failures keeps the first maxFixFailures.
	Failing      int          `json:"failing"`
	FailureCount int          `json:"failure_count"`
	Failures     []FixFailure `json:"failures,omitempty"`
	// Skipped are the packages that did not load or type-check (the
	// module's problem: connvet -json skips them too), by package ID.
	Skipped map[string][]string `json:"skipped,omitempty"`
	// Errors are analyses that failed to run on a package that loaded.
	Errors []string `json:"errors,omitempty"`
	// JSONFixes is the number of suggested fixes connvet -json reported on
	// the same packages: Total.Fixes should equal it.
	JSONFixes  int     `json:"json_fixes"`
	Error      string  `json:"error,omitempty"` // why fixcheck could not run
	Wall       float64 `json:"wall_seconds"`
	PeakRSSMiB float64 `json:"peak_rss_mib"`
}

// Gate reports whether fc fails the run.
func (fc *FixCheck) Gate() bool {
	return fc != nil && (fc.Failing > 0 || fc.Status == fixCheckError)
}

// Summary is one line of counts.
func (fc *FixCheck) Summary() string {
	if fc == nil {
		return "skipped"
	}
	if fc.Status == fixCheckError {
		return "error: " + firstLines(fc.Error, 1)
	}
	t := fc.Total
	s := fmt.Sprintf("%s: %d fixes: %d applied, %d gofmt-clean (%d not judged), %d compiled, %d finding gone; %d packages: %d together (%d conflicts)",
		fc.Status, t.Fixes, t.Applied, t.Gofmt, t.GofmtSkipped, t.Compiled, t.Gone, t.Packages, t.Together, t.Conflicts)
	if t.Fixes != fc.JSONFixes {
		s += fmt.Sprintf("; connvet -json reported %d fixes", fc.JSONFixes)
	}
	return s
}

// runFixCheck runs fixcheck on patterns in the module copy dir in a child
// process, batch packages per load (0: defaultFixBatch, negative: all at
// once), within fixTimeoutFactor times timeout. jsonFixes is what connvet
// -json reported, for comparison.
func runFixCheck(dir string, patterns []string, batch int, timeout time.Duration, jsonFixes int) *FixCheck {
	fc := &FixCheck{JSONFixes: jsonFixes}
	if batch == 0 {
		batch = defaultFixBatch
	}
	timeout *= fixTimeoutFactor
	self, err := os.Executable()
	if err != nil {
		fc.Status, fc.Error = fixCheckError, err.Error()
		return fc
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	args := append([]string{"fixcheck-child", "-dir", dir, "-batch", fmt.Sprint(batch), "--"}, patterns...)
	cmd := exec.CommandContext(ctx, self, args...)
	cmd.Env = env()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start).Seconds()
	var rss float64
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = float64(ru.Maxrss) / 1024 // Linux: KiB
		}
	}
	switch {
	case ctx.Err() != nil:
		fc.Status, fc.Error = fixCheckError, fmt.Sprintf("timeout after %s", timeout)
	case err != nil:
		fc.Status, fc.Error = fixCheckError, fmt.Sprintf("fixcheck-child: %v: %s", err, firstLines(stderr.String(), 20))
	default:
		if jerr := json.Unmarshal(stdout.Bytes(), fc); jerr != nil {
			fc.Status, fc.Error = fixCheckError, fmt.Sprintf("fixcheck-child output: %v: %s", jerr, firstLines(stdout.String(), 5))
		}
	}
	fc.JSONFixes, fc.Wall, fc.PeakRSSMiB = jsonFixes, wall, rss
	return fc
}

// fixcheckChild is the child: load patterns in -dir in batches, run
// fixcheck.Check with every registered analyzer on each, print a FixCheck.
// The exit status is 0 whenever it could print one.
func fixcheckChild(args []string) int {
	fs := flag.NewFlagSet("fixcheck-child", flag.ExitOnError)
	dir := fs.String("dir", "", "module directory")
	batch := fs.Int("batch", defaultFixBatch, "packages per load (0 or less: all at once)")
	_ = fs.Parse(args)
	fc, err := fixCheckDir(*dir, fs.Args(), *batch, analyzers.All())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	data, err := json.Marshal(fc)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	fmt.Println(string(data))
	return 0
}

// fixCheckDir proves the fixes of as on the packages patterns match in
// dir, batch packages at a time.
func fixCheckDir(dir string, patterns []string, batch int, as []*analysis.Analyzer) (fc *FixCheck, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("fixcheck panicked: %v\n%s", p, debug.Stack())
		}
	}()
	list, err := output(context.Background(), dir, "go", append([]string{"list", "-e"}, patterns...)...)
	if err != nil {
		return nil, err
	}
	paths := strings.Fields(list)
	var batches [][]string
	if batch <= 0 || len(paths) <= batch {
		batches = [][]string{patterns}
	} else {
		for b := range slices.Chunk(paths, batch) {
			batches = append(batches, b)
		}
	}
	fc = &FixCheck{Counts: map[string]FixCounts{}, Skipped: map[string][]string{}}
	extra := []string{"GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOWORK=off"}
	for _, b := range batches {
		if err := fc.batch(dir, b, as, extra); err != nil {
			return nil, err
		}
		// The batch's packages are garbage now: return their memory
		// before loading the next.
		runtime.GC()
		debug.FreeOSMemory()
	}
	fc.Status = fixCheckNone
	if fc.Total.Fixes > 0 || fc.FailureCount > 0 {
		fc.Status = fixCheckOK
		if fc.Failing > 0 {
			fc.Status = fixCheckFailed
		}
	}
	return fc, nil
}

// batch loads the packages patterns match in dir and proves their fixes.
func (fc *FixCheck) batch(dir string, patterns []string, as []*analysis.Analyzer, env []string) error {
	fc.Batches++
	pkgs, skipped, err := fixcheck.LoadModule(dir, env, patterns...)
	if err != nil {
		return fmt.Errorf("loading %s: %w", strings.Join(patterns, " "), err)
	}
	for id, errs := range skipped {
		msg := strings.ReplaceAll(strings.Join(errs, "\n"), dir+string(filepath.Separator), "")
		fc.Skipped[id] = append(fc.Skipped[id], firstLines(msg, 5))
	}
	fc.Packages += len(pkgs)
	if len(pkgs) == 0 {
		return nil
	}
	rep, err := fixcheck.Check(pkgs, as)
	if err != nil {
		return err
	}
	fc.add(rep, dir)
	return nil
}

// add merges one batch's report into fc.
func (fc *FixCheck) add(rep *fixcheck.Report, root string) {
	for name, c := range rep.Counts {
		if c.Diagnostics == 0 && c.Fixes == 0 {
			continue
		}
		n := fc.Counts[name]
		n.add(fromCounts(c))
		fc.Counts[name] = n
		fc.Total.add(fromCounts(c))
	}
	for _, f := range rep.Failures {
		fc.FailureCount++
		if gates(f.Stage) {
			fc.Failing++
		}
		if len(fc.Failures) < maxFixFailures {
			fc.Failures = append(fc.Failures, FixFailure{
				Check: f.Analyzer, Package: f.Package, Pos: relPos(root, f.Pos), Stage: f.Stage,
				Fix: f.Fix, Message: f.Message, Detail: firstLines(f.Detail, 12),
			})
		}
	}
	for _, e := range rep.Errors {
		fc.Errors = append(fc.Errors, firstLines(e, 5))
	}
}

// jsonFixes counts the suggested fixes connvet -json reported in list on
// the packages of pkgs (nil: all), an external test package counting as
// its package.
func jsonFixes(list []Finding, pkgs []string) int {
	n := 0
	for _, f := range list {
		if pkgs == nil || slices.Contains(pkgs, f.Package) || slices.Contains(pkgs, strings.TrimSuffix(f.Package, "_test")) {
			n += f.Fixes
		}
	}
	return n
}

// fixCheckMarkdown is the "Fixes, one by one" table: one row per run that
// fixcheck covered, and a list of the failures.
func fixCheckMarkdown(heading string, rows []fixRow) string {
	var b strings.Builder
	b.WriteString(heading + " Fixes, one by one\n\n")
	b.WriteString("`-fixcheck`: each suggested fix applied alone (in memory), then gofmt, type-check and the check rerun; then each package's fixes together (see docs/corpus.md).\n\n")
	b.WriteString("| module | status | fixes | applied | gofmt-clean | not judged | compiled | finding gone | packages | together | conflicts | failing | -json fixes | skipped pkgs | wall (s) | peak RSS (MiB) |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	var total FixCounts
	failing, jsonTotal := 0, 0
	for _, r := range rows {
		fc := r.fc
		if fc.Status == fixCheckError {
			fmt.Fprintf(&b, "| %s | error: %s | | | | | | | | | | | %d | | %.1f | %.0f |\n", mdCell(r.name), mdCell(firstLines(fc.Error, 1)), fc.JSONFixes, fc.Wall, fc.PeakRSSMiB)
			continue
		}
		t := fc.Total
		total.add(t)
		failing += fc.Failing
		jsonTotal += fc.JSONFixes
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f | %.0f |\n",
			mdCell(r.name), fc.Status, t.Fixes, t.Applied, t.Gofmt, t.GofmtSkipped, t.Compiled, t.Gone, t.Packages, t.Together, t.Conflicts, fc.Failing, fc.JSONFixes, len(fc.Skipped), fc.Wall, fc.PeakRSSMiB)
	}
	fmt.Fprintf(&b, "| **total** | | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | | | |\n",
		total.Fixes, total.Applied, total.Gofmt, total.GofmtSkipped, total.Compiled, total.Gone, total.Packages, total.Together, total.Conflicts, failing, jsonTotal)
	// Per check, over every run.
	byCheck := map[string]*FixCounts{}
	for _, r := range rows {
		for name, c := range r.fc.Counts {
			if byCheck[name] == nil {
				byCheck[name] = new(FixCounts)
			}
			byCheck[name].add(c)
		}
	}
	if len(byCheck) > 0 {
		b.WriteString("\n| check | diagnostics | fixes | applied | gofmt-clean | compiled | finding gone | packages | together |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, name := range slices.Sorted(maps.Keys(byCheck)) {
			c := byCheck[name]
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %d | %d | %d |\n", name, c.Diagnostics, c.Fixes, c.Applied, c.Gofmt, c.Compiled, c.Gone, c.Packages, c.Together)
		}
	}
	var fails []string
	for _, r := range rows {
		for i, f := range r.fc.Failures {
			if i == maxFixFailuresMD {
				break
			}
			fails = append(fails, fmt.Sprintf("- %s `%s` %s: fix %q fails **%s**: %s\n  diagnostic: %s\n", mdCell(r.name), f.Pos, f.Check, f.Fix, f.Stage, mdCell(firstLines(f.Detail, 3)), mdCell(f.Message)))
		}
		if n := r.fc.FailureCount - min(len(r.fc.Failures), maxFixFailuresMD); n > 0 {
			fails = append(fails, fmt.Sprintf("- %s: %d more failures (the first %d are in the JSON)\n", mdCell(r.name), n, len(r.fc.Failures)))
		}
		for _, e := range r.fc.Errors {
			fails = append(fails, fmt.Sprintf("- %s: analysis error (fixes not proved): %s\n", mdCell(r.name), mdCell(firstLines(e, 2))))
		}
	}
	if len(fails) > 0 {
		b.WriteString("\nFailures:\n\n")
		for _, f := range fails {
			b.WriteString(f)
		}
	}
	return b.String()
}

// fixRow is one run of fixcheck, named for the table.
type fixRow struct {
	name string
	fc   *FixCheck
}
