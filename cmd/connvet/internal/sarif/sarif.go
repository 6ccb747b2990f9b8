// Package sarif converts the analysis driver's -json output into SARIF
// 2.1.0 for code-scanning services: one rule per check, results with
// regions relative to the repository root, and suggested fixes as SARIF
// fixes.
package sarif

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Version and Schema identify the SARIF format written.
const (
	Version = "2.1.0"
	Schema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

// Rule describes one check.
type Rule struct {
	Name, Title, URL, Doc string
}

// Log is a SARIF log.
type Log struct {
	Version string `json:"version"`
	Schema  string `json:"$schema"`
	Runs    []Run  `json:"runs"`
}

// Run is one tool run.
type Run struct {
	Tool               Tool                   `json:"tool"`
	OriginalURIBaseIDs map[string]ArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []Result               `json:"results"`
	ColumnKind         string                 `json:"columnKind"`
	Invocations        []Invocation           `json:"invocations,omitempty"`
}

// Invocation records whether the run succeeded.
type Invocation struct {
	ExecutionSuccessful bool           `json:"executionSuccessful"`
	Notifications       []Notification `json:"toolExecutionNotifications,omitempty"`
}

// Notification is an analysis error of one package.
type Notification struct {
	Level   string  `json:"level"`
	Message Message `json:"message"`
}

// Tool names connvet and its rules.
type Tool struct {
	Driver Driver `json:"driver"`
}

// Driver is the tool component.
type Driver struct {
	Name           string           `json:"name"`
	InformationURI string           `json:"informationUri"`
	Version        string           `json:"version,omitempty"`
	Rules          []ReportingDescr `json:"rules"`
}

// ReportingDescr is a rule.
type ReportingDescr struct {
	ID               string  `json:"id"`
	Name             string  `json:"name"`
	ShortDescription Message `json:"shortDescription"`
	FullDescription  Message `json:"fullDescription"`
	HelpURI          string  `json:"helpUri"`
}

// Message is SARIF text.
type Message struct {
	Text string `json:"text"`
}

// Result is one finding.
type Result struct {
	RuleID    string     `json:"ruleId"`
	RuleIndex int        `json:"ruleIndex"`
	Level     string     `json:"level"`
	Message   Message    `json:"message"`
	Locations []Location `json:"locations"`
	Fixes     []Fix      `json:"fixes,omitempty"`
}

// Location is a physical location.
type Location struct {
	PhysicalLocation PhysicalLocation `json:"physicalLocation"`
}

// PhysicalLocation is a file region.
type PhysicalLocation struct {
	ArtifactLocation ArtifactLoc `json:"artifactLocation"`
	Region           Region      `json:"region"`
}

// ArtifactLoc is a file, relative to a base.
type ArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// Region is a span of a file; lines and columns count from 1.
type Region struct {
	StartLine   int  `json:"startLine,omitempty"`
	StartColumn int  `json:"startColumn,omitempty"`
	EndLine     int  `json:"endLine,omitempty"`
	EndColumn   int  `json:"endColumn,omitempty"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

// Fix is a suggested fix.
type Fix struct {
	Description     Message          `json:"description"`
	ArtifactChanges []ArtifactChange `json:"artifactChanges"`
}

// ArtifactChange is the edits to one file.
type ArtifactChange struct {
	ArtifactLocation ArtifactLoc   `json:"artifactLocation"`
	Replacements     []Replacement `json:"replacements"`
}

// Replacement replaces a byte range.
type Replacement struct {
	DeletedRegion   Region   `json:"deletedRegion"`
	InsertedContent *Message `json:"insertedContent,omitempty"`
}

// The driver's -json shape: package → analyzer → diagnostics or error.
type jsonDiag struct {
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename string `json:"filename"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			New      string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
}

// Convert turns the driver's -json output into a SARIF log. Paths are made
// relative to root (the repository root) under the base id %SRCROOT%.
func Convert(jsonOut []byte, rules []Rule, root string) (*Log, error) {
	driver := Driver{Name: "connvet", InformationURI: "https://github.com/connvet/connvet", Rules: []ReportingDescr{}}
	index := map[string]int{}
	for i, r := range rules {
		index[r.Name] = i
		driver.Rules = append(driver.Rules, ReportingDescr{
			ID: r.Name, Name: r.Name,
			ShortDescription: Message{Text: r.Title},
			FullDescription:  Message{Text: description(r.Doc, r.Title)},
			HelpURI:          r.URL,
		})
	}
	run := Run{
		Tool:               Tool{Driver: driver},
		OriginalURIBaseIDs: map[string]ArtifactLoc{"%SRCROOT%": {URI: fileURI(root)}},
		Results:            []Result{},
		ColumnKind:         "utf16CodeUnits",
	}
	inv := Invocation{ExecutionSuccessful: true}
	cols := columns{}

	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(jsonOut, &tree); err != nil {
		return nil, fmt.Errorf("reading the driver's JSON: %w", err)
	}
	for _, pkg := range sortedKeys(tree) {
		for _, name := range sortedKeys(tree[pkg]) {
			raw := tree[pkg][name]
			var failure struct {
				Error string `json:"error"`
			}
			if json.Unmarshal(raw, &failure) == nil && failure.Error != "" {
				inv.ExecutionSuccessful = false
				inv.Notifications = append(inv.Notifications, Notification{Level: "error", Message: Message{Text: pkg + ": " + name + ": " + failure.Error}})
				continue
			}
			var diags []jsonDiag
			if err := json.Unmarshal(raw, &diags); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", pkg, name, err)
			}
			for _, d := range diags {
				run.Results = append(run.Results, result(name, index, d, root, cols))
			}
		}
	}
	run.Invocations = []Invocation{inv}
	return &Log{Version: Version, Schema: Schema, Runs: []Run{run}}, nil
}

