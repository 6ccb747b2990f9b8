package sarif_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/connvet/connvet/cmd/connvet/internal/sarif"
)

const driverJSON = `{
	"example.com/m/b": {
		"dotimeout": [
			{
				"posn": "/repo/b/b.go:20:15",
				"end": "/repo/b/b.go:20:50",
				"message": "client c has no ReadTimeout",
				"suggested_fixes": [{"message": "Add ReadTimeout to the client",
					"edits": [{"filename": "/repo/b/b.go", "start": 415, "end": 415, "new": "ReadTimeout: time.Second"}]}]
			}
		]
	},
	"example.com/m/c": {"dotimeout": {"error": "internal error"}},
	"example.com/m/d": {}
}`

var rules = []sarif.Rule{
	{Name: "dotimeout", Title: "fasthttp request holds its connection", URL: "https://example.com/dotimeout.md", Doc: "fasthttp request holds its connection\n\nA fasthttp client\nwithout ReadTimeout.\n\nMore."},
	{Name: "ignore", Title: "directives", URL: "https://example.com/ignore.md", Doc: "directives"},
}

// TestRequiredFields checks the SARIF 2.1.0 schema's required properties
// on a round trip through JSON: what a code-scanning service validates.
func TestRequiredFields(t *testing.T) {
	log, err := sarif.Convert([]byte(driverJSON), rules, "/repo")
	require.NoError(t, err)
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
	assert.Len(t, inv["toolExecutionNotifications"], 1)
}

func TestOutsideRoot(t *testing.T) {
	in := `{"p": {"dotimeout": [{"posn": "/elsewhere/x.go:1:2", "end": "", "message": "m"}]}}`
	log, err := sarif.Convert([]byte(in), rules, "/repo")
	require.NoError(t, err)
	art := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	assert.Equal(t, "file:///elsewhere/x.go", art.URI)
	assert.Empty(t, art.URIBaseID)
}

func TestBadInput(t *testing.T) {
	_, err := sarif.Convert([]byte("not json"), rules, "/repo")
	assert.Error(t, err)
}

// A file named "..x.go" at the root is inside it.
func TestDotDotName(t *testing.T) {
	in := `{"p": {"dotimeout": [{"posn": "/repo/..x.go:1:2", "end": "", "message": "m"}]}}`
	log, err := sarif.Convert([]byte(in), rules, "/repo")
	require.NoError(t, err)
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

	posn := filepath.Join(link, "b", "b.go") + ":1:1"
	in, err := json.Marshal(map[string]map[string][]map[string]string{"p": {"dotimeout": {{"posn": posn, "message": "m"}}}})
	require.NoError(t, err)
	log, err := sarif.Convert(in, rules, real)
	require.NoError(t, err)
	art := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	assert.Equal(t, "b/b.go", art.URI)
	assert.Equal(t, "%SRCROOT%", art.URIBaseID)
}

// The driver counts columns in bytes; the log declares UTF-16 code units.
func TestColumnsInUTF16(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.go")
	require.NoError(t, os.WriteFile(file, []byte("package x\n\nvar x = \"é𝄞\" + f()\n"), 0o644))
	// f starts after 16 bytes (`var x = "`, é in 2, 𝄞 in 4, `" + `): byte column 17.
	posn := func(col int) string { return file + ":3:" + strconv.Itoa(col) }
	in, err := json.Marshal(map[string]map[string][]map[string]string{"p": {"dotimeout": {{"posn": posn(17), "end": posn(20), "message": "m"}}}})
	require.NoError(t, err)
	log, err := sarif.Convert(in, rules, dir)
	require.NoError(t, err)
	region := log.Runs[0].Results[0].Locations[0].PhysicalLocation.Region
	assert.Equal(t, 3, region.StartLine)
	assert.Equal(t, 14, region.StartColumn, "é is one code unit, 𝄞 two")
	assert.Equal(t, 17, region.EndColumn)
	assert.Equal(t, "utf16CodeUnits", log.Runs[0].ColumnKind)
}
