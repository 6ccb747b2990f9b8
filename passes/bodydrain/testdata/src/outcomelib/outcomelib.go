// Package outcomelib has status helpers whose error tells what they did
// with the response, for package outcome.
package outcomelib

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
)

// ErrRateLimited is a sentinel error.
var ErrRateLimited = errors.New("rate limited")

// StatusError carries the status and the error body.
type StatusError struct {
	Code int
	Body []byte
}

func (e *StatusError) Error() string { return fmt.Sprintf("status %d: %s", e.Code, e.Body) }

// Debug turns on response dumps.
var Debug bool

// CheckStatus looks at the status only; a dump of error responses, when
// debugging, reads the body.
func CheckStatus(resp *http.Response) error { // want CheckStatus:`helper\(drains=\[\] closes=\[\] nilleaves=\[0\] errleaves=\[0\]\)`
	if resp.StatusCode == http.StatusTooManyRequests {
		return ErrRateLimited
	}
	if resp.StatusCode != http.StatusOK {
		if Debug {
			b, _ := httputil.DumpResponse(resp, true)
			fmt.Println(string(b))
		}
		return &StatusError{Code: resp.StatusCode}
	}
	return nil
}

// ToError reads the body of a 401 only.
func ToError(resp *http.Response) error { // want ToError:`helper\(drains=\[0\] closes=\[\] nilleaves=\[0\] errleaves=\[0\]\)`
	switch resp.StatusCode {
	case http.StatusOK:
		return nil
	case http.StatusTooManyRequests:
		return ErrRateLimited
	case http.StatusUnauthorized:
		b, _ := io.ReadAll(resp.Body)
		return &StatusError{Code: resp.StatusCode, Body: b}
	default:
		return fmt.Errorf("unexpected status %d", resp.StatusCode)
	}
}

// ReadError reads the body of every error response.
func ReadError(resp *http.Response) error { // want ReadError:`helper\(drains=\[0\] closes=\[\] nilleaves=\[0\] errleaves=\[\]\)`
	if resp.StatusCode < 300 {
		return nil
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return &StatusError{Code: resp.StatusCode, Body: b}
}

// Decode reads the body on every path: an error of its own, or of the
// read or the decode.
func Decode(resp *http.Response, v any) error { // want Decode:`helper\(drains=\[0\] closes=\[\]\)`
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return &StatusError{Code: resp.StatusCode, Body: b}
	}
	return json.Unmarshal(b, v)
}

// Consume drains the body unless there is none.
func Consume(resp *http.Response) error { // want Consume:`helper\(drains=\[0\] closes=\[\]\)`
	if resp.StatusCode == http.StatusNoContent {
		return nil
	}
	_, err := io.Copy(io.Discard, resp.Body)
	return err
}

// Keep keeps an error response in the error it returns, and drains the others.
func Keep(resp *http.Response) error { // want Keep:`helper\(drains=\[0\] closes=\[\]\)`
	if resp.StatusCode != http.StatusOK {
		return &RespError{Resp: resp}
	}
	_, err := io.Copy(io.Discard, resp.Body)
	return err
}

// RespError holds the response, for the caller to read.
type RespError struct{ Resp *http.Response }

func (e *RespError) Error() string { return e.Resp.Status }
