package main

// The bugs mode: a benchmark of real, fixed bugs. Each entry names a module
// version with the bug (before) and one with the fix (after); the harness
// runs connvet on both and checks that the bug is reported before and that
// the check is silent after. See docs/corpus.md, "Real-bug benchmark".

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/connvet/connvet/analyzers"
)

// bugColumns is the header of a benchmark file, in order.
var bugColumns = []string{"id", "check", "module", "before", "after", "package", "file", "line", "after_file", "after_line", "upstream", "failure"}

// lineSlack is how far (in lines, either way) a diagnostic may be from the
// line a benchmark entry names and still count as reporting it.
const lineSlack = 3

// Bug is one benchmark entry.
type Bug struct {
	ID        string `json:"id"`
	Check     string `json:"check"`
	Module    string `json:"module"`
	Before    string `json:"before"`  // version with the bug
	After     string `json:"after"`   // version with the fix
	Package   string `json:"package"` // import path to analyze
	File      string `json:"file"`    // relative to the module root, slash-separated
	Line      int    `json:"line"`
	AfterFile string `json:"after_file"`
	AfterLine int    `json:"after_line"`
	Upstream  string `json:"upstream"` // URL of the upstream issue, PR or commit
	Failure   string `json:"failure"`  // what went wrong in production, in a few words
	// Fixed, when set, is a regular expression for the messages the fix
	// removed: silent after then means no such message near after_line.
	// An upstream fix that repaired one part of a finding (ReadHeaderTimeout
	// added, IdleTimeout still missing) leaves the rest reported.
	Fixed  string `json:"fixed,omitempty"`
	Source string `json:"-"` // file:line of the entry, for messages
}

// AfterPackage is the package to analyze in the fixed version: the
// entry's package, or, when the fix moved the file to another directory of
// the module (and the entry's package is the before file's directory), the
// package of that directory.
func (b Bug) AfterPackage() string {
	dir, afterDir := path.Dir(b.File), path.Dir(b.AfterFile)
	if dir == afterDir || b.Package != pkgOfDir(b.Module, dir) {
		return b.Package
	}
	return pkgOfDir(b.Module, afterDir)
}

// pkgOfDir is the import path of the package in dir, a slash-separated
// directory relative to the root of module.
func pkgOfDir(module, dir string) string {
	if dir == "." {
		return module
	}
	return module + "/" + dir
}

