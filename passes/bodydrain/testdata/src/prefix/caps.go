package prefix

import (
	"errors"
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

// maxSlurp is the cap net/http's client drains a redirect's body under.
const maxSlurp = 2 << 10

var errServer = errors.New("server error")

// Silent: net/http's own idiom, a body read up to 2 KiB when it is known to
// fit (or of unknown length), then closed.
func slurpClose(url string) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	defer func() {
		if resp.ContentLength == -1 || resp.ContentLength <= maxSlurp {
			_, _ = io.CopyN(io.Discard, resp.Body, maxSlurp)
		}
		resp.Body.Close()
	}()
	return resp.StatusCode, nil
}

// Silent: io.CopyN under a computed cap, in a helper that summarises it.
func discard(resp *http.Response, limit int64) { // want discard:`helper\(drains=\[0\] closes=\[0\]\)`
	_, _ = io.CopyN(io.Discard, resp.Body, limit)
	_ = resp.Body.Close()
}

// Silent: the helper above drains under the caller's cap.
func pingCapped(url string) error {
	resp, err := client.Head(url + "/ping")
	if err != nil {
		return err
	}
	defer discard(resp, 64<<10)
	if resp.StatusCode >= 500 {
		return errServer
	}
	return nil
}

// Flagged: 1 KiB copied out is a prefix, below any drain cap.
func preview(url string, w io.Writer) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	_, err = io.CopyN(w, resp.Body, 1<<10)
	resp.Body.Close() // want `closed before it was read to EOF`
	return err
}

// Flagged: a helper that copies a 256-byte prefix does not drain.
func peek(resp *http.Response, w io.Writer) { // want peek:`helper\(drains=\[\] closes=\[0\]\)`
	_, _ = io.CopyN(w, resp.Body, 256)
	resp.Body.Close()
}

// Flagged: the helper closes after a prefix.
func viaPeek(url string, w io.Writer) {
	resp, err := client.Get(url)
	if err != nil {
		return
	}
	peek(resp, w) // want `closed before it was read to EOF`
}

// Silent: the same idiom inline: a body known to be larger than the cap
// is dropped on purpose.
func slurpInline(url string) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	if resp.ContentLength == -1 || resp.ContentLength <= maxSlurp {
		_, _ = io.CopyN(io.Discard, resp.Body, maxSlurp)
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Silent: a large body skipped, a small one drained, written the other
// way round.
func skipLarge(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if 64<<10 < resp.ContentLength {
		return errServer
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// Flagged: a 100-byte threshold is no drain cap: small bodies over it are
// closed unread.
func tinyOnly(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	if resp.ContentLength > 100 {
		resp.Body.Close() // want `closed before it was read to EOF`
		return errServer
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return err
}
