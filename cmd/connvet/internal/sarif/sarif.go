// Package sarif turns the diagnostics of an analysis run
// (golang.org/x/tools/go/analysis/checker) into SARIF 2.1.0 for
// code-scanning services: one rule per check, results with regions
// relative to the repository root, related information as related
// locations, suggested fixes as SARIF fixes, and package and analysis
// errors as tool execution notifications.
package sarif

import (
	"cmp"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
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
	RuleID           string     `json:"ruleId"`
	RuleIndex        int        `json:"ruleIndex"`
	Level            string     `json:"level"`
	Message          Message    `json:"message"`
	Locations        []Location `json:"locations"`
	RelatedLocations []Location `json:"relatedLocations,omitempty"`
	Fixes            []Fix      `json:"fixes,omitempty"`
}

// Location is a physical location; a related location also has an id
// (from 1, unique in its result) and a message.
type Location struct {
	ID               int              `json:"id,omitempty"`
	PhysicalLocation PhysicalLocation `json:"physicalLocation"`
	Message          *Message         `json:"message,omitempty"`
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

// Diagnostic is one finding: a diagnostic of the check named Check, its
// positions resolved in Fset.
type Diagnostic struct {
	Check string
	Fset  *token.FileSet
	analysis.Diagnostic
}

// Collect gathers what a run of the analysis checker found: the
// diagnostics of the graph's root actions, and as errors the load and type
// errors of the packages (pkgs and their dependencies) and the errors of
// the actions, dependencies included, as the driver's -json output lists
// them. A file analyzed in two packages (p and its test variant) reports
// its findings twice; they are kept once, as the driver's text output does.
// Actions on a package that failed to load fail for that reason alone
// ("analysis skipped due to errors in package"): the package's own errors
// stand for them. Diagnostics come out in file and position order.
func Collect(g *checker.Graph, pkgs []*packages.Package) ([]Diagnostic, []string) {
	var errs []string
	seenErr := map[string]bool{}
	addErr := func(text string) {
		if !seenErr[text] {
			seenErr[text] = true
			errs = append(errs, text)
		}
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, err := range p.Errors {
			addErr(p.ID + ": " + err.Error())
		}
	})

	type key struct {
		posn, end      token.Position
		check, message string
	}
	seen := map[key]bool{}
	var diags []Diagnostic
	for act := range g.All() {
		if act.Err != nil {
			if len(act.Package.Errors) == 0 {
				addErr(act.Package.ID + ": " + act.Analyzer.Name + ": " + act.Err.Error())
			}
			continue
		}
		if !act.IsRoot {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			k := key{fset.Position(d.Pos), fset.Position(cmp.Or(d.End, d.Pos)), act.Analyzer.Name, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			diags = append(diags, Diagnostic{Check: act.Analyzer.Name, Fset: fset, Diagnostic: d})
		}
	}
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].Fset.Position(diags[i].Pos), diags[j].Fset.Position(diags[j].Pos)
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return diags[i].Check < diags[j].Check
	})
	return diags, errs
}

// Convert builds a SARIF log of diags, one rule per element of rules, and
// one notification per error in errs (a run with errors is not
// successful). Paths are made relative to root (the repository root) under
// the base id %SRCROOT%.
func Convert(diags []Diagnostic, errs []string, rules []Rule, root string) *Log {
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
	inv := Invocation{ExecutionSuccessful: len(errs) == 0}
	for _, e := range errs {
		inv.Notifications = append(inv.Notifications, Notification{Level: "error", Message: Message{Text: e}})
	}
	cols := columns{}
	for _, d := range diags {
		run.Results = append(run.Results, result(d, index, root, cols))
	}
	run.Invocations = []Invocation{inv}
	return &Log{Version: Version, Schema: Schema, Runs: []Run{run}}
}

func result(d Diagnostic, index map[string]int, root string, cols columns) Result {
	r := Result{
		RuleID: d.Check, RuleIndex: index[d.Check], Level: "warning",
		Message:   Message{Text: d.Message},
		Locations: []Location{location(d.Fset, d.Pos, d.End, root, cols)},
	}
	for i, rel := range d.Related {
		loc := location(d.Fset, rel.Pos, rel.End, root, cols)
		loc.ID = i + 1
		loc.Message = &Message{Text: rel.Message}
		r.RelatedLocations = append(r.RelatedLocations, loc)
	}
	for _, sf := range d.SuggestedFixes {
		byFile := map[string]*ArtifactChange{}
		var order []string
		for _, e := range sf.TextEdits {
			start := d.Fset.Position(e.Pos)
			end := d.Fset.Position(cmp.Or(e.End, e.Pos))
			ch, ok := byFile[start.Filename]
			if !ok {
				ch = &ArtifactChange{ArtifactLocation: artifact(start.Filename, root)}
				byFile[start.Filename] = ch
				order = append(order, start.Filename)
			}
			off, length := start.Offset, end.Offset-start.Offset
			rep := Replacement{DeletedRegion: Region{ByteOffset: &off, ByteLength: &length}}
			if len(e.NewText) > 0 {
				rep.InsertedContent = &Message{Text: string(e.NewText)}
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

// location is the region from pos to end (pos when end is missing).
func location(fset *token.FileSet, pos, end token.Pos, root string, cols columns) Location {
	start, stop := fset.Position(pos), fset.Position(cmp.Or(end, pos))
	region := Region{
		StartLine: start.Line, StartColumn: cols.utf16(start.Filename, start.Line, start.Column),
		EndLine: stop.Line, EndColumn: cols.utf16(stop.Filename, stop.Line, stop.Column),
	}
	return Location{PhysicalLocation: PhysicalLocation{ArtifactLocation: artifact(start.Filename, root), Region: region}}
}

// columns converts go/token's columns, which count bytes, into the
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
		return col // unreadable file or a position past it: keep go/token's
	}
	return len(utf16.Encode([]rune(lines[line-1][:col-1]))) + 1
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
