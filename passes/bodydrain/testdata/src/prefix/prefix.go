// Package prefix holds bounded prefix reads: each reads part of the body,
// and the close after it loses the connection when more follows. They are
// reported with the unread message whatever -bodydrain.decoder says.
package prefix

import (
	"bufio"
	"io"
	"net/http"
)

var client = &http.Client{}

// Flagged: io.ReadFull fills a buffer and stops (its Read loop ends when
// the buffer is full, so it is no drain).
func readFull(url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 16)
	_, err = io.ReadFull(resp.Body, buf)
	resp.Body.Close() // want `response body of resp is closed before it was read to EOF: the Transport discards the connection`
	return buf, err
}

// Flagged: io.CopyN copies n bytes.
func copyN(url string, w io.Writer) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF on the path that returns at line 35`
	_, err = io.CopyN(w, resp.Body, 512)
	return err
}

// Flagged: a reader limited to n bytes, read once.
func limited(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	buf := make([]byte, 64)
	_, err = io.LimitReader(resp.Body, 64).Read(buf)
	resp.Body.Close() // want `closed before it was read to EOF`
	return err
}

// Flagged: one Scan reads the first line.
func firstLine(url string) string {
	resp, err := client.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close() // want `closed before it was read to EOF on the path that returns at line 59`
	sc := bufio.NewScanner(resp.Body)
	sc.Scan()
	return sc.Text()
}

// Silent: scanning every line reads to EOF.
func allLines(url string) (n int) {
	resp, err := client.Get(url)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		n++
	}
	return n
}

// readHeader is a helper that reads a fixed-size prefix and closes: its
// io.ReadFull does not make it a drain.
func readHeader(rc io.ReadCloser) ([]byte, error) { // want readHeader:`helper\(drains=\[\] closes=\[0\]\)`
	defer rc.Close()
	buf := make([]byte, 8)
	_, err := io.ReadFull(rc, buf)
	return buf, err
}

// Flagged: the helper closes what it has not read to EOF.
func viaHelper(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	_, err = readHeader(resp.Body) // want `closed before it was read to EOF`
	return err
}
