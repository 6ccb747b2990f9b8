package session6

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"

	"blind/client/session6/sdkutil"
)

// ===========================================================================
// Reports: the body goes to a codec chosen from the configuration.

// Codec decodes a report body.
type Codec interface {
	Decode(r io.Reader, v any) error
	ContentType() string
}

type jsonCodec struct{}

func (jsonCodec) ContentType() string { return "application/json" }
func (jsonCodec) Decode(r io.Reader, v any) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

type xmlCodec struct{}

func (xmlCodec) ContentType() string { return "application/xml" }
func (xmlCodec) Decode(r io.Reader, v any) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return xml.Unmarshal(b, v)
}

func codecFor(format string) Codec {
	if format == "xml" {
		return xmlCodec{}
	}
	return jsonCodec{}
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain deferred Close after the body went to the Codec interface; both implementations (codecFor picks one, callers cannot supply their own) read it to EOF with io.ReadAll
func (c *ReportsClient) getInto(ctx context.Context, path string, v any) error {
	req, err := sdkutil.NewRequest(ctx, http.MethodGet, c.cfg.Endpoint+path, "reports-go/3.2", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", c.codec.ContentType())
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // NAIVE: bodydrain
	if resp.StatusCode != http.StatusOK {
		return sdkutil.ErrorFrom(resp)
	}
	return c.codec.Decode(resp.Body, v)
}

// Summary is a report summary.
type Summary struct {
	ID    string `json:"id" xml:"id"`
	Title string `json:"title" xml:"title"`
	Rows  int    `json:"rows" xml:"rows"`
}

// Summary returns the summary of one report.
func (c *ReportsClient) Summary(ctx context.Context, id string) (*Summary, error) {
	var s Summary
	if err := c.getInto(ctx, "/reports/"+url.PathEscape(id)+"/summary", &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// ===========================================================================
// Reports: CSV exports.

var userColumns = []string{"id", "email", "created_at"}

// User is one row of the users export.
type User struct{ ID, Email, CreatedAt string }

// ---------------------------------------------------------------------------
// SHAPE: CSV export: the header line is read by sdkutil.ReadCSVHeader (other package); on a column mismatch the export (thousands of rows) is closed unread and an error returned
func (c *ReportsClient) ExportUsers(ctx context.Context, fn func(User) error) error {
	req, err := sdkutil.NewRequest(ctx, http.MethodGet, c.cfg.Endpoint+"/export/users.csv", "reports-go/3.2", nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		return sdkutil.ErrorFrom(resp)
	}
	br := bufio.NewReader(resp.Body)
	cols, err := sdkutil.ReadCSVHeader(br)
	if err != nil {
		resp.Body.Close()
		return err
	}
	if !slices.Equal(cols, userColumns) {
		resp.Body.Close() // BUG: bodydrain
		return fmt.Errorf("export users: unexpected columns %v", cols)
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = len(userColumns)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err == nil {
			err = fn(User{ID: rec[0], Email: rec[1], CreatedAt: rec[2]})
		}
		if err != nil {
			sdkutil.DrainClose(resp.Body)
			return err
		}
	}
	return resp.Body.Close()
}

var orderColumns = []string{"id", "customer", "total"}

// Order is one row of the orders export.
type Order struct{ ID, Customer, Total string }

// ---------------------------------------------------------------------------
// CLEAN: bodydrain CSV export: a column mismatch or a row error drains with sdkutil.DrainClose; on success the csv.Reader loop ran until io.EOF, so the final Close finds the body at EOF
func (c *ReportsClient) ExportOrders(ctx context.Context, fn func(Order) error) error {
	req, err := sdkutil.NewRequest(ctx, http.MethodGet, c.cfg.Endpoint+"/export/orders.csv", "reports-go/3.2", nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		return sdkutil.ErrorFrom(resp)
	}
	br := bufio.NewReader(resp.Body)
	cols, err := sdkutil.ReadCSVHeader(br)
	if err == nil && !slices.Equal(cols, orderColumns) {
		err = fmt.Errorf("export orders: unexpected columns %v", cols)
	}
	if err != nil {
		sdkutil.DrainClose(resp.Body)
		return err
	}
	r := csv.NewReader(br)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err == nil && len(rec) != len(orderColumns) {
			err = fmt.Errorf("export orders: row of %d fields", len(rec))
		}
		if err == nil {
			err = fn(Order{ID: rec[0], Customer: rec[1], Total: rec[2]})
		}
		if err != nil {
			sdkutil.DrainClose(resp.Body)
			return err
		}
	}
	return resp.Body.Close() // NAIVE: bodydrain
}

// ===========================================================================
// SQL-over-HTTP SDK: query results as row iterators.

// SQLClient runs queries against the analytics warehouse.
type SQLClient struct {
	hc   *http.Client
	base string
}

// NewSQLClient wraps hc, which the caller owns.
func NewSQLClient(hc *http.Client, base string) *SQLClient { return &SQLClient{hc: hc, base: base} }

// ErrNoRows is returned by QueryRow when the result is empty.
var ErrNoRows = errors.New("sql: no rows in result set")

func (c *SQLClient) post(ctx context.Context, path, query string, args []any) (*http.Response, error) {
	b, err := json.Marshal(map[string]any{"query": query, "args": args})
	if err != nil {
		return nil, err
	}
	req, err := sdkutil.NewRequest(ctx, http.MethodPost, c.base+path, "sqlhttp-go/0.7", bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return c.hc.Do(req)
}

// Rows is the finite result of a query: a JSON array of row objects.
type Rows struct {
	body io.ReadCloser
	dec  *json.Decoder
	cur  json.RawMessage
	err  error
}

// Query runs a query and returns its rows; the caller must Close them.
func (c *SQLClient) Query(ctx context.Context, query string, args ...any) (*Rows, error) {
	resp, err := c.post(ctx, "/v1/query", query, args)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		return nil, sdkutil.ErrorFrom(resp)
	}
	dec := json.NewDecoder(resp.Body)
	if _, err := dec.Token(); err != nil { // '['
		sdkutil.DrainClose(resp.Body)
		return nil, err
	}
	return &Rows{body: resp.Body, dec: dec}, nil
}

// Next advances to the next row.
func (r *Rows) Next() bool {
	if r.err != nil || !r.dec.More() {
		return false
	}
	r.cur = nil
	r.err = r.dec.Decode(&r.cur)
	return r.err == nil
}

// Scan decodes the current row into dst.
func (r *Rows) Scan(dst any) error { return json.Unmarshal(r.cur, dst) }

// Err is the error that stopped Next.
func (r *Rows) Err() error { return r.err }

// ---------------------------------------------------------------------------
// SHAPE: finite query result: Rows.Close closes the body as it is; QueryRow reads one row and closes, and even a full iteration leaves the closing bracket unread
func (r *Rows) Close() error {
	return r.body.Close() // BUG: bodydrain
}

// QueryRow runs a query and scans its first row into dst.
func (c *SQLClient) QueryRow(ctx context.Context, dst any, query string, args ...any) error {
	rows, err := c.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if rows.Err() != nil {
			return rows.Err()
		}
		return ErrNoRows
	}
	return rows.Scan(dst)
}

// Cursor is the finite result of an export query: one JSON row per line.
type Cursor struct {
	body io.ReadCloser
	sc   *bufio.Scanner
	eof  bool
	err  error
}

// Export runs an export query; the caller must Close the cursor.
func (c *SQLClient) Export(ctx context.Context, query string, args ...any) (*Cursor, error) {
	resp, err := c.post(ctx, "/v1/export", query, args)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		return nil, sdkutil.ErrorFrom(resp)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	return &Cursor{body: resp.Body, sc: sc}, nil
}

// Next decodes the next row into dst.
func (c *Cursor) Next(dst any) bool {
	if c.eof || c.err != nil {
		return false
	}
	if !c.sc.Scan() {
		c.err = c.sc.Err()
		c.eof = c.err == nil
		return false
	}
	c.err = json.Unmarshal(c.sc.Bytes(), dst)
	return c.err == nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain Cursor.Close drains only when the scanner has not reached EOF; when eof is set, Scan returned false with no error, i.e. the body was read to EOF
func (c *Cursor) Close() error {
	if !c.eof {
		io.Copy(io.Discard, c.body)
	}
	return c.body.Close() // NAIVE: bodydrain
}

// FirstN exports at most n rows.
func (c *SQLClient) FirstN(ctx context.Context, n int, query string) ([]map[string]any, error) {
	cur, err := c.Export(ctx, query)
	if err != nil {
		return nil, err
	}
	defer cur.Close()
	var out []map[string]any
	for len(out) < n {
		var row map[string]any
		if !cur.Next(&row) {
			break
		}
		out = append(out, row)
	}
	return out, cur.err
}
