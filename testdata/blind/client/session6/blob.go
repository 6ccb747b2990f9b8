package session6

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"blind/client/session6/sdkutil"
)

// BlobClient reads objects from the blob store. Objects are large (backups,
// snapshots, media), typically megabytes to gigabytes.
type BlobClient struct {
	hc     *http.Client
	base   string
	bucket string
}

// NewBlobClient wraps hc, which the caller owns.
func NewBlobClient(hc *http.Client, base, bucket string) *BlobClient {
	return &BlobClient{hc: hc, base: base, bucket: bucket}
}

func (s *BlobClient) objectURL(key string) string {
	return s.base + "/" + url.PathEscape(s.bucket) + "/" + url.PathEscape(key)
}

func (s *BlobClient) get(ctx context.Context, key string) (*http.Response, error) {
	req, err := sdkutil.NewRequest(ctx, http.MethodGet, s.objectURL(key), "blob-go/5.0", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "*/*")
	return s.hc.Do(req)
}

// ---------------------------------------------------------------------------
// SHAPE: ContentType GETs a whole (large) object, reads 512 bytes with io.ReadFull to sniff its type and returns; the deferred Close drops the rest
func (s *BlobClient) ContentType(ctx context.Context, key string) (string, error) {
	resp, err := s.get(ctx, key)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close() // BUG: bodydrain
	if resp.StatusCode != http.StatusOK {
		return "", sdkutil.ErrorFrom(resp)
	}
	buf := make([]byte, 512)
	n, err := io.ReadFull(resp.Body, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", err
	}
	return http.DetectContentType(buf[:n]), nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain HEAD request: the response has no body, so closing it unread keeps the connection
func (s *BlobClient) Exists(ctx context.Context, key string) (bool, error) {
	req, err := sdkutil.NewRequest(ctx, http.MethodHead, s.objectURL(key), "blob-go/5.0", nil)
	if err != nil {
		return false, err
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		return false, err
	}
	resp.Body.Close() // NAIVE: bodydrain
	switch resp.StatusCode {
	case http.StatusOK:
		return true, nil
	case http.StatusNotFound:
		return false, nil
	default:
		return false, fmt.Errorf("blob: head %s: %s", key, resp.Status)
	}
}

var errBadSnapshot = errors.New("blob: not a v2 snapshot")

// ---------------------------------------------------------------------------
// SHAPE: withBody hands the object body to a callback and drains after it on success, but closes unread when the callback fails; RestoreSnapshot's callback fails after reading an 8-byte magic header
func (s *BlobClient) withBody(ctx context.Context, key string, fn func(io.Reader) error) error {
	resp, err := s.get(ctx, key)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		return sdkutil.ErrorFrom(resp)
	}
	if err := fn(resp.Body); err != nil {
		resp.Body.Close() // BUG: bodydrain
		return err
	}
	return sdkutil.DrainClose(resp.Body)
}

// RestoreSnapshot streams a snapshot object into dst after checking its header.
func (s *BlobClient) RestoreSnapshot(ctx context.Context, key string, dst io.Writer) error {
	return s.withBody(ctx, key, func(r io.Reader) error {
		var magic [8]byte
		if _, err := io.ReadFull(r, magic[:]); err != nil {
			return err
		}
		if string(magic[:]) != "SNAPv2\x00\x00" {
			return errBadSnapshot
		}
		_, err := io.Copy(dst, r)
		return err
	})
}
