// Package ignore holds the registry's ignore check as a package-level
// Analyzer, for drivers that take one analyzer per package, such as Bazel's
// nogo (docs/bazel.md). passes/ignore cannot: its analyzer is built from the
// checks it judges (ignore.New), and the checks' package, the registry,
// imports passes/ignore.
package ignore

import (
	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/analyzers"
)

// Analyzer is the ignore check of analyzers.All(): it requires every bug
// check and reports //connvet:ignore directives without a reason, naming
// unknown checks, or silencing nothing.
var Analyzer = lookup()

func lookup() *analysis.Analyzer {
	c, ok := analyzers.Lookup("ignore")
	if !ok {
		panic("connvet: the registry has no ignore check")
	}
	return c.Analyzer
}
