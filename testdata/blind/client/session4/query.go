package session4

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"net/url"
)

// Rows is a streaming query result: CSV records read straight off the
// response body. Callers read as many rows as they need and Close it.
type Rows struct {
	body    io.ReadCloser
	r       *csv.Reader
	Columns []string
}

// Query runs sql and streams the result.
func (c *Client) Query(ctx context.Context, sql string) (*Rows, error) {
	req, err := c.NewRequest(ctx, http.MethodGet, "/query?format=csv&q="+url.QueryEscape(sql), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if err := CheckResponse(resp); err != nil {
		resp.Body.Close()
		return nil, err
	}
	r := csv.NewReader(resp.Body)
	cols, err := r.Read()
	if err != nil {
		drainBody(resp.Body)
		return nil, err
	}
	return &Rows{body: resp.Body, r: r, Columns: cols}, nil
}

// Next returns the next record, or io.EOF at the end.
func (rs *Rows) Next() ([]string, error) { return rs.r.Read() }

// ---------------------------------------------------------------------------
// SHAPE: streaming result's Close closes the response body it holds without reading the rest; LookupFirst (below) stops at the first matching row, so the connection is lost on every early stop
func (rs *Rows) Close() error {
	return rs.body.Close() // BUG: bodydrain
}

// LookupFirst returns the first row whose first column is key.
func (c *Client) LookupFirst(ctx context.Context, sql, key string) ([]string, error) {
	rows, err := c.Query(ctx, sql)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for {
		rec, err := rows.Next()
		if err == io.EOF {
			return nil, ErrNotFound
		}
		if err != nil {
			return nil, err
		}
		if len(rec) > 0 && rec[0] == key {
			return rec, nil
		}
	}
}

// Cursor is the paged variant of Rows; Close finishes the page.
type Cursor struct {
	body io.ReadCloser
	dec  *csv.Reader
	next string
}

// Page runs one page of a paged query.
func (c *Client) Page(ctx context.Context, sql, cursor string) (*Cursor, error) {
	req, err := c.NewRequest(ctx, http.MethodGet, "/query?format=csv&q="+url.QueryEscape(sql)+"&cursor="+url.QueryEscape(cursor), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if err := CheckResponse(resp); err != nil {
		resp.Body.Close()
		return nil, err
	}
	return &Cursor{body: resp.Body, dec: csv.NewReader(resp.Body), next: resp.Header.Get("X-Next-Cursor")}, nil
}

// Read returns the next record of the page.
func (cu *Cursor) Read() ([]string, error) { return cu.dec.Read() }

// ---------------------------------------------------------------------------
// CLEAN: bodydrain the cursor's Close discards the rest of the page before closing, so stopping early keeps the connection
func (cu *Cursor) Close() error {
	_, _ = io.Copy(io.Discard, cu.body)
	return cu.body.Close() // NAIVE: bodydrain
}

// ExportStream embeds the body's Closer next to a CSV reader over it:
// callers use Read and Close directly.
type ExportStream struct {
	io.Closer
	*csv.Reader
	Table string
}

// ---------------------------------------------------------------------------
// SHAPE: result embeds resp.Body as its io.Closer, so ExportStream.Close is the body's Close; SampleRows (below) reads a few rows and closes, leaving the export unread
func (c *Client) OpenExport(ctx context.Context, table string) (*ExportStream, error) {
	req, err := c.NewRequest(ctx, http.MethodGet, "/tables/"+url.PathEscape(table)+"/export.csv", nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if err := CheckResponse(resp); err != nil {
		resp.Body.Close()
		return nil, err
	}
	return &ExportStream{
		Closer: resp.Body, // BUG: bodydrain
		Reader: csv.NewReader(resp.Body),
		Table:  table,
	}, nil
}

// SampleRows returns the first n rows of a table export.
func (c *Client) SampleRows(ctx context.Context, table string, n int) ([][]string, error) {
	s, err := c.OpenExport(ctx, table)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var out [][]string
	for len(out) < n {
		rec, err := s.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// drainCloser closes a body after discarding what is left of it.
type drainCloser struct{ rc io.ReadCloser }

func (d drainCloser) Close() error {
	_, _ = io.Copy(io.Discard, d.rc)
	return d.rc.Close()
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain the embedded io.Closer is a drainCloser around resp.Body, so an early Close reads the rest first
func (c *Client) OpenSnapshot(ctx context.Context, table string) (*ExportStream, error) {
	req, err := c.NewRequest(ctx, http.MethodGet, "/tables/"+url.PathEscape(table)+"/snapshot.csv", nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if err := CheckResponse(resp); err != nil {
		resp.Body.Close()
		return nil, err
	}
	return &ExportStream{
		Closer: drainCloser{rc: resp.Body}, // NAIVE: bodydrain
		Reader: csv.NewReader(resp.Body),
		Table:  table,
	}, nil
}
