// Package fix builds the small, mechanical text edits connvet's suggested
// fixes are made of: adding a field to a composite literal and making sure
// a file imports a package.
//
// Edits are the smallest that are right; drivers (the standalone checker,
// analysistest, gopls) format the result, so alignment is theirs to fix.
package fix

import (
	"bytes"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/passes/internal/config"
)

// A Field is a key of a struct literal and the source of its value.
type Field struct{ Key, Value string }

// AddField returns the edit that appends "key: value" to lit.
// For a literal spread over several lines, the field goes on a line of its
// own before the closing brace, indented like the literal's elements.
func AddField(fset *token.FileSet, src []byte, lit *ast.CompositeLit, key, value string) analysis.TextEdit {
	return AddFields(fset, src, lit, []Field{{key, value}})
}

// AddFields is AddField for several fields at once: one insertion, the
// fields joined on the brace's line, or each on a line of its own.
func AddFields(fset *token.FileSet, src []byte, lit *ast.CompositeLit, fields []Field) analysis.TextEdit {
	kv := make([]string, len(fields))
	for i, f := range fields {
		kv[i] = f.Key + ": " + f.Value
	}
	lbrace, rbrace := fset.Position(lit.Lbrace), fset.Position(lit.Rbrace)
	if lbrace.Line == rbrace.Line || src == nil {
		text := strings.Join(kv, ", ")
		if len(lit.Elts) > 0 {
			text = ", " + text
		}
		return analysis.TextEdit{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(text)}
	}
	// Multi-line: insert before the line holding the closing brace.
	tf := fset.File(lit.Rbrace)
	lineStart := tf.LineStart(rbrace.Line)
	indent := indentOf(src, tf.Offset(lineStart)) + "\t"
	if len(lit.Elts) > 0 {
		first := fset.Position(lit.Elts[0].Pos())
		indent = indentOf(src, tf.Offset(tf.LineStart(first.Line)))
	}
	lines := indent + strings.Join(kv, ",\n"+indent) + ",\n"
	if n := len(lit.Elts); n > 0 && fset.Position(lit.Elts[n-1].End()).Line == rbrace.Line {
		// "...,\n\tLast: x}": the last element shares the brace's line.
		return analysis.TextEdit{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(",\n" + lines)}
	}
	return analysis.TextEdit{Pos: lineStart, End: lineStart, NewText: []byte(lines)}
}

// Keyed reports whether lit's elements are key-value pairs (or it has
// none): only then can a keyed field be added to it.
func Keyed(lit *ast.CompositeLit) bool {
	for _, e := range lit.Elts {
		if _, ok := e.(*ast.KeyValueExpr); !ok {
			return false
		}
	}
	return true
}

// Lookup returns the value lit gives key, or nil.
func Lookup(lit *ast.CompositeLit, key string) ast.Expr {
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == key {
				return kv.Value
			}
		}
	}
	return nil
}

// SetFields returns the edits that give lit each field's value. A key
// lit already has with a constant zero or negative value (no timeout, no
// limit) gets its value replaced, since adding the key again would not
// compile; a missing key is added. ok is false when lit cannot be edited
// so: its elements are positional (a keyed element cannot join them), or
// a key is there with any other value, which the fix must not overrule.
func SetFields(info *types.Info, fset *token.FileSet, src []byte, lit *ast.CompositeLit, fields []Field) ([]analysis.TextEdit, bool) {
	if !Keyed(lit) {
		return nil, false
	}
	var edits []analysis.TextEdit
	var missing []Field
	for _, f := range fields {
		old := Lookup(lit, f.Key)
		switch {
		case old == nil:
			missing = append(missing, f)
		case config.NonPositive(info, old):
			edits = append(edits, analysis.TextEdit{Pos: old.Pos(), End: old.End(), NewText: []byte(f.Value)})
		default:
			return nil, false
		}
	}
	if len(missing) > 0 {
		edits = append(edits, AddFields(fset, src, lit, missing))
	}
	return edits, true
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
	src, err := Reader(pass)(tf.Name())
	if err != nil || len(src) != tf.Size() {
		return nil
	}
	return src
}

// Reader returns the pass's ReadFile, or a plain file read when the driver
// gives none (rules_go's nogo).
func Reader(pass *analysis.Pass) func(string) ([]byte, error) {
	if pass.ReadFile != nil {
		return pass.ReadFile
	}
	return os.ReadFile
}

// AddTimeFields returns the edits that set fields on every literal (see
// SetFields), each value written with "time." referring to package time
// (renamed to the file's name for it, and imported when missing). ok is
// false when some literal cannot be edited: then no fix should be offered.
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
		fs := make([]Field, len(fields))
		for i, f := range fields {
			fs[i] = Field{f, strings.Replace(values[f], "time.", name+".", 1)}
		}
		set, ok := SetFields(pass.TypesInfo, pass.Fset, src, lit, fs)
		if !ok {
			return nil, false
		}
		edits = append(edits, imports...)
		edits = append(edits, set...)
	}
	return Dedup(edits), true
}

// Dedup drops repeated identical edits, such as the same import added for
// two literals of one file; applied twice, it would not compile.
func Dedup(edits []analysis.TextEdit) []analysis.TextEdit {
	var out []analysis.TextEdit
	for _, e := range edits {
		if !slices.ContainsFunc(out, func(o analysis.TextEdit) bool {
			return o.Pos == e.Pos && o.End == e.End && bytes.Equal(o.NewText, e.NewText)
		}) {
			out = append(out, e)
		}
	}
	return out
}

// SetTimeFields gives lit each of fields that it does not already set to a
// positive value (see AddTimeFields): a zero or negative value is
// replaced, a missing key added.
func SetTimeFields(pass *analysis.Pass, lit *ast.CompositeLit, fields []string, values map[string]string) ([]analysis.TextEdit, bool) {
	var set []string
	for _, f := range fields {
		if kv := KeyValue(lit, f); kv != nil && !NotPositive(pass.TypesInfo, kv.Value) {
			continue
		}
		set = append(set, f)
	}
	if len(set) == 0 {
		return nil, false
	}
	return AddTimeFields(pass, []*ast.CompositeLit{lit}, set, values)
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
