package ignore

import (
	_ "embed"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/passes/internal/analyzer"
	"github.com/connvet/connvet/passes/internal/checkdoc"
	"github.com/connvet/connvet/passes/internal/guard"
	"github.com/connvet/connvet/passes/internal/report"
)

//go:embed doc.go
var doc string

// Name is the check's name.
const Name = "ignore"

// New returns the ignore analyzer for a suite. known lists every check
// name a directive may use; checks are the analyzers that run (each
// wrapped with report.Run), whose results tell which directives silenced
// something.
func New(known []string, checks ...*analysis.Analyzer) *analysis.Analyzer {
	known = slices.Clone(known)
	return &analysis.Analyzer{
		Name:     Name,
		Doc:      checkdoc.MustExtract(doc, Name),
		URL:      analyzer.URL(Name),
		Requires: slices.Clone(checks),
		Run: guard.Run(func(pass *analysis.Pass) (any, error) {
			run(pass, known)
			return nil, nil
		}),
	}
}

func run(pass *analysis.Pass, known []string) {
	ran := map[string]*report.Used{}
	for a, res := range pass.ResultOf {
		if used, ok := res.(*report.Used); ok {
			ran[a.Name] = used
		}
	}
	for _, file := range pass.Files {
		for _, d := range report.Directives(file) {
			check(pass, d, known, ran)
		}
	}
}

func check(pass *analysis.Pass, d report.Directive, known []string, ran map[string]*report.Used) {
	if len(d.Checks) == 0 {
		pass.ReportRangef(d, "connvet:ignore directive names no check: write //connvet:ignore CHECK[,CHECK] reason")
		return
	}
	var unknown []string
	for _, name := range d.Checks {
		if !slices.Contains(known, name) {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		pass.ReportRangef(d, "connvet:ignore directive names unknown check %s (checks: %s)",
			strings.Join(unknown, ", "), strings.Join(known, ", "))
		return
	}
	if d.Reason == "" {
		pass.ReportRangef(d, "connvet:ignore directive for %s has no reason, so it silences nothing: say why the finding does not apply",
			strings.Join(d.Checks, ","))
		return
	}
	for _, name := range d.Checks {
		used, ok := ran[name]
		if !ok {
			return // a check that did not run cannot tell
		}
		if used.Has(d.Pos()) {
			return
		}
	}
	pass.ReportRangef(d, "connvet:ignore directive for %s silences nothing: no such finding on this line or the next; remove it",
		strings.Join(d.Checks, ","))
}

// CheckResultType is the ResultType every check judged by ignore declares
// (its Run is wrapped with report.Run).
var CheckResultType = report.UsedType