func result(rule string, index map[string]int, d jsonDiag, root string, cols columns) Result {
	file, line, col := splitPosn(d.Posn)
	endFile, endLine, endCol := splitPosn(d.End)
	col, endCol = cols.utf16(file, line, col), cols.utf16(endFile, endLine, endCol)
	region := Region{StartLine: line, StartColumn: col, EndLine: endLine, EndColumn: endCol}
	if endLine == 0 {
		region.EndLine, region.EndColumn = 0, 0
	}
	r := Result{
		RuleID: rule, RuleIndex: index[rule], Level: "warning",
		Message: Message{Text: d.Message},
		Locations: []Location{{PhysicalLocation: PhysicalLocation{
			ArtifactLocation: artifact(file, root), Region: region,
		}}},
	}
	for _, sf := range d.SuggestedFixes {
		byFile := map[string]*ArtifactChange{}
		var order []string
		for _, e := range sf.Edits {
			ch, ok := byFile[e.Filename]
			if !ok {
				ch = &ArtifactChange{ArtifactLocation: artifact(e.Filename, root)}
				byFile[e.Filename] = ch
				order = append(order, e.Filename)
			}
			off, length := e.Start, e.End-e.Start
			rep := Replacement{DeletedRegion: Region{ByteOffset: &off, ByteLength: &length}}
			if e.New != "" {
				rep.InsertedContent = &Message{Text: e.New}
			}
			ch.Replacements = append(ch.Replacements, rep)
		}
		fix := Fix{Description: Message{Text: sf.Message}}
		for _, f := range order {
			fix.ArtifactChanges = append(fix.ArtifactChanges, *byFile[f])
		}
		r.Fixes = append(r.Fixes, fix)
	}
	return r
}

// columns converts the driver's columns, which count bytes, into the
// UTF-16 code units the log declares (columnKind), reading each file once.
// They differ only on lines with non-ASCII text before the column.
type columns map[string][]string // file -> lines, nil when unreadable

func (c columns) utf16(file string, line, col int) int {
	lines, ok := c[file]
	if !ok {
		if data, err := os.ReadFile(file); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		c[file] = lines
	}
	if line < 1 || line > len(lines) || col < 1 || col-1 > len(lines[line-1]) {
		return col // unreadable file or a position past it: keep the driver's
	}
	return len(utf16.Encode([]rune(lines[line-1][:col-1]))) + 1
}

// splitPosn splits "file:line:col" (file may contain colons).
func splitPosn(posn string) (file string, line, col int) {
	i := strings.LastIndex(posn, ":")
	if i < 0 {
		return posn, 0, 0
	}
	j := strings.LastIndex(posn[:i], ":")
	if j < 0 {
		return posn, 0, 0
	}
	line, err1 := strconv.Atoi(posn[j+1 : i])
	col, err2 := strconv.Atoi(posn[i+1:])
	if err1 != nil || err2 != nil {
		return posn, 0, 0
	}
	return posn[:j], line, col
}

// artifact names file relative to root when it lies below it, also when
// one of the two paths goes through a symbolic link (git resolves links in
// its root, the go command keeps the working directory as given).
func artifact(file, root string) ArtifactLoc {
	if rel, ok := below(root, file); ok {
		return ArtifactLoc{URI: filepath.ToSlash(rel), URIBaseID: "%SRCROOT%"}
	}
	realRoot, err1 := filepath.EvalSymlinks(root)
	realFile, err2 := filepath.EvalSymlinks(file)
	if err1 == nil && err2 == nil {
		if rel, ok := below(realRoot, realFile); ok {
			return ArtifactLoc{URI: filepath.ToSlash(rel), URIBaseID: "%SRCROOT%"}
		}
	}
	return ArtifactLoc{URI: fileURI(file)}
}

// below returns file's path relative to root when it lies inside root.
func below(root, file string) (string, bool) {
	rel, err := filepath.Rel(root, file)
	if err != nil || filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasSuffix(p, "/") && isDir(path) {
		p += "/"
	}
	return "file://" + p
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// description is the first paragraph of a Doc after its title line.
func description(doc, title string) string {
	_, rest, ok := strings.Cut(doc, "\n\n")
	if !ok {
		return title
	}
	para, _, _ := strings.Cut(rest, "\n\n")
	return strings.Join(strings.Fields(para), " ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
