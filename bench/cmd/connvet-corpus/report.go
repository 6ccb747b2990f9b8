package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// writeReport writes results.json, results.md and findings.md into dir.
func writeReport(dir string, rep *Report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "results.json"), append(data, '\n'), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "results.md"), []byte(tableMarkdown(rep)), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "findings.md"), []byte(findingsMarkdown(rep)), 0o644)
}

// tableMarkdown is one row per module: the record issue 7 asks for.
func tableMarkdown(rep *Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "connvet corpus run, %s, %s, checks: %s\n\n", rep.Date, rep.GoVersion, strings.Join(rep.Checks, ", "))
	fmt.Fprintf(&b, "| module | version | packages |")
	for _, c := range rep.Checks {
		fmt.Fprintf(&b, " %s |", c)
	}
	fmt.Fprintf(&b, " wall (s) | peak RSS (MiB) | crashes | fixes | fixes compile | notes |\n|---|---|---:|")
	for range rep.Checks {
		b.WriteString("---:|")
	}
	b.WriteString("---:|---:|---:|---:|---|---|\n")
	for _, r := range rep.Modules {
		fmt.Fprintf(&b, "| %s | %s | %d |", r.Module, r.Version, r.Packages)
		for _, c := range rep.Checks {
			fmt.Fprintf(&b, " %d |", r.Findings[c])
		}
		notes := r.Setup
		if len(r.Errors) > 0 {
			notes = strings.TrimSpace(notes + fmt.Sprintf(" %d load/type errors (not connvet's)", len(r.Errors)))
		}
		if r.FixesApplied > 0 && r.Module != "std" {
			notes += fmt.Sprintf(" %d findings left after -fix", r.AfterFix)
		}
		if len(r.Unformatted) > 0 {
			notes += " not gofmt-clean after -fix: " + strings.Join(r.Unformatted, ", ")
		}
		if len(r.FixBrokenPkgs) > 0 {
			notes += " broken by fixes: " + strings.Join(r.FixBrokenPkgs, ", ")
		}
		if r.FixCheck.Gate() {
			notes += " -fixcheck: " + mdCell(r.FixCheck.Summary())
		}
		fmt.Fprintf(&b, " %.1f | %.0f | %d | %d | %s | %s |\n", r.WallSeconds, r.PeakRSSMiB, len(r.Crashes), r.FixesApplied, r.FixCompile, notes)
	}
	fmt.Fprintf(&b, "| **total** (%d runs) | | %d |", len(rep.Modules), rep.Packages)
	for _, c := range rep.Checks {
		fmt.Fprintf(&b, " %d |", rep.Findings[c])
	}
	fmt.Fprintf(&b, " %.0f | | %d | | %d ok, %d broken | |\n", rep.WallTotal, rep.Crashes, rep.FixOK, rep.FixBroken)
	var rows []fixRow
	for _, r := range rep.Modules {
		if r.FixCheck != nil {
			rows = append(rows, fixRow{name: r.Module, fc: r.FixCheck})
		}
	}
	if len(rows) > 0 {
		b.WriteString("\n" + fixCheckMarkdown("##", rows))
	}
	return b.String()
}

// findingsMarkdown lists every finding, crash and error, for review.
func findingsMarkdown(rep *Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# connvet corpus findings, %s\n\n", rep.Date)
	for _, r := range rep.Modules {
		if len(r.List) == 0 && len(r.Crashes) == 0 && len(r.Errors) == 0 {
			continue
		}
		fmt.Fprintf(&b, "## %s@%s\n\n", r.Module, r.Version)
		for _, f := range r.List {
			fmt.Fprintf(&b, "- %s %s: %s (fixes: %d)\n", f.Check, f.Pos, f.Message, f.Fixes)
		}
		for _, c := range r.Crashes {
			fmt.Fprintf(&b, "- CRASH:\n```\n%s\n```\n", c)
		}
		for _, e := range r.Errors {
			fmt.Fprintf(&b, "- error (load/type, not a finding):\n```\n%s\n```\n", e)
		}
		b.WriteString("\n")
	}
	return b.String()
}
