// Package fix builds the small, mechanical text edits connvet's suggested
// fixes are made of: adding a field to a composite literal and making sure
// a file imports a package.
//
// Edits are the smallest that are right; drivers (the standalone checker,
// analysistest, gopls) format the result, so alignment is theirs to fix.
package fix

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// AddField returns the edit that appends "key: value" to lit.
// For a literal spread over several lines, the field goes on a line of its
// own before the closing brace, indented like the literal's elements.
func AddField(fset *token.FileSet, src []byte, lit *ast.CompositeLit, key, value string) analysis.TextEdit {
	return AddFields(fset, src, lit, []string{key}, []string{value})
}

// AddFields returns the one edit that appends "keys[i]: values[i]" for
// every i to lit: on the brace's line for a one-line literal, each on a
// line of its own for a literal spread over several lines (as AddField).
func AddFields(fset *token.FileSet, src []byte, lit *ast.CompositeLit, keys, values []string) analysis.TextEdit {
	lbrace, rbrace := fset.Position(lit.Lbrace), fset.Position(lit.Rbrace)
	if lbrace.Line == rbrace.Line || src == nil {
		var fields []string
		for i, k := range keys {
			fields = append(fields, k+": "+values[i])
		}
		field := strings.Join(fields, ", ")
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
	var lines string
	for i, k := range keys {
		lines += indent + k + ": " + values[i] + ",\n"
	}
	if n := len(lit.Elts); n > 0 && fset.Position(lit.Elts[n-1].End()).Line == rbrace.Line {
		// "...,\n\tLast: x}": the last element shares the brace's line.
		return analysis.TextEdit{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(",\n" + lines)}
	}
	return analysis.TextEdit{Pos: lineStart, End: lineStart, NewText: []byte(lines)}
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

// Source returns the content of the file containing pos, or nil.
func Source(pass *analysis.Pass, pos token.Pos) []byte {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return nil
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
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

// SetTimeFields returns the edits that give lit a positive value for each
// of fields: a key the literal lacks is added (all missing keys in one
// insertion, each on a line of its own in a literal spread over several
// lines), and a key the literal has with a
// constant zero or negative value (a zero timeout means none) gets its
// value replaced, never a second key. A key with any other value is kept.
// Values are written with "time." referring to package time, renamed or
// imported as the file needs. ok is false when there is nothing to change
// or the literal cannot be edited.
func SetTimeFields(pass *analysis.Pass, lit *ast.CompositeLit, fields []string, values map[string]string) ([]analysis.TextEdit, bool) {
	file, src := File(pass, lit.Pos()), Source(pass, lit.Pos())
	if file == nil || src == nil {
		return nil, false
	}
	name, imports, ok := ImportName(pass.TypesInfo, file, lit.Pos(), "time")
	if !ok {
		return nil, false
	}
	write := func(f string) string { return Qualify(values[f], "time", name) }
	var edits []analysis.TextEdit
	var missing []string
	for _, f := range fields {
		kv := KeyValue(lit, f)
		switch {
		case kv == nil:
			missing = append(missing, f)
		case NotPositive(pass.TypesInfo, kv.Value):
			edits = append(edits, analysis.TextEdit{Pos: kv.Value.Pos(), End: kv.Value.End(), NewText: []byte(write(f))})
		}
	}
	if len(missing) > 0 {
		var values []string
		for _, f := range missing {
			values = append(values, write(f))
		}
		edits = append(edits, AddFields(pass.Fset, src, lit, missing, values))
	}
	if len(edits) == 0 {
		return nil, false
	}
	return append(imports, edits...), true
}

// KeyValue returns the element of lit keyed by the field name, or nil.
func KeyValue(lit *ast.CompositeLit, name string) *ast.KeyValueExpr {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return kv
			}
		}
	}
	return nil
}

// NotPositive reports whether e is a constant number that is zero or
// negative.
func NotPositive(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && (tv.Value.Kind() == constant.Int || tv.Value.Kind() == constant.Float) && constant.Sign(tv.Value) <= 0
}

// Qualify rewrites the package qualifier pkg. in text (written as if the
// file imported pkg under its own name) to name.
func Qualify(text, pkg, name string) string {
	if pkg == name {
		return text
	}
	var b strings.Builder
	for {
		i := strings.Index(text, pkg+".")
		if i < 0 {
			break
		}
		// Only a whole identifier: "xtime." is not "time.".
		if i > 0 && (isIdentByte(text[i-1]) || text[i-1] == '.') {
			b.WriteString(text[:i+len(pkg)+1])
			text = text[i+len(pkg)+1:]
			continue
		}
		b.WriteString(text[:i] + name + ".")
		text = text[i+len(pkg)+1:]
	}
	b.WriteString(text)
	return b.String()
}

func isIdentByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// LineAfter returns the edit that puts text on a line of its own after
// stmt (after any comment that ends stmt's line), indented like stmt.
func LineAfter(pass *analysis.Pass, stmt ast.Stmt, text string) analysis.TextEdit {
	at := stmt.End()
	indent := ""
	if src := Source(pass, stmt.Pos()); src != nil {
		tf := pass.Fset.File(stmt.Pos())
		indent = indentOf(src, tf.Offset(tf.LineStart(pass.Fset.Position(stmt.Pos()).Line)))
		end := tf.Offset(stmt.End())
		for end < len(src) && src[end] != '\n' {
			end++
		}
		at = tf.Pos(end)
	}
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n" + indent + text)}
}
