package unboundedpool

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/passes/internal/config"
	"github.com/connvet/connvet/passes/internal/fix"
)

// idleFromField reports whether every origin of the transport v that sets
// IdleConnTimeout to something other than a constant zero sets it from the
// same field, one that judge accepts (config.Defaults.Zero: an option
// field no default sets; Forgotten: a configuration field the package's
// defaults forget), and some origin does: then, unless a caller sets it,
// the transport's idle connections never expire. It returns the field and
// what judge found (the defaults, or the fillers).
func idleFromField[T any](c *checker, v *config.Value, judge func(ast.Expr) (*types.Var, T, bool)) (*types.Var, T, bool) {
	var field *types.Var
	var found, none T
	for _, o := range v.Origins {
		e, ok := o.Fields["IdleConnTimeout"]
		if !ok || (e != nil && config.NonPositive(c.pass.TypesInfo, e)) {
			continue // unset or zero here
		}
		f, x, ok := judge(e)
		if !ok || (field != nil && f != field) {
			return nil, none, false
		}
		field, found = f, x
	}
	return field, found, field != nil
}

// reportDefaultIdle reports the transport literal lit, whose
// IdleConnTimeout is the option field f, zero in every default (defaults).
// The fix sets the field in the default when there is one.
func (c *checker) reportDefaultIdle(lit *ast.CompositeLit, f *types.Var, defaults []*ast.CompositeLit) {
	d := analysis.Diagnostic{
		Pos: lit.Pos(), End: lit.End(),
		Message: fmt.Sprintf("http.Transport's IdleConnTimeout comes from %s, which no default sets: unless a caller passes the option, its idle connections are never closed (DefaultTransport closes them after 90s)", f.Name()),
	}
	for _, def := range defaults {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: def.Pos(), End: def.End(), Message: fmt.Sprintf("a default that leaves %s zero", f.Name())})
	}
	if len(defaults) == 1 && isDuration(f.Type()) {
		if edits, ok := fix.AddTimeFields(c.pass, defaults, []string{f.Name()}, map[string]string{f.Name(): IdleConnTimeout}); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: fmt.Sprintf("Set %s in the default", f.Name()), TextEdits: edits}}
		}
	}
	c.report(d)
}

// isDuration reports whether t is time.Duration, the type the fix's value
// has.
func isDuration(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Duration"
}

// reportForgottenIdle reports the transport literal lit, whose
// IdleConnTimeout is the configuration field f that the fillers leave
// zero. The fix fills it too, in the one filler.
func (c *checker) reportForgottenIdle(lit *ast.CompositeLit, f *types.Var, fillers []config.Filler) {
	d := analysis.Diagnostic{
		Pos: lit.Pos(), End: lit.End(),
		Message: fmt.Sprintf("http.Transport's IdleConnTimeout comes from %s, which %s leaves zero while it fills other defaults: unless a caller sets it, idle connections are never closed (DefaultTransport closes them after 90s)", f.Name(), fillers[0].Decl.Name.Name),
	}
	for _, fl := range fillers {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: fl.Decl.Name.Pos(), End: fl.Decl.Name.End(), Message: fmt.Sprintf("fills defaults, not %s", f.Name())})
	}
	if len(fillers) == 1 && isDuration(f.Type()) {
		if edit, ok := c.fillEdit(fillers[0], f); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: fmt.Sprintf("Fill %s in %s", f.Name(), fillers[0].Decl.Name.Name), TextEdits: edit}}
		}
	}
	c.report(d)
}

// fillEdit adds "if v.F == 0 { v.F = 90 * time.Second }" after the
// filler's last fill.
func (c *checker) fillEdit(fl config.Filler, f *types.Var) ([]analysis.TextEdit, bool) {
	file, src := fix.File(c.pass, fl.Last.Pos()), fix.Source(c.pass, fl.Last.Pos())
	if file == nil || src == nil {
		return nil, false
	}
	timeName, imports, ok := fix.ImportName(c.pass.TypesInfo, file, fl.Last.Pos(), "time")
	if !ok {
		return nil, false
	}
	tf := c.pass.Fset.File(fl.Last.Pos())
	indent := ""
	for i := tf.Offset(tf.LineStart(c.pass.Fset.Position(fl.Last.Pos()).Line)); i < len(src) && (src[i] == '\t' || src[i] == ' '); i++ {
		indent += string(src[i])
	}
	v := fl.Recv.Name()
	text := fmt.Sprintf("\n%sif %s.%s == 0 {\n%s\t%s.%s = 90 * %s.Second\n%s}", indent, v, f.Name(), indent, v, f.Name(), timeName, indent)
	at := fl.Last.End()
	return append(imports, analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)}), true
}
