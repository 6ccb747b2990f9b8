package fix_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/internal/fix"
)

// adder adds "C: int(time.Second)" to every composite literal of a
// package-level var, importing time: it exercises AddField on one-line,
// multi-line and brace-sharing literals and ImportName on a single import.
var adder = &analysis.Analyzer{
	Name: "adder",
	Doc:  "test analyzer for package fix",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, decl := range f.Decls {
				gen, ok := decl.(*ast.GenDecl)
				if !ok {
					continue
				}
				for _, spec := range gen.Specs {
					vs, ok := spec.(*ast.ValueSpec)
					if !ok || len(vs.Values) != 1 {
						continue
					}
					lit, ok := vs.Values[0].(*ast.CompositeLit)
					if !ok {
						continue
					}
					name, edits, ok := fix.ImportName(pass.TypesInfo, f, lit.Pos(), "time")
					if !ok {
						continue
					}
					edits = append(edits, fix.AddField(pass.Fset, fix.Source(pass, lit.Pos()), lit, "C", "int("+name+".Second)"))
					pass.Report(analysis.Diagnostic{
						Pos: lit.Pos(), Message: "add",
						SuggestedFixes: []analysis.SuggestedFix{{Message: "Add C", TextEdits: edits}},
					})
				}
			}
		}
		return nil, nil
	},
}

func TestAddFieldAndImport(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), adder, "a")
	assert.Len(t, results, 1)
}

// setter exercises SetTimeFields on package-level literals (missing keys
// added, zero and negative values replaced, positive ones kept, file with
// time imported under another name) and LineAfter on local definitions.
var setter = &analysis.Analyzer{
	Name: "setter",
	Doc:  "test analyzer for package fix",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.ValueSpec:
					if len(n.Values) != 1 {
						return true
					}
					lit, ok := n.Values[0].(*ast.CompositeLit)
					if !ok {
						return true
					}
					edits, ok := fix.SetTimeFields(pass, lit, []string{"A", "B"}, map[string]string{"A": "time.Second", "B": "time.Second"})
					if !ok {
						pass.Reportf(lit.Pos(), "nothing to set")
						return true
					}
					pass.Report(analysis.Diagnostic{
						Pos: lit.Pos(), Message: "set",
						SuggestedFixes: []analysis.SuggestedFix{{Message: "Set A and B", TextEdits: edits}},
					})
				case *ast.AssignStmt:
					if n.Tok != token.DEFINE {
						return true
					}
					id := n.Lhs[0].(*ast.Ident)
					pass.Report(analysis.Diagnostic{
						Pos: n.Pos(), Message: "after",
						SuggestedFixes: []analysis.SuggestedFix{{Message: "Use it", TextEdits: []analysis.TextEdit{fix.LineAfter(pass, n, "_ = "+id.Name)}}},
					})
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestSetTimeFieldsAndLineAfter(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), setter, "b")
}

func TestQualify(t *testing.T) {
	for _, c := range []struct{ in, name, want string }{
		{"30 * time.Second", "time", "30 * time.Second"},
		{"30 * time.Second", "clock", "30 * clock.Second"},
		{"&http.HTTP2Config{SendPingTimeout: 30 * time.Second, PingTimeout: 15 * time.Second}", "t", "&http.HTTP2Config{SendPingTimeout: 30 * t.Second, PingTimeout: 15 * t.Second}"},
		{"xtime.Second + a.time.X", "t", "xtime.Second + a.time.X"},
	} {
		assert.Equal(t, c.want, fix.Qualify(c.in, "time", c.name), c.in)
	}
}

// TestSourceWithoutReadFile: a driver without Pass.ReadFile (Bazel's nogo)
// gets the file from disk, and content that is not what was parsed is
// refused.
func TestSourceWithoutReadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.go")
	src := "package a\n"
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, 0)
	require.NoError(t, err)

	pass := &analysis.Pass{Fset: fset}
	assert.Equal(t, src, string(fix.Source(pass, f.Pos())))

	pass.ReadFile = func(string) ([]byte, error) { return []byte("package a // edited\n"), nil }
	assert.Nil(t, fix.Source(pass, f.Pos()), "content of another size than the parsed file")

	pass.ReadFile = nil
	require.NoError(t, os.Remove(path))
	assert.Nil(t, fix.Source(pass, f.Pos()))
	assert.Nil(t, fix.Source(pass, token.NoPos))
}
