package sarif_test

import (
	"encoding/json"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/cmd/connvet/internal/sarif"
)

// file adds a file named name with content to fset, without writing it:
// positions resolve, columns cannot be converted (the file is unreadable)
// and stay in bytes, which is what ASCII lines have anyway.
func file(fset *token.FileSet, name, content string) *token.File {
	f := fset.AddFile(name, -1, len(content))
	f.SetLinesForContent([]byte(content))
	return f
}

// pos is the position of line:col (bytes, from 1) in f.
func pos(f *token.File, line, col int) token.Pos { return f.LineStart(line) + token.Pos(col-1) }

// lines is a file of n lines of 79 ASCII characters.
func lines(n int) string { return strings.Repeat(strings.Repeat("x", 79)+"\n", n) }

// diag is one diagnostic of check dotimeout over file:line:col-endCol.
func diag(fset *token.FileSet, name string, line, col, endCol int, content string) sarif.Diagnostic {
	f := file(fset, name, content)
	return sarif.Diagnostic{Check: "dotimeout", Fset: fset, Diagnostic: analysis.Diagnostic{
		Pos: pos(f, line, col), End: pos(f, line, endCol), Message: "m",
	}}
}

var rules = []sarif.Rule{
	{Name: "dotimeout", Title: "fasthttp request holds its connection", URL: "https://example.com/dotimeout.md", Doc: "fasthttp request holds its connection\n\nA fasthttp client\nwithout ReadTimeout.\n\nMore."},
	{Name: "ignore", Title: "directives", URL: "https://example.com/ignore.md", Doc: "directives"},
}

// TestRequiredFields checks the SARIF 2.1.0 schema's required properties
// on a round trip through JSON: what a code-scanning service validates.
func TestRequiredFields(t *testing.T) {
	fset := token.NewFileSet()
	b := file(fset, "/repo/b/b.go", lines(30))
	d := sarif.Diagnostic{Check: "dotimeout", Fset: fset, Diagnostic: analysis.Diagnostic{
		Pos: pos(b, 20, 15), End: pos(b, 20, 50), Message: "client c has no ReadTimeout",
		SuggestedFixes: []analysis.SuggestedFix{{Message: "Add ReadTimeout to the client",
			TextEdits: []analysis.TextEdit{{Pos: b.Pos(415), End: b.Pos(415), NewText: []byte("ReadTimeout: time.Second")}}}},
	}}
	log := sarif.Convert([]sarif.Diagnostic{d}, []string{"example.com/m/c: dotimeout: internal error"}, rules, "/repo")
	data, err := json.Marshal(log)
	require.NoError(t, err)

	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.Equal(t, "2.1.0", doc["version"])
	assert.Equal(t, sarif.Schema, doc["$schema"])
	runs := doc["runs"].([]any)
	require.Len(t, runs, 1)
	run := runs[0].(map[string]any)

	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	assert.Equal(t, "connvet", driver["name"])
	ruleList := driver["rules"].([]any)
	require.Len(t, ruleList, 2)
	rule := ruleList[0].(map[string]any)
	assert.Equal(t, "dotimeout", rule["id"])
	assert.Equal(t, "https://example.com/dotimeout.md", rule["helpUri"])
	assert.Equal(t, "fasthttp request holds its connection", rule["shortDescription"].(map[string]any)["text"])
	assert.Equal(t, "A fasthttp client without ReadTimeout.", rule["fullDescription"].(map[string]any)["text"])

	results := run["results"].([]any)
	require.Len(t, results, 1)
	res := results[0].(map[string]any)
	assert.Equal(t, "dotimeout", res["ruleId"])
	assert.EqualValues(t, 0, res["ruleIndex"])
	assert.Equal(t, "client c has no ReadTimeout", res["message"].(map[string]any)["text"])
	loc := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	art := loc["artifactLocation"].(map[string]any)
	assert.Equal(t, "b/b.go", art["uri"], "paths are relative to the repository root")
	assert.Equal(t, "%SRCROOT%", art["uriBaseId"])
	region := loc["region"].(map[string]any)
	assert.EqualValues(t, 20, region["startLine"])
	assert.EqualValues(t, 15, region["startColumn"])
	assert.EqualValues(t, 20, region["endLine"])
	assert.EqualValues(t, 50, region["endColumn"])

	fixes := res["fixes"].([]any)
	require.Len(t, fixes, 1)
	fix := fixes[0].(map[string]any)
	assert.Equal(t, "Add ReadTimeout to the client", fix["description"].(map[string]any)["text"])
	change := fix["artifactChanges"].([]any)[0].(map[string]any)
	assert.Equal(t, "b/b.go", change["artifactLocation"].(map[string]any)["uri"])
	rep := change["replacements"].([]any)[0].(map[string]any)
	deleted := rep["deletedRegion"].(map[string]any)
	assert.EqualValues(t, 415, deleted["byteOffset"])
	assert.EqualValues(t, 0, deleted["byteLength"], "an insertion deletes nothing, explicitly")
	assert.Equal(t, "ReadTimeout: time.Second", rep["insertedContent"].(map[string]any)["text"])

	inv := run["invocations"].([]any)[0].(map[string]any)
	assert.Equal(t, false, inv["executionSuccessful"], "a package's analysis error is reported")
	notes := inv["toolExecutionNotifications"].([]any)
	require.Len(t, notes, 1)
	assert.Equal(t, "example.com/m/c: dotimeout: internal error", notes[0].(map[string]any)["message"].(map[string]any)["text"])
	assert.Equal(t, "error", notes[0].(map[string]any)["level"])
	_, hasRelated := res["relatedLocations"]
	assert.False(t, hasRelated, "no related information, no relatedLocations")
}

