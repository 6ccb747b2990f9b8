// Command connvet finds HTTP connection-lifecycle bugs in Go code.
//
// It runs standalone (connvet ./...) or as a vet tool
// (go vet -vettool=$(command -v connvet) ./...). Run "connvet help" for
// the list of checks and "connvet help NAME" for one check's documentation.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/connvet/connvet/analyzers"
)

func main() {
	multichecker.Main(analyzers.All()...)
}
