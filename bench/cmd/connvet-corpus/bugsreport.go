package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/tabwriter"
)

// Markers of the generated section of the -docs file.
const (
	bugsBegin = "<!-- bugs:begin -->"
	bugsEnd   = "<!-- bugs:end -->"
)

// bugsDocIntro starts a -docs file that does not exist yet.
const bugsDocIntro = `# connvet on real, fixed bugs

Each row is a bug that was fixed upstream: the module version with the bug
(before) and the one with the fix (after), run through connvet by
` + "`go run ./cmd/connvet-corpus bugs`" + ` (how it works and how entries are matched:
[corpus.md](corpus.md#real-bug-benchmark)). The list is
` + "[`cmd/connvet-corpus/bugs.tsv`](../cmd/connvet-corpus/bugs.tsv)" + `.

The section between the markers below is generated: rerun the harness with
` + "`-docs docs/bugs.md`" + ` to refresh it. The note column, and everything outside the
markers, is written by hand and kept.

`

// bugsDocTail follows the generated section in a new -docs file.
const bugsDocTail = `
## Why missed

For each bug connvet misses (or still reports after the fix): why, and
whether a check should change.
`

func percent(n, d int) string {
	if d == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(d))
}

func posLine(pos string) string {
	if _, l, ok := splitPos(pos); ok {
		return fmt.Sprint(l)
	}
	return pos
}

// beforeText is the before result of one bug, in words.
func beforeText(r *BugResult) string {
	switch {
	case r.Setup != "":
		return "setup error: " + r.Setup
	case r.LoadBefore != "":
		return "load error: " + firstLines(r.LoadBefore, 1)
	case r.Flagged && r.Rule == ruleRelated:
		return fmt.Sprintf("flagged (related information; diagnostic at %s)", r.Hit.Pos)
	case r.Flagged:
		return fmt.Sprintf("flagged at line %s", posLine(r.Hit.Pos))
	case r.Nearest != nil:
		return fmt.Sprintf("missed; nearest %s at line %s: %s", r.Check, posLine(r.Nearest.Pos), r.Nearest.Message)
	default:
		return fmt.Sprintf("missed; no %s finding in the file", r.Check)
	}
}

