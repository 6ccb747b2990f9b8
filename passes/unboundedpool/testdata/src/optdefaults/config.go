package optdefaults

import (
	"net/http"
	"time"
)

// An exported configuration whose defaults method fills its neighbours
// and forgets IdleConnTimeout.

type ReportsConfig struct {
	Endpoint            string
	Timeout             time.Duration
	MaxIdleConnsPerHost int
	IdleConnTimeout     time.Duration
}

func (c *ReportsConfig) setDefaults() { // fills defaults, not IdleConnTimeout
	if c.Endpoint == "" {
		c.Endpoint = "https://reports.example.com"
	}
	if c.Timeout == 0 {
		c.Timeout = time.Minute
	}
	if c.MaxIdleConnsPerHost == 0 {
		c.MaxIdleConnsPerHost = 8
	}
}

func NewReports(cfg ReportsConfig) *http.Client {
	cfg.setDefaults()
	return &http.Client{
		Timeout: cfg.Timeout,
		Transport: &http.Transport{ // want `http.Transport's IdleConnTimeout comes from IdleConnTimeout, which setDefaults leaves zero while it fills other defaults`
			MaxIdleConnsPerHost: cfg.MaxIdleConnsPerHost,
			IdleConnTimeout:     cfg.IdleConnTimeout,
		},
	}
}

// Silent: the defaults fill it too.

type StoreConfig struct {
	Timeout         time.Duration
	MaxIdle         int
	IdleConnTimeout time.Duration
}

func (c *StoreConfig) defaults() {
	if c.Timeout == 0 {
		c.Timeout = time.Minute
	}
	if c.MaxIdle == 0 {
		c.MaxIdle = 4
	}
	if c.IdleConnTimeout == 0 {
		c.IdleConnTimeout = 30 * time.Second
	}
}

func NewStore(cfg StoreConfig) *http.Transport {
	cfg.defaults()
	return &http.Transport{MaxIdleConns: cfg.MaxIdle, IdleConnTimeout: cfg.IdleConnTimeout}
}

// Silent: no defaults at all: the caller's configuration.

type PlainConfig struct {
	IdleConnTimeout time.Duration
	MaxIdle         int
}

func NewPlain(cfg PlainConfig) *http.Transport {
	return &http.Transport{MaxIdleConns: cfg.MaxIdle, IdleConnTimeout: cfg.IdleConnTimeout}
}

// Silent: the package's default configuration sets it.

type SyncConfig struct {
	Timeout         time.Duration
	Retries         int
	IdleConnTimeout time.Duration
}

var DefaultSyncConfig = SyncConfig{Timeout: time.Minute, Retries: 3, IdleConnTimeout: time.Minute}

func (c *SyncConfig) fill() {
	if c.Timeout == 0 {
		c.Timeout = DefaultSyncConfig.Timeout
	}
	if c.Retries == 0 {
		c.Retries = DefaultSyncConfig.Retries
	}
}

func NewSync(cfg SyncConfig) *http.Transport {
	cfg.fill()
	return &http.Transport{IdleConnTimeout: cfg.IdleConnTimeout}
}
