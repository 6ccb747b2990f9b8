// Package analyzer builds the analyzer of a connvet check: the one place
// that fills in what every check has alike.
package analyzer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/passes/internal/checkdoc"
	"github.com/connvet/connvet/passes/internal/guard"
	"github.com/connvet/connvet/passes/internal/report"
)

// DocsBase is where each check's page lives. It is the registry's
// analyzers.DocsBase (which cannot be imported from here), and the
// registry test holds every check's URL to that one.
const DocsBase = "https://github.com/connvet/connvet/blob/main/docs/checks/"

// URL returns the documentation page of the check called name.
func URL(name string) string { return DocsBase + name + ".md" }

// New returns the analyzer of the check called name, whose package embeds
// its doc.go as doc:
//   - Doc is extracted from doc (see checkdoc; a malformed doc.go panics);
//   - URL is URL(name);
//   - Run is run behind guard.Run (a panic becomes an error naming the
//     check) and report.Run (suppression directives are honoured, and the
//     ones used are the result, of ResultType report.UsedType, that the
//     ignore check reads).
//
// Options and facts are set on the result: a.Flags.Bool(...),
// a.FactTypes = ....
func New(name, doc string, run func(*analysis.Pass) (any, error), requires ...*analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       name,
		Doc:        checkdoc.MustExtract(doc, name),
		URL:        URL(name),
		Requires:   requires,
		Run:        guard.Run(report.Run(run)),
		ResultType: report.UsedType,
	}
}
