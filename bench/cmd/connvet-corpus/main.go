// Command connvet-corpus runs connvet over real code and records what it
// finds and what it costs.
//
// Run it from the bench directory of a checkout of connvet (bench is a
// module of its own that replaces github.com/connvet/connvet with ../):
//
//	cd bench
//	go run ./cmd/connvet-corpus                 # full corpus + std, into ./corpus-out
//	go run ./cmd/connvet-corpus -quick          # the small modules marked quick
//	go run ./cmd/connvet-corpus -fixcheck       # also prove each suggested fix on its own
//	go run ./cmd/connvet-corpus cost [-runs 5]  # suite cost vs floors, vet, bodyclose+noctx
//	go run ./cmd/connvet-corpus bugs            # real-bug benchmark: bugs.tsv, before/after fix
//
// The corpus is corpus.txt beside this file: popular, HTTP-heavy modules
// pinned by version and fetched through the Go module proxy at run time
// (nothing third-party is committed). For each module the harness copies
// the module out of the module cache, runs the connvet binary built from
// this checkout (connvet -json ./..., so every check in the registry runs),
// and records packages, findings per check, wall time, peak RSS, crashes
// (analyzer errors that passes/internal/guard turned into "internal error",
// and panics), and whether applying every suggested fix (connvet -fix on the
// copy) leaves every package that compiled before still compiling, tests
// included. It also runs connvet std. Results go to -out as results.json,
// results.md (the table) and findings.md (every finding, for review).
//
// With -fixcheck it also proves each suggested fix on its own
// (internal/fixcheck, in a child process per module): the fix applies,
// leaves a gofmt-clean file, type-checks and removes its finding, and a
// package's fixes together type-check. The counts go to results.json and
// to the "Fixes, one by one" table of results.md.
//
// The exit status is 1 when any module crashed connvet, a fix broke a
// build, or (with -fixcheck) a fix failed to apply, compile or remove its
// finding, so CI can run it as a gate.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

// defaultTimeout bounds one connvet run over one module.
const defaultTimeout = 10 * time.Minute

func main() {
	if len(os.Args) > 1 && os.Args[1] == "cost" {
		os.Exit(costMain(os.Args[2:]))
	}
	if len(os.Args) > 1 && os.Args[1] == "bugs" {
		os.Exit(bugsMain(os.Args[2:]))
	}
	if len(os.Args) > 1 && os.Args[1] == "cost-child" {
		os.Exit(costChild(os.Args[2:]))
	}
	if len(os.Args) > 1 && os.Args[1] == "fixcheck-child" {
		os.Exit(fixcheckChild(os.Args[2:]))
	}
	var cfg Config
	flag.StringVar(&cfg.Out, "out", "corpus-out", "directory for results.json, results.md and findings.md")
	flag.BoolVar(&cfg.Quick, "quick", false, "run only the modules marked quick, and skip std")
	flag.StringVar(&cfg.Only, "only", "", "comma-separated module paths to run, std for the standard library (default: all)")
	flag.BoolVar(&cfg.NoStd, "nostd", false, "skip connvet std")
	flag.BoolVar(&cfg.NoFix, "nofix", false, "skip the -fix compile check")
	flag.StringVar(&cfg.Work, "work", "", "work directory for module copies (default: a temporary directory, removed)")
	flag.DurationVar(&cfg.Timeout, "timeout", defaultTimeout, "limit per connvet run (and per -fixcheck run)")
	flag.BoolVar(&cfg.FixCheck, "fixcheck", false, "also prove every suggested fix on its own (internal/fixcheck) on each module copy")
	flag.IntVar(&cfg.FixBatch, "fixcheck-batch", defaultFixBatch, "packages per -fixcheck load, to bound its memory (-1: the whole module at once)")
	flag.Parse()
	rep, err := Run(cfg, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "connvet-corpus:", err)
		os.Exit(2)
	}
	if rep.Failed() {
		os.Exit(1)
	}
}
