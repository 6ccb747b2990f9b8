package funcvalue

import (
	"context"
	"net/http"
	"time"
)

type next = func(*http.Request) (*http.Response, error)
type mw = func(*http.Request, next) (*http.Response, error)

func apply(m mw, n next) next {
	return func(req *http.Request) (*http.Response, error) { return m(req, n) }
}

func shouldRetry(res *http.Response) bool { return res == nil || res.StatusCode >= 500 }

func scratch(hc *http.Client, mws []mw, r *http.Request, max int) error {
	handler := hc.Do
	for i := len(mws) - 1; i >= 0; i-- {
		handler = apply(mws[i], handler)
	}
	var res *http.Response
	var err error
	for retry := 0; retry <= max; retry++ {
		ctx := r.Context()
		req := r.Clone(ctx)
		res, err = handler(req)
		if !shouldRetry(res) || retry >= max {
			break
		}
		time.Sleep(time.Second)
	}
	_ = context.Background
	if err != nil {
		return err
	}
	res.Body.Close()
	return nil
}

func scratch2(hc *http.Client, mws []mw, r *http.Request, max int) error {
	handler := hc.Do
	for i := len(mws) - 1; i >= 0; i-- {
		handler = apply(mws[i], handler)
	}
	var res *http.Response
	var err error
	for retry := 0; retry <= max; retry++ {
		ctx := r.Context()
		req := r.Clone(ctx)
		res, err = handler(req)
		if ctx != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		if !shouldRetry(res) || retry >= max {
			break
		}
		if res != nil && res.Body != nil {
			res.Body.Close()
		}
		time.Sleep(time.Second)
	}
	if err != nil {
		return err
	}
	res.Body.Close()
	return nil
}
