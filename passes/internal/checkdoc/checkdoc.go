// Package checkdoc extracts an analyzer's Doc from its package's doc.go,
// so that godoc, "connvet help NAME" and gopls show one text.
//
// doc.go is written as
//
//	// Package NAME defines an Analyzer that ...
//	//
//	// # Analyzer NAME
//	//
//	// NAME: title of the check
//	//
//	// Prose, with tab-indented examples.
//	package NAME
//
// and the Doc is everything after the "# Analyzer NAME" heading, with the
// leading "NAME: " removed from its first line.
package checkdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// MustExtract returns the Doc for analyzer name from the source of doc.go.
// It panics when the file does not follow the layout above: a malformed
// doc.go is a build-time mistake that tests catch at once.
func MustExtract(docGo, name string) string {
	doc, err := Extract(docGo, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// Extract is MustExtract returning an error.
func Extract(docGo, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", docGo, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", err
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go of %s has no package comment", name)
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + name + "\n"
	_, rest, ok := strings.Cut(text, heading)
	if !ok {
		return "", fmt.Errorf("doc.go of %s lacks the heading %q", name, strings.TrimSpace(heading))
	}
	rest = strings.TrimLeft(rest, "\n")
	body, ok := strings.CutPrefix(rest, name+": ")
	if !ok {
		return "", fmt.Errorf("doc.go of %s: the line after the heading must start with %q", name, name+": ")
	}
	return strings.TrimSpace(body), nil
}
