package dialtimeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/passes/internal/config"
	"github.com/connvet/connvet/passes/internal/report"
)

// SendsFact marks an exported *http.Client field of an exported struct
// through which its package sends requests with no deadline, and which
// the package neither configures nor replaces: a client another package
// stores there (an API SDK's Client.HTTPClient, set by the provider that
// wraps it) is used as it is.
type SendsFact struct {
	Site   string // where a request is sent, "client.go:119"
	Method string // the Client method that sends it
}

// AFact marks SendsFact as an analysis fact.
func (*SendsFact) AFact() {}

func (f *SendsFact) String() string { return "sends(" + f.Method + " at " + f.Site + ")" }

// fieldSite records a request with no deadline sent through the client
// kept in field.
func (c *checker) fieldSite(field *types.Var, call *ast.CallExpr) {
	if field == nil || field.Pkg() != c.pass.Pkg || !field.Exported() || c.pass.Pkg.Name() == "main" ||
		strings.HasSuffix(c.pass.Fset.Position(call.Pos()).Filename, "_test.go") {
		return
	}
	if c.fieldSites == nil {
		c.fieldSites = map[*types.Var]*ast.CallExpr{}
	}
	if _, ok := c.fieldSites[field]; !ok {
		c.fieldSites[field] = call
	}
}

// selectedField returns the field that e (c.hc, or an embedded client
// whose method sel calls) reads, or nil.
func (c *checker) selectedField(sel *ast.SelectorExpr) *types.Var {
	if x, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok {
		if s, ok := c.pass.TypesInfo.Selections[x]; ok && s.Kind() == types.FieldVal {
			v, _ := s.Obj().(*types.Var)
			return v
		}
		return nil
	}
	return c.promotedField(sel)
}

// exportSends exports a SendsFact for each field with a recorded request
// that other packages may fill and this package leaves as it is: no
// field of the client set here through it (hc.Timeout = ...), not handed
// to code that may configure it, never assigned (c.HTTPClient = wrap(...)
// may replace the caller's client).
func (c *checker) exportSends() {
	for field, call := range c.fieldSites {
		if c.assignedField(field) {
			continue
		}
		v := c.ix.FieldValue(field)
		if v == nil {
			continue
		}
		open := false
		for _, o := range v.Origins {
			if o.Kind != config.Unknown || o.Pos != field.Pos() {
				continue // the package's own values, judged at their construction
			}
			open = true
			if len(o.Fields) > 0 || (o.Escaped && !o.SendOnly) {
				open = false
				break
			}
		}
		if !open {
			continue
		}
		pos := c.pass.Fset.Position(call.Pos())
		method := ast.Unparen(call.Fun).(*ast.SelectorExpr).Sel.Name
		c.pass.ExportObjectFact(field, &SendsFact{Site: fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line), Method: method})
	}
}

// assignedField reports whether the package assigns field anywhere
// (x.F = v), other than as a key of a composite literal.
func (c *checker) assignedField(field *types.Var) bool {
	info := c.pass.TypesInfo
	for cur := range c.root.Preorder((*ast.AssignStmt)(nil)) {
		for _, l := range cur.Node().(*ast.AssignStmt).Lhs {
			if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
				if s, ok := info.Selections[sel]; ok && s.Obj() == field {
					return true
				}
			}
		}
	}
	return false
}

// foreignSends returns a field of another package, with its SendsFact,
// that the origin o of this package is stored in, and where this package
// stores it; or nil.
func (c *checker) foreignSends(o *config.Origin) (*types.Var, *SendsFact, ast.Node) {
	for _, h := range c.ix.Holders(o) {
		field, ok := h.(*types.Var)
		if !ok || field.Kind() != types.FieldVar || field.Pkg() == nil || field.Pkg() == c.pass.Pkg {
			continue
		}
		var fact SendsFact
		if !c.pass.ImportObjectFact(field, &fact) {
			continue
		}
		if store := c.storeOf(field); store != nil {
			return field, &fact, store
		}
	}
	return nil, nil, nil
}

// storeOf returns the first assignment or composite literal key of this
// package that stores into field.
func (c *checker) storeOf(field *types.Var) ast.Node {
	info := c.pass.TypesInfo
	for cur := range c.root.Preorder((*ast.AssignStmt)(nil), (*ast.KeyValueExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
					if s, ok := info.Selections[sel]; ok && s.Obj() == field {
						return n
					}
				}
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && info.Uses[id] == field {
				return n
			}
		}
	}
	return nil
}

// foreignConstruction reports a client this package builds or chooses
// without Timeout and stores in another package's field through which
// that package sends requests with no deadline (SendsFact).
func (c *checker) foreignConstruction(o *config.Origin) {
	if o.Escaped && !o.SendOnly {
		return
	}
	v := &config.Value{Type: o.Type, Origins: []*config.Origin{o}}
	if v.SetPositive(c.pass.TypesInfo, "Timeout") || c.transportBounded(v) {
		return
	}
	field, fact, store := c.foreignSends(o)
	if field == nil {
		return
	}
	owner := field.Pkg().Name()
	where := owner + "." + field.Name()
	if recv := fieldOwner(field); recv != "" {
		where = owner + "." + recv + "." + field.Name()
	}
	related := []analysis.RelatedInformation{{Pos: store.Pos(), End: store.End(),
		Message: fmt.Sprintf("kept in %s, which %s sends requests with no deadline through (%s at %s)", where, owner, fact.Method, fact.Site)}}
	what := "client"
	if o.Kind == config.Shared {
		what = "http.DefaultClient"
	}
	d := analysis.Diagnostic{Pos: o.Pos, Related: related,
		Message: fmt.Sprintf("%s has no Timeout, and %s sends requests with no context through %s: a server that accepts the connection and never answers blocks %s forever", what, owner, where, fact.Method)}
	switch {
	case o.Kind == config.Shared:
		d.End = o.Read.End()
		if f, ok := c.replaceDefault(o.Read); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{f}
		}
	case o.Lit != nil:
		d.End = o.Lit.End()
		if edits, ok := c.addTimeout(v); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Add Timeout to the client", TextEdits: edits}}
		}
	}
	if d.End == token.NoPos {
		d.End = d.Pos
	}
	report.Report(c.pass, d)
}

// fieldOwner returns the name of the package-level struct type that
// declares field, or "".
func fieldOwner(field *types.Var) string {
	scope := field.Pkg().Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := range st.NumFields() {
			if st.Field(i) == field {
				return name
			}
		}
	}
	return ""
}
