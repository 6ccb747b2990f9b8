package dotimeout

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/connvet/connvet/passes/internal/checkdoc"
	"github.com/connvet/connvet/passes/internal/guard"
)

//go:embed doc.go
var doc string

// Analyzer reports fasthttp requests that can outlive their caller's timeout.
var Analyzer = &analysis.Analyzer{
	Name:     "dotimeout",
	Doc:      checkdoc.MustExtract(doc, "dotimeout"),
	URL:      "https://github.com/connvet/connvet/blob/main/docs/checks/dotimeout.md",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      guard.Run(run),
}

func run(pass *analysis.Pass) (any, error) {
	return nil, nil // TODO(foundation): the check itself lands next
}
