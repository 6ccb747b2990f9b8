// Package report is the single way connvet's analyzers emit diagnostics.
//
// It honors suppression comments inside the analyzer, so that every driver
// (standalone, go vet, golangci-lint, gopls) respects them alike:
//
//	//connvet:ignore dotimeout,bodydrain the peer is our own sidecar
//
// on the flagged line or on the line above it silences the named checks
// there. The reason is required; see Directives for the checks that report
// malformed or unused directives.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Prefix starts a suppression comment.
const Prefix = "//connvet:ignore"

// Directive is one parsed //connvet:ignore comment.
type Directive struct {
	Pos    token.Pos // position of the comment
	End    token.Pos
	Checks []string // check names it silences
	Reason string   // free text after the names; required
}

// Parse parses a comment's text; ok is false when it is not a directive.
func Parse(text string) (d Directive, ok bool) {
	rest, ok := strings.CutPrefix(text, Prefix)
	if !ok {
		return Directive{}, false
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return Directive{}, false // e.g. //connvet:ignorefoo
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return d, true
	}
	for name := range strings.SplitSeq(fields[0], ",") {
		if name != "" {
			d.Checks = append(d.Checks, name)
		}
	}
	d.Reason = strings.Join(fields[1:], " ")
	return d, true
}

// Directives returns the suppression comments of file.
func Directives(file *ast.File) []Directive {
	var out []Directive
	for _, g := range file.Comments {
		for _, c := range g.List {
			if d, ok := Parse(c.Text); ok {
				d.Pos, d.End = c.Pos(), c.End()
				out = append(out, d)
			}
		}
	}
	return out
}

// Suppressed reports whether a directive naming check stands on the line
// of pos or on the line above it.
func Suppressed(pass *analysis.Pass, check string, pos token.Pos) bool {
	file := fileOf(pass, pos)
	if file == nil {
		return false
	}
	line := pass.Fset.Position(pos).Line
	for _, d := range Directives(file) {
		if d.Reason == "" || !slices.Contains(d.Checks, check) {
			continue // a directive without a reason silences nothing
		}
		if l := pass.Fset.Position(d.Pos).Line; l == line || l == line-1 {
			return true
		}
	}
	return false
}

// Report reports d unless a directive suppresses it.
func Report(pass *analysis.Pass, d analysis.Diagnostic) {
	if Suppressed(pass, pass.Analyzer.Name, d.Pos) {
		return
	}
	pass.Report(d)
}

// Reportf reports a diagnostic spanning rng unless a directive suppresses it.
func Reportf(pass *analysis.Pass, rng analysis.Range, format string, args ...any) {
	Report(pass, analysis.Diagnostic{
		Pos:     rng.Pos(),
		End:     rng.End(),
		Message: fmt.Sprintf(format, args...),
	})
}

func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}
