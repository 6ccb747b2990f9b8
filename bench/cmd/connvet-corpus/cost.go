package main

// The cost mode: every suite of package bench over the same package sets,
// each run in a child process (so peak RSS is the run's own), interleaved
// round by round so a busy machine slows every suite alike; medians.

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/connvet/connvet/bench"
)

type costSample struct {
	Wall        float64 `json:"wall_s"`
	CPU         float64 `json:"cpu_s"` // user + system time of the child
	RSS         float64 `json:"peak_rss_mib"`
	Packages    int     `json:"packages"`
	Diagnostics int     `json:"diagnostics"`
	Errors      int     `json:"errors"`
	LoadErrors  int     `json:"load_errors"`
}

func costMain(args []string) int {
	fs := flag.NewFlagSet("cost", flag.ExitOnError)
	runs := fs.Int("runs", 5, "rounds; each round runs every suite once per package set")
	out := fs.String("out", "corpus-out/cost.json", "where to write the samples and medians")
	modules := fs.String("modules", "", "extra package sets: comma-separated corpus module paths (each analyzed as ./... of its copy)")
	_ = fs.Parse(args)

	sets, err := bench.DefaultSets()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if *modules != "" {
		mods, err := Corpus()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		work, _ := os.MkdirTemp("", "connvet-cost-")
		defer func() { _ = os.RemoveAll(work) }()
		for _, m := range mods {
			if !slices.Contains(strings.Split(*modules, ","), m.Path) {
				continue
			}
			dir, err := fetch(work, m)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 2
			}
			_, _ = output(context.Background(), dir, "go", "list", "-e", "-deps", "-test", "./...")
			sets = append(sets, bench.PackageSet{Name: m.Path, Dir: dir, Patterns: []string{"./..."}, Tests: true})
		}
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	// Warm the go command's caches (export data for the no-fact load is
	// compiled on first use) so that no suite pays for them in a sample.
	for _, set := range sets {
		for _, suite := range []string{"noop", "noopfacts"} {
			if _, err := costOnce(self, suite, set); err != nil {
				fmt.Fprintf(os.Stderr, "warm-up %s %s: %v\n", set.Name, suite, err)
				return 1
			}
		}
	}
	samples := map[string]map[string][]costSample{} // set -> suite -> samples
	for round := 0; round < *runs; round++ {
		for _, set := range sets {
			for _, suite := range bench.Suites() {
				s, err := costOnce(self, suite.Name, set)
				if err != nil {
					fmt.Fprintf(os.Stderr, "%s %s: %v\n", set.Name, suite.Name, err)
					return 1
				}
				if samples[set.Name] == nil {
					samples[set.Name] = map[string][]costSample{}
				}
				samples[set.Name][suite.Name] = append(samples[set.Name][suite.Name], s)
				fmt.Fprintf(os.Stderr, "round %d %-28s %-16s %6.2fs %6.2fs CPU %6.0f MiB %4d pkgs %4d diags %d errs %d load errs\n",
					round+1, set.Name, suite.Name, s.Wall, s.CPU, s.RSS, s.Packages, s.Diagnostics, s.Errors, s.LoadErrors)
			}
		}
	}
	type median struct {
		Set, Suite                          string
		Wall, CPU, RSS                      float64
		WallVsNoop, RSSVsNoop               float64
		WallVsFacts, CPUVsFacts, RSSVsFacts float64
		Runs                                int
	}
	var meds []median
	for _, set := range sets {
		m := samples[set.Name]
		med := func(suite string, f func(costSample) float64) float64 {
			var xs []float64
			for _, s := range m[suite] {
				xs = append(xs, f(s))
			}
			slices.Sort(xs)
			return xs[len(xs)/2]
		}
		wall := func(s costSample) float64 { return s.Wall }
		rss := func(s costSample) float64 { return s.RSS }
		cpu := func(s costSample) float64 { return s.CPU }
		for _, suite := range bench.Suites() {
			w, c, r := med(suite.Name, wall), med(suite.Name, cpu), med(suite.Name, rss)
			meds = append(meds, median{set.Name, suite.Name, w, c, r,
				w / med("noop", wall), r / med("noop", rss),
				w / med("noopfacts", wall), c / med("noopfacts", cpu), r / med("noopfacts", rss), len(m[suite.Name])})
		}
	}
	fmt.Printf("| package set | suite | wall (s) | CPU (s) | peak RSS (MiB) | wall vs noop | wall vs noopfacts | CPU vs noopfacts | RSS vs noopfacts |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, m := range meds {
		fmt.Printf("| %s | %s | %.2f | %.2f | %.0f | %.2fx | %.2fx | %.2fx | %.2fx |\n", m.Set, m.Suite, m.Wall, m.CPU, m.RSS, m.WallVsNoop, m.WallVsFacts, m.CPUVsFacts, m.RSSVsFacts)
	}
	data, _ := json.MarshalIndent(map[string]any{"date": time.Now().UTC().Format(time.RFC3339), "samples": samples, "medians": meds}, "", "  ")
	_ = os.MkdirAll(filepath.Dir(*out), 0o755)
	_ = os.WriteFile(*out, data, 0o644)
	return 0
}

// costOnce runs one suite over one set in a child process.
func costOnce(self, suite string, set bench.PackageSet) (costSample, error) {
	args := []string{"cost-child", "-suite", suite, "-dir", set.Dir, fmt.Sprintf("-tests=%v", set.Tests)}
	args = append(args, set.Patterns...)
	cmd := exec.Command(self, args...)
	cmd.Env = env()
	cmd.Stderr = os.Stderr
	start := time.Now()
	out, err := cmd.Output()
	wall := time.Since(start).Seconds()
	if err != nil {
		return costSample{}, err
	}
	var s costSample
	if err := json.Unmarshal(out, &s); err != nil {
		return s, fmt.Errorf("child output %q: %w", out, err)
	}
	s.Wall = wall
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.RSS = float64(ru.Maxrss) / 1024
		s.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	}
	return s, nil
}

// costChild is the child: load and analyze once, print a costSample.
func costChild(args []string) int {
	fs := flag.NewFlagSet("cost-child", flag.ExitOnError)
	suiteName := fs.String("suite", "", "suite name")
	dir := fs.String("dir", "", "directory")
	tests := fs.Bool("tests", false, "load tests")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	_ = fs.Parse(args)
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		defer func() { _ = f.Close() }()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		defer pprof.StopCPUProfile()
	}
	suite, err := bench.SuiteNamed(*suiteName)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	r, err := bench.Measure(suite, bench.PackageSet{Name: "child", Dir: *dir, Patterns: fs.Args(), Tests: *tests})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for _, e := range r.ErrorText {
		if strings.Contains(e, "internal error") {
			fmt.Fprintln(os.Stderr, "CRASH:", firstLines(e, 5))
		}
	}
	data, _ := json.Marshal(costSample{Packages: r.Packages, Diagnostics: r.Diagnostics, Errors: r.Errors, LoadErrors: r.LoadErrors})
	fmt.Println(string(data))
	return 0
}
