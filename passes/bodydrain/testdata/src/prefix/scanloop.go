package prefix

import (
	"bufio"
	"strings"
)

// Flagged: the scan stops at the first matching line; on that path the
// rest of the body is left unread.
func findLine(url, prefix string) (string, error) {
	resp, err := client.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF on the path that returns at line 19`
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, prefix) {
			return line, nil
		}
	}
	return "", sc.Err()
}

// Flagged: break out of the scan loop, then close.
func firstBlank(url string) int {
	resp, err := client.Get(url)
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(resp.Body)
	n := 0
	for sc.Scan() {
		if sc.Text() == "" {
			break
		}
		n++
	}
	resp.Body.Close() // want `closed before it was read to EOF`
	return n
}

// Silent: every line is scanned; the loop ends where Scan reports false.
func countLines(url string) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	n := 0
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		n++
	}
	return n, sc.Err()
}

// Silent: the negated form, leaving only when Scan reports false.
func collect(url string) []string {
	resp, err := client.Get(url)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	var out []string
	for {
		if !sc.Scan() {
			break
		}
		out = append(out, sc.Text())
	}
	return out
}
