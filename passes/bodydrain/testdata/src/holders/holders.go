// Package holders: result types that keep a response body for their
// caller to read, and their Close.
package holders

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
)

// Rows streams a CSV query result; Close closes the body as it is.
type Rows struct {
	body io.ReadCloser
	r    *csv.Reader
}

func Query(c *http.Client, url string) (*Rows, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(resp.Body)
	return &Rows{body: resp.Body, r: r}, nil
}

func (rs *Rows) Next() ([]string, error) { return rs.r.Read() }

func (rs *Rows) Close() error {
	return rs.body.Close() // want `Rows.Close closes the response body in body without reading the rest: a caller that stops reading before the end`
}

// Export embeds the body as its io.Closer: the promoted Close is the body's.
type Export struct {
	io.Closer
	*csv.Reader
}

func OpenExport(c *http.Client, url string) (*Export, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	return &Export{
		Closer: resp.Body, // want `the response body is kept as Export's embedded Closer, so Export.Close is the body's own Close`
		Reader: csv.NewReader(resp.Body),
	}, nil
}

// Page decodes records one by one; its body is set by assignment and its
// Close is deferred-free but closes unread.
type Page struct {
	body io.ReadCloser
	dec  *json.Decoder
}

func (p *Page) Next(v any) error { return p.dec.Decode(v) }

func (p *Page) Close() error {
	err := p.body.Close() // want `Page.Close closes the response body in body`
	p.dec = nil
	return err
}

func OpenPage(c *http.Client, url string) (*Page, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	p := &Page{}
	p.body = resp.Body
	p.dec = json.NewDecoder(resp.Body)
	return p, nil
}

// Silent: Close discards the rest first.
type Cursor struct {
	body io.ReadCloser
	sc   *bufio.Scanner
}

func OpenCursor(c *http.Client, url string) (*Cursor, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	return &Cursor{body: resp.Body, sc: bufio.NewScanner(resp.Body)}, nil
}

func (cu *Cursor) Next() bool { return cu.sc.Scan() }

func (cu *Cursor) Close() error {
	_, _ = io.Copy(io.Discard, cu.body)
	return cu.body.Close()
}

// Silent: Close drains only when the reader has not reached EOF.
type Lines struct {
	body io.ReadCloser
	sc   *bufio.Scanner
	eof  bool
}

func OpenLines(c *http.Client, url string) (*Lines, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	return &Lines{body: resp.Body, sc: bufio.NewScanner(resp.Body)}, nil
}

func (l *Lines) Next() bool {
	if !l.sc.Scan() {
		l.eof = true
		return false
	}
	return true
}

func (l *Lines) Close() error {
	if !l.eof {
		io.Copy(io.Discard, l.body)
	}
	return l.body.Close()
}

// Silent: Close reads the remaining records in a loop before closing.
type Table struct {
	io.Closer
	r *csv.Reader
}

func OpenTable(c *http.Client, url string) (*Table, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	return &Table{Closer: resp.Body, r: csv.NewReader(resp.Body)}, nil
}

func (t *Table) Next() ([]string, error) { return t.r.Read() }

func (t *Table) Close() error {
	var err error
	for err == nil {
		_, err = t.r.Read()
	}
	return t.Closer.Close()
}

// Silent: the embedded Closer drains before it closes.
type drainCloser struct{ rc io.ReadCloser }

func (d drainCloser) Close() error {
	_, _ = io.Copy(io.Discard, d.rc)
	return d.rc.Close()
}

func OpenDrained(c *http.Client, url string) (*Export, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	return &Export{Closer: drainCloser{rc: resp.Body}, Reader: csv.NewReader(resp.Body)}, nil
}

// Silent: a carrier: the type reads nothing; its caller reads Body.
type Download struct {
	Name string
	body io.ReadCloser
}

func (d *Download) Body() io.Reader { return d.body }

func (d *Download) Close() error { return d.body.Close() }

func OpenDownload(c *http.Client, url string) (*Download, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	return &Download{Name: url, body: resp.Body}, nil
}

// Silent: an event stream, which may never end: closing is the way out.
type Events struct {
	body io.ReadCloser
	r    *bufio.Reader
}

func Subscribe(c *http.Client, url string) (*Events, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/event-stream")
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	return &Events{body: resp.Body, r: bufio.NewReader(resp.Body)}, nil
}

func (e *Events) Next() (string, error) { return e.r.ReadString('\n') }

func (e *Events) Close() error { return e.body.Close() }

// Silent: Close hands the body to a helper that may drain it.
type Blob struct {
	body io.ReadCloser
	r    *bufio.Reader
}

var finish func(io.ReadCloser) error

func OpenBlob(c *http.Client, url string) (*Blob, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	return &Blob{body: resp.Body, r: bufio.NewReader(resp.Body)}, nil
}

func (b *Blob) Read(p []byte) (int, error) { return b.r.Read(p) }

func (b *Blob) Close() error { return finish(b.body) }

// Silent: a reader over the body, read by its caller like the body.
type counting struct {
	body io.ReadCloser
	n    int64
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.body.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *counting) Close() error { return c.body.Close() }

func OpenCounted(cl *http.Client, url string) (io.ReadCloser, error) {
	resp, err := cl.Get(url)
	if err != nil {
		return nil, err
	}
	return &counting{body: resp.Body}, nil
}

// A function declared without a body (implemented in assembly): nothing to
// judge, and no crash.
func cycles() int64
