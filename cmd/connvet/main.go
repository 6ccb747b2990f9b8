// Command connvet finds HTTP connection-lifecycle bugs in Go code.
//
// It runs standalone (connvet ./...) or as a vet tool
// (go vet -vettool=$(command -v connvet) ./...). Run "connvet help" for
// the list of checks and "connvet help NAME" for one check's documentation.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/connvet/connvet/analyzers"
	"github.com/connvet/connvet/cmd/connvet/internal/sarif"
)

func main() {
	if args, ok := sarifMode(os.Args); ok {
		os.Exit(runSARIF(args))
	}
	os.Args = diffImpliesFix(os.Args)
	multichecker.Main(analyzers.All()...)
}

// sarifMode reports whether -sarif is among the flags, and the arguments
// without it.
func sarifMode(args []string) ([]string, bool) {
	for i, a := range args[1:] {
		if a == "--" || (len(a) > 0 && a[0] != '-') {
			break
		}
		if a == "-sarif" || a == "--sarif" || a == "-sarif=true" || a == "--sarif=true" {
			return append(append([]string{}, args[1:i+1]...), args[i+2:]...), true
		}
	}
	return nil, false
}

// runSARIF runs connvet in -json mode and writes its findings as SARIF to
// stdout. The exit status is 0 when the analysis ran, whatever it found:
// code-scanning uploads should not fail on findings.
func runSARIF(args []string) int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "connvet:", err)
		return 1
	}
	cmd := exec.Command(self, append([]string{"-json"}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) || out.Len() == 0 {
			fmt.Fprintln(os.Stderr, "connvet:", err)
			return 1
		}
	}
	var rules []sarif.Rule
	for _, c := range analyzers.Checks() {
		rules = append(rules, sarif.Rule{Name: c.Name(), Title: c.Title(), URL: c.URL(), Doc: c.Analyzer.Doc})
	}
	log, err := sarif.Convert(out.Bytes(), rules, repoRoot())
	if err != nil {
		fmt.Fprintln(os.Stderr, "connvet:", err)
		return 1
	}
	log.Runs[0].Tool.Driver.Version = analyzers.Version
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		fmt.Fprintln(os.Stderr, "connvet:", err)
		return 1
	}
	return 0
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

// diffImpliesFix lets "connvet -diff" print the suggested fixes: the
// analysis driver honors -diff only together with -fix, and then prints the
// diff instead of writing files.
func diffImpliesFix(args []string) []string {
	diff, fix := false, false
	for _, a := range args[1:] {
		if a == "--" || (len(a) > 0 && a[0] != '-') {
			break // flags end at the first package pattern
		}
		switch a {
		case "-diff", "--diff", "-diff=true", "--diff=true":
			diff = true
		case "-fix", "--fix", "-fix=true", "--fix=true":
			fix = true
		}
	}
	if !diff || fix {
		return args
	}
	return append([]string{args[0], "-fix"}, args[1:]...)
}