func TestOutsideRoot(t *testing.T) {
	fset := token.NewFileSet()
	log := sarif.Convert([]sarif.Diagnostic{diag(fset, "/elsewhere/x.go", 1, 2, 3, lines(1))}, nil, rules, "/repo")
	art := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	assert.Equal(t, "file:///elsewhere/x.go", art.URI)
	assert.Empty(t, art.URIBaseID)
}

// A run without findings or errors still has a results array (SARIF
// requires one) and succeeded.
func TestNothingFound(t *testing.T) {
	data, err := json.Marshal(sarif.Convert(nil, nil, rules, "/repo"))
	require.NoError(t, err)
	assert.Contains(t, string(data), `"results":[]`)
	assert.Contains(t, string(data), `"executionSuccessful":true`)
	assert.NotContains(t, string(data), "toolExecutionNotifications")
}

// A file named "..x.go" at the root is inside it.
func TestDotDotName(t *testing.T) {
	fset := token.NewFileSet()
	log := sarif.Convert([]sarif.Diagnostic{diag(fset, "/repo/..x.go", 1, 2, 3, lines(1))}, nil, rules, "/repo")
	art := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	assert.Equal(t, "..x.go", art.URI)
	assert.Equal(t, "%SRCROOT%", art.URIBaseID)
}

// git reports the root with symbolic links resolved while the go command
// names files under the working directory as given: still relative.
func TestRootThroughSymlink(t *testing.T) {
	real := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(real, "b"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(real, "b", "b.go"), []byte("package b\n"), 0o644))
	link := filepath.Join(t.TempDir(), "link")
	require.NoError(t, os.Symlink(real, link))

	fset := token.NewFileSet()
	log := sarif.Convert([]sarif.Diagnostic{diag(fset, filepath.Join(link, "b", "b.go"), 1, 1, 2, "package b\n")}, nil, rules, real)
	art := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	assert.Equal(t, "b/b.go", art.URI)
	assert.Equal(t, "%SRCROOT%", art.URIBaseID)
}

// go/token counts columns in bytes; the log declares UTF-16 code units.
func TestColumnsInUTF16(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "x.go")
	const src = "package x\n\nvar x = \"é𝄞\" + f()\n"
	require.NoError(t, os.WriteFile(name, []byte(src), 0o644))
	// f starts after 16 bytes (`var x = "`, é in 2, 𝄞 in 4, `" + `): byte column 17.
	fset := token.NewFileSet()
	log := sarif.Convert([]sarif.Diagnostic{diag(fset, name, 3, 17, 20, src)}, nil, rules, dir)
	region := log.Runs[0].Results[0].Locations[0].PhysicalLocation.Region
	assert.Equal(t, 3, region.StartLine)
	assert.Equal(t, 14, region.StartColumn, "é is one code unit, 𝄞 two")
	assert.Equal(t, 17, region.EndColumn)
	assert.Equal(t, "utf16CodeUnits", log.Runs[0].ColumnKind)
}
