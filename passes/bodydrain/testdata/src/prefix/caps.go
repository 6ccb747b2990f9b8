package prefix

import (
	"io"
	"net/http"
)

// Flagged: content sniffing reads the first 512 bytes: the code expects
// more than it reads.
func sniff(url string) (string, error) {
	resp, err := client.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF`
	head, err := io.ReadAll(io.LimitReader(resp.Body, 512))
	if err != nil {
		return "", err
	}
	return http.DetectContentType(head), nil
}

// Flagged: a small prefix copied out.
func firstBytes(url string, w io.Writer) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, io.LimitReader(resp.Body, 80))
	resp.Body.Close() // want `closed before it was read to EOF`
	return err
}

// maxDrain caps how much of an unwanted body is read before the close.
const maxDrain = 64 << 10

// drainClose reads an unwanted body up to a cap, then closes it: any body
// of ordinary size ends within the cap.
func drainClose(resp *http.Response) { // want drainClose:`helper\(drains=\[0\] closes=\[0\]\)`
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrain))
	resp.Body.Close()
}

// Silent: the helper drains under a cap before it closes.
func statusOnly(url string) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	defer drainClose(resp)
	return resp.StatusCode, nil
}

// Silent: the cap inline, 4 KiB, and a cap the caller configures.
func capped(url string, limit int64) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, limit))
	resp.Body.Close()
	return resp.StatusCode, nil
}