// afterText is the after result of one bug, in words.
func afterText(r *BugResult) string {
	switch {
	case r.Setup != "":
		return "–"
	case r.LoadAfter != "":
		return "load error: " + firstLines(r.LoadAfter, 1)
	case r.LoadBefore != "":
		return "–"
	case r.Silent:
		return "silent"
	default:
		return fmt.Sprintf("still reported at line %s: %s", posLine(r.AfterHit.Pos), r.AfterHit.Message)
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// printBugs writes the result table to w.
func printBugs(w io.Writer, rep *BugsReport) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	_, _ = fmt.Fprintln(tw, "ID\tCHECK\tMODULE\tBEFORE -> AFTER\tFLAGGED BEFORE\tSILENT AFTER\tCRASH\tLOAD ERROR\tNEAREST BEFORE")
	for _, r := range rep.Bugs {
		flagged, silent := yesNo(r.Flagged), yesNo(r.Silent)
		if r.Rule == ruleRelated {
			flagged = "yes (related)"
		}
		if !r.scoredBefore() {
			flagged = "-"
		}
		if !r.scoredAfter() {
			silent = "-"
		}
		load := "no"
		switch {
		case r.Setup != "":
			load = "setup error"
		case r.LoadBefore != "" && r.LoadAfter != "":
			load = "both"
		case r.LoadBefore != "":
			load = "before"
		case r.LoadAfter != "":
			load = "after"
		}
		nearest := "none"
		if r.Nearest != nil {
			nearest = fmt.Sprintf("line %s: %s", posLine(r.Nearest.Pos), firstLines(r.Nearest.Message, 1))
		}
		_, _ = fmt.Fprintf(tw, "%s\t%s\t%s\t%s -> %s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Check, r.Module, r.Before, r.After, flagged, silent, yesNo(r.Crash), load, nearest)
	}
	_ = tw.Flush()
	_, _ = fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	_, _ = fmt.Fprintln(tw, "CHECK\tBUGS\tFLAGGED BEFORE\tRECALL\tSILENT AFTER\tCRASHES\tLOAD ERRORS\tSETUP ERRORS\t")
	for _, s := range append(rep.Checks, rep.Total) {
		_, _ = fmt.Fprintf(tw, "%s\t%d\t%d/%d\t%s\t%d/%d\t%d\t%d\t%d\t\n", s.Check, s.Bugs, s.Flagged, s.Scored, percent(s.Flagged, s.Scored), s.Silent, s.ScoredAfter, s.Crashes, s.LoadErrors, s.SetupErrors)
	}
	_ = tw.Flush()
	_, _ = fmt.Fprintln(w)
	if rep.FixCheck != nil {
		t := rep.FixCheck
		_, _ = fmt.Fprintf(w, "FIXCHECK (before versions, %d runs): %d fixes: %d applied, %d gofmt-clean (%d not judged), %d compiled, %d finding gone; %d packages: %d together (%d conflicts); %d failing, %d runs with errors\n",
			t.Runs, t.Total.Fixes, t.Total.Applied, t.Total.Gofmt, t.Total.GofmtSkipped, t.Total.Compiled, t.Total.Gone, t.Total.Packages, t.Total.Together, t.Total.Conflicts, t.Failing, t.Errors)
		for _, r := range rep.Runs {
			if r.FixCheck == nil {
				continue
			}
			for _, f := range r.FixCheck.Failures {
				_, _ = fmt.Fprintf(w, "  %s@%s %s: %s fix %q fails %s: %s\n", r.Module, r.Version, f.Pos, f.Check, f.Fix, f.Stage, firstLines(f.Detail, 1))
			}
			if r.FixCheck.Status == fixCheckError {
				_, _ = fmt.Fprintf(w, "  %s@%s: fixcheck error: %s\n", r.Module, r.Version, firstLines(r.FixCheck.Error, 1))
			}
		}
		_, _ = fmt.Fprintln(w)
	}
	if rep.Exit == exitPass {
		_, _ = fmt.Fprintf(w, "PASS: recall %s (target %.0f%%), silent after %d/%d, no crash\n", percent(rep.Total.Flagged, rep.Total.Scored), 100*rep.MinRecall, rep.Total.Silent, rep.Total.ScoredAfter)
	} else {
		_, _ = fmt.Fprintf(w, "FAIL (exit %d): %s\n", rep.Exit, strings.Join(rep.Why, "; "))
	}
}

// mdCell makes s safe for one cell of a markdown table.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

// bugsMarkdown is the generated section: the totals and one row per bug.
func bugsMarkdown(rep *BugsReport) string {
	var b strings.Builder
	commit := ""
	if rep.Commit != "" {
		commit = ", connvet at " + rep.Commit
	}
	fmt.Fprintf(&b, "Run: %s, %s%s, %d bugs from `%s`, target recall %.0f%%.\n\n", rep.Date, rep.GoVersion, commit, len(rep.Bugs), rep.File, 100*rep.MinRecall)
	if rep.Exit == exitPass {
		fmt.Fprintf(&b, "Result: **pass**.\n\n")
	} else {
		fmt.Fprintf(&b, "Result: **fail** (exit %d): %s.\n\n", rep.Exit, mdCell(strings.Join(rep.Why, "; ")))
	}
	b.WriteString("| check | bugs | flagged before | recall | silent after | crashes | load errors | setup errors |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range append(rep.Checks, rep.Total) {
		name := s.Check
		if name == "all" {
			name = "**all**"
		}
		fmt.Fprintf(&b, "| %s | %d | %d/%d | %s | %d/%d | %d | %d | %d |\n", name, s.Bugs, s.Flagged, s.Scored, percent(s.Flagged, s.Scored), s.Silent, s.ScoredAfter, s.Crashes, s.LoadErrors, s.SetupErrors)
	}
	b.WriteString("\n| bug | module | versions | check | before | after | note |\n|---|---|---|---|---|---|---|\n")
	for _, r := range rep.Bugs {
		id := mdCell(r.ID)
		if r.Upstream != "" {
			id = fmt.Sprintf("[%s](%s)", id, r.Upstream)
		}
		before := fmt.Sprintf("`%s:%d` %s", r.File, r.Line, beforeText(r))
		if r.Fix != "" {
			before += "; fix: " + r.Fix
		}
		after := fmt.Sprintf("`%s:%d` %s", r.AfterFile, r.AfterLine, afterText(r))
		if r.Crash {
			after += " **crash**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s → %s | %s | %s | %s | %s |\n", id, mdCell(r.Module), mdCell(r.Before), mdCell(r.After), r.Check, mdCell(before), mdCell(after), mdCell(r.Note))
	}
	var rows []fixRow
	for _, r := range rep.Runs {
		if r.FixCheck != nil {
			rows = append(rows, fixRow{name: r.Module + "@" + r.Version, fc: r.FixCheck})
		}
	}
	if len(rows) > 0 {
		b.WriteString("\n" + fixCheckMarkdown("###", rows))
	}
	return b.String()
}

// writeBugs writes bugs.json and bugs.md into cfg.Out and rewrites the
// generated section of cfg.Docs.
func writeBugs(cfg BugsConfig, rep *BugsReport) error {
	var doc string
	if cfg.Docs != "" {
		data, err := os.ReadFile(cfg.Docs)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		doc = string(data)
		notes := bugNotes(doc)
		for _, r := range rep.Bugs {
			r.Note = notes[r.ID]
		}
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(cfg.Out, "bugs.json"), append(data, '\n'), 0o644); err != nil {
		return err
	}
	section := bugsMarkdown(rep)
	if err := os.WriteFile(filepath.Join(cfg.Out, "bugs.md"), []byte("# connvet real-bug benchmark\n\n"+section), 0o644); err != nil {
		return err
	}
	if cfg.Docs == "" {
		return nil
	}
	updated, err := replaceSection(doc, section)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.Docs, err)
	}
	if err := os.MkdirAll(filepath.Dir(cfg.Docs), 0o755); err != nil {
		return err
	}
	return os.WriteFile(cfg.Docs, []byte(updated), 0o644)
}

