package unboundedpool

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/passes/internal/config"
	"github.com/connvet/connvet/passes/internal/fix"
)

// idleByDefault reports whether every origin of the transport v sets
// IdleConnTimeout only from an option field that is zero by default
// (config.Defaults), or not at all: then, unless a caller passes the
// option, its idle connections never expire. It returns the field and the
// literals that leave it unset.
func (c *checker) idleByDefault(v *config.Value) (*types.Var, []*ast.CompositeLit, bool) {
	var field *types.Var
	var lits []*ast.CompositeLit
	for _, o := range v.Origins {
		e, ok := o.Fields["IdleConnTimeout"]
		if !ok || (e != nil && config.NonPositive(c.pass.TypesInfo, e)) {
			continue // unset or zero here
		}
		f, unset, ok := c.defaults.Zero(e)
		if !ok || (field != nil && f != field) {
			return nil, nil, false
		}
		field = f
		lits = unset
	}
	return field, lits, field != nil
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
