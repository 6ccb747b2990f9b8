package sarif_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/connvet/connvet/cmd/connvet/internal/sarif"
)

// calls is a test-only analyzer, as no connvet check reports related
// information yet. It reports each call of a function declared in the
// package, with the declaration as related information and a fix that
// marks the call.
var calls = &analysis.Analyzer{
	Name: "calls",
	Doc:  "report calls of the package's functions",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				id, ok := call.Fun.(*ast.Ident)
				if !ok || pass.TypesInfo.Uses[id] == nil || pass.TypesInfo.Uses[id].Pkg() != pass.Pkg {
					return true
				}
				decl := pass.TypesInfo.Uses[id].Pos()
				pass.Report(analysis.Diagnostic{
					Pos: call.Pos(), End: call.End(), Message: "call of " + id.Name,
					Related: []analysis.RelatedInformation{{
						Pos: decl, End: decl + token.Pos(len(id.Name)), Message: id.Name + " is declared here",
					}},
					SuggestedFixes: []analysis.SuggestedFix{{Message: "Mark the call", TextEdits: []analysis.TextEdit{{
						Pos: call.Pos(), End: call.Pos(), NewText: []byte("/* checked */ "),
					}}}},
				})
				return true
			})
		}
		return nil, nil
	},
}

// analyze runs calls with the public checker, as connvet -sarif runs its
// checks, over a module of two packages: p, whose file p.go is also part
// of p's test variant, and q, which does not type-check.
func analyze(t *testing.T) (root string, g *checker.Graph, pkgs []*packages.Package) {
	t.Helper()
	root = t.TempDir()
	files := map[string]string{
		"go.mod":      "module example.com/m\n\ngo 1.26\n",
		"p/p.go":      "package p\n\nfunc F() {}\n\nfunc G() { F() }\n",
		"p/p_test.go": "package p\n\nimport \"testing\"\n\nfunc TestG(t *testing.T) { G() }\n",
		"q/q.go":      "package q\n\nvar X int = \"s\"\n",
	}
	for name, content := range files {
		require.NoError(t, os.MkdirAll(filepath.Join(root, filepath.Dir(name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(root, name), []byte(content), 0o644))
	}
	// LoadAllSyntax, as connvet loads (its checks use facts).
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: root, Tests: true}
	pkgs, err := packages.Load(cfg, "./...")
	require.NoError(t, err)
	g, err = checker.Analyze([]*analysis.Analyzer{calls}, pkgs, nil)
	require.NoError(t, err)
	return root, g, pkgs
}

// The driver's -json output (Graph.PrintJSON, what connvet -json prints)
// carries related information and suggested fixes; the SARIF log carries
// them as relatedLocations and fixes.
func TestRelatedInformationAndFixes(t *testing.T) {
	root, g, pkgs := analyze(t)

	var out bytes.Buffer
	require.NoError(t, g.PrintJSON(&out))
	var tree map[string]map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(out.Bytes(), &tree), out.String())
	var jsonDiags []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
		Related []struct {
			Posn, End, Message string
		} `json:"related"`
		SuggestedFixes []struct {
			Message string `json:"message"`
			Edits   []struct {
				Filename   string `json:"filename"`
				Start, End int
				New        string `json:"new"`
			} `json:"edits"`
		} `json:"suggested_fixes"`
	}
	require.NoError(t, json.Unmarshal(tree["example.com/m/p"]["calls"], &jsonDiags), out.String())
	require.Len(t, jsonDiags, 1)
	jd := jsonDiags[0]
	assert.Equal(t, "call of F", jd.Message)
	require.Len(t, jd.Related, 1, "-json carries related information")
	assert.Equal(t, filepath.Join(root, "p", "p.go")+":3:6", jd.Related[0].Posn)
	assert.Equal(t, filepath.Join(root, "p", "p.go")+":3:7", jd.Related[0].End)
	assert.Equal(t, "F is declared here", jd.Related[0].Message)
	require.Len(t, jd.SuggestedFixes, 1, "-json carries suggested fixes")
	assert.Equal(t, "/* checked */ ", jd.SuggestedFixes[0].Edits[0].New)

	diags, errs := sarif.Collect(g, pkgs)
	require.Len(t, diags, 2, "p.go's finding once, though p and its test variant both contain it; p_test.go's")
	log := sarif.Convert(diags, errs, []sarif.Rule{{Name: "calls", Title: "calls"}}, root)
	data, err := json.Marshal(log)
	require.NoError(t, err)
	var doc struct {
		Runs []struct {
			Results []struct {
				Message   sarif.Message
				Locations []struct {
					PhysicalLocation sarif.PhysicalLocation `json:"physicalLocation"`
				} `json:"locations"`
				RelatedLocations []struct {
					ID               int                    `json:"id"`
					Message          sarif.Message          `json:"message"`
					PhysicalLocation sarif.PhysicalLocation `json:"physicalLocation"`
				} `json:"relatedLocations"`
				Fixes []sarif.Fix `json:"fixes"`
			} `json:"results"`
			Invocations []sarif.Invocation `json:"invocations"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	res := doc.Runs[0].Results
	require.Len(t, res, 2)
	assert.Equal(t, "call of F", res[0].Message.Text)
	assert.Equal(t, "p/p.go", res[0].Locations[0].PhysicalLocation.ArtifactLocation.URI)
	assert.Equal(t, "call of G", res[1].Message.Text)
	assert.Equal(t, "p/p_test.go", res[1].Locations[0].PhysicalLocation.ArtifactLocation.URI)

	require.Len(t, res[0].RelatedLocations, 1)
	rel := res[0].RelatedLocations[0]
	assert.Equal(t, 1, rel.ID)
	assert.Equal(t, "F is declared here", rel.Message.Text)
	assert.Equal(t, "p/p.go", rel.PhysicalLocation.ArtifactLocation.URI)
	assert.Equal(t, "%SRCROOT%", rel.PhysicalLocation.ArtifactLocation.URIBaseID)
	assert.Equal(t, sarif.Region{StartLine: 3, StartColumn: 6, EndLine: 3, EndColumn: 7}, rel.PhysicalLocation.Region)

	require.Len(t, res[0].Fixes, 1)
	fix := res[0].Fixes[0]
	assert.Equal(t, "Mark the call", fix.Description.Text)
	rep := fix.ArtifactChanges[0].Replacements[0]
	assert.Equal(t, jd.SuggestedFixes[0].Edits[0].Start, *rep.DeletedRegion.ByteOffset, "the same edit as -json's")
	assert.Equal(t, 0, *rep.DeletedRegion.ByteLength)
	assert.Equal(t, "/* checked */ ", rep.InsertedContent.Text)
	src, err := os.ReadFile(filepath.Join(root, "p", "p.go"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(src[*rep.DeletedRegion.ByteOffset:]), "F()"), "the offset is the call's")
}

// A package that does not type-check is one notification with its error;
// the actions skipped because of it add nothing.
func TestPackageErrors(t *testing.T) {
	_, g, pkgs := analyze(t)
	_, errs := sarif.Collect(g, pkgs)
	require.Len(t, errs, 1, "%q", errs)
	assert.True(t, strings.HasPrefix(errs[0], "example.com/m/q: "), errs[0])
	assert.Contains(t, errs[0], "q.go:3:13: cannot use \"s\"")

	inv := sarif.Convert(nil, errs, nil, "/").Runs[0].Invocations[0]
	assert.False(t, inv.ExecutionSuccessful)
	require.Len(t, inv.Notifications, 1)
	assert.Equal(t, "error", inv.Notifications[0].Level)
	assert.Equal(t, errs[0], inv.Notifications[0].Message.Text)
}