// replaceSection puts section between the markers of doc: a new file
// (doc "") gets an intro and a "why missed" heading around it, a file
// without markers gets them appended.
func replaceSection(doc, section string) (string, error) {
	generated := bugsBegin + "\n\n" + section + "\n" + bugsEnd + "\n"
	if doc == "" {
		return bugsDocIntro + generated + bugsDocTail, nil
	}
	begin, end := strings.Index(doc, bugsBegin), strings.Index(doc, bugsEnd)
	switch {
	case begin < 0 && end < 0:
		return strings.TrimRight(doc, "\n") + "\n\n" + generated, nil
	case begin < 0 || end < begin:
		return "", fmt.Errorf("%s and %s are not in order", bugsBegin, bugsEnd)
	}
	if strings.Count(doc, bugsBegin) > 1 || strings.Count(doc, bugsEnd) > 1 {
		return "", fmt.Errorf("more than one %s or %s", bugsBegin, bugsEnd)
	}
	rest := strings.TrimPrefix(doc[end+len(bugsEnd):], "\n")
	return doc[:begin] + generated + rest, nil
}

var linkIDRE = regexp.MustCompile(`^\[(.+?)\]\(.*\)$`)

// bugNotes reads the note column of the bug table in the generated
// section of doc, by bug id, so that a rewrite keeps them.
func bugNotes(doc string) map[string]string {
	notes := map[string]string{}
	begin, end := strings.Index(doc, bugsBegin), strings.Index(doc, bugsEnd)
	if begin < 0 || end < begin {
		return notes
	}
	inTable := false
	for _, line := range strings.Split(doc[begin:end], "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "| bug |") {
			inTable = true
			continue
		}
		if !inTable || !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") {
			if line == "" {
				inTable = false
			}
			continue
		}
		cells := splitRow(line)
		if len(cells) != 7 {
			continue
		}
		id := cells[0]
		if m := linkIDRE.FindStringSubmatch(id); m != nil {
			id = m[1]
		}
		id = strings.ReplaceAll(id, `\|`, "|")
		if note := strings.ReplaceAll(cells[6], `\|`, "|"); note != "" {
			notes[id] = note
		}
	}
	return notes
}

// splitRow splits a markdown table row into its trimmed cells; an escaped
// \| stays in its cell.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cur.WriteString(`\|`)
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}
