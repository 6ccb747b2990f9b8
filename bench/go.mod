module github.com/connvet/connvet/bench

go 1.26.0

require (
	github.com/connvet/connvet v0.0.0-00010101000000-000000000000
	github.com/sonatard/noctx v0.5.1
	github.com/stretchr/testify v1.12.1
	github.com/timakin/bodyclose v0.0.0-20260723120731-857993a2939c
	golang.org/x/tools v0.52.0
)

require (
	github.com/gostaticanalysis/analysisutil v0.7.1 // indirect
	github.com/gostaticanalysis/comment v1.5.0 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools/go/expect v0.1.1-deprecated // indirect
)

replace github.com/connvet/connvet => ../
