// Package fix builds the small, mechanical text edits connvet's suggested
// fixes are made of: adding a field to a composite literal and making sure
// a file imports a package.
//
// Edits are the smallest that are right; drivers (the standalone checker,
// analysistest, gopls) format the result, so alignment is theirs to fix.
package fix

import (
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// AddField returns the edit that appends "key: value" to lit.
// For a literal spread over several lines, the field goes on a line of its
// own before the closing brace, indented like the literal's elements.
func AddField(fset *token.FileSet, src []byte, lit *ast.CompositeLit, key, value string) analysis.TextEdit {
	field := key + ": " + value
	lbrace, rbrace := fset.Position(lit.Lbrace), fset.Position(lit.Rbrace)
	if lbrace.Line == rbrace.Line || src == nil {
		if len(lit.Elts) > 0 {
			field = ", " + field
		}
		return analysis.TextEdit{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(field)}
	}
	// Multi-line: insert before the line holding the closing brace.
	tf := fset.File(lit.Rbrace)
	lineStart := tf.LineStart(rbrace.Line)
	indent := indentOf(src, tf.Offset(lineStart)) + "\t"
	if len(lit.Elts) > 0 {
		first := fset.Position(lit.Elts[0].Pos())
		indent = indentOf(src, tf.Offset(tf.LineStart(first.Line)))
	}
	if n := len(lit.Elts); n > 0 && fset.Position(lit.Elts[n-1].End()).Line == rbrace.Line {
		// "...,\n\tLast: x}": the last element shares the brace's line.
		return analysis.TextEdit{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(",\n" + indent + field + ",\n")}
	}
	return analysis.TextEdit{Pos: lineStart, End: lineStart, NewText: []byte(indent + field + ",\n")}
}

// indentOf returns the run of spaces and tabs starting at offset.
func indentOf(src []byte, offset int) string {
	end := offset
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[offset:end])
}

// ImportName returns the name by which file refers to the package path,
// the edits that add the import when the file lacks it, and ok=false when
// the name would be shadowed at pos (the fix should then not be offered).
func ImportName(info *types.Info, file *ast.File, pos token.Pos, path string) (name string, edits []analysis.TextEdit, ok bool) {
	for _, spec := range file.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || p != path {
			continue
		}
		if spec.Name != nil {
			if spec.Name.Name == "_" || spec.Name.Name == "." {
				continue
			}
			return spec.Name.Name, nil, true
		}
		if pn, ok := info.Implicits[spec].(*types.PkgName); ok {
			return pn.Name(), nil, true
		}
	}
	name = path[strings.LastIndex(path, "/")+1:]
	// The new name must not clash with anything visible at pos.
	if scope := info.Scopes[file]; scope != nil {
		if inner := scope.Innermost(pos); inner != nil {
			scope = inner
		}
		if _, obj := scope.LookupParent(name, pos); obj != nil {
			return "", nil, false
		}
	}
	quoted := strconv.Quote(path)
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.IMPORT || len(gen.Specs) == 0 {
			continue
		}
		first := gen.Specs[0].(*ast.ImportSpec)
		firstStd := isStd(first.Path.Value)
		if gen.Lparen.IsValid() {
			text := "\n\t" + quoted
			if isStd(quoted) && !firstStd {
				text += "\n" // a group of its own before third-party imports
			}
			return name, []analysis.TextEdit{{Pos: gen.Lparen + 1, End: gen.Lparen + 1, NewText: []byte(text)}}, true
		}
		// import "x" becomes a block, standard library first.
		old := first.Path.Value
		if first.Name != nil {
			old = first.Name.Name + " " + old
		}
		block := "import (\n\t" + old + "\n\t" + quoted + "\n)"
		if isStd(quoted) != firstStd {
			if isStd(quoted) {
				block = "import (\n\t" + quoted + "\n\n\t" + old + "\n)"
			} else {
				block = "import (\n\t" + old + "\n\n\t" + quoted + "\n)"
			}
		}
		return name, []analysis.TextEdit{{Pos: gen.Pos(), End: gen.End(), NewText: []byte(block)}}, true
	}
	return name, []analysis.TextEdit{{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + quoted)}}, true
}

// isStd reports whether a quoted import path is in the standard library:
// its first element has no dot.
func isStd(quoted string) bool {
	p, err := strconv.Unquote(quoted)
	if err != nil {
		return false
	}
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// File returns the syntax tree of pass's file that contains pos.
func File(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// Source returns the content of the file containing pos, or nil. It reads
// through pass.ReadFile when the driver provides it; Bazel's nogo (rules_go
// up to at least v0.62.0) leaves it nil, and then the file is read from
// disk. Content whose size is not the parsed file's (changed since, or not
// what was parsed) counts as missing, so no edit is computed from it.
func Source(pass *analysis.Pass, pos token.Pos) []byte {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return nil
	}
	read := pass.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	src, err := read(tf.Name())
	if err != nil || len(src) != tf.Size() {
		return nil
	}
	return src
}

// AddTimeFields returns the edits that append fields to every literal,
// each value written with "time." referring to package time (renamed to
// the file's name for it, and imported when missing). ok is false when
// some literal cannot be edited: then no fix should be offered.
func AddTimeFields(pass *analysis.Pass, lits []*ast.CompositeLit, fields []string, values map[string]string) ([]analysis.TextEdit, bool) {
	if len(lits) == 0 || len(fields) == 0 {
		return nil, false
	}
	var edits []analysis.TextEdit
	for _, lit := range lits {
		file, src := File(pass, lit.Pos()), Source(pass, lit.Pos())
		if file == nil || src == nil {
			return nil, false
		}
		name, imports, ok := ImportName(pass.TypesInfo, file, lit.Pos(), "time")
		if !ok {
			return nil, false
		}
		edits = append(edits, imports...)
		// One insertion per literal: the first field's key, then the
		// rest of the fields joined after its value.
		value := strings.Replace(values[fields[0]], "time.", name+".", 1)
		for _, f := range fields[1:] {
			value += ", " + f + ": " + strings.Replace(values[f], "time.", name+".", 1)
		}
		edits = append(edits, AddField(pass.Fset, src, lit, fields[0], value))
	}
	return edits, true
}