// ParseBugs reads a benchmark file: tab-separated, a header line naming
// bugColumns, blank lines and lines starting with # ignored. The failure
// column may be left off. checks are the check names an entry may name.
// Every problem is reported, not just the first.
func ParseBugs(r io.Reader, name string, checks []string) ([]Bug, error) {
	var bugs []Bug
	var errs []error
	seen := map[string]string{}
	header := false
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		where := fmt.Sprintf("%s:%d", name, n)
		if !header {
			if len(fields) == len(bugColumns)+1 && fields[len(bugColumns)] == "fixed" {
				fields = fields[:len(bugColumns)] // the optional last column
			}
			if !slices.Equal(fields, bugColumns) {
				return nil, fmt.Errorf("%s: header must be the tab-separated columns %q, got %q", where, strings.Join(bugColumns, " "), strings.Join(fields, " "))
			}
			header = true
			continue
		}
		if len(fields) == len(bugColumns)-1 { // no failure column
			fields = append(fields, "")
		}
		fixed := ""
		if len(fields) == len(bugColumns)+1 { // the optional fixed column
			fixed, fields = fields[len(bugColumns)], fields[:len(bugColumns)]
		}
		if len(fields) != len(bugColumns) {
			errs = append(errs, fmt.Errorf("%s: want %d tab-separated columns, got %d", where, len(bugColumns), len(fields)))
			continue
		}
		b := Bug{
			ID: fields[0], Check: fields[1], Module: fields[2], Before: fields[3], After: fields[4],
			Package: fields[5], File: fields[6], AfterFile: fields[8], Upstream: fields[10], Failure: fields[11],
			Fixed: fixed, Source: where,
		}
		if fixed != "" {
			if _, err := regexp.Compile(fixed); err != nil {
				errs = append(errs, fmt.Errorf("%s: %s: fixed: %w", where, b.ID, err))
			}
		}
		bad := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("%s: %s: %s", where, cmpOr(b.ID, "?"), fmt.Sprintf(format, args...)))
		}
		for i, col := range bugColumns[:10] {
			if fields[i] == "" {
				bad("empty %s", col)
			}
		}
		var err error
		if b.Line, err = strconv.Atoi(fields[7]); err != nil || b.Line <= 0 {
			bad("line %q is not a positive number", fields[7])
		}
		if b.AfterLine, err = strconv.Atoi(fields[9]); err != nil || b.AfterLine <= 0 {
			bad("after_line %q is not a positive number", fields[9])
		}
		if b.File, err = cleanRel(b.File); err != nil {
			bad("file: %v", err)
		}
		if b.AfterFile, err = cleanRel(b.AfterFile); err != nil {
			bad("after_file: %v", err)
		}
		if b.Before != "" && b.Before == b.After {
			bad("before and after are the same version %s", b.Before)
		}
		if b.Module != "" && b.Package != "" && b.Package != b.Module && !strings.HasPrefix(b.Package, b.Module+"/") {
			bad("package %s is not in module %s", b.Package, b.Module)
		}
		if b.Check != "" && !slices.Contains(checks, b.Check) {
			bad("unknown check %q (checks: %s)", b.Check, strings.Join(checks, ", "))
		}
		if prev, ok := seen[b.ID]; ok && b.ID != "" {
			bad("id also used at %s", prev)
		}
		seen[b.ID] = where
		bugs = append(bugs, b)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if !header {
		return nil, fmt.Errorf("%s: no header line", name)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return bugs, nil
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// cleanRel cleans a module-relative, slash-separated file path.
func cleanRel(p string) (string, error) {
	if p == "" {
		return "", nil
	}
	c := path.Clean(strings.ReplaceAll(p, `\`, "/"))
	if path.IsAbs(c) || c == ".." || strings.HasPrefix(c, "../") {
		return p, fmt.Errorf("%q is not relative to the module root", p)
	}
	return c, nil
}

// splitPos splits file:line:col (or file:line) into its file and line.
func splitPos(pos string) (file string, line int, ok bool) {
	rest, last, found := cutLast(pos)
	if !found {
		return "", 0, false
	}
	n, err := strconv.Atoi(last)
	if err != nil {
		return "", 0, false
	}
	if f, l, found := cutLast(rest); found {
		if m, err := strconv.Atoi(l); err == nil {
			return filepath.ToSlash(f), m, true // file:line:col
		}
	}
	return filepath.ToSlash(rest), n, true // file:line
}

func cutLast(s string) (before, after string, found bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+1:], true
}

// near reports whether pos is in file within lineSlack lines of line.
func near(pos, file string, line int) bool {
	f, l, ok := splitPos(pos)
	return ok && f == file && abs(l-line) <= lineSlack
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Match rules: how a before-run diagnostic was found to report a bug.
const (
	// ruleLine: a diagnostic of the bug's check at the bug's file, within
	// lineSlack lines of its line.
	ruleLine = "line"
	// ruleRelated: a diagnostic of the bug's check whose related
	// information (-json "related") points at the bug's file within
	// lineSlack lines of its line; the diagnostic itself may be elsewhere
	// (for example at the construction, with the use as related).
	ruleRelated = "related"
)

// matchBefore finds the diagnostic of check that reports file:line, by
// ruleLine first (the nearest) and then by ruleRelated.
func matchBefore(fs []Finding, check, file string, line int) (*Finding, string) {
	if f := nearestAt(fs, check, file, line, lineSlack); f != nil {
		return f, ruleLine
	}
	for i := range fs {
		if fs[i].Check != check {
			continue
		}
		for _, rel := range fs[i].Related {
			if near(rel, file, line) {
				return &fs[i], ruleRelated
			}
		}
	}
	return nil, ""
}

// matchAfter finds a diagnostic of check at file within lineSlack lines of
// line (ruleLine only): nil means the check is silent there.
func matchAfter(fs []Finding, check, file string, line int, fixed string) *Finding {
	return nearestAt(aboutFix(fs, fixed), check, file, line, lineSlack)
}

// aboutFix keeps the findings whose message matches fixed, the regular
// expression for the defect the upstream fix repaired (all when empty):
// flagged before and silent after are both judged on that defect alone.
func aboutFix(fs []Finding, fixed string) []Finding {
	if fixed == "" {
		return fs
	}
	re := regexp.MustCompile(fixed) // checked by ParseBugs
	var kept []Finding
	for _, f := range fs {
		if re.MatchString(f.Message) {
			kept = append(kept, f)
		}
	}
	return kept
}

// nearestAt is the diagnostic of check in file nearest to line, no further
// than slack lines (any distance when slack < 0); the earlier one on a tie.
func nearestAt(fs []Finding, check, file string, line, slack int) *Finding {
	var best *Finding
	bestDist, bestLine := 0, 0
	for i := range fs {
		f, l, ok := splitPos(fs[i].Pos)
		if !ok || fs[i].Check != check || f != file {
			continue
		}
		d := abs(l - line)
		if slack >= 0 && d > slack {
			continue
		}
		if best == nil || d < bestDist || (d == bestDist && l < bestLine) {
			best, bestDist, bestLine = &fs[i], d, l
		}
	}
	return best
}

// BugResult is what the benchmark found for one bug.
type BugResult struct {
	Bug
	Flagged  bool     `json:"flagged_before"`
	Rule     string   `json:"match_rule,omitempty"` // ruleLine or ruleRelated
	Hit      *Finding `json:"hit_before,omitempty"`
	Nearest  *Finding `json:"nearest_before,omitempty"` // nearest diagnostic of the check in the before file
	Silent   bool     `json:"silent_after"`
	AfterHit *Finding `json:"hit_after,omitempty"`
	Crash    bool     `json:"crash"`
	Crashes  []string `json:"crashes,omitempty"`
	// LoadBefore and LoadAfter: the package failed to load or type-check
	// (the module's problem, not connvet's).
	LoadBefore string `json:"load_error_before,omitempty"`
	LoadAfter  string `json:"load_error_after,omitempty"`
	Setup      string `json:"setup_error,omitempty"` // a module version could not be fetched or copied
	Note       string `json:"note,omitempty"`        // the human note carried over from -docs
	// Fix is, with -fixcheck, what became of the suggested fix of the
	// diagnostic that flagged the bug (see fixOfHit).
	Fix string `json:"fix,omitempty"`
}

// scoredBefore: counts toward recall.
func (r *BugResult) scoredBefore() bool { return r.Setup == "" && r.LoadBefore == "" }

// scoredAfter: counts toward silent after. A bug whose before version
// does not load is left out too: there is nothing to compare with.
func (r *BugResult) scoredAfter() bool {
	return r.Setup == "" && r.LoadBefore == "" && r.LoadAfter == ""
}

func (r *BugResult) loadError() bool { return r.LoadBefore != "" || r.LoadAfter != "" }

// CheckSummary totals the results of one check (or all, Check "all").
type CheckSummary struct {
	Check       string  `json:"check"`
	Bugs        int     `json:"bugs"`
	Scored      int     `json:"scored_before"` // bugs without a setup or before load error
	Flagged     int     `json:"flagged_before"`
	Recall      float64 `json:"recall"` // Flagged / Scored
	ScoredAfter int     `json:"scored_after"`
	Silent      int     `json:"silent_after"`
	Crashes     int     `json:"crashes"` // bugs whose before or after run crashed
	LoadErrors  int     `json:"load_errors"`
	SetupErrors int     `json:"setup_errors"`
}

func (s *CheckSummary) add(r *BugResult) {
	s.Bugs++
	if r.scoredBefore() {
		s.Scored++
		if r.Flagged {
			s.Flagged++
		}
	}
	if r.scoredAfter() {
		s.ScoredAfter++
		if r.Silent {
			s.Silent++
		}
	}
	if r.Crash {
		s.Crashes++
	}
	if r.loadError() {
		s.LoadErrors++
	}
	if r.Setup != "" {
		s.SetupErrors++
	}
	s.Recall = 0
	if s.Scored > 0 {
		s.Recall = float64(s.Flagged) / float64(s.Scored)
	}
}

// Summarize totals results per check, in the order of checks, and overall.
func Summarize(results []*BugResult, checks []string) ([]CheckSummary, CheckSummary) {
	by := map[string]*CheckSummary{}
	total := CheckSummary{Check: "all"}
	for _, r := range results {
		s := by[r.Check]
		if s == nil {
			s = &CheckSummary{Check: r.Check}
			by[r.Check] = s
		}
		s.add(r)
		total.add(r)
	}
	var out []CheckSummary
	for _, c := range checks {
		if s := by[c]; s != nil {
			out = append(out, *s)
		}
	}
	return out, total
}

// Exit statuses of the bugs mode.
const (
	exitPass    = 0 // targets met
	exitFail    = 1 // recall under target, a fix still reported, or a crash
	exitHarness = 2 // the harness failed (bad file, build, a module version that cannot be fetched)
)

// Verdict is the exit status for total and why it is not 0.
func Verdict(total CheckSummary, minRecall float64) (int, []string) {
	var why []string
	if total.SetupErrors > 0 {
		why = append(why, fmt.Sprintf("%d bug(s) could not be set up (module version not fetched or copied): fix or drop the entries", total.SetupErrors))
		return exitHarness, why
	}
	switch {
	case total.Scored == 0:
		why = append(why, "no bug could be scored (every package failed to load)")
	case total.Recall < minRecall:
		why = append(why, fmt.Sprintf("recall before %d/%d = %.0f%% is under the target %.0f%%", total.Flagged, total.Scored, 100*total.Recall, 100*minRecall))
	}
	if total.Silent < total.ScoredAfter {
		why = append(why, fmt.Sprintf("%d fixed version(s) still reported", total.ScoredAfter-total.Silent))
	}
	if total.Crashes > 0 {
		why = append(why, fmt.Sprintf("%d bug(s) with a crash", total.Crashes))
	}
	if len(why) > 0 {
		return exitFail, why
	}
	return exitPass, nil
}

// BugsConfig selects what a bugs run covers.
type BugsConfig struct {
	File      string
	Only      string // comma-separated ids
	Out       string
	Work      string
	Docs      string // file whose generated section is rewritten; "" for none
	MinRecall float64
	Timeout   time.Duration
	// FixCheck proves each suggested fix on the before version's packages
	// of every entry (internal/fixcheck); FixBatch as in Config.
	FixCheck bool
	FixBatch int
}

// BugsReport is a whole bugs run.
type BugsReport struct {
	Date      string         `json:"date"`
	GoVersion string         `json:"go_version"`
	Commit    string         `json:"connvet_commit,omitempty"`
	File      string         `json:"file"`
	MinRecall float64        `json:"min_recall"`
	Bugs      []*BugResult   `json:"bugs"`
	Checks    []CheckSummary `json:"checks"`
	Total     CheckSummary   `json:"total"`
	Runs      []*BugRun      `json:"runs"`
	Exit      int            `json:"exit_status"`
	Why       []string       `json:"why,omitempty"`
	// FixCheck totals -fixcheck over the runs of before versions (nil
	// without -fixcheck).
	FixCheck *FixCheckTotal `json:"fixcheck,omitempty"`
}

// FixCheckTotal sums the -fixcheck results of a bugs run.
type FixCheckTotal struct {
	Runs    int       `json:"runs"`
	Total   FixCounts `json:"total"`
	Failing int       `json:"failing"`
	Errors  int       `json:"errors"` // runs where fixcheck could not run
}

// BugRun is one connvet run: one module version, every package the bugs
// in it need.
type BugRun struct {
	Module     string              `json:"module"`
	Version    string              `json:"version"`
	Packages   []string            `json:"packages"`
	Findings   int                 `json:"findings"`
	Wall       float64             `json:"wall_seconds"`
	Crashes    []string            `json:"crashes,omitempty"`
	LoadErrors map[string][]string `json:"load_errors,omitempty"` // by package
	Setup      string              `json:"setup_error,omitempty"`
	Note       string              `json:"note,omitempty"`
	// FixPackages are the packages of the entries whose before version
	// this is: -fixcheck proves the fixes on them (FixCheck).
	FixPackages []string  `json:"fix_packages,omitempty"`
	FixCheck    *FixCheck `json:"fixcheck,omitempty"`

	list []Finding
}

func bugsMain(args []string) int {
	fs := flag.NewFlagSet("bugs", flag.ExitOnError)
	var cfg BugsConfig
	fs.StringVar(&cfg.File, "file", filepath.Join("cmd", "connvet-corpus", "bugs.tsv"), "benchmark file (tab-separated, see docs/corpus.md)")
	fs.StringVar(&cfg.Only, "only", "", "comma-separated bug ids to run (default: all)")
	fs.StringVar(&cfg.Out, "out", "corpus-out", "directory for bugs.json and bugs.md")
	fs.StringVar(&cfg.Work, "work", "", "work directory for module copies (default: a temporary directory, removed)")
	fs.StringVar(&cfg.Docs, "docs", "", "markdown file whose section between <!-- bugs:begin --> and <!-- bugs:end --> is rewritten (created if missing)")
	fs.Float64Var(&cfg.MinRecall, "min-recall", 0.9, "target recall on the before versions, 0 to 1")
	fs.DurationVar(&cfg.Timeout, "timeout", defaultTimeout, "limit per connvet run (and per -fixcheck run)")
	fs.BoolVar(&cfg.FixCheck, "fixcheck", false, "also prove every suggested fix on its own (internal/fixcheck) on the before versions' packages")
	fs.IntVar(&cfg.FixBatch, "fixcheck-batch", defaultFixBatch, "packages per -fixcheck load, to bound its memory (-1: all at once)")
	_ = fs.Parse(args)
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "connvet-corpus bugs: unexpected arguments %q\n", fs.Args())
		return exitHarness
	}
	rep, err := RunBugs(cfg, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "connvet-corpus bugs:", err)
		return exitHarness
	}
	printBugs(os.Stdout, rep)
	return rep.Exit
}

// RunBugs runs the benchmark and writes bugs.json and bugs.md into cfg.Out
// (and the section of cfg.Docs). An error is a failure of the harness.
func RunBugs(cfg BugsConfig, log io.Writer) (*BugsReport, error) {
	var checks []string
	for _, c := range analyzers.Checks() {
		checks = append(checks, c.Name())
	}
	f, err := os.Open(cfg.File)
	if err != nil {
		return nil, err
	}
	bugs, err := ParseBugs(f, cfg.File, checks)
	_ = f.Close()
	if err != nil {
		return nil, err
	}
	if cfg.Only != "" {
		var want []string
		for _, id := range strings.Split(cfg.Only, ",") {
			if id = strings.TrimSpace(id); id != "" {
				want = append(want, id)
			}
		}
		for _, id := range want {
			if !slices.ContainsFunc(bugs, func(b Bug) bool { return b.ID == id }) {
				return nil, fmt.Errorf("-only: no bug %q in %s", id, cfg.File)
			}
		}
		bugs = slices.DeleteFunc(bugs, func(b Bug) bool { return !slices.Contains(want, b.ID) })
	}
	if len(bugs) == 0 {
		return nil, fmt.Errorf("%s: no bugs to run", cfg.File)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = defaultTimeout
	}
	work, bin, cleanup, err := prepare(cfg.Work, "connvet-bugs-")
	defer cleanup()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	goVersion, _ := output(ctx, "", "go", "env", "GOVERSION")
	commit, _ := output(ctx, "", "git", "describe", "--always", "--dirty")
	rep := &BugsReport{
		Date:      time.Now().UTC().Format(time.RFC3339),
		GoVersion: strings.TrimSpace(goVersion),
		Commit:    strings.TrimSpace(commit),
		File:      filepath.ToSlash(cfg.File),
		MinRecall: cfg.MinRecall,
	}
	// One run per module version, over every package its bugs need.
	runs := map[Module]*BugRun{}
	for _, b := range bugs {
		for _, v := range []string{b.Before, b.After} {
			m := Module{Path: b.Module, Version: v}
			r := runs[m]
			if r == nil {
				r = &BugRun{Module: b.Module, Version: v}
				runs[m] = r
				rep.Runs = append(rep.Runs, r)
			}
			pkg := b.Package
			if v == b.After {
				pkg = b.AfterPackage()
			}
			if !slices.Contains(r.Packages, pkg) {
				r.Packages = append(r.Packages, pkg)
			}
			if v == b.Before && cfg.FixCheck && !slices.Contains(r.FixPackages, b.Package) {
				r.FixPackages = append(r.FixPackages, b.Package)
			}
		}
	}
	for i, r := range rep.Runs {
		_, _ = fmt.Fprintf(log, "== [%d/%d] %s@%s (%s)\n", i+1, len(rep.Runs), r.Module, r.Version, strings.Join(r.Packages, " "))
		runBugModule(cfg, bin, work, r)
		_, _ = fmt.Fprintf(log, "   %d findings, %.1fs, %d crashes, %d packages with load errors %s\n", r.Findings, r.Wall, len(r.Crashes), len(r.LoadErrors), r.Setup)
		if r.FixCheck != nil {
			_, _ = fmt.Fprintf(log, "   fixcheck: %s (%.1fs, %.0f MiB)\n", r.FixCheck.Summary(), r.FixCheck.Wall, r.FixCheck.PeakRSSMiB)
			for _, f := range r.FixCheck.Failures {
				_, _ = fmt.Fprintf(log, "   FIX FAILS %s: %s %s: %s\n", f.Stage, f.Pos, f.Check, firstLines(f.Detail, 1))
			}
		}
	}
	for _, b := range bugs {
		before := runs[Module{Path: b.Module, Version: b.Before}]
		br := scoreBug(b, before, runs[Module{Path: b.Module, Version: b.After}])
		if cfg.FixCheck {
			br.Fix = fixOfHit(br, before.FixCheck)
		}
		rep.Bugs = append(rep.Bugs, br)
	}
	rep.Checks, rep.Total = Summarize(rep.Bugs, checks)
	rep.Exit, rep.Why = Verdict(rep.Total, cfg.MinRecall)
	if cfg.FixCheck {
		rep.FixCheck = totalFixCheck(rep.Runs)
		rep.Exit, rep.Why = fixCheckVerdict(rep.Exit, rep.Why, rep.FixCheck)
	}
	if err := writeBugs(cfg, rep); err != nil {
		return rep, err
	}
	return rep, nil
}

// dropLocalReplaces removes the replace directives of dir's go.mod that
// point into the module's own repository (a monorepo's ../sibling): the
// module zip does not hold those directories, and the go command ignores
// a dependency's replace directives anyway, so the module is analyzed as
// its users build it.
func dropLocalReplaces(dir string) (int, error) {
	out, err := output(context.Background(), dir, "go", "mod", "edit", "-json")
	if err != nil {
		return 0, fmt.Errorf("go mod edit -json: %w", err)
	}
	var mod struct {
		Replace []struct {
			Old struct{ Path, Version string }
			New struct{ Path, Version string }
		}
	}
	if err := json.Unmarshal([]byte(out), &mod); err != nil {
		return 0, fmt.Errorf("go mod edit -json: %w", err)
	}
	var args []string
	for _, r := range mod.Replace {
		if r.New.Version != "" || (!strings.HasPrefix(r.New.Path, ".") && !filepath.IsAbs(r.New.Path)) {
			continue // a replacement by another module version stays
		}
		old := r.Old.Path
		if r.Old.Version != "" {
			old += "@" + r.Old.Version
		}
		args = append(args, "-dropreplace="+old)
	}
	if len(args) == 0 {
		return 0, nil
	}
	if _, err := output(context.Background(), dir, "go", append([]string{"mod", "edit"}, args...)...); err != nil {
		return 0, fmt.Errorf("go mod edit: %w", err)
	}
	return len(args), nil
}

// runBugModule fetches r's module version, copies it into work and runs
// connvet -json on r's packages in the copy.
func runBugModule(cfg BugsConfig, bin, work string, r *BugRun) {
	dir, err := fetch(work, Module{Path: r.Module, Version: r.Version})
	if err != nil {
		r.Setup = err.Error()
		return
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); errors.Is(err, os.ErrNotExist) {
		// A release from before modules (+incompatible): give it a go.mod so
		// that the go command can run in it; -mod=mod finds its imports.
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+r.Module+"\n"), 0o644); err != nil {
			r.Setup = err.Error()
			return
		}
		r.Note = "no go.mod in the release: one naming the module was written, dependencies at their latest versions"
	} else if dropped, err := dropLocalReplaces(dir); err != nil {
		r.Setup = err.Error()
		return
	} else if dropped > 0 {
		r.Note = fmt.Sprintf("%d replace directives to local directories dropped (a module's users never see them)", dropped)
	}
	// Download what the packages and their tests need, and find the
	// packages that cannot load.
	ctx := context.Background()
	_, _ = output(ctx, dir, "go", append([]string{"list", "-e", "-deps", "-test"}, r.Packages...)...)
	r.LoadErrors = map[string][]string{}
	if err := listErrors(dir, r); err != nil {
		for _, p := range r.Packages {
			r.LoadErrors[p] = append(r.LoadErrors[p], err.Error())
		}
		return
	}
	mr := &ModuleResult{Findings: map[string]int{}}
	analyze(Config{Timeout: cfg.Timeout}, mr, bin, dir, dir, r.Packages...)
	r.Wall = mr.WallSeconds
	r.Crashes = mr.Crashes
	r.list = mr.List
	r.Findings = len(mr.List)
	if len(r.FixPackages) > 0 {
		r.FixCheck = runFixCheck(dir, r.FixPackages, cfg.FixBatch, cfg.Timeout, jsonFixes(mr.List, r.FixPackages))
	}
	for id, errs := range mr.PkgErrors {
		for _, e := range errs {
			// "check: error"; an analyzer that did not run because one it
			// needs failed adds nothing.
			_, e, _ = strings.Cut(e, ": ")
			if !strings.HasPrefix(e, "failed prerequisites") {
				r.LoadErrors[id] = append(r.LoadErrors[id], e)
			}
		}
	}
}

// listErrors records the packages of r that the go command cannot load
// (the package or one of its dependencies has an error). An error means
// the go command could not run in the copy at all.
func listErrors(dir string, r *BugRun) error {
	out, err := output(context.Background(), dir, "go", append([]string{"list", "-e", "-json=ImportPath,Error,DepsErrors"}, r.Packages...)...)
	if err != nil {
		return err
	}
	type pkgErr struct{ Err string }
	dec := json.NewDecoder(strings.NewReader(out))
	for {
		var p struct {
			ImportPath string
			Error      *pkgErr
			DepsErrors []*pkgErr
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("decoding go list -json: %w", err)
		}
		if p.Error != nil {
			r.LoadErrors[p.ImportPath] = append(r.LoadErrors[p.ImportPath], firstLines(p.Error.Err, 5))
		}
		for _, e := range p.DepsErrors {
			r.LoadErrors[p.ImportPath] = append(r.LoadErrors[p.ImportPath], "dependency: "+firstLines(e.Err, 5))
		}
	}
}

// loadErrorOf is why pkg, in the variant that holds file, failed to load
// or type-check in run r; "" when it did not. Keys of r.LoadErrors are
// import paths (from go list) and package IDs of connvet -json: "p", and
// for tests "p [p.test]" and "p_test [p.test]".
func loadErrorOf(r *BugRun, pkg, file string) string {
	keys := []string{pkg}
	if strings.HasSuffix(file, "_test.go") {
		keys = append(keys, pkg+" ["+pkg+".test]", pkg+"_test ["+pkg+".test]")
	}
	var errs []string
	for _, k := range keys {
		for _, e := range r.LoadErrors[k] {
			if !slices.Contains(errs, e) { // in order: go list's errors first
				errs = append(errs, e)
			}
		}
	}
	return firstLines(strings.Join(errs, "\n"), 10)
}

// scoreBug matches bug b against the runs of its before and after
// versions.
func scoreBug(b Bug, before, after *BugRun) *BugResult {
	r := &BugResult{Bug: b}
	var setup []string
	for _, run := range []struct {
		label string
		run   *BugRun
	}{{"before", before}, {"after", after}} {
		if run.run.Setup != "" {
			setup = append(setup, run.label+": "+run.run.Setup)
		}
		for _, c := range run.run.Crashes {
			r.Crash = true
			r.Crashes = append(r.Crashes, run.label+" ("+run.run.Version+"): "+c)
		}
	}
	r.Setup = strings.Join(setup, "; ")
	if r.Setup != "" {
		return r
	}
	r.LoadBefore = loadErrorOf(before, b.Package, b.File)
	r.LoadAfter = loadErrorOf(after, b.AfterPackage(), b.AfterFile)
	r.Hit, r.Rule = matchBefore(aboutFix(before.list, b.Fixed), b.Check, b.File, b.Line)
	r.Flagged = r.Hit != nil
	r.Nearest = nearestAt(before.list, b.Check, b.File, b.Line, -1)
	r.AfterHit = matchAfter(after.list, b.Check, b.AfterFile, b.AfterLine, b.Fixed)
	r.Silent = r.AfterHit == nil && r.LoadAfter == ""
	return r
}

// fixOfHit is what became of the fix of the diagnostic that flagged r,
// by fixcheck's result on the before version: "proved", "fails STAGE",
// "no fix" (the diagnostic offers none), "not checked" (fixcheck did not
// run, or skipped the package), or "" when the bug was not flagged.
func fixOfHit(r *BugResult, fc *FixCheck) string {
	switch {
	case r.Hit == nil:
		return ""
	case r.Hit.Fixes == 0:
		return "no fix"
	case fc == nil || fc.Status == fixCheckError:
		return "not checked"
	}
	for _, f := range fc.Failures {
		if f.Check == r.Hit.Check && f.Pos == r.Hit.Pos && f.Message == r.Hit.Message {
			return "fails " + f.Stage
		}
	}
	if fc.FailureCount > len(fc.Failures) {
		return "not checked" // a failure may be among those not kept
	}
	for id := range fc.Skipped {
		if p := strings.Fields(id)[0]; p == r.Package || p == r.Package+"_test" {
			return "not checked"
		}
	}
	return "proved"
}

// totalFixCheck sums the -fixcheck results of runs.
func totalFixCheck(runs []*BugRun) *FixCheckTotal {
	t := &FixCheckTotal{}
	for _, r := range runs {
		if r.FixCheck == nil {
			continue
		}
		t.Runs++
		if r.FixCheck.Status == fixCheckError {
			t.Errors++
			continue
		}
		t.Total.add(r.FixCheck.Total)
		t.Failing += r.FixCheck.Failing
	}
	return t
}

// fixCheckVerdict adds -fixcheck to the verdict: a failing fix, or a run
// where fixcheck could not run, fails the benchmark (exit 1, as a crash
// does) unless the harness already failed.
func fixCheckVerdict(exit int, why []string, t *FixCheckTotal) (int, []string) {
	if t == nil || (t.Failing == 0 && t.Errors == 0) {
		return exit, why
	}
	if t.Failing > 0 {
		why = append(why, fmt.Sprintf("%d suggested fix(es) failed -fixcheck", t.Failing))
	}
	if t.Errors > 0 {
		why = append(why, fmt.Sprintf("-fixcheck could not run on %d module version(s)", t.Errors))
	}
	if exit == exitPass {
		exit = exitFail
	}
	return exit, why
}
