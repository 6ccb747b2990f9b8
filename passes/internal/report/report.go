// Package report is the single way connvet's analyzers emit diagnostics.
//
// It honors suppression comments inside the analyzer, so that every driver
// (standalone, go vet, golangci-lint, gopls) respects them alike:
//
//	//connvet:ignore dotimeout,bodydrain the peer is our own sidecar
//
// on the flagged line or on the line above it silences the named checks
// there. The reason is required: a directive without one silences nothing.
//
// Every check wraps its Run with Run, which returns, as the check's
// result, the directives that silenced at least one of its diagnostics.
// The ignore check reads those results to report directives that are
// malformed or silence nothing.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/connvet/connvet/passes/internal/fix"
)

// Prefix starts a suppression comment.
const Prefix = "//connvet:ignore"

// Directive is one parsed //connvet:ignore comment.
type Directive struct {
	Start  token.Pos // position of the comment
	Stop   token.Pos // end of the comment
	Checks []string  // check names it silences
	Reason string    // free text after the names; required
}

// Pos and End make a Directive an analysis.Range.
func (d Directive) Pos() token.Pos { return d.Start }

// End is the end of the comment.
func (d Directive) End() token.Pos { return d.Stop }

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
	// The reason may be set off golangci-style: //connvet:ignore x // why.
	reason := strings.Join(fields[1:], " ")
	d.Reason = strings.TrimSpace(strings.TrimPrefix(reason, "//"))
	return d, true
}

// Directives returns the suppression comments of file.
func Directives(file *ast.File) []Directive {
	var out []Directive
	for _, g := range file.Comments {
		for _, c := range g.List {
			if d, ok := Parse(c.Text); ok {
				d.Start, d.Stop = c.Pos(), c.End()
				out = append(out, d)
			}
		}
	}
	return out
}

// Suppressed reports whether a directive with a reason naming check
// silences a diagnostic at pos, and which one. A directive silences the
// diagnostics on its own line and on the line below it; when that line
// starts a statement (or a declaration) spanning several lines, it
// silences the diagnostics anywhere in that statement, so
//
//	//connvet:ignore dotimeout the server answers within a second
//	err := c.Do(req,
//		resp)
//
// works wherever in the call the check places its diagnostic.
func Suppressed(pass *analysis.Pass, check string, pos token.Pos) (Directive, bool) {
	return stateOf(pass).suppressed(pass, check, pos)
}

// state is what Report keeps for one pass: the directives of each file,
// parsed once when first needed, and the directives that silenced
// something. It lives as long as the pass's Run (see Run).
type state struct {
	used  *Used
	mu    sync.Mutex
	files map[*ast.File][]Directive
}

// stateOf returns pass's state, or a fresh throwaway one when the check's
// Run is not wrapped with Run (nothing is cached or recorded then).
func stateOf(pass *analysis.Pass) *state {
	if st, ok := running.Load(pass); ok {
		return st.(*state)
	}
	return &state{}
}

func (st *state) directives(file *ast.File) []Directive {
	st.mu.Lock()
	defer st.mu.Unlock()
	if ds, ok := st.files[file]; ok {
		return ds
	}
	ds := Directives(file)
	if st.files == nil {
		st.files = map[*ast.File][]Directive{}
	}
	st.files[file] = ds
	return ds
}

func (st *state) suppressed(pass *analysis.Pass, check string, pos token.Pos) (Directive, bool) {
	file := fileOf(pass, pos)
	if file == nil {
		return Directive{}, false
	}
	ds := st.directives(file)
	if len(ds) == 0 {
		return Directive{}, false // the common case: no directive in the file
	}
	line := pass.Fset.Position(pos).Line
	stmtLine := 0 // first line of the statement spanning pos, if it starts earlier
	for _, d := range ds {
		if d.Reason == "" || !slices.Contains(d.Checks, check) {
			continue // a directive without a reason silences nothing
		}
		l := pass.Fset.Position(d.Start).Line
		if l == line || l == line-1 {
			return d, true
		}
		if l < line-1 {
			if stmtLine == 0 {
				stmtLine = statementLine(pass.Fset, file, pos)
			}
			if l == stmtLine || l == stmtLine-1 {
				return d, true
			}
		}
	}
	return Directive{}, false
}

// statementLine returns the first line of the innermost statement,
// declaration, spec or struct field that encloses pos (blocks aside): the
// statement a directive above it is about. It is -1 when pos is in none.
func statementLine(fset *token.FileSet, file *ast.File, pos token.Pos) int {
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for _, n := range path {
		switch n.(type) {
		case ast.Stmt, ast.Decl, ast.Spec, *ast.Field:
			if _, block := n.(*ast.BlockStmt); block {
				continue // a block is not one statement: its lines are its statements'
			}
			return fset.Position(n.Pos()).Line
		}
	}
	return -1
}

// Used is a check's result: the positions of the directives that silenced
// at least one of its diagnostics in the package.
type Used struct {
	mu        sync.Mutex
	positions map[token.Pos]bool
}

// Has reports whether the directive at pos silenced something.
func (u *Used) Has(pos token.Pos) bool {
	if u == nil {
		return false
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.positions[pos]
}

func (u *Used) add(pos token.Pos) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.positions[pos] = true
}

// UsedType is the ResultType of every check.
var UsedType = reflect.TypeFor[*Used]()

// running maps each pass under way to its state. Entries live exactly as
// long as the pass's Run: nothing is shared between passes or kept after.
var running sync.Map // *analysis.Pass -> *state

// Run wraps a check's run function so that Report can record the
// directives it honors; the wrapped function returns them as its result.
// The check's own result, if any, is dropped: checks report, they do not
// feed other analyzers.
func Run(run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (any, error) {
		st := &state{used: &Used{positions: map[token.Pos]bool{}}}
		running.Store(pass, st)
		defer running.Delete(pass)
		_, err := run(pass)
		return st.used, err
	}
}

// Report reports d unless a directive suppresses it. Its suggested fixes
// are made to leave gofmt-clean files gofmt-clean (see fix.Tidy).
func Report(pass *analysis.Pass, d analysis.Diagnostic) {
	st := stateOf(pass)
	if dir, ok := st.suppressed(pass, pass.Analyzer.Name, d.Pos); ok {
		if st.used != nil {
			st.used.add(dir.Start)
		}
		return
	}
	if len(d.SuggestedFixes) > 0 {
		d.SuggestedFixes = fix.Tidy(pass.Fset, fix.Reader(pass), d.SuggestedFixes)
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
