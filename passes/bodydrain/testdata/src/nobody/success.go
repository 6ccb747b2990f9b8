package nobody

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// The success side of a status check closed unread, where the failure side
// reads the server's message: the function knows the API's success has no
// content.

// Silent: a push to a gateway that answers 202 Accepted with no content.
func push(url string, body []byte) error {
	resp, err := client.Post(url, "text/plain", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		msg, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("push: %d: %s", resp.StatusCode, msg)
	}
	return nil
}

// Silent: an upload to a presigned URL, a range check on the status.
func upload(url string, data []byte) error {
	req, err := http.NewRequest(http.MethodPut, url, bytes.NewReader(data))
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return fmt.Errorf("upload: %d: %s", resp.StatusCode, msg)
	}
	return resp.Body.Close()
}

// Silent: the failure's JSON error read and parsed, the success's class
// written as status/100.
func ack(url string) error {
	req, err := http.NewRequest("DELETE", url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		var e struct{ Message string }
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &e); err != nil {
			return err
		}
		return fmt.Errorf("ack: %s", e.Message)
	}
	return nil
}

// Flagged: neither side reads the body: nothing says the success is empty.
func notify(url string, body []byte) (bool, error) {
	resp, err := client.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return true, err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF`
	if resp.StatusCode >= 300 {
		return true, fmt.Errorf("notify: %d", resp.StatusCode)
	}
	return false, nil
}

// Flagged: the failure side is the one closed unread; the success side
// reads.
func fetch(url string, v any) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close() // want `closed before it was read to EOF`
		return fmt.Errorf("fetch: %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// Flagged: the failure's body is read on a branch the status check did
// not decide (a header), so nothing ties the read to a failure.
func probe(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF`
	if resp.Header.Get("X-Debug") != "" {
		msg, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("debug: %s", msg)
	}
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	return fmt.Errorf("probe: %d", resp.StatusCode)
}

// Silent: the successes the code accepts, listed (a gateway answering 200
// or 202 by version), and the failures' message read; the method is a
// parameter every caller sets to a write.
func pushAny(url, method string, body []byte) error {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusAccepted {
		msg, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("push: %d: %s", resp.StatusCode, msg)
	}
	return nil
}

// Flagged: the accepted successes listed the other way round, and the
// success decoded partly (one JSON value) is still reported.
func created(req *http.Request, v any) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `after a JSON decode`
	if resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusCreated {
		return json.NewDecoder(resp.Body).Decode(v)
	}
	msg, _ := io.ReadAll(resp.Body)
	return fmt.Errorf("create: %d: %s", resp.StatusCode, msg)
}

// Flagged: the success is read, in part (one value through a capped
// reader): the function knows it has content, and stops before EOF.
func credentials(req *http.Request, v any) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF`
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		return fmt.Errorf("credentials: %s: %s", resp.Status, msg)
	}
	return json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(v)
}

// Replace and Add push with PUT and POST.
func Replace(url string, body []byte) error { return pushAny(url, http.MethodPut, body) }
func Add(url string, body []byte) error     { return pushAny(url, http.MethodPost, body) }

// Flagged: the success of a GET carries what was asked for, even where
// the failure's message is read (a debugging endpoint answering "Target
// activated").
func activate(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF`
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("activate: %s", msg)
	}
	return nil
}

// Flagged: a method parameter some caller sets to GET is no write.
func call(url, method string) error {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF`
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("%s: %s", method, msg)
	}
	return nil
}

func callers(url string) {
	_ = call(url, http.MethodPost)
	_ = call(url, http.MethodGet)
}
