package report

import (
	"go/ast"
	"go/token"
	"reflect"

	"golang.org/x/tools/go/analysis"
)

// AtLiteral moves findings about a value to the composite literal that
// built it, when that literal lies outside the function of the misuse (a
// constructor, a package variable): the place a user fixes it (SPEC, "Where
// a finding is reported"). Each misuse becomes related information of one
// diagnostic per literal and key; Flush reports them once the package has
// been seen.
type AtLiteral struct {
	files []*ast.File
	decls map[*ast.File][]*ast.FuncDecl
	byKey map[atKey]*analysis.Diagnostic
	order []*analysis.Diagnostic
}

type atKey struct {
	lit ast.Node
	key any
}

// NewAtLiteral returns a collector for the package's files.
func NewAtLiteral(files []*ast.File) *AtLiteral {
	return &AtLiteral{files: files, byKey: map[atKey]*analysis.Diagnostic{}}
}

// Elsewhere reports whether lit (a composite literal, or the expression
// that chose the value: http.DefaultClient.Get kept in a field) lies outside the function declaration
// that holds at.
func (a *AtLiteral) Elsewhere(lit ast.Node, at token.Pos) bool {
	if lit == nil || reflect.ValueOf(lit).IsNil() {
		return false
	}
	if a.decls == nil {
		a.decls = map[*ast.File][]*ast.FuncDecl{}
		for _, f := range a.files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					a.decls[f] = append(a.decls[f], fd)
				}
			}
		}
	}
	for _, f := range a.files {
		if at < f.FileStart || at >= f.FileEnd {
			continue
		}
		for _, fd := range a.decls[f] {
			if fd.Pos() <= at && at < fd.End() {
				return lit.Pos() < fd.Pos() || lit.Pos() >= fd.End()
			}
		}
	}
	return false
}

// Add moves d to lit, with related as the misuse; a later Add for the same
// literal and key only adds its misuse to the first diagnostic.
func (a *AtLiteral) Add(lit ast.Node, key any, d analysis.Diagnostic, related analysis.RelatedInformation) {
	k := atKey{lit, key}
	if prev := a.byKey[k]; prev != nil {
		prev.Related = append(prev.Related, related)
		return
	}
	d.Pos, d.End = lit.Pos(), lit.End()
	d.Related = append([]analysis.RelatedInformation{related}, d.Related...)
	a.byKey[k] = &d
	a.order = append(a.order, &d)
}

// Flush reports the gathered diagnostics.
func (a *AtLiteral) Flush(pass *analysis.Pass) {
	for _, d := range a.order {
		Report(pass, *d)
	}
	a.order = nil
}
