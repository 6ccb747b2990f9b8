// Command connvet finds HTTP connection-lifecycle bugs in Go code.
//
// It runs standalone (connvet ./...) or as a vet tool
// (go vet -vettool=$(command -v connvet) ./...). Run "connvet help" for
// the list of checks and "connvet help NAME" for one check's documentation.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/connvet/connvet/analyzers"
)

func main() {
	os.Args = diffImpliesFix(os.Args)
	multichecker.Main(analyzers.All()...)
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
